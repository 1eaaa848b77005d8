"""What SQLite's errors mean to the clerk.

SQLite reports a damaged file, a full disk or read-only media with English messages and result
codes. These helpers turn them into Chinese ``StoreError``s she can act on (``DamagedFileError``
for a file that is no longer a readable database), wherever the store meets them.
"""

from __future__ import annotations

from pathlib import Path

from .driver import sqlite
from ..errors import StoreError

# Primary SQLite result codes we explain to the clerk (sqlite3 exceptions carry them since 3.11).
SQLITE_BUSY, SQLITE_READONLY, SQLITE_IOERR, SQLITE_CORRUPT = 5, 8, 10, 11
SQLITE_FULL, SQLITE_CANTOPEN, SQLITE_NOTADB = 13, 14, 26


# SQLite's English for a damaged file, as the clerk reads it
_DAMAGE_WORDS = {SQLITE_CORRUPT: "文件内容已被破坏", SQLITE_NOTADB: "文件开头不是数据库的格式"}


class DamagedFileError(StoreError):
    """The file is no longer a readable database (damaged, truncated, overwritten).

    The GUI answers it by offering the newest backup that verifies; ``path`` names the file.
    """

    def __init__(self, message: str, *, path: Path | None = None):
        super().__init__(message)
        self.path = path


def explain_sqlite_error(exc: sqlite.Error, path: Path, doing: str = "保存", *,
                        strict: bool = False) -> StoreError | None:
    """A Chinese StoreError for what the clerk can act on: a damaged file, a full disk, read-only
    media, a failing drive. Other errors give a generic StoreError, or None when ``strict``
    (a constraint or a bug is then left to its own handler)."""
    primary = primary_code(exc)
    name = path.name
    if primary in (SQLITE_CORRUPT, SQLITE_NOTADB):
        return DamagedFileError(
            f"数据库文件 {name} 已损坏，或不是本程序的数据库文件（{_DAMAGE_WORDS.get(primary, exc)}）。"
            "可以从最近的备份恢复。", path=path)
    if primary == SQLITE_FULL:
        return StoreError(f"磁盘空间不足，{doing}未完成，本次修改已全部撤销，数据没有改动。"
                          f"请清理 {path.parent} 所在的磁盘后再试。")
    if primary == SQLITE_READONLY:
        return StoreError(read_only_message(path))
    if primary == SQLITE_IOERR:
        return StoreError(f"读写数据库文件 {name} 时磁盘出错（{exc}），本次修改未保存。"
                          "请检查U盘或移动硬盘是否已拔出、磁盘是否有故障。")
    if primary == SQLITE_CANTOPEN:
        return StoreError(f"无法打开数据库文件 {path}（{exc}）。请检查文件夹是否存在、是否只读。")
    if primary == SQLITE_BUSY:
        return StoreError(f"数据库文件 {name} 正被另一个程序写入，请稍后再试。")
    if strict:
        return None
    return StoreError(f"无法{doing}数据库文件 {name}：{exc}")


_CODES_BY_TEXT = (("malformed", SQLITE_CORRUPT), ("not a database", SQLITE_NOTADB), ("disk is full", SQLITE_FULL),
                  ("readonly", SQLITE_READONLY), ("i/o error", SQLITE_IOERR), ("database is locked", SQLITE_BUSY))


def primary_code(exc: sqlite.Error) -> int | None:
    """The primary result code; from the message when the exception was made by hand."""
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int):
        return code & 0xFF
    text = str(exc).lower()
    return next((c for words, c in _CODES_BY_TEXT if words in text), None)


def raise_explained(exc: sqlite.Error, path: Path) -> None:
    """Raise the clerk's version of ``exc`` when there is one; return to re-raise it as it is."""
    clear = explain_sqlite_error(exc, path, strict=True)
    if clear is not None:
        raise clear from exc


def read_only_message(path: Path) -> str:
    return (f"数据库文件 {path} 在只读的位置（光盘、写保护的U盘、只读文件夹）或本身是只读文件，"
            "程序无法保存修改。请把它复制到电脑上可写的文件夹（例如“文档”）后再打开，"
            "或在文件属性中取消“只读”。")


def unreadable_message(path: Path) -> str:
    return (f"没有读取权限：当前 Windows/系统用户不能读取数据库文件 {path}。"
            "请用有权限的账户打开，或在文件属性的“安全”中给当前用户读取和写入权限。")
