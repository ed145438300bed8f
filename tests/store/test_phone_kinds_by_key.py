"""d005: phone kinds an earlier card form saved in the window's language ("matkapuhelin",
"נייד") are kept by their key once the card file is opened, so the export's Mobile column
finds them and a window in another language says them in its own words."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from shopcards.core.card_export import phone_columns
from shopcards.core.card_fields import phone_label_shown
from shopcards.core.roles import Role
from shopcards.services import cards, catalogues
from shopcards.services.opening import open_session
from shopcards.store.data_steps import data_steps
from tests.conftest import card_input

SAVED = {
    "Aino": [("matkapuhelin", "040 123 4567"), ("työ", "09 123 4567")],
    "Ioana": [("mobil", "0722 123 456"), ("acasă", "0264 123 456")],
    "Tamar": [("נייד", "050-123-4567"), ("עבודה", "03-123-4567")],
    "Ani": [("բջջային", "091 123 456"), ("տուն", "010 123 456")],
    "Ella": [("mobile", "07700 900123"), ("mummola", "040 765 4321")],
}
"""Each card's phones as a release before d005 saved them from its form: the kind in the
window's language, and one label the shop typed."""
KEPT = {
    "Aino": ["mobile", "work"],
    "Ioana": ["mobile", "home"],
    "Tamar": ["mobile", "work"],
    "Ani": ["mobile", "home"],
    "Ella": ["mobile", "mummola"],
}


def _saved_by_an_earlier_release(path: Path) -> dict[str, int]:
    """A real card file with the phones saved as those releases' form saved them, and no
    record of d005 (the step has not run on it)."""
    session = open_session(path, Role.OWNER)
    ids = {}
    for given, phones in SAVED.items():
        card = cards.add_card(session, card_input(given, "Koivu", country="FI", phones=phones))
        assert card.id is not None
        ids[given] = card.id
    session.close()
    with sqlite3.connect(path) as conn:
        labels = {label for (label,) in conn.execute("SELECT label FROM phones")}
        assert {"matkapuhelin", "נייד", "mummola"} <= labels  # stored as the form gave them
        conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'd005_phone_kinds_by_key'")
    conn.close()
    return ids


def test_phone_kinds_in_a_window_language_are_kept_by_key(tmp_path: Path) -> None:
    path = tmp_path / "shop.db"
    ids = _saved_by_an_earlier_release(path)
    session = open_session(path, Role.OWNER)  # opening the file runs the step
    with sqlite3.connect(path) as conn:
        assert "d005_phone_kinds_by_key" in data_steps.applied(conn)
    conn.close()
    try:
        for given, card_id in ids.items():
            phones = cards.get_card(session, card_id).phones
            assert [phone.label for phone in phones] == KEPT[given], given
        aino = cards.get_card(session, ids["Aino"]).phones
        placed, _others = phone_columns(aino)  # the export's Mobile and Work columns
        assert placed == {"mobile": aino[0].number, "work": aino[1].number}
        catalogues.start("he")
        assert phone_label_shown(aino[0].label) == "נייד"  # a Hebrew window says it in Hebrew
    finally:
        session.close()
