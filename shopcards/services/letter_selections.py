"""Who a mailing goes to: selections written as ``name`` or ``name:argument``.

``all``, ``ids:1,2,3``, ``cards:0000017,0000025``, ``birthdays:2026-12-01..2026-12-31``,
``anniversaries:…`` (ranges may run over the year end) and ``greeting:hanukkah``. The command
line takes the text as typed; the letters screen builds it from a choice and an input that
suits the selection's :class:`Argument`.

The list is open: another feature adds a selection by calling :func:`register` when its module
is imported, and names that module in :data:`SELECTION_MODULES` (e.g. saved lists as
``segment:NAME``, ``lapsed``, ``due``). A selection finds customer ids in the order the letters
should come out; consent and addresses are checked afterwards by the letters service, so a
selection only says who was meant.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from shopcards.core.errors import NotFound, ValidationError
from shopcards.core.i18n import N_, _
from shopcards.core.mailing import DayRange
from shopcards.services.session import Session
from shopcards.services.templates import greeting_options
from shopcards.store import letters as store

SELECTION_MODULES: tuple[str, ...] = ("shopcards.services.tier_selection",)
"""Modules that register more selections when imported (append yours: a small edit)."""


class Argument(StrEnum):
    """What a selection needs after its colon, so the window can offer the right input."""

    NONE = "none"
    IDS = "ids"
    """A comma-separated list (card ids or card numbers)."""
    DATE_RANGE = "date_range"
    """FROM..TO as ISO dates."""
    CHOICE = "choice"
    """One of the values ``choices(session)`` offers."""


Finder = Callable[[Session, str], list[int]]


@dataclass(frozen=True)
class SelectionKind:
    """One kind of selection: its name, how a person sees it, and how it finds customers."""

    name: str
    label: str
    """What the letters screen's "Send to" list shows."""
    example: str
    """A complete example for ``--help``, e.g. ``birthdays:2026-12-01..2026-12-31``."""
    help: str
    argument: Argument
    find: Finder
    choices: Callable[[Session], list[tuple[str, str]]] | None = None
    """(value, label) pairs for an :attr:`Argument.CHOICE` selection."""


_KINDS: dict[str, SelectionKind] = {}


def register(kind: SelectionKind) -> None:
    """Offer ``kind`` on the letters screen and the command line (a later one of the same
    name replaces it)."""
    _KINDS[kind.name] = kind


def selection_kinds() -> list[SelectionKind]:
    """Every selection on offer, the built-in ones first."""
    for module in SELECTION_MODULES:
        importlib.import_module(module)
    return list(_KINDS.values())


def split(text: str) -> tuple[SelectionKind, str]:
    """The kind and argument of a selection text; ValidationError naming the choices."""
    name, _colon, argument = text.strip().partition(":")
    kinds = {kind.name: kind for kind in selection_kinds()}
    kind = kinds.get(name.strip().lower())
    if kind is None:
        offered = ", ".join(k.example for k in kinds.values())
        raise ValidationError(
            {
                "selection": _(
                    "“{text}” is not a selection; use one of {offered}", text=text, offered=offered
                )
            }
        )
    if kind.argument is not Argument.NONE and not argument.strip():
        raise ValidationError(
            {
                "selection": _(
                    "“{name}” needs more, e.g. {example}", name=kind.name, example=kind.example
                )
            }
        )
    return kind, argument.strip()


def find(session: Session, text: str) -> list[int]:
    """The ids of the customers ``text`` selects, each once, in printing order."""
    kind, argument = split(text)
    return list(dict.fromkeys(kind.find(session, argument)))


def names_one_card(text: str) -> bool:
    """True when ``text`` chooses exactly one card by id or number (a clerk may print that)."""
    try:
        kind, argument = split(text)
    except ValidationError:
        return False
    return kind.argument is Argument.IDS and len(_items(argument)) == 1


