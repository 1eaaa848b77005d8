"""An office with a password: its file is encrypted (SQLCipher). What that costs the clerk.

Each figure on the encrypted copy of the 100,000-member office is printed beside the same work on
the plain copy, in the same run. Encrypting (setting the password) is measured beside a plain
verified backup of the same file — both read and write every page once.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from bench_core import ensure_office
from run import Context, Figure, timed

from unionoffice.core.figures import catalogue as F
from unionoffice.core.members import records as members
from unionoffice.core.store import auth, backup, driver
from unionoffice.core.store.connection import Store

PASSWORD = "东湖街道2026"


def _open_close(path: Path) -> None:
    Store.open(path, lock=False).close()


def _year(path: Path) -> None:
    with Store.open(path, lock=False) as store:
        F.compute(store, F.year(2026))


def _search(path: Path) -> None:
    with Store.open(path, lock=False) as store:
        for text in ("张", "zhang", "王芳", "1385"):
            members.search_member_ids(store, text)


def run(ctx: Context) -> list[Figure]:
    ensure_office(ctx)
    out: list[Figure] = []
    with tempfile.TemporaryDirectory() as tmp:
        plain, secret = Path(tmp) / "plain" / "office.db", Path(tmp) / "secret" / "office.db"
        for path in (plain, secret):
            path.parent.mkdir()
            shutil.copy(ctx.db_path, path)
        with Store.open(secret) as store:
            with Store.open(plain) as other:
                base, _ = timed(backup.make_backup, other, Path(tmp) / "plain-backups")
            ours, _ = timed(auth.set_password, store, PASSWORD)
        out.append(Figure("set the password (encrypt the office, once)", ours, "a verified backup of it", base,
                          "(progress)"))
        driver.remember(PASSWORD)
        # each opens a new connection: its page cache is cold, so every page read is decrypted once
        for name, fn, repeat in (("open the office", _open_close, 3), ("a year's figures, cold", _year, 3),
                                 ("member search, 4 queries, cold", _search, 3)):
            base, _ = timed(fn, plain, repeat=repeat)
            ours, _ = timed(fn, secret, repeat=repeat)
            out.append(Figure(f"encrypted: {name}", ours, "the same on the plain file", base, "≤ 1.5×"))
        with Store.open(plain) as p, Store.open(secret) as s:
            base, _ = timed(backup.make_backup, p, Path(tmp) / "b1")
            ours, _ = timed(backup.make_backup, s, Path(tmp) / "b2")
        out.append(Figure("encrypted: a verified backup", ours, "the same on the plain file", base, "≤ 1.5×"))
    return out
