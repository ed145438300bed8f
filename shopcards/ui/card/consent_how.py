"""The card form's "How they told us": asked when an edit changes a consent, so the record says
how the customer gave or withdrew it (core.consent.How). Offered only while a consent differs
from the stored card; it starts on the likely answer: the owner's form, the till's slip."""

from __future__ import annotations

from typing import cast

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QWidget

from shopcards.core.card import Card
from shopcards.core.consent import ASKED_HOW, Channel, How, value_of
from shopcards.core.i18n import N_, _
from shopcards.core.roles import Role
from shopcards.ui.card.fields import CardFields

LABEL = N_("How they told us")


class HowChoice(QComboBox):
    """How the consents changed in this edit were given; enabled while one is changed."""

    def __init__(self, fields: CardFields, card: Card, role: Role) -> None:
        super().__init__()
        self.setAccessibleName(_(LABEL))
        for how in ASKED_HOW:
            self.addItem(_(how.label).capitalize(), how.value)
        likely = How.FORM if role is Role.OWNER else How.TILL_SLIP
        self.setCurrentIndex(self.findData(likely.value))
        self.fields = fields
        self.card = card
        for channel in Channel:
            self._consent(channel).currentIndexChanged.connect(self._follow)
        self._place()
        self._follow()

    def how(self) -> How:
        return How(str(self.currentData()))

    def _follow(self) -> None:
        self.setEnabled(
            any(self._consent(c).currentData() != value_of(self.card, c).value for c in Channel)
        )

    def _consent(self, channel: Channel) -> QComboBox:
        return cast(QComboBox, self.fields.inputs[f"consent_{channel.value}"])

    def _place(self) -> None:
        """Under the e-mail consent, in the same group of the form."""
        cell = self._consent(Channel.EMAIL).parentWidget()
        group = cell.parentWidget() if cell is not None else None
        assert cell is not None and group is not None  # CardFields puts each input in a cell
        form = cast(QFormLayout, group.layout())
        at = cast(tuple[int, QFormLayout.ItemRole], form.getWidgetPosition(cell))
        label = QLabel(_(LABEL))
        label.setBuddy(self)
        form.insertRow(at[0] + 1, label, self)
        QWidget.setTabOrder(self._consent(Channel.EMAIL), self)  # Tab comes here next
