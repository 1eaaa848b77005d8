"""Activity attachments in backups: one shared, content-addressed store per backup folder.

Attachments live beside the database as files named by the SHA-256 of their content
(``activity_files``). A backup copies the database; the files it refers to go to
``<backup folder>/<db name>-附件/``. A file there never changes (its name is its content), so each
backup copies only the files that are not there yet — a daily backup of an office with gigabytes
of photos copies today's few — and all backups share one copy of each file.

Every copy is written to a ``.part`` file, flushed to disk, read back and compared with its size and
name before it is renamed: a killed or failed copy never leaves a file that looks complete. A file
in the live folder whose content no longer matches its name is damaged and is not copied over a
good one. Rotation removes only files that no remaining backup refers to.
"""

from __future__ import annotations

import errno
import hashlib
import itertools
import os
import re

import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from . import driver
from .driver import sqlite
from ..values.sizes import size_text
from .opening import readonly_uri

STORE_SUFFIX = "-附件"
STALE_PART_SECONDS = 3600  # a .part this old belongs to a copy that was killed
SHOWN = 3  # how many file names a message lists before "等"
_CHUNK = 1024 * 1024
_HASH_NAME = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True)
class Ref:
    """One attachment file a database refers to, with the first activity that names it."""

    sha256: str
    size: int
    name: str
    activity: str
    day: str

    def text(self) -> str:
        return f"活动“{self.activity}”（{self.day}）的“{self.name}”"


def refs_text(refs: list[Ref], limit: int = SHOWN) -> str:
    shown = "，".join(r.text() for r in refs[:limit])
    return shown + (f" 等 {len(refs)} 个" if len(refs) > limit else "")


class _SourceUnreadable(Exception):
    """Reading the file being copied failed: the source is damaged, not the destination."""


# --------------------------------------------------------------- what refers to what
def store_dir(folder: str | Path, stem: str) -> Path:
    return Path(folder) / f"{stem}{STORE_SUFFIX}"


def read_refs(conn: sqlite.Connection) -> list[Ref]:
    """Every attachment file the database refers to (activities in the 回收站 too: they may return)."""
    has_table = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'activity_attachments'").fetchone()
    if not has_table:  # a file from before the activity calendar
        return []
    rows = conn.execute(
        "SELECT a.sha256, a.size, a.original_name, coalesce(act.title, ''), coalesce(act.start_date, '')"
        " FROM activity_attachments a LEFT JOIN activities act ON act.id = a.activity_id"
        " ORDER BY act.start_date, a.id").fetchall()
    refs: dict[str, Ref] = {}
    for sha, size, name, title, day in rows:
        refs.setdefault(sha, Ref(sha, int(size), name, title, day))
    return list(refs.values())


def hashes_in_file(db_file: str | Path) -> set[str] | None:
    """Just the hashes a backup refers to (read from the index: pruning reads every backup)."""
    try:
        conn = driver.connect(readonly_uri(db_file, immutable=True), uri=True)
        try:
            if not conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table'"
                                " AND name = 'activity_attachments'").fetchone():
                return set()
            return {row[0] for row in conn.execute("SELECT DISTINCT sha256 FROM activity_attachments")}
        finally:
            conn.close()
    except (sqlite.Error, driver.PasswordError):
        return None


def refs_in_file(db_file: str | Path) -> list[Ref] | None:
    """The references of a database file that nothing writes (a backup); None when unreadable."""
    try:
        conn = driver.connect(readonly_uri(db_file, immutable=True), uri=True)
        try:
            return read_refs(conn)
        finally:
            conn.close()
    except (sqlite.Error, driver.PasswordError):
        return None


# ------------------------------------------------------------------- file states
def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def present(path: Path, size: int) -> bool:
    """The cheap test: the file is there with the right size (its content is checked when copied)."""
    try:
        return path.is_file() and path.stat().st_size == size
    except OSError:
        return False


def file_state(path: Path, ref: Ref) -> str:
    """'ok', 'missing' or 'damaged' (wrong size or content), reading the whole file."""
    if not path.is_file():
        return "missing"
    try:
        if path.stat().st_size != ref.size or sha256_of(path) != ref.sha256:
            return "damaged"
    except OSError:
        return "damaged"
    return "ok"


