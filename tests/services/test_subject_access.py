"""Everything kept about a customer, gathered once and written as JSON: every section there,
stable keys, ISO dates, money in minor units with the currency; owner only; logged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from shopcards.core.calls import CallInput
from shopcards.core.consent import Channel
from shopcards.core.errors import PermissionDenied
from shopcards.core.phones import display
from shopcards.core.purchase import PurchaseInput
from shopcards.core.subject_access import FORMAT, SECTIONS
from shopcards.services import calls, cards, consents, purchases, subject_access
from shopcards.services.session import Session
from shopcards.store import changes
from tests.conftest import card_input

HEBREW = ("תמר", "פרידמן")


@pytest.fixture
def tamar(owner: Session) -> int:
    """A customer with a Hebrew name, two purchases, a call, a withdrawn consent, an edit."""
    card = cards.add_card(
        owner,
        card_input(*HEBREW, consent_post="yes", consent_phone="yes", notes="Likes dark tea"),
    )
    assert card.id is not None
    purchases.record_purchase(owner, card.id, PurchaseInput("12,50", "Green tea", "tea", "R1"))
    purchases.record_purchase(owner, card.id, PurchaseInput("3", "Honey", "", "R2"))
    calls.log_call(owner, card.id, CallInput("reached", reason="Asked about the catalogue"))
    consents.withdraw(owner, card.id, Channel.PHONE)
    return card.id


def test_the_json_holds_every_section_with_stable_keys(
    owner: Session, tamar: int, tmp_path: Path
) -> None:
    out = tmp_path / "tamar.json"
    subject_access.write(owner, tamar, json_file=out)
    text = out.read_text(encoding="utf-8")
    assert HEBREW[0] in text  # UTF-8 as is, not \\u escapes
    data = json.loads(text)
    assert data["format"] == FORMAT and data["currency"] == "EUR"
    assert set(SECTIONS) <= set(data)
    assert data["card"]["given_name"] == HEBREW[0] and data["card"]["notes"] == "Likes dark tea"
    assert data["card"]["consent_phone"] == "no"
    assert [p["amount"] for p in data["purchases"]] == [1250, 300]  # minor units
    assert data["purchases"][0] | {"date": "-"} == {
        "date": "-",
        "receipt": "R1",
        "amount": 1250,
        "items": "Green tea",
        "category": "tea",
        "voided": "",
    }
    assert data["purchases"][0]["date"] == owner.today().isoformat()
    assert [(e["channel"], e["value"], e["how"], e["by"]) for e in data["consents"]] == [
        ("post", "yes", "form", "owner"),
        ("phone", "yes", "form", "owner"),
        ("phone", "no", "in_person", "owner"),
    ]
    assert data["calls"][0]["reason"] == "Asked about the catalogue"
    assert {c["action"] for c in data["changes"]} >= {"added", "consent_withdrawn"}
    assert data["calls"][0]["who_called"] == "shop" and data["calls"][0]["outcome"] == "reached"


def test_only_the_owner_may_and_each_file_is_logged(
    owner: Session, clerk: Session, tamar: int, tmp_path: Path
) -> None:
    with pytest.raises(PermissionDenied):
        subject_access.write(clerk, tamar, json_file=tmp_path / "x.json")
    assert not (tmp_path / "x.json").exists()
    subject_access.write(owner, tamar, tmp_path / "t.pdf", tmp_path / "t.json")
    logged = [c.details["what"] for c in changes.for_entity(owner.db, "card_file", 0)]
    card_no = cards.get_card(owner, tamar).card_no
    assert f"everything kept about card {card_no} (PDF)" in logged
    assert f"everything kept about card {card_no} (JSON)" in logged


def test_drawings_are_there_won_and_passed_over(owner: Session, tmp_path: Path) -> None:
    """Two entrants of October: the first drawn is passed over, the other then wins; each
    one's file says so (with the reason), and both entered."""
    from shopcards.services import drawing
    from tests.conftest import publish_and_draw

    ids = []
    for given in ("Aino", "Eino"):
        card = cards.add_card(owner, card_input(given, "Lahti", city="Turku"))
        assert card.id is not None
        drawing.enter_drawing(owner, card.id, "2026-10")
        ids.append(card.id)
    first = publish_and_draw(owner, "2026-10").current.customer_id  # type: ignore[attr-defined]
    drawing.next_alternate(owner, "2026-10", "could not be reached")
    other = next(i for i in ids if i != first)
    passed = subject_access.gather(owner, first)
    won = subject_access.gather(owner, other)
    assert [r[0] for r in passed.section("drawing_entries").rows] == ["2026-10"]
    assert [(r[0], r[1], r[2], r[3]) for r in passed.section("drawing_results").rows] == [
        ("2026-10", 1, "passed_over", "could not be reached")
    ]
    assert [(r[0], r[1], r[2]) for r in won.section("drawing_results").rows] == [
        ("2026-10", 2, "won")
    ]


