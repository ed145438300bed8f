"""Importing customers from the window: Shop ▸ Import customers…, the columns, the preview with
its filter and decisions, the save, and "Undo this import" — driven as the owner would."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QWidget,
)
from pytestqt.qtbot import QtBot

from shopcards.core.card import CardQuery
from shopcards.core.customer_headings import Field
from shopcards.core.errors import PermissionDenied
from shopcards.services import cards, customer_mappings
from shopcards.services.session import Session
from shopcards.ui.cabinet.shop_tools import ShopTools
from shopcards.ui.imports.customers_preview import COL_DECISION
from shopcards.ui.imports.customers_wizard import CustomerImportWizard
from tests.ui.conftest import ModalAnswers, find, show_window, type_text
from tests.ui.test_shop_tools import _shop_action

LISTING = (
    "Etunimi;Sukunimi;Puhelin;Kirjeet\n"
    "Mikko;Äijälä;+358 50 765 4321;kyllä\n"
    "Anni;Virtanen;+358 40 123 4567;\n"
    "Liisa;Koski;;ei\n"
)
FIELDS = {"Etunimi": "Given name", "Sukunimi": "Family name", "Puhelin": "Phone",
          "Kirjeet": "Consent to post"}  # fmt: skip


def _names(session: Session, text: str) -> list[str]:
    return [c.display_name for c in cards.list_cards(session, CardQuery(text=text))]


def _wait(qtbot: QtBot, wizard: CustomerImportWizard) -> None:
    qtbot.waitUntil(lambda: not wizard.task.running, timeout=20000)


def _summary(wizard: CustomerImportWizard) -> str:
    return find(wizard, QLabel, "Summary").text()


@pytest.fixture
def listing(tmp_path: Path) -> Path:
    path = tmp_path / "asiakkaat.csv"
    path.write_text(LISTING, encoding="utf-8")
    return path


def _open_from_the_menu(
    qtbot: QtBot, shop: Session, listing: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[ShopTools, CustomerImportWizard]:
    window = show_window(qtbot, shop)
    tools = ShopTools(window, shop)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(listing), ""))
    _shop_action(window, "Import customers…")
    wizard = tools.screens["customers"]
    assert isinstance(wizard, CustomerImportWizard)
    qtbot.waitExposed(wizard)
    _wait(qtbot, wizard)
    return tools, wizard


def test_the_wizard_imports_with_decisions_and_undoes(
    qtbot: QtBot, shop: Session, listing: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _tools, wizard = _open_from_the_menu(qtbot, shop, listing, monkeypatch)
    first = find(wizard, QComboBox, "Etunimi")
    first.setFocus()
    qtbot.keyClick(first, Qt.Key.Key_Tab)  # from column to column by keys
    assert QApplication.focusWidget() is find(wizard, QComboBox, "Sukunimi")
    for heading, field in FIELDS.items():
        find(wizard, QComboBox, heading).setCurrentText(field)
    type_text(find(wizard, QLineEdit, "Save this mapping as"), "Vanha kassa")
    find(wizard, QPushButton, "Save mapping").click()
    assert _summary(wizard) == "Column mapping saved as “Vanha kassa”."

    find(wizard, QPushButton, "Preview").click()
    _wait(qtbot, wizard)
    assert _summary(wizard).startswith("new: 2, update: 0, possible duplicate: 1, refused: 0.")
    rows = find(wizard, QTableView, "Rows")
    assert rows.model().rowCount() == 3
    find(wizard, QComboBox, "Show").setCurrentText("Possible duplicate")
    assert rows.model().rowCount() == 1
    why = rows.model().index(0, 5).data()
    assert why.startswith("same phone +358401234567 as card ") and "(Virtanen, Anna)" in why

    # the duplicate's decision, by keys: F2 opens its combo, Down picks "Update the card"
    rows.setFocus()
    rows.setCurrentIndex(rows.model().index(0, COL_DECISION))
    qtbot.keyClick(rows, Qt.Key.Key_F2)
    editor = find(wizard, QComboBox, "Decision")
    qtbot.keyClick(editor, Qt.Key.Key_Down)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert rows.model().index(0, COL_DECISION).data() == "Update the card"

    find(wizard, QPushButton, "Import 3 rows").click()
    _wait(qtbot, wizard)
    assert _summary(wizard).startswith("2 cards added, 1 updated, 0 skipped (import ")
    assert _names(shop, "Äijälä") == ["Äijälä, Mikko"]
    assert _names(shop, "+358401234567") == ["Virtanen, Anni"]

    find(wizard, QPushButton, "Undo this import").click()
    assert _summary(wizard) == ("Import undone: 2 cards it added removed, 1 put back as they were.")
    assert _names(shop, "Äijälä") == []
    assert _names(shop, "+358401234567") == ["Virtanen, Anna"]
    assert customer_mappings.matching(shop, tuple(FIELDS)) is not None
    wizard.close()


def test_a_saved_mapping_is_offered_for_the_same_headings(
    qtbot: QtBot, shop: Session, listing: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mapping = {0: Field.given_name, 1: Field.family_name, 2: Field.phone, 3: Field.consent_post}
    customer_mappings.save_mapping(shop, "Vanha kassa", tuple(FIELDS), mapping)
    _tools, wizard = _open_from_the_menu(qtbot, shop, listing, monkeypatch)
    assert _summary(wizard).startswith("Using the column mapping saved as “Vanha kassa”")
    for heading, field in FIELDS.items():
        assert find(wizard, QComboBox, heading).currentText() == field
    wizard.close()


def test_for_all_duplicates_and_refused_rows(
    qtbot: QtBot, shop: Session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    listing = tmp_path / "bad.csv"
    listing.write_text(LISTING + "Bo;Berg;12;\n", encoding="utf-8")
    _tools, wizard = _open_from_the_menu(qtbot, shop, listing, monkeypatch)
    for heading, field in FIELDS.items():
        find(wizard, QComboBox, heading).setCurrentText(field)
    find(wizard, QPushButton, "Preview").click()
    _wait(qtbot, wizard)
    assert "Nothing can be imported while rows are refused" in _summary(wizard)
    assert not find(wizard, QPushButton, "Import 3 rows").isEnabled()
    find(wizard, QComboBox, "Show").setCurrentText("Refused")
    rows = find(wizard, QTableView, "Rows")
    assert rows.model().index(0, 5).data() == (
        "column Puhelin: “12” has the wrong number of digits for a phone number"
    )
    find(wizard, QComboBox, "Possible duplicates").setCurrentText("Add anyway")
    find(wizard, QComboBox, "Show").setCurrentText("Possible duplicate")
    assert rows.model().index(0, COL_DECISION).data() == "Add anyway"
    wizard.close()


def test_compare_shows_a_duplicate_beside_its_card_and_decides(
    qtbot: QtBot,
    shop: Session,
    listing: Path,
    monkeypatch: pytest.MonkeyPatch,
    modals: ModalAnswers,
) -> None:
    _tools, wizard = _open_from_the_menu(qtbot, shop, listing, monkeypatch)
    for heading, field in FIELDS.items():
        find(wizard, QComboBox, heading).setCurrentText(field)
    find(wizard, QPushButton, "Preview").click()
    _wait(qtbot, wizard)
    rows = find(wizard, QTableView, "Rows")
    compare = find(wizard, QPushButton, "Compare…")
    rows.setFocus()
    rows.setCurrentIndex(rows.model().index(0, 0))  # Mikko: a new card, nothing to compare
    assert not compare.isEnabled()
    qtbot.keyClick(rows, Qt.Key.Key_Down)  # Anni, whose phone is Anna's
    assert compare.isEnabled()
    seen: dict[str, str] = {}

    def read_and_add(dialog: QWidget) -> None:
        for name in ("Given name on the card", "Given name on the row"):
            seen[name] = find(dialog, QLabel, name).text()
        find(dialog, QPushButton, "Add anyway").click()

    modals.then(read_and_add)
    compare.click()
    assert modals.seen == ["Compare with the card"]
    assert seen["Given name on the card"] == "Anna" and seen["Given name on the row"] == "Anni"
    assert rows.model().index(1, COL_DECISION).data() == "Add anyway"

    find(wizard, QPushButton, "Import 3 rows").click()
    _wait(qtbot, wizard)
    assert _summary(wizard).endswith(
        "1 row was added though like a card already here: Shop ▸ Find duplicate cards… merges them."
    )
    assert _names(shop, "+358401234567") == ["Virtanen, Anna", "Virtanen, Anni"]
    wizard.close()


def test_the_clerk_cannot_open_the_wizard(clerk: Session, listing: Path) -> None:
    with pytest.raises(PermissionDenied, match="Only the owner may import customers"):
        CustomerImportWizard(clerk, listing)
