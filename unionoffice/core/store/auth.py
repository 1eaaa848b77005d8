"""The optional password for opening the program, and who is acting.

The password keeps curious eyes out of the window on a shared office PC. It is stored as a scrypt
hash with a random salt and its cost parameters (so they can be raised later without breaking old
files) in the ``settings`` table; the password itself is never stored. It does not encrypt the
database file: anyone who can copy the file can read it with other tools, which is why the file and
its backups are readable by the current OS user only.

The CLI runs on the same trusted PC; for a file with a password, commands that open the file ask
for it in the environment variable ``UNIONOFFICE_PASSWORD`` (never on the command line, where other
users could see it in the process list).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
from typing import Mapping

from ..errors import StoreError, UserError
from .connection import Store

PASSWORD_KEY = "password_hash"
ENV_PASSWORD = "UNIONOFFICE_PASSWORD"
ENV_USER = "UNIONOFFICE_USER"
ENV_CLERK = "UNIONOFFICE_CLERK"
CLERKS_KEY = "clerks"
MIN_LENGTH = 6
MAX_LENGTH = 128
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1  # ~16 MB and ~50 ms per try: cheap for a login, dear for guessing
KEY_BYTES = 32
SALT_BYTES = 16
SCHEME = "scrypt"


# ------------------------------------------------------------------------ hashing
def hash_password(password: str, *, salt: bytes | None = None,
                  n: int = SCRYPT_N, r: int = SCRYPT_R, p: int = SCRYPT_P) -> str:
    """``scrypt$n$r$p$salt$key`` with salt and key in base64."""
    salt = os.urandom(SALT_BYTES) if salt is None else salt
    key = _derive(password, salt, n, r, p)
    return "$".join((SCHEME, str(n), str(r), str(p), _b64(salt), _b64(key)))


def verify_hash(password: str, encoded: str) -> bool:
    try:
        scheme, n, r, p, salt, key = encoded.split("$")
        if scheme != SCHEME:
            raise ValueError(scheme)
        expected = base64.b64decode(key)
        actual = _derive(password, base64.b64decode(salt), int(n), int(r), int(p))
    except (ValueError, TypeError) as exc:
        raise StoreError("数据库中保存的密码格式无法识别，请联系技术支持") from exc
    return hmac.compare_digest(actual, expected)


def _derive(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p,
                          maxmem=256 * r * n + 1024 * 1024, dklen=KEY_BYTES)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


# -------------------------------------------------------------------------- store
def has_password(store: Store) -> bool:
    return bool(store.get_setting(PASSWORD_KEY))


def check_password(store: Store, password: str) -> bool:
    """True when ``password`` opens this file (always True for a file without a password)."""
    encoded = store.get_setting(PASSWORD_KEY)
    return True if not encoded else verify_hash(password or "", encoded)


def set_password(store: Store, new: str, *, current: str = "") -> None:
    """Set or change the password; changing needs the current one."""
    _require_current(store, current)
    _check_new(new)
    had = has_password(store)
    with store.atomic():
        store.set_setting(PASSWORD_KEY, hash_password(new))
        _audit(store, "已设置" if had else "未设置", "已更换" if had else "已设置")


def remove_password(store: Store, *, current: str) -> None:
    """Open the program without a password from now on; needs the current one."""
    if not has_password(store):
        return
    _require_current(store, current)
    with store.atomic():
        store.set_setting(PASSWORD_KEY, None)
        _audit(store, "已设置", "未设置")


def _require_current(store: Store, current: str) -> None:
    if has_password(store) and not check_password(store, current):
        raise UserError("当前密码不正确", field="current")


def _check_new(new: str) -> None:
    if new != new.strip():
        raise UserError("密码的开头和结尾不能是空格", field="new")
    if len(new) < MIN_LENGTH:
        raise UserError(f"密码太短：至少 {MIN_LENGTH} 个字符", field="new")
    if len(new) > MAX_LENGTH:
        raise UserError(f"密码太长：最多 {MAX_LENGTH} 个字符", field="new")


def _audit(store: Store, before: str, after: str, key: str = "password") -> None:
    """Who changed a setting (the password, the clerks' names), and when, goes into the 操作日志."""
    store.execute(
        "INSERT INTO audit(user, os_user, table_name, row_id, action, before, after) "
        "VALUES (?, ?, 'settings', 0, 'update', ?, ?)",
        (store.user, store.os_user, json.dumps({key: before}, ensure_ascii=False),
         json.dumps({key: after}, ensure_ascii=False)),
    )


# ------------------------------------------------------------------------- clerks
def clerk_names(store: Store) -> list[str]:
    """The office's clerks (工会专干) by name, as kept in the office settings."""
    try:
        names = json.loads(store.get_setting(CLERKS_KEY, "[]") or "[]")
    except ValueError:
        return []
    return [n for n in names if isinstance(n, str) and n.strip()]


def set_clerk_names(store: Store, names: list[str]) -> list[str]:
    """Keep the clerks' names (blank lines dropped, order kept, each name once)."""
    clean = list(dict.fromkeys(" ".join(n.split()) for n in names if n and n.strip()))
    too_long = [n for n in clean if len(n) > 20]
    if too_long:
        raise UserError(f"姓名“{too_long[0]}”太长（最多 20 个字）", field="clerks")
    before = clerk_names(store)
    with store.atomic():
        store.set_setting(CLERKS_KEY, json.dumps(clean, ensure_ascii=False))
        _audit(store, "、".join(before), "、".join(clean), key="clerks")
    return clean


def act_as(store: Store, clerk: str) -> None:
    """From now on ``clerk`` is the 经办人, the 制表 on printouts and the audit's 操作人."""
    name = " ".join((clerk or "").split())
    if not name:
        raise UserError("请填写经办人姓名", field="clerk")
    store.set_user(name)


# ---------------------------------------------------------------------------- CLI
def cli_login(store: Store, environ: Mapping[str, str] | None = None) -> None:
    """For headless commands: the clerk's name (经办人/制表/操作人) from UNIONOFFICE_CLERK (or the
    older UNIONOFFICE_USER; ``--clerk`` overrides both), and the password (if the file
    has one) from UNIONOFFICE_PASSWORD. Raises UserError with what to do."""
    environ = os.environ if environ is None else environ
    user = (environ.get(ENV_CLERK) or environ.get(ENV_USER) or "").strip()
    if user:
        store.set_user(user)
    if not has_password(store):
        return
    given = environ.get(ENV_PASSWORD)
    if not given:
        raise UserError(f"数据库 {store.path.name} 设置了打开密码：请先把密码放进环境变量 {ENV_PASSWORD} 再运行此命令")
    if not check_password(store, given):
        raise UserError(f"环境变量 {ENV_PASSWORD} 中的密码不正确")
