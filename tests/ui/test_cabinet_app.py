"""The composition root and the window's machinery: card files, settings, errors, slow work."""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from shopcards import __version__
from shopcards.app import Cabinet, configure_logging, install_exception_hook
from shopcards.core.card import CardQuery
from shopcards.core.errors import Cancelled, ShopError
from shopcards.core.progress import CancelToken, Progress
from shopcards.services import cards, catalogues
from shopcards.services.session import Session
from shopcards.store.cardfile import open_card_file
from shopcards.ui.cabinet.card_file_place import CardFilePlace
from shopcards.ui.cabinet.main_window import MainWindow
from shopcards.ui.history.pane import HistoryPane
from shopcards.ui.kit.background import run_in_background
from shopcards.ui.kit.error_dialog import ErrorDialog
from shopcards.ui.kit.theme import ColourMode, Theme
from tests.network_mount import SHARE, files_in, mount_share
from tests.ui.conftest import ModalAnswers, find, show_window


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "shopcards.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def cabinet(qtbot: QtBot, settings: QSettings) -> Iterator[Cabinet]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    made = Cabinet(app, settings)
    yield made
    if made.window is not None:
        made.window.close()
    if made.session is not None:
        made.session.close()


def test_the_cabinet_opens_a_card_file_with_the_history_beside_the_card(
    cabinet: Cabinet, shop: Session, qtbot: QtBot
) -> None:
    assert cabinet.open(shop.card_file.path)
    win = cabinet.window
    assert win is not None and win.isVisible()
    assert cabinet.tools is None  # the Shop menu and the panes come right after the first paint
    qtbot.waitUntil(lambda: cabinet.tools is not None)
    tabs = [win.card_tabs.tabText(i) for i in range(win.card_tabs.count())]
    assert tabs == ["Card", "Purchases", "Changes", "Loyalty", "Calls", "Letters"]
    assert not win.card_tabs.isTabVisible(3)  # the loyalty scheme is off on a new card file
    win.search.setText("virtanen")
    qtbot.waitUntil(lambda: win.current_card is not None)
    win.card_tabs.setCurrentIndex(1)
    history, card = win.card_tabs.currentWidget(), win.current_card
    assert isinstance(history, HistoryPane) and card is not None
    assert history.customer_id == card.id


def test_a_dialog_open_over_the_cabinet_goes_when_the_cabinet_closes(
    cabinet: Cabinet, shop: Session, qtbot: QtBot
) -> None:
    assert cabinet.open(shop.card_file.path) and cabinet.window is not None
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is not None)
    setup = QApplication.activeModalWidget()
    assert setup is not None and setup.windowTitle() == "Set up your shop"
    cabinet.window.close()
    assert not setup.isVisible() and QApplication.activeModalWidget() is None