def test_the_customers_pdf_speaks_the_letters_language_whatever_the_window_reads(
    owner: Session, tamar: int, tmp_path: Path
) -> None:
    """The window reads English; the shop's letters are Finnish, so is the customer's copy:
    its title, the card's heading and labels, the sections, a code's words and the footer."""
    from shopcards.services import catalogues
    from shopcards.services.settings import update_settings
    from tests.printing.pdf_helpers import pages

    catalogues.start("en")
    update_settings(owner, letter_language="fi")
    out = tmp_path / "tamar.pdf"
    subject_access.write(owner, tamar, pdf=out)
    text = "\n".join(pages(out))
    card_no = cards.get_card(owner, tamar).card_no
    for finnish in ("Kaikki asiakkaasta tallentamamme tiedot", "Kortti", "Ostot", "Puhelut"):
        assert finnish in text
    assert f"kortti {card_no} · sivu 1" in text
    assert "Everything we keep" not in text and "Purchases" not in text
    assert subject_access.gather(owner, tamar).section("calls").heading == "Calls"


def test_the_customers_pdf_writes_days_moments_and_phone_kinds_in_its_language(
    owner: Session, tmp_path: Path
) -> None:
    """The JSON keeps ISO days and codes for a machine; the Finnish copy says them as a Finnish
    reader writes them: a birthday with and without its year, when the card was made, and a
    phone's kind (a label typed by the shop stays as typed)."""
    from shopcards.services.settings import update_settings
    from tests.printing.pdf_helpers import pages

    update_settings(owner, letter_language="fi", locale="fi_FI", region="FI")
    card = cards.add_card(
        owner,
        card_input(
            "Sari",
            "Heinonen",
            birthday="1969-10-30",
            phones=[("mobile", "040 123 4567"), ("mummola", "09 123 456")],
        ),
    )
    assert card.id is not None
    out, json_file = tmp_path / "sari.pdf", tmp_path / "sari.json"
    subject_access.write(owner, card.id, pdf=out, json_file=json_file)
    text = "\n".join(pages(out))
    assert "30. lokakuuta 1969" in text and "1969-10-30" not in text
    mobile = display("+358401234567", "FI")  # as the shop writes it, not +358…
    assert f"{mobile} (matkapuhelin)" in text and "(mummola)" in text
    assert "(mobile)" not in text and "\nOmistaja\n" in text  # who made the card, in words
    assert "23.11.2026 10:30" in text and "2026-11-23T" not in text
    kept = json.loads(json_file.read_text(encoding="utf-8"))
    assert kept["card"]["birthday"] == "1969-10-30"
    yearless = cards.add_card(owner, card_input("Eino", "Leino", birthday="--03-06"))
    assert yearless.id is not None
    subject_access.write(owner, yearless.id, pdf=out)
    assert "6. maaliskuuta" in "\n".join(pages(out))
