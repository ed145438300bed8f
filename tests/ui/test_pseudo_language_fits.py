"""Every screen in the pseudo-language at 1024×768: no text clipped, none spilling out.

The pseudo-language (``qps``) says every message ~40% longer and in brackets: Finnish and
Romanian words are long, and a label sized for English cuts them off. The real window is
opened as ``shopcards`` opens it, every menu entry is triggered in owner mode (as in
test_every_screen.py), and on every window that comes up each label, button, check box and
group title must show its whole text, or wrap it; and each drop-down must have room for its
longest item, not only the one chosen: the clerk picks "matkapuhelin" from the same box. A
drop-down of names the owner gives (ui/kit/widgets.names_box: templates) cannot be as wide as
any name: it must show the chosen one whole in its tooltip instead.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6 import QtGui
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QGroupBox,
    QLabel,
    QPushButton,
    QStyle,
    QStyleOptionComboBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

from shopcards.app import Cabinet
from shopcards.core import i18n
from shopcards.core.roles import Role
from shopcards.services import catalogues
from shopcards.services.session import Session
from shopcards.ui.card.form import CardDialog
from shopcards.ui.kit.widgets import NAMES
from tests.ui import test_every_screen as tour


@pytest.fixture
def pseudo() -> Iterator[None]:
    catalogues.start(i18n.PSEUDO)
    yield


def clipped(window: QWidget) -> list[str]:
    """The texts of ``window``'s visible labels and buttons that do not fit their widget."""
    found = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or widget.width() <= 1:
            continue
        if isinstance(widget, QLabel) and widget.text() and not widget.wordWrap():
            needed, room = _width(widget), widget.contentsRect().width()
            if needed > room + 2:
                found.append(f"label {widget.text()[:60]!r}: {needed} > {room}")
        elif isinstance(widget, QAbstractButton) and widget.text():
            needed, room = widget.sizeHint().width(), widget.width()
            if needed > room + 2:
                found.append(f"button {widget.text()!r}: {needed} > {room}")
        elif isinstance(widget, QGroupBox) and widget.title():
            needed = widget.fontMetrics().horizontalAdvance(widget.title().replace("&", ""))
            if needed > widget.width():
                found.append(f"group {widget.title()!r}: {needed} > {widget.width()}")
        elif isinstance(widget, QComboBox) and widget.count():
            found += _cut_item(widget)
    return found


def _cut_item(combo: QComboBox) -> list[str]:
    """The drop-down's longest item, when it is wider than the field the box shows it in
    (for a drop-down of names: the chosen one, when it is not whole in the tooltip)."""
    if combo.property(NAMES):
        said = combo.currentText()
        return [] if combo.toolTip() == said else [f"names {said!r}: tooltip {combo.toolTip()!r}"]
    texts = [combo.itemText(i) for i in range(combo.count())]
    longest = max(texts, key=combo.fontMetrics().horizontalAdvance)
    needed = combo.fontMetrics().horizontalAdvance(longest)
    if any(not combo.itemIcon(i).isNull() for i in range(combo.count())):
        needed += combo.iconSize().width() + 4
    room = _item_room(combo)
    if needed > room:
        return [f"drop-down item {longest!r}: {needed} > {room}"]
    return []


LINE_EDIT_MARGIN = 2
"""QLineEdit keeps this many pixels free on each side of its text (qlineedit_p.h)."""


def _item_room(combo: QComboBox) -> int:
    """The width the box draws its text in: its line edit's, less the line edit's margins,
    when it may be typed in; else the field the style gives the text."""
    edit = combo.lineEdit()
    if edit is not None:
        margins = edit.textMargins()
        inner = edit.contentsRect().width() - margins.left() - margins.right()
        return inner - 2 * LINE_EDIT_MARGIN
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    field = combo.style().subControlRect(
        QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, combo
    )
    return field.width()


def _width(label: QLabel) -> int:
    """The width ``label``'s text needs on one line (each line, for rich text with breaks)."""
    text = label.text()
    if label.textFormat() == Qt.TextFormat.RichText or (
        label.textFormat() == Qt.TextFormat.AutoText and QtGui.Qt.mightBeRichText(text)
    ):
        document = QTextDocument()
        document.setDefaultFont(label.font())
        document.setHtml(text)
        return round(document.idealWidth() - 2 * document.documentMargin())
    plain = text.replace("&&", "\0").replace("&", "").replace("\0", "&")
    return max(label.fontMetrics().horizontalAdvance(line) for line in plain.splitlines())


def test_every_screen_shows_its_whole_text_in_the_pseudo_language(
    pseudo: None, cabinet: Cabinet, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    window, session, tools = cabinet.window, cabinet.session, cabinet.tools
    assert window is not None and session is not None and tools is not None
    window.resize(tour.ROOM)
    problems: list[str] = [f"cabinet: {p}" for p in clipped(window)]
    checked = tour.Desk._check

    def check_and_measure(desk: tour.Desk, shown: QWidget) -> None:
        checked(desk, shown)
        desk.seen.problems += [f"{shown.windowTitle()!r}: {p}" for p in clipped(shown)]

    monkeypatch.setattr(tour.Desk, "_check", check_and_measure)
    desk = tour.Desk(qtbot, window, type_pin=True)
    tools.owner_action.trigger()
    qtbot.waitUntil(lambda: session.role is Role.OWNER)
    for label, action in tour.menu_entries(window):
        if action is window.quit_action or not action.isEnabled():
            continue
        seen = desk.run(action)
        problems += [f"{label}: {p}" for p in seen.problems]
        if session.role is not Role.OWNER:
            tools.owner_action.trigger()
            qtbot.waitUntil(lambda: session.role is Role.OWNER)
    desk.stop()
    assert problems == [], "\n".join(problems)


cabinet = tour.cabinet


@pytest.mark.parametrize("code", [i18n.PSEUDO, "fi", "ro", "hy", "he"])
def test_the_card_form_shows_every_drop_downs_longest_item(
    qtbot: QtBot, shop: Session, code: str
) -> None:
    """The phone's kind beside its number: "matkapuhelin" in Finnish was cut to "matkapuh"."""
    catalogues.start(code)
    dialog = CardDialog(shop, None)
    qtbot.addWidget(dialog)
    dialog.resize(tour.ROOM)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert clipped(dialog) == []


def test_the_measure_sees_a_cut_label_a_cut_button_and_a_cut_drop_down(qtbot: QtBot) -> None:
    box = QWidget()
    qtbot.addWidget(box)
    label, button = (
        QLabel("[Ášüççééš Ášüççééš Ášüççééš ~~~~~~]", box),
        QPushButton("[Sávé ~~]", box),
    )
    label.setGeometry(0, 0, 60, 20)
    button.setGeometry(0, 30, 20, 20)
    cut, roomy = QComboBox(box), QComboBox(box)
    for combo in (cut, roomy):
        combo.addItems(["[Hómé]", "[Móbílé ~~~~~~~~ ~~~~~~~~~]"])  # the short one is chosen
    cut.setGeometry(0, 130, 120, 24)
    roomy.setGeometry(0, 160, roomy.sizeHint().width(), 24)
    wrapped = QLabel("a long text that may wrap onto a second line", box)
    wrapped.setWordWrap(True)
    wrapped.setGeometry(0, 60, 80, 60)
    box.show()
    qtbot.waitExposed(box)
    found = clipped(box)
    assert len(found) == 3, found
    assert found[0].startswith("label '[Ášüç") and found[1].startswith("button '[Sávé")
    assert found[2].startswith("drop-down item '[Móbílé")
