"""Exporting the cards and purchases: real files read back the way a spreadsheet, Excel and a
phone read them (csv with the locale's separator, python-calamine, vobject)."""

from __future__ import annotations

import csv
import datetime as dt
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
import vobject
from python_calamine import CalamineWorkbook

from shopcards.core.card_export import CARD_HEADINGS, purchase_headings
from shopcards.core.csv_cells import FORMULA_STARTS, unsafe_text
from shopcards.core.errors import Cancelled, PermissionDenied, ValidationError
from shopcards.core.progress import Progress
from shopcards.core.purchase import PurchaseInput
from shopcards.services import cards, purchases
from shopcards.services.customer_export import export_customers, export_purchases
from shopcards.services.session import Session
from shopcards.services.settings import update_settings
from shopcards.store import changes
from tests.conftest import card_input

INJECTIONS = ('=HYPERLINK("http://evil")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)")


def add(session: Session, given: str, family: str, **fields: object) -> str:
    return cards.add_card(session, card_input(given, family, **fields)).card_no


@pytest.fixture
def shop(owner: Session) -> dict[str, str]:
    """A Finnish shop's cards: every field on Anna's, names in Hebrew and Armenian, a year-less
    birthday, formula-looking text, and an archived card."""
    # a Finnish shop writing its letters (and so its exports' headings) in English: the cells
    # are read here by their English headings (tests/services/test_export_import_round_trip.py
    # has the Finnish headings)
    update_settings(owner, locale="fi_FI", region="FI", currency="EUR", letter_language="en")
    numbers = {
        "anna": add(
            owner,
            "Anna",
            "Virtanen",
            title="Dr",
            salutation="Hyvä Anna",
            address="Mannerheimintie 1\nA 5\nc/o Matti\nPL 12",
            postcode="00100",
            city="Helsinki",
            country="FI",
            phones=[
                ("mobile", "040 123 4567"),
                ("home", "09 123 4567"),
                ("work", "+44 20 7946 0018"),
                ("mobile", "050 765 4321"),
            ],
            email="anna@example.fi",
            birthday="1980-05-17",
            anniversary="2005-06-10",
            anniversary_what="wedding",
            greeting="christmas",
            interests=["books", "tea"],
            consent_post="yes",
            consent_phone="no",
            consent_email="not_asked",
            customer_type="loyal",
            is_staff=True,
            notes="Prefers green tea",
        ),
        "david": add(owner, "דוד", "כהן", birthday="--03-14", city="תל אביב", country="IL"),
        "aram": add(owner, "Արամ", "Պետրոսյան", phones=[("mobile", "+374 91 123456")]),
        "eve": add(owner, INJECTIONS[0], INJECTIONS[1], city=INJECTIONS[2], notes=INJECTIONS[3]),
        "old": add(owner, "Otto", "Vanha"),
    }
    old = cards.find_card_no(owner, numbers["old"])
    assert old is not None and old.id is not None
    cards.archive_card(owner, old.id)
    return numbers


def read_csv(path: Path, delimiter: str) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 with a byte-order mark, for Excel"
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f, delimiter=delimiter))


def by_card(rows: list[dict[str, str]]) -> dict[str, dict[str, str]]:
    return {row["Card number"]: row for row in rows}


