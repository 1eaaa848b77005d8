"""The migration ladder: numbered steps that bring any older office file up to this program.

Each step is a module ``mNNNN_<name>.py`` with ``VERSION = NNNN`` and ``upgrade(conn)``. Steps
run in order inside one transaction; ``PRAGMA user_version`` records the last one applied. Before
an existing file is upgraded it is copied aside, so a failed or regretted upgrade loses nothing.
A file written by a newer program is refused rather than guessed at.
"""

from __future__ import annotations

import importlib
import pkgutil

from datetime import datetime
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from .. import driver
from ..driver import sqlite
from ...errors import StoreError

if TYPE_CHECKING:
    from ..connection import Store


def steps() -> list[ModuleType]:
    found = []
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("m") and info.name[1:5].isdigit():
            found.append(importlib.import_module(f"{__name__}.{info.name}"))
    found.sort(key=lambda m: m.VERSION)
    # Numbers must run 1..n without gaps; tests/core/test_migrations.py enforces it so that
    # areas developed in parallel can each hold their reserved number meanwhile.
    return found


def latest_version() -> int:
    ladder = steps()
    return ladder[-1].VERSION if ladder else 0


def upgrade(store: "Store", current: int) -> tuple[int | None, Path | None]:
    """Bring ``store`` to the latest schema. Returns (old version, backup copy) if it upgraded."""
    ladder = steps()
    latest = ladder[-1].VERSION if ladder else 0
    if current > latest:
        raise StoreError(
            f"数据库文件 {store.path.name} 由更新版本的程序创建（结构版本 {current}，本程序支持到 {latest}），"
            "请升级本程序后再打开，以免损坏数据。"
        )
    if current == latest:
        return None, None
    backup = _copy_aside(store, current) if current > 0 else None
    try:
        with store.atomic():
            for step in (s for s in ladder if s.VERSION > current):
                step.upgrade(store.conn)
                # user_version cannot take a bound parameter
                store.conn.execute(f"PRAGMA user_version = {int(step.VERSION)}")
    except sqlite.Error as exc:
        where = f"，升级前的副本在 {backup}" if backup else ""
        raise StoreError(f"数据库升级失败，文件未改动{where}：{exc}") from exc
    return (current if current > 0 else None), backup


def _copy_aside(store: "Store", version: int) -> Path:
    """A consistent copy of the file as it was, named after its old schema version."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = store.path.with_name(f"{store.path.stem}.v{version}-{stamp}.bak{store.path.suffix}")
    try:
        dest = driver.connect(target, key=store.password)  # encrypted like the file it copies
        with dest:
            store.conn.backup(dest)
        dest.close()
    except (sqlite.Error, OSError) as exc:
        raise StoreError(f"升级前无法备份数据库到 {target}：{exc}，未做任何改动。") from exc
    return target
