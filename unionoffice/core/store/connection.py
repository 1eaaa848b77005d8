"""The store: one object that owns the SQLite connection of one office file.

Everything that reads or writes the database goes through a ``Store``. It opens the file in WAL
mode with foreign keys on, holds an exclusive lock so a second program instance is told who has
the file open, upgrades old files through the migration ladder (after copying them aside), and
offers ``atomic()`` transactions that nest through savepoints.
"""

from __future__ import annotations

import getpass
import os

import sys
import threading
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any, Iterator, Sequence

from . import driver
from .driver import sqlite
from ..errors import FileInUseError, StoreError
from .lock import FileLock
from .paths import backup_dir_for
from . import chain, guard, location, migrations

BUSY_TIMEOUT_MS = 5000

# Primary SQLite result codes we explain to the clerk (sqlite3 exceptions carry them since 3.11).
SQLITE_BUSY, SQLITE_READONLY, SQLITE_IOERR, SQLITE_CORRUPT = 5, 8, 10, 11
SQLITE_FULL, SQLITE_CANTOPEN, SQLITE_NOTADB = 13, 14, 26
PRIVATE_MODE = 0o600  # personal data: the database, its WAL/SHM files and backups


class DamagedFileError(StoreError):
    """The file is no longer a readable database (damaged, truncated, overwritten).

    The GUI answers it by offering the newest backup that verifies; ``path`` names the file.
    """

    def __init__(self, message: str, *, path: Path | None = None):
        super().__init__(message)
        self.path = path


def default_db_path() -> Path:
    """The database a clerk gets when she names none: in the user's data folder."""
    import platformdirs

    return Path(platformdirs.user_data_dir("UnionOffice", appauthor=False)) / "unionoffice.db"


def now_text() -> str:
    """Local wall-clock time as stored in created_at/updated_at/audit rows."""
    return datetime.now().strftime("%Y-%m-%d %H:%M:%S")


class Store:
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
            raise StoreError(f"无法创建文件夹 {path.parent}：{exc.strerror or exc}") from exc
        if reader and lock and path.is_file():
            held_by = FileLock.holder_if_held(path)
            if held_by is not None:
                return cls._open_beside(path, held_by, user)
        _refuse_unwritable(path)
        _refuse_emptied(path, create)
        try:
            file_lock = FileLock.acquire(path) if lock else None
        except FileInUseError:
            if not reader:
                raise
            # the window opened the file between the probe and now: read beside it after all
            return cls._open_beside(path, FileLock.holder_if_held(path) or "另一个程序窗口", user)
        if file_lock is not None:
            clean_stale_files(path)
        try:
            _make_private(path)
            conn = _connect(path)
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
        _refuse_emptied(path, False)
        try:
            conn = driver.connect(readonly_uri(path), uri=True, timeout=BUSY_TIMEOUT_MS / 1000,
                                  isolation_level=None, check_same_thread=False)
            conn.row_factory = sqlite.Row
            conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
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
                _make_private(self.upgrade_backup)
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
            self.conn = _connect(self.path)
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

    # ----------------------------------------------------------- transactions
    @contextmanager
    def atomic(self) -> Iterator[sqlite.Connection]:
        """One transaction; nested calls become savepoints that roll back on their own.

        ``BEGIN IMMEDIATE`` takes the write lock up front so a transaction never fails half-way
        because another connection started writing.
        """
        with (self._transaction() if self._depth == 0 else self._savepoint()) as conn:
            yield conn

    @contextmanager
    def _transaction(self) -> Iterator[sqlite.Connection]:
        if self.read_only:
            self._refuse_write()
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite.Error as exc:
            raise explain_sqlite_error(exc, self.path) from exc
        self._depth = 1
        try:
            yield self.conn
        except BaseException as exc:
            self._depth = 0
            self._rollback()
            if isinstance(exc, sqlite.Error):
                clear = explain_sqlite_error(exc, self.path, strict=True)
                if clear is not None:
                    raise clear from exc
            raise
        self._depth = 0
        try:
            if self._sealing:  # chain the audit rows this transaction wrote, inside it
                chain.seal_new(self.conn)
            self.conn.execute("COMMIT")
        except sqlite.Error as exc:
            self._rollback()
            clear = explain_sqlite_error(exc, self.path, strict=True)
            raise (clear or StoreError(f"保存失败，已撤销本次修改：{exc}")) from exc

    @contextmanager
    def _savepoint(self) -> Iterator[sqlite.Connection]:
        self._savepoint_seq += 1
        name = f"sp{self._savepoint_seq}"
        self.conn.execute(f"SAVEPOINT {name}")
        self._depth += 1
        try:
            yield self.conn
        except BaseException:
            # A full disk or I/O error may already have rolled the whole transaction back.
            if self.conn.in_transaction:
                self.conn.execute(f"ROLLBACK TO {name}")
                self.conn.execute(f"RELEASE {name}")
            raise
        finally:
            self._depth -= 1
        self.conn.execute(f"RELEASE {name}")

    @contextmanager
    def snapshot(self) -> Iterator[sqlite.Connection]:
        """Reads that must agree with each other (a printout and its totals): one transaction on a
        writable store, a plain read transaction on a read-only one (whose writes then fail)."""
        if not self.read_only:
            with self.atomic() as conn:
                yield conn
            return
        self.conn.execute("BEGIN")
        try:
            yield self.conn
        finally:
            self._rollback()

    def _rollback(self) -> None:
        """Undo the open transaction, if SQLite has not already done so itself (SQLITE_FULL…)."""
        if self.conn.in_transaction:
            try:
                self.conn.execute("ROLLBACK")
            except sqlite.Error:
                pass  # the connection is gone or the transaction already ended

    @property
    def in_transaction(self) -> bool:
        return self._depth > 0

    # ---------------------------------------------------------------- queries
    # A damaged page met by any query, a full disk or read-only media met by a write outside
    # atomic() become the same Chinese StoreError as at opening; other errors pass unchanged.
    # (try/except rather than a context manager: these run in loops.)
    def execute(self, sql: str, params: Sequence[Any] | dict = ()) -> sqlite.Cursor:
        try:
            return self.conn.execute(sql, params)
        except sqlite.DatabaseError as exc:
            _raise_explained(exc, self.path)
            raise

    def query(self, sql: str, params: Sequence[Any] | dict = ()) -> list[sqlite.Row]:
        try:
            return self.conn.execute(sql, params).fetchall()
        except sqlite.DatabaseError as exc:
            _raise_explained(exc, self.path)
            raise

    def one(self, sql: str, params: Sequence[Any] | dict = ()) -> sqlite.Row | None:
        try:
            return self.conn.execute(sql, params).fetchone()
        except sqlite.DatabaseError as exc:
            _raise_explained(exc, self.path)
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


