"""The store: one object that owns the SQLite connection of one office file.

Everything that reads or writes the database goes through a ``Store``. It opens the file in WAL
mode with foreign keys on, holds an exclusive lock so a second program instance is told who has
the file open, upgrades old files through the migration ladder (after copying them aside), and
offers ``atomic()`` transactions that nest through savepoints.
"""

from __future__ import annotations

import getpass
import sqlite3
import threading
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any, Iterator, Sequence

from .errors import StoreError
from .lock import FileLock
from . import migrations

BUSY_TIMEOUT_MS = 5000


def default_db_path() -> Path:
    """The database a clerk gets when she names none: in the user's data folder."""
    import platformdirs

    return Path(platformdirs.user_data_dir("UnionOffice", appauthor=False)) / "unionoffice.db"


def now_text() -> str:
    """Local wall-clock time as stored in created_at/updated_at/audit rows."""
    return datetime.now().strftime("%Y-%m-%d %H:%M:%S")


class Store:
    """An open office database. Use ``Store.open(path)``; close it (or use ``with``)."""

    def __init__(self, path: Path, conn: sqlite3.Connection, lock: FileLock | None, user: str):
        self.path = path
        self.conn = conn
        self._lock = lock
        self.user = user
        self._depth = 0
        self._savepoint_seq = 0
        self._thread = threading.get_ident()
        self.upgraded_from: int | None = None
        self.upgrade_backup: Path | None = None

    # ----------------------------------------------------------------- opening
    @classmethod
    def open(
        cls,
        path: str | Path,
        *,
        create: bool = True,
        lock: bool = True,
        user: str | None = None,
    ) -> "Store":
        """Open (or create) the office file at ``path`` and bring its schema up to date.

        Raises ``StoreError`` with a Chinese message when the file is missing (and ``create`` is
        false), is not a database, is damaged, comes from a newer program, or is in use.
        """
        path = Path(path).expanduser().resolve()
        if not path.exists() and not create:
            raise StoreError(f"找不到数据库文件：{path}")
        if path.exists() and path.is_dir():
            raise StoreError(f"{path} 是一个文件夹，不是数据库文件")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"无法创建文件夹 {path.parent}：{exc.strerror or exc}") from exc
        file_lock = FileLock.acquire(path) if lock else None
        try:
            conn = _connect(path)
            store = cls(path, conn, file_lock, user or _current_user())
            store._prepare()
        except BaseException:
            if file_lock is not None:
                file_lock.release()
            raise
        return store

    def _prepare(self) -> None:
        try:
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            version = self.schema_version
        except sqlite3.DatabaseError as exc:
            self.conn.close()
            raise StoreError(f"{self.path.name} 不是本程序的数据库文件，或文件已损坏（{exc}）") from exc
        self.upgraded_from, self.upgrade_backup = migrations.upgrade(self, version)
        self._set_session_user()

    def _set_session_user(self) -> None:
        """Audit triggers read the current user name from this one-row table."""
        with self.atomic():
            self.conn.execute(
                "INSERT INTO app_session(id, user) VALUES (1, ?) "
                "ON CONFLICT(id) DO UPDATE SET user = excluded.user",
                (self.user,),
            )

    def open_worker(self) -> "Store":
        """A second connection to the same file for work off the UI thread.

        This process already holds the file lock, so the worker skips it; WAL lets the UI keep
        reading while the worker writes. The caller closes it when the work is done.
        """
        return Store.open(self.path, create=False, lock=False, user=self.user)

    def close(self) -> None:
        if self.conn is not None:
            try:
                self.conn.execute("PRAGMA optimize")
            except sqlite3.Error:
                pass
            self.conn.close()
            self.conn = None  # type: ignore[assignment]
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ----------------------------------------------------------- transactions
    @contextmanager
    def atomic(self) -> Iterator[sqlite3.Connection]:
        """One transaction; nested calls become savepoints that roll back on their own.

        ``BEGIN IMMEDIATE`` takes the write lock up front so a transaction never fails half-way
        because another connection started writing.
        """
        if self._depth == 0:
            self.conn.execute("BEGIN IMMEDIATE")
            self._depth = 1
            try:
                yield self.conn
            except BaseException:
                self._depth = 0
                self.conn.execute("ROLLBACK")
                raise
            self._depth = 0
            try:
                self.conn.execute("COMMIT")
            except sqlite3.Error as exc:
                self.conn.execute("ROLLBACK")
                raise StoreError(f"保存失败，已撤销本次修改：{exc}") from exc
            return
        self._savepoint_seq += 1
        name = f"sp{self._savepoint_seq}"
        self.conn.execute(f"SAVEPOINT {name}")
        self._depth += 1
        try:
            yield self.conn
        except BaseException:
            self.conn.execute(f"ROLLBACK TO {name}")
            self.conn.execute(f"RELEASE {name}")
            raise
        finally:
            self._depth -= 1
        self.conn.execute(f"RELEASE {name}")

    @property
    def in_transaction(self) -> bool:
        return self._depth > 0

    # ---------------------------------------------------------------- queries
    def execute(self, sql: str, params: Sequence[Any] | dict = ()) -> sqlite3.Cursor:
        return self.conn.execute(sql, params)

    def query(self, sql: str, params: Sequence[Any] | dict = ()) -> list[sqlite3.Row]:
        return self.conn.execute(sql, params).fetchall()

    def one(self, sql: str, params: Sequence[Any] | dict = ()) -> sqlite3.Row | None:
        return self.conn.execute(sql, params).fetchone()

    def scalar(self, sql: str, params: Sequence[Any] | dict = ()) -> Any:
        row = self.conn.execute(sql, params).fetchone()
        return None if row is None else row[0]

    @property
    def schema_version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    # --------------------------------------------------------------- settings
    def get_setting(self, key: str, default: str | None = None) -> str | None:
        value = self.scalar("SELECT value FROM settings WHERE key = ?", (key,))
        return default if value is None else value

    def set_setting(self, key: str, value: str | None) -> None:
        with self.atomic():
            if value is None:
                self.execute("DELETE FROM settings WHERE key = ?", (key,))
            else:
                self.execute(
                    "INSERT INTO settings(key, value) VALUES (?, ?) "
                    "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                    (key, value),
                )

    @property
    def office_name(self) -> str:
        return self.get_setting("office_name", "") or ""

    def counts(self) -> dict[str, int]:
        """Live record counts for the status bar and ``check`` (recycle bin excluded)."""
        return {
            "orgs": self.scalar("SELECT count(*) FROM orgs WHERE deleted_at IS NULL"),
            "members": self.scalar("SELECT count(*) FROM members WHERE deleted_at IS NULL"),
        }


def _connect(path: Path) -> sqlite3.Connection:
    try:
        conn = sqlite3.connect(
            str(path),
            timeout=BUSY_TIMEOUT_MS / 1000,
            isolation_level=None,  # we issue BEGIN/COMMIT ourselves in atomic()
            check_same_thread=False,  # background operations hand the store over explicitly
        )
    except sqlite3.Error as exc:
        raise StoreError(f"无法打开数据库文件 {path}：{exc}") from exc
    conn.row_factory = sqlite3.Row
    conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    return conn


def _current_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name (service account, odd Windows setups)
        return "未知用户"
