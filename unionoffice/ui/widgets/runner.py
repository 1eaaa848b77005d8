"""Long work off the UI thread, with a progress dialog the clerk can cancel.

Usage::

    def work(progress):                       # runs on a worker thread
        for i, row in enumerate(rows):
            progress(i, len(rows), f"正在导入第 {i + 1} 行")   # raises Cancelled after 取消
            ...
        return summary                          # handed to on_success on the GUI thread

    op = Operation(parent, "导入会员", work, on_success=lambda summary: ...)
    op.start()

- ``progress(done, total, text="")`` updates the dialog (``total == 0`` shows a busy bar) and
  raises ``Cancelled`` once the clerk has pressed 取消. Call it often; it is cheap (updates are
  throttled) and it is the only place a cancel can take effect.
- The function must not touch widgets. If it **writes**, it must use its own connection: wrap it
  with ``with_worker_store(store, fn)`` (``fn(worker_store, progress)``), which opens
  ``store.open_worker()`` and closes it afterwards, and do all writes inside one
  ``worker_store.atomic()`` so a cancel or an error rolls everything back — cancelling never
  leaves half the work done. Read-only work (export, printing) may do the same, to keep its reads
  off the UI's connection.
- When it ends, exactly one of the signals ``succeeded(result)``, ``cancelled()`` or
  ``failed(exc)`` is emitted, then ``finished()``. A ``UserError`` is shown to the clerk as a
  plain warning; any other exception is logged and reported as an unexpected error. Pass
  ``show_errors=False`` to handle ``failed`` yourself.
"""

from __future__ import annotations

import time
import threading
from typing import Any, Callable, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, QThread, Qt, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from ...core.errors import UserError
from . import errors

T = TypeVar("T")
Progress = Callable[..., None]

THROTTLE_SECONDS = 0.05
SHOW_AFTER_MS = 400

_active: set["Operation"] = set()


class Cancelled(Exception):
    """Raised by ``progress()`` inside the job after the clerk pressed 取消."""


def with_worker_store(store, fn: Callable[[Any, Progress], T]) -> Callable[[Progress], T]:
    """Wrap ``fn(worker_store, progress)`` so it runs on its own connection to ``store``'s file."""

    def job(progress: Progress) -> T:
        worker = store.open_worker()
        try:
            return fn(worker, progress)
        finally:
            worker.close()

    return job


def active_operations() -> list["Operation"]:
    """Operations still running (the main window refuses to switch files while any are)."""
    return list(_active)


def cancel_all(wait_ms: int = 5000) -> None:
    """Ask every running operation to stop and wait for its thread (used when quitting)."""
    for op in list(_active):
        op.cancel()
        if op.wait(wait_ms):
            QCoreApplication.sendPostedEvents(op)  # deliver its last signal now


class _Worker(QObject):
    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    cancelled = Signal()
    failed = Signal(object)

    def __init__(self, fn: Callable[[Progress], Any]):
        super().__init__()
        self._fn = fn
        self._cancel = threading.Event()
        self._last_emit = 0.0

    def request_cancel(self) -> None:
        self._cancel.set()

    def cancel_requested(self) -> bool:
        return self._cancel.is_set()

    def progress(self, done: int, total: int = 0, text: str = "") -> None:
        if self._cancel.is_set():
            raise Cancelled()
        now = time.monotonic()
        if now - self._last_emit >= THROTTLE_SECONDS or (total and done >= total):
            self._last_emit = now
            self.progressed.emit(int(done), int(total), str(text))

    @Slot()
    def run(self) -> None:
        try:
            result = self._fn(self.progress)
        except Cancelled:
            self.cancelled.emit()
        except BaseException as exc:  # noqa: BLE001 - reported on the GUI thread
            self.failed.emit(exc)
        else:
            self.succeeded.emit(result)  # done before noticing a late 取消: the work stands
        finally:
            QThread.currentThread().quit()  # the thread ends with the job


class Operation(QObject):
    """One background job with its progress dialog. Create, connect, ``start()``."""

    progressed = Signal(int, int, str)  # done, total, text — as the job reported them
    succeeded = Signal(object)
    cancelled = Signal()
    failed = Signal(object)
    finished = Signal()

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        fn: Callable[[Progress], Any],
        *,
        label: str = "",
        on_success: Callable[[Any], None] | None = None,
        show_errors: bool = True,
        cancellable: bool = True,
    ):
        super().__init__(parent)
        self.title = title
        self.state = "ready"  # ready → running → succeeded | cancelled | failed
        self.result: Any = None
        self.error: BaseException | None = None
        self._parent_widget = parent
        self._show_errors = show_errors
        self._worker = _Worker(fn)
        self._thread = QThread()
        self._thread.setObjectName(f"op:{title}")
        self._dialog = self._make_dialog(parent, title, label or f"正在{title}…", cancellable)
        if on_success is not None:
            self.succeeded.connect(on_success)

    # ------------------------------------------------------------------ public
    @property
    def dialog(self) -> QProgressDialog:
        return self._dialog

    def start(self) -> "Operation":
        if self.state != "ready":
            raise RuntimeError("an Operation runs once")
        self.state = "running"
        _active.add(self)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.progressed.connect(self._on_progress)
        self._worker.succeeded.connect(self._on_succeeded)
        self._worker.cancelled.connect(self._on_cancelled)
        self._worker.failed.connect(self._on_failed)
        self._thread.start()
        return self

    def cancel(self) -> None:
        """Ask the job to stop at its next ``progress()`` call."""
        if self.state == "running":
            self._worker.request_cancel()
            self._dialog.setLabelText("正在取消，请稍候…")
            self._dialog.setCancelButton(None)

    def wait(self, ms: int = 5000) -> bool:
        return self._thread.wait(ms) if self._thread.isRunning() else True

    def is_running(self) -> bool:
        return self.state == "running"

    # --------------------------------------------------------------- internals
    def _make_dialog(self, parent, title, label, cancellable) -> QProgressDialog:
        dialog = QProgressDialog(label, "取消" if cancellable else None, 0, 0, parent)
        dialog.setWindowTitle(title)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(SHOW_AFTER_MS)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumWidth(360)
        dialog.canceled.connect(self.cancel)
        return dialog

    @Slot(int, int, str)
    def _on_progress(self, done: int, total: int, text: str) -> None:
        if self.state != "running":
            return
        if total > 0:
            self._dialog.setMaximum(total)
            self._dialog.setValue(min(done, total))
        else:
            self._dialog.setMaximum(0)
            self._dialog.setValue(0)
        if text and not self._worker.cancel_requested():
            self._dialog.setLabelText(text)
        self.progressed.emit(done, total, text)

    @Slot(object)
    def _on_succeeded(self, result: Any) -> None:
        self.result = result
        self._end("succeeded")
        self.succeeded.emit(result)
        self.finished.emit()

    @Slot()
    def _on_cancelled(self) -> None:
        self._end("cancelled")
        self.cancelled.emit()
        self.finished.emit()

    @Slot(object)
    def _on_failed(self, exc: BaseException) -> None:
        self.error = exc
        self._end("failed")
        if self._show_errors:
            if isinstance(exc, UserError):
                errors.show_user_error(self._parent_widget, exc, f"{self.title}未完成")
            else:
                errors.report_exception(exc, self._parent_widget, self.title)
        self.failed.emit(exc)
        self.finished.emit()

    def _end(self, state: str) -> None:
        self.state = state
        self._thread.quit()
        self._thread.wait()
        self._dialog.reset()
        self._dialog.hide()
        self._dialog.deleteLater()
        _active.discard(self)
