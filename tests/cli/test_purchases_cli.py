"""`shopcards import-purchases` as the owner types it, PIN and all."""

from __future__ import annotations

from pathlib import Path

import pytest

from shopcards.core.roles import Role
from shopcards.services import cards
from shopcards.services.opening import open_session
from tests.cli.run import shopcards, shopcards_process
from tests.conftest import PIN, card_input, set_test_pin


@pytest.fixture
def shop(tmp_path: Path) -> tuple[Path, str]:
    db = tmp_path / "shop.db"
    session = open_session(db, Role.OWNER)
    card_no = cards.add_card(session, card_input()).card_no
    set_test_pin(session)
    session.close()
    return db, card_no


def test_import_as_a_real_process_reports_each_row_and_saves_all(
    shop: tuple[Path, str], tmp_path: Path
) -> None:
    """`python -m shopcards` itself: the PIN from SHOPCARDS_PIN, exit status 0, and € in UTF-8."""
    db, card_no = shop
    export = tmp_path / "till.csv"
    export.write_text(
        f"date;amount;card;receipt\n2024-11-20;12,50;{card_no};R1\n2024-11-21;3.20;{card_no};R2\n",
        encoding="utf-8",
    )
    done = shopcards_process(
        "import-purchases", str(export), "--db", str(db), home=tmp_path, pin=PIN
    )
    assert done.returncode == 0, done.stderr
    assert "row 2: card 0000018 by card number, €12.50 on 2024-11-20, receipt R1" in done.stdout
    assert "Imported 2 purchases." in done.stdout


def test_a_bad_row_is_named_and_nothing_saved(shop: tuple[Path, str], tmp_path: Path) -> None:
    db, card_no = shop
    export = tmp_path / "till.csv"
    export.write_text(
        f"date;amount;card\n2024-11-20;12,50;{card_no}\n2024-11-20;1;123\n", encoding="utf-8"
    )
    done = shopcards("import-purchases", str(export), "--db", str(db), home=tmp_path, pin=PIN)
    assert done.returncode == 1
    assert "row 3: no card has card number 123" in done.stdout
    assert "Nothing was imported" in done.stdout


def test_the_owner_pin_is_needed(shop: tuple[Path, str], tmp_path: Path) -> None:
    db, card_no = shop
    export = tmp_path / "till.csv"
    export.write_text(f"date;amount;card\n2024-11-20;12,50;{card_no}\n", encoding="utf-8")
    wrong = shopcards("import-purchases", str(export), "--db", str(db), home=tmp_path, pin="1")
    assert wrong.returncode == 2 and "That PIN is not right" in wrong.stderr
    none = shopcards("import-purchases", str(export), "--db", str(db), home=tmp_path)
    assert none.returncode == 2 and "set SHOPCARDS_PIN" in none.stderr
    assert "Traceback" not in wrong.stderr + none.stderr


def test_columns_are_named_on_the_command_line(shop: tuple[Path, str], tmp_path: Path) -> None:
    db, card_no = shop
    export = tmp_path / "till.csv"
    export.write_text(f"When;Total;Member;Note\n2024-11-20;2,00;{card_no};x\n", encoding="utf-8")
    run = ("import-purchases", str(export), "--db", str(db))
    refused = shopcards(*run, home=tmp_path, pin=PIN)
    assert refused.returncode == 2 and "no column for date" in refused.stderr
    done = shopcards(*run, "--column", "date=When", home=tmp_path, pin=PIN)
    assert done.returncode == 0, done.stderr
    assert "Columns: date ← “When”, amount ← “Total”, card ← “Member”" in done.stdout
    assert "Not read: “Note”" in done.stdout
    assert "Matched 1 row to cards" in done.stdout
    bad = shopcards(*run, "--column", "date", home=tmp_path, pin=PIN)
    assert "write it as FIELD=HEADING" in bad.stderr


def test_dates_that_disagree_need_the_date_order(shop: tuple[Path, str], tmp_path: Path) -> None:
    db, card_no = shop
    export = tmp_path / "till.csv"
    export.write_text(
        "date;amount;card\n"
        + "".join(f"{d};1.00;{card_no}\n" for d in ("03/11/2024", "25/10/2024", "11/20/2024")),
        encoding="utf-8",
    )
    run = ("import-purchases", str(export), "--db", str(db))
    refused = shopcards(*run, home=tmp_path, pin=PIN)
    assert refused.returncode != 0 and "Traceback" not in refused.stderr
    assert "row 3 can only be day/month/year" in refused.stderr
    assert "row 4 can only be month/day/year" in refused.stderr
    done = shopcards(*run, "--date-order", "mdy", "--dry-run", home=tmp_path, pin=PIN)
    assert "dates read as month/day/year" in done.stdout
    assert "row 2: card 0000018 by card number, €1.00 on 2024-03-11" in done.stdout
    assert "row 3: 25/10/2024 is not a day: there is no month 25" in done.stdout
