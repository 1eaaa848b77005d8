"""The office file on disk, around the SQLite connection the store opens on it.

Before SQLite has the file: refuse, with the clerk's reasons, a file that can't be read or
written or that lost its content; make it (and its WAL/SHM) private. Then the connection's own
settings, ``mode=ro`` URIs for readers and copies, and the clean-up of what killed runs left
beside the file.
"""

from __future__ import annotations

import os
import sys
from datetime import datetime
from pathlib import Path

from . import driver
from .driver import sqlite
from ..errors import StoreError
from .outfile import PRIVATE_MODE  # personal data: the database, its WAL/SHM files and backups
from .paths import backup_dir_for
from .sqlite_errors import DamagedFileError, read_only_message, unreadable_message

BUSY_TIMEOUT_MS = 5000


def connect(path: Path) -> sqlite.Connection:
    try:
        conn = driver.connect(
            path,
            timeout=BUSY_TIMEOUT_MS / 1000,
            isolation_level=None,  # we issue BEGIN/COMMIT ourselves in atomic()
            check_same_thread=False,  # background operations hand the store over explicitly
        )
    except sqlite.Error as exc:
        raise StoreError(f"无法打开数据库文件 {path}：{exc}") from exc
    conn.row_factory = sqlite.Row
    conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    # the 2 MB default re-reads (and, encrypted, re-decrypts) a 100k roll's pages on every figure
    try:
        conn.execute(f"PRAGMA cache_size = {driver.CACHE_KIB}")
    except sqlite.DatabaseError:
        pass  # a damaged file: opening it goes on to say so in Chinese
    return conn


def readonly_uri(path: str | Path, *, immutable: bool = False) -> str:
    """A ``mode=ro`` SQLite URI for ``path``; '#', '?' and '%' in folder names are escaped.

    ``immutable`` is for files nothing writes (backups): SQLite then creates no -wal/-shm beside
    them. Never for a live database, whose newest changes may still be in its WAL.
    """
    from urllib.parse import quote

    uri = "file:" + quote(Path(path).resolve().as_posix(), safe="/:") + "?mode=ro"
    return uri + "&immutable=1" if immutable else uri


def refuse_unwritable(path: Path) -> None:
    """Say so before anything is written: SQLite would fail later, with an English message."""
    if path.exists() and not os.access(path, os.R_OK):
        raise StoreError(unreadable_message(path))
    if path.exists() and not os.access(path, os.W_OK):
        raise StoreError(read_only_message(path))
    if not os.access(path.parent, os.W_OK):
        if not path.exists():  # 新建 in a read-only folder: there is nothing to copy elsewhere
            raise StoreError(f"无法在文件夹 {path.parent} 中新建数据库文件 {path.name}：这个文件夹是只读的"
                             "（光盘、写保护的U盘或只读文件夹）。请选一个可写的文件夹，例如“文档”。")
        raise StoreError(read_only_message(path))


def refuse_emptied(path: Path, create: bool) -> None:
    """An existing 0-byte file is a database that lost its content, not a new office — unless
    the clerk is creating one there and it never had backups."""
    try:
        empty = path.is_file() and path.stat().st_size == 0
    except OSError:
        return
    if not empty:
        return
    had_backups = any(backup_dir_for(path).glob(f"{path.stem}-*.db")) if backup_dir_for(path).is_dir() else False
    if had_backups or not create:
        raise DamagedFileError(f"数据库文件 {path.name} 已损坏：文件是空的（0 字节），内容已丢失，"
                               "可能在写入时被截断。可以从最近的备份恢复。", path=path)


DB_SUFFIXES = (".db", ".sqlite", ".sqlite3", ".db3")

# what a wrongly picked file is, from its first bytes → how the clerk is told
_FOREIGN_MAGIC = (
    (b"PK\x03\x04", "zip"),
    (b"\xd0\xcf\x11\xe0", "ole"),
    (b"%PDF", "PDF 文件"),
    (b"\x89PNG", "图片"), (b"\xff\xd8\xff", "图片"), (b"GIF8", "图片"),
    (b"Rar!", "压缩包"), (b"7z\xbc\xaf", "压缩包"),
)
_TEXT_CONTROLS = frozenset(range(32)) - {9, 10, 12, 13}


