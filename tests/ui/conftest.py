"""Fixtures for window tests: a real card file with cards in several scripts, and helpers that
find widgets by accessible name and answer modal dialogs the way a person would."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import TypeVar

import pytest
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QWidget
from pytestqt.qtbot import QtBot

from shopcards.services import cards
from shopcards.services.session import Session
from shopcards.ui.cabinet.main_window import MainWindow
from tests.conftest import card_input

W = TypeVar("W", bound=QWidget)

SHOP_CARDS: list[tuple[str, str, str, dict[str, str]]] = [
    (
        "Anna",
        "Virtanen",
        "+358 40 123 4567",
        {"city": "Helsinki", "postcode": "00100", "email": "anna.v@example.fi"},
    ),
    ("John", "Smith", "020 7946 0018", {"city": "London", "postcode": "SW1A 1AA"}),
    ("Erik", "Söderberg", "", {"city": "Malmö", "email": "erik@example.se"}),
    ("Ioana", "Ștefănescu", "+40 721 234 567", {"city": "București"}),
    ("Siobhán", "O'Brien", "", {"city": "Cork"}),
    ("דוד", "כהן", "+972 52 123 4567", {"city": "תל אביב"}),
    ("Արամ", "Պետրոսյան", "+374 91 123456", {"city": "Yerevan"}),
]
"""Seven customers: Latin with and without accents, Hebrew and Armenian (shop in GB)."""


@pytest.fixture
def shop(owner: Session) -> Session:
    """The owner's session on a card file holding SHOP_CARDS."""
    for given, family, phone, extra in SHOP_CARDS:
        phones = [("mobile", phone)] if phone else []
        cards.add_card(owner, card_input(given, family, phones=phones, **extra))
    return owner


@pytest.fixture
def window(qtbot: QtBot, shop: Session, clerk: Session) -> MainWindow:
    """The cabinet at the till (clerk mode) over the shop's card file, at 1280×800."""
    return show_window(qtbot, clerk)


@pytest.fixture
def owner_window(qtbot: QtBot, shop: Session) -> MainWindow:
    return show_window(qtbot, shop)


@pytest.fixture(autouse=True)
def _no_dialog_left_open(qtbot: QtBot) -> Iterator[None]:
    """A test that leaves a modal dialog open fails, and the dialog is hidden: left there, it
    would sit under every later test's dialogs and make a later test wait for ever."""
    yield
    left = QApplication.activeModalWidget()
    if left is not None:
        left.hide()
        pytest.fail(f"a modal dialog was left open: {left.windowTitle()!r}")


def show_window(qtbot: QtBot, session: Session) -> MainWindow:
    win = MainWindow(session)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    return win


def find(root: QWidget, kind: type[W], name: str) -> W:
    """The visible widget of ``kind`` whose accessible name is ``name`` (exactly one)."""
    found = [w for w in root.findChildren(kind) if w.accessibleName() == name and w.isVisible()]
    assert len(found) == 1, f"{len(found)} visible {kind.__name__} named {name!r}"
    return found[0]


def type_text(widget: QWidget, text: str) -> None:
    """Type ``text`` into ``widget`` key by key, accented and non-Latin letters too.

    (QTest.keyClicks only knows ASCII.)
    """
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            key = Qt.Key(ord(ch.upper())) if ch.isascii() and ch.isalnum() else Qt.Key.Key_unknown
            QApplication.sendEvent(widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, ch))


def type_keys(qtbot: QtBot, dialog: QWidget, *keys: str | Qt.Key) -> None:
    """Type into whatever the dialog's focus is on, as a person would, key after key."""
    for key in keys:
        target = dialog.focusWidget()
        assert target is not None
        if isinstance(key, str):
            qtbot.keyClicks(target, key)
        else:
            qtbot.keyClick(target, key)


def _close(dialog: QWidget) -> None:
    """Close a dialog even if it refuses Esc and its close button (a QMessageBox with no
    escape button does): ``done`` ends its event loop whatever it holds."""
    if isinstance(dialog, QDialog):
        dialog.done(QDialog.DialogCode.Rejected)
    else:
        dialog.close()


def visible_texts(root: QWidget) -> list[str]:
    return [label.text() for label in root.findChildren(QLabel) if label.isVisible()]


_ANSWERED = "answeredByTheTest"
_STUCK_AFTER = 15.0
"""Seconds a modal dialog may stay open unanswered before the test gives up on it."""


class ModalAnswers:
    """Answers the modal dialogs a test triggers, in order, each with its own function.

    A dialog nobody answers (none was expected, or its answer failed to close it) is rejected
    after a while and counted in ``stuck``: the test then fails instead of waiting for ever in
    the dialog's event loop.
    """

    def __init__(self, qtbot: QtBot) -> None:
        self._qtbot = qtbot
        self._queue: list[Callable[[QWidget], None]] = []
        self.seen: list[str] = []
        self.stuck: list[str] = []
        self._open_since: tuple[QWidget, float] | None = None
        self._timer = QTimer()
        self._timer.setInterval(20)
        self._timer.timeout.connect(self._poll)
        self._timer.start()

    def then(self, answer: Callable[[QWidget], None]) -> ModalAnswers:
        self._queue.append(answer)
        return self

    def _poll(self) -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            self._open_since = None
            return
        # Marked on the Qt object itself, not kept in a list: a dialog opened at the address of
        # one answered and deleted before may come back as that one's Python wrapper, and was
        # then taken for answered (the merge dialog after the duplicate warning, in a long run).
        if dialog.property(_ANSWERED) or not self._queue:
            self._give_up_if_stuck(dialog)
            return
        dialog.setProperty(_ANSWERED, True)
        self.seen.append(dialog.windowTitle())
        answer = self._queue.pop(0)
        # answered from a fresh event, so a dialog that opens another one does not block this
        QTimer.singleShot(0, lambda: self._answer(answer, dialog))

    def _give_up_if_stuck(self, dialog: QWidget) -> None:
        if self._open_since is None or self._open_since[0] is not dialog:
            self._open_since = (dialog, time.monotonic())
        elif time.monotonic() - self._open_since[1] > _STUCK_AFTER:
            self.stuck.append(dialog.windowTitle())
            self._open_since = None
            _close(dialog)

    @staticmethod
    def _answer(answer: Callable[[QWidget], None], dialog: QWidget) -> None:
        try:
            answer(dialog)
        except BaseException:
            _close(dialog)  # a failed check must not leave the test waiting on the dialog
            raise

    def all_answered(self) -> bool:
        return not self._queue

    def stop(self) -> None:
        self._timer.stop()


@pytest.fixture
def modals(qtbot: QtBot) -> Iterator[ModalAnswers]:
    answers = ModalAnswers(qtbot)
    yield answers
    answers.stop()
    assert not answers.stuck, f"dialogs left open with no answer: {answers.stuck}"
    assert answers.all_answered(), "a dialog the test expected never opened"
