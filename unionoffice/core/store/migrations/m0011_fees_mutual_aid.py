"""Schema 11: union fees (工会经费) and mutual-aid cover (职工医疗互助保障 / 女职工安康).

Fees
- ``fee_records``: one row per org and fee period (``2026``, ``2026-H1``, ``2026-Q3``, ``2026-05``):
  工资总额 (payroll, fen; NULL = not entered, then the tax office's 计费依据 stand in), 缴纳方式,
  免交/缓交 with reason and approval date. 应缴 (2 %) and the shares are computed, never stored, so
  a change of the office's share settings shows at once.
- ``fee_payments``: the money actually paid (实缴), each with its date and way; rows read from the
  tax office's 代收明细 carry ``source_key`` so the same list imported twice adds nothing.

Mutual aid
- ``aid_plans``: the office's plans of a year (在职住院, 退休, 女职工安康 …) with the premium per
  person and who pays it.
- ``aid_enrolments``: one person in one plan; ``member_id`` is NULL for a worker not yet on the
  roll (listed to be added), who is still known by 身份证号.
- ``aid_claims``: 互助金给付 the office helped file.

Money is integer fen; every table is audited; deleting goes to the recycle bin (``deleted_at``).
"""

from __future__ import annotations


from ..driver import sqlite
from ..audit import install_audit_triggers
from ..sqlutil import run_script

VERSION = 11

AUDITED_TABLES = ("fee_records", "fee_payments", "aid_plans", "aid_enrolments", "aid_claims")

NOW = "(strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'))"
METHODS = "('', '税务代收', '自行拨缴', '工联会代缴')"

SCHEMA = f"""
CREATE TABLE fee_records (
    id                 INTEGER PRIMARY KEY,
    org_id             INTEGER NOT NULL REFERENCES orgs(id),
    period             TEXT NOT NULL,                  -- 2026 / 2026-H1 / 2026-Q1 / 2026-05
    period_start       TEXT NOT NULL,
    period_end         TEXT NOT NULL,
    payroll            INTEGER CHECK (payroll IS NULL OR payroll >= 0),   -- 工资总额, fen
    method             TEXT NOT NULL DEFAULT '' CHECK (method IN {METHODS}),
    exemption          TEXT NOT NULL DEFAULT '' CHECK (exemption IN ('', '免交', '缓交')),
    exemption_reason   TEXT NOT NULL DEFAULT '',
    exemption_approved TEXT,                           -- 批准日期
    notes              TEXT NOT NULL DEFAULT '',
    created_at         TEXT NOT NULL DEFAULT {NOW},
    updated_at         TEXT NOT NULL DEFAULT {NOW},
    deleted_at         TEXT,
    CHECK (period_end >= period_start),
    CHECK (exemption <> '' OR (exemption_reason = '' AND exemption_approved IS NULL))
);
CREATE UNIQUE INDEX fee_records_org_period ON fee_records(org_id, period) WHERE deleted_at IS NULL;
CREATE INDEX fee_records_period ON fee_records(period_start, period_end);

CREATE TABLE fee_payments (
    id            INTEGER PRIMARY KEY,
    fee_record_id INTEGER NOT NULL REFERENCES fee_records(id),
    paid_date     TEXT NOT NULL,                       -- 实缴日期 / 入库日期
    amount        INTEGER NOT NULL CHECK (amount > 0), -- fen
    base          INTEGER CHECK (base IS NULL OR base >= 0),  -- 计费依据 on a tax office row, fen
    method        TEXT NOT NULL CHECK (method IN ('税务代收', '自行拨缴', '工联会代缴')),
    source        TEXT NOT NULL DEFAULT '手工',        -- 手工 / the imported file's name
    source_key    TEXT,                                -- identity of an imported row
    notes         TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL DEFAULT {NOW},
    updated_at    TEXT NOT NULL DEFAULT {NOW},
    deleted_at    TEXT
);
CREATE INDEX fee_payments_record ON fee_payments(fee_record_id);
CREATE UNIQUE INDEX fee_payments_source_key ON fee_payments(source_key)
    WHERE source_key IS NOT NULL AND deleted_at IS NULL;

CREATE TABLE aid_plans (
    id          INTEGER PRIMARY KEY,
    year        INTEGER NOT NULL CHECK (year BETWEEN 1990 AND 2100),
    name        TEXT NOT NULL CHECK (trim(name) <> ''),    -- 在职住院 / 退休 / 女职工安康 …
    premium     INTEGER NOT NULL DEFAULT 0 CHECK (premium >= 0),   -- per person (per 份), fen
    payer       TEXT NOT NULL DEFAULT '单位' CHECK (payer IN ('单位', '个人', '工会')),
    notes       TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL DEFAULT {NOW},
    updated_at  TEXT NOT NULL DEFAULT {NOW},
    deleted_at  TEXT
);
CREATE UNIQUE INDEX aid_plans_year_name ON aid_plans(year, name) WHERE deleted_at IS NULL;

CREATE TABLE aid_enrolments (
    id            INTEGER PRIMARY KEY,
    plan_id       INTEGER NOT NULL REFERENCES aid_plans(id),
    member_id     INTEGER REFERENCES members(id),      -- NULL: not on the roll yet (to be added)
    person_name   TEXT NOT NULL CHECK (trim(person_name) <> ''),
    id_number     TEXT NOT NULL CHECK (length(id_number) = 18),
    org_id        INTEGER REFERENCES orgs(id),
    enrolled_date TEXT NOT NULL,
    shares        INTEGER NOT NULL DEFAULT 1 CHECK (shares >= 1),   -- 份数
    premium       INTEGER NOT NULL DEFAULT 0 CHECK (premium >= 0),  -- fen, all shares
    source        TEXT NOT NULL DEFAULT '逐个登记',     -- 逐个登记 / 全员参保 / the imported file's name
    notes         TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL DEFAULT {NOW},
    updated_at    TEXT NOT NULL DEFAULT {NOW},
    deleted_at    TEXT
);
CREATE UNIQUE INDEX aid_enrolments_plan_person ON aid_enrolments(plan_id, id_number) WHERE deleted_at IS NULL;
CREATE INDEX aid_enrolments_org ON aid_enrolments(org_id);
CREATE INDEX aid_enrolments_member ON aid_enrolments(member_id);
CREATE INDEX aid_enrolments_id_number ON aid_enrolments(id_number);   -- 全员参保 looks members up by ID

CREATE TABLE aid_claims (
    id            INTEGER PRIMARY KEY,
    enrolment_id  INTEGER NOT NULL REFERENCES aid_enrolments(id),
    claim_date    TEXT NOT NULL,                        -- 给付日期
    cause         TEXT NOT NULL CHECK (trim(cause) <> ''),   -- 疾病或原因
    amount        INTEGER NOT NULL CHECK (amount > 0),  -- 给付金额, fen
    notes         TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL DEFAULT {NOW},
    updated_at    TEXT NOT NULL DEFAULT {NOW},
    deleted_at    TEXT
);
CREATE INDEX aid_claims_enrolment ON aid_claims(enrolment_id);
CREATE INDEX aid_claims_date ON aid_claims(claim_date);
"""


def upgrade(conn: sqlite.Connection) -> None:
    run_script(conn, SCHEMA)
    for table in AUDITED_TABLES:
        install_audit_triggers(conn, table)
