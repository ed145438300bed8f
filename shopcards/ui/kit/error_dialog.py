"""The error dialog: what went wrong in words for a person, and the details for whoever helps.

Expected failures (ShopError) show their own message; anything else is a bug, shown with an
apology, the program's version and the traceback behind "Show details", with "Copy details"
so the shop owner can paste it into an e-mail (as calibre does). Something only the owner may
do (PermissionDenied) is no fault at all: it is said plainly, without details or versions.
"""

from __future__ import annotations

import platform
import traceback
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QSysInfo, Qt
from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from shopcards import __version__
from shopcards.core.errors import PermissionDenied, ShopError
from shopcards.core.i18n import N_, _
from shopcards.ui.kit.theme import MARGIN, SPACING

UNEXPECTED = N_(
    "Something went wrong that shopcards did not expect. Your card file is safe: every change "
    "is saved whole or not at all. If it happens again, press “Copy details” and send them to "
    "whoever looks after this computer."
)
OWNER_ONLY = N_("Owner only")


class ErrorDialog(QDialog):
    """A message, and the technical details folded away under "Show details" (none: just
    the message and Close)."""

    def __init__(
        self, title: str, message: str, details: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setMinimumWidth(480)
        self.details_text = details
        icon = QLabel()
        kind = QStyle.StandardPixmap
        symbol = kind.SP_MessageBoxWarning if details else kind.SP_MessageBoxInformation
        icon.setPixmap(self.style().standardIcon(symbol).pixmap(40, 40))
        self.message = QLabel(message)
        self.message.setWordWrap(True)
        self.message.setAccessibleName(_("Message"))
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details = QPlainTextEdit(details)
        self.details.setReadOnly(True)
        self.details.setAccessibleName(_("Details"))
        self.details.setVisible(False)
        self.details.setMinimumHeight(180)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setAccessibleName(close.text().replace("&", ""))
        self.toggle = _button(_("Show details"), self._toggle_details)
        buttons.addButton(self.toggle, QDialogButtonBox.ButtonRole.ActionRole)
        copy = _button(_("Copy details"), self.copy_details)
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        version = QLabel(_("shopcards {version}", version=__version__))
        version.setAccessibleName(_("Version"))
        version.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        for extra in (self.toggle, copy, version):
            extra.setVisible(bool(details))
        text = QVBoxLayout()
        text.setSpacing(SPACING)
        text.addWidget(self.message)
        text.addWidget(version)
        top = QHBoxLayout()
        top.setSpacing(MARGIN)
        top.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        top.addLayout(text, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(MARGIN * 2, MARGIN * 2, MARGIN * 2, MARGIN)
        layout.setSpacing(SPACING * 2)
        layout.addLayout(top)
        layout.addWidget(self.details)
        layout.addWidget(buttons)
        close.setDefault(True)

    def copy_details(self) -> None:
        report = f"{self.windowTitle()}\n{self.message.text()}\n\n{self.details_text}"
        QGuiApplication.clipboard().setText(report)

    def _toggle_details(self) -> None:
        showing = not self.details.isVisible()
        self.details.setVisible(showing)
        self.toggle.setText(_("Hide details") if showing else _("Show details"))
        self.toggle.setAccessibleName(self.toggle.text())
        self.adjustSize()


def error_dialog(parent: QWidget | None, exc: BaseException) -> ErrorDialog:
    """The dialog for ``exc``: its own message if expected, an apology and traceback if not."""
    if isinstance(exc, PermissionDenied):
        return ErrorDialog(_(OWNER_ONLY), exc.message, "", parent)
    if isinstance(exc, ShopError):
        details = exc.details or ""
        return ErrorDialog("shopcards", exc.message, _with_versions(details), parent)
    trace = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    return ErrorDialog(
        _("shopcards: unexpected error"), _(UNEXPECTED), _with_versions(trace), parent
    )


def show_error(parent: QWidget | None, exc: BaseException) -> None:
    """Show the error dialog for ``exc`` and wait until it is closed."""
    error_dialog(parent, exc).exec()


Screen = TypeVar("Screen", bound=QWidget)


def open_screen(make: Callable[[], Screen], parent: QWidget | None) -> Screen | None:
    """Build and show a screen; one that refuses to open (an owner's screen at a clerk's desk
    raises PermissionDenied while it is built) says why, and gives None."""
    try:
        screen = make()
    except ShopError as exc:
        show_error(parent, exc)
        return None
    screen.show()
    return screen


def _with_versions(details: str) -> str:
    from PySide6 import __version__ as pyside_version

    versions = (
        f"shopcards {__version__}, Python {platform.python_version()}, "
        f"PySide6 {pyside_version}, {QSysInfo.prettyProductName()}"
    )
    return f"{versions}\n\n{details}".rstrip()


def _button(label: str, slot: Callable[[], None]) -> QPushButton:
    button = QPushButton(label)
    button.setAccessibleName(label)
    button.setAutoDefault(False)
    button.clicked.connect(slot)
    return button
