"""Offering a demo shop on an empty first start, built in the background with a progress bar.

The demo goes into its own card file beside the shop's (``demo-shop.db``), so the shop's real
file stays empty and clean; the window then switches to the demo file.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from babel.numbers import format_decimal
from PySide6.QtWidgets import QWidget

from shopcards.core.card import CardQuery
from shopcards.core.i18n import _, format_locale
from shopcards.core.progress import CancelToken, Progress, worded
from shopcards.services import auth, cards, demo
from shopcards.services.opening import open_session
from shopcards.ui.kit.background import run_in_background

DEMO_FILE_NAME = "demo-shop.db"
DEMO_CUSTOMERS = 3000
DEMO_SEED = 1


def demo_path(card_file: Path) -> Path:
    return card_file.parent / DEMO_FILE_NAME


def build_demo_file(path: Path, progress: CancelToken) -> Path:
    """Fill the demo card file at ``path`` unless it already holds a shop; returns ``path``.

    Runs on a worker thread with its own connection. A new file has no owner's PIN yet, so the
    demo may be built in owner mode; a demo file that has been given a PIN refuses.
    """
    session = open_session(path)
    try:
        if cards.count_cards(session, CardQuery()) > 0:
            return path
        auth.become_owner(session, "")
        progress(Progress(0, DEMO_CUSTOMERS, _("Making up a demo shop…")))
        locale = format_locale(session.settings.locale)
        report = worded(
            progress,
            lambda s: _(
                "Making up a demo shop… {done} of {total} cards",
                done=format_decimal(s.done, locale=locale),
                total=format_decimal(s.total, locale=locale),
            ),
        )
        demo.build_demo(session, DEMO_CUSTOMERS, DEMO_SEED, progress=report)
    finally:
        session.close()
    return path


def open_demo_shop(parent: QWidget, card_file: Path, open_file: Callable[[Path], None]) -> None:
    """Build (or reuse) the demo card file beside ``card_file``, then ``open_file`` it."""
    path = demo_path(card_file)
    run_in_background(
        parent,
        _("Making up a demo shop…"),
        lambda progress: build_demo_file(path, progress),
        open_file,
    )
