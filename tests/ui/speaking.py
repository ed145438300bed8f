"""Opening a screen in another language: Finnish words, or Hebrew with the window mirrored
as the real program mirrors it (ui/kit/language.py), and English back after the test."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from shopcards.core import i18n
from shopcards.services import catalogues


@contextmanager
def speaking(code: str) -> Iterator[None]:
    """The window's words in ``code`` (and right to left for Hebrew) within the block."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    catalogues.start(code)
    if i18n.right_to_left():
        app.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    try:
        yield
    finally:
        i18n.use(i18n.ENGLISH)
        app.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