def same_folder(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


# ------------------------------------------------------------------------ copying
def copy_verified(source: Path, folder: Path, ref: Ref) -> bool:
    """Copy ``source`` to ``folder/<sha256>`` through a .part file, checked twice: the bytes read
    must hash to the name (else the source is damaged: False, nothing written), and the written
    file read back must match too (else OSError: the destination disk is at fault).

    Write problems (disk full, read-only) raise OSError; the .part is always removed.
    """
    tmp, fd = _new_part(folder, ref.sha256)
    try:
        with os.fdopen(fd, "wb") as out:
            digest, size = _copy_from(source, out)
            out.flush()
            os.fsync(out.fileno())  # the content is on disk before the name says it is complete
        if size != ref.size or digest != ref.sha256:
            tmp.unlink()
            return False
        if tmp.stat().st_size != ref.size or sha256_of(tmp) != ref.sha256:
            raise OSError(errno.EIO, "写入后读回的内容与原文件不一致")
        os.replace(tmp, folder / ref.sha256)
        return True
    except _SourceUnreadable:
        tmp.unlink(missing_ok=True)
        return False
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _new_part(folder: Path, sha: str) -> tuple[Path, int]:
    """A new private .part file (readable by its owner only: photos of people are personal data).
    Named by hand rather than by ``tempfile``: its random names cost ~1 ms each on some disks."""
    flags = os.O_CREAT | os.O_EXCL | os.O_WRONLY | getattr(os, "O_BINARY", 0)
    for n in itertools.count():
        path = folder / f".{sha[:16]}-{os.getpid()}-{threading.get_ident() % 10_000}-{n}.part"
        try:
            return path, os.open(path, flags, 0o600)
        except FileExistsError:
            continue  # left by a killed process that had the same id
    raise AssertionError("unreachable")


def _copy_from(source: Path, out) -> tuple[str, int]:
    try:
        src = source.open("rb")
    except OSError as exc:
        raise _SourceUnreadable() from exc
    with src:
        return _copy_stream(src, out)


def _copy_stream(src, out) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    while True:
        try:
            chunk = src.read(_CHUNK)
        except OSError as exc:
            raise _SourceUnreadable() from exc
        if not chunk:
            return digest.hexdigest(), size
        digest.update(chunk)
        out.write(chunk)
        size += len(chunk)


def _make_folder(folder: Path) -> None:
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)


def remove_stale_parts(folder: Path) -> None:
    cutoff = time.time() - STALE_PART_SECONDS
    for part in folder.glob(".*.part"):
        try:
            if part.stat().st_mtime < cutoff:
                part.unlink()
        except OSError:
            pass


def _write_problem(exc: OSError, folder: Path, left: int) -> str:
    reason = exc.strerror or str(exc)
    return f"有 {left} 个附件文件未能复制到 {folder}（{reason}；磁盘是否已满或只读？）"


# ---------------------------------------------------------------- backing up
@dataclass
class SecureResult:
    """What a backup did with the attachment files its database refers to."""

    store: Path | None = None
    total: int = 0  # distinct files referred to
    copied: int = 0
    copied_bytes: int = 0
    unavailable: list[Ref] = field(default_factory=list)  # missing or damaged in the live folder
    error: str = ""  # copying stopped: the store could not be written
    beside: bool = False  # the backup folder is the database's own: no second copy exists

    def lines(self) -> list[str]:
        """Chinese lines for the clerk ([] when the office has no attachments)."""
        if not self.total:
            return []
        if self.beside:
            return [f"注意：备份文件夹就是数据库所在的文件夹，{self.total} 个附件文件没有另存副本。"
                    "请在「文件 → 备份设置」中选另一个文件夹（最好在另一块硬盘或U盘上）"]
        copied = f"本次新复制 {self.copied} 个（{size_text(self.copied_bytes)}）" if self.copied else "没有新文件需要复制"
        out = [f"附件：共 {self.total} 个文件，{copied}；附件备份在 {self.store}"]
        if self.unavailable:
            out.append(f"注意：{len(self.unavailable)} 个附件文件缺失或已损坏，无法备份："
                       f"{refs_text(self.unavailable)}。如还有原件，请在该活动中移除此附件后重新添加")
        if self.error:
            out.append(f"错误：{self.error}")
        return out


