"""Schema 1: settings, orgs (with their union), collective contracts, members, membership events,
and the append-only audit trail fed by triggers.

Conventions for every table: ``id INTEGER PRIMARY KEY``; dates are ISO ``YYYY-MM-DD`` text; money
is integer fen; flags are 0/1 integers; ``created_at``/``updated_at`` are local timestamps;
``deleted_at`` set means the record is in the recycle bin (回收站).
"""

from __future__ import annotations


from ..driver import sqlite
from ..audit import AUDIT_SCHEMA, install_audit_triggers
from ..sqlutil import run_script

AUDITED_TABLES = ("orgs", "members")

VERSION = 1

NOW = "(strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'))"

SCHEMA = f"""
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT
);

CREATE TABLE orgs (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL CHECK (trim(name) <> ''),
    credit_code     TEXT,
    category        TEXT NOT NULL DEFAULT '',      -- 单位类别: 国有/集体/私营/外资/港澳台/个体/事业/机关/社会组织
    industry        TEXT NOT NULL DEFAULT '',      -- 行业
    community       TEXT NOT NULL DEFAULT '',      -- 所属社区
    address         TEXT NOT NULL DEFAULT '',
    contact         TEXT NOT NULL DEFAULT '',
    contact_phone   TEXT NOT NULL DEFAULT '',
    workers         INTEGER NOT NULL DEFAULT 0 CHECK (workers >= 0),
    women_workers   INTEGER NOT NULL DEFAULT 0 CHECK (women_workers >= 0),
    migrant_workers INTEGER NOT NULL DEFAULT 0 CHECK (migrant_workers >= 0),
    -- a federation (工联会) is itself an org record that covers several small orgs
    is_federation   INTEGER NOT NULL DEFAULT 0 CHECK (is_federation IN (0, 1)),
    federation_kind TEXT NOT NULL DEFAULT '',      -- 社区/楼宇/行业
    union_mode      TEXT NOT NULL DEFAULT '未建会'
                    CHECK (union_mode IN ('独立建会', '联合建会', '未建会')),
    federation_id   INTEGER REFERENCES orgs(id),   -- the covering federation when 联合建会
    union_name      TEXT NOT NULL DEFAULT '',
    union_founded   TEXT,                          -- 建会日期
    union_chair     TEXT NOT NULL DEFAULT '',
    union_chair_phone TEXT NOT NULL DEFAULT '',
    term_years      INTEGER CHECK (term_years IS NULL OR term_years BETWEEN 1 AND 10),
    term_start      TEXT,                          -- 本届开始
    term_expiry     TEXT,                          -- 换届到期日
    fee_by_tax      INTEGER NOT NULL DEFAULT 0 CHECK (fee_by_tax IN (0, 1)),  -- 经费税务代收
    notes           TEXT NOT NULL DEFAULT '',
    name_pinyin     TEXT NOT NULL DEFAULT '',
    name_initials   TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL DEFAULT {NOW},
    updated_at      TEXT NOT NULL DEFAULT {NOW},
    deleted_at      TEXT,
    CHECK (union_mode = '联合建会' OR federation_id IS NULL)
);
CREATE UNIQUE INDEX orgs_name ON orgs(name) WHERE deleted_at IS NULL;
CREATE UNIQUE INDEX orgs_credit_code ON orgs(credit_code) WHERE credit_code IS NOT NULL AND deleted_at IS NULL;
CREATE INDEX orgs_federation ON orgs(federation_id);
CREATE INDEX orgs_pinyin ON orgs(name_pinyin);
CREATE INDEX orgs_initials ON orgs(name_initials);

-- 集体合同 / 工资专项 / 女职工专项, one row per signing so that history and period figures work
CREATE TABLE org_contracts (
    id              INTEGER PRIMARY KEY,
    org_id          INTEGER NOT NULL REFERENCES orgs(id),
    kind            TEXT NOT NULL CHECK (kind IN ('集体合同', '工资专项', '女职工专项')),
    signed_date     TEXT NOT NULL,
    expiry_date     TEXT,
    workers_covered INTEGER NOT NULL DEFAULT 0 CHECK (workers_covered >= 0),
    notes           TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL DEFAULT {NOW},
    CHECK (expiry_date IS NULL OR expiry_date >= signed_date)
);
CREATE INDEX org_contracts_org ON org_contracts(org_id);

CREATE TABLE members (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL CHECK (trim(name) <> ''),
    gender        TEXT NOT NULL DEFAULT '' CHECK (gender IN ('', '男', '女')),
    id_number     TEXT UNIQUE CHECK (id_number IS NULL OR length(id_number) = 18),
    birth_date    TEXT,
    ethnicity     TEXT NOT NULL DEFAULT '',        -- 民族
    politics      TEXT NOT NULL DEFAULT '',        -- 政治面貌
    education     TEXT NOT NULL DEFAULT '',        -- 学历
    phone         TEXT NOT NULL DEFAULT '',
    org_id        INTEGER REFERENCES orgs(id),
    joined_date   TEXT,                            -- 入会日期
    member_no     TEXT NOT NULL DEFAULT '',        -- 会员证号
    status        TEXT NOT NULL DEFAULT '正常'
                  CHECK (status IN ('正常', '保留', '转出', '退会', '开除', '去世')),
    status_date   TEXT,
    status_reason TEXT NOT NULL DEFAULT '',
    is_migrant    INTEGER NOT NULL DEFAULT 0 CHECK (is_migrant IN (0, 1)),     -- 农民工
    model_worker  TEXT NOT NULL DEFAULT '',        -- 劳模 level: 全国/省部级/市级/区级, '' = none
    is_retired    INTEGER NOT NULL DEFAULT 0 CHECK (is_retired IN (0, 1)),
    hukou         TEXT NOT NULL DEFAULT '' CHECK (hukou IN ('', '本地', '外地')),
    notes         TEXT NOT NULL DEFAULT '',
    name_pinyin   TEXT NOT NULL DEFAULT '',
    name_initials TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL DEFAULT {NOW},
    updated_at    TEXT NOT NULL DEFAULT {NOW},
    deleted_at    TEXT
);
CREATE INDEX members_org ON members(org_id);
CREATE INDEX members_name ON members(name);
-- partial indexes on the live roll: search as you type and roll order never touch the recycle bin
CREATE INDEX members_pinyin ON members(name_pinyin) WHERE deleted_at IS NULL;
CREATE INDEX members_initials ON members(name_initials) WHERE deleted_at IS NULL;
CREATE INDEX members_joined ON members(joined_date);

-- membership life: 入会, 转入/转出 between orgs, 保留/退会/开除/去世, 恢复
CREATE TABLE member_events (
    id          INTEGER PRIMARY KEY,
    member_id   INTEGER NOT NULL REFERENCES members(id),
    event_date  TEXT NOT NULL,
    kind        TEXT NOT NULL,
    from_org_id INTEGER REFERENCES orgs(id),
    to_org_id   INTEGER REFERENCES orgs(id),
    old_status  TEXT,
    new_status  TEXT,
    reason      TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL DEFAULT {NOW}
);
CREATE INDEX member_events_member ON member_events(member_id);
CREATE INDEX member_events_date ON member_events(event_date);
"""


def upgrade(conn: sqlite.Connection) -> None:
    run_script(conn, SCHEMA + AUDIT_SCHEMA)
    for table in AUDITED_TABLES:
        install_audit_triggers(conn, table)
