"""When another desk saved the same card first: say what changed there, and let the user choose."""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum

from PySide6.QtWidgets import QMessageBox, QWidget

from shopcards.core.i18n import _
from shopcards.ui.kit.card_words import FIELD_LABELS


class ConflictChoice(Enum):
    RELOAD_THEIRS = "reload"
    KEEP_MINE = "keep"
    BACK = "back"


def conflict_text(message: str, changed_fields: Sequence[str]) -> str:
    """The conflict's message and the fields changed at the other desk, in the form's words."""
    names = list(dict.fromkeys(FIELD_LABELS.get(name, name) for name in changed_fields))
    if names:
        # Translators: {fields} is a list of the card's field names, "Phones, E-mail".
        changed = _("Changed there: {fields}.", fields=_(", ").join(names))
    else:
        changed = _("Changed there: nothing you can see (only its bookkeeping).")
    advice = _(
        "“Reload theirs” shows their version and drops your edits; “Keep mine” saves your "
        "version over theirs."
    )
    return f"{message}\n\n{changed}\n\n{advice}"


class ConflictDialog(QMessageBox):
    """Reload theirs / Keep mine; Cancel (or Esc, or closing it) goes back to the form with
    nothing decided.

    Without an escape button a QMessageBox ignores Esc and the window's close button, and the
    user could leave it only by choosing one of the two.
    """

    def __init__(
        self, message: str, changed_fields: Sequence[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setIcon(QMessageBox.Icon.Warning)
        self.setWindowTitle(_("Changed at another desk"))
        self.setAccessibleName(_("Changed at another desk"))
        self.setText(conflict_text(message, changed_fields))
        self.choice = ConflictChoice.BACK
        self._buttons = {
            ConflictChoice.RELOAD_THEIRS: self.addButton(
                _("Reload theirs"), QMessageBox.ButtonRole.ActionRole
            ),
            ConflictChoice.KEEP_MINE: self.addButton(
                _("Keep mine"), QMessageBox.ButtonRole.ActionRole
            ),
        }
        back = self.addButton(QMessageBox.StandardButton.Cancel)
        for button in (*self._buttons.values(), back):
            button.setAccessibleName(button.text())
        self.setEscapeButton(back)
        self.setDefaultButton(self._buttons[ConflictChoice.RELOAD_THEIRS])

    def ask(self) -> ConflictChoice:
        self.exec()
        clicked = self.clickedButton()
        self.choice = next(
            (c for c, b in self._buttons.items() if b is clicked), ConflictChoice.BACK
        )
        return self.choice
