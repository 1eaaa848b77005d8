"""Backups and restore of an office file.

A backup is a consistent copy made with SQLite's online backup API (safe while the file is open
and in WAL mode), checked by reopening it, and kept in a folder beside the database. Restoring
first backs up the current file, so a restore can itself be undone.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from .errors import StoreError
from .store import Store


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    made_at: datetime
    schema_version: int
    members: int
    orgs: int
    ok: bool


def backup_dir_for(db_path: Path) -> Path:
    """Default backup folder: ``<db folder>/<db name>-备份``."""
    return db_path.with_name(f"{db_path.stem}-备份")


def make_backup(store: Store, to_dir: str | Path | None = None, *, label: str = "") -> Path:
    """Copy the open database into ``to_dir`` (default: the folder beside it) and verify it."""
    folder = Path(to_dir) if to_dir else backup_dir_for(store.path)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"无法创建备份文件夹 {folder}：{exc.strerror or exc}") from exc
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    suffix = f"-{label}" if label else ""
    target = _unique(folder / f"{store.path.stem}-{stamp}{suffix}.db")
    tmp = target.with_name(target.name + ".part")
    try:
        dest = sqlite3.connect(str(tmp))
        try:
            store.conn.backup(dest)
        finally:
            dest.close()
        _restrict(tmp)
        problem = verify(tmp)
        if problem:
            raise StoreError(f"备份文件校验失败：{problem}")
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise StoreError(f"无法写入备份 {target}：{exc.strerror or exc}（磁盘是否已满或只读？）") from exc
    except sqlite3.Error as exc:
        tmp.unlink(missing_ok=True)
        raise StoreError(f"备份失败：{exc}") from exc
    return target


def verify(path: str | Path) -> str | None:
    """None when the file is a healthy SQLite database, else a Chinese description."""
    try:
        conn = sqlite3.connect(f"file:{Path(path).as_posix()}?mode=ro", uri=True)
        try:
            result = conn.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error as exc:
        return f"无法读取（{exc}）"
    return None if result == "ok" else f"文件已损坏（{result}）"


def describe(path: str | Path) -> BackupInfo:
    """Dates and counts of a backup, for the 恢复 list."""
    path = Path(path)
    made = datetime.fromtimestamp(path.stat().st_mtime)
    try:
        conn = sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True)
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            members = conn.execute("SELECT count(*) FROM members WHERE deleted_at IS NULL").fetchone()[0]
            orgs = conn.execute("SELECT count(*) FROM orgs WHERE deleted_at IS NULL").fetchone()[0]
            ok = conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        finally:
            conn.close()
    except sqlite3.Error:
        return BackupInfo(path, made, 0, 0, 0, False)
    return BackupInfo(path, made, version, members, orgs, ok)


def list_backups(db_path: str | Path, folder: str | Path | None = None) -> list[BackupInfo]:
    """Backups of ``db_path`` in its backup folder, newest first."""
    db_path = Path(db_path)
    folder = Path(folder) if folder else backup_dir_for(db_path)
    if not folder.is_dir():
        return []
    files = sorted(folder.glob(f"{db_path.stem}-*.db"), key=lambda p: p.stat().st_mtime, reverse=True)
    return [describe(p) for p in files]


def restore(backup_path: str | Path, db_path: str | Path) -> Path | None:
    """Replace the database at ``db_path`` with ``backup_path``.

    The current file (if any) is backed up first; the returned path is that safety copy. The
    target must not be open elsewhere (the store lock is taken for the whole operation).
    """
    backup_path, db_path = Path(backup_path), Path(db_path)
    if not backup_path.is_file():
        raise StoreError(f"找不到备份文件：{backup_path}")
    problem = verify(backup_path)
    if problem:
        raise StoreError(f"备份文件 {backup_path.name} 不能用于恢复：{problem}")
    existed = db_path.exists()
    db_path.parent.mkdir(parents=True, exist_ok=True)
    # Work on a copy: opening brings an older backup up to this program's schema (or refuses one
    # from a newer program) without touching the backup itself.
    staged = db_path.with_name(f".{db_path.name}.restore-{os.getpid()}")
    try:
        _copy_file(backup_path, staged)
        with Store.open(staged, create=False, lock=False):
            pass
        safety = None
        with Store.open(db_path) as current:
            if existed:
                safety = make_backup(current, label="恢复前")
            src = sqlite3.connect(str(staged))
            try:
                src.backup(current.conn)
            finally:
                src.close()
    finally:
        for leftover in (staged, *staged.parent.glob(staged.name + "*")):
            Path(leftover).unlink(missing_ok=True)
    return safety


def _copy_file(src: Path, dest: Path) -> None:
    source = sqlite3.connect(f"file:{src.as_posix()}?mode=ro", uri=True)
    target = sqlite3.connect(str(dest))
    try:
        source.backup(target)
    finally:
        source.close()
        target.close()


def _unique(path: Path) -> Path:
    n = 1
    candidate = path
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
    return candidate


def _restrict(path: Path) -> None:
    """Personal data: readable by the current user only (no-op where chmod means nothing)."""
    try:
        os.chmod(path, 0o600)
    except OSError:
        pass
