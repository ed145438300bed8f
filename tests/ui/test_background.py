"""Slow work off the window's thread: the result reaches the window, or nowhere once it closed."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from shopcards.core.progress import CancelToken
from shopcards.ui.kit.background import run_in_background


def test_the_result_reaches_the_window_that_asked(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    got: list[int] = []
    task = run_in_background(window, "Adding up…", lambda _p: 6 * 7, got.append)
    with qtbot.waitSignal(task.done, timeout=5000):
        pass
    assert got == [42]


def test_closing_the_window_while_the_work_runs_drops_the_result_quietly(qtbot: QtBot) -> None:
    window = QWidget()
    go_on = threading.Event()
    got: list[int] = []

    def slow(_progress: CancelToken) -> int:
        go_on.wait(5)
        return 42

    task = run_in_background(window, "Adding up…", slow, got.append)
    window.deleteLater()
    qtbot.waitUntil(lambda: not _alive(window), timeout=5000)
    go_on.set()
    with qtbot.waitSignal(task.done, timeout=5000):
        pass
    assert got == [] and not task.running


def _alive(widget: QWidget) -> bool:
    from shiboken6 import isValid

    return bool(isValid(widget))
