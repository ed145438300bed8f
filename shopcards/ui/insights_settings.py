"""The owner's thresholds for insights: when a customer counts as lapsed or former, where the
segments split (the median unless the owner says otherwise), and the hold-out share."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from shopcards.core.errors import ShopError
from shopcards.core.money import NotAnAmount, format_for_typing, parse_amount
from shopcards.services import insights
from shopcards.services.session import Session
from shopcards.ui.theme import MARGIN, SPACING
from shopcards.ui.till_widgets import MessageLabel, line_edit

MEDIAN = "the median"
FIELD_NAMES = {
    "lapsed_months": "Lapsed after",
    "former_months": "Former after",
    "regular_visits": "Regular: more visits than",
    "heavy_spend": "Heavy: more spend than",
    "holdout_share": "Hold back from letters",
}


class ThresholdsDialog(QDialog):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        settings = session.settings
        self.setWindowTitle("Insights thresholds")
        self.setAccessibleName("Insights thresholds")
        self.setMinimumWidth(460)
        self.lapsed = _spin("Lapsed after", 1, 60, " months", settings.lapsed_months)
        self.former = QComboBox()
        self.former.setAccessibleName("Former after")
        for months in insights.FORMER_MONTHS:
            self.former.addItem(f"{months} months", months)
        self.former.setCurrentIndex(self.former.findData(settings.former_months))
        self.visits = _spin(
            "Regular: more visits than",
            -1,
            366,
            " visits",
            -1 if settings.regular_visits is None else settings.regular_visits,
        )
        self.visits.setSpecialValueText(MEDIAN)
        self.spend = line_edit("Heavy: more spend than", MEDIAN)
        if settings.heavy_spend is not None:
            self.spend.setText(
                format_for_typing(settings.heavy_spend, settings.locale, settings.currency)
            )
        self.holdout = _spin(
            "Hold back from letters", 0, 50, " %", round(settings.holdout_share * 100)
        )
        self.message = MessageLabel()
        self._layout()

    def save(self) -> None:
        settings = self.session.settings
        spend: int | None = None
        if self.spend.text().strip():
            try:
                spend = parse_amount(self.spend.text(), settings.locale, settings.currency)
            except NotAnAmount as exc:
                self.message.error(f"{FIELD_NAMES['heavy_spend']}: {exc}")
                return
        try:
            insights.save_thresholds(
                self.session,
                lapsed_months=self.lapsed.value(),
                former_months=int(self.former.currentData()),
                regular_visits=None if self.visits.value() < 0 else self.visits.value(),
                heavy_spend=spend,
                holdout_share=self.holdout.value() / 100,
            )
        except ShopError as exc:
            self.message.refusal(exc, FIELD_NAMES)
        else:
            self.accept()

    def _layout(self) -> None:
        intro = QLabel(
            "Segments split regular from infrequent customers by their visits in the "
            "last 12 months, and heavy from light by their spend. Left at “the "
            "median”, each splits the active customers about in half."
        )
        intro.setWordWrap(True)
        form = QFormLayout()
        form.setSpacing(SPACING)
        for widget in (self.lapsed, self.former, self.visits, self.spend, self.holdout):
            form.addRow(widget.accessibleName(), widget)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setAccessibleName("Save")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName("Cancel")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(MARGIN * 2, MARGIN * 2, MARGIN * 2, MARGIN * 2)
        layout.setSpacing(SPACING * 2)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)


def _spin(name: str, lowest: int, highest: int, suffix: str, value: int) -> QSpinBox:
    spin = QSpinBox()
    spin.setAccessibleName(name)
    spin.setRange(lowest, highest)
    spin.setSuffix(suffix)
    spin.setValue(value)
    return spin