def test_every_field_goes_to_a_csv_a_finnish_spreadsheet_opens(
    owner: Session, shop: dict[str, str], tmp_path: Path
) -> None:
    path = tmp_path / "asiakkaat.csv"
    assert export_customers(owner, path) == 5
    with path.open(encoding="utf-8-sig") as f:
        assert f.readline().rstrip("\r\n").split(";") == list(CARD_HEADINGS)
    anna = by_card(read_csv(path, ";"))[shop["anna"]]
    assert anna == {
        "Card number": shop["anna"],
        "Title": "Dr",
        "Salutation": "Hyvä Anna",
        "Given name": "Anna",
        "Family name": "Virtanen",
        "Address line 1": "Mannerheimintie 1",
        "Address line 2": "A 5",
        "Address line 3": "c/o Matti\nPL 12",
        "Postcode": "00100",
        "City": "Helsinki",
        "Country": "FI",
        "Phone": "'+35891234567",
        "Mobile": "'+358401234567",
        "Work phone": "'+442079460018",
        "Other phones": "'+358507654321 (mobile)",
        "E-mail": "anna@example.fi",
        "Birthday": "1980-05-17",
        "Anniversary": "2005-06-10",
        "Anniversary of": "wedding",
        "Holiday card": "christmas",
        "Interests": "books, tea",
        "Consent to post": "yes",
        "Consent to phone": "no",
        "Consent to e-mail": "not asked",
        "Customer type": "loyal",
        "Staff member": "yes",
        "Joined via": "owner",
        "Joined": "2026-11-23",
        "Archived": "",
        "Notes": "Prefers green tea",
    }
    assert unsafe_text(anna["Mobile"]) == "+358401234567"  # the import takes the ' off again


def test_names_in_every_script_and_a_birthday_without_its_year(
    owner: Session, shop: dict[str, str], tmp_path: Path
) -> None:
    path = tmp_path / "cards.csv"
    export_customers(owner, path)
    rows = by_card(read_csv(path, ";"))
    david, aram = rows[shop["david"]], rows[shop["aram"]]
    assert (david["Given name"], david["Family name"], david["City"]) == ("דוד", "כהן", "תל אביב")
    assert david["Birthday"] == "'--03-14"  # ISO's year-less form, kept from running as "-"
    assert unsafe_text(david["Birthday"]) == "--03-14"
    assert (aram["Given name"], aram["Family name"]) == ("Արամ", "Պետրոսյան")
    assert rows[shop["old"]]["Archived"] == "2026-11-23"  # every card: archived ones too


def test_a_british_shop_gets_commas(owner: Session, tmp_path: Path) -> None:
    update_settings(owner, locale="en_GB", region="GB", currency="GBP")
    number = add(owner, "John", "Smith", city="London, Westminster")
    path = tmp_path / "customers.csv"
    export_customers(owner, path)
    [row] = read_csv(path, ",")
    assert (row["Card number"], row["City"]) == (number, "London, Westminster")


def test_no_cell_of_the_csv_can_start_a_formula(
    owner: Session, shop: dict[str, str], tmp_path: Path
) -> None:
    path = tmp_path / "cards.csv"
    export_customers(owner, path)
    rows = read_csv(path, ";")
    assert all(not value.startswith(FORMULA_STARTS) for row in rows for value in row.values())
    eve = by_card(rows)[shop["eve"]]
    cells = [eve["Given name"], eve["Family name"], eve["City"], eve["Notes"]]
    assert all(cell.startswith("'") for cell in cells)
    assert [unsafe_text(cell) for cell in cells] == list(INJECTIONS)


def test_the_xlsx_keeps_text_as_text_and_dates_as_dates(
    owner: Session, shop: dict[str, str], tmp_path: Path
) -> None:
    path = tmp_path / "cards.xlsx"
    assert export_customers(owner, path) == 5
    heading, *rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Cards").to_python()
    assert heading == list(CARD_HEADINGS)
    found = {row[0]: dict(zip(CARD_HEADINGS, row, strict=True)) for row in rows}
    anna = found[shop["anna"]]
    assert anna["Card number"] == shop["anna"] and shop["anna"].startswith("0")
    assert (anna["Mobile"], anna["Work phone"]) == ("+358401234567", "+442079460018")
    assert anna["Birthday"] == dt.date(1980, 5, 17)
    assert anna["Joined"] == dt.date(2026, 11, 23)
    assert anna["Address line 3"] == "c/o Matti\nPL 12"
    assert found[shop["david"]]["Birthday"] == "--03-14"
    eve = found[shop["eve"]]
    assert [eve["Given name"], eve["Family name"], eve["City"], eve["Notes"]] == list(INJECTIONS)
    with zipfile.ZipFile(path) as xlsx:
        sheet = xlsx.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet, "no cell is a formula"


