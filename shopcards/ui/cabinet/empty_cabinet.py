"""The panel an empty card file shows instead of an empty list: the two ways to begin."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from shopcards.core.i18n import _
from shopcards.ui.kit.theme import MARGIN, SPACING


class EmptyCabinet(QFrame):
    """What an empty card file shows instead of an empty list: the two ways to begin."""

    def __init__(
        self, parent: QWidget, add_card: Callable[[], None], open_demo: Callable[[], None]
    ) -> None:
        super().__init__(parent)
        self.setObjectName("emptyCabinet")
        title = QLabel(_("This card file has no cards yet"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        title.setWordWrap(True)
        text = QLabel(
            _(
                "Add your first customer's card, or look around a demo shop with a few "
                "thousand made-up customers first (it opens as a separate card file, so "
                "this one stays empty)."
            )
        )
        text.setWordWrap(True)
        add = QPushButton(_("Add the first card"))
        add.setAccessibleName(add.text())
        add.clicked.connect(add_card)
        demo = QPushButton(_("Open a demo shop"))
        demo.setAccessibleName(demo.text())

        demo.clicked.connect(open_demo)
        buttons = QHBoxLayout()
        buttons.setSpacing(SPACING)
        buttons.addStretch(1)
        buttons.addWidget(add)
        buttons.addWidget(demo)
        buttons.addStretch(1)
        for label in (title, text):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        column = QVBoxLayout(self)
        column.setContentsMargins(MARGIN * 4, MARGIN * 4, MARGIN * 4, MARGIN * 4)
        column.setSpacing(MARGIN)
        column.addStretch(1)
        column.addWidget(title)
        column.addWidget(text)
        column.addSpacing(SPACING)
        column.addLayout(buttons)
        column.addStretch(2)
