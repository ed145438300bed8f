"""The shop's screens wired into the cabinet window: the till, owner mode, the drawing, letters,
insights, the till-export import, and the panes beside the open card.

The window knows none of these screens; this module puts them in its "Shop" menu and its card
tabs, and keeps every open screen in step when owner mode starts or ends. Each screen is
imported when first opened (in the slot of its menu entry), so the window starts quickly.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QSettings, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

from shopcards.core import i18n
from shopcards.core.errors import ShopError
from shopcards.core.i18n import N_, _
from shopcards.core.roles import Role
from shopcards.services import auth, cards, settings
from shopcards.services.session import Session
from shopcards.ui.cabinet.main_window import MENUS, MainWindow
from shopcards.ui.card.call_dialog import CallsPane
from shopcards.ui.card.consent_block import add_consent_tools
from shopcards.ui.card.loyalty_pane import add_loyalty
from shopcards.ui.history.pane import ChangesPane, HistoryPane
from shopcards.ui.kit.background import run_in_background
from shopcards.ui.kit.error_dialog import show_error
from shopcards.ui.kit.language import (
    chosen_language,
    language_menu,
    offer_restart,
    remember_language,
    restart_application,
)
from shopcards.ui.kit.widgets import menu_action
from shopcards.ui.kit.window_fit import fit_to_screen
from shopcards.ui.letters.last_sent import LastSentPane
from shopcards.ui.retention.watch import PrivacyTools
from shopcards.ui.settings.pin_dialog import (
    OwnerIdleGuard,
    SetPinDialog,
    ask_for_owner_mode,
)
from shopcards.ui.sharing.moved_note import add_moved_note

MENU = N_("&Shop")
log = logging.getLogger(__name__)


class ShopTools(QObject):
    """Everything the window offers beyond the cabinet itself, for one open card file."""

    def __init__(self, window: MainWindow, session: Session) -> None:
        super().__init__(window)
        self.window = window
        self.session = session
        self.screens: dict[str, Any] = {}
        self.computer: QSettings | None = None
        """This PC's own choices (the language); QSettings() unless a test gives its own."""
        self.restart: Callable[[], object] = restart_application
        self.history = HistoryPane(session)
        self.guard = OwnerIdleGuard(session, self)
        self.guard.roleChanged.connect(lambda _role: self.role_changed())
        self._add_panes()
        self.privacy = PrivacyTools(window, session, self.owner_mode, self._keep)
        self.moved_note = add_moved_note(window, session)
        window.card_view.forgetRequested.connect(self.privacy.forget_card)
        self._add_actions()
        self._show_mode()  # the window and panes were just built for this role: no re-reading

    def start(self) -> None:
        """Once the window shows: set a new shop up, then ask for a first PIN; and take the
        daily backup."""
        if settings.needs_setup(self.session):
            from shopcards.ui.settings.shop_setup import ShopSetupDialog

            self.setup = ShopSetupDialog(self.session, self.window)
            self.setup.finished.connect(lambda _result: self._shop_set_up())
            self._open_once_shown(self.setup)
        else:
            self._ask_first_pin()
        self.midnight_timer = QTimer(self, singleShot=True)
        self.midnight_timer.timeout.connect(self._daily_backup)
        QTimer.singleShot(500, self._daily_backup)

    def _shop_set_up(self) -> None:
        if not self.window.isVisible():  # the window was closed with the setup still open
            return
        self.window.refresh()
        self._ask_first_pin()

    def _ask_first_pin(self) -> None:
        if not auth.pin_is_set(self.session):
            # open(), not exec(): window-modal without a nested event loop of its own
            self.first_pin = SetPinDialog(self.session, self.window)
            self._open_once_shown(self.first_pin)

    def _open_once_shown(self, dialog: QDialog) -> None:
        """Open ``dialog`` over the window from the next event, unless the window was closed
        by then: a dialog over no window would block every later one and answer to nobody."""

        def open_it() -> None:
            if self.window.isVisible():
                dialog.open()

        QTimer.singleShot(0, open_it)

    # the menu --------------------------------------------------------------------------------

    def _add_actions(self) -> None:
        self.till_action = self._action(_("&Till mode"), self.open_till, "F9")
        self.owner_action = self._action(_("&Owner mode…"), self.owner_mode, "Ctrl+Shift+O")
        self.clerk_action = self._action(_("&Clerk mode"), self.clerk_mode)
        self.pin_action = self._action(_("Change &PIN…"), self.change_pin)
        self._action(_("Prize &drawing…"), self.open_drawing, "Ctrl+D")
        self._action(_("&Letters and cards…"), self.open_letters, "Ctrl+L")
        self._action(_("&Know your customers…"), self.open_insights, "Ctrl+K")
        self._action(_("Lo&yalty scheme…"), self.open_loyalty)
        self._action(_("&Import purchases from the till…"), self.import_purchases)
        self._action(_("Import c&ustomers…"), self.import_customers)
        self._action(_("&Find duplicate cards…"), self.find_duplicates)
        self._action(_("E&xport cards…"), lambda: self.export("cards"))
        self._action(_("Export purc&hases…"), lambda: self.export("purchases"))
        self._action(_("Customers past &retention…"), self.privacy.open_retention)
        self._action(_("&Settings…"), self.open_settings)
        self._file_entries()
        self.language_menu = language_menu(self.window, self.choose_language)
        view = self.window.add_tool(MENUS[2], self.language_menu.menuAction())  # View ▸ Language
        view.insertSeparator(self.language_menu.menuAction())

    def _file_entries(self) -> None:
        """File ▸ Connect… (any desk: a PC joins a shared card file) and Share… (owner), above
        Back up now."""
        for label, slot in (
            (_("&Connect to a shared card file…"), self.connect_shared),
            (_("S&hare this card file with other PCs…"), self.share_card_file),
        ):
            action = menu_action(self.window, label, slot)
            file_menu = self.window.add_tool(MENUS[0], action)
            file_menu.insertAction(self.window.backup_action, action)
        file_menu.insertSeparator(self.window.backup_action)

    def connect_shared(self) -> None:
        from shopcards.ui.sharing.connect_dialog import ConnectDialog

        dialog = ConnectDialog(self.window)
        dialog.connected.connect(self.window.cardFileRequested.emit)
        self._keep("connect", dialog)
        dialog.open()

    def share_card_file(self) -> None:
        """Owner only: the PIN is asked for first."""
        from shopcards.services import sharing  # its server machinery: not at every start
        from shopcards.ui.sharing.share_dialog import ShareDialog

        if self.owner_mode():
            try:
                sharing.check_can_share(self.session)
            except ShopError as refused:
                show_error(self.window, refused)
                return
            dialog = ShareDialog(self.session, self.window)
            dialog.open_shared.connect(self.window.cardFileRequested.emit)
            self._keep("share", dialog)
            dialog.open()

    def choose_language(self, code: str) -> None:
        """View ▸ Language (anyone at the desk: it is this PC's, not the shop's): kept for
        this PC, and spoken from the next start, now if asked."""
        computer = self.computer if self.computer is not None else QSettings()
        if code == (chosen_language(computer) or i18n.language()):
            return
        remember_language(computer, code)
        offer_restart(self.window, code, self.restart)

    def _action(self, label: str, slot: Callable[[], object], shortcut: str = "") -> QAction:
        action = menu_action(self.window, label, slot, shortcut)
        self.window.add_tool(MENU, action)
        return action

    def _add_panes(self) -> None:
        self.window.add_card_pane(_("Purchases"), self.history, self.history.show_customer)
        changes = ChangesPane(self.session)
        self.window.add_card_pane(_("Changes"), changes, changes.show_customer)
        self.loyalty = add_loyalty(self.window, self.session)
        calls = CallsPane(self.session)
        self.window.add_card_pane(_("Calls"), calls, calls.show_customer)
        letters = LastSentPane(self.session)
        self.window.add_card_pane(_("Letters"), letters, letters.show_card)
        self.consents = add_consent_tools(self.window, self.session, self.owner_mode)

    # owner and clerk -------------------------------------------------------------------------

    def owner_mode(self) -> bool:
        """Ask for the PIN unless the owner is already at the desk; True when they are."""
        if self.session.role is Role.OWNER:
            return True
        if not ask_for_owner_mode(self.session, self.window):
            return False
        self.guard.started()
        return True

    def clerk_mode(self) -> None:
        auth.become_clerk(self.session)
        self.role_changed()

    def change_pin(self) -> None:
        if self.owner_mode():
            SetPinDialog(self.session, self.window).exec()

    def role_changed(self) -> None:
        """Every open screen shows what the person now at the desk may do."""
        self._show_mode()
        self.window.refresh()
        self.history.refresh()
        self.privacy.show_note()
        for screen in self.screens.values():
            show_role = getattr(screen, "show_role", None)
            if callable(show_role):
                show_role()

    def _show_mode(self) -> None:
        owner = self.session.role is Role.OWNER
        self.owner_action.setEnabled(not owner)
        self.clerk_action.setEnabled(owner)

    # the screens -----------------------------------------------------------------------------

    def open_till(self) -> None:
        from shopcards.ui.till.window import TillWindow

        till = self._reuse("till")
        if till is None:
            till = TillWindow(self.session, self.window, cards.interest_names(self.session))
            till.purchaseSaved.connect(lambda _id: self.history.refresh())
            till.cardAdded.connect(lambda _id: self.window.refresh())
            self._keep("till", till)
        till.show()
        till.raise_()
        till.activateWindow()

    def open_drawing(self) -> None:
        """Owner only: the PIN is asked for first (issue 10: the clerk got a crash report)."""
        from shopcards.ui.drawing.screen import open_drawing_screen

        if self.owner_mode():
            self._keep("drawing", open_drawing_screen(self.session, self.window))

    def open_letters(self, card_ids: list[int] | None = None) -> None:
        from shopcards.ui.letters.screen import LettersScreen

        screen = self._reuse("letters")
        if screen is None:
            screen = LettersScreen(self.session, self.window)
            fit_to_screen(screen, 1180, 800)
            screen.batchRecorded.connect(lambda _batch: self.window.refresh())
            self._keep("letters", screen)
        if card_ids:
            screen.choose_cards(card_ids)
        screen.show()
        screen.raise_()

    def open_insights(self) -> None:
        """Owner only: the PIN is asked for first."""
        from shopcards.ui.insights.screen import open_insights_screen

        if not self.owner_mode():
            return
        screen = open_insights_screen(self.session, self.window)
        if screen is not None:
            screen.openCardRequested.connect(self.window.open_card)
            screen.letterBatchRequested.connect(self.open_letters)
        self._keep("insights", screen)

    def open_loyalty(self) -> None:
        """Owner only: the PIN is asked for first."""
        from shopcards.ui.loyalty.screen import open_loyalty_screen

        if self.owner_mode():
            self._keep("loyalty", open_loyalty_screen(self.session, self.window))

    def find_duplicates(self) -> None:
        """Owner only: the PIN is asked for first; a merge there refreshes the cabinet."""
        from shopcards.ui.duplicates.window import open_duplicates_window

        if self.owner_mode():
            screen = open_duplicates_window(self.session, self.window)
            if screen is not None:
                screen.cardsChanged.connect(self._purchases_changed)
            self._keep("duplicates", screen)

    def import_purchases(self, path: Path | None = None) -> None:
        """Owner only: the PIN is asked for first; then the export is chosen and checked."""
        from shopcards.ui.imports.purchases_dialog import PurchaseImportDialog

        if not self.owner_mode():
            return
        if path is None:
            chosen, _filter = QFileDialog.getOpenFileName(
                self.window,
                _("Import purchases from the till"),
                str(Path.home()),
                _("Till exports (*.csv *.txt *.tsv);;All files (*)"),
            )
            if not chosen:
                return
            path = Path(chosen)
        dialog = PurchaseImportDialog(self.session, path, self.window)
        dialog.imported.connect(lambda _count: self._purchases_changed())
        self._keep("import", dialog)
        dialog.show()

    def export(self, what: str) -> None:
        """Owner only: the PIN is asked for first; ``what`` is "cards" or "purchases"."""
        from shopcards.ui.exports.export_dialog import open_export

        if self.owner_mode():
            self._keep(f"export {what}", open_export(self.session, what, self.window))

    def import_customers(self) -> None:
        """Owner only: the PIN first; then the customer file is chosen, and the wizard."""
        from shopcards.ui.imports.customers_wizard import open_customer_import

        if self.owner_mode():
            self._keep(
                "customers", open_customer_import(self.session, self.window, self.window.refresh)
            )

    def open_settings(self) -> None:
        """Owner only: the PIN is asked for first; the window shows the saved settings."""
        from shopcards.ui.settings.window import SettingsWindow

        if not self.owner_mode():
            return
        computer = self.computer if self.computer is not None else QSettings()
        dialog = SettingsWindow(self.session, self.window, computer, self.restart)

        dialog.accepted.connect(self.role_changed)
        self._keep("settings", dialog)
        dialog.show()

    def _purchases_changed(self) -> None:
        self.window.refresh()
        self.history.refresh()

    def _reuse(self, name: str) -> Any:
        return self.screens.get(name)

    def _keep(self, name: str, screen: QWidget | QDialog | None) -> None:
        if screen is None:
            return
        screen.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        screen.destroyed.connect(lambda _obj=None: self.screens.pop(name, None))
        self.screens[name] = screen

    # the daily backup ------------------------------------------------------------------------

    def _daily_backup(self) -> None:
        """At most once a day, on a connection of its own so the window is never held up, and
        again after midnight."""

        def work(_progress: object) -> object:
            from shopcards.services.backup import daily_backup

            own = self.session.twin()  # the same clock, a connection of the worker's own
            try:
                return daily_backup(own)
            finally:
                own.close()

        self.backup_task = run_in_background(
            self.window,
            _("Backing up the card file"),
            work,
            lambda _r: None,
            self._daily_backup_failed,
            cancellable=False,
        )
        # a window left open overnight takes the next day's backup just after midnight
        now = self.session.clock()
        after_midnight = dt.datetime.combine(now.date() + dt.timedelta(days=1), dt.time(0, 1))
        self.midnight_timer.start(int((after_midnight - now).total_seconds() * 1000))

    def _daily_backup_failed(self, exc: BaseException) -> None:
        """Said in the status bar and logged: a modal error over a window that has only just
        opened would stop the shop's work for a copy that can be made later (File ▸ Back up)."""
        log.error("the daily backup failed", exc_info=exc)
        self.window.statusBar().showMessage(
            _("The daily backup could not be made: {problem}", problem=exc), 15000
        )
