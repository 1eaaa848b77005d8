"""The audit trail: every insert/update/delete of the clerk's records leaves a row here.

Rows are written by SQLite triggers, so nothing that touches the tables — the GUI, the CLI, an
import, a script with raw SQL — can skip them. The ``audit`` table itself is append-only: triggers
refuse UPDATE and DELETE on it. The acting user comes from the one-row ``app_session`` table that
the store fills when it opens the file.
"""

from __future__ import annotations

import json

from typing import Any, Iterable, Sequence

from .driver import quote, sqlite
from .sqlutil import run_script

AUDIT_SCHEMA = """
CREATE TABLE app_session (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    user TEXT NOT NULL
);
CREATE TABLE audit (
    id         INTEGER PRIMARY KEY,
    at         TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime')),
    user       TEXT NOT NULL DEFAULT '',
    table_name TEXT NOT NULL,
    row_id     INTEGER NOT NULL,
    action     TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete', 'soft_delete', 'restore')),
    before     TEXT,
    after      TEXT
);
CREATE INDEX audit_record ON audit(table_name, row_id);
CREATE INDEX audit_at ON audit(at);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, '操作日志只能追加，不能修改'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, '操作日志只能追加，不能删除'); END;
"""

ACTION_LABELS = {
    "insert": "新增",
    "update": "修改",
    "delete": "彻底删除",
    "soft_delete": "移入回收站",
    "restore": "从回收站恢复",
    "restore_backup": "从备份恢复",  # the program's own events (table_name '_office', see guard.py)
    "repair": "恢复保护规则",
}

_USER = "coalesce((SELECT user FROM app_session WHERE id = 1), '')"
_OS_USER = "coalesce((SELECT os_user FROM app_session WHERE id = 1), '')"


def _who(conn: sqlite.Connection) -> tuple[str, str]:
    """(columns, values) naming who acts: the clerk, and from schema 8 the OS login beside her."""
    if any(r[1] == "os_user" for r in conn.execute("PRAGMA table_info(audit)")):
        return "user, os_user", f"{_USER}, {_OS_USER}"
    return "user", _USER


# What a bulk insert's audit row leaves out: the row id and the time stamps (the audit row's own
# row_id and at say them) and search keys worked out from the name. The audit view hides these
# fields anyway; left out, a 50,000-row import writes a quarter less audit text (~0.05 s).
BULK_LEFT_OUT = frozenset({"id", "created_at", "updated_at", "name_pinyin", "name_initials"})


def _json_of(conn: sqlite.Connection, table: str, alias: str, leave_out: frozenset[str] = frozenset()) -> str:
    cols = [row[1] for row in conn.execute(f"PRAGMA table_info({table})") if row[1] not in leave_out]
    # Older SQLite builds allow only 127 function arguments, so wide tables are written as
    # several json_object() calls merged with json_patch() (which drops null keys of the later
    # parts; readers treat a missing key as null).
    chunks = [cols[i : i + 50] for i in range(0, len(cols), 50)]
    parts = ["json_object(" + ", ".join(f"'{c}', {alias}.{c}" for c in chunk) + ")" for chunk in chunks]
    expr = parts[0]
    for part in parts[1:]:
        expr = f"json_patch({expr}, {part})"
    return expr


# Rows a table's audit leaves out, as a WHEN condition on its insert/update triggers. Kept here so
# that every migration that re-creates the triggers (for a new column) keeps the rule too.
# org_headcounts: today's row is written by a trigger on orgs whenever a head-count changes, and
# that change is already in the org's own audit row; a count for another day (补登往年人数) is the
# clerk's own entry and is audited.
AUDIT_WHEN = {"org_headcounts": "NEW.date <> date('now', 'localtime')"}


