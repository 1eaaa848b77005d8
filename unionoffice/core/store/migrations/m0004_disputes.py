"""Schema 4: the dispute log (劳动争议/劳资纠纷台账) — cases, their applicants, dated steps, and
the counter that hands out 案号.

- ``dispute_counters`` keeps the last sequence number used per year, so a 案号 is never handed
  out twice, even after its case was deleted or purged from the recycle bin.
- ``disputes.applicant_names`` and ``search_text``/``party_pinyin``/``party_initials`` are copies
  of the parties kept on the case row by core (``disputes.py``) so the case list and its search
  read one table.
- A step dated before the case was received is refused by a trigger as well as by core, so no
  script or import can slip one in.
"""

from __future__ import annotations


from ..driver import sqlite
from ..audit import install_audit_triggers
from ..sqlutil import run_script

VERSION = 4

AUDITED_TABLES = ("disputes", "dispute_applicants", "dispute_steps")

NOW = "(strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'))"

SOURCES = "('来访', '来电', '来信', '网络', '上级转办', '主动排查')"
KINDS = "('劳动报酬/欠薪', '劳动合同', '社会保险', '工伤', '解除/终止', '工时休假', '其他')"
STATUSES = "('受理', '调解中', '调解成功', '调解不成', '转仲裁', '转诉讼', '撤回', '结案')"

SCHEMA = f"""
CREATE TABLE dispute_counters (
    year     INTEGER PRIMARY KEY,
    last_seq INTEGER NOT NULL DEFAULT 0 CHECK (last_seq >= 0)
);

CREATE TABLE disputes (
    id                INTEGER PRIMARY KEY,
    case_no           TEXT NOT NULL UNIQUE,            -- 案号 2026-0007, never reused
    received_date     TEXT NOT NULL,                   -- 受理日期
    source            TEXT NOT NULL CHECK (source IN {SOURCES}),
    kind              TEXT NOT NULL CHECK (kind IN {KINDS}),   -- 争议类型
    respondent_org_id INTEGER REFERENCES orgs(id),     -- 被申请人 from the register, or NULL
    respondent_name   TEXT NOT NULL CHECK (trim(respondent_name) <> ''),
    workers           INTEGER NOT NULL DEFAULT 1 CHECK (workers >= 1),     -- 涉及人数
    amount            INTEGER NOT NULL DEFAULT 0 CHECK (amount >= 0),      -- 涉及金额, fen
    claim             TEXT NOT NULL DEFAULT '',        -- 事由, in the applicant's words
    handler           TEXT NOT NULL DEFAULT '',        -- 承办人
    status            TEXT NOT NULL DEFAULT '受理' CHECK (status IN {STATUSES}),
    mediation_result  TEXT NOT NULL DEFAULT '' CHECK (mediation_result IN ('', '成功', '不成')),
    mediated_date     TEXT,                            -- when mediation reached its result
    closed_date       TEXT,                            -- 结案 or 撤回 date
    outcome           TEXT NOT NULL DEFAULT '',        -- 处理结果
    recovered         INTEGER NOT NULL DEFAULT 0 CHECK (recovered >= 0),   -- 追回金额, fen
    settlement        TEXT NOT NULL DEFAULT '',        -- 调解协议 / 处理情况
    notes             TEXT NOT NULL DEFAULT '',
    applicant_names   TEXT NOT NULL DEFAULT '',        -- 张三、李四 (copy, for the list)
    applicant_count   INTEGER NOT NULL DEFAULT 0,
    search_text       TEXT NOT NULL DEFAULT '',        -- party names and phones
    party_pinyin      TEXT NOT NULL DEFAULT '',        -- ' zhangsan lisi shenzhenshi…'
    party_initials    TEXT NOT NULL DEFAULT '',        -- ' zs ls szs…'
    created_at        TEXT NOT NULL DEFAULT {NOW},
    updated_at        TEXT NOT NULL DEFAULT {NOW},
    deleted_at        TEXT,
    CHECK (closed_date IS NULL OR closed_date >= received_date),
    CHECK (mediated_date IS NULL OR mediated_date >= received_date)
);
CREATE INDEX disputes_received ON disputes(received_date);
CREATE INDEX disputes_status ON disputes(status);
CREATE INDEX disputes_respondent ON disputes(respondent_org_id);

CREATE TABLE dispute_applicants (
    id            INTEGER PRIMARY KEY,
    dispute_id    INTEGER NOT NULL REFERENCES disputes(id),
    position      INTEGER NOT NULL DEFAULT 0,
    member_id     INTEGER REFERENCES members(id),      -- picked from the roll, or NULL when typed
    name          TEXT NOT NULL CHECK (trim(name) <> ''),
    phone         TEXT NOT NULL DEFAULT '',
    name_pinyin   TEXT NOT NULL DEFAULT '',
    name_initials TEXT NOT NULL DEFAULT ''
);
CREATE INDEX dispute_applicants_dispute ON dispute_applicants(dispute_id);
CREATE INDEX dispute_applicants_member ON dispute_applicants(member_id);

CREATE TABLE dispute_steps (
    id          INTEGER PRIMARY KEY,
    dispute_id  INTEGER NOT NULL REFERENCES disputes(id),
    step_date   TEXT NOT NULL,
    action      TEXT NOT NULL CHECK (trim(action) <> ''),   -- 接待登记, 调查核实, 调解, …
    handler     TEXT NOT NULL DEFAULT '',
    note        TEXT NOT NULL DEFAULT '',
    new_status  TEXT,                                  -- set when the step changed the status
    created_at  TEXT NOT NULL DEFAULT {NOW}
);
CREATE INDEX dispute_steps_dispute ON dispute_steps(dispute_id, step_date);

CREATE TRIGGER dispute_steps_not_before_receipt_insert BEFORE INSERT ON dispute_steps
WHEN NEW.step_date < (SELECT received_date FROM disputes WHERE id = NEW.dispute_id)
BEGIN SELECT RAISE(ABORT, '办理步骤的日期不能早于受理日期'); END;

CREATE TRIGGER dispute_steps_not_before_receipt_update BEFORE UPDATE OF step_date ON dispute_steps
WHEN NEW.step_date < (SELECT received_date FROM disputes WHERE id = NEW.dispute_id)
BEGIN SELECT RAISE(ABORT, '办理步骤的日期不能早于受理日期'); END;
"""


def upgrade(conn: sqlite.Connection) -> None:
    run_script(conn, SCHEMA)
    for table in AUDITED_TABLES:
        install_audit_triggers(conn, table)
