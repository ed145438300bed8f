"""Every screen reachable from the real window, opened the way a person opens it.

Issue 10: screens built on their own in tests passed while the real window showed the letters
screen as a 100×30 patch under the menu bar and gave the clerk a crash report for the owner's
screens. Here the cabinet is made by the composition root (``Cabinet.open``: MainWindow and
ShopTools, as ``shopcards`` starts), every entry of the menu bar is triggered (new entries are
covered by themselves), every shortcut is pressed, and each screen must be a window of its own
that fits the screen. The offscreen screen of the test run is 800×800; to check at exactly
1024×768, run with ``QT_QPA_PLATFORM=offscreen:configfile=tests/ui/screen-1024x768.json``.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QLineEdit,
    QMenu,
    QMessageBox,
    QProgressDialog,
    QWidget,
)
from pytestqt.qtbot import QtBot

from shopcards.app import Cabinet, install_exception_hook
from shopcards.core.errors import PermissionDenied
from shopcards.core.roles import Role
from shopcards.services import auth, demo
from shopcards.services.session import Session
from shopcards.ui.cabinet.list_model import COL_NAME
from shopcards.ui.cabinet.list_view import NAME_CHARS
from shopcards.ui.cabinet.main_window import MainWindow
from shopcards.ui.kit.error_dialog import ErrorDialog
from shopcards.ui.kit.theme import ColourMode
from shopcards.ui.settings.pin_dialog import PinDialog

PIN = "246810"
ROOM = QSize(1024, 740)
"""What a 1024×768 screen leaves a window under its title bar: every minimum must fit."""
USABLE = QSize(300, 200)
SKIPPED = {"Quit"}
OWNER_ONLY = {
    "Prize drawing…",
    "Know your customers…",
    "Import purchases from the till…",
    "Import customers…",
    "Loyalty scheme…",
    "Find duplicate cards…",
    "Export cards…",
    "Export purchases…",
}
SMALL = (PinDialog, QMessageBox)
"""Asking for the PIN and saying something are meant to be small."""


@dataclass
class Seen:
    """The windows that came up while one entry ran, in order, and the file dialogs asked."""

    windows: list[QWidget] = field(default_factory=list)
    file_dialogs: int = 0
    problems: list[str] = field(default_factory=list)


class Desk:
    """Answers whatever an entry brings up: the PIN typed by keys (or refused), any other
    dialog measured and cancelled; meanwhile every window is checked for size and place."""

    def __init__(self, qtbot: QtBot, window: MainWindow, type_pin: bool) -> None:
        self.qtbot, self.window, self.type_pin = qtbot, window, type_pin
        self.seen = Seen()
        self._answered: list[QWidget] = []
        """Kept, not their ids: a later dialog may get a closed one's id."""
        self._timer = QTimer()
        self._timer.setInterval(20)
        self._timer.timeout.connect(self._poll)
        self._timer.start()

    def run(self, trigger: object) -> Seen:
        """Run ``trigger`` (an action or a key press) and collect what came up."""
        self.seen = Seen()
        before = {id(w) for w in _visible_windows()}
        if isinstance(trigger, QAction):
            trigger.trigger()
        else:
            assert isinstance(trigger, QKeySequence)
            self.window.activateWindow()  # shortcuts are the active window's
            self.qtbot.waitUntil(self.window.isActiveWindow)
            combination = trigger[0]
            self.qtbot.keyClick(self.window, combination.key(), combination.keyboardModifiers())
        self.qtbot.wait(300)  # screens that open a moment later (after a PIN, a worker)
        for other in _visible_windows():
            if id(other) not in before and other not in self.seen.windows:
                self._check(other)
                self.seen.windows.append(other)
                _close(self.qtbot, other)
        return self.seen

    def stop(self) -> None:
        self._timer.stop()

    def _poll(self) -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or isinstance(dialog, QProgressDialog):
            return
        if any(dialog is answered for answered in self._answered):
            return
        self._answered.append(dialog)
        self.seen.windows.append(dialog)
        QTimer.singleShot(0, lambda: self._answer(dialog))

    def _answer(self, dialog: QWidget) -> None:
        self._check(dialog)
        pin = [  # the hidden field: its name is said in the language in use
            e for e in dialog.findChildren(QLineEdit) if e.echoMode() != QLineEdit.EchoMode.Normal
        ]
        if isinstance(dialog, PinDialog) and self.type_pin:
            # the PIN field should have the focus when the dialog opens; ui/pin_dialog.py is
            # being fixed for that elsewhere, so the keys go to the field itself here
            self.qtbot.keyClicks(pin[0], PIN)
            self.qtbot.keyClick(pin[0], Qt.Key.Key_Return)
        elif isinstance(dialog, QDialog):
            dialog.reject()
        else:
            dialog.close()

    def _check(self, window: QWidget) -> None:
        name = f"{type(window).__name__} {window.windowTitle()!r}"
        if not window.isWindow():
            self.seen.problems.append(f"{name} is not a window of its own")
        if isinstance(window, ErrorDialog) and window.details_text:
            self.seen.problems.append(f"{name}: the error dialog with details came up")
        self.seen.problems.extend(f"{name}: {p}" for p in fit_problems(window))


