"""The open card's consents, each with when, how and by whom it was given, and a one-click
"Withdraw" beside each "yes": a customer who asks at the till not to be called any more is
answered there and then, by the clerk as well as the owner.

:func:`add_consent_tools` puts the block on the card view and "Everything we keep…" among the
card's buttons (ui/card/access_dialog.py), both following the open card.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QSizePolicy, QWidget

from shopcards.core.card import Card, Consent
from shopcards.core.consent import Channel, describe, value_of
from shopcards.core.errors import ShopError
from shopcards.core.i18n import N_, _
from shopcards.services import consents
from shopcards.services.session import Session
from shopcards.ui.cabinet.main_window import MainWindow
from shopcards.ui.kit.card_words import FIELD_LABELS
from shopcards.ui.kit.theme import SPACING
from shopcards.ui.kit.widgets import button

WITHDRAW = {
    Channel.POST: N_("Withdraw post"),
    Channel.PHONE: N_("Withdraw phone"),
    Channel.EMAIL: N_("Withdraw e-mail"),
}
"""Each button says which consent it withdraws (its accessible name is the same words)."""


class ConsentBlock(QWidget):
    """Post, phone and e-mail: the value, since when, how and by whom; Withdraw beside a yes."""

    def __init__(
        self,
        session: Session,
        open_card: Callable[[], Card | None],
        withdrawn: Callable[[int], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.open_card = open_card
        self.withdrawn = withdrawn
        self.card: Card | None = None
        self.setAccessibleName(_("May contact"))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setVerticalSpacing(SPACING // 2)
        self.lines: dict[Channel, QLabel] = {}
        self.buttons: dict[Channel, QPushButton] = {}
        for row, channel in enumerate(Channel):
            line = QLabel()
            line.setAccessibleName(_(FIELD_LABELS[f"consent_{channel.value}"]))
            line.setWordWrap(True)
            line.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
            withdraw = button(_(WITHDRAW[channel]))
            withdraw.clicked.connect(lambda _checked=False, c=channel: self.withdraw(c))
            grid.addWidget(line, 2 * row, 0, 1, 2)  # the whole width: the card pane is narrow
            grid.addWidget(withdraw, 2 * row + 1, 0)
            self.lines[channel], self.buttons[channel] = line, withdraw
        grid.setColumnStretch(1, 1)

    def show_customer(self, _card_id: object = None) -> None:
        """Show the consents of the open card (the one the window has just read)."""
        self.card = self.open_card()
        latest = consents.latest(self.session, self.card.id) if self.card and self.card.id else {}
        for channel in Channel:
            value = value_of(self.card, channel) if self.card else Consent.NOT_ASKED
            self.lines[channel].setText(describe(channel, value, latest.get(channel)))
            self.buttons[channel].setVisible(value is Consent.YES)

    def withdraw(self, channel: Channel) -> None:
        """Set the channel to "no" at once, recorded as asked in person, and show the card."""
        if self.card is None or self.card.id is None:
            return
        try:
            consents.withdraw(self.session, self.card.id, channel)
        except ShopError as exc:
            from shopcards.ui.kit.error_dialog import show_error

            show_error(self, exc)
            return
        self.withdrawn(self.card.id)


def add_consent_tools(
    window: MainWindow, session: Session, owner_mode: Callable[[], bool]
) -> ConsentBlock:
    """The consent block on the open card, and its "Everything we keep…" button (owner: asks
    for the PIN through ``owner_mode``)."""
    from shopcards.ui.card.access_dialog import EverythingButton

    def reopen(_card_id: int) -> None:
        window.refresh()  # the card read again: its new version, and the block with it
        window.statusBar().showMessage(_("Consent withdrawn; the card records when and by whom."))

    block = ConsentBlock(session, lambda: window.current_card, reopen)
    window.card_view.put_consents(block)
    window.currentCardChanged.connect(block.show_customer)
    window.card_view.add_button(EverythingButton(window, session, owner_mode))
    return block
