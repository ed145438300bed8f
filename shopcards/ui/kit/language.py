"""The window's language: Qt's own words, the layout direction, and the per-PC choice.

shopcards' words come from its gettext catalogue (shopcards.core.i18n). Qt's own (OK, Cancel,
the text fields' context menu, the file dialog) come from the ``qtbase_<lang>.qm`` that PySide6
ships, where it ships one (Finnish, Hebrew); Romanian and Armenian have none, so the same
catalogue carries those few words under Qt's own contexts (ui/kit/qt_words.py) and
:class:`CatalogueTranslator` hands them to Qt. Hebrew mirrors the whole window.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, Qt, QTranslator
from PySide6.QtWidgets import QApplication

from shopcards.core import i18n

LANGUAGE_KEY = "view/language"
"""QSettings key of the language chosen on this PC (the till and the office may differ)."""


class CatalogueTranslator(QTranslator):
    """Qt asks every installed translator for each of its own words; this one answers from
    shopcards' catalogue, and with nothing (so Qt's ``qtbase`` file is asked next) when the
    catalogue has no such word."""

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        return i18n.current().find(context, source) or ""

    def isEmpty(self) -> bool:
        return False


def chosen_language(settings: QSettings) -> str | None:
    """The language picked in the settings on this PC, if it is one shopcards speaks."""
    value = settings.value(LANGUAGE_KEY)
    return value if isinstance(value, str) and value in i18n.LANGUAGES else None


def remember_language(settings: QSettings, code: str) -> None:
    settings.setValue(LANGUAGE_KEY, code)


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
