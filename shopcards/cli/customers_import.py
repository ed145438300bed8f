"""`shopcards import-customers FILE`: the shop's existing customer list onto cards, all rows
or none, after a preview; `--undo BATCH` takes an import back the same day (owner)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from shopcards.cli import add_command, add_db_option, db_location
from shopcards.cli.purchases import _named_columns as named_columns
from shopcards.core.customer_rows import ColumnMapping
from shopcards.core.customer_table import CustomerTable
from shopcards.core.errors import ShopError
from shopcards.core.i18n import _, ngettext
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
        _("add the shop's existing customer list (CSV, .xlsx, .xls, .ods, .vcf) as cards"),
        _(
            "Read the file, say of each row whether it is a new card, an update of the card "
            "with its card number, a possible duplicate of a card or of an earlier row, or "
            "refused (with the row, the column and why), then save every card in one batch, or "
            "none. Owner only: the PIN comes from SHOPCARDS_PIN or is asked for."
        ),
    )
    p.add_argument("file", type=Path, nargs="?", help=_("the customer file"))
    p.add_argument("--dry-run", action="store_true", help=_("preview only, save nothing"))
    p.add_argument(
        "--column",
        action="append",
        default=[],
        metavar="FIELD=HEADING",
        help=_(
            "which column holds a field, e.g. birthday=Syntymäpäivä (fields: {fields}); repeatable",
            fields=", ".join(customer_mappings.FIELD_NAMES),
        ),
    )
    p.add_argument("--mapping", metavar="NAME", help=_("use the column mapping saved as NAME"))
    p.add_argument("--save-mapping", metavar="NAME", help=_("save the columns as used under NAME"))
    p.add_argument(
        "--duplicates",
        choices=[d.value for d in Decision],
        help=_(
            "what to do with every possible duplicate: skip it, update the card it "
            "resembles, or add it anyway"
        ),
    )
    p.add_argument("--sheet", metavar="NAME", help=_("the sheet of a spreadsheet to read"))
    p.add_argument("--encoding", metavar="ENC", help=_("the CSV file's encoding, if not guessed"))
    p.add_argument("--undo", type=int, metavar="BATCH", help=_("undo import BATCH (same day)"))
    add_db_option(p)
    p.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    if (args.undo is None) == (args.file is None):
        raise ShopError(_("Give the customer file to import, or --undo BATCH (not both)."))
    session = cli_session(db_location(args), need_owner=True)
    try:
        if args.undo is not None:
            undone = undo_import(session, args.undo)
            print(
                _(
                    "Import {batch} undone: {removed} it added removed, {restored} it updated "
                    "put back.",
                    batch=args.undo,
                    removed=_cards(undone.removed),
                    restored=_cards(undone.restored),
                )
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
        print(_("Column mapping saved as “{name}”.", name=args.save_mapping))
    result = preview(session, table, mapping)
    _print_preview(result)
    if result.count(Status.REFUSED):
        print(_("Nothing was imported. Fix or remove these rows and run the import again."))
        return 1
    if args.dry_run:
        print(_("Nothing was imported (dry run)."))
        return 0
    if result.count(Status.DUPLICATE) and args.duplicates is None:
        print(
            _(
                "Nothing was imported: say what to do with the possible duplicates with "
                "--duplicates skip, update or add."
            )
        )
        return 1
    for_all = Decision(args.duplicates) if args.duplicates else None
    saved = save(session, result, for_all=for_all)
    print(
        _(
            "Imported: {added} added, {updated} updated, {skipped} skipped (import {batch}; to "
            "take it back today: shopcards import-customers --undo {batch}).",
            added=_cards(saved.added),
            updated=format(saved.updated, ","),
            skipped=format(saved.skipped, ","),
            batch=saved.batch,
        )
    )
    return 0


def _cards(n: int) -> str:
    return ngettext("{count} card", "{count} cards", n, count=format(n, ","))


def _mapping(session: Session, args: argparse.Namespace, table: CustomerTable) -> ColumnMapping:
    """The saved mapping asked for, else one saved for these headings, else the headings
    recognised; then the owner's --column on top."""
    headings = table.headings
    if args.mapping:
        mapping = customer_mappings.mapping_named(session, args.mapping, headings)
    elif found := customer_mappings.matching(session, headings):
        print(_("Using the column mapping saved as “{name}”.", name=found[0]))
        mapping = found[1]
    else:
        mapping = customer_mappings.suggested(headings)
    mapping = customer_mappings.with_named(headings, mapping, named_columns(args.column))
    shown = ", ".join(f"“{headings[i]}” → {field.value}" for i, field in sorted(mapping.items()))
    print(
        ngettext(
            "{name}: {count} row. Columns: {columns}.",
            "{name}: {count} rows. Columns: {columns}.",
            len(table.rows),
            name=Path(table.source).name,
            count=format(len(table.rows), ","),
            columns=shown or _("none"),
        )
    )
    unused = [f"“{h}”" for i, h in enumerate(headings) if i not in mapping]
    if unused:
        print(
            _(
                "Not read: {headings} (say which is which with --column FIELD=HEADING)",
                headings=", ".join(unused),
            )
        )
    return mapping


def _print_preview(result: Preview) -> None:
    print(
        _(
            "New: {new}  Updates: {updates}  Possible duplicates: {duplicates}  Refused: {refused}",
            new=format(result.count(Status.NEW), ","),
            updates=format(result.count(Status.UPDATE), ","),
            duplicates=format(result.count(Status.DUPLICATE), ","),
            refused=format(result.count(Status.REFUSED), ","),
        )
    )
    _list(
        _("Possible duplicates:"),
        result.of(Status.DUPLICATE),
        lambda r: _("  row {row} ({name}): {reason}", row=r.row, name=r.name, reason=r.reason),
    )
    _list(
        _("Refused:"),
        result.of(Status.REFUSED),
        lambda r: (
            _("  row {row}, column {column}: {reason}", row=r.row, column=r.column, reason=r.reason)
            if r.column
            else _("  row {row}: {reason}", row=r.row, reason=r.reason)
        ),
    )


def _list(title: str, rows: list[PreviewRow], line: Callable[[PreviewRow], str]) -> None:
    if not rows:
        return
    print(title)
    for row in rows[:LISTED]:
        print(line(row))
    if len(rows) > LISTED:
        print(_("  … and {count} more", count=format(len(rows) - LISTED, ",")))
