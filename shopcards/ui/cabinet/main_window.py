"""The cabinet: drawer tabs, a search box, the card list, and the open card beside it.

The window shows and asks; every change goes through services. The other screens are plugged
in by ui/cabinet/shop_tools.py: :meth:`MainWindow.add_tool` (a menu entry), and
:meth:`MainWindow.add_card_pane` (a tab beside the open card, told it by ``currentCardChanged``).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from shopcards.core.card import Card, CardQuery
from shopcards.core.errors import NotFound, PermissionDenied, ShopError
from shopcards.core.i18n import N_, _, pgettext
from shopcards.core.roles import Role
from shopcards.services import cards
from shopcards.services.session import Session
from shopcards.ui.cabinet.card_file_place import CardFilePlace
from shopcards.ui.cabinet.drawer_tabs import DrawerTabs
from shopcards.ui.cabinet.empty_cabinet import EmptyCabinet
from shopcards.ui.cabinet.file_actions import ask_card_file_to_open, ask_new_card_file, back_up_now
from shopcards.ui.cabinet.list_model import CARD_ID_ROLE, CardListModel
from shopcards.ui.cabinet.list_view import CardListView
from shopcards.ui.cabinet.search_box import SearchBox
from shopcards.ui.cabinet.try_again import TryAgain
from shopcards.ui.cabinet.window_words import archived_text, count_text, saved_text, title_text
from shopcards.ui.card.view import CardView
from shopcards.ui.kit.theme import MARGIN, SPACING, ColourMode, Theme, colour_mode_actions
from shopcards.ui.kit.widgets import add_menus, menu_action
from shopcards.ui.kit.window_fit import close_its_dialogs

SLOW_PAGE_MS = 40
"""A first page slower than this makes the next keystroke wait for a pause in the typing…"""
DEBOUNCE_MS = 100
"""…of this long at most."""
COUNT_AFTER_MS = 150
"""A count that has to ask the card file waits until the typing pauses this long."""
SEARCH_HINT = N_("Search names, phones, e-mail, postcode or city  (Ctrl+F)")
ROLE_NAMES = {Role.OWNER: N_("Owner mode"), Role.CLERK: N_("Clerk mode")}
MENUS = (N_("&File"), N_("&Cards"), N_("&View"), N_("&Help"))
"""The menu bar's menus, by their English titles (the keys :meth:`MainWindow.add_tool` takes)."""


