"""The list of who gets nothing from a batch and why, under its title with the counts."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QListWidget, QVBoxLayout, QWidget

from shopcards.core.i18n import FIRST_STRONG_ISOLATE as FSI
from shopcards.core.i18n import POP_DIRECTIONAL_ISOLATE as PDI
from shopcards.core.i18n import _
from shopcards.services.letters import BatchPlan


class LeftOutList(QWidget):
    """Those the owner chose to hold back first, then those left out, by name, so the owner
    sees who; the name is isolated in every language (not only in a right-to-left one, as
    :func:`~shopcards.core.i18n.isolated` does), so a Hebrew name in an English line reads
    in order too."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(_("Left out"))
        self.names = QListWidget()
        self.names.setAccessibleName(_("Left out"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.names, 1)

    def show_plan(self, plan: BatchPlan | None) -> None:
        held, excluded = (plan.held_back, plan.excluded) if plan else ((), ())
        self.names.clear()
        self.names.addItems(
            [f"{FSI}{e.name}{PDI} ({e.card_no}): {e.reason}" for e in (*held, *excluded)]
        )
        left, kept = f"{len(excluded):,}", f"{len(held):,}"
        if held:
            title = _("Left out ({left}), held back ({held})", left=left, held=kept)
        else:
            title = _("Left out ({left})", left=left) if excluded else _("Left out")
        self.title.setText(title)
