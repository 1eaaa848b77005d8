"""A lock file beside the database so that two program instances never write the same file.

The lock is an OS-level lock (``fcntl.flock`` / ``msvcrt.locking``) on ``<db>.lock``: the operating
system drops it when the process dies, so a crash never leaves the file locked for good. The lock
file also records who holds it, so the second instance can tell the clerk who has the file open.

On Windows a byte-range lock is mandatory: nobody else can even read the locked bytes. So the
lock covers one byte far past the end of the file (Windows allows locking beyond the end) and the
holder's name lives at the start, where the second instance can read it.
"""

from __future__ import annotations

import getpass
import json
import os
import socket
import sys
from datetime import datetime
from pathlib import Path

from ..errors import FileInUseError, StoreError, os_reason

# The locked byte on Windows: well past the few hundred bytes of holder text at the start.
LOCK_OFFSET = 1 << 30


def lock_path_for(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".lock")


class FileLock:
    def __init__(self, path: Path, handle):
        self.path = path
        self._handle = handle

    @classmethod
    def acquire(cls, db_path: Path) -> "FileLock":
        path = lock_path_for(db_path)
        try:
            # owner-only, like the database: it names who has the office file open
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_APPEND, 0o600)
            handle = os.fdopen(fd, "a+", encoding="utf-8")
        except OSError as exc:
            raise StoreError(f"无法在 {path.parent} 创建锁文件（{os_reason(exc)}），请检查文件夹是否只读") from exc
        if not _try_lock(handle):
            holder = _read_holder(path)
            handle.close()
            raise FileInUseError(f"数据库文件 {db_path.name} 正在被使用：{holder}。请先关闭那个窗口再打开。")
        _write_holder(handle)
        return cls(path, handle)

    @staticmethod
    def holder_if_held(db_path: Path) -> str | None:
        """Who holds the lock of ``db_path`` (as told to the clerk), or None when it is free.

        Probes with a shared lock taken and dropped at once, so it never keeps anyone out; a
        missing lock file means nobody has ever opened the file.
        """
        path = lock_path_for(db_path)
        try:
            fd = os.open(path, os.O_RDONLY)
        except OSError:
            return None
        with os.fdopen(fd, "r", encoding="utf-8") as handle:
            if _try_lock(handle, shared=True):
                _unlock(handle)
                return None
        return _read_holder(path)

    def release(self) -> None:
        if self._handle is None:
            return
        try:
            self._handle.seek(0)
            self._handle.truncate()
            _unlock(self._handle)
        finally:
            # The empty file stays: unlinking it could let two instances lock two different
            # files of the same name.
            self._handle.close()
            self._handle = None


def _holder_info() -> dict:
    try:
        user = getpass.getuser()
    except Exception:  # no login name on this account
        user = "未知用户"
    return {
        "user": user,
        "host": socket.gethostname(),
        "pid": os.getpid(),
        "since": datetime.now().strftime("%Y-%m-%d %H:%M"),
    }


def _write_holder(handle) -> None:
    handle.seek(0)
    handle.truncate()
    handle.write(json.dumps(_holder_info(), ensure_ascii=False))
    handle.flush()


def _read_holder(path: Path) -> str:
    try:
        info = json.loads(path.read_text(encoding="utf-8") or "{}")
    except (OSError, ValueError):
        info = {}
    if not info:
        return "另一个程序窗口"
    return f"{info.get('user', '?')}@{info.get('host', '?')}（进程 {info.get('pid', '?')}，自 {info.get('since', '?')} 起）"


if sys.platform == "win32":  # pragma: no cover - exercised on the Windows build
    import msvcrt

    def _try_lock(handle, shared: bool = False) -> bool:
        # msvcrt has no shared lock: a probe (shared) takes the byte and gives it back at once.
        # msvcrt locks from the descriptor's position; the text layer re-seeks before it writes
        handle.flush()
        os.lseek(handle.fileno(), LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False
        finally:
            handle.seek(0)

    def _unlock(handle) -> None:
        handle.flush()
        os.lseek(handle.fileno(), LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
        except OSError:
            pass

else:
    import fcntl

    def _try_lock(handle, shared: bool = False) -> bool:
        try:
            fcntl.flock(handle.fileno(), (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)
            return True
        except OSError:
            return False

    def _unlock(handle) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