@pytest.mark.parametrize("mode", [ColourMode.LIGHT, ColourMode.DARK])
def test_the_first_paint_looks_as_under_the_style_sheet_that_comes_after_it(
    qtbot: QtBot, settings: QSettings, shop: Session, mode: ColourMode
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    app.setStyleSheet("")  # as at a real start
    settings.setValue("view/colour_mode", mode.value)
    made = Cabinet(app, settings)
    assert made.open(shop.card_file.path) and made.window is not None
    window = made.window
    try:
        assert app.styleSheet() == ""  # any sheet costs every widget it covers (issue 12)
        first_paint = window.grab().toImage()  # the widgets dressed in the rules they need
        made.theme.put_on_sheet()
        assert "QGroupBox" in app.styleSheet()  # the whole sheet, for the dialogs too
        assert window.search.styleSheet() == ""
        assert window.grab().toImage() == first_paint
        made.theme.put_on_sheet()  # what the first paint then does: nothing more
        qtbot.waitUntil(lambda: made.tools is not None)
    finally:
        made.theme.set_mode(ColourMode.LIGHT)
        window.close()
        assert made.session is not None
        made.session.close()


def test_window_size_and_colours_are_kept_for_next_time(
    cabinet: Cabinet, shop: Session, settings: QSettings
) -> None:
    assert cabinet.open(shop.card_file.path)
    assert cabinet.window is not None
    cabinet.window.resize(1100, 700)
    cabinet.window.set_colour_mode(ColourMode.DARK)
    cabinet.save_state()
    assert settings.value("view/colour_mode") == "dark"
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    again = Cabinet(app, settings)
    assert again.theme.mode is ColourMode.DARK
    assert again.open(shop.card_file.path) and again.window is not None
    # without the saved geometry it would open at 1280×800 cut to the offscreen 800×600;
    # Qt fits the saved width to that screen but keeps the height
    assert again.window.height() == 700
    again.window.close()
    assert again.session is not None
    again.session.close()
    again.theme.set_mode(ColourMode.LIGHT)


def test_choosing_another_card_file_swaps_window_and_file(
    cabinet: Cabinet, shop: Session, tmp_path: Path, qtbot: QtBot
) -> None:
    assert cabinet.open(shop.card_file.path)
    first = cabinet.window
    assert first is not None
    first.cardFileRequested.emit(tmp_path / "second.db")
    qtbot.waitUntil(lambda: cabinet.window is not first)
    assert cabinet.session is not None
    assert cabinet.session.card_file.path == tmp_path / "second.db"
    assert cards.count_cards(cabinet.session, CardQuery()) == 0
    assert not first.isVisible()


def test_a_file_that_is_no_card_file_is_refused_with_a_message(
    cabinet: Cabinet, tmp_path: Path, modals: ModalAnswers
) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not SQLite at all, just some bytes " * 100)
    said: list[str] = []

    def read(dialog: QWidget) -> None:
        said.append(find(dialog, QLabel, "Message").text())
        dialog.close()

    modals.then(read)
    assert not cabinet.open(junk)
    assert "not a shopcards card file" in said[0]
    assert cabinet.window is None


def test_an_unexpected_error_shows_the_version_and_copies_the_details(
    qtbot: QtBot, modals: ModalAnswers, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    install_exception_hook()
    seen: list[str] = []

    def copy_and_close(dialog: QWidget) -> None:
        assert isinstance(dialog, ErrorDialog)
        seen.append(find(dialog, QLabel, "Version").text())
        qtbot.mouseClick(find(dialog, QPushButton, "Copy details"), Qt.MouseButton.LeftButton)
        dialog.close()

    modals.then(copy_and_close)
    try:
        raise ZeroDivisionError("a bug")
    except ZeroDivisionError as exc:
        sys.excepthook(type(exc), exc, exc.__traceback__)
    assert seen == [f"shopcards {__version__}"]
    copied = QGuiApplication.clipboard().text()
    assert "ZeroDivisionError: a bug" in copied and f"shopcards {__version__}" in copied


def test_the_log_goes_to_a_file_in_the_data_folder(tmp_path: Path) -> None:
    path = configure_logging(tmp_path / "data")
    try:
        logging.getLogger("shopcards.test").warning("written for the record")
    finally:
        for handler in logging.getLogger().handlers[:]:
            if getattr(handler, "baseFilename", "") == str(path):
                handler.close()
                logging.getLogger().removeHandler(handler)
    assert "written for the record" in path.read_text(encoding="utf-8")


def test_background_work_reports_progress_and_hands_back_its_result(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    results: list[object] = []

    def work(progress: CancelToken) -> str:
        for done in range(1, 4):
            progress(Progress(done, 3, f"step {done}"))
        return threading.current_thread().name

    task = run_in_background(parent, "Working…", work, results.append)
    with qtbot.waitSignal(task.done, timeout=5000):
        pass
    assert results and results[0] != threading.main_thread().name


def test_a_failure_in_background_work_comes_back_to_the_window(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    failures: list[BaseException] = []

    def work(_progress: CancelToken) -> None:
        raise ShopError("The printer is out of paper")

    task = run_in_background(parent, "Printing…", work, lambda _r: None, failures.append)
    with qtbot.waitSignal(task.done, timeout=5000):
        pass
    assert [str(f) for f in failures] == ["The printer is out of paper"]


def test_cancel_stops_background_work_at_its_next_check(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    started = threading.Event()
    outcome: list[str] = []

    def work(progress: CancelToken) -> None:
        started.set()
        while True:
            progress.check()
            threading.Event().wait(0.01)

    task = run_in_background(
        parent,
        "Importing…",
        work,
        lambda _r: outcome.append("done"),
        on_cancelled=lambda: outcome.append("cancelled"),
    )
    started.wait(5)
    qtbot.waitUntil(task.dialog.isVisible)  # it shows once the work takes a moment
    with qtbot.waitSignal(task.done, timeout=5000):
        qtbot.mouseClick(find(task.dialog, QPushButton, "Cancel"), Qt.MouseButton.LeftButton)
    assert outcome == ["cancelled"]
    assert issubclass(Cancelled, Exception)


def test_the_view_menu_switches_light_and_dark(qtbot: QtBot, window: object) -> None:
    from shopcards.ui.cabinet.main_window import MainWindow

    assert isinstance(window, MainWindow)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    window.theme = Theme(app, ColourMode.LIGHT)
    window.colour_actions[ColourMode.DARK].trigger()
    assert app.palette().color(QPalette.ColorRole.Window).lightness() < 80
    window.colour_actions[ColourMode.LIGHT].trigger()
    assert app.palette().color(QPalette.ColorRole.Window).lightness() > 200


def _read_and_close(said: list[str]) -> Callable[[QWidget], None]:
    def read(dialog: QWidget) -> None:
        said.append(find(dialog, QLabel, "Message").text())
        dialog.close()

    return read


def test_a_card_file_on_a_network_share_is_refused_with_why_and_what_to_do(
    cabinet: Cabinet, tmp_path: Path, modals: ModalAnswers, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The share is a folder the mount table (given, as no CIFS share can be mounted in a
    test) names as //nas/shop; the card file in it is real."""
    open_card_file(tmp_path / "nas" / "shop.db").close()
    share = mount_share(monkeypatch, tmp_path / "nas")
    before = files_in(share)
    said: list[str] = []
    modals.then(_read_and_close(said))
    assert not cabinet.open(share / "shop.db")
    assert f"is in a shared network folder ({SHARE})." in said[0]
    assert "two PCs" in said[0] and "`shopcards share`" in said[0]
    assert cabinet.window is None
    assert files_in(share) == before


def test_no_new_card_file_is_made_on_a_network_share_from_the_window(
    cabinet: Cabinet,
    shop: Session,
    tmp_path: Path,
    modals: ModalAnswers,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert cabinet.open(shop.card_file.path)
    first = cabinet.window
    assert first is not None
    share = mount_share(monkeypatch, tmp_path / "nas")
    said: list[str] = []
    modals.then(_read_and_close(said))
    first.cardFileRequested.emit(share / "new.db")
    qtbot.waitUntil(lambda: bool(said))
    assert "A new card file cannot be made at" in said[0] and SHARE in said[0]
    assert cabinet.window is first and first.isVisible()
    assert files_in(share) == {}


def test_the_status_bar_says_where_the_card_file_lives(window: MainWindow) -> None:
    place = window.findChild(CardFilePlace)
    assert place is not None and place.isVisible()
    assert place.text() == f"Card file: {window.session.card_file.path}"
    assert place.accessibleName() == place.text()


def test_a_long_place_is_shortened_in_its_middle(qtbot: QtBot) -> None:
    place = CardFilePlace("till-pc:5433/" + "shop" * 80)
    qtbot.addWidget(place)
    place.resize(300, 20)
    place.show()
    assert place.text().startswith("Card file: till-pc") and place.text().endswith("shop")
    assert "…" in place.text()
    assert place.fontMetrics().horizontalAdvance(place.text()) <= 300
    assert place.toolTip() == "Card file: till-pc:5433/" + "shop" * 80


def test_the_place_is_said_in_the_shop_language_and_kept_left_to_right(
    qtbot: QtBot, shop: Session
) -> None:
    catalogues.start("he")
    window = show_window(qtbot, shop)
    place = window.findChild(CardFilePlace)
    assert place is not None
    assert place.text() == f"קובץ הכרטיסים: \u2068{shop.card_file.path}\u2069"
