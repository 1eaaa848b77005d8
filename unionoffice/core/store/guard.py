"""The database's own guards (triggers) put back when someone removed or rewrote them.

The rules that keep the audit append-only and locked payments frozen are SQLite triggers, and a
raw ``sqlite3`` shell can ``DROP TRIGGER``. What the triggers of a file at schema version N must
be is known to the program: the migration ladder applied to an empty in-memory database gives
them (built once per process). On every open the file's triggers are compared with that list;
missing or altered ones are re-created in the opening transaction, and the repair is written
into the audit (action ``repair``) so the loss stays on record. ``check`` reports the same
without changing anything.
"""

from __future__ import annotations

import json

from functools import lru_cache

from .driver import sqlite
from . import migrations

# Audit actions written by the program itself rather than by a table's triggers.
EVENT_TABLE = "_office"
CHAIN_VERSION = 13  # the schema that brought the chain and these guards (see migrations/m0013)


@lru_cache(maxsize=4)
def expected_triggers(version: int) -> dict[str, str]:
    """name → CREATE TRIGGER text of a file freshly built up to ``version``."""
    conn = sqlite.connect(":memory:", isolation_level=None)
    try:
        conn.execute("BEGIN")
        for step in migrations.steps():
            if step.VERSION <= version:
                step.upgrade(conn)
        conn.execute("COMMIT")
        return {name: sql for name, sql in conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")}
    finally:
        conn.close()


def trigger_problems(conn: sqlite.Connection, version: int) -> tuple[list[str], list[str]]:
    """(missing, altered) trigger names of the open file."""
    expected = expected_triggers(version)
    found = dict(conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").fetchall())
    missing = sorted(n for n in expected if n not in found)
    altered = sorted(n for n in expected if n in found and _norm(found[n]) != _norm(expected[n]))
    return missing, altered


def _norm(sql: str | None) -> str:
    return " ".join((sql or "").split())


def repair_triggers(conn: sqlite.Connection, version: int) -> list[str]:
    """Re-create missing or altered triggers; returns the names repaired. Caller holds the transaction."""
    missing, altered = trigger_problems(conn, version)
    expected = expected_triggers(version)
    for name in altered:
        conn.execute(f'DROP TRIGGER IF EXISTS "{name}"')
    for name in missing + altered:
        conn.execute(expected[name])
    return missing + altered


def problem_text(missing: list[str], altered: list[str]) -> str:
    parts = []
    if missing:
        parts.append(f"{len(missing)} 个被删除（{'、'.join(missing[:5])}{'……' if len(missing) > 5 else ''}）")
    if altered:
        parts.append(f"{len(altered)} 个被改动（{'、'.join(altered[:5])}{'……' if len(altered) > 5 else ''}）")
    return "数据库的保护规则（触发器）" + "，".join(parts)


def record_event(conn: sqlite.Connection, user: str, action: str, detail: dict) -> None:
    """An audit row written by the program itself (a restore, a repair). Caller holds the transaction."""
    detail = {"event": action, **detail}
    sql = "INSERT INTO audit(user, table_name, row_id, action, after) VALUES (?, ?, 0, ?, ?)"
    try:
        conn.execute(sql, (user, EVENT_TABLE, action, json.dumps(detail, ensure_ascii=False)))
    except sqlite.IntegrityError:  # a defensive SQLite build kept the old action CHECK (m0013)
        conn.execute(sql, (user, EVENT_TABLE, "update", json.dumps(detail, ensure_ascii=False)))


def events(conn: sqlite.Connection, limit: int = 20) -> list[dict]:
    """The program's own audit events (restores, repairs), newest first."""
    rows = conn.execute(f"SELECT id, at, user, after FROM audit WHERE table_name = '{EVENT_TABLE}' "
                        "ORDER BY id DESC LIMIT ?", (limit,)).fetchall()
    out = []
    for row in rows:
        detail = json.loads(row[3] or "{}")
        out.append({"id": row[0], "at": row[1], "user": row[2], **detail})
    return out
