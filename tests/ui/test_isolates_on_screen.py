"""A path, a phone or an amount in a Hebrew message is laid out in its own order on screen.

Qt runs the Unicode bidi algorithm on a label's text; a value filled into a Hebrew message
comes isolated (core/i18n.py), so its characters stand left to right in the order typed. The
test reads where Qt puts each character of the value (QTextLayout, with the label's font and
direction): without the isolates the path came out "tmp/x/shop.db/" and the phone's groups
reversed, "4567 123 40 358+", as were the groups of an amount.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextLayout, QTextOption
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from shopcards.core.i18n import _, unmarked
from tests.ui.speaking import speaking

VALUES = ("/tmp/x/shop.db", "+358 40 123 4567", "1 234,50 €")


def _left_edges(label: QLabel, start: int, end: int) -> list[float]:
    """Where Qt draws the cursor before each character ``start + 1 .. end - 1`` of the label's
    text: increasing when the characters stand left to right in logical order."""
    layout = QTextLayout(label.text(), label.font())
    option = QTextOption()
    option.setTextDirection(label.layoutDirection())
    layout.setTextOption(option)
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(10_000)
    layout.endLayout()
    return [line.cursorToX(i)[0] for i in range(start + 1, end)]


def _message(value: str) -> str:
    return {
        VALUES[0]: _("Card file: {place}", place=value),
        VALUES[1]: _("Call {name}", name=value),
        VALUES[2]: _("Spend per month, at most {amount}", amount=value),
    }[value]


@pytest.mark.parametrize("value", VALUES)
def test_a_value_in_a_hebrew_message_reads_in_its_own_order(qtbot: QtBot, value: str) -> None:
    with speaking("he"):
        label = QLabel(_message(value))
        qtbot.addWidget(label)
        assert label.layoutDirection() == Qt.LayoutDirection.RightToLeft
        text = label.text()
        assert text.count("\u2068") == 1 and text.count("\u2069") == 1
        start = text.index(value)
        edges = _left_edges(label, start, start + len(value))
        assert edges == sorted(edges) and len(set(edges)) == len(edges)
        label.setText(unmarked(text))  # what the same sentence did before: reordered
        bare = _left_edges(label, start - 1, start - 1 + len(value))
        assert bare != sorted(bare)


def test_a_unit_the_message_writes_beside_a_value_stays_on_its_side(qtbot: QtBot) -> None:
    """ "{percent}% המובילים": the "%" goes into the isolate with the number; isolated alone,
    the number left the "%" on its other side ("%20")."""
    with speaking("he"):
        label = QLabel(_("Top {percent}%", percent="20"))
        qtbot.addWidget(label)
        text = label.text()
        assert text.startswith("\u206820%\u2069")
        edges = _left_edges(label, 1, 4)  # before "0" and before "%"
        assert edges == sorted(edges)
        label.setText(text.replace("%\u2069", "\u2069%"))  # the number isolated alone
        assert _left_edges(label, 1, 5) != sorted(_left_edges(label, 1, 5))


def test_a_hebrew_message_of_values_alone_reads_from_the_right(qtbot: QtBot) -> None:
    """ "{status}: {count}": a plain label finds its direction in its text, outside the
    isolates, where only the right-to-left mark that leads it is; without the mark it read
    from the left."""
    with speaking("he"):
        text = _("{status}: {count}", status="חדש", count=2)
        for shown, from_the_right in ((text, True), (text.lstrip("\u200f"), False)):
            layout = QTextLayout(shown, QLabel().font())
            layout.beginLayout()
            line = layout.createLine()
            line.setLineWidth(10_000)
            layout.endLayout()
            word, number = shown.index("ח"), shown.index("2")
            assert (line.cursorToX(number)[0] < line.cursorToX(word)[0]) is from_the_right
