"""Encrypting, re-keying and decrypting the open office file in one safe step.

SQLCipher can't encrypt a plain file in place, and a page copy (the backup API) can't change the
key, so the data is exported (``sqlcipher_export``) into a staged copy under the new key (or
none), the change that goes with it (the password hash and its audit row) is made in that copy,
the copy is checked page by page and table by table against the file, and only then renamed over
the file. A crash at any point leaves the file as it was; the verified backup taken first (by the
caller) holds the file under its old password.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

from ..errors import StoreError, os_reason
from . import driver
from .connection import Store
from .opening import make_private
from .sqlite_errors import explain_sqlite_error
from .driver import sqlite

CACHE_KIB = -65536  # 64 MB of decrypted pages: the counts after the check read them again

UNCOUNTED = {"audit", "audit_chain", "settings", "app_session", "sqlite_sequence", "sqlite_stat1", "sqlite_stat4"}


def rekey(store: Store, new_password: str | None, change: Callable[[Store], None],
          progress: Callable[[str], None] | None = None) -> None:
    """Give the open ``store`` the password ``new_password`` (None: a plain file again).

    ``change`` runs inside the staged copy, in one transaction, before it replaces the file.
    The store stays open: its connection is reopened on the replaced file. ``progress(text)`` is
    told each step (a 100,000-member office takes half a minute).
    """
    say = progress or (lambda text: None)
    if store.read_only:
        store._refuse_write()
    if new_password and not driver.ENCRYPTION:
        raise StoreError("本电脑上的程序缺少加密组件（sqlcipher3），无法加密数据库")
    staged = store.path.with_name(f".{store.path.name}.rekey-{os.getpid()}")
    _remove(staged)
    try:
        say("正在把数据复制到加密的副本…" if new_password else "正在把数据复制到不加密的副本…")
        _export(store, staged, new_password)
        say("正在副本中记录密码的更改…")
        with Store.open(staged, create=False, lock=False, user=store.user, password=new_password) as copy:
            with copy.atomic():
                change(copy)
        say("正在逐页核对副本…")
        _compare(store, staged)
        say("正在用副本替换数据库文件…")
        _swap(store, staged, new_password)
    except sqlite.Error as exc:
        raise explain_sqlite_error(exc, store.path, "更改密码") from exc
    finally:
        _remove(staged)


def _export(store: Store, staged: Path, key: str | None) -> None:
    """Every table, index, trigger and view, and the schema version, into ``staged`` under ``key``."""
    make_private(staged)  # created 0600 before SQLite writes personal data into it
    version = int(store.schema_version)
    # A connection of its own: the window's connection may have a cursor still open (a view's
    # lazy read), and exporting beside it failed on Windows with "database schema has changed".
    # On a network share the window's connection holds the file exclusively: it must do it.
    conn = store.conn if store.network else driver.connect(store.path, isolation_level=None)
    try:
        conn.executescript(f"ATTACH DATABASE {driver.quote(str(staged))} AS rekeyed KEY {driver.quote(key or '')};"
                           "SELECT sqlcipher_export('rekeyed');"
                           f"PRAGMA rekeyed.user_version = {version};"
                           "DETACH DATABASE rekeyed;")
    except BaseException:
        try:
            conn.executescript("DETACH DATABASE rekeyed;")
        except sqlite.Error:
            pass  # it never got attached
        raise
    finally:
        if conn is not store.conn:
            conn.close()


def _compare(store: Store, staged: Path) -> None:
    """The copy passes SQLite's page check and holds as many rows as the file, table by table.

    ``quick_check`` rather than ``integrity_check``: every page is read (and so decrypted and its
    HMAC verified — a wrong byte fails) without re-deriving every index, which on a 100k office
    would double the time the clerk waits; the row counts cover what the export could have missed."""
    conn = driver.connect(staged)
    try:
        conn.execute(f"PRAGMA cache_size = {CACHE_KIB}")
        result = conn.execute("PRAGMA quick_check").fetchone()[0]
        if result != "ok":
            raise StoreError(f"加密后的副本校验失败（{result}），数据库没有改动。")
        for table in _tables(store.conn):
            ours = store.conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
            theirs = conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
            if ours != theirs:
                raise StoreError(f"加密后的副本与数据库不一致（{table}：{ours} 行 / {theirs} 行），数据库没有改动。")
    finally:
        conn.close()


def _tables(conn: sqlite.Connection) -> list[str]:
    rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'")
    return [r[0] for r in rows if r[0] not in UNCOUNTED and not r[0].startswith("sqlite_")]


def _swap(store: Store, staged: Path, password: str | None) -> None:
    """Close the file (its WAL is checkpointed and removed), put the copy in its place, reopen.

    The store's lock file stays held throughout, so no other program opens the file in between."""
    store.conn.close()
    store.conn = None  # type: ignore[assignment]
    try:
        for suffix in ("-wal", "-shm"):
            store.path.with_name(store.path.name + suffix).unlink(missing_ok=True)
        os.replace(staged, store.path)
    except OSError as exc:
        store.reconnect()
        raise StoreError(f"无法用加密后的副本替换数据库文件（{os_reason(exc)}），数据库没有改动。") from exc
    driver.remember(password)
    store.reconnect()


def _remove(staged: Path) -> None:
    for leftover in (staged, staged.with_name(staged.name + "-wal"), staged.with_name(staged.name + "-shm"),
                     staged.with_name(staged.name + "-journal")):
        try:
            leftover.unlink(missing_ok=True)
        except OSError:
            pass
