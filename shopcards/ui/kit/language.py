"""The window's language: Qt's own words, the layout direction, and the per-PC choice.

shopcards' words come from its gettext catalogue (shopcards.core.i18n). Qt's own (OK, Cancel,
the text fields' context menu, the file dialog) come from the ``qtbase_<lang>.qm`` that PySide6
ships, where it ships one (Finnish, Hebrew); Romanian and Armenian have none, so the same
catalogue carries those few words under Qt's own contexts (ui/kit/qt_words.py) and
:class:`CatalogueTranslator` hands them to Qt. Hebrew mirrors the whole window.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence

from PySide6.QtCore import (
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QProcess,
    QSettings,
    Qt,
    QTranslator,
)
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QApplication, QComboBox, QMenu, QMessageBox, QWidget

from shopcards.core import i18n
from shopcards.core.i18n import _

LANGUAGE_KEY = "view/language"
"""QSettings key of the language chosen on this PC (the till and the office may differ)."""


class CatalogueTranslator(QTranslator):
    """Qt asks every installed translator for each of its own words; this one answers from
    shopcards' catalogue, and with nothing (so Qt's ``qtbase`` file is asked next) when the
    catalogue has no such word."""

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        """The catalogue's word, or None for a word it lacks: an empty string would be taken
        for the translation itself, and "Ctrl" in every shortcut (and every word of Qt's own
        the catalogue does not carry, qtbase's Finnish too) came out blank."""
        return i18n.current().find(context, source)

    def isEmpty(self) -> bool:
        return False


def said(message: str) -> str:
    """``message`` translated, or "" for "" (gettext's "" is the catalogue's header)."""
    return i18n._(message) if message else ""


def chosen_language(settings: QSettings) -> str | None:
    """The language picked in the settings on this PC, if it is one shopcards speaks."""
    value = settings.value(LANGUAGE_KEY)
    return value if isinstance(value, str) and value in i18n.LANGUAGES else None


def remember_language(settings: QSettings, code: str) -> None:
    settings.setValue(LANGUAGE_KEY, code)


def language_menu(parent: QWidget, choose: Callable[[str], object]) -> QMenu:
    """The View menu's "Language" entries, each language by its own name, the one in use
    checked; ``choose(code)`` is told the one picked."""
    menu = QMenu(_("&Language"), parent)
    group = QActionGroup(menu)
    for code, language in i18n.LANGUAGES.items():
        action = QAction(language.name, menu)
        action.setCheckable(True)
        action.setChecked(code == i18n.language())
        action.triggered.connect(lambda _checked=False, c=code: choose(c))
        group.addAction(action)
        menu.addAction(action)
    return menu


def language_box() -> QComboBox:
    """The languages shopcards speaks, each by its own name, the one in use chosen."""
    box = QComboBox()
    box.setAccessibleName(_("Language"))
    for code, language in i18n.LANGUAGES.items():
        box.addItem(language.name, code)
    box.setCurrentIndex(max(0, box.findData(i18n.language())))
    return box


def offer_restart(parent: QWidget | None, code: str, restart: Callable[[], object]) -> bool:
    """Say that ``code`` speaks after a new start, and start again now if asked; True then.

    The window's words are read once, as it is built: a new start is how all of them (Qt's
    own too, and the direction of the window) change together."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle(_("Language"))
    box.setText(
        _("shopcards speaks {language} after it starts again.", language=i18n.LANGUAGES[code].name)
    )
    now = box.addButton(_("Restart now"), QMessageBox.ButtonRole.AcceptRole)
    later = box.addButton(_("Later"), QMessageBox.ButtonRole.RejectRole)
    for button in (now, later):
        button.setAccessibleName(button.text())
    box.setDefaultButton(now)
    box.exec()
    if box.clickedButton() is not now:
        return False
    restart()
    return True


def start_again_command(
    argv: Sequence[str], executable: str, frozen: bool
) -> tuple[str, list[str]]:
    """The program and arguments that start this shopcards again as it was started, but
    without ``--lang`` (the language chosen on this PC is the one wanted now)."""
    arguments: list[str] = []
    words = iter(argv[1:])
    for word in words:
        if word == "--lang":
            next(words, None)
        elif not word.startswith("--lang="):
            arguments.append(word)
    if frozen:  # the installed program: its own executable
        return executable, arguments
    return executable, ["-m", "shopcards", *arguments]


def restart_application() -> None:
    """Close every window (the cabinet saves its size and state as the application quits),
    and once this shopcards has quit, start it again."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    program, arguments = start_again_command(
        sys.argv, sys.executable, bool(getattr(sys, "frozen", False))
    )
    app.aboutToQuit.connect(lambda: QProcess.startDetached(program, arguments))
    QApplication.closeAllWindows()
    app.quit()


def dress_application(app: QApplication) -> None:
    """Give Qt the language in use: its own words, the layout direction and its locale (which
    the date and number fields read)."""
    code = i18n.language()
    qtbase = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if code != i18n.ENGLISH and qtbase.load(f"qtbase_{code}", folder):
        QCoreApplication.installTranslator(qtbase)
    QCoreApplication.installTranslator(CatalogueTranslator(app))
    app.setLayoutDirection(
        Qt.LayoutDirection.RightToLeft if i18n.right_to_left() else Qt.LayoutDirection.LeftToRight
    )
    if code != i18n.PSEUDO:
        QLocale.setDefault(QLocale(code))
