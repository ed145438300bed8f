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
from shopcards.core.drawing import add_months, month_of
from shopcards.core.errors import ShopError
from shopcards.services import drawing, drawing_notice, drawing_proof
from shopcards.services.session import Session, require_owner
from shopcards.ui.drawing.log import DrawingLog
from shopcards.ui.drawing.roll import NameRoll
from shopcards.ui.kit.dates import iso_date_time_text
from shopcards.ui.kit.error_dialog import open_screen
from shopcards.ui.kit.save_as import ask_save_path
from shopcards.ui.kit.theme import MARGIN, SPACING
from shopcards.ui.kit.widgets import MessageLabel, button, line_edit
from shopcards.ui.kit.window_fit import fit_to_screen

MONTHS_SHOWN = 24
"""How many months back the month list reaches."""
BEFORE_DRAW = "Press Draw to pick the winner."


def open_drawing_screen(session: Session, parent: QWidget | None = None) -> DrawingScreen | None:
    """Open the drawing screen; the clerk is told it is the owner's, and gets None."""
    return open_screen(lambda: DrawingScreen(session, parent), parent)


class DrawingScreen(QDialog):
    """Month, entries, the draw and its result, the printouts, and the log."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        require_owner(session, "open the prize drawing")
        super().__init__(parent)
        self.session = session
        self.preview: drawing.Preview | None = None
        self._rolling_to: drawing.Drawing | None = None
        """The result the names are rolling towards (already saved)."""
        self.setWindowTitle("Prize drawing")
        self.setAccessibleName("Prize drawing")
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
        self.rules.setText(f"Rules: {preview.rules.describe()}.")
        self.entries.clear()
        for line in preview.people:
            extra = f"  ·  {line.chances} entries" if line.chances > 1 else ""
            card = f"  ·  card {line.card_no}" if line.card_no else ""
            self.entries.addItem(f"{line.name}{card}{extra}")
        self.count.setText(_count_text(preview, name))
        if preview.drawing is not None:
            self._show_result(preview.drawing)
        else:
            self._show_undrawn(preview, name)
        self.log.refresh()

    def _show_undrawn(self, preview: drawing.Preview, name: str) -> None:
        self.status.setText(f"{name} has not been drawn yet. A month is drawn once.")
        self.roll.show_name(BEFORE_DRAW if preview.entries else "")
        self.details.setText("")
        self.picks.setText("")
        self.proof.setText(self._notice_text(preview))
        self.draw_button.setEnabled(preview.entries > 0 and bool(self.proof.text()))
        self._show_drawn_parts(False)

    def _show_result(self, result: drawing.Drawing) -> None:
        when = iso_date_time_text(result.drawn_at, self._locale)
        self.status.setText(f"Drawn on {when} by the {result.drawn_by}.")
        self.roll.show_name(result.winner.full_name if result.winner else drawing.ERASED)
        self.details.setText(self._card_text(result.winner))
        self.picks.setText("\n".join(_pick_text(pick) for pick in result.picks))
        self.proof.setText(
            f"Entry list SHA-256: {result.entries_sha256}\n"
            f"Commitment published before the draw: {result.commitment or '—'}\n"
            f"Seed: {result.seed_hex}"
        )
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
        return (
            "Drawing notice published — put it up in the shop before the draw:\n"
            f"Entry list SHA-256: {notice.entries_sha256}\n"
            f"Commitment to the seed: {notice.commitment}"
        )

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
        winner = result.winner.full_name if result.winner else drawing.ERASED
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
        self.message.done(f"The winner is {self.roll.text()}. Congratulations!")

    def next_alternate(self) -> None:
        reason, ok = QInputDialog.getText(
            self, "Next alternate", "Why can the winner not be reached? (kept in the log)"
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
            f"Alternate {result.current.place} is now the winner: {self.roll.text()}."
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
                "Verified: the entry list matches its SHA-256, the seed matches the commitment "
                "published before the draw, and replaying it picks the same winner and alternates."
            )
        else:
            self.message.error(
                "This drawing does NOT match: "
                + " ".join(f"{finding.field}: {finding.text}" for finding in report.findings)
            )

    def print_letter(self, path: Path | None = None) -> None:
        """Save the winner's letter as a PDF (asks where, unless ``path`` is given)."""
        self._print(
            "the winner's letter",
            "winner-letter",
            path,
            lambda out: drawing.print_winner_letter(
                self.session, self.current_month, out, self.prize.text()
            ),
        )

    def print_notice(self, path: Path | None = None) -> None:
        """Save the shop-window notice as a PDF (asks where, unless ``path`` is given)."""
        self._print(
            "the shop-window notice",
            "window-notice",
            path,
            lambda out: drawing.print_window_notice(self.session, self.current_month, out),
        )

    def print_published_notice(self, path: Path | None = None) -> None:
        """Save the notice to put up before the draw, with the commitment, as a PDF."""
        self._print(
            "the drawing notice",
            "published-notice",
            path,
            lambda out: drawing_notice.print_published_notice(
                self.session, self.current_month, out
            ),
        )

    def _print(
        self, what: str, stem: str, path: Path | None, write: Callable[[Path], Path]
    ) -> None:
        path = path or ask_save_path(
            self,
            f"Save {what}",
            f"prize-drawing-{self.current_month}-{stem}.pdf",
            "PDF files (*.pdf)",
        )
        if path is None:
            return
        try:
            saved = write(path)
        except ShopError as exc:
            self.message.error(exc.message)
            return
        link = QUrl.fromLocalFile(str(saved)).toString()
        self.message.done(f'Saved {what} to {saved}. <a href="{link}">Open it</a>')

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
            return "The winner's card has been erased."
        region = self.session.settings.region
        town = " ".join(p for p in (card.postcode, card.city) if p)
        lines = [
            f"Card {card.card_no}",
            ", ".join(p for p in (*card.address_lines, town, card.country) if p),
        ]
        lines += [
            phones.display(p.number, region) + (f"  ({p.label})" if p.label else "")
            for p in card.phones
        ]
        lines.append(card.email)
        return "\n".join(line for line in lines if line)

    def _build(self) -> None:
        self.month = QComboBox()
        self.month.setAccessibleName("Month")
        self.status = _label("Status")
        top = QHBoxLayout()
        caption = QLabel("Month")
        caption.setBuddy(self.month)
        top.addWidget(caption)
        top.addWidget(self.month)
        top.addSpacing(MARGIN)
        top.addWidget(self.status, 1)
        self.rules = _label("Rules")
        self.message = MessageLabel()
        self.message.setOpenExternalLinks(True)

        tabs = QTabWidget()
        tabs.setAccessibleName("Drawing pages")
        draw_page = QWidget()
        columns = QHBoxLayout(draw_page)
        columns.setSpacing(MARGIN)
        columns.addWidget(self._entries_box(), 2)
        columns.addWidget(self._result_box(), 3)
        tabs.addTab(draw_page, "Draw")
        self.log = DrawingLog(self.session)
        tabs.addTab(self.log, "Log")

        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setAccessibleName("Close")
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
        box = QGroupBox("Entries")
        self.count = _label("Number of entries")
        self.entries = QListWidget()
        self.entries.setAccessibleName("Entries")
        self.entries.setAlternatingRowColors(True)
        layout = QVBoxLayout(box)
        layout.addWidget(self.count)
        layout.addWidget(self.entries, 1)
        return box

    def _result_box(self) -> QGroupBox:
        box = QGroupBox("Winner")
        self.roll = NameRoll()
        self.roll.finished.connect(self._landed)
        self.details = _label("Winner's card")
        self.details.setTextInteractionFlags(self.details.textInteractionFlags() | _SELECTABLE)
        self.draw_button = _big_button("Draw")
        self.draw_button.clicked.connect(self.draw)
        self.skip_button = _big_button("Skip")
        self.skip_button.clicked.connect(self.skip)
        self.skip_button.setVisible(False)
        self.published_button = _action(
            "Print the drawing notice…", lambda: self.print_published_notice()
        )
        actions = QHBoxLayout()
        actions.addStretch(1)
        actions.addWidget(self.published_button)
        actions.addWidget(self.draw_button)
        actions.addWidget(self.skip_button)
        actions.addStretch(1)

        self.picks = _label("Winner and alternates")
        self.picks.setContentsMargins(0, SPACING, 0, 0)
        self.next_button = _action("Next alternate…", self.next_alternate)
        self.check_button = _action("Check the drawing", self.check)
        self.prize = line_edit("Prize")
        self.prize.setText(self.session.settings.drawing_prize)
        self.letter_button = _action("Print winner's letter…", lambda: self.print_letter())
        self.notice_button = _action("Print shop-window notice…", lambda: self.print_notice())
        prize_label = QLabel("Prize")
        prize_label.setBuddy(self.prize)
        self.proof = _label("Proof")
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


def _count_text(preview: drawing.Preview, name: str) -> str:
    if not preview.people:
        return f"Nobody has entered the {name} drawing."
    people = len(preview.people)
    customers = "1 customer" if people == 1 else f"{people} customers"
    entries = "1 entry" if preview.entries == 1 else f"{preview.entries} entries"
    frozen = " (as frozen at the draw)" if preview.drawing else ""
    return f"{entries} from {customers}{frozen}"


def _pick_text(pick: drawing.Pick) -> str:
    who = f"{pick.name} (card {pick.card_no})" if pick.card_no else pick.name
    if pick.place == 0:
        place = "Winner" if pick.status == "winner" else "Drawn first"
    else:
        place = f"Alternate {pick.place}"
    if pick.status == "not reached":
        return f"{place}: {who} — not reached" + (f" ({pick.reason})" if pick.reason else "")
    if pick.status == "winner" and pick.place:
        return f"{place}: {who} — the winner now"
    return f"{place}: {who}"
