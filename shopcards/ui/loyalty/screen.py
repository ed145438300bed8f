"""The owner's Loyalty screen (Shop ▸ Loyalty scheme…): the scheme's set-up, whether it pays,
and printing loyalty cards, each on a tab of its own.

Owner only: the clerk is told so and gets no screen, and an open screen closes when the desk
goes back to clerk mode. ui/cabinet/shop_tools.py opens it with :func:`open_loyalty_screen`.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QTabWidget, QVBoxLayout, QWidget

from shopcards.core.i18n import N_, _, right_to_left
from shopcards.core.roles import Role
from shopcards.services.session import Session, require_owner
from shopcards.ui.kit.error_dialog import open_screen
from shopcards.ui.kit.theme import MARGIN
from shopcards.ui.kit.window_fit import fit_to_screen
from shopcards.ui.loyalty.cards_tab import CardsTab
from shopcards.ui.loyalty.pays import PaysTab
from shopcards.ui.loyalty.scheme_tab import SchemeTab

TITLE = N_("Loyalty scheme")
TABS = (N_("Scheme"), N_("Does it pay?"), N_("Cards"))


def open_loyalty_screen(session: Session, parent: QWidget | None = None) -> LoyaltyScreen | None:
    """Open the loyalty screen; the clerk is told it is the owner's, and gets None."""
    return open_screen(lambda: LoyaltyScreen(session, parent), parent)


class LoyaltyScreen(QDialog):
    """Three tabs; the figures of "Does it pay?" are added up when that tab is first shown and
    again after the scheme is saved."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        # Translators: ends "Only the owner may …"
        require_owner(session, _("set up the loyalty scheme"))
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(_(TITLE))
        self.setAccessibleName(_(TITLE))
        self.setLayoutDirection(
            Qt.LayoutDirection.RightToLeft if right_to_left() else Qt.LayoutDirection.LeftToRight
        )
        self.setWindowFlag(Qt.WindowType.Window, True)
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.scheme = SchemeTab(session)
        self.pays = PaysTab(session)
        self.cards = CardsTab(session)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(_("Loyalty"))
        for tab, name in zip((self.scheme, self.pays, self.cards), TABS, strict=True):
            self.tabs.addTab(tab, _(name))
        self._pays_stale = True
        self.scheme.saved.connect(self._figures_changed)
        self.tabs.currentChanged.connect(lambda _index: self._tab_shown())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        layout.addWidget(self.tabs)
        fit_to_screen(self, 1000, 720)

    def show_role(self) -> None:
        """Back in clerk mode, the owner's screen closes."""
        if self.session.role is not Role.OWNER:
            self.close()

    def _figures_changed(self) -> None:
        self._pays_stale = True
        self._tab_shown()

    def _tab_shown(self) -> None:
        if self.tabs.currentWidget() is self.pays and self._pays_stale:
            self._pays_stale = False
            self.pays.refresh()
