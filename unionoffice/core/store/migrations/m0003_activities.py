"""Schema 3: the activity calendar (活动) — activities, partner orgs, attendance and attachments.

An activity runs from ``start_date`` (+ optional ``start_time`` 'HH:MM') to ``end_date`` (+ optional
``end_time``); the CHECKs refuse an end before the start even when a script bypasses core.
``headcount`` is the actual 人次: core keeps it equal to the attendance list when there is one, and
takes a typed number for open events. Attachments live as files beside the database, named by
their SHA-256; the database only keeps hash, original name and size.
"""

from __future__ import annotations


from ..driver import sqlite
from ..audit import install_audit_triggers
from ..sqlutil import run_script

VERSION = 3

NOW = "(strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'))"
MAX_HEADCOUNT = 100_000

AUDITED_TABLES = ("activities", "activity_partners", "activity_attendance", "activity_attachments")

SCHEMA = f"""
CREATE TABLE activities (
    id                INTEGER PRIMARY KEY,
    title             TEXT NOT NULL CHECK (trim(title) <> ''),
    kind              TEXT NOT NULL DEFAULT '其他',      -- 文体/培训/技能竞赛/讲座/… (configurable list)
    start_date        TEXT NOT NULL,
    start_time        TEXT CHECK (start_time IS NULL OR length(start_time) = 5),
    end_date          TEXT NOT NULL,
    end_time          TEXT CHECK (end_time IS NULL OR length(end_time) = 5),
    location          TEXT NOT NULL DEFAULT '',
    organiser         TEXT NOT NULL DEFAULT '',          -- 组织者 / 承办
    status            TEXT NOT NULL DEFAULT '计划' CHECK (status IN ('计划', '已举办', '取消')),
    planned_headcount INTEGER CHECK (planned_headcount IS NULL OR planned_headcount BETWEEN 0 AND {MAX_HEADCOUNT}),
    headcount         INTEGER CHECK (headcount IS NULL OR headcount BETWEEN 0 AND {MAX_HEADCOUNT}),
    cost              INTEGER NOT NULL DEFAULT 0 CHECK (cost >= 0),   -- fen
    funding_source    TEXT NOT NULL DEFAULT '',
    description       TEXT NOT NULL DEFAULT '',
    recurring         INTEGER NOT NULL DEFAULT 0 CHECK (recurring IN (0, 1)),  -- 每年举办
    copied_from       INTEGER REFERENCES activities(id),  -- the last-year activity it was planned from
    created_at        TEXT NOT NULL DEFAULT {NOW},
    updated_at        TEXT NOT NULL DEFAULT {NOW},
    deleted_at        TEXT,
    CHECK (end_date > start_date OR (end_date = start_date AND
           (start_time IS NULL OR end_time IS NULL OR end_time >= start_time)))
);
CREATE INDEX activities_start ON activities(start_date);
CREATE INDEX activities_end ON activities(end_date);
CREATE INDEX activities_copied_from ON activities(copied_from);

CREATE TABLE activity_partners (
    id          INTEGER PRIMARY KEY,
    activity_id INTEGER NOT NULL REFERENCES activities(id),
    org_id      INTEGER NOT NULL REFERENCES orgs(id),
    UNIQUE (activity_id, org_id)
);
CREATE INDEX activity_partners_org ON activity_partners(org_id);

CREATE TABLE activity_attendance (
    id          INTEGER PRIMARY KEY,
    activity_id INTEGER NOT NULL REFERENCES activities(id),
    member_id   INTEGER NOT NULL REFERENCES members(id),
    created_at  TEXT NOT NULL DEFAULT {NOW},
    UNIQUE (activity_id, member_id)
);
CREATE INDEX activity_attendance_member ON activity_attendance(member_id);

CREATE TABLE activity_attachments (
    id            INTEGER PRIMARY KEY,
    activity_id   INTEGER NOT NULL REFERENCES activities(id),
    sha256        TEXT NOT NULL CHECK (length(sha256) = 64),
    original_name TEXT NOT NULL,
    size          INTEGER NOT NULL CHECK (size >= 0),
    added_at      TEXT NOT NULL DEFAULT {NOW},
    UNIQUE (activity_id, sha256)
);
CREATE INDEX activity_attachments_hash ON activity_attachments(sha256);
"""


def upgrade(conn: sqlite.Connection) -> None:
    run_script(conn, SCHEMA)
    for table in AUDITED_TABLES:
        install_audit_triggers(conn, table)
