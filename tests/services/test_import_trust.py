"""An import never guesses silently: dates, time zones, control characters, returns, long lines."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from shopcards.core.errors import ShopError
from shopcards.core.purchase import PurchaseInput
from shopcards.core.purchase_dates import DateOrderUnclear
from shopcards.core.purchase_file import MAX_LINE
from shopcards.services import cards, purchase_import, purchases
from shopcards.services.session import Session
from shopcards.services.settings import update_settings
from tests.conftest import card_input


@pytest.fixture
def card(owner: Session) -> str:
    """Anna's card number, in a Finnish shop."""
    update_settings(owner, locale="fi_FI", region="FI", currency="EUR")
    return cards.add_card(owner, card_input("Anna", "Virtanen")).card_no


def _import(
    owner: Session, tmp_path: Path, rows: str, dry_run: bool = True, **options: str
) -> purchase_import.ImportReport:
    path = tmp_path / "till.csv"
    path.write_text("date;amount;card;receipt;items\n" + rows, encoding="utf-8")
    return purchase_import.import_purchases(owner, path, dry_run=dry_run, **options)  # type: ignore[arg-type]


def _reasons(report: purchase_import.ImportReport) -> dict[int, str]:
    return {problem.line: problem.reason for problem in report.problems}


def test_rows_that_disagree_on_the_date_order_are_refused_with_the_rows_named(
    owner: Session, card: str, tmp_path: Path
) -> None:
    rows = "".join(f"{d};1,00;{card};;\n" for d in ("03/11/2026", "25/10/2026", "11/25/2026"))
    with pytest.raises(DateOrderUnclear) as caught:
        _import(owner, tmp_path, rows)
    assert "row 3 can only be day/month/year" in caught.value.message
    assert "row 4 can only be month/day/year" in caught.value.message


def test_the_owner_settles_the_date_order_and_the_odd_row_is_named(
    owner: Session, card: str, tmp_path: Path
) -> None:
    rows = "".join(f"{d};1,00;{card};;\n" for d in ("03/11/2026", "25/10/2026", "11/20/2026"))
    report = _import(owner, tmp_path, rows, date_order="dmy")
    assert [m.row.date for m in report.matched] == ["2026-11-03", "2026-10-25"]
    assert _reasons(report) == {4: "11/20/2026 is not a day: there is no month 20"}
    report = _import(owner, tmp_path, rows, date_order="mdy")
    assert [m.row.date for m in report.matched] == ["2026-03-11", "2026-11-20"]
    assert _reasons(report) == {3: "25/10/2026 is not a day: there is no month 25"}


