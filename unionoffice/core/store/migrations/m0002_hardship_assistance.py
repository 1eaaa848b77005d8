"""Schema 2: hardship files (困难职工档案) with their yearly reviews, assistance campaigns (慰问活动)
and assistance rows (帮扶/慰问), each one payment or gift to one person.

The money rules live in the database, not only in Python, so that no script, import or future bug
can break them:

- an assistance row printed for signature is ``locked``: SQLite triggers refuse any change to its
  person, money, kind, campaign, dates or notes, and refuse deleting it (also moving it to the
  recycle bin). Only its status may move forward (拟发 → 已发 → 已签领), a receipt number may be
  written once, and the signed date may be set. Mistakes are fixed by a correcting entry
  (``reversal_of`` = the original) that is printed in its turn;
- one person appears at most once per campaign (a unique index on the person's 身份证号);
- one hardship file per person (一户一档): unique 身份证号 among files not in the recycle bin;
- the per-capita income always equals household income / household size, rounded half up.
"""

from __future__ import annotations


from ..driver import sqlite
from ..audit import install_audit_triggers
from ..sqlutil import run_script

VERSION = 2

NOW = "(strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'))"

AUDITED_TABLES = ("hardship_files", "hardship_reviews", "campaigns", "assistance")

# Columns of a locked assistance row that may still change (everything else is frozen).
LOCK_FREE_COLUMNS = ("status", "receipt_no", "signed_date", "updated_at")

LOCKED_MESSAGE = "这笔慰问已打印交签领，已锁定，金额、领取人等不能修改，也不能删除；如有错误，请做一笔更正（冲销）记录"

