"""Automatic backups while the window is open: one when a file is opened, then daily.

The copy and its integrity check run on a plain thread with its own connection (SQLite does the
work without holding the GIL), so a 100,000-member office does not freeze the window for the
second the check takes. The result comes back to the GUI thread through a queued Qt signal. A
copy that fails its check because the database itself is damaged is reported as
``DamagedFileError`` — the main window then offers the newest good backup.
"""

from __future__ import annotations

import threading
from datetime import datetime

from PySide6.QtCore import QObject, QTimer, Signal

from ...core.store.backup import auto_backup, auto_backup_due
from ...core.store.connection import Store

CHECK_EVERY_MS = 60 * 60 * 1000  # hourly look; a backup is made once per calendar day


class AutoBackup(QObject):
    succeeded = Signal(object)  # AutoBackupResult
    failed = Signal(object)  # the exception

    def __init__(self, store_of, parent: QObject | None = None):
        """``store_of()`` returns the window's current store (it changes when files switch)."""
        super().__init__(parent)
        self._store_of = store_of
        self._thread: threading.Thread | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_EVERY_MS)
        self.timer.timeout.connect(self.run_if_due)

    def start(self) -> None:
        """Back up now (the file was just opened) and look again every hour."""
        self.timer.start()
        self.run_now()

    def stop(self, wait_seconds: float = 30.0) -> None:
        self.timer.stop()
        self.wait(wait_seconds)

    def busy(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def wait(self, seconds: float = 30.0) -> bool:
        if self._thread is not None:
            self._thread.join(seconds)
        return not self.busy()

    def run_if_due(self) -> bool:
        store = self._store_of()
        if store is None or store.conn is None or self.busy():
            return False
        if not auto_backup_due(store, datetime.now()):
            return False
        return self.run_now()

    def run_now(self) -> bool:
        store = self._store_of()
        if store is None or store.conn is None or self.busy():
            return False
        self._thread = threading.Thread(target=self._work, args=(store,), name="auto-backup", daemon=True)
        self._thread.start()
        return True

    def _work(self, store: Store) -> None:
        try:
            worker = store.open_worker()
        except BaseException as exc:  # noqa: BLE001 - reported on the GUI thread
            self.failed.emit(exc)
            return
        try:
            result = auto_backup(worker)
        except BaseException as exc:  # noqa: BLE001
            self.failed.emit(exc)
        else:
            self.succeeded.emit(result)
        finally:
            worker.close()
