"""`shopcards customer-data CARD_NO --pdf F --json F` as the owner types it."""

from __future__ import annotations

import json
from pathlib import Path

from shopcards.core.roles import Role
from shopcards.services import cards
from shopcards.services.opening import open_session
from tests.cli.run import shopcards
from tests.conftest import PIN, card_input, set_test_pin


def _shop(tmp_path: Path) -> tuple[Path, str]:
    db = tmp_path / "shop.db"
    session = open_session(db, Role.OWNER)
    card = cards.add_card(session, card_input("Անի", "Գրիգորյան", consent_post="yes"))
    set_test_pin(session)
    session.close()
    return db, card.card_no


def test_the_owner_writes_both_files(tmp_path: Path) -> None:
    db, card_no = _shop(tmp_path)
    pdf, data = tmp_path / "ani.pdf", tmp_path / "ani.json"
    done = shopcards(
        "customer-data", card_no, "--pdf", str(pdf), "--json", str(data), "--db", str(db),
        home=tmp_path, pin=PIN,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert f"Everything kept about card {card_no}" in done.stdout
    assert pdf.read_bytes().startswith(b"%PDF")
    assert json.loads(data.read_text(encoding="utf-8"))["card"]["family_name"] == "Գրիգորյան"


def test_a_wrong_pin_an_unknown_card_or_no_file_is_refused(tmp_path: Path) -> None:
    db, card_no = _shop(tmp_path)
    out = tmp_path / "x.json"
    wrong = shopcards(
        "customer-data", card_no, "--json", str(out), "--db", str(db), home=tmp_path, pin="135790"
    )
    assert wrong.returncode == 2 and not out.exists()
    unknown = shopcards(
        "customer-data", "9999999", "--json", str(out), "--db", str(db), home=tmp_path, pin=PIN
    )
    assert unknown.returncode == 2 and "No customer has card 9999999" in unknown.stderr
    nothing = shopcards("customer-data", card_no, "--db", str(db), home=tmp_path, pin=PIN)
    assert nothing.returncode == 2 and "--pdf FILE.pdf, --json FILE.json" in nothing.stderr