def fit_problems(window: QWidget) -> list[str]:
    """What keeps ``window`` from being used whole on a 1024×768 screen (and on this one)."""
    problems = []
    size, smallest = window.size(), window.minimumSizeHint().expandedTo(window.minimumSize())
    if not isinstance(window, SMALL) and (
        size.width() < USABLE.width() or size.height() < USABLE.height()
    ):
        problems.append(f"too small to use: {size.toTuple()}")
    if smallest.width() > ROOM.width() or smallest.height() > ROOM.height():
        problems.append(f"cannot be made smaller than {smallest.toTuple()}")
    room = window.screen().availableGeometry().size()
    if size.width() > max(room.width(), smallest.width()) or size.height() > max(
        room.height(), smallest.height()
    ):
        problems.append(f"{size.toTuple()} is larger than the screen {room.toTuple()}")
    return problems


def _visible_windows() -> list[QWidget]:
    return [
        w
        for w in QApplication.topLevelWidgets()
        if w.isVisible()
        and w.isWindow()
        and not isinstance(w, (QMenu, QProgressDialog))
        and w.windowType() != Qt.WindowType.ToolTip
    ]


def _close(qtbot: QtBot, window: QWidget) -> None:
    """Esc, as a person would; a window that does not take Esc is closed."""
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    if window.isVisible():
        window.close()
    qtbot.waitUntil(lambda: not window.isVisible())


def menu_entries(window: MainWindow) -> list[tuple[str, QAction]]:
    """Every entry of the menu bar, submenus included, as "Menu ▸ Entry"."""
    found: list[tuple[str, QAction]] = []

    def walk(menu: QMenu, path: str) -> None:
        for action in menu.actions():
            if action.menu() is not None:
                walk(action.menu(), f"{path} ▸ {action.text()}")
            elif not action.isSeparator():
                found.append((f"{path} ▸ {action.text().replace('&', '')}", action))

    for top in window.menuBar().actions():
        assert top.menu() is not None
        walk(top.menu(), top.text().replace("&", ""))
    return found


@pytest.fixture
def cabinet(
    qtbot: QtBot, owner: Session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Cabinet]:
    """The real cabinet (as ``shopcards`` starts it) on a demo shop with an owner's PIN."""
    demo.build_demo(owner, 60)
    auth.set_pin(owner, PIN)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    for name in ("getOpenFileName", "getSaveFileName"):
        monkeypatch.setattr(QFileDialog, name, staticmethod(lambda *_a, **_k: ("", "")))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *_a, **_k: ""))
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    made = Cabinet(app, QSettings(str(tmp_path / "shopcards.ini"), QSettings.Format.IniFormat))
    install_exception_hook()
    assert made.open(owner.card_file.path)
    assert made.window is not None and made.session is not None
    qtbot.waitExposed(made.window)
    qtbot.waitUntil(lambda: made.tools is not None)  # the Shop menu: right after the first paint
    made.window.activateWindow()
    made.window.open_card(1)
    yield made
    made.theme.set_mode(ColourMode.LIGHT)  # the colours are the application's, not the window's
    made.window.close()
    made.session.close()


def test_the_cabinet_fits_the_screen_and_keeps_its_status_bar_on_it(cabinet: Cabinet) -> None:
    window = cabinet.window
    assert window is not None
    assert fit_problems(window) == []
    assert window.statusBar().isVisible()
    area = window.screen().availableGeometry()
    bottom = window.mapToGlobal(window.statusBar().geometry().bottomLeft()).y()
    assert bottom <= area.bottom() - 24  # and above it a title bar's height to spare


def test_the_cards_tabs_neither_widen_the_window_nor_move_the_splitter(
    cabinet: Cabinet, qtbot: QtBot
) -> None:
    """Issue 10: the Purchases tab pushed the window past a 1024-pixel screen, and the card
    list narrowed a little more with every tab."""
    window = cabinet.window
    assert window is not None
    window.resize(ROOM.width() - 16, ROOM.height())
    qtbot.waitUntil(lambda: window.width() == ROOM.width() - 16)
    width, sizes = window.width(), window.splitter.sizes()
    for tab in range(window.card_tabs.count()):
        window.card_tabs.setCurrentIndex(tab)
        qtbot.wait(50)
        assert window.minimumSizeHint().width() <= width, window.card_tabs.tabText(tab)
        assert (window.width(), window.splitter.sizes()) == (width, sizes)
    names = window.list.columnWidth(COL_NAME)
    assert names >= window.list.fontMetrics().averageCharWidth() * NAME_CHARS