def install_audit_triggers(conn: sqlite.Connection, table: str) -> None:
    """(Re)create the three audit triggers of ``table`` from its current columns.

    Migrations that add columns to an audited table call this again so the new columns are
    recorded too. Tables are soft-deleted through ``deleted_at``; an update that sets or clears
    it is logged as soft_delete / restore so the log reads as the clerk acted.
    """
    drop_audit_triggers(conn, table)
    old, new = _json_of(conn, table, "OLD"), _json_of(conn, table, "NEW")
    has_deleted_at = any(r[1] == "deleted_at" for r in conn.execute(f"PRAGMA table_info({table})"))
    update_action = (
        "CASE WHEN OLD.deleted_at IS NULL AND NEW.deleted_at IS NOT NULL THEN 'soft_delete' "
        "WHEN OLD.deleted_at IS NOT NULL AND NEW.deleted_at IS NULL THEN 'restore' ELSE 'update' END"
        if has_deleted_at
        else "'update'"
    )
    cols, who = _who(conn)
    when = f" WHEN {AUDIT_WHEN[table]}" if table in AUDIT_WHEN else ""
    run_script(
        conn,
        f"""
        CREATE TRIGGER audit_{table}_insert AFTER INSERT ON {table}{when} BEGIN
            INSERT INTO audit({cols}, table_name, row_id, action, after)
            VALUES ({who}, '{table}', NEW.id, 'insert', {new});
        END;
        CREATE TRIGGER audit_{table}_update AFTER UPDATE ON {table}{when} BEGIN
            INSERT INTO audit({cols}, table_name, row_id, action, before, after)
            VALUES ({who}, '{table}', NEW.id, {update_action}, {old}, {new});
        END;
        CREATE TRIGGER audit_{table}_delete AFTER DELETE ON {table} BEGIN
            INSERT INTO audit({cols}, table_name, row_id, action, before)
            VALUES ({who}, '{table}', OLD.id, 'delete', {old});
        END;
        """
    )


def drop_audit_triggers(conn: sqlite.Connection, table: str) -> None:
    for action in ("insert", "update", "delete"):
        conn.execute(f"DROP TRIGGER IF EXISTS audit_{table}_{action}")


def history(conn: sqlite.Connection, table: str, row_id: int) -> list[dict[str, Any]]:
    """The audit rows of one record, oldest first, with before/after decoded."""
    rows = conn.execute(
        "SELECT id, at, user, action, before, after FROM audit "
        "WHERE table_name = ? AND row_id = ? ORDER BY id",
        (table, row_id),
    ).fetchall()
    return [
        {
            "id": r["id"],
            "at": r["at"],
            "user": r["user"],
            "action": r["action"],
            "action_label": ACTION_LABELS.get(r["action"], r["action"]),
            "before": json.loads(r["before"]) if r["before"] else None,
            "after": json.loads(r["after"]) if r["after"] else None,
        }
        for r in rows
    ]


def changed_fields(entry: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    """Fields whose value differs between before and after, ignoring bookkeeping columns."""
    before, after = entry.get("before") or {}, entry.get("after") or {}
    skip = {"updated_at", "name_pinyin", "name_initials"}
    keys = (set(before) | set(after)) - skip
    return {k: (before.get(k), after.get(k)) for k in sorted(keys) if before.get(k) != after.get(k)}


def bulk_insert(conn: sqlite.Connection, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]],
                same: dict[str, str] | None = None) -> int:
    """Insert many rows with their audit rows, much faster than the per-row trigger.

    A trigger firing per row costs ~25 µs here (100,000 members: ~3 s); writing the same audit
    rows afterwards in one INSERT … SELECT costs ~0.4 s. The caller must hold a transaction
    (``store.atomic()``): the insert trigger is dropped and re-created inside it, so no other
    writer can slip an unaudited row in, and a failure rolls the trigger change back too.
    ``same``: text columns with one value for every row (an import's time stamps), written
    into the statement once rather than bound for each row. Returns the number of rows inserted.
    """
    if not conn.in_transaction:
        raise RuntimeError("bulk_insert needs an open transaction")
    last_id = conn.execute(f"SELECT coalesce(max(id), 0) FROM {table}").fetchone()[0]
    conn.execute(f"DROP TRIGGER IF EXISTS audit_{table}_insert")
    same = same or {}
    marks = ", ".join(["?"] * len(columns) + [quote(str(v)) for v in same.values()])
    cur = conn.executemany(f"INSERT INTO {table} ({', '.join([*columns, *same])}) VALUES ({marks})", rows)
    cols, who = _who(conn)
    conn.execute(
        f"INSERT INTO audit({cols}, table_name, row_id, action, after) "
        f"SELECT {who}, '{table}', NEW.id, 'insert', {_json_of(conn, table, 'NEW', BULK_LEFT_OUT)} "
        f"FROM {table} AS NEW WHERE NEW.id > ? ORDER BY NEW.id",
        (last_id,),
    )
    install_audit_triggers(conn, table)
    return cur.rowcount
