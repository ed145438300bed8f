"""Adding, finding, editing and archiving cards."""

from __future__ import annotations

from enum import Enum
from typing import Any

from shopcards.core import phones
from shopcards.core.card import Card, CardQuery, CardSummary, ListRow, PartialDate, Phone
from shopcards.core.card_fields import phone_label_shown
from shopcards.core.card_numbers import is_card_number
from shopcards.core.changes import Change
from shopcards.core.consent import How
from shopcards.core.errors import ShopError
from shopcards.core.i18n import _
from shopcards.core.validation import CardInput, validate
from shopcards.services import erasure
from shopcards.services.session import Session, require_owner
from shopcards.store import card_list, changes, customers, list_rows


class LikelyDuplicate(ShopError):
    """The new card looks like one already in the cabinet; ``candidates`` are those cards."""

    def __init__(self, candidates: list[CardSummary]) -> None:
        names = ", ".join(f"{c.display_name} ({c.card_no})" for c in candidates)
        super().__init__(_("This may be a customer you already have: {names}", names=names))
        self.candidates = candidates


def add_card(session: Session, inp: CardInput, allow_duplicate: bool = False) -> Card:
    """Validate and store a new card; warn of a likely duplicate unless told to go ahead."""
    card = validate(inp, session.settings.region)
    _staff_is_owners(session, False, card.is_staff)
    with session.card_file.write() as db:
        if not allow_duplicate:
            candidates = customers.likely_duplicates(db, card)
            if candidates:
                raise LikelyDuplicate(candidates)
        stored = customers.insert(db, card, session.alphabet, session.actor, session.now())
        assert stored.id is not None
        changes.record(
            db,
            session.actor,
            session.now(),
            "customer",
            stored.id,
            "added",
            {"via": card.joined_via.value},
        )
    return stored


def update_card(session: Session, base: Card, inp: CardInput, consent_how: How = How.FORM) -> Card:
    """Save the edits to ``base``; Conflict if another desk saved it in the meantime. A
    consent the edit changes is recorded as given ``consent_how``."""
    card = validate(inp, session.settings.region, base=base)
    assert base.id is not None
    _staff_is_owners(session, base.is_staff, card.is_staff)
    with session.card_file.write() as db:
        stored = customers.update(
            db, card, base, session.alphabet, session.actor, session.now(), consent_how
        )
        changes.record(
            db,
            session.actor,
            session.now(),
            "customer",
            base.id,
            "edited",
            _edit_details(base, stored, session.settings.region),
        )
    return stored


def archive_card(session: Session, card_id: int, archived: bool = True) -> Card:
    """A former customer leaves the drawers but keeps their history (owner only)."""
    require_owner(session, _("archive or bring back a card"))
    with session.card_file.write() as db:
        customers.set_archived(db, card_id, session.now() if archived else None, session.actor)
        changes.record(
            db,
            session.actor,
            session.now(),
            "customer",
            card_id,
            "archived" if archived else "unarchived",
        )
        return customers.get(db, card_id)


def erase_card(session: Session, card_id: int) -> None:
    """Forget a customer for good (their right to erasure): services/erasure.py says how."""
    erasure.forget_customer(session, card_id)


def get_card(session: Session, card_id: int) -> Card:
    return customers.get(session.db, card_id)


def find_card_no(session: Session, card_no: str) -> Card | None:
    card_id = customers.find_by_card_no(session.db, card_no)
    return None if card_id is None else customers.get(session.db, card_id)


class UnknownCardNumber(ShopError):
    """A number that is no card of this shop: a misread or mistyped number, or one never issued."""


class CardNotUsable(ShopError):
    """A card of this shop that the till may not open: archived, or its customer erased."""


def card_at_till(session: Session, number: str) -> Card:
    """The customer whose card was scanned or typed at the till.

    Refused with what to do when the number is no card of this shop (its check digit is wrong,
    or no card has it: UnknownCardNumber), or when the card's customer was archived or erased
    (CardNotUsable), so the till never opens a sale for a card it should not.
    """
    number = number.strip()
    if not (number.isascii() and number.isdigit()):
        raise UnknownCardNumber(
            _("“{number}” is not a card number: a card number is digits only.", number=number)
        )
    if not is_card_number(number):
        raise UnknownCardNumber(
            _(
                "{number} is not a card number of this shop: its check digit is wrong. Scan "
                "the card again, or find the customer by name.",
                number=number,
            )
        )
    card = find_card_no(session, number)
    if card is None:
        if _erased(session, number):
            raise CardNotUsable(
                _(
                    "Card {number} is no longer valid: its customer was erased at their "
                    "request. They can have a new card.",
                    number=number,
                )
            )
        raise UnknownCardNumber(
            _("No customer has card {number}. Find them by name.", number=number)
        )
    if card.archived_at is not None:
        raise CardNotUsable(
            _(
                "Card {number} ({name}) is archived; the owner can bring it back at the back "
                "office.",
                number=card.card_no,
                name=card.full_name,
            )
        )
    return card


