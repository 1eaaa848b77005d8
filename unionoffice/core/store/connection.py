"""The store: one object that owns the SQLite connection of one office file.

Everything that reads or writes the database goes through a ``Store``. It opens the file in WAL
mode with foreign keys on, holds an exclusive lock so a second program instance is told who has
the file open, upgrades old files through the migration ladder (after copying them aside), and
offers ``atomic()`` transactions that nest through savepoints (transactions.py).

What the file needs around the connection (checks before opening, private permissions, leftovers
of killed runs) is in opening.py; what SQLite's errors mean to the clerk, in sqlite_errors.py.
"""

from __future__ import annotations

import getpass
import threading
from datetime import datetime
from pathlib import Path
from typing import Any, Sequence

from . import driver
from .driver import sqlite
from ..errors import FileInUseError, StoreError, os_reason
from .lock import FileLock
from . import chain, guard, location, migrations, opening
from .sqlite_errors import DamagedFileError, explain_sqlite_error, raise_explained
from .transactions import Transactions

# DamagedFileError is caught by the callers of Store.open under this module's name
__all__ = ["DamagedFileError", "Store", "default_db_path", "now_text"]


def default_db_path() -> Path:
    """The database a clerk gets when she names none: in the user's data folder."""
    import platformdirs

    return Path(platformdirs.user_data_dir("UnionOffice", appauthor=False)) / "unionoffice.db"


def now_text() -> str:
    """Local wall-clock time as stored in created_at/updated_at/audit rows."""
    return datetime.now().strftime("%Y-%m-%d %H:%M:%S")


