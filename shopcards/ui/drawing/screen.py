"""The prize drawing screen (owner only): pick a month, see its entries, draw, print.

Opening a month that has ended publishes its drawing notice (services.drawing_notice): the
entry list's SHA-256 and the commitment to the seed show before the draw, to print and put up
in the shop. Pressing Draw draws and saves the winner and alternates at once
(services.drawing.draw); the names then roll for a moment (skippable) before the winner is
shown with their card. A month
drawn before opens straight onto its result. "Next alternate" is for a winner who cannot be
reached; the drawing itself is never redone.

The main window opens it with :func:`open_drawing_screen`, which says why when the clerk
cannot.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from shopcards.core import phones
from shopcards.core.card import Card
from shopcards.core.card_fields import phone_label_shown
from shopcards.core.drawing import add_months, month_of
from shopcards.core.errors import ShopError
from shopcards.core.i18n import N_, _, format_locale
from shopcards.services import drawing, drawing_notice, drawing_proof, letter_setup
from shopcards.services.session import Session, require_owner
from shopcards.ui.drawing.log import DrawingLog
from shopcards.ui.drawing.roll import NameRoll
from shopcards.ui.drawing.texts import (
    count_text,
    entry_line,
    notice_proof,
    pick_text,
    result_proof,
)
from shopcards.ui.kit.dates import iso_date_time_text
from shopcards.ui.kit.error_dialog import open_screen
from shopcards.ui.kit.save_as import ask_save_path
from shopcards.ui.kit.theme import MARGIN, SPACING
from shopcards.ui.kit.widgets import MessageLabel, button, line_edit
from shopcards.ui.kit.window_fit import fit_to_screen

MONTHS_SHOWN = 24
"""How many months back the month list reaches."""
BEFORE_DRAW = N_("Press Draw to pick the winner.")


def open_drawing_screen(session: Session, parent: QWidget | None = None) -> DrawingScreen | None:
    """Open the drawing screen; the clerk is told it is the owner's, and gets None."""
    return open_screen(lambda: DrawingScreen(session, parent), parent)