def test_the_vcards_hold_what_a_phone_imports(
    owner: Session, shop: dict[str, str], tmp_path: Path
) -> None:
    path = tmp_path / "contacts.vcf"
    assert export_customers(owner, path) == 5
    found = {v.uid.value: v for v in vobject.readComponents(path.read_text(encoding="utf-8"))}
    anna = found[shop["anna"]]
    assert anna.version.value == "3.0"
    assert (anna.n.value.family, anna.n.value.given, anna.n.value.prefix) == (
        "Virtanen",
        "Anna",
        "Dr",
    )
    assert anna.fn.value == "Anna Virtanen"
    adr = anna.adr.value
    assert (adr.street, adr.code, adr.city, adr.country) == (
        "Mannerheimintie 1\nA 5\nc/o Matti\nPL 12",
        "00100",
        "Helsinki",
        "FI",
    )
    phones = [(tel.value, tel.params["TYPE"]) for tel in anna.tel_list]
    assert phones == [
        ("+358401234567", ["CELL"]),
        ("+35891234567", ["HOME"]),
        ("+442079460018", ["WORK"]),
        ("+358507654321", ["CELL"]),
    ]
    assert anna.email.value == "anna@example.fi"
    assert anna.bday.value == "1980-05-17" and "X-APPLE-OMIT-YEAR" not in anna.bday.params
    assert anna.categories.value == ["books", "tea"]
    assert anna.note.value == "Prefers green tea"
    david = found[shop["david"]]
    assert (david.n.value.given, david.n.value.family) == ("דוד", "כהן")
    assert david.bday.value == "1604-03-14"
    assert david.bday.params["X-APPLE-OMIT-YEAR"] == ["1604"]
    assert found[shop["aram"]].fn.value == "Արամ Պետրոսյան"


def test_a_selection_exports_only_its_cards(
    owner: Session, shop: dict[str, str], tmp_path: Path
) -> None:
    path = tmp_path / "some.csv"
    chosen = f"cards:{shop['aram']},{shop['anna']}"
    assert export_customers(owner, path, selection=chosen) == 2
    assert [row["Card number"] for row in read_csv(path, ";")] == [shop["aram"], shop["anna"]]
    assert export_customers(owner, path, selection="birthdays:2027-03-01..2027-03-31") == 1
    assert [row["Card number"] for row in read_csv(path, ";")] == [shop["david"]]


def test_only_the_owner_exports(clerk: Session, shop: dict[str, str], tmp_path: Path) -> None:
    path = tmp_path / "cards.csv"
    with pytest.raises(PermissionDenied, match="Only the owner may export the customers"):
        export_customers(clerk, path)
    with pytest.raises(PermissionDenied, match="Only the owner may export the purchases"):
        export_purchases(clerk, path)
    assert not path.exists()


def test_each_export_is_in_the_change_log(
    owner: Session, shop: dict[str, str], tmp_path: Path
) -> None:
    path = tmp_path / "cards.xlsx"
    export_customers(owner, path, selection=f"cards:{shop['anna']}")
    [line] = changes.for_entity(owner.db, "card_file", 0)
    assert (line.actor, line.action) == ("owner", "exported")
    assert line.details == {"what": "customers (xlsx)", "to": str(path), "rows": 1}


@pytest.mark.parametrize("name", ["cards.csv", "cards.xlsx", "cards.vcf"])
def test_a_cancelled_export_leaves_nothing(
    owner: Session, shop: dict[str, str], tmp_path: Path, name: str
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / name).write_text("the owner's older file")

    def cancel(_step: Progress) -> None:
        raise Cancelled()

    with pytest.raises(Cancelled):
        export_customers(owner, out / name, progress=cancel)
    assert [p.name for p in out.iterdir()] == [name]
    assert (out / name).read_text() == "the owner's older file"
    assert changes.for_entity(owner.db, "card_file", 0) == []


def test_a_format_that_is_not_offered_is_named(owner: Session, tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match=r"cards\.pdf.*use one of \.csv, \.xlsx, \.vcf"):
        export_customers(owner, tmp_path / "cards.pdf")
    assert export_customers(owner, tmp_path / "cards.txt", fmt="vcf") == 0


