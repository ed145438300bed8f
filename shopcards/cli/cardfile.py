"""`shopcards backup`, `restore` and `check`: keeping the card file safe from the command line."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from shopcards.cli import add_command, add_db_option, db_location, db_path
from shopcards.core.i18n import _
from shopcards.services import backup
from shopcards.services.auth import cli_session


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = add_command(
        commands,
        "backup",
        _("copy the card file (to DEST: owner, asks the PIN; or the backups folder)"),
        _(
            "Copy the card file whole and consistent, even while the window has it open. Without "
            "DEST the copy goes to the backups folder beside the card file; copying to DEST is the "
            "owner's and asks for the PIN."
        ),
    )
    p.add_argument(
        "dest",
        nargs="?",
        type=Path,
        help=_("a folder to copy into, or the name of the copy (default: the backups folder)"),
    )
    add_db_option(p)
    p.set_defaults(func=_backup)

    p = add_command(
        commands,
        "restore",
        _("replace the card file with a backup, after checks"),
        _(
            "Check the backup first (a damaged one is refused and nothing changes), then put it "
            "in place of the card file; what the card file held before is kept aside and named. "
            "Owner only: the PIN comes from SHOPCARDS_PIN or is asked for."
        ),
    )
    p.add_argument("file", type=Path, help=_("the backup file to restore"))
    add_db_option(p)
    p.set_defaults(func=_restore)

    p = add_command(
        commands,
        "check",
        _("check the card file for damage"),
        _(
            "Run SQLite's integrity and foreign-key checks on the card file and say what it holds "
            "(cards, purchases, schema step). Exits with 1 when a problem is found."
        ),
    )
    add_db_option(p)
    p.set_defaults(func=_check)


def _backup(args: argparse.Namespace) -> int:
    session = cli_session(db_location(args), need_owner=args.dest is not None)
    try:
        print(_("Backed up to {path}", path=backup.backup_now(session, args.dest)))
    finally:
        session.close()
    return 0


def _restore(args: argparse.Namespace) -> int:
    restored = backup.restore_file(
        db_path(args), args.file, lambda path: cli_session(path, need_owner=True)
    )
    if restored.warning:
        print(_("Warning: {warning}", warning=restored.warning), file=sys.stderr)
    print(_("Restored {file} into {db_path}.", file=args.file, db_path=db_path(args)))
    print(_("What was there before is kept in {safety_copy}.", safety_copy=restored.safety_copy))
    return 0


def _check(args: argparse.Namespace) -> int:
    report = backup.check_file(db_path(args))
    if not report.ok:
        print(f"{report.path}: {report.heading}")
        for problem in report.problems or (_("there is no card file at {path}", path=report.path),):
            print(f"  - {problem}")
        if report.damaged:
            print(_("Restore a backup with `shopcards restore FILE`."))
        return 1
    print(
        _(
            "{path}: {ok} — {customers} cards, {purchases} purchases, schema step {step}",
            path=report.path,
            customers=format(report.customers, ","),
            purchases=format(report.purchases, ","),
            step=report.schema_steps,
            ok=_("OK"),
        )
    )
    if report.share is not None:
        print(
            _(
                "The file is in a shared network folder ({share}): shopcards can check it but "
                "not save to it.",
                share=report.share.place,
            )
        )
    elif report.read_only:
        print(_("The file is read-only: shopcards can read it but not save to it."))
    return 0
