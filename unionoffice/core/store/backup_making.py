"""Making one backup: a consistent, verified, private copy of the open database and its attachments.

The copy is made with SQLite's online backup API (safe while the file is open and in WAL mode)
under a ``.part`` name, checked by reopening it (``PRAGMA integrity_check``), and renamed only
when whole and once the attachment files it refers to are secured (``backup_attachments``).
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from . import driver
from .driver import sqlite
from . import backup_attachments as files
from .paths import attachments_dir_for
from ..errors import StoreError, os_reason
from .connection import Store
from .outfile import PRIVATE_MODE, make_private
from .sqlite_errors import SQLITE_FULL, DamagedFileError
from .backup_folders import backup_folder
from .backup_listing import STAMP_FORMAT, verify

STALE_PART_SECONDS = 3600  # a .part file this old belongs to a backup that was killed


@dataclass
class BackupResult:
    path: Path
    files: files.SecureResult

    def lines(self) -> list[str]:
        return [f"已备份到 {self.path}", *self.files.lines()]

    def raise_for_files(self) -> None:
        """The database copy is made; if attachments could not be written, the clerk must know."""
        if self.files.error:
            raise StoreError(f"数据库已备份到 {self.path}，但{self.files.error}")


def make_backup(store: Store, to_dir: str | Path | None = None, *, label: str = "",
                when: datetime | None = None) -> Path:
    """``backup_office`` for callers that need only the path: a copy whose attachments could not be
    written raises StoreError (the database copy is kept)."""
    result = backup_office(store, to_dir, label=label, when=when)
    result.raise_for_files()
    return result.path


def backup_office(store: Store, to_dir: str | Path | None = None, *, label: str = "",
                  when: datetime | None = None) -> BackupResult:
    """Copy the open database into ``to_dir`` (default: ``backup_folder``), verify it, and secure
    the attachment files it refers to (before the copy gets its final name, so a backup that looks
    complete has its files; the result says which could not be copied).

    If the copy fails its check because the database itself is damaged, ``DamagedFileError`` is
    raised and no bad copy is kept.
    """
    folder = Path(to_dir) if to_dir else backup_folder(store)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"无法创建备份文件夹 {folder}：{os_reason(exc)}") from exc
    _remove_stale_parts(folder, store.path.stem)
    stamp = (when or datetime.now()).strftime(STAMP_FORMAT)
    suffix = f"-{label}" if label else ""
    target = unique_path(folder / f"{store.path.stem}-{stamp}{suffix}.db")
    tmp = target.with_name(target.name + ".part")
    try:
        new_private_file(tmp)
        dest = driver.connect(tmp, key=store.password)  # a backup is encrypted like its office
        try:
            store.conn.backup(dest)
            # one self-contained file: no -wal/-shm to lose when the copy is moved or copied on
            dest.execute("PRAGMA journal_mode=DELETE")
        finally:
            dest.close()
        problem = verify(tmp)
        if problem:
            _source_check(store, problem)
            raise StoreError(f"备份文件校验失败：{problem}（备份文件夹 {folder} 所在的磁盘可能有问题）")
        secured = files.secure(tmp, attachments_dir_for(store.path), files.store_dir(folder, store.path.stem))
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise StoreError(f"无法写入备份 {target}：{os_reason(exc)}，备份没有做成。请换一个备份文件夹（文件 → 备份设置…）后再试。") from exc
    except sqlite.Error as exc:
        tmp.unlink(missing_ok=True)
        raise _backup_error(exc, store, folder) from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return BackupResult(target, secured)


def _source_check(store: Store, problem: str) -> None:
    """A copy that fails its check usually means the database itself is damaged: say so."""
    try:
        result = store.conn.execute("PRAGMA quick_check").fetchone()[0]
    except sqlite.DatabaseError as exc:
        result = str(exc)
    if result != "ok":
        raise DamagedFileError(
            f"数据库文件 {store.path.name} 已损坏（完整性检查：{result}），本次没有生成备份。"
            "请从最近的完好备份恢复。", path=store.path)


def _backup_error(exc: sqlite.Error, store: Store, folder: Path) -> StoreError:
    code = getattr(exc, "sqlite_errorcode", None)
    if (isinstance(code, int) and code & 0xFF == SQLITE_FULL) or "full" in str(exc).lower():
        return StoreError(f"磁盘空间不足，备份未完成（数据库本身没有改动）。请清理 {folder} 所在的磁盘，"
                          "或在「文件 → 备份设置」中换一个备份文件夹。")
    text = str(exc).lower()
    if "malformed" in text or "not a database" in text:
        return DamagedFileError(f"数据库文件 {store.path.name} 已损坏（{exc}），本次没有生成备份。"
                                "请从最近的完好备份恢复。", path=store.path)
    return StoreError(f"备份失败：{exc}")


def unique_path(path: Path) -> Path:
    n = 1
    candidate = path
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
    return candidate


def new_private_file(path: Path) -> None:
    """An empty file readable by its owner only, before SQLite writes personal data into it."""
    path.unlink(missing_ok=True)
    os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE_MODE))
    make_private(path)  # personal data: readable by the current user only


def _remove_stale_parts(folder: Path, stem: str) -> None:
    cutoff = time.time() - STALE_PART_SECONDS
    for part in folder.glob(f"{stem}-*.db.part"):
        try:
            if part.stat().st_mtime < cutoff:
                part.unlink()
        except OSError:
            pass


def backup_in_progress(folder: Path, stem: str) -> bool:
    cutoff = time.time() - STALE_PART_SECONDS
    for part in folder.glob(f"{stem}-*.db.part"):
        try:
            if part.stat().st_mtime >= cutoff:
                return True
        except OSError:
            pass
    return False

