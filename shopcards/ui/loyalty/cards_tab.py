"""The "Cards" tab: print loyalty cards for everyone with a card, one tier, or chosen card ids,
on a sheet of business-card blanks (from a chosen blank) or one per page.

Who gets a card is worked out first (services.loyalty_cards.plan_cards), and who is left out
is listed with the reason; the PDF is then drawn on a worker thread behind the shared progress
dialog, whose Cancel leaves no file.
"""

from __future__ import annotations

from pathlib import Path

from babel.numbers import format_decimal
from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from shopcards.core.errors import ShopError
from shopcards.core.i18n import N_, _, format_locale
from shopcards.core.printed import PrintResult
from shopcards.core.progress import CancelToken, Progress, worded
from shopcards.services import letter_selections, loyalty_cards, loyalty_tiers
from shopcards.services.exports import record_export
from shopcards.services.loyalty_cards import CardPlan, CardRequest
from shopcards.services.session import Session
from shopcards.ui.kit.background import run_in_background
from shopcards.ui.kit.save_as import ask_save_path
from shopcards.ui.kit.widgets import MessageLabel, button, line_edit

WHOSE, TIER, IDS, SHEET, START_AT = (
    N_("Whose cards"), N_("Tier"), N_("Card ids"), N_("Sheet"), N_("Start at")
)  # fmt: skip
"""The form's labels (in English: shown translated)."""
EVERYONE, BY_TIER, BY_IDS = "all", "tier", "ids"
"""Whose cards, as the choice keeps it."""


def field_names() -> dict[str, str]:
    """The labels of the fields a refusal may name, in the language in use."""
    return {"customers": _(WHOSE), "selection": _(WHOSE), "sheet": _(SHEET),
            "start_at": _(START_AT)}  # fmt: skip


class CardsTab(QWidget):
    """Whose cards, the sheet and where to start on it, Print cards…, and who was left out."""

    printed = Signal(object)
    """The PrintResult of a PDF just saved."""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.who = QComboBox()
        self.who.addItem(_("Everyone with a card"), EVERYONE)
        if any(kind.name == BY_TIER for kind in letter_selections.selection_kinds()):
            self.who.addItem(_("A tier"), BY_TIER)
        self.who.addItem(_("Chosen card ids"), BY_IDS)
        self.tier = QComboBox()
        self.tier.addItems([tier.name for tier in loyalty_tiers.tiers(session)])
        self.ids = line_edit(_(IDS), _("e.g. 12, 15, 40"))
        self.sheet = QComboBox()
        for key, name in loyalty_cards.card_sheets():
            self.sheet.addItem(name, key)
        self.start_at = QSpinBox()
        self.start_at.setRange(1, 99)
        self.print_button = button(_("Print cards…"))
        self.print_button.clicked.connect(lambda: self.print_cards())
        self.message = MessageLabel()
        self.message.setOpenExternalLinks(True)
        self.left_out = QListWidget()
        self.left_out.setAccessibleName(_("Left out"))
        self._lay_out()
        self.who.currentIndexChanged.connect(self._show_choice)
        self._show_choice()

    def _lay_out(self) -> None:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.rows: dict[str, tuple[QLabel, QWidget]] = {}
        for key, field in (
            (WHOSE, self.who),
            (TIER, self.tier),
            (IDS, self.ids),
            (SHEET, self.sheet),
            (START_AT, self.start_at),
        ):
            label = _(key)
            field.setAccessibleName(label)
            caption = QLabel(label)
            caption.setBuddy(field)
            form.addRow(caption, field)
            self.rows[key] = (caption, field)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.print_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.message)
        left_out = QLabel(_("<b>Left out</b> (no card printed for them)"))
        left_out.setWordWrap(True)
        layout.addWidget(left_out)
        layout.addWidget(self.left_out, 1)

    def _show_choice(self) -> None:
        chosen = self.who.currentData()
        for label, kind in ((TIER, "tier"), (IDS, "ids")):
            for widget in self.rows[label]:
                widget.setVisible(chosen == kind)

    def request(self) -> CardRequest:
        chosen = self.who.currentData()
        selection = {
            "all": "all",
            "tier": f"tier:{self.tier.currentText()}",
            "ids": f"ids:{self.ids.text()}",
        }[chosen]
        return CardRequest(
            selection=selection, sheet=self.sheet.currentData(), start_at=self.start_at.value()
        )

    def print_cards(self, out: Path | None = None) -> None:
        """Plan the cards, ask where to save them (unless ``out``), and draw them on a worker."""
        try:
            plan = loyalty_cards.plan_cards(self.session, self.request())
        except ShopError as exc:
            self.message.refusal(exc, field_names())
            return
        self._list_left_out(plan)
        if not plan.cards:
            self.message.error(_("Nobody to print a card for: {plan}.", plan=plan.summary()))
            return
        out = out or ask_save_path(
            self,
            _("Save the loyalty cards"),
            f"loyalty-cards-{self.session.today().isoformat()}.pdf",
            _("PDF files (*.pdf)"),
        )
        if out is None:
            return
        target = out

        def work(token: CancelToken) -> PrintResult:
            tick = worded(token, self._drawing)
            return loyalty_cards.write_cards(plan, target, progress=tick)

        self.print_button.setEnabled(False)
        self.task = run_in_background(
            self,
            _("Drawing the loyalty cards…"),
            work,
            lambda result: self._saved(plan, target, result),
            self._failed,
            on_cancelled=self._cancelled,
        )

    def _saved(self, plan: CardPlan, out: Path, result: PrintResult) -> None:
        self.print_button.setEnabled(True)
        record_export(self.session, "loyalty cards", out, len(plan.cards))
        link = QUrl.fromLocalFile(str(out)).toString()
        self.message.done(
            _(
                '{plan}: saved to {path}. <a href="{link}">Open it</a>',
                plan=plan.summary(),
                path=out,
                link=link,
            )
        )
        self.printed.emit(result)

    def _failed(self, exc: BaseException) -> None:
        self.print_button.setEnabled(True)
        if isinstance(exc, ShopError):
            self.message.refusal(exc, field_names())
        else:
            self.message.error(_("The cards could not be drawn: {reason}", reason=exc))

    def _cancelled(self) -> None:
        self.print_button.setEnabled(True)
        self.message.error(_("Cancelled: no file was saved."))

    def _list_left_out(self, plan: CardPlan) -> None:
        self.left_out.clear()
        for entry in plan.skipped:
            if entry.card_no:
                said = _(
                    "{name} ({card_no}): {reason}",
                    name=entry.name,
                    card_no=entry.card_no,
                    reason=entry.reason,
                )
            else:
                said = _("{name}: {reason}", name=entry.name, reason=entry.reason)
            self.left_out.addItem(said)

    def _drawing(self, step: Progress) -> str:
        """The progress line while the cards are drawn."""
        locale = format_locale(self.session.settings.locale)
        return _(
            "Drawing card {done} of {total}…",
            done=format_decimal(step.done, locale=locale),
            total=format_decimal(step.total, locale=locale),
        )
