"""'Everything we keep about this customer' (owner only): gathered once from one state of the
file, then written as a PDF for the person and a JSON file for a machine, each logged as data
leaving the card file."""

from __future__ import annotations

from pathlib import Path

from shopcards.core.card import Card
from shopcards.core.card_fields import CARD_FIELDS, PHONE_KINDS
from shopcards.core.files import atomic_path
from shopcards.core.i18n import Words, _, current, format_locale, words
from shopcards.core.insights import Kind
from shopcards.core.phones import display
from shopcards.core.subject_access import (
    CARD_WORDS,
    Field,
    SubjectAccess,
    as_json,
    section,
)
from shopcards.services.exports import record_export
from shopcards.services.session import Session, require_owner
from shopcards.store import consents, customers
from shopcards.store import subject_access as store
from shopcards.store.insights import snapshot


def gather(session: Session, card_id: int, said: Words | None = None) -> SubjectAccess:
    """The card and every record about its customer, read in one snapshot of the file, its
    words in ``said``'s language (the window's unless told)."""
    said = said or current()
    require_owner(session, _("see everything kept about a customer"))
    with snapshot(session.db) as db:
        card = customers.get(db, card_id)
        events = [
            (e.at, e.channel.value, e.value.value, e.how.value, e.by, e.desk)
            for e in consents.history(db, card_id)
        ]
        sections = (
            section("consents", events, said),
            section("purchases", store.purchases(db, card_id), said),
            section("calls", store.calls(db, card_id), said),
            section("letters", store.letters(db, card_id), said),
            section("drawing_entries", store.drawing_entries(db, card_id), said),
            section("drawing_results", store.drawing_results(db, card_id), said),
            section("loyalty_movements", store.loyalty_movements(db, card_id), said),
            section("loyalty_tiers", store.loyalty_tiers(db, card_id), said),
            section("changes", store.changes(db, card_id), said),
        )
    settings = session.settings
    return SubjectAccess(
        shop=settings.shop_name,
        currency=settings.currency,
        locale=format_locale(settings.locale, said.code),
        made_at=session.now(),
        card_no=card.card_no,
        name=card.full_name,
        card=_fields(card, said, session.settings.region),
        sections=sections,
        said=said,
    )


def write(
    session: Session, card_id: int, pdf: Path | None = None, json_file: Path | None = None
) -> SubjectAccess:
    """Write the PDF and/or the JSON file (each whole or not at all) and log each. The PDF is
    the customer's to read, so it speaks the shop's letters' language, as every other page
    printed for a customer does (the JSON's keys are the same in any language)."""
    from shopcards.printing.subject_access import write_pdf

    access = gather(session, card_id, words(session.settings.letter_language))
    what = f"everything kept about card {access.card_no}"
    if json_file is not None:
        with atomic_path(Path(json_file)) as tmp:
            tmp.write_text(as_json(access), encoding="utf-8")
        record_export(session, f"{what} (JSON)", Path(json_file))
    if pdf is not None:
        write_pdf(Path(pdf), access)
        record_export(session, f"{what} (PDF)", Path(pdf))
    return access


def _fields(card: Card, said: Words, region: str) -> tuple[Field, ...]:
    values: dict[str, str | list[str]] = {
        "card_no": card.card_no,
        "title": card.title,
        "given_name": card.given_name,
        "family_name": card.family_name,
        "salutation": card.salutation,
        "address_lines": list(card.address_lines),
        "postcode": card.postcode,
        "city": card.city,
        "country": card.country,
        "phones": [_phone(display(p.number, region), p.label, said) for p in card.phones],
        "email": card.email,
        "birthday": card.birthday.iso() if card.birthday else "",
        "anniversary": card.anniversary,
        "anniversary_what": card.anniversary_what,
        "greeting": card.greeting,
        "interests": list(card.interests),
        "consent_post": card.consent_post.value,
        "consent_phone": card.consent_phone.value,
        "consent_email": card.consent_email.value,
        "joined_via": card.joined_via.value,
        "customer_type": card.customer_type.value if card.customer_type else "",
        "is_staff": "yes" if card.is_staff else "no",
        "notes": card.notes,
        "archived_at": card.archived_at or "",
        "created_at": card.created_at,
        "updated_at": card.updated_at,
    }
    return tuple(
        Field(
            key,
            said.gettext(CARD_FIELDS[key]),
            value,
            CARD_WORDS.get(key),
            Kind.DATE if key in DAYS else Kind.TEXT,
        )
        for key, value in values.items()
    )


DAYS = frozenset(("birthday", "anniversary", "archived_at", "created_at", "updated_at"))
"""The card's fields that hold a day or a moment (Field.kind)."""


def _phone(number: str, label: str, said: Words) -> str:
    """ "+358 40 123 4567 (matkapuhelin)": a kind in the copy's language, a label as typed."""
    if not label:
        return number
    return f"{number} ({said.gettext(PHONE_KINDS[label]) if label in PHONE_KINDS else label})"