@pytest.fixture
def helsinki() -> Iterator[None]:
    """This PC's clock set to Helsinki time (UTC+2 in winter, +3 in summer)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TZ", "Europe/Helsinki")
        time.tzset()
        yield
    time.tzset()


def test_a_time_with_a_zone_is_filed_on_the_shops_day(
    owner: Session, card: str, tmp_path: Path, helsinki: None
) -> None:
    rows = (
        f"2026-10-31T23:30:00Z;1,00;{card};;\n"  # 01:30 on 1 November in Helsinki
        f"2026-07-01T22:15:00+02:00;1,00;{card};;\n"  # 23:15 in Helsinki
        f"2026-07-01 23:15;1,00;{card};;\n"  # no zone: the day as written
    )
    report = _import(owner, tmp_path, rows)
    assert [m.row.date for m in report.matched] == ["2026-11-01", "2026-07-01", "2026-07-01"]


@pytest.mark.parametrize(
    ("date", "reason"),
    [
        ("2026-02-29", "2026-02-29 is not a day: February 2026 has 28 days"),
        ("0001-01-01", "“0001-01-01”: the year 0001 is before 1900"),
        ("1899-12-31", "“1899-12-31”: the year 1899 is before 1900"),
        ("01.02.26", "“01.02.26”: write the year with four digits"),
        ("2026-13-01", "2026-13-01 is not a day: there is no month 13"),
    ],
)
def test_a_date_that_names_no_day_says_why(
    owner: Session, card: str, tmp_path: Path, date: str, reason: str
) -> None:
    report = _import(owner, tmp_path, f"2024-02-29;1,00;{card};;\n{date};1,00;{card};;\n")
    assert [m.row.date for m in report.matched] == ["2024-02-29"]
    assert _reasons(report) == {3: reason}


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x1b"])
def test_control_characters_are_refused_as_the_till_refuses_them(
    owner: Session, card: str, tmp_path: Path, char: str
) -> None:
    report = _import(owner, tmp_path, f"2026-11-01;1,00;{card};;Tea{char}pot\n", dry_run=False)
    assert not report.imported
    assert _reasons(report) == {
        2: "items: contains an invisible control character; please retype it"
    }


def test_a_line_too_long_is_named_and_the_rest_is_read(
    owner: Session, card: str, tmp_path: Path
) -> None:
    rows = f"2026-11-01;1,00;{card};;" + "x" * 1_000_000 + f"\n2026-11-02;2,00;{card};;\n"
    report = _import(owner, tmp_path, rows)
    assert _reasons(report) == {2: f"line too long (more than {MAX_LINE:,} characters)"}
    assert [m.line for m in report.matched] == [3]


def test_a_heading_line_of_a_million_characters_is_a_message(
    owner: Session, card: str, tmp_path: Path
) -> None:
    path = tmp_path / "huge.csv"
    path.write_text("date;" * 200_000 + "\n", encoding="utf-8")
    with pytest.raises(ShopError, match="The heading line is too long"):
        purchase_import.import_purchases(owner, path)


def test_a_return_is_linked_to_its_sale_in_the_file_or_on_the_card(
    owner: Session, card: str, tmp_path: Path
) -> None:
    found = cards.find_card_no(owner, card)
    assert found is not None and found.id is not None
    old = purchases.record_purchase(
        owner, found.id, PurchaseInput("40,00", receipt_no="A-7", date="2026-10-01")
    )
    rows = (
        f"2026-11-01;25,00;{card};B-1;\n"
        f"2026-11-02;-5,00;{card};B-1;\n"  # same receipt, in the file
        f"2026-11-03;-10,00;{card};A-7;\n"  # same receipt, on the card
        f"2026-11-04;-30,00;{card};;\n"  # the latest sale of at least 30,00: A-7
    )
    report = _import(owner, tmp_path, rows, dry_run=False)
    assert report.imported, report.problems
    stored = {p.amount: p for p in purchases.list_purchases(owner, found.id)}
    assert stored[-500].returns_id == stored[2500].id
    assert stored[-1000].returns_id == old.id
    assert stored[-3000].returns_id == old.id


def test_a_return_tied_to_no_sale_is_refused_with_the_row_named(
    owner: Session, card: str, tmp_path: Path
) -> None:
    report = _import(owner, tmp_path, f"2026-11-01;-12,50;{card};R-9;\n", dry_run=False)
    assert not report.imported
    assert _reasons(report)[2].startswith(
        f"a return of 12,50\xa0€ tied to no sale: card {card} has no sale with receipt R-9"
    )


def test_bytes_that_are_not_text_in_the_files_encoding_are_named(
    owner: Session, card: str, tmp_path: Path
) -> None:
    path = tmp_path / "till.csv"
    good = f"2026-11-01;1,00;{card};;Teekanne\n".encode()
    path.write_bytes(
        b"date;amount;card;receipt;items\n"
        + good * 40_000  # over a megabyte of UTF-8 first
        + f"2026-11-02;2,00;{card};;K".encode()
        + b"\xe4se\n"  # Windows-1252 from here on
    )
    report = purchase_import.import_purchases(owner, path, dry_run=True)
    assert report.file.encoding == "UTF-8"
    assert _reasons(report) == {
        40_002: "holds bytes that are not UTF-8 text (is the file saved in two encodings?)"
    }


def test_returns_may_not_take_back_more_than_the_sale(
    owner: Session, card: str, tmp_path: Path
) -> None:
    rows = (
        f"2026-11-01;40,00;{card};C-1;\n"
        f"2026-11-02;-30,00;{card};C-1;\n"
        f"2026-11-03;-30,00;{card};C-1;\n"  # only 10,00 of C-1 is left
    )
    report = _import(owner, tmp_path, rows, dry_run=False)
    assert not report.imported
    assert _reasons(report) == {
        4: "a return of 30,00\xa0€, but at most 10,00\xa0€ of the sale it returns can still "
        "come back"
    }
