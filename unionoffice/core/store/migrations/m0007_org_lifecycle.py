"""Schema 7: the dated life of an org, so that figures for a past period use the register as it
stood then.

- ``org_events``: what happened to an org and when — 成立 (registered), 建会, 换届, 更名 (old and
  new name), 合并 (into which org), 迁出, 注销 — with a reason. An org counts in a period's figures
  from its 成立 (if recorded) until its 注销/迁出/合并.
- ``org_headcounts``: each org's 职工人数 / 女职工 / 农民工 with the date they were entered or
  imported. Triggers on ``orgs`` write a row (dated today) whenever the head-count is entered or
  imported; a count as at an earlier date is recorded with that date (``core.orgs.lifecycle``).
  The upgrade keeps today's head-counts as rows dated the day each org was entered.

Both tables are audited like the org register itself.
"""

from __future__ import annotations


from ..driver import sqlite
from ..audit import install_audit_triggers
from ..sqlutil import run_script

VERSION = 7

NOW = "(strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'))"
EVENT_KINDS = ("成立", "建会", "换届", "更名", "合并", "迁出", "注销")
_KINDS_SQL = ", ".join(f"'{k}'" for k in EVENT_KINDS)
_ISO = "GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'"

_UPSERT = """
    INSERT INTO org_headcounts (org_id, date, workers, women_workers, migrant_workers)
    VALUES (NEW.id, date('now', 'localtime'), NEW.workers, NEW.women_workers, NEW.migrant_workers)
    ON CONFLICT (org_id, date) DO UPDATE SET workers = excluded.workers,
        women_workers = excluded.women_workers, migrant_workers = excluded.migrant_workers;
"""

SCHEMA = f"""
CREATE TABLE org_events (
    id          INTEGER PRIMARY KEY,
    org_id      INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL CHECK (kind IN ({_KINDS_SQL})),
    date        TEXT NOT NULL CHECK (date {_ISO}),
    reason      TEXT NOT NULL DEFAULT '',
    old_value   TEXT NOT NULL DEFAULT '',      -- 更名: the old name
    new_value   TEXT NOT NULL DEFAULT '',      -- 更名: the new name; 合并: the org merged into
    created_at  TEXT NOT NULL DEFAULT {NOW},
    updated_at  TEXT NOT NULL DEFAULT {NOW},
    deleted_at  TEXT
);
CREATE INDEX org_events_org ON org_events(org_id, kind, date);

CREATE TABLE org_headcounts (
    id              INTEGER PRIMARY KEY,
    org_id          INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,  -- emptied with the org
    date            TEXT NOT NULL CHECK (date {_ISO}),
    workers         INTEGER NOT NULL DEFAULT 0 CHECK (workers >= 0),
    women_workers   INTEGER NOT NULL DEFAULT 0 CHECK (women_workers >= 0),
    migrant_workers INTEGER NOT NULL DEFAULT 0 CHECK (migrant_workers >= 0),
    created_at      TEXT NOT NULL DEFAULT {NOW},
    UNIQUE (org_id, date)
);

INSERT INTO org_headcounts (org_id, date, workers, women_workers, migrant_workers)
SELECT id, coalesce(substr(created_at, 1, 10), date('now', 'localtime')), workers, women_workers, migrant_workers
FROM orgs;

CREATE TRIGGER orgs_headcount_insert AFTER INSERT ON orgs BEGIN {_UPSERT} END;
CREATE TRIGGER orgs_headcount_update AFTER UPDATE OF workers, women_workers, migrant_workers ON orgs
WHEN NEW.workers IS NOT OLD.workers OR NEW.women_workers IS NOT OLD.women_workers
  OR NEW.migrant_workers IS NOT OLD.migrant_workers
BEGIN {_UPSERT} END;
"""


def upgrade(conn: sqlite.Connection) -> None:
    run_script(conn, SCHEMA)
    for table in ("org_events", "org_headcounts"):
        install_audit_triggers(conn, table)
    # (today's head-count rows are left out of the audit: see audit.AUDIT_WHEN)