def _items(argument: str) -> list[str]:
    return [item.strip() for item in argument.replace(";", ",").split(",") if item.strip()]


# The built-in selections --------------------------------------------------------------------


def _everyone(session: Session, argument: str) -> list[int]:
    return store.everyone(session.db)


def _by_id(session: Session, argument: str) -> list[int]:
    try:
        ids = [int(item) for item in _items(argument)]
    except ValueError as exc:
        raise ValidationError(
            {"selection": _("“{text}” is not a list of card ids", text=argument)}
        ) from exc
    found = store.existing(session.db, ids)
    _check_found(ids, found, N_("There is no card with id {missing}."))
    return found


def _by_card_no(session: Session, argument: str) -> list[int]:
    numbers = _items(argument)
    found = store.by_card_no(session.db, numbers)
    _check_found(numbers, list(found), N_("There is no card with number {missing}."))
    return [found[number] for number in numbers]


def _check_found(wanted: Sequence[object], found: Sequence[object], message: str) -> None:
    """NotFound with ``message`` (its ``{missing}`` the ids or numbers not found)."""
    known = set(found)
    missing = [str(item) for item in wanted if item not in known]
    if missing:
        raise NotFound(_(message, missing=", ".join(missing)))


def _dated(column: str) -> Finder:
    def find_dated(session: Session, argument: str) -> list[int]:
        days = DayRange.parse(argument)
        rows = store.with_month_day(session.db, column, days.month_days())
        order = {
            card_id: (days.occurrence(month_day), index)
            for index, (card_id, month_day) in enumerate(rows)
        }
        return sorted(order, key=order.__getitem__)

    return find_dated


def _greeting(session: Session, argument: str) -> list[int]:
    code = argument.strip().lower()
    if code not in greeting_options(session):
        offered = ", ".join(greeting_options(session))
        raise ValidationError(
            {
                "selection": _(
                    "“{text}” is not a greeting; use {offered}", text=argument, offered=offered
                )
            }
        )
    return store.with_greeting(session.db, code)


GREETING_NAMES = {
    "christmas": N_("Christmas"),
    "hanukkah": N_("Hanukkah"),
    "new_year": N_("New year"),
}
"""The built-in holiday cards by name (the shop's own occasions are shown as they are kept)."""


def _greeting_choices(session: Session) -> list[tuple[str, str]]:
    return [
        (
            code,
            _(GREETING_NAMES[code])
            if code in GREETING_NAMES
            else code.replace("_", " ").capitalize(),
        )
        for code in greeting_options(session)
        if code != "none"
    ]


for _kind in (
    SelectionKind(
        "all",
        N_("Everyone"),
        "all",
        N_("every card in the cabinet (not archived)"),
        Argument.NONE,
        _everyone,
    ),
    SelectionKind(
        "ids",
        N_("Chosen cards"),
        "ids:1,2,3",
        N_("the cards with these ids"),
        Argument.IDS,
        _by_id,
    ),
    SelectionKind(
        "cards",
        N_("Card numbers"),
        "cards:0000017,0000025",
        N_("the cards with these card numbers"),
        Argument.IDS,
        _by_card_no,
    ),
    SelectionKind(
        "birthdays",
        N_("Birthdays between"),
        "birthdays:2026-12-01..2026-12-31",
        N_("birthdays between two dates (may span the new year), by date"),
        Argument.DATE_RANGE,
        _dated("birthday"),
    ),
    SelectionKind(
        "anniversaries",
        N_("Anniversaries between"),
        "anniversaries:2026-06-01..2026-06-30",
        N_("anniversaries between two dates, by date"),
        Argument.DATE_RANGE,
        _dated("anniversary"),
    ),
    SelectionKind(
        "greeting",
        N_("Asked for the card"),
        "greeting:hanukkah",
        N_("customers who asked for this holiday card"),
        Argument.CHOICE,
        _greeting,
        _greeting_choices,
    ),
):
    register(_kind)