def test_purchases_go_out_as_numbers_a_spreadsheet_adds_up(
    owner: Session, shop: dict[str, str], tmp_path: Path
) -> None:
    anna = cards.find_card_no(owner, shop["anna"])
    david = cards.find_card_no(owner, shop["david"])
    assert anna is not None and anna.id is not None and david is not None and david.id
    sale = purchases.record_purchase(
        owner, anna.id, PurchaseInput("12,50", "=tea", "Drinks", "R-1", "2026-11-01")
    )
    purchases.record_return(owner, sale.id, PurchaseInput("2,50", date="2026-11-02"))
    voided = purchases.record_purchase(owner, anna.id, PurchaseInput("99", date="2026-11-03"))
    purchases.void_purchase(owner, voided, "typed twice")
    purchases.record_purchase(owner, david.id, PurchaseInput("1 000,00", date="2026-10-01"))
    cards.erase_card(owner, david.id)  # his purchase stays, anonymous

    path = tmp_path / "ostot.csv"
    assert export_purchases(owner, path) == 3
    rows = read_csv(path, ";")
    assert list(rows[0]) == purchase_headings("EUR")
    assert [
        (r["Card number"], r["Family name"], r["Date"], r["Amount (EUR)"], r["Return"])
        for r in rows
    ] == [
        ("", "", "2026-10-01", "1000,00", ""),
        (shop["anna"], "Virtanen", "2026-11-01", "12,50", ""),
        (shop["anna"], "Virtanen", "2026-11-02", "-2,50", "yes"),
    ]
    assert (rows[1]["Receipt"], rows[1]["Items"], rows[1]["Category"]) == ("R-1", "'=tea", "Drinks")
    total = sum(Decimal(r["Amount (EUR)"].replace(",", ".")) for r in rows)
    assert total == Decimal("1010.00")
    assert export_purchases(owner, path, dt.date(2026, 11, 1), dt.date(2026, 11, 1)) == 1
    [line, *_] = changes.for_entity(owner.db, "card_file", 0)
    assert line.details == {"what": "purchases (csv)", "to": str(path), "rows": 1}
    with pytest.raises(ValidationError, match="2026-11-02 is after 2026-11-01"):
        export_purchases(owner, path, dt.date(2026, 11, 2), dt.date(2026, 11, 1))


def test_a_card_added_at_another_desk_meanwhile_is_not_half_in_the_export(
    owner: Session, other_owner: Session, shop: dict[str, str], tmp_path: Path
) -> None:
    added: list[str] = []

    def till_adds_a_card(_step: Progress) -> None:
        if not added:
            added.append(add(other_owner, "Uusi", "Asiakas"))

    path = tmp_path / "cards.csv"
    assert export_customers(owner, path, progress=till_adds_a_card) == 5
    assert added and added[0] not in by_card(read_csv(path, ";"))
    assert export_customers(owner, path) == 6


@pytest.mark.parametrize(
    ("language", "amount"),
    [("fi", "Summa (EUR)"), ("ro", "Suma (EUR)"), ("he", "סכום (EUR)"), ("hy", "Գումար (EUR)")],
)
def test_the_purchases_headings_speak_the_shops_language_and_read_back(
    owner: Session, shop: dict[str, str], tmp_path: Path, language: str, amount: str
) -> None:
    """The headings are the letters' language's; the purchase import still finds each column
    (date, amount, card, receipt, items, category) in that file by its heading alone."""
    from shopcards.core.purchase_file import file_headings
    from shopcards.services import catalogues

    catalogues.start("en")
    anna = cards.find_card_no(owner, shop["anna"])
    assert anna is not None and anna.id is not None
    purchases.record_purchase(owner, anna.id, PurchaseInput("12,50", "tea", "Drinks", "R-1"))
    update_settings(owner, letter_language=language)
    path = tmp_path / "ostot.csv"
    assert export_purchases(owner, path) == 1
    with path.open("rb") as stream:
        headings, found = file_headings(stream)
    assert amount in headings and "Card number" not in headings
    assert set(found) >= {"date", "amount", "card_no", "receipt_no", "items", "category"}
