"""Schema 5: the choice checks of ``members`` and ``orgs`` written as OR chains instead of IN lists.

``CHECK (status IN ('正常', '保留', …))`` makes SQLite build a small temporary table every time
the check runs, once per inserted row: a 50,000-row roll import spent 0.18 s of its 0.39 s insert
on five such checks. ``status = '正常' OR status = '保留' OR …`` accepts and refuses exactly the
same values (a NULL passes both) and costs almost nothing.

SQLite cannot alter a CHECK constraint, and a table rebuild would have to drop ``members`` under
the foreign keys of five other tables. The change does not touch a single stored byte, so it uses
SQLite's documented procedure for such changes (lang_altertable.html, "otheralter"): rewrite the
table's text in ``sqlite_master`` with ``writable_schema`` and bump ``schema_version``, all inside
the upgrade's transaction. Where the SQLite build refuses that (a "defensive" build), the checks
stay as they were: slower imports, same rules.
"""

from __future__ import annotations

import re
from ..driver import sqlite


VERSION = 5

TABLES = ("members", "orgs")

# CHECK (col IN (literal, literal, …)) where every literal is a quoted string or an integer.
_IN_CHECK = re.compile(r"CHECK \((\w+) IN \(((?:\s*(?:'[^',]*'|-?\d+)\s*,)*\s*(?:'[^',]*'|-?\d+)\s*)\)\)")


def or_chain(sql: str) -> str:
    """The CREATE TABLE text with each simple IN-list check written as an OR chain."""

    def rewrite(match: re.Match) -> str:
        column = match.group(1)
        items = [item.strip() for item in match.group(2).split(",")]
        return "CHECK (" + " OR ".join(f"{column} = {item}" for item in items) + ")"

    return _IN_CHECK.sub(rewrite, sql)


def upgrade(conn: sqlite.Connection) -> None:
    schema_version = conn.execute("PRAGMA schema_version").fetchone()[0]
    conn.execute("SAVEPOINT check_lists")
    conn.execute("PRAGMA writable_schema = ON")
    try:
        for table in TABLES:
            sql = conn.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?",
                               (table,)).fetchone()[0]
            conn.execute("UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = ?",
                         (or_chain(sql), table))
        # makes every connection (this one too) re-read the schema text
        conn.execute(f"PRAGMA schema_version = {int(schema_version) + 1}")
    except sqlite.OperationalError:
        # a defensive SQLite build: keep the IN lists (see the module docstring)
        conn.execute("ROLLBACK TO check_lists")
    finally:
        conn.execute("PRAGMA writable_schema = OFF")
        conn.execute("RELEASE check_lists")
    problems = [row[0] for row in conn.execute("PRAGMA quick_check")]
    if problems != ["ok"]:
        raise sqlite.DatabaseError(f"schema 5 check failed: {problems[:3]}")
