"""Printing loyalty cards through the service: who gets a card and who is left out (and why),
who may print them, the change log, and a printed card that scans back as its number."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from shopcards.core.card import Card
from shopcards.core.errors import Cancelled, PermissionDenied, ShopError, ValidationError
from shopcards.services import cards
from shopcards.services.loyalty_cards import (
    ARCHIVED,
    NO_SUCH_CARD,
    CardRequest,
    card_sheets,
    plan_cards,
    print_cards,
)
from shopcards.services.session import Session
from shopcards.services.settings import update_settings
from shopcards.store import changes
from tests.cancel import cancel_at
from tests.conftest import card_input
from tests.printing.barcodes import scan
from tests.printing.pdf_helpers import pages


@pytest.fixture
def shop(owner: Session) -> dict[str, Card]:
    """Five customers: two plain, one archived, one erased, one with a Devanagari name."""
    update_settings(owner, shop_name="Kirjakauppa Virtanen")
    made = {
        key: cards.add_card(owner, card_input(given, family))
        for key, given, family in (
            ("anna", "Anna", "Virtanen"),
            ("sara", "שרה", "לוי"),
            ("old", "Otto", "Vanha"),
            ("gone", "Eero", "Poissa"),
            ("ravi", "रवि", "शर्मा"),
        )
    }
    assert made["old"].id is not None and made["gone"].id is not None
    cards.archive_card(owner, made["old"].id)
    cards.erase_card(owner, made["gone"].id)
    return made


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Where the PDFs go (the card file lives beside it)."""
    out = tmp_path / "out"
    out.mkdir()
    return out


def _ids(shop: dict[str, Card], *keys: str) -> tuple[int, ...]:
    return tuple(shop[key].id or 0 for key in keys)


def test_archived_erased_and_unprintable_are_left_out_with_the_reason(
    owner: Session, shop: dict[str, Card]
) -> None:
    ids = _ids(shop, "anna", "old", "gone", "ravi", "sara")
    plan = plan_cards(owner, CardRequest(ids))
    assert [card.card_no for card in plan.cards] == [shop["anna"].card_no, shop["sara"].card_no]
    assert [card.name for card in plan.cards] == ["Anna Virtanen", "שרה לוי"]
    reasons = {entry.customer_id: entry.reason for entry in plan.skipped}
    assert reasons[shop["old"].id or 0] == ARCHIVED
    assert reasons[shop["gone"].id or 0] == NO_SUCH_CARD
    assert "Devanagari" in reasons[shop["ravi"].id or 0]
    assert plan.summary() == "2 loyalty cards; 3 left out"


def test_everyone_prints_and_scans_back_from_start_at_and_is_logged(
    owner: Session, shop: dict[str, Card], folder: Path
) -> None:
    out = folder / "cards.pdf"
    outcome = print_cards(owner, CardRequest(selection="all", start_at=9), out)
    assert {card.card_no for card in outcome.plan.cards} == {
        shop["anna"].card_no,
        shop["sara"].card_no,
    }
    assert outcome.result.pages == 1
    scanned = {s.text for s in scan(out)}
    assert scanned == {card.card_no for card in outcome.plan.cards}
    (text,) = pages(out)
    assert text.count("Kirjakauppa Virtanen") == 2 and "Anna Virtanen" in text
    [line] = changes.for_entity(owner.db, "card_file", 0)
    assert (line.action, line.desk) == ("exported", socket.gethostname())
    assert line.details == {"what": "loyalty cards", "to": str(out), "rows": 2}


def test_a_clerk_prints_one_card_but_not_a_batch(
    clerk: Session, shop: dict[str, Card], folder: Path
) -> None:
    out = folder / "card.pdf"
    print_cards(clerk, CardRequest(_ids(shop, "anna"), sheet="single"), out)
    assert [s.text for s in scan(out)] == [shop["anna"].card_no]
    with pytest.raises(PermissionDenied, match="more than one customer"):
        plan_cards(clerk, CardRequest(_ids(shop, "anna", "sara")))
    with pytest.raises(PermissionDenied):
        plan_cards(clerk, CardRequest(selection="all"))


@pytest.mark.parametrize(
    ("request_", "field", "words"),
    [
        (CardRequest(), "customers", "Choose whose"),
        (CardRequest((1,), selection="all"), "customers", "not both"),
        (CardRequest(selection="all", start_at=11), "start_at", "1 to 10, not 11"),
        (CardRequest(selection="all", sheet="single", start_at=2), "start_at", "start at 1"),
        (CardRequest(selection="all", sheet="L7160"), "sheet", "“L7160” is not one of"),
    ],
)
def test_bad_requests_say_what_and_leave_no_file(
    owner: Session,
    shop: dict[str, Card],
    folder: Path,
    request_: CardRequest,
    field: str,
    words: str,
) -> None:
    out = folder / "cards.pdf"
    with pytest.raises(ValidationError) as caught:
        print_cards(owner, request_, out)
    assert words in caught.value.fields[field]
    assert list(folder.iterdir()) == []
    assert changes.for_entity(owner.db, "card_file", 0) == []


def test_nobody_left_to_print_is_refused(
    owner: Session, shop: dict[str, Card], folder: Path
) -> None:
    with pytest.raises(ValidationError) as caught:
        print_cards(owner, CardRequest(_ids(shop, "old", "gone")), folder / "cards.pdf")
    assert "Nobody to print a card for: 0 loyalty cards; 2 left out" in str(
        caught.value.fields["customers"]
    )
    assert list(folder.iterdir()) == []


def test_an_unwritable_path_names_it_and_leaves_nothing(
    owner: Session, shop: dict[str, Card], folder: Path
) -> None:
    (folder / "notes.txt").write_text("a file, not a folder")
    out = folder / "notes.txt" / "cards.pdf"
    with pytest.raises(ShopError, match=r"notes\.txt is a file, not a folder"):
        print_cards(owner, CardRequest(selection="all"), out)
    assert sorted(p.name for p in folder.iterdir()) == ["notes.txt"]
    assert changes.for_entity(owner.db, "card_file", 0) == []


def test_cancelling_leaves_no_file_and_no_log(
    owner: Session, shop: dict[str, Card], folder: Path
) -> None:
    out = folder / "cards.pdf"
    with pytest.raises(Cancelled):
        print_cards(owner, CardRequest(selection="all"), out, progress=cancel_at(1))
    assert not out.exists()
    assert list(folder.iterdir()) == []
    assert changes.for_entity(owner.db, "card_file", 0) == []


def test_the_sheets_on_offer_start_with_the_a4_sheet() -> None:
    assert [key for key, _ in card_sheets()] == ["C32011", "SINGLE"]


def test_a_finnish_shops_cards_say_loyalty_card_in_finnish(
    owner: Session, shop: dict[str, Card], folder: Path
) -> None:
    """The cards go to customers, so their words are the letters' language, not the window's."""
    from pypdf import PdfReader

    from shopcards.services import catalogues

    catalogues.start("en")
    update_settings(owner, letter_language="fi")
    out = folder / "cards.pdf"
    print_cards(owner, CardRequest(_ids(shop, "anna")), out)
    (text,) = pages(out)
    assert "Kanta-asiakaskortti" in text and "Loyalty card" not in text
    assert PdfReader(out).metadata.title == "Kanta-asiakaskortit"  # type: ignore[union-attr]
