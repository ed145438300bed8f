"""`shopcards backup`, `restore` and `check`: keeping the card file safe from the command line."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from shopcards.cli import add_command, add_db_option, db_path
from shopcards.services import backup
from shopcards.services.auth import cli_session


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = add_command(
        commands,
        "backup",
        "copy the card file (to DEST: owner, asks the PIN; or the backups folder)",
        "Copy the card file whole and consistent, even while the window has it open. Without "
        "DEST the copy goes to the backups folder beside the card file; copying to DEST is the "
        "owner's and asks for the PIN.",
    )
    p.add_argument(
        "dest",
        nargs="?",
        type=Path,
        help="a folder to copy into, or the name of the copy (default: the backups folder)",
    )
    add_db_option(p)
    p.set_defaults(func=_backup)

    p = add_command(
        commands,
        "restore",
        "replace the card file with a backup, after checks",
        "Check the backup first (a damaged one is refused and nothing changes), then put it "
        "in place of the card file; what the card file held before is kept aside and named. "
        "Owner only: the PIN comes from SHOPCARDS_PIN or is asked for.",
    )
    p.add_argument("file", type=Path, help="the backup file to restore")
    add_db_option(p)
    p.set_defaults(func=_restore)

    p = add_command(
        commands,
        "check",
        "check the card file for damage",
        "Run SQLite's integrity and foreign-key checks on the card file and say what it holds "
        "(cards, purchases, schema step). Exits with 1 when a problem is found.",
    )
    add_db_option(p)
    p.set_defaults(func=_check)


def _backup(args: argparse.Namespace) -> int:
    session = cli_session(db_path(args), need_owner=args.dest is not None)
    try:
        print(f"Backed up to {backup.backup_now(session, args.dest)}")
    finally:
        session.close()
    return 0


def _restore(args: argparse.Namespace) -> int:
    restored = backup.restore_file(
        db_path(args), args.file, lambda path: cli_session(path, need_owner=True)
    )
    if restored.warning:
        print(f"Warning: {restored.warning}", file=sys.stderr)
    print(f"Restored {args.file} into {db_path(args)}.")
    print(f"What was there before is kept in {restored.safety_copy}.")
    return 0


def _check(args: argparse.Namespace) -> int:
    report = backup.check_file(db_path(args))
    if not report.ok:
        print(f"{report.path}: {report.heading}")
        for problem in report.problems or (f"there is no card file at {report.path}",):
            print(f"  - {problem}")
        if report.damaged:
            print("Restore a backup with `shopcards restore FILE`.")
        return 1
    print(
        f"{report.path}: OK — {report.customers:,} cards, {report.purchases:,} purchases, "
        f"schema step {report.schema_steps}"
    )
    if report.read_only:
        print("The file is read-only: shopcards can read it but not save to it.")
    return 0
