"""The open card's "Everything we keep…" (owner): the customer's data as a PDF to hand them
and a JSON file beside it, under names that say whose they are, suggested in Documents."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QPushButton

from shopcards.core.errors import ShopError
from shopcards.core.i18n import N_, _
from shopcards.services import subject_access
from shopcards.services.session import Session
from shopcards.ui.cabinet.main_window import MainWindow

LABEL = N_("Everything we keep…")


class EverythingButton(QPushButton):
    """Writes everything kept about the open card's customer (see :meth:`save`)."""

    def __init__(
        self, window: MainWindow, session: Session, owner_mode: Callable[[], bool]
    ) -> None:
        super().__init__(_(LABEL))
        self.setAccessibleName(_(LABEL))
        self.setAutoDefault(False)
        self.window_ = window
        self.session = session
        self.owner_mode = owner_mode
        self.clicked.connect(lambda: self.save())

    def save(self, out: Path | None = None) -> tuple[Path, Path] | None:
        """Ask the owner's PIN if need be, then where to save the PDF; the JSON file goes
        beside it with the same name. Returns both paths, or None if nothing was written."""
        from shopcards.ui.kit.error_dialog import show_error
        from shopcards.ui.kit.save_as import ask_save_path

        card = self.window_.current_card
        if card is None or card.id is None or not self.owner_mode():
            return None
        if out is None:
            out = ask_save_path(
                self.window_,
                _("Everything we keep about this customer"),
                _("everything we keep - card {number}.pdf", number=card.card_no),
                _("PDF (*.pdf)"),
            )
            if out is None:
                return None
        pdf, data = out.with_suffix(".pdf"), out.with_suffix(".json")
        try:
            subject_access.write(self.session, card.id, pdf, data)
        except ShopError as exc:
            show_error(self.window_, exc)
            return None
        self.window_.statusBar().showMessage(
            _(
                "Saved everything we keep about {name}: {pdf} (to print or send them) and "
                "{data} beside it (the same, for another program).",
                name=card.full_name or card.card_no,
                pdf=pdf,
                data=data.name,
            )
        )
        return pdf, data
