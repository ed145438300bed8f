"""Shop ▸ Export cards… and Export purchases… in the real window: the clerk is asked for the
PIN, the owner chooses, Export… writes the file on a worker and the dialog says what it wrote;
a Cancel leaves no file."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
import vobject
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QRadioButton,
)
from pytestqt.qtbot import QtBot

from shopcards.core.card import CardQuery
from shopcards.core.progress import Progress
from shopcards.core.purchase import PurchaseInput
from shopcards.services import cards, purchases
from shopcards.services.session import Session
from shopcards.store import changes
from shopcards.ui.cabinet.main_window import MainWindow
from shopcards.ui.cabinet.shop_tools import ShopTools
from shopcards.ui.exports import export_dialog
from shopcards.ui.exports.export_dialog import CardExportDialog, ExportDialog
from shopcards.ui.kit.dates import show_day
from tests.conftest import PIN, set_test_pin
from tests.ui.conftest import SHOP_CARDS, ModalAnswers, find, show_window, type_text


def from_menu(window: MainWindow, tools: ShopTools, entry: str) -> ExportDialog:
    menu = next(m for m in window.findChildren(QMenu) if m.title() == "&Shop")
    action = next(a for a in menu.actions() if a.text().replace("&", "") == entry)
    action.trigger()
    dialog = tools.screens[f"export {entry.split()[1].rstrip('…')}"]
    assert isinstance(dialog, ExportDialog)
    return dialog


def export(qtbot: QtBot, dialog: ExportDialog, path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """Press Export…, answer Save as with ``path``, and wait for the line that says what
    happened."""
    asked: list[str] = []

    def save_as(_parent: object, _title: str, name: str, _filter: str) -> Path:
        asked.append(name)
        return path

    monkeypatch.setattr(export_dialog, "ask_save_path", save_as)
    qtbot.mouseClick(find(dialog, QPushButton, "Export…"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.task is not None and not dialog.task.running, timeout=10000)
    return asked[0]


def test_the_clerk_gives_the_pin_then_exports_a_selection_as_vcards(
    qtbot: QtBot,
    shop: Session,
    clerk: Session,
    modals: ModalAnswers,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    set_test_pin(shop)
    window = show_window(qtbot, clerk)
    tools = ShopTools(window, clerk)

    def type_pin(dialog: object) -> None:
        type_text(find(dialog, QLineEdit, "PIN"), PIN)  # type: ignore[arg-type]
        find(dialog, QPushButton, "Switch to owner mode").click()  # type: ignore[arg-type]

    modals.then(type_pin)
    dialog = from_menu(window, tools, "Export cards…")
    qtbot.waitExposed(dialog)
    assert modals.seen and isinstance(dialog, CardExportDialog)
    assert find(dialog, QRadioButton, "Every card (archived ones too)").isChecked()

    find(dialog, QRadioButton, "A selection").click()
    selection = find(dialog, QComboBox, "Selection")
    selection.setCurrentIndex(selection.findData("ids"))
    find(dialog, QLineEdit, "Which cards").setText("6, 7")
    find(dialog, QComboBox, "Format").setCurrentIndex(2)
    path = tmp_path / "contacts.vcf"
    assert export(qtbot, dialog, path, monkeypatch) == "customers-2026-11-23.vcf"

    assert find(dialog, QLabel, "Result").text() == f"Wrote 2 cards to {path}."
    names = [v.fn.value for v in vobject.readComponents(path.read_text(encoding="utf-8"))]
    assert names == [f"{given} {family}" for given, family, *_ in SHOP_CARDS[5:7]]
    [line, *_] = changes.for_entity(shop.db, "card_file", 0)
    assert line.details == {"what": "customers (vcf)", "to": str(path), "rows": 2}


def test_every_card_to_csv_and_a_cancel_leaves_no_file(
    qtbot: QtBot, shop: Session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = show_window(qtbot, shop)
    dialog = from_menu(window, ShopTools(window, shop), "Export cards…")
    path = tmp_path / "cards.csv"
    export(qtbot, dialog, path, monkeypatch)
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [row["Family name"] for row in rows] == [family for _g, family, *_ in SHOP_CARDS]

    def cancel_at_once(*args: object) -> int:
        token = args[-1]
        assert callable(token)
        dialog.task.token.cancel()  # type: ignore[union-attr]  # as Cancel would
        token(Progress(1, 7))
        return 0

    monkeypatch.setattr(export_dialog, "export_customers", cancel_at_once)
    path.unlink()
    export(qtbot, dialog, path, monkeypatch)
    assert find(dialog, QLabel, "Result").text() == "Cancelled: no file was written."
    assert list(tmp_path.glob("*.csv")) == []


def test_purchases_between_two_days(
    qtbot: QtBot, shop: Session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    anna = cards.list_cards(shop, CardQuery("Virtanen"))[0]
    for day in ("2026-01-10", "2026-11-20"):
        purchases.record_purchase(shop, anna.id, PurchaseInput("10.00", date=day))
    window = show_window(qtbot, shop)
    dialog = from_menu(window, ShopTools(window, shop), "Export purchases…")
    path = tmp_path / "purchases.csv"
    assert export(qtbot, dialog, path, monkeypatch) == "purchases-2026-11-23.csv"
    assert find(dialog, QLabel, "Result").text() == f"Wrote 2 purchases to {path}."

    first = find(dialog, QDateEdit, "From")
    assert not first.isEnabled()
    find(dialog, QRadioButton, "Between").click()
    assert first.isEnabled()
    show_day(first, dt.date(2026, 11, 1))
    export(qtbot, dialog, path, monkeypatch)
    assert find(dialog, QLabel, "Result").text() == f"Wrote 1 purchase to {path}."
    with path.open(encoding="utf-8-sig", newline="") as f:
        [row] = list(csv.DictReader(f))
    assert (row["Family name"], row["Date"]) == ("Virtanen", "2026-11-20")
