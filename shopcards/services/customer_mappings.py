"""Which column of a customer file is which field: suggested from the headings, named by the
owner (``--column birthday=Syntymäpäivä``), or a mapping saved under a name and offered again
for a file with the same headings."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from shopcards.core.customer_headings import Field, suggest
from shopcards.core.customer_rows import ColumnMapping
from shopcards.core.errors import NotFound, ShopError
from shopcards.core.i18n import _
from shopcards.services.session import Session, require_owner
from shopcards.store import customer_import as store

FIELD_NAMES = tuple(field.value for field in Field)


def suggested(headings: Sequence[str]) -> dict[int, Field]:
    """The field each heading is recognised as (part 1's rules); unrecognised columns are left
    out."""
    return {index: name for index, name in enumerate(suggest(headings)) if name is not None}


def with_named(
    headings: Sequence[str], mapping: Mapping[int, Field], named: Mapping[str, str]
) -> dict[int, Field]:
    """``mapping`` with the owner's ``{field: heading}`` put in (taking that column from
    whatever field it had); an unknown field or a heading the file lacks is refused."""
    result = dict(mapping)
    for name, heading in named.items():
        if name not in FIELD_NAMES:
            raise ShopError(
                _(
                    "“{name}” is not a field; the fields are: {fields}.",
                    name=name,
                    fields=", ".join(FIELD_NAMES),
                )
            )
        if heading not in headings:
            shown = ", ".join(f"“{h}”" for h in headings)
            raise ShopError(
                _(
                    "The file has no column “{heading}”; its columns are: {columns}.",
                    heading=heading,
                    columns=shown,
                )
            )
        result[headings.index(heading)] = Field(name)
    return result


def save_mapping(
    session: Session, name: str, headings: Sequence[str], mapping: ColumnMapping
) -> None:
    """Keep ``mapping`` under ``name`` (owner only), as heading -> field, for the next file."""
    require_owner(session, _("save a column mapping"))
    if not name.strip():
        raise ShopError(_("Give the mapping a name to save it under."))
    columns = {headings[index]: field.value for index, field in sorted(mapping.items())}
    with session.card_file.write() as db:
        store.save_mapping(db, name.strip(), columns, session.actor, session.now())


def saved_mappings(session: Session) -> dict[str, dict[str, str]]:
    return store.mappings(session.db)


def mapping_named(session: Session, name: str, headings: Sequence[str]) -> dict[int, Field]:
    """The saved mapping ``name`` applied to a file's ``headings``."""
    saved = saved_mappings(session)
    if name not in saved:
        known = ", ".join(saved) or _("none yet")
        raise NotFound(
            _("There is no saved mapping “{name}” (saved: {known}).", name=name, known=known)
        )
    return _applied(saved[name], headings)


def matching(session: Session, headings: Sequence[str]) -> tuple[str, dict[int, Field]] | None:
    """The saved mapping made for a file with these same headings, if there is one."""
    wanted = set(headings)
    for name, columns in saved_mappings(session).items():
        if set(columns) <= wanted and columns:
            return name, _applied(columns, headings)
    return None


def _applied(columns: Mapping[str, str], headings: Sequence[str]) -> dict[int, Field]:
    return {
        index: Field(columns[heading])
        for index, heading in enumerate(headings)
        if heading in columns and columns[heading] in FIELD_NAMES
    }
