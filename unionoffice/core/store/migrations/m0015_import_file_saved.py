"""Schema 15: each recorded import remembers when its file was last saved.

``import_runs.file_saved`` (local time, as the audit trail writes times; '' for imports recorded
before). A roll saved *earlier* than one imported since is an older roll: what the newer one
changed is then treated like the clerk's own work in the program — a conflict shown with both
values, never overwritten silently (``core.imports.rolls.program_work``).
"""

from __future__ import annotations

from ..driver import sqlite

VERSION = 15


def upgrade(conn: sqlite.Connection) -> None:
    conn.execute("ALTER TABLE import_runs ADD COLUMN file_saved TEXT NOT NULL DEFAULT ''")