def _erased(session: Session, number: str) -> bool:
    """Whether ``number`` was issued to a card since erased: erasing deletes the card and its
    number, but the change log keeps "erased" against the card's id, which the number holds."""
    card_id = int(number[:-1])
    if customers.card_number(card_id) != number:
        return False
    last = changes.for_entity(session.db, "customer", card_id, limit=1)
    return bool(last) and last[0].action == "erased"


def list_cards(
    session: Session, query: CardQuery, after: tuple[str, int] | None = None, limit: int = 200
) -> list[CardSummary]:
    """One page of the cabinet in alphabetical order (see store.card_list.page)."""
    return card_list.page(session.conn, query, session.alphabet, after, limit)


def list_page(
    session: Session, query: CardQuery, after: tuple[str, int] | None, limit: int
) -> list[ListRow]:
    """:func:`list_cards` as the card list shows it first (no phones: :func:`first_phones`)."""
    return card_list.list_page(session.conn, query, session.alphabet, after, limit)


def first_phones(session: Session, card_ids: list[int]) -> dict[int, str]:
    """Each card's first phone number ("" for none), as :func:`list_cards` has it."""
    return list_rows.first_phones(session.conn, card_ids)


def card_summary(session: Session, card_id: int) -> CardSummary:
    """The card's line of :func:`list_cards`."""
    (found,) = list_rows.summaries(session.conn, [card_id])
    return found


def file_state(session: Session) -> tuple[int, int]:
    """What changes when anything in the card file may have (list_rows.file_state)."""
    return list_rows.file_state(session.conn)


def count_cards(session: Session, query: CardQuery) -> int:
    return card_list.count(session.conn, query, session.alphabet)


def drawers(session: Session, keep: str = "") -> list[str]:
    """The drawers that hold cards, in the alphabet's order, and ``keep`` (the drawer open,
    even if its last card just left it) when the alphabet has it."""
    filled = customers.drawers_in_use(session.conn)
    return [drawer for drawer in session.alphabet.drawers() if drawer in filled or drawer == keep]


def interest_names(session: Session) -> list[str]:
    """The interests the shop has used so far, for completion as a card is typed."""
    return customers.interest_names(session.db)


def card_history(session: Session, card_id: int) -> list[Change]:
    return changes.for_entity(session.db, "customer", card_id)


def _staff_is_owners(session: Session, before: bool, after: bool) -> None:
    """Staff are left out of the prize drawing, so only the owner may mark a card as staff."""
    if before != after:
        require_owner(session, _("mark a card as staff or not staff (“Works at the shop”)"))


def _edit_details(before: Card, after: Card, region: str) -> dict[str, Any]:
    """The changed fields and each one's old and new value as a person reads them, so the card's
    history can say "Phones: 040 123 4567 → 050 765 4321". The values name the person: erasing
    the card wipes them (``changes.forget_values``)."""
    fields = _changed_fields(before, after)
    values = {
        name: [_readable(before, name, region), _readable(after, name, region)] for name in fields
    }
    return {"fields": fields, "values": values}


def _readable(card: Card, name: str, region: str) -> str | bool | int | list[str] | None:
    """One field's value in the log: phones as the shop writes them, a birthday as its ISO date,
    lists as lists, coded values (consent, greeting) by their code, the window's words for them
    being the window's business."""
    value = getattr(card, name)
    if name == "phones":
        return [_phone_text(phone, region) for phone in value]
    if isinstance(value, PartialDate):
        return value.iso()
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, Enum):
        return str(value.value)
    if value is None or isinstance(value, str | bool | int):
        return value
    return str(value)


def _phone_text(phone: Phone, region: str) -> str:
    shown = phones.display(phone.number, region)
    return f"{shown} ({phone_label_shown(phone.label)})" if phone.label else shown


def _changed_fields(before: Card, after: Card) -> list[str]:
    skip = {"version", "updated_at"}
    return [
        name
        for name in before.__dataclass_fields__
        if name not in skip and getattr(before, name) != getattr(after, name)
    ]
