"""`shopcards export-customers` and `export-purchases` as the owner types them."""

from __future__ import annotations

import csv
from pathlib import Path

import vobject
from python_calamine import CalamineWorkbook

from shopcards.core.purchase import PurchaseInput
from shopcards.services import cards, purchases
from shopcards.services.session import Session
from shopcards.store import changes
from tests.cli.run import shopcards
from tests.conftest import PIN, card_input, set_test_pin


def shop(owner: Session) -> list[str]:
    """Two cards (one with a purchase) on a card file with the owner's PIN set."""
    anna = cards.add_card(owner, card_input("Anna", "Virtanen", birthday="--02-29"))
    bo = cards.add_card(owner, card_input("Bo", "Ek"))
    assert anna.id is not None
    purchases.record_purchase(owner, anna.id, PurchaseInput("12.50", date="2026-11-20"))
    set_test_pin(owner)
    return [anna.card_no, bo.card_no]


def test_the_format_comes_from_the_extension_or_is_named(
    owner: Session, db_path: Path, tmp_path: Path
) -> None:
    numbers = shop(owner)
    out = tmp_path / "cards.xlsx"
    ran = shopcards("export-customers", str(out), "--db", str(db_path), home=tmp_path, pin=PIN)
    assert (ran.returncode, ran.stdout) == (0, f"Wrote 2 cards to {out}.\n")
    rows = CalamineWorkbook.from_path(str(out)).get_sheet_by_name("Cards").to_python()
    assert [row[0] for row in rows[1:]] == numbers

    vcf = tmp_path / "chosen.txt"
    ran = shopcards(
        "export-customers",
        str(vcf),
        "--format",
        "vcf",
        "--select",
        f"cards:{numbers[1]}",
        "--db",
        str(db_path),
        home=tmp_path,
        pin=PIN,
    )
    assert (ran.returncode, ran.stdout) == (0, f"Wrote 1 card to {vcf}.\n")
    assert [v.uid.value for v in vobject.readComponents(vcf.read_text())] == [numbers[1]]


def test_purchases_between_two_days(owner: Session, db_path: Path, tmp_path: Path) -> None:
    number = shop(owner)[0]
    out = tmp_path / "purchases.csv"
    args = ("export-purchases", str(out), "--db", str(db_path))
    ran = shopcards(*args, "--from", "2026-11-01", "--to", "2026-11-30", home=tmp_path, pin=PIN)
    assert (ran.returncode, ran.stdout) == (0, f"Wrote 1 purchase to {out}.\n")
    with out.open(encoding="utf-8-sig", newline="") as f:
        [row] = list(csv.DictReader(f))
    assert (row["Card number"], row["Amount (EUR)"]) == (number, "12.50")
    ran = shopcards(*args, "--from", "2026-12-01", home=tmp_path, pin=PIN)
    assert ran.stdout == f"Wrote 0 purchases to {out}.\n"


def test_the_owners_pin_is_needed_and_a_bad_selection_is_named(
    owner: Session, db_path: Path, tmp_path: Path
) -> None:
    shop(owner)
    out = tmp_path / "cards.csv"
    ran = shopcards("export-customers", str(out), "--db", str(db_path), home=tmp_path)
    assert ran.returncode == 2 and not out.exists()
    ran = shopcards(
        "export-customers",
        str(out),
        "--select",
        "friends",
        "--db",
        str(db_path),
        home=tmp_path,
        pin=PIN,
    )
    assert ran.returncode == 2 and "“friends” is not a selection" in ran.stderr
    ran = shopcards(
        "export-purchases", str(out), "--from", "2026-02-30", "--db", str(db_path), home=tmp_path
    )
    assert ran.returncode == 2 and "“2026-02-30” is not a date" in ran.stderr
    assert not out.exists()
    logged = [line.action for line in changes.for_entity(owner.db, "card_file", 0)]
    assert "exported" not in logged