def _connect(path: Path) -> sqlite.Connection:
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


def explain_sqlite_error(exc: sqlite.Error, path: Path, doing: str = "保存", *,
                        strict: bool = False) -> StoreError | None:
    """A Chinese StoreError for what the clerk can act on: a damaged file, a full disk, read-only
    media, a failing drive. Other errors give a generic StoreError, or None when ``strict``
    (a constraint or a bug is then left to its own handler)."""
    primary = _primary_code(exc)
    name = path.name
    if primary in (SQLITE_CORRUPT, SQLITE_NOTADB):
        return DamagedFileError(
            f"数据库文件 {name} 已损坏，或不是本程序的数据库文件（{exc}）。可以从最近的备份恢复。", path=path)
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


def readonly_uri(path: str | Path, *, immutable: bool = False) -> str:
    """A ``mode=ro`` SQLite URI for ``path``; '#', '?' and '%' in folder names are escaped.

    ``immutable`` is for files nothing writes (backups): SQLite then creates no -wal/-shm beside
    them. Never for a live database, whose newest changes may still be in its WAL.
    """
    from urllib.parse import quote

    uri = "file:" + quote(Path(path).resolve().as_posix(), safe="/:") + "?mode=ro"
    return uri + "&immutable=1" if immutable else uri


_CODES_BY_TEXT = (("malformed", SQLITE_CORRUPT), ("not a database", SQLITE_NOTADB), ("disk is full", SQLITE_FULL),
                  ("readonly", SQLITE_READONLY), ("i/o error", SQLITE_IOERR), ("database is locked", SQLITE_BUSY))


def _primary_code(exc: sqlite.Error) -> int | None:
    """The primary result code; from the message when the exception was made by hand."""
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int):
        return code & 0xFF
    text = str(exc).lower()
    return next((c for words, c in _CODES_BY_TEXT if words in text), None)


def _raise_explained(exc: sqlite.Error, path: Path) -> None:
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


def _refuse_unwritable(path: Path) -> None:
    """Say so before anything is written: SQLite would fail later, with an English message."""
    if path.exists() and not os.access(path, os.R_OK):
        raise StoreError(unreadable_message(path))
    if path.exists() and not os.access(path, os.W_OK):
        raise StoreError(read_only_message(path))
    if not os.access(path.parent, os.W_OK):
        raise StoreError(read_only_message(path))


def _refuse_emptied(path: Path, create: bool) -> None:
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


def _make_private(path: Path) -> None:
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


def _current_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name (service account, odd Windows setups)
        return "未知用户"
