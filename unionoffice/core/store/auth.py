"""The optional password for opening the program, and who is acting.

The password keeps curious eyes out of the window on a shared office PC, and it is the key the
database file and every backup are encrypted with (SQLCipher, see ``driver`` and ``encryption``):
without it the file reads as noise. It is also stored as a scrypt hash with a random salt and its
cost parameters in the ``settings`` table (inside the encrypted file), which still guards files
from before encryption; the password itself is never stored.

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
from typing import Callable, Mapping

from ..errors import StoreError, UserError
from . import driver, encryption
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


def set_password(store: Store, new: str, *, current: str = "",
                 progress: Callable[[str], None] | None = None) -> str:
    """Set or change the password (changing needs the current one); the file and its backups are
    encrypted with it from now on. A verified backup under the old password is taken first.
    Returns what the clerk is told."""
    _require_current(store, current)
    _check_new(new)
    had = has_password(store)
    (progress or (lambda text: None))("正在备份（更改前的数据）…")
    safety = _backup_first(store, "改密码前" if had else "设密码前")

    def _store_hash(copy: Store) -> None:
        copy.set_setting(PASSWORD_KEY, hash_password(new))
        _audit(copy, "已设置" if had else "未设置", "已更换" if had else "已设置")

    encryption.rekey(store, new, _store_hash, progress)
    done = "密码已更换" if had else "密码已设置"
    return (f"{done}，数据库和此后的备份都已用新密码加密。更改前的备份（{safety.name}）"
            f"{'用原来的密码加密' if store_was_encrypted(safety) else '没有加密'}，请妥善保管或在不需要时删除。")


def remove_password(store: Store, *, current: str, progress: Callable[[str], None] | None = None) -> str:
    """Open the program without a password from now on; needs the current one. The file is
    decrypted (a verified backup under the password is taken first)."""
    if not has_password(store) and not store.encrypted:
        return "数据库没有设置密码。"
    _require_current(store, current)
    (progress or (lambda text: None))("正在备份（取消前的数据）…")
    safety = _backup_first(store, "取消密码前")

    def _drop_hash(copy: Store) -> None:
        copy.set_setting(PASSWORD_KEY, None)
        _audit(copy, "已设置", "未设置")

    encryption.rekey(store, None, _drop_hash, progress)
    return (f"已取消打开密码：数据库和此后的备份不再加密。取消前的备份（{safety.name}）和更早的加密备份"
            "仍要用当时的密码才能恢复。")


def _backup_first(store: Store, label: str):
    from .backup import make_backup

    return make_backup(store, label=label)


def store_was_encrypted(path) -> bool:
    return driver.is_encrypted(path)


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
