"""`shopcards import-customers FILE`: the shop's existing customer list onto cards, all rows
or none, after a preview; `--undo BATCH` takes an import back the same day (owner)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from shopcards.cli import add_command, add_db_option, db_path
from shopcards.cli.purchases import _named_columns as named_columns
from shopcards.core.customer_rows import ColumnMapping
from shopcards.core.customer_table import CustomerTable
from shopcards.core.errors import ShopError
from shopcards.services import customer_files, customer_mappings
from shopcards.services.auth import cli_session
from shopcards.services.customer_import import Decision, Preview, PreviewRow, Status, preview, save
from shopcards.services.customer_import_undo import undo_import
from shopcards.services.session import Session

LISTED = 1_000
"""Duplicates and refused rows listed one by one; the counts say the rest."""


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = add_command(
        commands,
        "import-customers",
        "add the shop's existing customer list (CSV, .xlsx, .xls, .ods, .vcf) as cards",
        "Read the file, say of each row whether it is a new card, an update of the card with "
        "its card number, a possible duplicate of a card or of an earlier row, or refused (with "
        "the row, the column and why), then save every card in one batch, or none. Owner only: "
        "the PIN comes from SHOPCARDS_PIN or is asked for.",
    )
    p.add_argument("file", type=Path, nargs="?", help="the customer file")
    p.add_argument("--dry-run", action="store_true", help="preview only, save nothing")
    p.add_argument(
        "--column",
        action="append",
        default=[],
        metavar="FIELD=HEADING",
        help="which column holds a field, e.g. birthday=Syntymäpäivä (fields: "
        + ", ".join(customer_mappings.FIELD_NAMES)
        + "); repeatable",
    )
    p.add_argument("--mapping", metavar="NAME", help="use the column mapping saved as NAME")
    p.add_argument("--save-mapping", metavar="NAME", help="save the columns as used under NAME")
    p.add_argument(
        "--duplicates",
        choices=[d.value for d in Decision],
        help="what to do with every possible duplicate: skip it, update the card it "
        "resembles, or add it anyway",
    )
    p.add_argument("--sheet", metavar="NAME", help="the sheet of a spreadsheet to read")
    p.add_argument("--encoding", metavar="ENC", help="the CSV file's encoding, if not guessed")
    p.add_argument("--undo", type=int, metavar="BATCH", help="undo import BATCH (same day)")
    add_db_option(p)
    p.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    if (args.undo is None) == (args.file is None):
        raise ShopError("Give the customer file to import, or --undo BATCH (not both).")
    session = cli_session(db_path(args), need_owner=True)
    try:
        if args.undo is not None:
            undone = undo_import(session, args.undo)
            print(
                f"Import {args.undo} undone: {_cards(undone.removed)} it added removed, "
                f"{_cards(undone.restored)} it updated put back."
            )
            return 0
        return _import(session, args)
    finally:
        session.close()


def _import(session: Session, args: argparse.Namespace) -> int:
    extra = {"encoding": args.encoding} if args.encoding else {}
    table = customer_files.read_customer_file(args.file, sheet=args.sheet, **extra)
    mapping = _mapping(session, args, table)
    if args.save_mapping:
        customer_mappings.save_mapping(session, args.save_mapping, table.headings, mapping)
        print(f"Column mapping saved as “{args.save_mapping}”.")
    result = preview(session, table, mapping)
    _print_preview(result)
    if result.count(Status.REFUSED):
        print("Nothing was imported. Fix or remove these rows and run the import again.")
        return 1
    if args.dry_run:
        print("Nothing was imported (dry run).")
        return 0
    if result.count(Status.DUPLICATE) and args.duplicates is None:
        print(
            "Nothing was imported: say what to do with the possible duplicates with "
            "--duplicates skip, update or add."
        )
        return 1
    for_all = Decision(args.duplicates) if args.duplicates else None
    saved = save(session, result, for_all=for_all)
    print(
        f"Imported: {_cards(saved.added)} added, {saved.updated:,} updated, "
        f"{saved.skipped:,} skipped (import {saved.batch}; to take it back today: "
        f"shopcards import-customers --undo {saved.batch})."
    )
    return 0


def _cards(n: int) -> str:
    return f"{n:,} card{'s' * (n != 1)}"


def _mapping(session: Session, args: argparse.Namespace, table: CustomerTable) -> ColumnMapping:
    """The saved mapping asked for, else one saved for these headings, else the headings
    recognised; then the owner's --column on top."""
    headings = table.headings
    if args.mapping:
        mapping = customer_mappings.mapping_named(session, args.mapping, headings)
    elif found := customer_mappings.matching(session, headings):
        print(f"Using the column mapping saved as “{found[0]}”.")
        mapping = found[1]
    else:
        mapping = customer_mappings.suggested(headings)
    mapping = customer_mappings.with_named(headings, mapping, named_columns(args.column))
    shown = ", ".join(f"“{headings[i]}” → {field.value}" for i, field in sorted(mapping.items()))
    print(f"{Path(table.source).name}: {len(table.rows):,} rows. Columns: {shown or 'none'}.")
    unused = [f"“{h}”" for i, h in enumerate(headings) if i not in mapping]
    if unused:
        print(f"Not read: {', '.join(unused)} (say which is which with --column FIELD=HEADING)")
    return mapping


def _print_preview(result: Preview) -> None:
    print(
        f"New: {result.count(Status.NEW):,}  Updates: {result.count(Status.UPDATE):,}  "
        f"Possible duplicates: {result.count(Status.DUPLICATE):,}  "
        f"Refused: {result.count(Status.REFUSED):,}"
    )
    _list("Possible duplicates:", result.of(Status.DUPLICATE), lambda r: f" ({r.name}): {r.reason}")
    _list(
        "Refused:",
        result.of(Status.REFUSED),
        lambda r: f", column {r.column}: {r.reason}" if r.column else f": {r.reason}",
    )


def _list(title: str, rows: list[PreviewRow], line: Callable[[PreviewRow], str]) -> None:
    if not rows:
        return
    print(title)
    for row in rows[:LISTED]:
        print(f"  row {row.row}{line(row)}")
    if len(rows) > LISTED:
        print(f"  … and {len(rows) - LISTED:,} more")
