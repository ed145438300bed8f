"""Till slips say what is wrong under the field that is wrong, and the focus goes there."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from shopcards.services.session import Session
from shopcards.ui.till.window import TillWindow
from tests.ui.conftest import find
from tests.ui.test_till import anna, focused_name, press, till, typed

__all__ = ["till"]


def _under(till: TillWindow, field_name: str) -> str:
    """The error line's text, checked to sit right under its field (and above the buttons)."""
    field = find(till, QLineEdit, field_name)
    line = find(till, QLabel, f"{field_name} error")
    field_box, line_box = _box(field), _box(line)
    assert line_box.top() >= field_box.bottom() and line_box.left() == field_box.left()
    assert line_box.bottom() < _box(find(till, QPushButton, "Save")).top()
    return line.text()


def _box(widget: QWidget) -> QRect:
    """Where ``widget`` is in its window."""
    return QRect(widget.mapTo(widget.window(), QPoint(0, 0)), widget.size())


def test_each_slip_error_is_under_its_field_and_the_first_has_the_focus(
    till: TillWindow, qtbot: QtBot
) -> None:
    press(qtbot, Qt.Key.Key_F2)
    typed("Liisa")
    for _ in range(3):  # family name, phone, e-mail
        press(qtbot, Qt.Key.Key_Tab)
    typed("liisa(at)example")
    for _ in range(2):  # postcode, birthday
        press(qtbot, Qt.Key.Key_Tab)
    typed("31-31")
    press(qtbot, Qt.Key.Key_Return)
    assert _under(till, "E-mail")
    assert _under(till, "Birthday (optional)")
    assert focused_name() == "E-mail"


def test_a_wrong_amount_is_said_under_the_amount(
    till: TillWindow, qtbot: QtBot, clerk: Session
) -> None:
    typed(anna(clerk)[1])
    press(qtbot, Qt.Key.Key_Return)
    typed("abc")
    press(qtbot, Qt.Key.Key_Return)
    assert _under(till, "Amount") == "“abc” is not an amount of money"
    assert focused_name() == "Amount"