class MainWindow(QMainWindow):
    """The cabinet window over one card file (``session``)."""

    cardFileRequested = Signal(object)
    """The user chose another card file (a Path: new or existing; or a shared card file's
    SharedAddress); the composition root opens it."""
    currentCardChanged = Signal(object)
    """The id of the card now open (None when none is): panes beside the card follow it."""

    def __init__(
        self, session: Session, theme: Theme | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.theme = theme
        self.model = CardListModel(session, self)
        self._query = CardQuery()
        self._build_widgets()
        self._build_actions()
        self._build_menus()
        self._build_shortcuts()
        self._update_title()
        self.show_role()
        self._last_page_ms = 0.0
        self._closed = False
        self._debounce = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._debounce.timeout.connect(self._apply_query)
        self._count_timer = QTimer(self, singleShot=True, interval=COUNT_AFTER_MS)
        self._count_timer.timeout.connect(lambda: self.try_again.run("count", self._show_count))
        self._apply_query()
        if self._count_timer.isActive():  # a big card file: counted after its first page shows
            self._count_timer.stop()  # (a million cards took longer to count than to show)
            QTimer.singleShot(0, self._count_later)  # after the window's first paint
        self._query_shown()
        self.search.setFocus()

    # Places for other screens --------------------------------------------------------------

    def add_tool(self, menu_name: str, action: QAction) -> QMenu:
        """Put ``action`` in the menu ``menu_name`` (made, before Help, if it is new).

        ``menu_name`` is the menu's English title, marked with ``N_``; it shows translated.
        """
        name = menu_name.replace("&", "")
        menu = self._menus.get(name)
        if menu is None:
            menu = QMenu(_(menu_name), self)
            self.menuBar().insertMenu(self._menus["Help"].menuAction(), menu)
            self._menus[name] = menu
        menu.addAction(action)
        return menu

    def add_card_pane(
        self, title: str, widget: QWidget, show_card: Callable[[int | None], None]
    ) -> None:
        """A tab beside "Card" (the purchase history, the card's changes) that follows the open
        card: ``show_card(card_id)`` is called when its tab is showing and the card changes,
        and when its tab is chosen, so a hidden pane costs a search nothing."""
        self._panes[widget] = show_card
        # counted while hidden, so choosing another tab never moves the splitter
        policy = widget.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        widget.setSizePolicy(policy)
        self.card_tabs.addTab(widget, title)
        self.card_tabs.tabBar().setVisible(True)

    # What the window shows -----------------------------------------------------------------

    @property
    def current_card(self) -> Card | None:
        return self.card_view.card

    def refresh(self) -> None:
        """Read settings, role and list again (after a restore, an import, owner mode…)."""
        self.session.forget_settings()
        settings = self.session.settings
        self.card_view.use_settings(settings.locale, settings.region)
        drawers = cards.drawers(self.session, self._query.drawer)
        self.drawers.set_drawers(drawers)
        if self._query.drawer and self._query.drawer not in drawers:
            self._query = CardQuery(self._query.text, "", self._query.archived)
        self._update_title()
        self.show_role()
        self._apply_query()
        self._show_card(self.current_card.id if self.current_card is not None else None)

    def show_role(self) -> None:
        self.role_label.setText(_(ROLE_NAMES[self.session.role]))

    def open_card(self, card_id: int) -> None:
        """Show card ``card_id``, selecting its row if the list has it loaded."""
        row = self.model.row_of(card_id)
        if row is not None:
            self.list.setCurrentIndex(self.model.index(row, 0))
            return
        self.list.selectionModel().clearSelection()
        self._show_card(card_id)

    # Building ------------------------------------------------------------------------------

    def _build_widgets(self) -> None:
        self.search = SearchBox(_(SEARCH_HINT))
        self.search.textChanged.connect(self._search_changed)
        self.search.returnPressed.connect(self._open_from_search)
        self.search.down.connect(self._into_list)
        self.count_label = QLabel()
        self.count_label.setAccessibleName(_("Number of cards"))
        self.count_label.setMinimumWidth(110)
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.new_button = QPushButton(_("New card"))
        self.new_button.setAccessibleName(_("New card"))
        self.new_button.setToolTip(_("Add a card (Ctrl+N)"))
        self.new_button.clicked.connect(self.new_card)
        top = QHBoxLayout()
        top.setSpacing(MARGIN)
        top.addWidget(self.search, 1)
        top.addWidget(self.count_label)
        top.addWidget(self.new_button)

        self.drawers = DrawerTabs(cards.drawers(self.session))
        self.drawers.drawerChosen.connect(self._drawer_chosen)
        self.list = CardListView()
        self.list.setModel(self.model)
        self.list.selectionModel().currentRowChanged.connect(self._row_changed)
        self.list.openRequested.connect(self.edit_card)
        self.empty_panel = EmptyCabinet(self, self.new_card, self.open_demo_shop)
        self.list_stack = QStackedWidget()
        self.list_stack.addWidget(self.list)
        self.list_stack.addWidget(self.empty_panel)

        settings = self.session.settings
        self.card_view = CardView(settings.locale, settings.region)
        self.card_view.editRequested.connect(self.edit_card)
        self.card_view.archiveRequested.connect(self.toggle_archived)
        self.card_tabs = QTabWidget()
        self.card_tabs.setObjectName("cardPanel")
        self.card_tabs.setAccessibleName(pgettext("the card that is open", "Open card"))
        self.card_tabs.addTab(self.card_view, _("Card"))
        self.card_tabs.tabBar().setVisible(False)
        self.card_tabs.currentChanged.connect(lambda _index: self._follow_card())
        self._panes: dict[QWidget, Callable[[int | None], None]] = {}

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.list_stack)
        self.splitter.addWidget(self.card_tabs)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([600, 400])
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setHandleWidth(MARGIN)

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(MARGIN, MARGIN, MARGIN, SPACING)
        layout.setSpacing(MARGIN)
        layout.addLayout(top)
        layout.addWidget(self.drawers)
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        self.statusBar().addWidget(CardFilePlace(self.session.card_file.where()), 1)
        self.role_label = QLabel()
        self.statusBar().addPermanentWidget(self.role_label)
        self.try_again = TryAgain(self.statusBar())
        QWidget.setTabOrder(self.search, self.new_button)
        QWidget.setTabOrder(self.new_button, self.list)

    def _build_actions(self) -> None:
        self.new_card_action = self._action(
            _("&New card"), self.new_card, QKeySequence.StandardKey.New
        )
        self.edit_action = self._action(_("&Edit"), self.edit_card, "Ctrl+E")
        self.archive_action = self._action(_("&Archive"), self.toggle_archived)
        self.show_archived_action = self._action(_("Show archi&ved"), self._show_archived_toggled)
        self.show_archived_action.setCheckable(True)
        self.find_action = self._action(
            _("&Find a card"), self.search.focus_all, QKeySequence.StandardKey.Find
        )
        self.new_file_action = self._action(
            _("&New card file…"), lambda: self._file_from(ask_new_card_file)
        )
        self.open_file_action = self._action(
            _("&Open card file…"),
            lambda: self._file_from(ask_card_file_to_open),
            QKeySequence.StandardKey.Open,
        )
        self.backup_action = self._action(_("&Back up now"), self.back_up_now)
        self.quit_action = self._action(_("&Quit"), self.close, QKeySequence.StandardKey.Quit)
        self.about_action = self._action(_("&About shopcards"), self._about)
        current = self.theme.mode if self.theme is not None else ColourMode.SYSTEM
        self.colour_actions = colour_mode_actions(self, current, self.set_colour_mode)
        self._update_card_actions()

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file, cards_menu, view, help_menu = MENUS
        entries: dict[str, list[QAction | None]] = {
            file: [
                self.new_file_action,
                self.open_file_action,
                None,
                self.backup_action,
                None,
                self.quit_action,
            ],
            cards_menu: [
                self.new_card_action,
                self.edit_action,
                self.archive_action,
                None,
                self.find_action,
                self.show_archived_action,
            ],
            view: list(self.colour_actions.values()),
            help_menu: [self.about_action],
        }
        self._menus = add_menus(bar, entries)

    def _build_shortcuts(self) -> None:
        for keys, slot in (
            (QKeySequence(Qt.Key.Key_Escape), self.search.clear_and_focus),
            (QKeySequence("Ctrl+PgDown"), lambda: self._step_drawer(1)),
            (QKeySequence("Ctrl+PgUp"), lambda: self._step_drawer(-1)),
        ):
            QShortcut(keys, self).activated.connect(slot)

    def _action(
        self, label: str, slot: Callable[[], object], shortcut: QKeySequence.StandardKey | str = ""
    ) -> QAction:
        action = menu_action(self, label, slot, shortcut)
        self.addAction(action)  # its shortcut works while the menu bar is closed too
        return action

    # Searching and drawers -----------------------------------------------------------------

    def _search_changed(self, text: str) -> None:
        """Typing searches the whole cabinet: a search never hides cards in another drawer."""
        drawer = "" if text.strip() else self._query.drawer
        self.drawers.select(drawer)
        self._set_query(CardQuery(text, drawer, self._query.archived))

    def _drawer_chosen(self, drawer: str) -> None:
        """Opening a drawer shows all of it, so the search is cleared."""
        self.search.set_quietly("")
        self._set_query(CardQuery("", drawer, self._query.archived), at_once=True)

    def _into_list(self) -> None:
        """Down in the search box: into the list, on its first row."""
        if self.model.rowCount():
            self.list.setCurrentIndex(self.model.index(0, 0))
            self.list.setFocus(Qt.FocusReason.TabFocusReason)

    def _step_drawer(self, step: int) -> None:
        labels = ["", *cards.drawers(self.session, self.drawers.current)]
        index = (labels.index(self.drawers.current) + step) % len(labels)
        self.drawers.select(labels[index])
        self._drawer_chosen(labels[index])

    def _show_archived_toggled(self) -> None:
        checked = self.show_archived_action.isChecked()
        self._set_query(CardQuery(self._query.text, self._query.drawer, checked), at_once=True)

    def _set_query(self, query: CardQuery, at_once: bool = False) -> None:
        """Show ``query``'s first page now, or, while the card file answers slowly, as soon as
        the typing pauses (at most DEBOUNCE_MS later), so keystrokes never queue up behind
        slow searches."""
        self._query = query
        self._count_timer.setInterval(0 if at_once else COUNT_AFTER_MS)
        if at_once or self._last_page_ms < SLOW_PAGE_MS:
            self._apply_query()
        else:
            self._debounce.start()

    def _apply_query(self) -> None:
        """The first page now; the count (if it needs asking) once the typing pauses. A
        shared card file's server that does not answer is said, and asked again."""
        self._debounce.stop()
        self.try_again.run("list", self._show_query)

    def _show_query(self) -> None:
        started = time.perf_counter()
        self.model.set_query(self._query)
        self._last_page_ms = (time.perf_counter() - started) * 1000
        if self.model.fully_loaded():
            self._show_count()
        else:
            self.count_label.setText("…")
            self._count_timer.start()
        QTimer.singleShot(0, self._query_shown)

    def _query_shown(self) -> None:
        """Point the list at the open card (or a search's best match); an open card that the
        list no longer holds stays open beside it. An empty cabinet shows its welcome."""
        card = self.current_card
        row = self.model.row_of(card.id) if card is not None and card.id is not None else None
        if row is None and self._query.text.strip() and self.model.rowCount() > 0:
            row = 0  # the best match opens, so Enter edits it straight away
        if row is not None:
            self.list.setCurrentIndex(self.model.index(row, 0))
        elif card is not None and self._query.text.strip() and self.model.rowCount() == 0:
            self._show_card(None)  # nothing matches: the card of an earlier search goes too
        cabinet_empty = self.model.rowCount() == 0 and self._query == CardQuery()
        self.list_stack.setCurrentWidget(self.empty_panel if cabinet_empty else self.list)

    def _count_later(self) -> None:
        if not self._closed:  # a closed cabinet asks its card file nothing: it closes next
            self._count_timer.start()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._closed = True
        for ticking in (self._debounce, self._count_timer, self.try_again):  # timers, retries
            ticking.stop()
        self.model.stop_fetching()
        super().closeEvent(event)
        close_its_dialogs(self)

    def _show_count(self) -> None:
        count = self.model.count()
        self.count_label.setText(count_text(count, self._query, self.session.settings.locale))

    # The open card ---------------------------------------------------------------------------

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        card_id = current.data(CARD_ID_ROLE) if current.isValid() else None
        self.try_again.run("card", lambda: self._show_card(card_id))

    def _show_card(self, card_id: int | None) -> None:
        card = None
        if card_id is not None:
            try:
                card = cards.get_card(self.session, card_id)
            except NotFound:
                card = None
        self.card_view.show_card(card)
        self._update_card_actions()
        self._follow_card()
        self.currentCardChanged.emit(card_id if card is not None else None)

    def _follow_card(self) -> None:
        """Tell the pane on show which card is open."""
        show_card = self._panes.get(self.card_tabs.currentWidget())
        if show_card is not None:
            card = self.current_card
            show_card(card.id if card is not None else None)

    def _update_card_actions(self) -> None:
        card = self.current_card
        self.edit_action.setEnabled(card is not None)
        self.archive_action.setEnabled(card is not None)
        self.archive_action.setText(_("Un&archive") if card and card.archived_at else _("&Archive"))

    def _open_from_search(self) -> None:
        if self.current_card is not None:
            self.edit_card()

    # Card actions ---------------------------------------------------------------------------

    def new_card(self) -> None:
        self._run_form(None)

    def edit_card(self) -> None:
        if self.current_card is not None:
            self._run_form(self.current_card)

    def _run_form(self, card: Card | None) -> None:
        from shopcards.ui.card.form import CardDialog  # the drawing and templates: on first use

        dialog = CardDialog(self.session, card, self)
        dialog.exec()
        shown = dialog.saved.id if dialog.saved is not None else dialog.open_existing
        if dialog.saved is not None:
            told = saved_text(dialog.saved.display_name, card is None, dialog.told)
            self.statusBar().showMessage(told, 8000)
            self.drawers.set_drawers(cards.drawers(self.session, self._query.drawer))
            self._apply_query()
            if card is None:
                self._list_added(dialog.saved)
        if shown is not None:
            self.open_card(shown)
        self.list.setFocus()

    def _list_added(self, card: Card) -> None:
        """A card added during a search may not match it: search for its name instead (or
        for nothing, if that does not find it either), so the new card is in the list."""
        for text in (f"{card.given_name} {card.family_name}".strip(), ""):
            if card.id is None or self.model.row_of(card.id) is not None:
                return
            self.search.set_quietly(text)
            self.drawers.select("")
            self._set_query(CardQuery(text, "", self._query.archived), at_once=True)

    def toggle_archived(self) -> None:
        """Archive the open card, or bring it back (owner only; the clerk is told why not)."""
        card = self.current_card
        if card is None or card.id is None:
            return
        try:
            updated = cards.archive_card(self.session, card.id, card.archived_at is None)
        except PermissionDenied as exc:
            QMessageBox.information(self, _("Owner only"), exc.message)
            return
        except ShopError as exc:
            from shopcards.ui.kit.error_dialog import show_error

            show_error(self, exc)
            return
        told = archived_text(updated.display_name, updated.archived_at is not None)
        self.statusBar().showMessage(told, 5000)
        self._apply_query()
        self.open_card(card.id)

    # Card files, view and help --------------------------------------------------------------

    def back_up_now(self) -> None:
        back_up_now(self, self.session)

    def open_demo_shop(self) -> None:
        from shopcards.ui.cabinet import demo_offer  # the demo shop's data: on first use

        demo_offer.open_demo_shop(self, self.session.card_file.path, self.cardFileRequested.emit)

    def _file_from(self, ask: Callable[[QWidget, Path], Path | None]) -> None:
        """Open the file ``ask`` chooses (a new one, or one to open) in the folder of this one."""
        path = ask(self, self.session.card_file.path.parent)
        if path is not None:
            self.cardFileRequested.emit(path)

    def set_colour_mode(self, mode: ColourMode) -> None:
        if self.theme is not None:
            self.theme.set_mode(mode)
        self.colour_actions[mode].setChecked(True)

    def _about(self) -> None:
        from shopcards.ui.cabinet.about_dialog import AboutDialog  # package metadata: on demand

        AboutDialog(self.session.card_file.path, self).exec()

    def _update_title(self) -> None:
        shop, card_file = self.session.settings.shop_name, self.session.card_file
        self.setWindowTitle(title_text(shop, card_file.short_name()))
