"""The schema an office file should have, and what a given file lacks of it.

The expected schema is what the migrations build on an empty database, read back through
sqlite-utils' introspection, so it never drifts from the migrations themselves. ``check`` uses
it to find tables, indexes and triggers (the lock and audit protections) that someone removed."""

from __future__ import annotations


from dataclasses import dataclass
from functools import lru_cache

import sqlite_utils

from .driver import sqlite
from . import migrations

KIND_NAMES = {"table": "数据表", "index": "索引", "trigger": "触发器"}


@dataclass(frozen=True, order=True)
class SchemaObject:
    kind: str  # table / index / trigger
    name: str
    table: str

    def text(self) -> str:
        where = f"（{self.table} 表）" if self.kind != "table" else ""
        return f"{KIND_NAMES[self.kind]} {self.name}{where}"


def objects_of(conn: sqlite.Connection) -> set[SchemaObject]:
    """Tables, named indexes and triggers of an open database."""
    db = sqlite_utils.Database(conn)
    found = set()
    for name in db.table_names():
        if name.startswith("sqlite_"):
            continue
        found.add(SchemaObject("table", name, name))
        for index in db[name].indexes:
            if not index.name.startswith("sqlite_autoindex"):
                found.add(SchemaObject("index", index.name, name))
    found.update(SchemaObject("trigger", t.name, t.table) for t in db.triggers)
    return found


@lru_cache(maxsize=None)
def expected_objects(version: int) -> frozenset[SchemaObject]:
    """What the migrations up to ``version`` create, built once per version in memory."""
    conn = sqlite.connect(":memory:")
    try:
        for step in migrations.steps():
            if step.VERSION <= version:
                step.upgrade(conn)
        return frozenset(objects_of(conn))
    finally:
        conn.close()


def missing_objects(conn: sqlite.Connection, version: int) -> list[SchemaObject]:
    """What a file of schema ``version`` should hold and does not, tables first."""
    order = {"table": 0, "trigger": 1, "index": 2}
    missing = expected_objects(version) - objects_of(conn)
    return sorted(missing, key=lambda o: (order[o.kind], o.name))