SCHEMA = f"""
CREATE TABLE hardship_files (
    id                INTEGER PRIMARY KEY,
    file_no           TEXT NOT NULL,                  -- 档案编号, e.g. 2026-0001
    member_id         INTEGER REFERENCES members(id), -- NULL for a worker not on the roll
    name              TEXT NOT NULL CHECK (trim(name) <> ''),
    gender            TEXT NOT NULL DEFAULT '' CHECK (gender IN ('', '男', '女')),
    id_number         TEXT NOT NULL CHECK (length(id_number) = 18),
    org_id            INTEGER REFERENCES orgs(id),
    org_name          TEXT NOT NULL DEFAULT '',       -- free text when the employer is not in orgs
    phone             TEXT NOT NULL DEFAULT '',
    category          TEXT NOT NULL CHECK (trim(category) <> ''),  -- 困难类别 (configurable list)
    level             TEXT NOT NULL CHECK (level IN ('市', '区', '街道')),  -- 建档层级
    main_cause        TEXT NOT NULL CHECK (trim(main_cause) <> ''),  -- 主要致困原因
    other_causes      TEXT NOT NULL DEFAULT '',       -- up to three more, joined with '、'
    household_size    INTEGER NOT NULL CHECK (household_size BETWEEN 1 AND 30),
    household_income  INTEGER NOT NULL DEFAULT 0 CHECK (household_income >= 0),  -- 家庭月收入, fen
    per_capita_income INTEGER NOT NULL DEFAULT 0,     -- 月人均收入, fen, derived
    health            TEXT NOT NULL DEFAULT '',       -- 健康状况
    housing           TEXT NOT NULL DEFAULT '',       -- 住房
    household         TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(household)),  -- 家庭成员 table
    bank_name         TEXT NOT NULL DEFAULT '',       -- 收款银行
    bank_branch       TEXT NOT NULL DEFAULT '',       -- 开户行
    bank_account      TEXT NOT NULL DEFAULT '',       -- 账号, stored in full, masked when shown
    filed_by          TEXT NOT NULL DEFAULT '',       -- 建档人
    checked_by        TEXT NOT NULL DEFAULT '',       -- 审核人
    filed_date        TEXT NOT NULL,                  -- 建档日期
    last_review_date  TEXT,                           -- 上次复核日期
    status            TEXT NOT NULL DEFAULT '在档' CHECK (status IN ('在档', '脱困', '撤档')),
    status_date       TEXT,
    status_reason     TEXT NOT NULL DEFAULT '',
    notes             TEXT NOT NULL DEFAULT '',
    name_pinyin       TEXT NOT NULL DEFAULT '',
    name_initials     TEXT NOT NULL DEFAULT '',
    created_at        TEXT NOT NULL DEFAULT {NOW},
    updated_at        TEXT NOT NULL DEFAULT {NOW},
    deleted_at        TEXT,
    CHECK (per_capita_income = (household_income * 2 + household_size) / (household_size * 2)),
    CHECK (status = '在档' OR status_date IS NOT NULL)
);
CREATE UNIQUE INDEX hardship_files_no ON hardship_files(file_no);
CREATE UNIQUE INDEX hardship_files_person ON hardship_files(id_number) WHERE deleted_at IS NULL;
CREATE INDEX hardship_files_member ON hardship_files(member_id);
CREATE INDEX hardship_files_pinyin ON hardship_files(name_pinyin);
CREATE INDEX hardship_files_initials ON hardship_files(name_initials);

CREATE TABLE hardship_reviews (
    id          INTEGER PRIMARY KEY,
    file_id     INTEGER NOT NULL REFERENCES hardship_files(id),
    review_date TEXT NOT NULL,
    reviewer    TEXT NOT NULL CHECK (trim(reviewer) <> ''),
    notes       TEXT NOT NULL DEFAULT '',
    changes     TEXT NOT NULL DEFAULT '',             -- readable summary of what the review changed
    created_at  TEXT NOT NULL DEFAULT {NOW}
);
CREATE INDEX hardship_reviews_file ON hardship_reviews(file_id, review_date);

CREATE TABLE campaigns (
    id              INTEGER PRIMARY KEY,
    kind            TEXT NOT NULL CHECK (kind IN ('元旦春节送温暖', '金秋助学', '夏送清凉', '大病救助',
                                                  '生病住院慰问', '临时救助', '劳模慰问', '其他')),
    name            TEXT NOT NULL CHECK (trim(name) <> ''),
    campaign_date   TEXT NOT NULL,
    funding_source  TEXT NOT NULL CHECK (funding_source IN ('市总', '区总', '街道总工会', '企业', '社会捐赠')),
    standard_amount INTEGER NOT NULL DEFAULT 0 CHECK (standard_amount >= 0),   -- fen
    budget          INTEGER CHECK (budget IS NULL OR budget >= 0),              -- fen; NULL = none set
    method          TEXT NOT NULL DEFAULT '现金' CHECK (method IN ('现金', '银行转账')),
    handler         TEXT NOT NULL DEFAULT '',          -- 经办人
    status          TEXT NOT NULL DEFAULT '草稿' CHECK (status IN ('草稿', '已打印', '已签领')),
    printed_at      TEXT,
    signed_date     TEXT,
    notes           TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL DEFAULT {NOW},
    updated_at      TEXT NOT NULL DEFAULT {NOW},
    deleted_at      TEXT
);
CREATE INDEX campaigns_date ON campaigns(campaign_date);

CREATE TABLE assistance (
    id               INTEGER PRIMARY KEY,
    member_id        INTEGER REFERENCES members(id),
    hardship_file_id INTEGER REFERENCES hardship_files(id),
    -- the person as printed: a snapshot, so a later change to the roll never alters paper already signed
    name             TEXT NOT NULL CHECK (trim(name) <> ''),
    gender           TEXT NOT NULL DEFAULT '' CHECK (gender IN ('', '男', '女')),
    id_number        TEXT NOT NULL CHECK (length(id_number) = 18),
    org_name         TEXT NOT NULL DEFAULT '',
    category         TEXT NOT NULL DEFAULT '',        -- 困难类别 at the time, '' when not filed
    kind             TEXT NOT NULL CHECK (kind IN ('元旦春节送温暖', '金秋助学', '夏送清凉', '大病救助',
                                                   '生病住院慰问', '临时救助', '劳模慰问', '其他')),
    campaign_id      INTEGER REFERENCES campaigns(id), -- NULL for a single payment (e.g. a hospital visit)
    paid_date        TEXT NOT NULL,
    amount           INTEGER NOT NULL DEFAULT 0,      -- fen
    goods            TEXT NOT NULL DEFAULT '',        -- 实物 description
    goods_value      INTEGER NOT NULL DEFAULT 0,      -- fen
    funding_source   TEXT NOT NULL CHECK (funding_source IN ('市总', '区总', '街道总工会', '企业', '社会捐赠')),
    method           TEXT NOT NULL DEFAULT '现金' CHECK (method IN ('现金', '银行转账')),
    status           TEXT NOT NULL DEFAULT '拟发' CHECK (status IN ('拟发', '已发', '已签领')),
    receipt_no       TEXT,
    signed_date      TEXT,
    handler          TEXT NOT NULL DEFAULT '',        -- 经办人
    locked           INTEGER NOT NULL DEFAULT 0 CHECK (locked IN (0, 1)),
    print_seq        INTEGER,                         -- 序号 on the campaign's sheet, fixed when locked
    reversal_of      INTEGER REFERENCES assistance(id),  -- set on a correcting entry
    notes            TEXT NOT NULL DEFAULT '',        -- 备注 (printed)
    created_at       TEXT NOT NULL DEFAULT {NOW},
    updated_at       TEXT NOT NULL DEFAULT {NOW},
    deleted_at       TEXT,
    -- an original entry never carries a negative value; a correcting entry changes something
    CHECK (reversal_of IS NOT NULL OR (amount >= 0 AND goods_value >= 0)),
    CHECK (reversal_of IS NULL OR amount <> 0 OR goods_value <> 0),
    CHECK (goods_value = 0 OR trim(goods) <> ''),
    CHECK (reversal_of IS NULL OR reversal_of <> id)
);
CREATE INDEX assistance_campaign ON assistance(campaign_id);
CREATE INDEX assistance_person ON assistance(id_number, paid_date);
CREATE INDEX assistance_member ON assistance(member_id);
CREATE INDEX assistance_file ON assistance(hardship_file_id);
CREATE INDEX assistance_reversal ON assistance(reversal_of);
CREATE INDEX assistance_date ON assistance(paid_date);
CREATE UNIQUE INDEX assistance_campaign_person ON assistance(campaign_id, id_number)
    WHERE campaign_id IS NOT NULL AND reversal_of IS NULL AND deleted_at IS NULL;
CREATE UNIQUE INDEX assistance_print_seq ON assistance(campaign_id, print_seq)
    WHERE campaign_id IS NOT NULL AND print_seq IS NOT NULL;
CREATE UNIQUE INDEX assistance_receipt_no ON assistance(receipt_no) WHERE receipt_no IS NOT NULL;

-- A printed (non-draft) campaign cannot go back to draft, be deleted or be moved to the recycle bin.
CREATE TRIGGER campaigns_printed_no_delete BEFORE DELETE ON campaigns WHEN OLD.status <> '草稿'
BEGIN SELECT RAISE(ABORT, '该慰问活动已打印，不能删除'); END;
CREATE TRIGGER campaigns_printed_frozen BEFORE UPDATE ON campaigns WHEN OLD.status <> '草稿' AND (
    NEW.status = '草稿' OR NEW.deleted_at IS NOT OLD.deleted_at OR NEW.kind IS NOT OLD.kind
    OR NEW.funding_source IS NOT OLD.funding_source OR NEW.campaign_date IS NOT OLD.campaign_date)
BEGIN SELECT RAISE(ABORT, '该慰问活动已打印，类别、日期、资金来源不能再改，也不能删除或退回草稿'); END;

-- Status of a locked row moves forward only: 拟发 → 已发 → 已签领.
CREATE TRIGGER assistance_locked_status BEFORE UPDATE OF status ON assistance
WHEN OLD.locked = 1 AND NEW.status IS NOT OLD.status AND NOT (
    (OLD.status = '拟发' AND NEW.status IN ('已发', '已签领')) OR (OLD.status = '已发' AND NEW.status = '已签领'))
BEGIN SELECT RAISE(ABORT, '已锁定的慰问记录，状态只能向前：拟发 → 已发 → 已签领'); END;

-- A receipt number, once printed on a receipt, stays.
CREATE TRIGGER assistance_locked_receipt BEFORE UPDATE OF receipt_no ON assistance
WHEN OLD.locked = 1 AND coalesce(OLD.receipt_no, '') <> '' AND NEW.receipt_no IS NOT OLD.receipt_no
BEGIN SELECT RAISE(ABORT, '收据已按此编号打印，收据号不能更改'); END;

CREATE TRIGGER assistance_locked_delete BEFORE DELETE ON assistance WHEN OLD.locked = 1
BEGIN SELECT RAISE(ABORT, '{LOCKED_MESSAGE}'); END;
"""


def install_lock_triggers(conn: sqlite.Connection) -> None:
    """(Re)create the trigger that freezes locked assistance rows, from the table's current columns.

    Written as "every column except a short allow-list must stay equal", so a column added by a
    later migration is frozen too once that migration calls this again.
    """
    cols = [r[1] for r in conn.execute("PRAGMA table_info(assistance)") if r[1] not in LOCK_FREE_COLUMNS]
    changed = " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in cols)
    conn.execute("DROP TRIGGER IF EXISTS assistance_locked_update")
    conn.execute(
        f"CREATE TRIGGER assistance_locked_update BEFORE UPDATE ON assistance "
        f"WHEN OLD.locked = 1 AND ({changed}) "
        f"BEGIN SELECT RAISE(ABORT, '{LOCKED_MESSAGE}'); END"
    )


def upgrade(conn: sqlite.Connection) -> None:
    run_script(conn, SCHEMA)
    install_lock_triggers(conn)
    for table in AUDITED_TABLES:
        install_audit_triggers(conn, table)
