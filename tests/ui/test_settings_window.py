"""The Settings window, opened from the Shop menu of the real window as the owner: every
setting is there, a bad value is named under its field and nothing is saved, good ones are."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from shopcards.core.roles import Role
from shopcards.core.settings import GROUPS, SETTINGS
from shopcards.services import auth
from shopcards.services.session import Session
from shopcards.services.settings import update_settings
from shopcards.store import settings as settings_store
from shopcards.ui.cabinet.main_window import MainWindow
from shopcards.ui.cabinet.shop_tools import ShopTools
from shopcards.ui.settings.window import SettingsWindow
from tests.ui.conftest import ModalAnswers, find, show_window, type_text

PIN = "246810"


def _open_from_menu(window: MainWindow, tools: ShopTools) -> SettingsWindow:
    menu = next(m for m in window.findChildren(QMenu) if m.title() == "&Shop")
    action = next(a for a in menu.actions() if a.text().replace("&", "") == "Settings…")
    action.trigger()
    dialog = tools.screens["settings"]
    assert isinstance(dialog, SettingsWindow)
    return dialog


def _tab(dialog: SettingsWindow, group: str) -> QWidget:
    tabs = dialog.findChild(QTabWidget)
    assert tabs is not None
    index = next(i for i in range(tabs.count()) if tabs.tabText(i).replace("&&", "&") == group)
    tabs.setCurrentIndex(index)
    return tabs.widget(index)


@pytest.fixture
def settings_window(qtbot: QtBot, shop: Session) -> SettingsWindow:
    window = show_window(qtbot, shop)
    dialog = _open_from_menu(window, ShopTools(window, shop))
    qtbot.waitExposed(dialog)
    return dialog


def test_it_holds_every_setting_in_its_group_and_fits_a_small_screen(
    settings_window: SettingsWindow,
) -> None:
    for group in GROUPS:
        page = _tab(settings_window, group)
        shown = {w.accessibleName() for w in page.findChildren(QWidget) if w.isVisible()}
        labels = [s.label for s in SETTINGS if s.group == group]
        assert set(labels) <= shown, group
    hint = settings_window.minimumSizeHint()
    assert hint.width() <= 1024 and hint.height() <= 740


def test_the_declared_range_is_the_spin_boxs(settings_window: SettingsWindow) -> None:
    idle = find(_tab(settings_window, "Owner"), QSpinBox, "Back to clerk mode after")
    assert (idle.minimum(), idle.maximum(), idle.value()) == (1, 240, 10)


def test_a_bad_value_is_named_under_its_field_and_nothing_is_saved(
    qtbot: QtBot, settings_window: SettingsWindow, shop: Session
) -> None:
    shop_page = _tab(settings_window, "Shop")
    find(shop_page, QLineEdit, "Shop name").setText("Kauppa Koivu")
    find(shop_page, QLineEdit, "E-mail").setText("not an address")
    qtbot.mouseClick(find(settings_window, QPushButton, "Save"), Qt.MouseButton.LeftButton)
    problem = find(shop_page, QLabel, "E-mail problem")
    assert "e-mail address" in problem.text()
    assert "E-mail" in find(settings_window, QLabel, "Message").text()
    assert settings_window.isVisible()
    shop.forget_settings()
    assert shop.settings.shop_name == "My Shop"


def test_good_values_are_saved_and_the_window_shows_the_shop(
    qtbot: QtBot, settings_window: SettingsWindow, shop: Session
) -> None:
    shop_page = _tab(settings_window, "Shop")
    name = find(shop_page, QLineEdit, "Shop name")
    name.clear()
    type_text(name, "Kauppa Koivu")
    region = find(shop_page, QComboBox, "Country or region")
    region.setCurrentIndex(region.findData("FI"))
    idle = find(_tab(settings_window, "Owner"), QSpinBox, "Back to clerk mode after")
    idle.setValue(30)
    qtbot.mouseClick(find(settings_window, QPushButton, "Save"), Qt.MouseButton.LeftButton)
    assert not settings_window.isVisible()
    shop.forget_settings()
    assert (shop.settings.shop_name, shop.settings.region) == ("Kauppa Koivu", "FI")
    assert shop.settings.owner_idle_minutes == 30
    window = settings_window.parentWidget()
    assert window is not None and window.windowTitle().startswith("Kauppa Koivu")


def test_the_clerk_is_asked_for_the_pin_first(
    qtbot: QtBot, shop: Session, clerk: Session, modals: ModalAnswers
) -> None:
    auth.set_pin(clerk, PIN)
    window = show_window(qtbot, clerk)
    tools = ShopTools(window, clerk)

    def type_pin(dialog: QWidget) -> None:
        type_text(find(dialog, QLineEdit, "PIN"), PIN)
        qtbot.mouseClick(
            find(dialog, QPushButton, "Switch to owner mode"), Qt.MouseButton.LeftButton
        )

    modals.then(type_pin)
    dialog = _open_from_menu(window, tools)
    assert modals.seen and isinstance(dialog, SettingsWindow)
    dialog.close()


def test_a_setting_another_desk_saved_meanwhile_is_kept(
    qtbot: QtBot, settings_window: SettingsWindow, shop: Session, clerk: Session
) -> None:
    other_desk = clerk
    other_desk.role = Role.OWNER
    update_settings(other_desk, drawing_prize="a hamper")
    find(_tab(settings_window, "Shop"), QLineEdit, "Shop name").setText("Kauppa Koivu")
    qtbot.mouseClick(find(settings_window, QPushButton, "Save"), Qt.MouseButton.LeftButton)
    shop.forget_settings()
    assert (shop.settings.shop_name, shop.settings.drawing_prize) == ("Kauppa Koivu", "a hamper")


def test_a_stored_value_that_is_no_longer_a_choice_is_shown_and_kept(
    qtbot: QtBot, shop: Session
) -> None:
    with shop.card_file.write() as db:
        settings_store.save(db, {"locale": "ca_ES_VALENCIA"})
    window = show_window(qtbot, shop)
    dialog = _open_from_menu(window, ShopTools(window, shop))
    language = find(_tab(dialog, "Shop"), QComboBox, "Language and formats")
    assert language.currentData() == "ca_ES_VALENCIA"
    find(_tab(dialog, "Shop"), QLineEdit, "Shop name").setText("Kauppa Koivu")
    qtbot.mouseClick(find(dialog, QPushButton, "Save"), Qt.MouseButton.LeftButton)
    shop.forget_settings()
    assert (shop.settings.shop_name, shop.settings.locale) == ("Kauppa Koivu", "ca_ES_VALENCIA")
