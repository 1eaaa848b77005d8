"""The SQLite library every office file is opened with, and the passwords that decrypt it.

An office that sets a password has its database and every backup encrypted with SQLCipher (PIPL
art. 51: 身份证号, bank accounts and illness details are sensitive). SQLCipher's build of SQLite
reads plain files too, so the program opens *every* office file through it: one SQLite library in
the process (two copies touching one file can drop each other's locks), and one family of
exception classes — ``sqlite.Error`` here, never the standard library's ``sqlite3.Error``, which
SQLCipher's exceptions do not inherit from. Without the wheel (an unusual platform) the standard
library is used and encryption is unavailable (``ENCRYPTION`` is False).

Which password opens which file: the passwords the clerk has given in this process are kept here
(``remember``); an encrypted file is opened with the first that decrypts it. The office's current
password usually is the only one; restoring an older backup may add the password it was made with.
"""

from __future__ import annotations

import hashlib
import os
import weakref
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..errors import StoreError

try:  # SQLCipher's SQLite with the standard DB-API interface
    from sqlcipher3 import dbapi2 as sqlite

    ENCRYPTION = True
except ImportError:  # pragma: no cover - the wheel exists for every platform we ship
    import sqlite3 as sqlite  # type: ignore[no-redef]

    ENCRYPTION = False

Error = sqlite.Error
Connection = sqlite.Connection
Row = sqlite.Row

SQLITE_MAGIC = b"SQLite format 3\x00"
_passwords: list[str] = []
_opened_with: dict[str, str] = {}  # file → the password that decrypted it last
_raw_keys: dict[tuple[str, bytes], str] = {}  # (password, file salt) → SQLCipher's derived key
KDF_ROUNDS = 256_000  # SQLCipher 4 default
CACHE_KIB = -32768  # 32 MB of decrypted pages per connection: queries don't decrypt the same page twice


class PasswordError(StoreError):
    """An encrypted file and no password that decrypts it (none given, or the wrong one).

    A StoreError, not an SQLite error: callers that call SQLite errors "damage" let it through,
    and the window answers it by asking for the password."""

    def __init__(self, path: Path, tried: bool):
        self.path = Path(path)
        self.tried = tried
        self.base = self.describe()
        super().__init__(self.base + "。")

    def describe(self) -> str:
        if self.tried:
            return (f"密码不正确，无法打开已加密的数据库文件 {self.path.name}（请检查大小写和输入法的全角/半角；"
                    "如果确认密码无误，文件可能已损坏，请联系技术支持）")
        return f"数据库文件 {self.path.name} 已加密，需要输入密码才能打开"

    def with_hint(self, hint: str) -> "PasswordError":
        """The same error with what to do appended (the CLI names its environment variable)."""
        self.message = f"{self.base}。{hint}。" if hint else self.message
        return self


def remember(password: str | None) -> None:
    """Try ``password`` on encrypted files from now on (most recent first)."""
    if password:
        if password in _passwords:
            _passwords.remove(password)
        _passwords.insert(0, password)


def is_remembered(password: str | None) -> bool:
    return bool(password) and password in _passwords


def forget(password: str | None) -> None:
    """A password that opened nothing is not tried again (it may be a typo of the right one)."""
    if password in _passwords:
        _passwords.remove(password)


def forget_all() -> None:
    """Drop every remembered password (tests; the window when it switches offices)."""
    _passwords.clear()
    _opened_with.clear()
    _raw_keys.clear()


def password_for(path: str | Path) -> str | None:
    """The password ``path`` was last opened with in this process; None for a plain file."""
    return _opened_with.get(_key_of(path))


def _key_of(path: str | Path) -> str:
    return os.path.normcase(str(Path(path).resolve()))


def is_encrypted(path: str | Path) -> bool:
    """True when ``path`` holds an SQLCipher file: no SQLite header, random-looking first page.

    A plain file whose header was damaged is mostly zeros and text, so it is still called damaged
    (not "encrypted") when it is opened; an encrypted page is noise in every byte.
    """
    head = _head_of(path)
    if len(head) < 512 or head.startswith(SQLITE_MAGIC):
        return False
    return len(set(head)) >= 160  # 1 KiB of uniform noise shows ~250 distinct byte values


# ------------------------------------------------------------- the file's first page
#
# On Linux and macOS a process's SQLite locks on a file are POSIX advisory locks, and closing
# *any* descriptor of that file in the process drops them all — SQLite guards against this only
# among its own connections. So reading the header with open() while the window's connection is
# open silently dropped its lock: another program (the sqlite3 shell, DB Browser) then took the
# file, checkpointed it and deleted the WAL the window was still writing into, and the file on
# disk went stale. The header is therefore read only before this process's first connection to
# the file, and remembered while any connection to it is open.

class _Connection(sqlite.Connection):
    """A connection opened by ``connect``: the registry below can tell when the last one closes."""


_heads: dict[tuple[int, int], tuple[bytes, "weakref.WeakSet[_Connection]"]] = {}


