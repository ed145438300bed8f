"""How the window looks: Fusion style, a light and a dark palette, the fonts and the spacing.

Fusion draws the same on every system, so the palettes below are the whole colour scheme. In
"system" mode the palette follows the desktop's light/dark setting as it changes
(``QStyleHints.colorScheme``); the View menu can force either.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import StrEnum

from PySide6.QtCore import QEvent, QObject, QPointF, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QColor,
    QFont,
    QFontDatabase,
    QGuiApplication,
    QIcon,
    QPainter,
    QPalette,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import QApplication, QLineEdit, QToolButton, QWidget

from shopcards import paths
from shopcards.core.i18n import _

SPACING = 8
"""The gap between related widgets, in pixels; margins are multiples of it."""
MARGIN = 12
ERROR_COLOUR = {"light": "#b3261e", "dark": "#ff8a80"}
"""The red of a validation message under a field, readable on either palette."""

_FONT_FILES = (
    "NotoSans-Regular.ttf",
    "NotoSans-Bold.ttf",
    "NotoSans-Italic.ttf",
    "NotoSansHebrew-Regular.ttf",
    "NotoSansHebrew-Bold.ttf",
    "NotoSansArmenian-Regular.ttf",
    "NotoSansArmenian-Bold.ttf",
    "NotoSansArabic-Regular.ttf",
    "NotoSansArabic-Bold.ttf",
    "NotoSansGeorgian-Regular.ttf",
    "NotoSansGeorgian-Bold.ttf",
    "NotoSansThai-Regular.ttf",
    "NotoSansThai-Bold.ttf",
    "DroidSansFallbackFull.ttf",
    "NotoSansDevanagari-Regular.ttf",  # on screen only: Qt shapes it, reportlab cannot
)
_FAMILIES = [
    "Noto Sans",
    "Noto Sans Hebrew",
    "Noto Sans Armenian",
    "Noto Sans Arabic",
    "Noto Sans Georgian",
    "Noto Sans Thai",
    "Droid Sans Fallback",
    "Noto Sans Devanagari",
]
BASE_POINT_SIZE = 10

_COLOURS: dict[str, dict[QPalette.ColorRole, str]] = {
    "light": {
        QPalette.ColorRole.Window: "#f3f4f6",
        QPalette.ColorRole.WindowText: "#1d1f23",
        QPalette.ColorRole.Base: "#ffffff",
        QPalette.ColorRole.AlternateBase: "#f7f8fa",
        QPalette.ColorRole.ToolTipBase: "#ffffff",
        QPalette.ColorRole.ToolTipText: "#1d1f23",
        QPalette.ColorRole.PlaceholderText: "#80868f",
        QPalette.ColorRole.Text: "#1d1f23",
        QPalette.ColorRole.Button: "#fbfbfc",
        QPalette.ColorRole.ButtonText: "#1d1f23",
        QPalette.ColorRole.BrightText: "#ffffff",
        QPalette.ColorRole.Light: "#ffffff",
        QPalette.ColorRole.Midlight: "#e4e6ea",
        QPalette.ColorRole.Mid: "#c4c8cf",
        QPalette.ColorRole.Dark: "#9aa0a8",
        QPalette.ColorRole.Shadow: "#6b7079",
        QPalette.ColorRole.Highlight: "#2f6fd6",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.Link: "#2459b3",
        QPalette.ColorRole.LinkVisited: "#6a3fb5",
        QPalette.ColorRole.Accent: "#2f6fd6",
    },
    "dark": {
        QPalette.ColorRole.Window: "#1e1f22",
        QPalette.ColorRole.WindowText: "#e6e7ea",
        QPalette.ColorRole.Base: "#26282c",
        QPalette.ColorRole.AlternateBase: "#2b2d32",
        QPalette.ColorRole.ToolTipBase: "#2b2d32",
        QPalette.ColorRole.ToolTipText: "#e6e7ea",
        QPalette.ColorRole.PlaceholderText: "#8b9098",
        QPalette.ColorRole.Text: "#e6e7ea",
        QPalette.ColorRole.Button: "#2d2f34",
        QPalette.ColorRole.ButtonText: "#e6e7ea",
        QPalette.ColorRole.BrightText: "#ffffff",
        QPalette.ColorRole.Light: "#3a3d43",
        QPalette.ColorRole.Midlight: "#33363b",
        QPalette.ColorRole.Mid: "#45484f",
        QPalette.ColorRole.Dark: "#141517",
        QPalette.ColorRole.Shadow: "#000000",
        QPalette.ColorRole.Highlight: "#3d7be0",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.Link: "#8ab4f8",
        QPalette.ColorRole.LinkVisited: "#c58af9",
        QPalette.ColorRole.Accent: "#3d7be0",
    },
}
_DISABLED_TEXT = {"light": "#a0a5ad", "dark": "#6c7078"}


class ColourMode(StrEnum):
    """What the View menu offers: follow the desktop, or force one palette."""

    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"


def colour_mode_actions(
    parent: QObject, current: ColourMode, choose: Callable[[ColourMode], object]
) -> dict[ColourMode, QAction]:
    """The View menu's three checkable entries, one of them checked: ``current``."""
    group = QActionGroup(parent)
    actions: dict[ColourMode, QAction] = {}
    for mode, label in (
        (ColourMode.LIGHT, _("&Light")),
        (ColourMode.DARK, _("&Dark")),
        (ColourMode.SYSTEM, _("&System colours")),
    ):
        action = QAction(label, parent)
        action.setCheckable(True)
        action.triggered.connect(lambda _checked=False, m=mode: choose(m))
        group.addAction(action)
        actions[mode] = action
    actions[current].setChecked(True)
    return actions


