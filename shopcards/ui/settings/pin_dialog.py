"""Owner mode: setting the PIN on first start, asking for it, and dropping back to clerk mode.

The window opens in clerk mode. :func:`ask_for_owner_mode` asks for the PIN (or, on a card
file without one, has the owner set it first); :class:`OwnerIdleGuard` returns the desk to
clerk mode when nobody has touched keyboard or mouse for the shop's ``owner_idle_minutes``.
The services refuse owner-only work in clerk mode whatever the window shows.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from shopcards.core.errors import PermissionDenied, ValidationError
from shopcards.core.i18n import N_, _
from shopcards.core.roles import Role
from shopcards.services import auth
from shopcards.services.session import Session
from shopcards.ui.kit.theme import MARGIN, SPACING
from shopcards.ui.kit.widgets import MessageLabel, ok_cancel

FIRST_START = N_(
    "Set the owner's PIN. The program opens in clerk mode; the PIN switches to owner "
    "mode, which can archive cards, void older purchases, see the shop's totals, "
    "export, run the drawing and change settings. The PIN has at least 6 digits (or is a "
    "passphrase of 12 characters or more); only a scrambled form of it is kept."
)
_ACTIVITY = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.Wheel,
    QEvent.Type.MouseMove,
}


class _PinForm(QDialog):
    """A small form of password fields with a red message line and OK/Cancel."""

    def __init__(self, title: str, intro: str, ok_label: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setMinimumWidth(420)
        self.setMaximumWidth(560)  # a long intro wraps instead of stretching the dialog
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(MARGIN * 2, MARGIN * 2, MARGIN * 2, MARGIN * 2)
        self._layout.setSpacing(SPACING * 2)
        if intro:
            text = QLabel(intro)
            text.setWordWrap(True)
            self._layout.addWidget(text)
        self._form = QFormLayout()
        self._layout.addLayout(self._form)
        self.message = MessageLabel()
        self._layout.addWidget(self.message)
        self.buttons = ok_cancel(ok_label, self._try_filled, self.reject)
        self._layout.addWidget(self.buttons)
        self._fields: list[tuple[str, QLineEdit]] = []

    def pin_field(self, label: str, missing: str) -> QLineEdit:
        """A password field; the first one has the focus, and Tab goes field by field, then to
        the buttons (they were made first, so by default Tab would reach them first).
        ``missing`` is said when it is left empty."""
        field = QLineEdit()
        field.setEchoMode(QLineEdit.EchoMode.Password)
        field.setAccessibleName(label)
        self._form.addRow(label, field)
        if self._fields:
            QWidget.setTabOrder(self._fields[-1][1], field)
        else:
            field.setFocus()
        QWidget.setTabOrder(field, self.buttons)
        self._fields.append((missing, field))
        return field

    def sizeHint(self) -> QSize:
        """As tall as the intro needs at the width the dialog gets: its maximum can make it
        narrower than the intro asked for, and the height must follow that width (in Finnish
        a line was cut off at the top and the bottom)."""
        hint = super().sizeHint()
        width = min(hint.width(), self.maximumWidth())
        return QSize(width, max(hint.height(), self._layout.totalHeightForWidth(width)))

    def say(self, text: str) -> None:
        self.message.error(text)
        self.adjustSize()  # grow with a message that wraps, not squeeze the text above it

    def _try_filled(self) -> None:
        """An empty field is never sent on: a PIN not typed is not a wrong PIN to count."""
        for missing, field in self._fields:
            if not field.text():
                self.say(missing)
                field.setFocus()
                return
        self._try()

    def _try(self) -> None:
        raise NotImplementedError


class SetPinDialog(_PinForm):
    """Set the PIN (first start), or change it (owner mode, with the current PIN)."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        self.session = session
        changing = auth.pin_is_set(session)
        super().__init__(
            _("Change the owner's PIN") if changing else _("Set the owner's PIN"),
            "" if changing else _(FIRST_START),
            _("Set PIN"),
            parent,
        )
        self.current = (
            self.pin_field(_("Current PIN"), _("Type the current PIN.")) if changing else None
        )
        self.new = self.pin_field(_("New PIN"), _("Type the new PIN."))
        self.again = self.pin_field(_("New PIN again"), _("Type the new PIN again."))

    def _try(self) -> None:
        if self.new.text() != self.again.text():
            self.say(_("The two new PINs are not the same."))
            self.again.clear()
            self.again.setFocus()
            return
        try:
            auth.set_pin(
                self.session,
                self.new.text(),
                self.current.text() if self.current is not None else None,
            )
        except ValidationError as exc:
            self.say(exc.fields.get("pin", exc.message))
            self.new.setFocus()
        except PermissionDenied as exc:
            self.say(exc.message)
        else:
            self.accept()


class PinDialog(_PinForm):
    """Ask for the PIN; on the right one the session is in owner mode and the dialog closes."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(_("Owner mode"), "", _("Switch to owner mode"), parent)
        self.session = session
        self.pin = self.pin_field(_("PIN"), _("Type the PIN."))

    def _try(self) -> None:
        try:
            reminder = auth.become_owner(self.session, self.pin.text())
        except PermissionDenied as exc:
            self.say(exc.message)
            self.pin.clear()
            self.pin.setFocus()
        else:
            if reminder:  # an old short PIN still opens; the owner is asked for a longer one
                QMessageBox.information(self, _("Choose a longer PIN"), reminder)

            self.accept()


def ask_for_owner_mode(session: Session, parent: QWidget | None = None) -> bool:
    """Switch to owner mode through the PIN (set first if there is none); True on success."""
    if session.role is Role.OWNER:
        return True
    accepted = QDialog.DialogCode.Accepted
    if not auth.pin_is_set(session) and SetPinDialog(session, parent).exec() != accepted:
        return False
    return PinDialog(session, parent).exec() == QDialog.DialogCode.Accepted


def ask_for_first_pin(session: Session, parent: QWidget | None = None) -> None:
    """On a card file without a PIN, ask the owner to set one (they may put it off)."""
    if not auth.pin_is_set(session):
        SetPinDialog(session, parent).exec()


class OwnerIdleGuard(QObject):
    """Back to clerk mode after ``owner_idle_minutes`` without a key press or mouse move.

    Watches the whole application, so any window of shopcards counts as activity.
    """

    roleChanged = Signal(str)
    """Emitted with "clerk" when owner mode timed out (and with "owner" by :meth:`started`)."""

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._timed_out)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def started(self) -> None:
        """Call after switching to owner mode: the idle clock starts now."""
        self.timer.start(self._interval_ms())
        self.roleChanged.emit(Role.OWNER.value)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY and self.timer.isActive():
            self.timer.start(self._interval_ms())
        return False

    def _interval_ms(self) -> int:
        return max(1, int(self.session.settings.owner_idle_minutes * 60_000))

    def _timed_out(self) -> None:
        if self.session.role is Role.OWNER:
            auth.become_clerk(self.session)
            self.roleChanged.emit(Role.CLERK.value)
