"""Slow work off the window's thread: one wrapper for letter batches, imports, backups, demos
and printing.

Like Anki's ``QueryOp``: the operation is a plain function that gets a
:class:`~shopcards.core.progress.CancelToken` and returns a result; it must not touch widgets.
``on_success`` and ``on_failure`` run back on the window's thread. A progress dialog appears
if the work takes longer than a moment and shows each :class:`~shopcards.core.progress.Progress`
the operation reports through the token; its Cancel button cancels the token, and the operation
stops at its next report or ``check()`` by raising :class:`~shopcards.core.errors.Cancelled`
(its transaction then rolls back, so nothing is left half-written).

The operation should open its own session on the card file when it writes a lot, so the
window's connection stays free for reading.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QPushButton, QWidget
from shiboken6 import isValid

from shopcards.core.errors import Cancelled
from shopcards.core.i18n import N_, _
from shopcards.core.progress import CancelToken, Progress

T = TypeVar("T")
log = logging.getLogger(__name__)
SHOW_AFTER_MS = 400
"""Work that finishes sooner than this shows no progress dialog at all."""
UNDOING = N_("Cancelling… the work done so far is being undone.")
"""What the dialog says once Cancel was pressed, unless the caller says otherwise."""


_UNDER_WAY: set[BackgroundTask[Any]] = set()


class _Worker(QThread):
    """Runs the operation on its own thread and reports back through queued signals."""

    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(self, op: Callable[[CancelToken], Any]) -> None:
        super().__init__()
        self._op = op
        self.token = CancelToken(self._emit)

    def _emit(self, step: Progress) -> None:
        self.progressed.emit(step.done, step.total, step.what)

    def run(self) -> None:
        try:
            result = self._op(self.token)
        except BaseException as exc:  # every failure goes back to the window, never lost
            self.failed.emit(exc)
        else:
            self.succeeded.emit(result)


class BackgroundTask(QObject, Generic[T]):
    """One piece of slow work under way. Use :func:`run_in_background` to start one."""

    done = Signal()
    """Emitted on the window's thread after the success, failure or cancel callback ran."""

    def __init__(
        self,
        parent: QWidget,
        label: str,
        op: Callable[[CancelToken], T],
        on_success: Callable[[T], None],
        on_failure: Callable[[BaseException], None] | None = None,
        on_cancelled: Callable[[], None] | None = None,
        cancellable: bool = True,
        cancelling: str = UNDOING,
    ) -> None:
        super().__init__()  # no Qt parent: Python keeps it while the work is under way
        self._parent = parent
        self._on_success = on_success
        self._on_failure = on_failure
        self._on_cancelled = on_cancelled
        self._cancelling = cancelling
        self._worker = _Worker(op)
        self.token = self._worker.token
        self.reached = Progress(0)
        """The last step the work reported (e.g. how many pages went before a Cancel)."""
        self.dialog = self._progress_dialog(parent, label, cancellable)
        self._worker.progressed.connect(self._show_progress)
        self._worker.succeeded.connect(self._succeeded)
        self._worker.failed.connect(self._failed)
        # the thread's own end comes after the result: only then may the task go
        self._worker.finished.connect(self._thread_ended)
        self.running = True

    def start(self) -> None:
        _UNDER_WAY.add(self)  # kept until the thread has ended, whether the caller keeps it or not
        self._worker.start()

    def _thread_ended(self) -> None:
        self._worker.wait()  # "finished" comes just before the thread has quite stopped
        _UNDER_WAY.discard(self)

    def _progress_dialog(self, parent: QWidget, label: str, cancellable: bool) -> QProgressDialog:
        dialog = QProgressDialog(label, "", 0, 0, parent)
        dialog.setWindowTitle(label.rstrip("…. "))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(SHOW_AFTER_MS)
        dialog.setMinimumWidth(420)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setAccessibleName(dialog.windowTitle())
        cancel = QPushButton(_("Cancel")) if cancellable else None
        if cancel is not None:
            cancel.setAccessibleName(cancel.text())
        dialog.setCancelButton(cancel)
        dialog.canceled.connect(self._cancel)
        dialog.setValue(0)
        return dialog

    def _cancel(self) -> None:
        if self.running:
            self.token.cancel()
            self.dialog.setLabelText(_(self._cancelling))

            self.dialog.show()

    def _show_progress(self, done: int, total: int, text: str) -> None:
        self.reached = Progress(done, total, text)
        if text:
            self.dialog.setLabelText(text)
        self.dialog.setMaximum(max(total, 0))
        if total:
            self.dialog.setValue(min(done, total))

    def _succeeded(self, result: T) -> None:
        self._finish()
        if self._parent_alive():
            self._on_success(result)
        self.done.emit()

    def _failed(self, exc: BaseException) -> None:
        self._finish()
        if not self._parent_alive():
            log.info("background work ended after its window closed", exc_info=exc)
        elif isinstance(exc, Cancelled):
            if self._on_cancelled is not None:
                self._on_cancelled()
        elif self._on_failure is not None:
            self._on_failure(exc)
        else:
            log.error("background work failed", exc_info=exc)
            from shopcards.ui.kit.error_dialog import show_error  # rarely needed: not at start

            show_error(self._parent, exc)
        self.done.emit()

    def _finish(self) -> None:
        self.running = False
        if isValid(self.dialog):  # gone with its window when that was closed first
            self.dialog.canceled.disconnect(self._cancel)
            self.dialog.close()
            self.dialog.deleteLater()

    def _parent_alive(self) -> bool:
        """False when the window that asked was closed while the work ran: the result then
        has nowhere to go (the work itself finished, or rolled back, as it would anyway)."""
        return isValid(self._parent)


def run_in_background(
    parent: QWidget,
    label: str,
    op: Callable[[CancelToken], T],
    on_success: Callable[[T], None],
    on_failure: Callable[[BaseException], None] | None = None,
    *,
    on_cancelled: Callable[[], None] | None = None,
    cancellable: bool = True,
    cancelling: str = UNDOING,
) -> BackgroundTask[T]:
    """Run ``op(token)`` on a worker thread with a progress dialog over ``parent``.

    Without ``on_failure`` a failure shows the error dialog. Returns the task (its ``done``
    signal fires when every callback has run; tests wait on it).
    """
    task: BackgroundTask[T] = BackgroundTask(
        parent, label, op, on_success, on_failure, on_cancelled, cancellable, cancelling
    )
    task.start()
    return task
