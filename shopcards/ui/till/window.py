"""Till mode: a window of its own, in large type, for serving customers without a mouse.

Three screens, one at a time and none scrolling at 1024×768: find the customer, record the
sale (or a return), or a short new-customer slip. After a save the till is back at the find
field with a line saying what was saved, ready for the next scan.

Keys: Enter does the screen's main thing, Esc clears or goes back (on the empty find field it
leaves the till), F2 new customer, F6 return a purchase, F7 this month's prize drawing; F9 again
or Ctrl+W leaves the till, asking first when a sale or a slip is typed but not saved.

A loyalty card scanned wherever the focus is opens that customer (see ``scanner``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QHideEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from shopcards.core.errors import ShopError
from shopcards.core.i18n import N_, _
from shopcards.core.purchase import Purchase
from shopcards.core.roles import Role
from shopcards.services import cards
from shopcards.services.session import Session
from shopcards.ui.kit.error_dialog import show_error
from shopcards.ui.kit.theme import MARGIN, SPACING
from shopcards.ui.kit.window_fit import fit_to_screen
from shopcards.ui.till.find import TillFindPage
from shopcards.ui.till.new_customer import TillNewCustomerPage
from shopcards.ui.till.sale import TillSalePage
from shopcards.ui.till.scanner import ScanDetector

TILL_POINT_SIZE = 16
TITLE_POINT_SIZE = 22
SIZE = (1024, 768)
ROLE_MODES = {Role.OWNER: N_("Owner mode"), Role.CLERK: N_("Clerk mode")}


class TillWindow(QWidget):
    """The till over ``session``; a top-level window even when given a parent."""

    purchaseSaved = Signal(int)
    """A purchase or return was saved for the customer with this id."""
    cardAdded = Signal(int)

    def __init__(
        self,
        session: Session,
        parent: QWidget | None = None,
        interest_suggestions: Sequence[str] = (),
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.session = session
        self.setWindowTitle(_("Till — {shop}", shop=session.settings.shop_name))
        self.setAccessibleName(_("Till"))
        fit_to_screen(self, *SIZE)
        self.setStyleSheet(  # a style sheet, since the application's one overrides setFont
            f"QWidget {{ font-size: {TILL_POINT_SIZE}pt; }} "
            f"QLabel#tillTitle {{ font-size: {TITLE_POINT_SIZE}pt; font-weight: bold; }} "
            "QLabel#tillMode { font-weight: bold; } "
            "QListWidget::item { padding: 3px 2px; } "
            "QCheckBox::indicator { width: 18px; height: 18px; }"
        )
        self.find_page = TillFindPage(session)
        self.sale_page = TillSalePage(session)
        self.new_page = TillNewCustomerPage(session, interest_suggestions)
        self.pages = QStackedWidget()
        for page in (self.find_page, self.sale_page, self.new_page):
            self.pages.addWidget(page)
        self.role_label = QLabel()
        self.role_label.setAccessibleName(_("Mode"))
        self.scanner = ScanDetector(self, self.card_scanned)
        self._connect()
        self._shortcuts()
        top = QHBoxLayout()
        top.addWidget(QLabel(session.settings.shop_name))
        top.addStretch(1)
        top.addWidget(self.role_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(MARGIN * 2, MARGIN, MARGIN * 2, MARGIN * 2)
        layout.setSpacing(SPACING)
        layout.addLayout(top)
        layout.addWidget(self.pages, 1)
        self.show_role()
        self.show_find()

    def show_role(self) -> None:
        """Say whether owner or clerk mode is on (call after switching)."""
        self.role_label.setText(_(ROLE_MODES[self.session.role]))

    def show_find(self, message: str = "") -> None:
        self.pages.setCurrentWidget(self.find_page)
        self.find_page.start(message)

    def open_customer(self, card_id: int, message: str = "") -> None:
        try:
            card = cards.get_card(self.session, card_id)
        except ShopError as exc:
            show_error(self, exc)
            self.show_find()
            return
        self.pages.setCurrentWidget(self.sale_page)
        self.sale_page.show_card(card, message)

    def card_scanned(self, number: str) -> None:
        """A card scanned on any screen: open its customer, saying what was not saved, or say
        on that screen's message line why not."""
        page = self.pages.currentWidget()
        if page is self.sale_page:
            self.sale_page.card_scanned(number)
            return
        try:
            card = cards.card_at_till(self.session, number)
        except ShopError as exc:
            if page is self.new_page:
                self.new_page.message.error(exc.message)
            else:
                self.find_page.refuse(exc.message)
            return
        assert card.id is not None
        number = card.card_no
        if page is self.new_page and self.new_page.has_typed():
            told = _(
                "Card {number} scanned. The new customer's slip typed before it was not saved.",
                number=number,
            )
        else:
            told = _("Card {number} scanned.", number=number)
        self.open_customer(card.id, told)

    def new_customer(self, typed: str = "") -> None:
        self.pages.setCurrentWidget(self.new_page)
        self.new_page.start(typed)

    def leave(self) -> None:
        """Back to the cabinet; a sale or slip typed but not saved is not dropped unasked."""
        if self._unsaved() and not self._leave_anyway():
            return
        self.close()
        cabinet = self.parentWidget()
        if cabinet is not None:
            cabinet.activateWindow()

    def showEvent(self, event: QShowEvent) -> None:
        self.scanner.watch(True)
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        self.scanner.watch(False)
        super().hideEvent(event)

    def _unsaved(self) -> bool:
        page = self.pages.currentWidget()
        if page is self.sale_page:
            return not self.sale_page.form_is_empty()
        return page is self.new_page and self.new_page.has_typed()

    def _leave_anyway(self) -> bool:
        if self.pages.currentWidget() is self.sale_page:
            question = _("The sale typed here is not saved. Leave the till anyway?")
        else:
            question = _("The new customer's slip typed here is not saved. Leave the till anyway?")
        answer = QMessageBox.question(
            self,
            _("Leave the till"),
            question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _connect(self) -> None:
        self.find_page.leaveRequested.connect(self.leave)
        self.find_page.customerChosen.connect(self.open_customer)
        self.find_page.newCustomerRequested.connect(self.new_customer)
        self.sale_page.saved.connect(self._saved)
        self.sale_page.otherCardScanned.connect(self.open_customer)
        self.sale_page.finished.connect(lambda: self.show_find())
        self.new_page.added.connect(self._added)
        self.new_page.existingChosen.connect(self.open_customer)
        self.new_page.cancelled.connect(lambda: self.show_find())

    def _shortcuts(self) -> None:
        keys: dict[str, tuple[QWidget, Callable[[], None]]] = {
            "F2": (self.find_page, self.find_page.request_new_customer),
            "F6": (self.sale_page, self.sale_page.choose_return),
            "F7": (self.sale_page, self.sale_page.enter_drawing),
        }
        for key, (page, slot) in keys.items():
            shortcut = QShortcut(QKeySequence(key), page)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        for key in ("F9", "Ctrl+W"):
            QShortcut(QKeySequence(key), self).activated.connect(self.leave)

    def _saved(self, purchase: Purchase, message: str) -> None:
        assert purchase.customer_id is not None
        self.purchaseSaved.emit(purchase.customer_id)
        self.show_find(message)

    def _added(self, card_id: int, message: str) -> None:
        self.cardAdded.emit(card_id)
        self.open_customer(card_id, message)
