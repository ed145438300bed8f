"""Importing a till export from the window: check, choose a column, import, or be told why not."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QPushButton, QTreeWidget
from pytestqt.qtbot import QtBot

from shopcards.core.errors import PermissionDenied
from shopcards.services import cards, purchases
from shopcards.services.session import Session
from shopcards.services.settings import update_settings
from shopcards.ui.imports.purchases_dialog import PurchaseImportDialog
from tests.conftest import card_input
from tests.import_load import build_cards, write_export
from tests.ui.conftest import find


@pytest.fixture
def card_no(owner: Session) -> str:
    update_settings(owner, locale="sv_SE", region="SE", currency="SEK")
    return cards.add_card(owner, card_input("Eva", "Lindqvist")).card_no


def export(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "kassa.csv"
    path.write_text(text, encoding="utf-8")
    return path


def open_dialog(qtbot: QtBot, session: Session, path: Path) -> PurchaseImportDialog:
    dialog = PurchaseImportDialog(session, path)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    checked(qtbot, dialog)
    return dialog


def checked(qtbot: QtBot, dialog: PurchaseImportDialog) -> None:
    """Wait until the check (or import) under way has reported."""
    qtbot.waitUntil(lambda: not dialog.task.running, timeout=10000)


def summary(dialog: PurchaseImportDialog) -> str:
    return find(dialog, QLabel, "Summary").text()


def amounts(session: Session, card_no: str) -> list[int]:
    card = cards.find_card_no(session, card_no)
    assert card is not None and card.id is not None
    return [p.amount for p in purchases.list_purchases(session, card.id)]


def test_a_swedish_export_is_checked_then_imported(
    qtbot: QtBot, owner: Session, card_no: str, tmp_path: Path
) -> None:
    short = card_no.lstrip("0")  # a spreadsheet dropped the leading zeros
    path = export(
        tmp_path, f"Datum;Belopp;Kundnr;Kvitto;Kassör\n2026-11-20;149,00;{short};K-1;Ola\n"
    )
    dialog = open_dialog(qtbot, owner, path)
    assert find(dialog, QComboBox, "Date column").currentText() == "Datum"
    assert find(dialog, QComboBox, "Card number column").currentText() == "Kundnr"
    assert find(dialog, QComboBox, "Phone column").currentText() == "—"
    assert summary(dialog).startswith("1 row matches a card (")
    assert amounts(owner, card_no) == []  # checking saves nothing

    find(dialog, QPushButton, "Import 1 purchase").click()
    checked(qtbot, dialog)
    assert summary(dialog).startswith("Imported 1 purchase (")
    assert amounts(owner, card_no) == [14900]
    assert not find(dialog, QPushButton, "Imported").isEnabled()


def test_an_unknown_date_heading_is_chosen_by_hand(
    qtbot: QtBot, owner: Session, card_no: str, tmp_path: Path
) -> None:
    path = export(tmp_path, f"När;Belopp;Kundkort\n2026-11-21;20,00;{card_no}\n")
    dialog = open_dialog(qtbot, owner, path)
    assert "no column for date" in summary(dialog)
    assert not find(dialog, QPushButton, "Import").isEnabled()

    find(dialog, QComboBox, "Date column").setCurrentText("När")
    find(dialog, QComboBox, "Card number column").setCurrentText("Kundkort")
    find(dialog, QPushButton, "Check again").click()
    checked(qtbot, dialog)
    find(dialog, QPushButton, "Import 1 purchase").click()
    checked(qtbot, dialog)
    assert amounts(owner, card_no) == [2000]


def test_a_bad_row_is_shown_in_the_list_and_nothing_can_be_imported(
    qtbot: QtBot, owner: Session, card_no: str, tmp_path: Path
) -> None:
    path = export(
        tmp_path, f"date;amount;card\n2026-11-20;5,00;{card_no}\n2026-11-20;fem;{card_no}\n"
    )
    dialog = open_dialog(qtbot, owner, path)
    assert "1 cannot be used" in summary(dialog)
    rows = find(dialog, QTreeWidget, "Rows")
    first = rows.topLevelItem(0)
    assert first.text(0) == "3" and "not an amount" in first.text(1)
    assert rows.topLevelItem(1).text(1).startswith(f"card {card_no}, found by card number")
    assert not find(dialog, QPushButton, "Import 1 purchase").isEnabled()
    assert amounts(owner, card_no) == []


def test_the_clerk_cannot_import(clerk: Session, tmp_path: Path) -> None:
    with pytest.raises(PermissionDenied, match="Only the owner may import purchases"):
        PurchaseImportDialog(clerk, export(tmp_path, "date;amount;card\n"))


def test_dates_that_disagree_are_settled_by_the_owner(
    qtbot: QtBot, owner: Session, card_no: str, tmp_path: Path
) -> None:
    rows = "".join(f"{d};1,00;{card_no}\n" for d in ("03/11/2026", "25/10/2026", "11/20/2026"))
    dialog = open_dialog(qtbot, owner, export(tmp_path, "Datum;Belopp;Kundnr\n" + rows))
    assert "row 3 can only be day/month/year" in summary(dialog)
    assert "Choose the date order above" in summary(dialog)
    assert not find(dialog, QPushButton, "Import").isEnabled()

    order = find(dialog, QComboBox, "Date order")
    order.setCurrentText("Month/day/year")
    find(dialog, QPushButton, "Check again").click()
    checked(qtbot, dialog)
    assert summary(dialog).startswith("2 rows match cards (")
    texts = [dialog.rows.topLevelItem(i).text(1) for i in range(dialog.rows.topLevelItemCount())]
    assert texts[0] == "25/10/2026 is not a day: there is no month 25"


def test_cancelling_an_import_keeps_nothing_and_says_so(
    qtbot: QtBot, owner: Session, db_path: Path, tmp_path: Path
) -> None:
    build_cards(db_path, 2_000)
    path = tmp_path / "till.csv"
    write_export(path, 30_000, 2_000)  # long enough to cancel mid-way
    dialog = open_dialog(qtbot, owner, path)
    assert summary(dialog).startswith("30,000 rows match cards (")

    find(dialog, QPushButton, "Import 30,000 purchases").click()
    task = dialog.task
    qtbot.waitUntil(task.dialog.isVisible, timeout=10000)
    with qtbot.waitSignal(task.done, timeout=60000):
        qtbot.mouseClick(find(task.dialog, QPushButton, "Cancel"), Qt.MouseButton.LeftButton)
    assert summary(dialog) == "Cancelled: nothing was imported."
    assert owner.db.execute("SELECT count(*) FROM purchases").fetchone()[0] == 0
    assert find(dialog, QPushButton, "Check again").isEnabled()