def foreign_kind(path: Path) -> str:
    """What ``path`` is when it plainly is not an office file: 'Excel 工作簿', 'PDF 文件', …; ''
    when it may be one (an SQLite or encrypted file, or a damaged ``.db``: that is reported as
    damage, with a backup to restore). Only files not named like a database are judged."""
    if path.suffix.lower() in DB_SUFFIXES or not path.is_file():
        return ""
    head = driver.file_head(path)
    if not head or head.startswith(driver.SQLITE_MAGIC):
        return ""
    suffix = path.suffix.lower()
    for magic, kind in _FOREIGN_MAGIC:
        if head.startswith(magic):
            if kind in ("zip", "ole"):
                if suffix in (".xlsx", ".xlsm", ".xls", ".et", ".ods"):
                    return "Excel 工作簿"
                if suffix in (".docx", ".doc", ".wps"):
                    return "Word 文档"
                return "Excel 工作簿或 Word 文档" if kind == "ole" else "压缩包或 Office 文档"
            return kind
    if not any(byte in _TEXT_CONTROLS for byte in head):  # an encrypted page is noise: never this
        return "表格文本（CSV）文件" if suffix in (".csv", ".tsv") else "文本文件"
    return ""


def refuse_foreign(path: Path) -> None:
    """A workbook, document or text file picked in 打开 is named for what it is, not called
    encrypted (its bytes look random) or damaged."""
    kind = foreign_kind(path)
    if not kind:
        return
    hint = ("要读入 Excel 名册或台账，请用 文件 → 导入会员名册… 或 导入单位台账…。"
            if "Excel" in kind or "CSV" in kind else "")
    raise StoreError(f"文件 {path.name} 是{kind}，不是本程序的数据库文件，无法打开。{hint}"
                     "数据库文件的名字一般以 .db 结尾（例如 unionoffice.db）。")


def make_private(path: Path) -> None:
    """Create the file readable by its owner only, and tighten an existing one and its WAL/SHM.

    SQLite gives the -wal and -shm files the mode of the database file, so a private database
    keeps its journal private too. On Windows the user profile's ACLs do this job.
    """
    if sys.platform == "win32":  # pragma: no cover - chmod there only toggles read-only
        return
    if not path.exists():
        try:
            os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE_MODE))
        except FileExistsError:
            pass
        except OSError:
            return  # SQLite will report why it cannot create the file
    for candidate in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        try:
            st = candidate.stat()
            if st.st_uid == os.getuid() and st.st_mode & 0o077:
                os.chmod(candidate, PRIVATE_MODE)
        except OSError:
            pass


STALE_SECONDS = 3600  # a staged output this old belongs to a writer that was killed


def clean_stale_files(path: Path) -> list[Path]:
    """Remove what killed runs left beside the office file: restore and re-encryption copies
    (``.<db>.restore-<pid>``, ``.<db>.rekey-<pid>``,
    full copies of the personal data) whose process is gone, and staged outputs (``.~*.pdf`` …)
    older than an hour. Called with the file lock held, so no restore of this file is running."""
    removed = []
    try:
        candidates = (list(path.parent.glob(f".{path.name}.restore-*")) + list(path.parent.glob(f".{path.name}.rekey-*"))
                      + list(path.parent.glob(".~*")))
    except OSError:
        return removed
    for leftover in candidates:
        if _is_stale(leftover):
            try:
                leftover.unlink()
                removed.append(leftover)
            except OSError:
                pass
    return removed


def _is_stale(leftover: Path) -> bool:
    try:
        age = datetime.now().timestamp() - leftover.stat().st_mtime
    except OSError:
        return False
    marker = next((m for m in (".restore-", ".rekey-") if m in leftover.name), "")
    pid = leftover.name.rsplit(marker, 1)[-1].split("-")[0] if marker else ""
    if pid.isdigit() and sys.platform != "win32":  # os.kill(pid, 0) would end the process on Windows
        if int(pid) == os.getpid():
            return False
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            return True
        except OSError:
            return age > STALE_SECONDS
        return False
    return age > STALE_SECONDS
