"""Schema 10: walk-ins (名单外人数) and the festival (节日) of an activity.

``walk_ins`` counts the people who signed the blank rows of the printed 签到表 without being on
the roll; with a sign-in list the actual 人次 is then the list plus the walk-ins. ``festival``
names the traditional or public festival an activity is tied to (元宵、端午、中秋…), so that
planning next year moves it to that festival's date rather than to the same weekday.
"""

from __future__ import annotations


from ..driver import sqlite
from ..audit import install_audit_triggers

VERSION = 10


def upgrade(conn: sqlite.Connection) -> None:
    conn.execute("ALTER TABLE activities ADD COLUMN walk_ins INTEGER NOT NULL DEFAULT 0 "
                 "CHECK (walk_ins BETWEEN 0 AND 100000)")
    conn.execute("ALTER TABLE activities ADD COLUMN festival TEXT NOT NULL DEFAULT ''")
    install_audit_triggers(conn, "activities")  # the new columns are recorded in the log too
