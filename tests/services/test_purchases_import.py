"""Importing a till export: matched by card, phone or e-mail; all rows or none; messy files."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shopcards.core.errors import ShopError
from shopcards.services import cards, purchase_import, purchases
from shopcards.services.session import Session
from shopcards.services.settings import update_settings
from tests.conftest import card_input


@pytest.fixture
def shop(owner: Session) -> dict[str, str]:
    """Anna (card, phone, e-mail), Mikko (phone), and a couple sharing one landline."""
    update_settings(owner, locale="fi_FI", region="FI", currency="EUR")
    anna = cards.add_card(
        owner,
        card_input("Anna", "Virtanen", email="anna@example.fi", phones=[("", "040 123 4567")]),
    )
    mikko = cards.add_card(owner, card_input("Mikko", "Äijälä", phones=[("", "050 765 4321")]))
    for first_name in ("Liisa", "Pekka"):
        cards.add_card(
            owner,
            card_input(first_name, "Koski", phones=[("home", "09 555 1234")]),
            allow_duplicate=True,
        )
    return {"anna": anna.card_no, "mikko": mikko.card_no}


def _write(tmp_path: Path, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / "till.csv"
    path.write_bytes(text.encode(encoding))
    return path


def _amounts(session: Session, card_no: str) -> list[int]:
    card = cards.find_card_no(session, card_no)
    assert card is not None and card.id is not None
    return sorted(p.amount for p in purchases.list_purchases(session, card.id))


def test_a_messy_export_is_read_and_every_row_saved(
    owner: Session, shop: dict[str, str], tmp_path: Path
) -> None:
    export = _write(
        tmp_path,
        (
            "\ufeffPäivä;Summa (EUR);Kortti;Puhelin;Sähköposti;Kuitti\r\n"
            f"23.11.2026;12,50;{shop['anna']};;;K-1\r\n"
            "\r\n"
            "22.11.2026 14:05;1 234,00;;050-7654321;;K-2\r\n"
            ";;;;;\r\n"
            "2026-11-23;-5,00;;;ANNA@example.fi;K-1\r\n"
        ),
    )
    report = purchase_import.import_purchases(owner, export)
    assert report.imported and not report.problems
    assert report.file.encoding == "UTF-8 with byte-order mark"
    assert report.file.delimiter == ";"
    assert [(m.line, m.matched_by) for m in report.matched] == [
        (2, "card number"),
        (4, "phone"),
        (6, "e-mail"),
    ]
    assert _amounts(owner, shop["anna"]) == [-500, 1250]
    assert _amounts(owner, shop["mikko"]) == [123400]


def test_headings_in_other_words_and_card_numbers_a_spreadsheet_shortened_are_read(
    owner: Session, shop: dict[str, str], tmp_path: Path
) -> None:
    """A Swedish till export; the spreadsheet dropped the card number's leading zeros."""
    short = shop["mikko"].lstrip("0")
    export = _write(
        tmp_path, f"Datum;Belopp;Kundnr;Kvitto;Kassör\n2026-11-20;9,90;{short};K-9;Eva\n"
    )
    report = purchase_import.import_purchases(owner, export)
    assert report.imported, report.problems
    assert report.file.columns == {
        "date": "Datum",
        "amount": "Belopp",
        "card_no": "Kundnr",
        "receipt_no": "Kvitto",
    }
    assert report.file.unused == ["Kassör"]
    assert _amounts(owner, shop["mikko"]) == [990]


def test_a_column_the_import_does_not_know_can_be_named(
    owner: Session, shop: dict[str, str], tmp_path: Path
) -> None:
    export = _write(tmp_path, f"När;Belopp;Kortet\n2026-11-20;4,00;{shop['anna']}\n")
    with pytest.raises(ShopError, match="no column for date"):
        purchase_import.import_purchases(owner, export)
    with pytest.raises(ShopError, match="“kvittot” is not a field of a purchase"):
        purchase_import.import_purchases(owner, export, columns={"kvittot": "När"})
    with pytest.raises(ShopError, match=r"There is no column “Dag”.*“När”, “Belopp”, “Kortet”"):
        purchase_import.import_purchases(owner, export, columns={"date": "Dag"})
    report = purchase_import.import_purchases(
        owner, export, columns={"date": "när", "card": "Kortet"}
    )
    assert report.imported and report.file.unused == []
    assert _amounts(owner, shop["anna"]) == [400]