def secure(db_file: Path, live_dir: Path, store: Path) -> SecureResult:
    """Copy the attachments ``db_file`` refers to from ``live_dir`` into ``store``, new ones only."""
    refs = refs_in_file(db_file) or []
    result = SecureResult(store=store, total=len(refs))
    if not refs:
        return result
    if same_folder(store, live_dir):  # backups kept beside the database: the files are already there
        result.beside = True
        result.unavailable = [r for r in refs if not present(live_dir / r.sha256, r.size)]
        return result
    try:
        _make_folder(store)
        remove_stale_parts(store)
    except OSError as exc:
        result.error = _write_problem(exc, store, len(refs))
        return result
    for n, ref in enumerate(refs):
        if present(store / ref.sha256, ref.size):
            continue
        try:
            done = copy_verified(live_dir / ref.sha256, store, ref)
        except OSError as exc:
            result.error = _write_problem(exc, store, len(refs) - n)
            break
        if done:
            result.copied += 1
            result.copied_bytes += ref.size
        else:
            result.unavailable.append(ref)
    return result


def prune(store: Path, live_dir: Path, backups: Iterable[tuple[Path, bool]]) -> list[Path]:
    """Delete files in ``store`` that none of ``backups`` refers to; returns what was deleted.

    ``backups`` are (database file, damaged-aside?) pairs for every backup left in the folder. If a
    backup that is not a damaged file set aside can't be read, nothing is deleted: what it needs is
    unknown, and keeping a file costs only disk space.
    """
    if not store.is_dir() or same_folder(store, live_dir):
        return []
    keep: set[str] = set()
    for path, damaged in backups:
        hashes = hashes_in_file(path)
        if hashes is None:
            if damaged:
                continue
            return []
        keep |= hashes
    removed = []
    for path in store.iterdir():
        if _HASH_NAME.fullmatch(path.name) and path.name not in keep:
            try:
                path.unlink()
                removed.append(path)
            except OSError:
                pass  # held open by a viewer or scanner: it goes next time
    return removed


# ------------------------------------------------------------------ bringing back
@dataclass
class RecoverResult:
    """What a restore did to bring the restored database's attachment files back."""

    total: int = 0
    restored: int = 0
    lost: list[Ref] = field(default_factory=list)  # in no store, or only damaged copies
    error: str = ""

    def message(self) -> str:
        """'' when every file is in place; else one Chinese sentence for the clerk."""
        parts = []
        if self.lost:
            parts.append(f"有 {len(self.lost)} 个附件文件无法找回（备份中没有或已损坏）：{refs_text(self.lost)}。")
        if self.error:
            parts.append(self.error + "。")
        return "".join(parts)

    def lines(self) -> list[str]:
        out = [f"附件：从备份找回 {self.restored} 个文件"] if self.restored else []
        problem = self.message()
        return out + ([f"注意：{problem}"] if problem else [])


def recover(refs: list[Ref], live_dir: Path, stores: Iterable[Path], *, read_live: bool = False) -> RecoverResult:
    """Copy each referred file missing from ``live_dir`` (or there with the wrong size) from the first
    store holding a good copy. Live files are only added or repaired, never removed.

    ``read_live`` also reads each live file through and replaces one whose content no longer
    matches its name (slow on gigabytes of photos: for the explicit repair, not every restore).
    """
    result = RecoverResult(total=len(refs))
    stores = [s for s in dict.fromkeys(stores) if s.is_dir() and not same_folder(s, live_dir)]
    for n, ref in enumerate(refs):
        live = live_dir / ref.sha256
        intact = (file_state(live, ref) == "ok") if read_live else present(live, ref.size)
        if intact:
            continue
        try:
            found = _recover_one(ref, live_dir, stores)
        except OSError as exc:
            result.error = _write_problem(exc, live_dir, len(refs) - n)
            result.lost.extend(r for r in refs[n:] if not present(live_dir / r.sha256, r.size))
            break
        if found:
            result.restored += 1
        else:
            result.lost.append(ref)
    return result


def _recover_one(ref: Ref, live_dir: Path, stores: list[Path]) -> bool:
    for store in stores:
        source = store / ref.sha256
        if present(source, ref.size):
            _make_folder(live_dir)
            if copy_verified(source, live_dir, ref):
                return True
    return False
