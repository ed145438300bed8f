"""Where the open card file lives, at the left of the cabinet's status bar.

With two cabinets about (the shop's own and a demo, or a copy), the user should always see
which one is open. The place is a string: the card file's full path today, and the address of
a shared card file (``till-pc:5433/shop``) when the window works on one.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from shopcards.core.i18n import _


def where_text(place: str) -> str:
    return _("Card file: {place}", place=place)


class CardFilePlace(QLabel):
    """ "Card file: /home/shop/shopcards.db", shortened in its middle when the window is narrow
    (the file's name and the start of its folder stay); the whole of it in the tooltip."""

    def __init__(self, place: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.place = place
        # as wide as the status bar lets it be: a long path never widens the window
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setToolTip(where_text(place))
        self.setAccessibleName(where_text(place))
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        metrics = self.fontMetrics()
        room = self.contentsRect().width() - metrics.horizontalAdvance(where_text(""))
        place = metrics.elidedText(self.place, Qt.TextElideMode.ElideMiddle, max(room, 0))
        self.setText(where_text(place or "…"))