def _identity(path: str | Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


def _is_open(conn: _Connection) -> bool:
    try:
        conn.in_transaction
    except sqlite.ProgrammingError:  # closed
        return False
    return True


def _head_of(path: str | Path) -> bytes:
    """The first KiB of ``path``: remembered while this process has a connection to the file
    (reading it then would drop that connection's locks), read from the file otherwise."""
    known = _heads.get(_identity(path))  # type: ignore[arg-type]
    if known is not None and any(_is_open(c) for c in list(known[1])):
        return known[0]
    try:
        with open(path, "rb") as handle:
            return handle.read(1024)
    except OSError:
        return b""


def file_head(path: str | Path) -> bytes:
    """The first KiB of ``path``, read without dropping this process's locks on it (see above)."""
    return _head_of(path)


def _register(path: str | Path, head: bytes, conn: _Connection) -> None:
    ident = _identity(path)
    if ident is None:
        return
    known = _heads.get(ident)
    if known is None or not any(_is_open(c) for c in list(known[1])):
        known = _heads[ident] = (head, weakref.WeakSet())
    known[1].add(conn)


def connect(database: str | Path, *, uri: bool = False, key: str | None = None, **kwargs) -> Connection:
    """``sqlite.connect`` that decrypts: with ``key`` (a new file being encrypted, or a file whose
    password is known), else with the remembered passwords when the file is encrypted.
    Raises ``PasswordError`` when none decrypts it."""
    path = _file_of(str(database), uri)
    head = _head_of(path) if path is not None else b""  # before the connection: see _head_of
    kwargs.setdefault("factory", _Connection)
    conn = sqlite.connect(str(database), uri=uri, **kwargs)
    _quiet(conn)
    if path is not None:
        _register(path, head, conn)
    if key:
        _apply_key(conn, key)
        if path is not None:
            _opened_with[_key_of(path)] = key
        return conn
    if path is None or not is_encrypted(path):
        if path is not None:
            _opened_with.pop(_key_of(path), None)
        return conn
    return _unlock(conn, str(database), uri, path, kwargs)


def _unlock(conn: Connection, database: str, uri: bool, path: Path, kwargs: dict) -> Connection:
    salt = _salt_of(path)
    last = _opened_with.get(_key_of(path))  # the password this file opened with before comes first
    for password in list(dict.fromkeys([*([last] if last else []), *_passwords])):
        for key in (_raw_key(password, salt), quote(password)):  # the derived key first: no KDF again
            if key is None:
                continue
            conn.execute(f"PRAGMA key = {key}")
            if _readable(conn):
                _opened_with[_key_of(path)] = password
                conn.execute(f"PRAGMA cache_size = {CACHE_KIB}")
                return conn
            conn.close()  # a wrong key can't be replaced on the same connection
            conn = sqlite.connect(database, uri=uri, **kwargs)
            _quiet(conn)
            _register(path, _head_of(path), conn)
    conn.close()
    raise PasswordError(path, tried=bool(_passwords))


def _salt_of(path: Path) -> bytes | None:
    """SQLCipher keeps the key-derivation salt in the file's first 16 bytes."""
    salt = _head_of(path)[:16]
    return salt if len(salt) == 16 else None


def _raw_key(password: str, salt: bytes | None) -> str | None:
    """SQLCipher 4's own derivation (PBKDF2-HMAC-SHA512, 256,000 rounds) done once per password and
    file salt and kept for this process: every later connection to the file (the window's worker,
    a backup's check, the CLI beside it) skips the 0.15 s derivation. If SQLCipher's defaults ever
    change, this key simply fails and the password is used as it is."""
    if salt is None or not ENCRYPTION:
        return None
    cached = _raw_keys.get((password, salt))
    if cached is None:
        derived = hashlib.pbkdf2_hmac("sha512", password.encode("utf-8"), salt, KDF_ROUNDS, 32)
        cached = _raw_keys[(password, salt)] = f"\"x'{derived.hex()}'\""
    return cached


def _readable(conn: Connection) -> bool:
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return True
    except sqlite.DatabaseError:
        return False


def _apply_key(conn: Connection, key: str) -> None:
    """``PRAGMA key`` takes no parameters: the password is quoted as an SQL string literal."""
    if not ENCRYPTION:
        raise StoreError("本电脑上的程序缺少加密组件（sqlcipher3），无法打开或加密带密码的数据库")
    conn.execute(f"PRAGMA key = {quote(key)}")


def quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _quiet(conn: Connection) -> None:
    """SQLCipher logs every failed decryption to stderr; the clerk gets our Chinese message instead."""
    if ENCRYPTION:
        conn.execute("PRAGMA cipher_log_level = NONE")


def _file_of(database: str, uri: bool) -> Path | None:
    if database == ":memory:" or database == "":
        return None
    if not uri:
        return Path(database)
    parts = urlsplit(database)
    if "mode=memory" in parts.query or not parts.path:
        return None
    path = unquote(parts.path)
    if os.name == "nt" and len(path) > 2 and path[0] == "/" and path[2] == ":":
        path = path[1:]  # file:/C:/… → C:/…
    return Path(path)


def encrypted_with(conn: Connection) -> bool:
    """Whether this open connection's main database is encrypted (``PRAGMA cipher_status``)."""
    if not ENCRYPTION:
        return False
    try:
        row = conn.execute("PRAGMA cipher_status").fetchone()
    except sqlite.Error:
        return False
    return bool(row and str(row[0]) == "1")