class Store(Transactions):
    """An open office database. Use ``Store.open(path)``; close it (or use ``with``)."""

    def __init__(self, path: Path, conn: sqlite.Connection, lock: FileLock | None, user: str):
        self.path = path
        self.conn = conn
        self._lock = lock
        self.user = user  # the clerk acting: 经办人, 制表 and the audit's 操作人
        self.os_user = _current_user()  # recorded beside the clerk in the audit
        self._depth = 0
        self._savepoint_seq = 0
        self._thread = threading.get_ident()
        self.upgraded_from: int | None = None
        self.upgrade_backup: Path | None = None
        self.held_by: str | None = None  # who holds the file, for a reader opened beside it
        self.repaired_triggers: list[str] = []  # guards found missing/altered on opening, put back
        self.repair_message = ""
        self.network = ""  # '' on this PC; else where the file is (a share): no WAL, exclusive locking
        self._parent: "Store | None" = None  # the main store, for a worker connection on a share
        self._workers = 0
        self._sealing = False  # audit rows are chained at each commit once the file has the chain
        self.password: str | None = driver.password_for(path)  # None: a plain (unencrypted) file

    # ----------------------------------------------------------------- opening
    @classmethod
    def open(
        cls,
        path: str | Path,
        *,
        create: bool = True,
        lock: bool = True,
        user: str | None = None,
        reader: bool = False,
        password: str | None = None,
    ) -> "Store":
        """Open (or create) the office file at ``path`` and bring its schema up to date.

        Raises ``StoreError`` with a Chinese message when the file is missing (and ``create`` is
        false), is not a database, is damaged, comes from a newer program, or is in use.

        ``reader``: the caller only reads (export, print preview, report…). When another process
        (the window) holds the file, the store is opened read-only beside it instead of being
        refused — WAL lets a reader see the last committed state while the window writes. Any
        write then raises ``FileInUseError`` naming who has the file.

        ``password``: for an encrypted file (it is remembered for this process, see ``driver``);
        without a password that decrypts it ``driver.PasswordError`` is raised (and the password
        given is forgotten again).
        """
        new = not driver.is_remembered(password)
        driver.remember(password)
        try:
            return cls._open(Path(path), create=create, lock=lock, user=user, reader=reader)
        except driver.PasswordError:
            if new:  # a password that opens another file stays remembered for it
                driver.forget(password)
            raise

    @classmethod
    def _open(cls, path: Path, *, create: bool, lock: bool, user: str | None, reader: bool) -> "Store":
        path = Path(path).expanduser().resolve()
        if not path.exists() and not create:
            raise StoreError(f"找不到数据库文件：{path}")
        if path.exists() and path.is_dir():
            raise StoreError(f"{path} 是一个文件夹，不是数据库文件")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"无法创建文件夹 {path.parent}：{os_reason(exc)}") from exc
        opening.refuse_foreign(path)
        if reader and lock and path.is_file():
            held_by = FileLock.holder_if_held(path)
            if held_by is not None:
                return cls._open_beside(path, held_by, user)
        opening.refuse_unwritable(path)
        opening.refuse_emptied(path, create)
        try:
            file_lock = FileLock.acquire(path) if lock else None
        except FileInUseError:
            if not reader:
                raise
            # the window opened the file between the probe and now: read beside it after all
            return cls._open_beside(path, FileLock.holder_if_held(path) or "另一个程序窗口", user)
        if file_lock is not None:
            opening.clean_stale_files(path)
        try:
            opening.make_private(path)
            conn = opening.connect(path)
            store = cls(path, conn, file_lock, user or _current_user())
            store.network = location.network_location(path)
            store._prepare()
        except BaseException:
            if file_lock is not None:
                file_lock.release()
            raise
        return store

    @classmethod
    def _open_beside(cls, path: Path, held_by: str, user: str | None) -> "Store":
        """A read-only store on a file another process holds (see ``open(reader=True)``)."""
        opening.refuse_emptied(path, False)
        try:
            conn = driver.connect(opening.readonly_uri(path), uri=True, timeout=opening.BUSY_TIMEOUT_MS / 1000,
                                  isolation_level=None, check_same_thread=False)
            conn.row_factory = sqlite.Row
            conn.execute(f"PRAGMA busy_timeout={opening.BUSY_TIMEOUT_MS}")
            conn.execute("PRAGMA query_only=ON")
        except sqlite.Error as exc:
            raise explain_sqlite_error(exc, path, "打开数据库") from exc
        store = cls(path, conn, None, user or _current_user())
        store.held_by = held_by
        try:
            version = store.schema_version
        except sqlite.Error as exc:
            conn.close()
            raise explain_sqlite_error(exc, path, "打开数据库") from exc
        if version != migrations.latest_version():
            conn.close()
            raise FileInUseError(f"数据库文件 {path.name} 正在被使用：{held_by}，且它的结构版本（{version}）"
                                 f"与本程序（{migrations.latest_version()}）不同。请先关闭那个窗口再运行此命令。")
        return store

    @property
    def read_only(self) -> bool:
        """True for a reader opened beside the window (``open(reader=True)``): writes are refused."""
        return self.held_by is not None

    def _refuse_write(self) -> None:
        raise FileInUseError(f"数据库文件 {self.path.name} 正在被使用：{self.held_by}。"
                             "此命令需要修改数据，请先关闭那个窗口再运行（只读的命令可以照常运行）。")

    def data_version(self) -> int:
        """SQLite's counter of commits made by *other* connections (``PRAGMA data_version``):
        the window polls it to notice what the command line changed meanwhile."""
        return int(self.conn.execute("PRAGMA data_version").fetchone()[0])

    def _prepare(self) -> None:
        try:
            self._journal()
            self.conn.execute("PRAGMA foreign_keys=ON")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            version = self.schema_version
            self.upgraded_from, self.upgrade_backup = migrations.upgrade(self, version)
            if self.upgrade_backup is not None:
                opening.make_private(self.upgrade_backup)
            self._set_session_user()
            self._guard()
        except sqlite.Error as exc:
            self.conn.close()
            raise explain_sqlite_error(exc, self.path, "打开数据库") from exc
        except BaseException:
            self.conn.close()
            raise

    def _set_session_user(self) -> None:
        """Audit triggers read the current user name from this one-row table."""
        with self.atomic():
            if any(r[1] == "os_user" for r in self.conn.execute("PRAGMA table_info(app_session)")):
                self.conn.execute(
                    "INSERT INTO app_session(id, user, os_user) VALUES (1, ?, ?) "
                    "ON CONFLICT(id) DO UPDATE SET user = excluded.user, os_user = excluded.os_user",
                    (self.user, self.os_user),
                )
            else:
                self.conn.execute(
                    "INSERT INTO app_session(id, user) VALUES (1, ?) "
                    "ON CONFLICT(id) DO UPDATE SET user = excluded.user",
                    (self.user,),
                )

    def _journal(self) -> None:
        """WAL on this PC. On a network share a rollback journal, and the main connection holds
        the file exclusively (SQLite's own locks, beside our lock file) — WAL across PCs corrupts."""
        if not self.network:
            self.conn.execute("PRAGMA journal_mode=WAL")
            return
        self.conn.execute("PRAGMA journal_mode=DELETE")
        if self._lock is not None:
            self.conn.execute("PRAGMA locking_mode=EXCLUSIVE")

    def _guard(self) -> None:
        """Put back protective triggers someone removed, on record; seal audit rows other tools wrote."""
        version = self.schema_version
        chain_lost = version >= guard.CHAIN_VERSION and not chain.has_chain(self.conn)
        missing, altered = guard.trigger_problems(self.conn, version)
        with self.atomic():
            if chain_lost:
                self.conn.execute(chain.CHAIN_TABLE)
                missing, altered = ["audit_chain", *missing], altered
            if missing or altered:
                guard.repair_triggers(self.conn, version)
                guard.record_event(self.conn, self.user, "repair",
                                   {"message": guard.problem_text(missing, altered) + "，已恢复",
                                    "missing": missing, "altered": altered})
                self.repaired_triggers = missing + altered
                self.repair_message = guard.problem_text(missing, altered) + "，打开时已恢复并记入操作日志。"
        self._sealing = chain.has_chain(self.conn)
        if self._sealing:
            with self.atomic():
                pass  # seals what other tools wrote since the program last had the file

    def reconnect(self) -> None:
        """Open the file again after it was replaced underneath (a new password, see ``encryption``):
        the same Store object, so the window's views keep working on it."""
        try:
            self.conn = opening.connect(self.path)
            self.password = driver.password_for(self.path)
            self._journal()
            self.conn.execute("PRAGMA foreign_keys=ON")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self._set_session_user()
            self._sealing = chain.has_chain(self.conn)
        except sqlite.Error as exc:
            raise explain_sqlite_error(exc, self.path, "打开数据库") from exc

    @property
    def encrypted(self) -> bool:
        return self.password is not None

    def set_user(self, user: str) -> None:
        """The name written into every audit row from now on (the name typed at login)."""
        self.user = user.strip() or _current_user()
        if not self.read_only:  # a reader writes no audit rows
            self._set_session_user()

    def open_worker(self) -> "Store":
        """A second connection to the same file for work off the UI thread.

        This process already holds the file lock, so the worker skips it; WAL lets the UI keep
        reading while the worker writes. The caller closes it when the work is done.
        """
        if not self.network:
            return Store.open(self.path, create=False, lock=False, user=self.user)
        # On a share the main connection holds the file exclusively: it lets go (our lock file
        # still keeps other PCs out) while a worker runs, and takes it back when the last ends.
        self._workers += 1
        if self._workers == 1:
            self.conn.execute("PRAGMA locking_mode=NORMAL")
            self.conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # drops the held lock
        try:
            worker = Store.open(self.path, create=False, lock=False, user=self.user)
        except BaseException:
            self._worker_closed()
            raise
        worker._parent = self
        return worker

    def _worker_closed(self) -> None:
        self._workers -= 1
        if self._workers == 0 and self.conn is not None:
            self.conn.execute("PRAGMA locking_mode=EXCLUSIVE")

    def close(self) -> None:
        if self.conn is not None:
            try:
                self.conn.execute("PRAGMA optimize")
            except sqlite.Error:
                pass
            self.conn.close()
            self.conn = None  # type: ignore[assignment]
        if self._lock is not None:
            self._lock.release()
            self._lock = None
        if self._parent is not None:
            parent, self._parent = self._parent, None
            parent._worker_closed()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
    # ---------------------------------------------------------------- queries
    # A damaged page met by any query, a full disk or read-only media met by a write outside
    # atomic() become the same Chinese StoreError as at opening; other errors pass unchanged.
    # (try/except rather than a context manager: these run in loops.)
    def execute(self, sql: str, params: Sequence[Any] | dict = ()) -> sqlite.Cursor:
        try:
            return self.conn.execute(sql, params)
        except sqlite.DatabaseError as exc:
            raise_explained(exc, self.path)
            raise

    def query(self, sql: str, params: Sequence[Any] | dict = ()) -> list[sqlite.Row]:
        try:
            return self.conn.execute(sql, params).fetchall()
        except sqlite.DatabaseError as exc:
            raise_explained(exc, self.path)
            raise

    def one(self, sql: str, params: Sequence[Any] | dict = ()) -> sqlite.Row | None:
        try:
            return self.conn.execute(sql, params).fetchone()
        except sqlite.DatabaseError as exc:
            raise_explained(exc, self.path)
            raise

    def scalar(self, sql: str, params: Sequence[Any] | dict = ()) -> Any:
        row = self.one(sql, params)
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



def _current_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name (service account, odd Windows setups)
        return "未知用户"