def test_one_bad_row_means_nothing_is_saved_and_each_reason_is_named(
    owner: Session, shop: dict[str, str], tmp_path: Path
) -> None:
    export = _write(
        tmp_path,
        (
            "date,amount,card,phone,email,receipt\n"
            f'2026-11-20,"12,50",{shop["anna"]},,,R1\n'
            "2026-11-20,7.00,0000999,,,R2\n"
            "2026-11-20,7.00,,09 555 1234,,R3\n"
            "2026-11-20,7x,,,anna@example.fi,R4\n"
            "2026-11-31,7.00,,,anna@example.fi,R5\n"
            "2026-11-20,7.00,,,,R6\n"
            "2026-11-20,12,50,,,anna@example.fi,R7\n"
            "2027-01-01,7.00,,,anna@example.fi,R8\n"
        ),
    )
    report = purchase_import.import_purchases(owner, export)
    assert not report.imported
    reasons = {p.line: p.reason for p in report.problems}
    assert sorted(reasons) == [3, 4, 5, 6, 7, 8, 9]
    assert reasons[3] == "no card has card number 0000999"
    assert "phone +35895551234 is on more than one card" in reasons[4]
    assert reasons[5].startswith("amount: “7x” is not an amount")
    assert reasons[6] == "2026-11-31 is not a day: November 2026 has 30 days"
    assert reasons[7] == "no card number, phone or e-mail to find the customer by"
    assert "decimal comma outside quotes" in reasons[8]
    assert "in the future" in reasons[9]
    assert _amounts(owner, shop["anna"]) == []


def test_importing_the_same_export_twice_is_refused(
    owner: Session, shop: dict[str, str], tmp_path: Path
) -> None:
    export = _write(tmp_path, f"date;amount;card;receipt\n2026-11-20;9,90;{shop['anna']};R1\n")
    assert purchase_import.import_purchases(owner, export).imported
    again = purchase_import.import_purchases(owner, export)
    assert not again.imported
    assert again.problems[0].reason.startswith("already in the card file (receipt R1")
    assert _amounts(owner, shop["anna"]) == [990]


def test_a_dry_run_reports_and_saves_nothing(
    owner: Session, shop: dict[str, str], tmp_path: Path
) -> None:
    export = _write(tmp_path, f"date\tamount\tcard\n20/11/2026\t9.90\t{shop['anna']}\n")
    report = purchase_import.import_purchases(owner, export, dry_run=True)
    assert report.matched and not report.imported and report.file.delimiter == "\t"
    assert _amounts(owner, shop["anna"]) == []


@pytest.mark.parametrize(
    ("dates", "expected"),
    [
        (["03/04/2026", "25/04/2026"], "2026-04-03"),  # a 25th: the file writes day first
        (["03/04/2026", "04/25/2026"], "2026-03-04"),  # a 25th month cannot be: month first
        (["03/04/2026"], "2026-04-03"),
    ],  # cannot tell: the shop's own way (fi)
)
def test_slashed_dates_are_read_the_way_the_file_writes_them(
    owner: Session, shop: dict[str, str], tmp_path: Path, dates: list[str], expected: str
) -> None:
    lines = "".join(f"{d};1,00;{shop['anna']}\n" for d in dates)
    report = purchase_import.import_purchases(
        owner, _write(tmp_path, "date;amount;card\n" + lines), dry_run=True
    )
    assert report.matched[0].row.date == expected


def test_a_windows_export_without_utf8_is_still_read(
    owner: Session, shop: dict[str, str], tmp_path: Path
) -> None:
    export = _write(
        tmp_path,
        f"Datum;Betrag;Karte;Artikel\n20.11.2026;3,50;{shop['anna']};Käse\n",
        encoding="cp1252",
    )
    report = purchase_import.import_purchases(owner, export)
    assert report.imported and report.file.encoding == "Windows-1252"
    assert report.matched[0].row.items == "Käse"


@pytest.mark.parametrize(
    ("content", "says"),
    [
        ("", "The file is empty"),
        ("\n\n", "The file is empty"),
        ("name;total\nAnna;12\n", "no column for date"),
        ("date;amount;notes\n2026-11-01;1;x\n", "a card number, phone or e-mail"),
    ],
)
def test_a_file_that_cannot_be_used_at_all_says_why(
    owner: Session, shop: dict[str, str], tmp_path: Path, content: str, says: str
) -> None:
    with pytest.raises(ShopError, match=says):
        purchase_import.import_purchases(owner, _write(tmp_path, content))


def test_a_missing_file_is_a_message(owner: Session, tmp_path: Path) -> None:
    with pytest.raises(ShopError, match="Cannot read"):
        purchase_import.import_purchases(owner, tmp_path / "nope.csv")


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    body=st.text(alphabet=st.sampled_from(list('0123456789;,.-/ \n\r"xé€\t\ufeff')), max_size=200)
)
def test_any_garbage_is_a_report_or_a_message_never_a_crash(
    owner: Session, shop: dict[str, str], tmp_path: Path, body: str
) -> None:
    try:
        report = purchase_import.import_purchases(
            owner, _write(tmp_path, "date;amount;card\n" + body), dry_run=True
        )
    except ShopError as exc:
        assert exc.message
    else:
        assert not report.imported
