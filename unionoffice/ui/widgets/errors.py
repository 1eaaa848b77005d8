"""What the clerk sees when something goes wrong, and the crash log behind it.

Two kinds of error reach the UI:

- ``UserError`` (and its subclasses ``StoreError``, ``FileInUseError``...): a refused operation or
  bad input. Its text is already Chinese and says what to fix, so it is shown as a plain warning.
- anything else is a bug: the full traceback goes to a rotating log file in the user's log folder
  and the clerk gets a calm message that names the log and says her data is safe. The program
  keeps running.

``install_excepthook()`` routes uncaught exceptions (including those raised inside Qt slots, which
PySide6 hands to ``sys.excepthook``, and those of ``threading`` threads) through ``handle``.
Dialogs are always shown on the GUI thread.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType
from typing import Callable

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from ... import logs
from ...core.errors import UserError

LOG_FILE_NAME = "unionoffice.log"
LOG_MAX_BYTES = 1_000_000
LOG_BACKUPS = 5

_logger = logging.getLogger("unionoffice.crash")
_state: dict = {"log_path": None, "handler": None, "bridge": None, "showing": False}


# ------------------------------------------------------------------------- log file
def default_log_path() -> Path:
    """The program's log (shared with the CLI, see ``unionoffice.logs``) in the user log folder."""
    return logs.log_file()


def setup_logging(log_path: Path | None = None) -> Path:
    """Send crash reports to ``log_path`` (default: the program log). Returns the path.

    The default shares the one rotating handler of ``unionoffice.logs`` (two handlers rotating
    the same file would trip over each other on Windows); another path gets its own handler.
    """
    path = Path(log_path) if log_path else default_log_path()
    if _state["log_path"] == path:
        return path
    _drop_handler()
    if path == default_log_path():
        logs.get_logger()
        _logger.propagate = True  # "unionoffice.crash" → the "unionoffice" logger's handler
    else:
        _attach_own_handler(path)
    _state["log_path"] = path
    return path


def _attach_own_handler(path: Path) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = RotatingFileHandler(
            path, maxBytes=LOG_MAX_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8"
        )
    except OSError:
        handler = logging.StreamHandler(sys.stderr)  # read-only profile: at least say it on stderr
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    _logger.addHandler(handler)
    _logger.setLevel(logging.INFO)
    _logger.propagate = False
    _state["handler"] = handler


def log_path() -> Path:
    """Where the crash log is (sets up the default log on first use)."""
    return _state["log_path"] or setup_logging()


def _drop_handler() -> None:
    handler = _state["handler"]
    if handler is not None:
        _logger.removeHandler(handler)
        handler.close()
    _state["log_path"], _state["handler"] = None, None


def log_exception(exc: BaseException, where: str = "") -> Path:
    """Write ``exc`` with its full traceback to the crash log; returns the log path."""
    path = log_path()
    text = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    _logger.error("未处理的异常%s\n%s", f"（{where}）" if where else "", text)
    for handler in (*_logger.handlers, *logging.getLogger("unionoffice").handlers):
        handler.flush()
    return path


# ---------------------------------------------------------------------- messages
def unexpected_message(path: Path) -> str:
    return f"程序遇到意外错误，已记录到日志：{path}。您的数据未受影响，可以继续使用。"


def show_user_error(parent: QWidget | None, err: BaseException, title: str = "无法完成操作") -> None:
    """Show a ``UserError`` (or any message-bearing error) as a plain Chinese warning."""
    QMessageBox.warning(_parent_or_active(parent), title, str(err) or "操作未能完成。")


def show_unexpected(parent: QWidget | None, path: Path) -> None:
    QMessageBox.critical(_parent_or_active(parent), "意外错误", unexpected_message(path))


def report_exception(exc: BaseException, parent: QWidget | None = None, where: str = "") -> None:
    """Show ``exc`` the way the clerk should see it; unexpected ones are logged first.

    Must be called on the GUI thread (use ``handle`` from elsewhere).
    """
    if isinstance(exc, UserError):
        show_user_error(parent, exc)
        return
    path = log_exception(exc, where)
    if _state["showing"]:  # an error while a dialog is up (e.g. in a repaint): log only
        return
    _state["showing"] = True
    try:
        show_unexpected(parent, path)
    finally:
        _state["showing"] = False


def _parent_or_active(parent: QWidget | None) -> QWidget | None:
    if parent is not None:
        return parent
    app = QApplication.instance()
    return app.activeWindow() if isinstance(app, QApplication) else None


# ------------------------------------------------------------------------- hooks
class _Bridge(QObject):
    """Lives on the GUI thread; exceptions from other threads are queued to it."""

    raised = Signal(object, str)

    def __init__(self) -> None:
        super().__init__()
        self.raised.connect(self._show, Qt.ConnectionType.AutoConnection)

    @Slot(object, str)
    def _show(self, exc: BaseException, where: str) -> None:
        report_exception(exc, None, where)


def handle(exc: BaseException, where: str = "") -> None:
    """Report ``exc`` from any thread: logged at once, shown on the GUI thread."""
    bridge = _state["bridge"]
    if bridge is None or QApplication.instance() is None:
        if not isinstance(exc, UserError):
            log_exception(exc, where)
        traceback.print_exception(type(exc), exc, exc.__traceback__)
        return
    bridge.raised.emit(exc, where)


def _sys_hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    if exc.__traceback__ is None:
        exc = exc.with_traceback(tb)
    handle(exc)


def _thread_hook(args: threading.ExceptHookArgs) -> None:
    if args.exc_value is None or issubclass(args.exc_type, SystemExit):
        return
    name = args.thread.name if args.thread is not None else "?"
    handle(args.exc_value, f"线程 {name}")


def install_excepthook(log_file: Path | None = None) -> Callable[[], None]:
    """Route uncaught exceptions to the log and a dialog. Returns a function that undoes it.

    Call after the QApplication exists (the bridge object must live on the GUI thread).
    """
    setup_logging(log_file)
    previous = (sys.excepthook, threading.excepthook)
    _state["bridge"] = _Bridge()
    sys.excepthook = _sys_hook
    threading.excepthook = _thread_hook

    def uninstall() -> None:
        sys.excepthook, threading.excepthook = previous
        bridge, _state["bridge"] = _state["bridge"], None
        if bridge is not None:
            bridge.deleteLater()

    return uninstall