def quiet_colour(pal: QPalette, share: float = 0.45) -> QColor:
    """A grey that stands out from the background on either palette: ``share`` of the text
    colour over the base (the fixed Mid grey nearly vanishes on the dark base)."""
    text, base = pal.color(QPalette.ColorRole.Text), pal.color(QPalette.ColorRole.Base)
    return QColor.fromRgbF(
        text.redF() * share + base.redF() * (1 - share),
        text.greenF() * share + base.greenF() * (1 - share),
        text.blueF() * share + base.blueF() * (1 - share),
    )


def cross_icon(colour: QColor, size: int = 16) -> QIcon:
    """An × drawn in ``colour`` (Qt's own clear-text icon is black whatever the palette)."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(colour, size / 8)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.setPen(pen)
    inset = size * 0.3
    painter.drawLine(QPointF(inset, inset), QPointF(size - inset, size - inset))
    painter.drawLine(QPointF(size - inset, inset), QPointF(inset, size - inset))
    painter.end()
    return QIcon(pixmap)


class ClearButtonTint(QObject):
    """Gives a line edit's clear button an × in the palette's text colour, again whenever the
    palette changes (light to dark). Use :func:`clear_button`."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.PaletteChange and isinstance(watched, QLineEdit):
            _tint(watched)
        return False


def clear_button(edit: QLineEdit) -> None:
    """Turn on ``edit``'s clear button, with an × that shows on either palette."""
    edit.setClearButtonEnabled(True)
    edit.installEventFilter(ClearButtonTint(edit))
    _tint(edit)
    for button in edit.findChildren(QToolButton):  # Qt's own clear button has no name
        button.setAccessibleName(_("Clear"))


def _tint(edit: QLineEdit) -> None:
    action = edit.findChild(QAction, "_q_qlineeditclearaction")
    if action is not None:
        action.setIcon(cross_icon(edit.palette().color(QPalette.ColorRole.Text)))


def palette(scheme: str) -> QPalette:
    """The palette for ``"light"`` or ``"dark"``."""
    pal = QPalette()
    for role, colour in _COLOURS[scheme].items():
        pal.setColor(role, QColor(colour))
    disabled = QColor(_DISABLED_TEXT[scheme])
    for role in (
        QPalette.ColorRole.Text,
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.ButtonText,
    ):
        pal.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return pal


def load_fonts(app: QApplication) -> None:
    """Use the fonts the letters print with, so a name looks the same on screen as on paper,
    whatever the computer has installed."""
    folder = paths.resources_dir() / "fonts"
    for name in _FONT_FILES:
        QFontDatabase.addApplicationFont(str(folder / name))
    font = QFont()
    font.setFamilies(_FAMILIES)
    font.setPointSize(BASE_POINT_SIZE)
    app.setFont(font)