class DrawingScreen(QDialog):
    """Month, entries, the draw and its result, the printouts, and the log."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        require_owner(session, _("open the prize drawing"))
        super().__init__(parent)
        self.session = session
        self.preview: drawing.Preview | None = None
        self._rolling_to: drawing.Drawing | None = None
        """The result the names are rolling towards (already saved)."""
        self.setWindowTitle(_("Prize drawing"))
        self.setAccessibleName(_("Prize drawing"))
        fit_to_screen(self, 960, 700)
        self._build()
        self._fill_months()
        self.month.currentIndexChanged.connect(self.show_month)
        self.show_month()

    @property
    def current_month(self) -> str:
        return str(self.month.currentData())

    # -- showing a month ------------------------------------------------------------------

    def show_month(self) -> None:
        """Show the chosen month: its entries, and its result if it was drawn."""
        self.message.clear()
        self._rolling_to = None
        self.roll.skip()
        try:
            preview = drawing.preview_drawing(self.session, self.current_month)
        except ShopError as exc:
            self.message.error(exc.message)
            return
        self.preview = preview
        name = drawing.month_name(self.session, preview.month)
        self.rules.setText(_("Rules: {rules}.", rules=preview.rules.describe()))
        self.entries.clear()
        self.entries.addItems([entry_line(line, self._locale) for line in preview.people])
        self.count.setText(count_text(preview, name, self._locale))
        if preview.drawing is not None:
            self._show_result(preview.drawing)
        else:
            self._show_undrawn(preview, name)
        self.log.refresh()

    def _show_undrawn(self, preview: drawing.Preview, name: str) -> None:
        self.status.setText(_("{month} has not been drawn yet. A month is drawn once.", month=name))
        self.roll.show_name(_(BEFORE_DRAW) if preview.entries else "")
        self.details.setText("")
        self.picks.setText("")
        self.proof.setText(self._notice_text(preview))
        self.draw_button.setEnabled(preview.entries > 0 and bool(self.proof.text()))
        self._show_drawn_parts(False)

    def _show_result(self, result: drawing.Drawing) -> None:
        when = iso_date_time_text(result.drawn_at, format_locale(self._locale))
        self.status.setText(_("Drawn on {when} by the {who}.", when=when, who=result.drawn_by))
        self.roll.show_name(result.winner.full_name if result.winner else _(drawing.ERASED))
        self.details.setText(self._card_text(result.winner))
        self.picks.setText("\n".join(pick_text(pick) for pick in result.picks))
        self.proof.setText(result_proof(result))
        self._show_drawn_parts(True)
        self.next_button.setEnabled(result.alternates_left > 0)
        printable = result.winner is not None
        self.letter_button.setEnabled(printable)
        self.notice_button.setEnabled(printable)

    def _notice_text(self, preview: drawing.Preview) -> str:
        """Publish the ended month's notice on first opening; what it binds the draw to."""
        if not preview.entries:
            return ""
        try:
            notice = drawing_notice.publish_notice(self.session, preview.month)
        except ShopError as exc:
            self.message.error(exc.message)
            return ""
        return notice_proof(notice)

    def _show_drawn_parts(self, drawn: bool) -> None:
        """Before the draw: the Draw button. After: the result, its actions and printouts."""
        self.draw_button.setVisible(not drawn)
        self.published_button.setVisible(not drawn)
        self.published_button.setEnabled(not drawn and bool(self.proof.text()))
        self.skip_button.setVisible(False)
        for part in self.after_draw:
            part.setVisible(drawn)

    # -- actions ---------------------------------------------------------------------------

    def draw(self) -> None:
        """Draw the month (saved at once), then roll the names before showing the winner."""
        try:
            result = drawing.draw(self.session, self.current_month)
        except ShopError as exc:
            self.message.error(exc.message)
            return
        self.draw_button.setVisible(False)
        self.skip_button.setVisible(True)
        self.skip_button.setFocus()
        names = [line.full_name for line in self.preview.people] if self.preview else []
        winner = result.winner.full_name if result.winner else _(drawing.ERASED)
        self._rolling_to = result
        self.roll.roll(names, winner)

    def skip(self) -> None:
        self.roll.skip()

    def _landed(self) -> None:
        result, self._rolling_to = self._rolling_to, None
        if result is None:  # another month was chosen while the names rolled
            return
        self._show_result(result)
        self.log.refresh()
        self.message.done(_("The winner is {name}. Congratulations!", name=self.roll.text()))

    def next_alternate(self) -> None:
        reason, ok = QInputDialog.getText(
            self, _("Next alternate"), _("Why can the winner not be reached? (kept in the log)")
        )
        if not ok:
            return
        try:
            result = drawing.next_alternate(self.session, self.current_month, reason)
        except ShopError as exc:
            self.message.error(exc.message)
            return
        self._show_result(result)
        self.log.refresh()
        self.message.done(
            _(
                "Alternate {place} is now the winner: {name}.",
                place=result.current.place,
                name=self.roll.text(),
            )
        )

    def check(self) -> None:
        """Replay the drawing from what was frozen with it, and say whether it matches."""
        try:
            report = drawing_proof.verify_drawing(self.session, self.current_month)
        except ShopError as exc:
            self.message.error(exc.message)
            return
        if report.ok:
            self.message.done(
                _(
                    "Verified: the entry list matches its SHA-256, the seed matches the "
                    "commitment published before the draw, and replaying it picks the same "
                    "winner and alternates."
                )
            )
        else:
            found = " ".join(
                _("{field}: {problem}", field=_(finding.field), problem=finding.text)
                for finding in report.findings
            )
            self.message.error(_("This drawing does NOT match: {findings}", findings=found))

    def print_letter(self, path: Path | None = None) -> None:
        """Save the winner's letter as a PDF (asks where, unless ``path`` is given)."""
        self._print(
            (_("Save the winner's letter"), _("Saved the winner's letter to {path}.")),
            "winner-letter",
            path,
            lambda out: drawing.print_winner_letter(
                self.session, self.current_month, out, self.prize.text()
            ),
        )

    def print_notice(self, path: Path | None = None) -> None:
        """Save the shop-window notice as a PDF (asks where, unless ``path`` is given)."""
        self._print(
            (_("Save the shop-window notice"), _("Saved the shop-window notice to {path}.")),
            "window-notice",
            path,
            lambda out: drawing.print_window_notice(self.session, self.current_month, out),
        )

    def print_published_notice(self, path: Path | None = None) -> None:
        """Save the notice to put up before the draw, with the commitment, as a PDF."""
        self._print(
            (_("Save the drawing notice"), _("Saved the drawing notice to {path}.")),
            "published-notice",
            path,
            lambda out: drawing_notice.print_published_notice(
                self.session, self.current_month, out
            ),
        )

    def _print(
        self,
        said: tuple[str, str],
        stem: str,
        path: Path | None,
        write: Callable[[Path], Path],
    ) -> None:
        """Ask where (``said``: the dialog's title, then what is said once saved, with its
        ``{path}``) and write the PDF there."""
        title, done = said
        path = path or ask_save_path(
            self,
            title,
            f"prize-drawing-{self.current_month}-{stem}.pdf",
            _("PDF files (*.pdf)"),
        )
        if path is None:
            return
        try:
            saved = write(path)
        except ShopError as exc:
            self.message.error(exc.message)
            return
        link = QUrl.fromLocalFile(str(saved)).toString()
        opening = _("Open it")
        self.message.done(f'{_(done, path=saved)} <a href="{link}">{opening}</a>')

    # -- building ------------------------------------------------------------------------

    @property
    def _locale(self) -> str:
        return self.session.settings.locale

    def _fill_months(self) -> None:
        this = month_of(self.session.today())
        for back in range(MONTHS_SHOWN):
            month = add_months(this, -back)
            self.month.addItem(drawing.month_name(self.session, month), month)
        self.month.setCurrentIndex(self.month.findData(drawing.default_month(self.session)))

    def _card_text(self, card: Card | None) -> str:
        if card is None:
            return _("The winner's card has been erased.")
        region = self.session.settings.region
        town = " ".join(p for p in (card.postcode, card.city) if p)
        lines = [
            _("Card {card}", card=card.card_no),
            ", ".join(p for p in (*card.address_lines, town, card.country) if p),
        ]
        lines += [
            phones.display(p.number, region)
            + (f"  ({phone_label_shown(p.label)})" if p.label else "")
            for p in card.phones
        ]
        lines.append(card.email)
        return "\n".join(line for line in lines if line)

    def _build(self) -> None:
        self.month = QComboBox()
        self.month.setAccessibleName(_("Month"))
        self.status = _label(_("Status"))
        top = QHBoxLayout()
        caption = QLabel(_("Month"))
        caption.setBuddy(self.month)
        top.addWidget(caption)
        top.addWidget(self.month)
        top.addSpacing(MARGIN)
        top.addWidget(self.status, 1)
        self.rules = _label(_("Rules"))
        self.message = MessageLabel()
        self.message.setOpenExternalLinks(True)

        tabs = QTabWidget()
        tabs.setAccessibleName(_("Drawing pages"))
        draw_page = QWidget()
        columns = QHBoxLayout(draw_page)
        columns.setSpacing(MARGIN)
        columns.addWidget(self._entries_box(), 2)
        columns.addWidget(self._result_box(), 3)
        tabs.addTab(draw_page, _("Draw"))
        self.log = DrawingLog(self.session)
        tabs.addTab(self.log, _("Log"))

        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setAccessibleName(_("Close"))
        close.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        layout.setSpacing(SPACING)
        layout.addLayout(top)
        layout.addWidget(self.rules)
        layout.addWidget(tabs, 1)
        layout.addWidget(self.message)
        layout.addWidget(close)

    def _entries_box(self) -> QGroupBox:
        box = QGroupBox(_("Entries"))
        self.count = _label(_("Number of entries"))
        self.entries = QListWidget()
        self.entries.setAccessibleName(_("Entries"))
        self.entries.setAlternatingRowColors(True)
        layout = QVBoxLayout(box)
        layout.addWidget(self.count)
        layout.addWidget(self.entries, 1)
        return box

    def _result_box(self) -> QGroupBox:
        box = QGroupBox(_("Winner"))
        self.roll = NameRoll()
        self.roll.finished.connect(self._landed)
        self.details = _label(_("Winner's card"))
        self.details.setTextInteractionFlags(self.details.textInteractionFlags() | _SELECTABLE)
        self.draw_button = _big_button(_("Draw"))
        self.draw_button.clicked.connect(self.draw)
        self.skip_button = _big_button(_("Skip"))
        self.skip_button.clicked.connect(self.skip)
        self.skip_button.setVisible(False)
        self.published_button = _action(
            _("Print the drawing notice…"), lambda: self.print_published_notice()
        )
        actions = QHBoxLayout()
        actions.addStretch(1)
        actions.addWidget(self.published_button)
        actions.addWidget(self.draw_button)
        actions.addWidget(self.skip_button)
        actions.addStretch(1)

        self.picks = _label(_("Winner and alternates"))
        self.picks.setContentsMargins(0, SPACING, 0, 0)
        self.next_button = _action(_("Next alternate…"), self.next_alternate)
        self.check_button = _action(_("Check the drawing"), self.check)
        self.prize = line_edit(_("Prize"))
        self.prize.setText(letter_setup.prize_words(self.session.settings))
        self.letter_button = _action(_("Print winner's letter…"), lambda: self.print_letter())
        self.notice_button = _action(_("Print shop-window notice…"), lambda: self.print_notice())
        prize_label = QLabel(_("Prize"))
        prize_label.setBuddy(self.prize)
        self.proof = _label(_("Proof"))
        self.proof.setTextInteractionFlags(_SELECTABLE)
        small = QFont(self.proof.font())
        small.setPointSizeF(small.pointSizeF() * 0.85)
        self.proof.setFont(small)

        # Word-wrapped labels go straight into the box's layout: inside a container widget
        # their height for the width is not passed up, and the alternates were cut off.
        self.after_draw = (
            self.details,
            self.picks,
            _row(self.next_button, self.check_button),
            _row(prize_label, self.prize, stretch=False),
            _row(self.letter_button, self.notice_button),
        )
        layout = QVBoxLayout(box)
        layout.setSpacing(SPACING)
        layout.addWidget(self.roll)
        layout.addLayout(actions)
        for part in self.after_draw:
            layout.addWidget(part)
        layout.addWidget(self.proof)  # before the draw too: the published commitment
        layout.addStretch(1)
        return box


# -- small helpers -------------------------------------------------------------------------

_SELECTABLE = Qt.TextInteractionFlag.TextSelectableByMouse


def _label(name: str) -> QLabel:
    label = QLabel()
    label.setAccessibleName(name)
    label.setWordWrap(True)
    return label


def _row(*widgets: QWidget, stretch: bool = True) -> QWidget:
    """Widgets side by side, left-aligned (the last one stretches when ``stretch`` is off)."""
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        layout.addWidget(widget)
    if stretch:
        layout.addStretch(1)
    return row


def _action(label: str, slot: Callable[[], None]) -> QPushButton:
    widget = button(label, label.rstrip("…"))
    widget.clicked.connect(slot)
    return widget


def _big_button(label: str) -> QPushButton:
    widget = button(label)
    widget.setMinimumSize(160, 40)
    font = QFont(widget.font())
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 1.25)
    widget.setFont(font)
    return widget
