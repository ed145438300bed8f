"""The first-start setup on a new card file: before the first PIN, suggested from the PC's
locale, saved or skipped; a demo shop is not asked."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPlainTextEdit, QPushButton
from pytestqt.qtbot import QtBot

from shopcards.services import demo
from shopcards.services.session import Session
from shopcards.services.settings import needs_setup
from shopcards.ui.cabinet.shop_tools import ShopTools
from shopcards.ui.settings.shop_setup import ShopSetupDialog
from tests.ui.conftest import find, show_window, type_text


def _started(qtbot: QtBot, session: Session) -> ShopTools:
    window = show_window(qtbot, session)
    tools = ShopTools(window, session)
    tools.start()
    return tools


def _setup_shown(qtbot: QtBot, tools: ShopTools) -> ShopSetupDialog:
    qtbot.waitUntil(lambda: hasattr(tools, "setup") and tools.setup.isVisible())
    assert not hasattr(tools, "first_pin"), "the PIN is asked for after the setup"
    return tools.setup


def _click(qtbot: QtBot, dialog: ShopSetupDialog, label: str) -> None:
    qtbot.mouseClick(find(dialog, QPushButton, label), Qt.MouseButton.LeftButton)


def test_a_new_file_is_set_up_first_then_the_pin_is_asked_for(qtbot: QtBot, owner: Session) -> None:
    tools = _started(qtbot, owner)
    dialog = _setup_shown(qtbot, tools)
    type_text(find(dialog, QLineEdit, "Shop name"), "Kauppa Koivu")
    find(dialog, QPlainTextEdit, "Address").setPlainText("Kauppakatu 12\n00100 Helsinki")
    region = find(dialog, QComboBox, "Country or region")
    region.setCurrentIndex(region.findData("FI"))
    _click(qtbot, dialog, "Save")
    qtbot.waitUntil(lambda: hasattr(tools, "first_pin") and tools.first_pin.isVisible())
    owner.forget_settings()
    assert owner.settings.shop_name == "Kauppa Koivu" and owner.settings.region == "FI"
    assert owner.settings.shop_address == "Kauppakatu 12\n00100 Helsinki"
    assert tools.window.windowTitle().startswith("Kauppa Koivu")
    tools.first_pin.reject()


def test_the_setup_can_be_skipped_and_is_not_asked_again(qtbot: QtBot, owner: Session) -> None:
    tools = _started(qtbot, owner)
    _click(qtbot, _setup_shown(qtbot, tools), "Skip for now")
    qtbot.waitUntil(lambda: hasattr(tools, "first_pin") and tools.first_pin.isVisible())
    tools.first_pin.reject()
    assert not needs_setup(owner)
    assert owner.settings.shop_name == "My Shop"


def test_a_missing_name_is_named_and_nothing_is_saved(qtbot: QtBot, owner: Session) -> None:
    dialog = ShopSetupDialog(owner, system_locale="fi_FI")
    qtbot.addWidget(dialog)
    dialog.show()
    _click(qtbot, dialog, "Save")
    assert find(dialog, QLabel, "Shop name problem").text() == "Must not be empty"
    assert "Shop name" in find(dialog, QLabel, "Message").text()
    assert dialog.isVisible() and needs_setup(owner)


def test_the_pcs_locale_is_the_suggestion(qtbot: QtBot, owner: Session) -> None:
    dialog = ShopSetupDialog(owner, system_locale="sv_SE")
    qtbot.addWidget(dialog)
    dialog.show()
    chosen = {
        name: find(dialog, QComboBox, name).currentData()
        for name in ("Country or region", "Currency", "Language and formats")
    }
    assert chosen == {"Country or region": "SE", "Currency": "SEK", "Language and formats": "sv_SE"}
    assert dialog.minimumSizeHint().height() <= 740


def test_a_demo_shop_goes_straight_to_the_pin(qtbot: QtBot, owner: Session) -> None:
    demo.build_demo(owner, customers_count=3, with_purchases=False)
    tools = _started(qtbot, owner)
    qtbot.waitUntil(lambda: hasattr(tools, "first_pin") and tools.first_pin.isVisible())
    assert not hasattr(tools, "setup")
    tools.first_pin.reject()