class Theme(QObject):
    """The colour mode in force; re-applies the palette when the desktop switches light/dark.

    With ``sheet_later``, the application's style sheet waits for :meth:`put_on_sheet`: any
    style sheet at all costs every widget polished under it (~40 ms for the cabinet, issue
    12), so the cabinet's first paint dresses only the widgets that need a rule
    (:meth:`dress`), and the whole sheet comes right after it, for the dialogs.
    """

    changed = Signal(str)
    """Emitted with ``"light"`` or ``"dark"`` whenever the palette in force changes."""

    def __init__(
        self, app: QApplication, mode: ColourMode = ColourMode.SYSTEM, sheet_later: bool = False
    ) -> None:
        super().__init__(app)
        self._app = app
        self._mode = mode
        self._sheet_on = not sheet_later
        self._dressed: list[tuple[QWidget, tuple[str, ...]]] = []
        app.setStyle("Fusion")
        app.styleHints().colorSchemeChanged.connect(self._system_changed)
        self._apply()

    @property
    def mode(self) -> ColourMode:
        return self._mode

    @property
    def scheme(self) -> str:
        """``"light"`` or ``"dark"``: the palette in force now."""
        if self._mode is ColourMode.SYSTEM:
            dark = QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark
            return "dark" if dark else "light"
        return self._mode.value

    @property
    def error_colour(self) -> str:
        return ERROR_COLOUR[self.scheme]

    def set_mode(self, mode: ColourMode) -> None:
        self._mode = mode
        self._apply()

    def dress(self, widgets: Sequence[tuple[QWidget, tuple[str, ...]]]) -> None:
        """Until the application's style sheet is on, give each widget the named parts of it
        (see ``_rules``): they dress the widget and what it holds as the whole sheet would."""
        if self._sheet_on:
            return
        self._dressed = list(widgets)
        rules = _rules(self.scheme)
        for widget, parts in self._dressed:
            widget.setStyleSheet("".join(rules[part] for part in parts))

    def put_on_sheet(self) -> None:
        """The application's style sheet, in place of the parts :meth:`dress` gave."""
        if self._sheet_on:
            return
        self._sheet_on = True
        self._app.setStyleSheet(_style_sheet(self.scheme))
        for widget, _parts in self._dressed:
            widget.setStyleSheet("")
        self._dressed = []

    def _system_changed(self, _scheme: Qt.ColorScheme) -> None:
        if self._mode is ColourMode.SYSTEM:
            self._apply()

    def _apply(self) -> None:
        scheme = self.scheme
        self._app.setPalette(palette(scheme))
        if self._sheet_on:
            self._app.setStyleSheet(_style_sheet(scheme))
        else:
            self.dress(self._dressed)
        self.changed.emit(scheme)


def _style_sheet(scheme: str) -> str:
    """The few touches Fusion lacks: roomier inputs, flat drawer tabs, a quiet splitter."""
    return "".join(_rules(scheme).values())


def _rules(scheme: str) -> dict[str, str]:
    """The style sheet's rules by the part of a window they dress (:meth:`Theme.dress`)."""
    colours = _COLOURS[scheme]
    base = colours[QPalette.ColorRole.Base]
    mid = colours[QPalette.ColorRole.Mid]
    midlight = colours[QPalette.ColorRole.Midlight]
    accent = colours[QPalette.ColorRole.Highlight]
    text = colours[QPalette.ColorRole.Text]
    window = colours[QPalette.ColorRole.Window]
    return {
        "inputs": """
    QLineEdit, QComboBox { padding: 3px 6px; }""",
        "search": f"""
    QLineEdit#search {{ padding: 6px 10px; border: 1px solid {mid}; border-radius: 6px;
        background: {base}; }}
    QLineEdit#search:focus {{ border: 1px solid {accent}; }}""",
        "drawers": f"""
    QToolButton[drawer="true"] {{ border: 1px solid transparent; border-radius: 5px;
        padding: 3px 4px; color: {text}; background: transparent; }}
    QToolButton[drawer="true"]:hover {{ background: {midlight}; }}
    QToolButton[drawer="true"]:checked {{ background: {accent}; color: #ffffff; }}""",
        "emptyCabinet": f"""
    QFrame#emptyCabinet {{ border: 1px solid {mid}; border-radius: 6px; background: {base}; }}""",
        "cardList": f"""
    QTableView#cardList {{ border: 1px solid {mid}; border-radius: 6px; background: {base}; }}
    QTableView#cardList::item {{ padding: 0 4px; }}""",
        "cardPanel": f"""
    QTabWidget#cardPanel::pane {{ border: 1px solid {mid}; border-radius: 6px;
        background: {base}; top: -1px; }}""",
        "splitter": f"""
    QSplitter::handle {{ background: {window}; }}""",
        "groups": f"""
    QGroupBox {{ font-weight: bold; border: 1px solid {midlight}; border-radius: 6px;
        margin-top: 12px; padding-top: 4px; }}
    QGroupBox::title {{ subcontrol-origin: margin; left: 10px; padding: 0 4px; }}
    """,
    }
