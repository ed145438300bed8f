"""`shopcards backup`, `restore` and `check`: keeping the card file safe from the command line."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from shopcards.cli import add_db_option, db_path
from shopcards.services import backup
from shopcards.services.auth import cli_session
from shopcards.services.session import open_session


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = commands.add_parser("backup", help="copy the card file (to DEST, or the backups folder)")
    p.add_argument("dest", nargs="?", type=Path, help="a folder or a file name")
    add_db_option(p)
    p.set_defaults(func=_backup)

    p = commands.add_parser("restore", help="replace the card file with a backup, after checks")
    p.add_argument("file", type=Path, help="the backup to restore")
    add_db_option(p)
    p.set_defaults(func=_restore)

    p = commands.add_parser("check", help="check the card file for damage")
    add_db_option(p)
    p.set_defaults(func=_check)


def _backup(args: argparse.Namespace) -> int:
    session = open_session(db_path(args))
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