def test_a_size_saved_on_a_larger_screen_is_cut_to_this_one(
    cabinet: Cabinet, qtbot: QtBot, tmp_path: Path
) -> None:
    window, session = cabinet.window, cabinet.session
    assert window is not None and session is not None
    area = window.screen().availableGeometry()
    window.setGeometry(area.x() + 200, area.y() + 100, area.width() + 600, area.height() + 300)
    cabinet.save_state()
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    again = Cabinet(app, QSettings(str(tmp_path / "shopcards.ini"), QSettings.Format.IniFormat))
    assert again.open(session.card_file.path) and again.window is not None
    qtbot.waitExposed(again.window)
    qtbot.waitUntil(lambda: again.tools is not None)  # and not closed under its first count
    try:
        assert fit_problems(again.window) == []
        assert area.contains(again.window.frameGeometry().topLeft())
    finally:
        again.window.close()
        assert again.session is not None
        again.session.close()


def test_every_menu_entry_and_shortcut_opens_a_whole_window_in_owner_mode(
    cabinet: Cabinet, qtbot: QtBot
) -> None:
    window, session = cabinet.window, cabinet.session
    assert window is not None and session is not None
    desk = Desk(qtbot, window, type_pin=True)
    entries = menu_entries(window)
    owner_entry = next(a for label, a in entries if label == "Shop ▸ Owner mode…")
    owner_entry.trigger()  # the PIN typed by keys in the owner-mode dialog
    qtbot.waitUntil(lambda: session.role is Role.OWNER)
    problems: list[str] = []
    opened: dict[str, int] = {}
    for label, action in entries:
        if label.split(" ▸ ")[-1] in SKIPPED or not action.isEnabled():
            continue
        seen = desk.run(action)
        problems += [f"{label}: {p}" for p in seen.problems]
        opened[label] = len(seen.windows)
        if session.role is not Role.OWNER:  # "Clerk mode" was one of the entries
            owner_entry.trigger()
            qtbot.waitUntil(lambda: session.role is Role.OWNER)
    for label, action in entries:
        keys = action.shortcut()
        if keys.isEmpty() or label.split(" ▸ ")[-1] in SKIPPED or not action.isEnabled():
            continue
        fired: list[bool] = []
        action.triggered.connect(lambda *_a, f=fired: f.append(True))
        seen = desk.run(keys)
        assert fired, f"{keys.toString()} did not trigger {label}"
        problems += [f"{label} ({keys.toString()}): {p}" for p in seen.problems]
        if opened.get(label):
            assert seen.windows, f"{keys.toString()} opened nothing, its menu entry did"
    desk.stop()
    assert problems == []
    for screen in ("Letters and cards…", "Prize drawing…", "Know your customers…", "Till mode"):
        assert opened[f"Shop ▸ {screen}"] >= 1, f"{screen} showed no window"


def test_the_clerk_is_asked_for_the_pin_and_never_shown_a_crash_report(
    cabinet: Cabinet, qtbot: QtBot
) -> None:
    window, session = cabinet.window, cabinet.session
    assert window is not None and session is not None and session.role is Role.CLERK
    desk = Desk(qtbot, window, type_pin=False)
    problems: list[str] = []
    for label, action in menu_entries(window):
        entry = label.split(" ▸ ")[-1]
        if entry in SKIPPED or not action.isEnabled():
            continue
        seen = desk.run(action)
        problems += [f"{label}: {p}" for p in seen.problems]
        if entry in OWNER_ONLY:
            assert seen.windows and isinstance(seen.windows[0], PinDialog), label
            assert session.role is Role.CLERK
    desk.stop()
    assert problems == []


def test_an_owners_refusal_reaching_the_window_is_a_plain_message(qtbot: QtBot) -> None:
    """A PermissionDenied is no fault: no apology, no versions, no details to copy."""
    from shopcards.ui.kit.error_dialog import error_dialog

    dialog = error_dialog(None, PermissionDenied("Only the owner may draw the prize."))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.windowTitle() == "Owner only"
    shown = [w.accessibleName() for w in dialog.findChildren(QWidget) if w.isVisible()]
    assert "Message" in shown and "Close" in shown
    assert not {"Show details", "Copy details", "Version"} & set(shown)
