"""Small widgets the till, the purchase history and the PIN dialogs share."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMenuBar,
    QPushButton,
    QWidget,
)

from shopcards.core.errors import ShopError, ValidationError
from shopcards.core.i18n import _
from shopcards.ui.kit.theme import ERROR_COLOUR

OK_COLOUR = {"light": "#1b6b34", "dark": "#7fd69a"}


def paragraph(text: str, name: str) -> QLabel:
    """A paragraph of a dialog's explanation, wrapped, named for a screen reader."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setAccessibleName(name)
    return label


class MessageLabel(QLabel):
    """A line that tells the person what went wrong (red) or what was just done (green)."""

    def __init__(self, name: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(_("Message") if name is None else name)
        self.setWordWrap(True)

    def error(self, text: str) -> None:
        self._show(text, ERROR_COLOUR)

    def refusal(self, exc: ShopError, field_names: Mapping[str, str]) -> None:
        """What a service refused: each bad field on a line of its own, by its label."""
        if isinstance(exc, ValidationError):
            self.error(
                "\n".join(
                    _("{field}: {problem}", field=field_names.get(n, n), problem=text)
                    for n, text in exc.fields.items()
                )
            )
        else:
            self.error(exc.message)

    def done(self, text: str) -> None:
        self._show(text, OK_COLOUR)

    def clear(self) -> None:
        self.setText("")

    def _show(self, text: str, colours: dict[str, str]) -> None:
        dark = self.palette().color(QPalette.ColorRole.Window).lightness() < 128
        self.setStyleSheet(f"color: {colours['dark' if dark else 'light']};")
        self.setText(text)
        self.setAccessibleDescription(text)


class FieldErrors:
    """A red line under each field, shown only while it has something to say.

    The page puts :attr:`lines` under their fields in its own layout.
    """

    def __init__(self, fields: Mapping[str, QLineEdit]) -> None:
        self.fields = dict(fields)
        self.lines = {
            name: MessageLabel(_("{field} error", field=field.accessibleName()))
            for name, field in fields.items()
        }
        self.clear()

    def clear(self) -> None:
        for line in self.lines.values():
            line.clear()
            line.hide()

    def show(self, errors: Mapping[str, str]) -> dict[str, str]:
        """Each error under its field, the focus in the first wrong field (in the form's order);
        returns the errors of names that have no field here, for the page to say elsewhere."""
        self.clear()
        for name, text in errors.items():
            if name in self.lines:
                self.lines[name].error(text)
                self.lines[name].show()
        first = next((field for name, field in self.fields.items() if name in errors), None)
        if first is not None:
            first.setFocus()
            first.selectAll()
        return {name: text for name, text in errors.items() if name not in self.lines}


def ok_cancel(
    ok_label: str, on_ok: Callable[[], object], on_cancel: Callable[[], object]
) -> QDialogButtonBox:
    """OK (labelled ``ok_label``) and Cancel, each with its visible label as accessible name."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
    ok.setText(ok_label)
    ok.setAccessibleName(ok_label)
    cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
    cancel.setAccessibleName(cancel.text().replace("&", ""))

    buttons.accepted.connect(on_ok)
    buttons.rejected.connect(on_cancel)
    return buttons


def add_menus(bar: QMenuBar, entries: Mapping[str, Sequence[QAction | None]]) -> dict[str, QMenu]:
    """Menus on ``bar`` by their English titles (marked with ``N_``, shown translated), each
    with its actions in order (None: a separator); kept by title without the "&"."""
    menus: dict[str, QMenu] = {}
    for title, actions in entries.items():
        menu = bar.addMenu(_(title))
        for action in actions:
            if action is None:
                menu.addSeparator()
            else:
                menu.addAction(action)
        menus[title.replace("&", "")] = menu
    return menus


def menu_action(
    parent: QWidget,
    label: str,
    slot: Callable[[], object],
    shortcut: QKeySequence.StandardKey | str | None = None,
) -> QAction:
    """A menu entry (``&`` marks its key) calling ``slot`` when chosen, by menu or shortcut."""
    action = QAction(label, parent)
    if shortcut:
        action.setShortcut(QKeySequence(shortcut))
    action.triggered.connect(lambda _checked=False: slot())
    return action


def line_edit(name: str, placeholder: str = "") -> QLineEdit:
    """A text field whose accessible name is its visible label."""
    field = QLineEdit()
    field.setAccessibleName(name)
    field.setPlaceholderText(placeholder)
    return field


def choice_box(name: str, shortest: int = 16) -> QComboBox:
    """A drop-down list named ``name`` whose width follows the room it is given, not its
    longest item: a template named in Armenian or a Romanian label must not widen a screen
    past a 1024-pixel display (the list that opens still shows each item whole)."""
    box = QComboBox()
    box.setAccessibleName(name)
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(shortest)
    return box


NAMES = "names"
"""The property that marks a drop-down of names (:func:`names_box`): it may cut one short."""


def names_box(name: str) -> QComboBox:
    """A :func:`choice_box` of names the owner gives (templates): no box can be as wide as
    any name, so the chosen one is also its tooltip, whole, and the list shows each whole."""
    box = choice_box(name)
    box.setProperty(NAMES, True)
    box.currentTextChanged.connect(box.setToolTip)
    return box


def button(label: str, name: str | None = None) -> QPushButton:
    """A button that never grabs Enter (the page decides what Enter does)."""
    widget = QPushButton(label)
    widget.setAccessibleName(name or label)
    widget.setAutoDefault(False)
    return widget


class PickList(QListWidget):
    """A list where Enter picks the current item (``picked``) and goes no further.

    A plain list passes Enter on to its parent after activating the item, where the page would
    take it for its own Enter (save) on whatever has the focus by then.
    """

    picked = Signal(QListWidgetItem)

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self.itemDoubleClicked.connect(self.picked.emit)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        item = self.currentItem()
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if item is not None:
                self.picked.emit(item)
            event.accept()
            return
        super().keyPressEvent(event)
