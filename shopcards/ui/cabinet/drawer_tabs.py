"""The row of drawer tabs above the list: "All", the shop's letters, other scripts, "#".

Each tab is a checkable button named by its label, so a test, a screen reader and a keyboard
user (Tab, then Space) find "K" the same way.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QSizePolicy, QToolButton, QWidget

from shopcards.core.i18n import N_, _

ALL = N_("All")


class DrawerTabs(QWidget):
    """Exactly one drawer is chosen; "" stands for "All"."""

    drawerChosen = Signal(str)
    """Emitted when the user clicks a drawer, with its label ("" for All)."""

    def __init__(self, drawers: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(_("Drawers"))
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        self._buttons: dict[str, QToolButton] = {}
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(2)
        self._layout.addStretch(0)  # a few drawers keep their size and stand at the left
        self._group.buttonClicked.connect(self._clicked)
        self.set_drawers(drawers)

    def set_drawers(self, drawers: Sequence[str]) -> None:
        """One tab per drawer (after "All"); the chosen one stays chosen if it is still there."""
        if list(self._buttons) == ["", *drawers]:
            return
        current = self.current if self._buttons else ""
        for button in self._buttons.values():
            self._group.removeButton(button)
            button.hide()
            button.deleteLater()
        self._buttons = {}
        for drawer in ("", *drawers):
            button = self._button(drawer)
            self._buttons[drawer] = button
            self._group.addButton(button)
            self._layout.insertWidget(self._layout.count() - 1, button)
            button.show()  # now, not at the next turn of the event loop
        self.select(current)

    @property
    def current(self) -> str:
        checked = self._group.checkedButton()
        return next((d for d, b in self._buttons.items() if b is checked), "")

    def select(self, drawer: str) -> None:
        """Show ``drawer`` as chosen without telling anyone (the window already knows)."""
        self._buttons.get(drawer, self._buttons[""]).setChecked(True)

    def button(self, drawer: str) -> QToolButton:
        return self._buttons[drawer]

    def _button(self, drawer: str) -> QToolButton:
        label = drawer or _(ALL)
        button = QToolButton()
        button.setText(label)
        button.setAccessibleName(label)
        button.setToolTip(
            _(
                "Cards filed under {drawer} (Ctrl+PgUp / Ctrl+PgDn step through the drawers)",
                drawer=drawer,
            )
            if drawer
            else _("Every card (Ctrl+PgUp / Ctrl+PgDn step through the drawers)")
        )

        button.setCheckable(True)
        button.setAutoRaise(True)
        button.setProperty("drawer", True)
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        button.setMinimumWidth(22 if len(label) == 1 else 36)
        button.setMaximumWidth(72)  # "All" alone in a new cabinet is a tab, not a bar
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Ctrl+PgUp/PgDn step through drawers
        return button

    def _clicked(self, button: QToolButton) -> None:
        self.drawerChosen.emit(self.current)
