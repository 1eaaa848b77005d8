"""Where an office's backups go: the 备份设置 folder, or the default beside the database.

The setting lives in the office file itself; ``configured_backup_dir`` reads it from a file that
is not open (even a damaged one, as far as it can), so a restore finds the backups the clerk set.
"""

from __future__ import annotations

import os
from pathlib import Path

from . import driver
from .driver import sqlite
from ..errors import StoreError, os_reason
from .connection import Store
from .opening import readonly_uri
from .paths import backup_dir_for

BACKUP_DIR_KEY = "backup_dir"


def _resolve_folder(db_path: Path, value: str | None) -> Path:
    if not value:
        return backup_dir_for(db_path)
    folder = Path(value).expanduser()
    return folder if folder.is_absolute() else db_path.parent / folder


def backup_folder(store: Store) -> Path:
    """Where this office's backups go: the 备份设置 folder, or the default beside the file."""
    return _resolve_folder(store.path, store.get_setting(BACKUP_DIR_KEY))


def set_backup_folder(store: Store, folder: str | Path | None) -> Path:
    """Remember ``folder`` (None: back to the default) after checking that it can be written."""
    if folder is None or str(folder).strip() == "":
        store.set_setting(BACKUP_DIR_KEY, None)
        return backup_dir_for(store.path)
    target = _resolve_folder(store.path, str(folder))
    try:
        target.mkdir(parents=True, exist_ok=True)
        probe = target / f".写入测试-{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise StoreError(f"备份文件夹 {target} 无法写入（{os_reason(exc)}），请选择另一个文件夹") from exc
    store.set_setting(BACKUP_DIR_KEY, str(target.resolve()))
    return target


def configured_backup_dir(db_path: str | Path) -> Path | None:
    """The 备份设置 folder read from a file that is not open — best effort: a damaged file may
    still have a readable settings table, and if not the default folder is all we know."""
    db_path = Path(db_path)
    try:
        conn = driver.connect(readonly_uri(db_path), uri=True)
        try:
            row = conn.execute("SELECT value FROM settings WHERE key = ?", (BACKUP_DIR_KEY,)).fetchone()
        finally:
            conn.close()
    except (sqlite.Error, driver.PasswordError):
        return None
    return _resolve_folder(db_path, row[0]) if row and row[0] else None


def backup_folders(db_path: str | Path) -> list[Path]:
    db_path = Path(db_path)
    folders = [backup_dir_for(db_path)]
    configured = configured_backup_dir(db_path)
    if configured is not None and configured.resolve() != folders[0].resolve():
        folders.insert(0, configured)
    return folders
