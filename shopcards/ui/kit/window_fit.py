"""Every top-level window fits the screen it opens on, frame and title bar included, and takes
its dialogs with it when it closes.

A shop's back-office PC may have a 1024×768 screen: a window asking for more than the screen
has would put its buttons or its status bar out of reach. Screens call :func:`fit_to_screen`
with the size they would like instead of ``resize``; the composition root calls
:func:`keep_on_screen` after restoring a geometry saved on a larger screen.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QWidget

FRAME = QSize(16, 40)
"""Room for the window manager's borders and title bar, unknown until the window first shows."""


def available_area(window: QWidget) -> QRect:
    """The part of the screen ``window`` opens on (its parent's screen) that windows may use."""
    parent = window.parentWidget()
    anchor = parent.window() if parent is not None else window
    screen = anchor.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def fit_to_screen(window: QWidget, width: int, height: int) -> None:
    """Size ``window`` to ``width``×``height`` or to what the screen has room for, whichever
    is smaller, and centre it on that screen (a dialog is left to Qt, which centres it over
    its parent and keeps it on the screen)."""
    area = available_area(window)
    size = QSize(width, height).boundedTo(area.size() - FRAME)
    window.resize(size.expandedTo(window.minimumSize()))
    if not isinstance(window, QDialog):
        _centre(window, area)


def keep_on_screen(window: QWidget) -> None:
    """Shrink and move ``window`` (e.g. a geometry restored from a larger screen) onto the
    screen's available area; a window that already fits is left where it is."""
    if window.isMaximized() or window.isFullScreen():
        return  # the window manager fits those to the screen itself
    area = available_area(window)
    room = area.size() - FRAME
    if window.width() > room.width() or window.height() > room.height():
        fit_to_screen(window, window.width(), window.height())
    elif not area.contains(window.frameGeometry()):
        _centre(window, area)


def _centre(window: QWidget, area: QRect) -> None:
    outer = window.size() + FRAME
    window.move(
        area.x() + max(0, (area.width() - outer.width()) // 2),
        area.y() + max(0, (area.height() - outer.height()) // 2),
    )


def close_its_dialogs(window: QWidget) -> None:
    """Hide every dialog still open over ``window``, which is closing.

    Qt hides a closed window's child widgets but not its child windows: a dialog left open
    would outlive its window, over nothing, keep the program running and, modal, block every
    later dialog. Hidden, not answered: no "finished" reaches code that would act on the
    closing window (a dialog in ``exec`` returns as if cancelled)."""
    for dialog in window.findChildren(QDialog):
        if dialog.isVisible():
            dialog.hide()
