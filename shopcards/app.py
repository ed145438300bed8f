"""The composition root: the Qt application, logging, the exception hook, and the window.

This is the one place that knows every part: it opens the card file, makes the window, keeps
the window's size and the colour mode in QSettings, and swaps the card file when the user
opens another. It imports only what the cabinet shows: every other screen, and the libraries
only they need (reportlab, QtPdf), is imported when first opened, so the window starts quickly
(issue 12; tests/test_window_start.py names what must not come back at start).
"""

from __future__ import annotations

import logging
import logging.handlers
import sys
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

# The card file's side (sqlite-utils, babel, the services) is imported before PySide6: PySide6
# inspects every module imported after it, ~65 ms of CPU at start for these (issue 12).
from shopcards import __version__, paths
from shopcards.core.errors import ShopError
from shopcards.services import (
    cards,  # noqa: F401  (for the cabinet; see above)
    catalogues,
)
from shopcards.services.opening import open_session
from shopcards.services.session import Session

# isort: split
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QWidget

from shopcards.ui.cabinet.first_paint import after_first_paint
from shopcards.ui.cabinet.main_window import MainWindow
from shopcards.ui.kit.language import chosen_language, dress_application
from shopcards.ui.kit.qt_compat import keep_singletons_alive
from shopcards.ui.kit.theme import ColourMode, Theme, load_fonts
from shopcards.ui.kit.window_fit import fit_to_screen, keep_on_screen

if TYPE_CHECKING:
    from shopcards.services.session import Location
    from shopcards.ui.cabinet.shop_tools import ShopTools

log = logging.getLogger("shopcards")
LOG_FILE_NAME = "shopcards.log"
DEFAULT_SIZE = (1280, 800)
_GEOMETRY, _SPLITTER, _COLOURS = "window/geometry", "window/splitter", "view/colour_mode"


def run_window(db_path: Location, language: str | None = None) -> int:
    """Open the window on the card file (or shared card file) at ``db_path``; returns the exit
    status.

    The window speaks ``language`` (``--lang``) if given, else the one chosen on this PC in the
    settings, else the one the command line found from the PC's locale."""
    configure_logging(paths.data_dir())
    app = make_application()
    chosen = language or chosen_language(QSettings())
    if chosen:
        catalogues.start(chosen)
    dress_application(app)
    cabinet = Cabinet(app, QSettings())
    install_exception_hook()
    if not cabinet.open(db_path):
        return 1
    log.info("shopcards %s started on %s", __version__, db_path)
    return app.exec()


def make_application() -> QApplication:
    keep_singletons_alive()
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv)
    app.setOrganizationName("shopcards")
    app.setApplicationName("shopcards")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("shopcards")
    app.setWindowIcon(QIcon(str(paths.resources_dir() / "icons" / "shopcards.svg")))
    load_fonts(app)
    return app


class Cabinet:
    """The open card file and its window; swaps both when the user opens another file."""

    def __init__(self, app: QApplication, settings: QSettings) -> None:
        self._settings = settings
        mode = str(settings.value(_COLOURS, ColourMode.SYSTEM.value))
        self.theme = Theme(
            app,
            ColourMode(mode) if mode in ColourMode._value2member_map_ else ColourMode.SYSTEM,
            sheet_later=True,  # put on with the Shop menu, after the first paint
        )
        self.session: Session | None = None
        self.window: MainWindow | None = None
        self.tools: ShopTools | None = None
        """The Shop menu and the panes beside the card: None until the cabinet first shows."""
        app.aboutToQuit.connect(self.save_state)

    def open(self, path: Location) -> bool:
        """Show the cabinet of the card file (or shared card file) at ``path``; False (and a
        message) if it can't."""
        try:
            session = open_session(path)
        except ShopError as exc:
            from shopcards.ui.kit.error_dialog import error_dialog

            error_dialog(self.window, exc).exec()
            return False
        old_window, old_session = self.window, self.session
        if old_window is not None:
            self.save_state()
        window = MainWindow(session, self.theme)
        window.cardFileRequested.connect(self._open_later)
        self.theme.dress(  # the rules its first paint needs, while the sheet waits (theme.py)
            [
                (window.search, ("search",)),
                (window.drawers, ("drawers",)),
                (window.splitter, ("splitter", "cardList", "emptyCabinet", "cardPanel")),
            ]
        )
        self._restore_state(window)
        # the tab bar from the first paint: the card does not jump down when its panes arrive
        window.card_tabs.tabBar().setVisible(True)
        after_first_paint(
            [window.list.viewport(), window.empty_panel], lambda: self._add_tools(window)
        )
        window.show()
        self.window, self.session, self.tools = window, session, None
        if old_window is not None:
            old_window.close()
            old_window.deleteLater()
        if old_session is not None:
            old_session.close()
        return True

    def _add_tools(self, window: MainWindow) -> None:
        """The Shop menu, its shortcuts, the panes beside the card and the application's style
        sheet, right after the cabinet's first paint: their modules and widgets cost a tenth of
        a second that the user need not wait for (issue 12)."""
        if window is not self.window or not window.isVisible():  # replaced, or closed already
            return
        from shopcards.ui.cabinet.shop_tools import ShopTools

        self.theme.put_on_sheet()  # before the panes and dialogs, which it dresses too
        self.tools = ShopTools(window, window.session)
        self.tools.start()

    def save_state(self) -> None:
        if self.window is None:
            return
        self._settings.setValue(_GEOMETRY, self.window.saveGeometry())
        self._settings.setValue(_SPLITTER, self.window.splitter.saveState())
        self._settings.setValue(_COLOURS, self.theme.mode.value)

    def _open_later(self, path: Location) -> None:
        # not inside the old window's own signal: it is about to be closed
        QTimer.singleShot(0, lambda: self.open(path))

    def _restore_state(self, window: MainWindow) -> None:
        """The size and place of last time, cut to this screen (it may be smaller than the one
        they were saved on); the first time, the default size or as much as the screen has."""
        geometry = self._settings.value(_GEOMETRY)
        if geometry is None or not window.restoreGeometry(geometry):
            fit_to_screen(window, *DEFAULT_SIZE)
        keep_on_screen(window)
        splitter = self._settings.value(_SPLITTER)
        if splitter is not None:
            window.splitter.restoreState(splitter)


def configure_logging(folder: Path) -> Path:
    """Log to ``shopcards.log`` in the data folder (kept small: three files of 1 MB), readable
    by this user alone (``shopcards.cli.main``'s umask covers the files rotation creates)."""
    paths.private_folder(folder)
    path = paths.private_file(folder / LOG_FILE_NAME)
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=1_000_000, backupCount=2, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return path


def install_exception_hook() -> None:
    """An unexpected error shows a dialog with the version and details instead of a silent exit.

    Qt calls Python slots from C++, where an exception would otherwise only be printed.
    """
    showing = False

    def hook(kind: type[BaseException], exc: BaseException, trace: TracebackType | None) -> None:
        nonlocal showing
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, trace)
            return
        log.error("unexpected error", exc_info=(kind, exc, trace))
        if showing or QApplication.instance() is None:
            sys.__excepthook__(kind, exc, trace)
            return
        showing = True
        try:
            from shopcards.ui.kit.error_dialog import error_dialog  # only when there is an error

            parent = QApplication.activeWindow()
            error_dialog(parent if isinstance(parent, QWidget) else None, exc).exec()
        finally:
            showing = False

    sys.excepthook = hook
