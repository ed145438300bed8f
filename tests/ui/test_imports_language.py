"""The customer import in the window's language: the wizard's steps and its fields' names in
Finnish, the mapping read back from the translated choices, and in Hebrew a mirrored wizard
whose counts keep their digits in order."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QPushButton
from pytestqt.qtbot import QtBot

from shopcards.core.customer_headings import Field
from shopcards.services.session import Session
from shopcards.ui.imports.customers_wizard import CustomerImportWizard
from tests.ui.conftest import find
from tests.ui.speaking import speaking

FSI, PDI, RLM = "\u2068", "\u2069", "\u200f"
LISTING = "Etunimi;Sukunimi;Puhelin\nMikko;Äijälä;+358 50 765 4321\nAnni;Virtanen;\n"


def open_wizard(qtbot: QtBot, shop: Session, tmp_path: Path) -> CustomerImportWizard:
    path = tmp_path / "asiakkaat.csv"
    path.write_text(LISTING, encoding="utf-8")
    wizard = CustomerImportWizard(shop, path)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitUntil(lambda: not wizard.task.running, timeout=20000)
    return wizard


def test_the_wizard_speaks_finnish(qtbot: QtBot, shop: Session, tmp_path: Path) -> None:
    with speaking("fi"):
        wizard = open_wizard(qtbot, shop, tmp_path)
        assert wizard.windowTitle() == "Tuo asiakkaat — asiakkaat.csv"
        assert find(wizard, QComboBox, "Etunimi").currentText() == "Etunimi"
        assert find(wizard, QComboBox, "Sukunimi").currentText() == "Sukunimi"
        assert find(wizard, QComboBox, "Puhelin").currentText() == "Puhelin"
        assert wizard.chosen_mapping() == {
            0: Field.given_name,
            1: Field.family_name,
            2: Field.phone,
        }
        assert find(wizard, QPushButton, "Esikatselu").text() == "Esikatselu"
        assert find(wizard, QLabel, "Tiedosto").text().endswith("\n2 riviä")
        assert find(wizard, QLabel, "Yhteenveto").text() == (
            "Tarkista kunkin sarakkeen kenttä ja valitse sitten Esikatselu."
        )


def test_the_wizard_in_hebrew_is_mirrored(qtbot: QtBot, shop: Session, tmp_path: Path) -> None:
    with speaking("he"):
        wizard = open_wizard(qtbot, shop, tmp_path)
        assert wizard.layoutDirection() == Qt.LayoutDirection.RightToLeft
        assert find(wizard, QLabel, "קובץ").text().endswith("\nשתי שורות")
        wizard.check()
        qtbot.waitUntil(lambda: not wizard.task.running, timeout=20000)
        button = find(wizard, QPushButton, "לייבא שתי שורות")
        assert button.isEnabled()
        said = find(wizard, QLabel, "סיכום").text()
        assert said.startswith(f"{FSI}{RLM}{FSI}חדש{PDI}: {FSI}2{PDI}, ")  # each part: an RLM
