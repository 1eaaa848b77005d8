"""Schema 12: the honours register (评先评优), member service cards (会员服务卡) and fundraising
campaigns (募捐 / 特殊会费) with their contributions.

- ``honours`` holds honours to persons (劳模, 优秀工会干部 …) and to orgs/unions (工人先锋号,
  示范工会 …). The member's 劳模 level (``members.model_worker``) is from now on **read from this
  register**: triggers keep it equal to the highest level among the member's live 劳模 honours.
  A level typed on the member form or imported with the roll adds a 劳模 honour (source
  会员名册) instead of living apart; clearing it there removes nothing from the register.
  Existing levels are moved into the register here, so no 劳模 is lost by the upgrade.
- ``member_cards``: one row per member (信息采集 date, 制卡 date, card number).
- ``fund_campaigns`` / ``fund_contributions``: money raised, kept apart from assistance paid out.
- The standing and democratic management of each union (规范化建设): ``union_standing`` one row per
  org and year (三有, grade, 厂务公开, 职代会, 集体协商要约, 调解组织 and 预警员, 女职工组织, 帮困基金),
  ``union_facilities`` (职工之家/书屋/服务点), ``union_officers`` (主席 … 女职工委员), and
  ``regional_agreements`` with ``regional_agreement_orgs``: 区域性/行业性 collective contracts and
  区域性职代会 covering several orgs.
- Links to members, orgs and activities: a record that belongs to the row (a card, a standing, a fair's
  results) goes with it when that row is purged from the recycle bin (彻底删除); a record that only
  mentions it (an honour, a contribution, a placement) stays, unlinked, with the name it carries.
- Employment aid (就业援助): ``job_fairs`` (the 招聘会 figures of an activity of the calendar),
  ``placements`` (a person placed with an employer, by route) and ``trainings`` with their
  ``trainees`` (农民工 / 下岗失业, certificate).
"""

from __future__ import annotations


from ..driver import sqlite
from ..audit import install_audit_triggers
from ..sqlutil import run_script

VERSION = 12

AUDITED_TABLES = ("honours", "member_cards", "fund_campaigns", "fund_contributions", "union_standing",
                  "union_facilities", "union_officers", "regional_agreements", "regional_agreement_orgs",
                  "job_fairs", "placements", "trainings", "trainees")

NOW = "(strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'))"

PERSON_CATEGORIES = ("劳动模范", "优秀工会干部", "优秀职工", "职工之星", "技能竞赛名次", "其他个人荣誉")
ORG_CATEGORIES = ("示范工会", "先进工会", "合格工会", "工人先锋号", "安康杯", "其他集体荣誉")
LEVELS = ("全国", "省", "市", "区", "街道")
GRADES = ("达标", "合格", "先进", "示范")
CONGRESS = ("单独", "区域性")
WOMEN_ORGS = ("女职工委员会", "女职工小组")
FACILITY_KINDS = ("职工之家", "职工书屋", "职工服务点")
OFFICER_ROLES = ("主席", "副主席", "委员", "经审委员", "女职工委员")
AGREEMENT_KINDS = ("区域性集体合同", "行业性集体合同", "区域性职代会")
PLACEMENT_ROUTES = ("招聘会", "推荐", "培训后", "其他")
TRAINING_TARGETS = ("农民工", "下岗失业", "其他")


def _in(values: tuple[str, ...]) -> str:
    return "(" + ", ".join(f"'{v}'" for v in values) + ")"


# members.model_worker levels ← honour levels (a 街道 劳模 has no roll level of its own)
_ROLL_LEVEL = ("CASE {h}.level WHEN '全国' THEN '全国' WHEN '省' THEN '省部级' WHEN '市' THEN '市级' "
               "WHEN '区' THEN '区级' ELSE '' END")
# the member's highest live 劳模 level, '' when none
_HIGHEST = ("coalesce((SELECT " + _ROLL_LEVEL.format(h="h") + " FROM honours h WHERE h.member_id = {m} "
            "AND h.category = '劳动模范' AND h.deleted_at IS NULL AND h.level <> '街道' "
            "ORDER BY CASE h.level WHEN '全国' THEN 1 WHEN '省' THEN 2 WHEN '市' THEN 3 ELSE 4 END LIMIT 1), '')")
_HONOUR_LEVEL = ("CASE {v} WHEN '全国' THEN '全国' WHEN '省部级' THEN '省' WHEN '市级' THEN '市' "
                 "WHEN '区级' THEN '区' ELSE NULL END")

SCHEMA = f"""
CREATE TABLE honours (
    id             INTEGER PRIMARY KEY,
    recipient_kind TEXT NOT NULL CHECK (recipient_kind IN ('个人', '集体')),
    category       TEXT NOT NULL CHECK (category IN {_in(PERSON_CATEGORIES + ORG_CATEGORIES)}),
    title          TEXT NOT NULL DEFAULT '',          -- 称号全文: 罗湖区劳动模范, 区级工人先锋号 …
    level          TEXT NOT NULL CHECK (level IN {_in(LEVELS)}),
    year           INTEGER CHECK (year IS NULL OR year BETWEEN 1949 AND 2100),
    awarded_date   TEXT,                              -- 授予日期 when known
    issuer         TEXT NOT NULL DEFAULT '',          -- 授予机关
    member_id      INTEGER REFERENCES members(id) ON DELETE SET NULL,    -- a person on the roll, or NULL
    person_name    TEXT NOT NULL DEFAULT '',
    org_id         INTEGER REFERENCES orgs(id) ON DELETE SET NULL,       -- the collective, or the person's unit
    org_name       TEXT NOT NULL DEFAULT '',
    place          TEXT NOT NULL DEFAULT '' CHECK (place IN ('', '第一名', '第二名', '第三名', '其他名次')),
    source         TEXT NOT NULL DEFAULT '',          -- '' typed here · 会员名册 from the roll's 劳模 column
    notes          TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL DEFAULT {NOW},
    updated_at     TEXT NOT NULL DEFAULT {NOW},
    deleted_at     TEXT,
    CHECK (recipient_kind <> '个人' OR (trim(person_name) <> '' AND category IN {_in(PERSON_CATEGORIES)})),
    CHECK (recipient_kind <> '集体' OR (trim(org_name) <> '' AND category IN {_in(ORG_CATEGORIES)}))
);
CREATE INDEX honours_member ON honours(member_id);
CREATE INDEX honours_org ON honours(org_id);
CREATE INDEX honours_year ON honours(year);

CREATE TABLE member_cards (
    id             INTEGER PRIMARY KEY,
    member_id      INTEGER NOT NULL UNIQUE REFERENCES members(id) ON DELETE CASCADE,
    collected_date TEXT,                              -- 信息采集日期
    made_date      TEXT,                              -- 制卡日期
    card_no        TEXT NOT NULL DEFAULT '',          -- 卡号
    notes          TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL DEFAULT {NOW},
    updated_at     TEXT NOT NULL DEFAULT {NOW},
    deleted_at     TEXT,
    CHECK (collected_date IS NOT NULL OR made_date IS NOT NULL)
);
CREATE UNIQUE INDEX member_cards_no ON member_cards(card_no) WHERE card_no <> '' AND deleted_at IS NULL;
CREATE INDEX member_cards_collected ON member_cards(collected_date);
CREATE INDEX member_cards_made ON member_cards(made_date);

CREATE TABLE fund_campaigns (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL CHECK (trim(name) <> ''),
    kind       TEXT NOT NULL CHECK (kind IN ('募捐', '特殊会费')),
    start_date TEXT NOT NULL,
    end_date   TEXT,
    purpose    TEXT NOT NULL DEFAULT '',
    notes      TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL DEFAULT {NOW},
    updated_at TEXT NOT NULL DEFAULT {NOW},
    deleted_at TEXT,
    CHECK (end_date IS NULL OR end_date >= start_date)
);

CREATE TABLE fund_contributions (
    id          INTEGER PRIMARY KEY,
    fund_campaign_id INTEGER NOT NULL REFERENCES fund_campaigns(id),  -- not campaign_id: that names 慰问活动
    donor_kind  TEXT NOT NULL CHECK (donor_kind IN ('单位', '个人')),
    donor_name  TEXT NOT NULL CHECK (trim(donor_name) <> ''),
    org_id      INTEGER REFERENCES orgs(id) ON DELETE SET NULL,
    member_id   INTEGER REFERENCES members(id) ON DELETE SET NULL,
    amount      INTEGER NOT NULL CHECK (amount > 0),  -- fen
    paid_date   TEXT NOT NULL,
    receipt_no  TEXT NOT NULL DEFAULT '',             -- 收据号
    notes       TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL DEFAULT {NOW},
    updated_at  TEXT NOT NULL DEFAULT {NOW},
    deleted_at  TEXT
);
CREATE INDEX fund_contributions_campaign ON fund_contributions(fund_campaign_id);
CREATE INDEX fund_contributions_paid ON fund_contributions(paid_date);
CREATE UNIQUE INDEX fund_contributions_receipt ON fund_contributions(receipt_no)
    WHERE receipt_no <> '' AND deleted_at IS NULL;

CREATE TABLE union_standing (
    id               INTEGER PRIMARY KEY,
    org_id           INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    year             INTEGER NOT NULL CHECK (year BETWEEN 1949 AND 2100),
    three_have       INTEGER NOT NULL DEFAULT 0 CHECK (three_have IN (0, 1)),       -- "三有"
    grade            TEXT NOT NULL DEFAULT '' CHECK (grade IN ('', {_in(GRADES)[1:-1]})),  -- 规范化建设
    grade_level      TEXT NOT NULL DEFAULT '' CHECK (grade_level IN ('', {_in(LEVELS)[1:-1]})),
    open_affairs     INTEGER NOT NULL DEFAULT 0 CHECK (open_affairs IN (0, 1)),     -- 厂务公开
    congress         TEXT NOT NULL DEFAULT '' CHECK (congress IN ('', {_in(CONGRESS)[1:-1]})),  -- 职代会
    offer_sent       TEXT,                                 -- 集体协商要约书发出
    offer_replied    TEXT,                                 -- 反馈（回复）收到
    mediation_since  TEXT,                                 -- 劳动争议调解组织建立日期
    warners          INTEGER NOT NULL DEFAULT 0 CHECK (warners >= 0),               -- 预警员人数
    warner_names     TEXT NOT NULL DEFAULT '',
    women_org        TEXT NOT NULL DEFAULT '' CHECK (women_org IN ('', {_in(WOMEN_ORGS)[1:-1]})),
    hardship_fund    INTEGER NOT NULL DEFAULT 0 CHECK (hardship_fund >= 0),         -- 内部帮困基金, fen
    notes            TEXT NOT NULL DEFAULT '',
    created_at       TEXT NOT NULL DEFAULT {NOW},
    updated_at       TEXT NOT NULL DEFAULT {NOW},
    CHECK (grade = '' OR grade_level <> ''),
    CHECK (offer_replied IS NULL OR (offer_sent IS NOT NULL AND offer_replied >= offer_sent)),
    UNIQUE (org_id, year)
);

CREATE TABLE union_facilities (
    id          INTEGER PRIMARY KEY,
    org_id      INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL CHECK (kind IN {_in(FACILITY_KINDS)}),
    name        TEXT NOT NULL CHECK (trim(name) <> ''),
    level       TEXT NOT NULL DEFAULT '' CHECK (level IN ('', {_in(LEVELS)[1:-1]})),  -- 命名级别 (示范职工之家 …)
    set_up_date TEXT NOT NULL,
    notes       TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL DEFAULT {NOW},
    updated_at  TEXT NOT NULL DEFAULT {NOW},
    deleted_at  TEXT
);
CREATE INDEX union_facilities_org ON union_facilities(org_id);

CREATE TABLE union_officers (
    id          INTEGER PRIMARY KEY,
    org_id      INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    role        TEXT NOT NULL CHECK (role IN {_in(OFFICER_ROLES)}),
    name        TEXT NOT NULL CHECK (trim(name) <> ''),
    member_id   INTEGER REFERENCES members(id) ON DELETE SET NULL,
    phone       TEXT NOT NULL DEFAULT '',
    since       TEXT,
    until       TEXT,                                  -- left the post; NULL while serving
    created_at  TEXT NOT NULL DEFAULT {NOW},
    updated_at  TEXT NOT NULL DEFAULT {NOW},
    deleted_at  TEXT,
    CHECK (until IS NULL OR since IS NULL OR until >= since)
);
CREATE INDEX union_officers_org ON union_officers(org_id);

CREATE TABLE regional_agreements (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN {_in(AGREEMENT_KINDS)}),
    name        TEXT NOT NULL CHECK (trim(name) <> ''),
    signed_date TEXT NOT NULL,
    expiry_date TEXT,
    workers_covered INTEGER NOT NULL DEFAULT 0 CHECK (workers_covered >= 0),
    notes       TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL DEFAULT {NOW},
    updated_at  TEXT NOT NULL DEFAULT {NOW},
    deleted_at  TEXT,
    CHECK (expiry_date IS NULL OR expiry_date >= signed_date)
);

CREATE TABLE regional_agreement_orgs (
    id           INTEGER PRIMARY KEY,
    agreement_id INTEGER NOT NULL REFERENCES regional_agreements(id),
    org_id       INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    UNIQUE (agreement_id, org_id)
);
CREATE INDEX regional_agreement_orgs_org ON regional_agreement_orgs(org_id);

CREATE TABLE job_fairs (
    id          INTEGER PRIMARY KEY,
    activity_id INTEGER NOT NULL UNIQUE REFERENCES activities(id) ON DELETE CASCADE,
    employers   INTEGER NOT NULL DEFAULT 0 CHECK (employers >= 0),   -- 参会企业
    positions   INTEGER NOT NULL DEFAULT 0 CHECK (positions >= 0),   -- 岗位数
    intents     INTEGER NOT NULL DEFAULT 0 CHECK (intents >= 0),     -- 达成意向人数
    notes       TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL DEFAULT {NOW},
    updated_at  TEXT NOT NULL DEFAULT {NOW}
);

CREATE TABLE placements (
    id           INTEGER PRIMARY KEY,
    person_name  TEXT NOT NULL CHECK (trim(person_name) <> ''),
    id_number    TEXT NOT NULL DEFAULT '',
    member_id    INTEGER REFERENCES members(id) ON DELETE SET NULL,
    employer     TEXT NOT NULL CHECK (trim(employer) <> ''),
    employer_org_id INTEGER REFERENCES orgs(id) ON DELETE SET NULL,
    placed_date  TEXT NOT NULL,
    route        TEXT NOT NULL CHECK (route IN {_in(PLACEMENT_ROUTES)}),
    job_fair_id  INTEGER REFERENCES job_fairs(id) ON DELETE SET NULL,
    notes        TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL DEFAULT {NOW},
    updated_at   TEXT NOT NULL DEFAULT {NOW},
    deleted_at   TEXT
);
CREATE INDEX placements_date ON placements(placed_date);

CREATE TABLE trainings (
    id          INTEGER PRIMARY KEY,
    title       TEXT NOT NULL CHECK (trim(title) <> ''),
    target      TEXT NOT NULL CHECK (target IN {_in(TRAINING_TARGETS)}),
    start_date  TEXT NOT NULL,
    end_date    TEXT,
    organiser   TEXT NOT NULL DEFAULT '',
    notes       TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL DEFAULT {NOW},
    updated_at  TEXT NOT NULL DEFAULT {NOW},
    deleted_at  TEXT,
    CHECK (end_date IS NULL OR end_date >= start_date)
);

CREATE TABLE trainees (
    id          INTEGER PRIMARY KEY,
    training_id INTEGER NOT NULL REFERENCES trainings(id),
    person_name TEXT NOT NULL CHECK (trim(person_name) <> ''),
    id_number   TEXT NOT NULL DEFAULT '',
    member_id   INTEGER REFERENCES members(id) ON DELETE SET NULL,
    certificate TEXT NOT NULL DEFAULT '',               -- 证书名称/编号; '' = none
    created_at  TEXT NOT NULL DEFAULT {NOW},
    updated_at  TEXT NOT NULL DEFAULT {NOW},
    deleted_at  TEXT
);
CREATE INDEX trainees_training ON trainees(training_id);
CREATE UNIQUE INDEX trainees_person ON trainees(training_id, id_number) WHERE id_number <> '' AND deleted_at IS NULL;
"""

MOVE_ROLL_LEVELS = f"""
INSERT INTO honours (recipient_kind, category, title, level, member_id, person_name, org_id, org_name, source, notes)
SELECT '个人', '劳动模范', '劳动模范', {_HONOUR_LEVEL.format(v='m.model_worker')}, m.id, m.name, m.org_id,
       coalesce((SELECT name FROM orgs WHERE id = m.org_id), ''), '会员名册', '由会员名册的劳模级别转入'
FROM members m WHERE {_HONOUR_LEVEL.format(v='m.model_worker')} IS NOT NULL;
"""

_SYNC = "UPDATE members SET model_worker = {hi} WHERE id = {m} AND model_worker <> {hi};"

TRIGGERS = f"""
CREATE TRIGGER honours_model_worker_insert AFTER INSERT ON honours WHEN NEW.member_id IS NOT NULL
BEGIN {_SYNC.format(hi=_HIGHEST.format(m='NEW.member_id'), m='NEW.member_id')} END;
CREATE TRIGGER honours_model_worker_update AFTER UPDATE ON honours
BEGIN
    {_SYNC.format(hi=_HIGHEST.format(m='NEW.member_id'), m='NEW.member_id')}
    {_SYNC.format(hi=_HIGHEST.format(m='OLD.member_id'), m='OLD.member_id')}
END;
CREATE TRIGGER honours_model_worker_delete AFTER DELETE ON honours WHEN OLD.member_id IS NOT NULL
BEGIN {_SYNC.format(hi=_HIGHEST.format(m='OLD.member_id'), m='OLD.member_id')} END;

-- a level typed on the member form or imported with the roll: into the register
CREATE TRIGGER members_model_worker_insert AFTER INSERT ON members
WHEN {_HONOUR_LEVEL.format(v='NEW.model_worker')} IS NOT NULL
BEGIN
    INSERT INTO honours (recipient_kind, category, title, level, member_id, person_name, org_id, org_name, source)
    VALUES ('个人', '劳动模范', '劳动模范', {_HONOUR_LEVEL.format(v='NEW.model_worker')}, NEW.id, NEW.name, NEW.org_id,
            coalesce((SELECT name FROM orgs WHERE id = NEW.org_id), ''), '会员名册');
END;
CREATE TRIGGER members_model_worker_update AFTER UPDATE OF model_worker ON members
WHEN {_HONOUR_LEVEL.format(v='NEW.model_worker')} IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM honours h WHERE h.member_id = NEW.id AND h.category = '劳动模范' AND h.deleted_at IS NULL
    AND h.level = {_HONOUR_LEVEL.format(v='NEW.model_worker')})
BEGIN
    INSERT INTO honours (recipient_kind, category, title, level, member_id, person_name, org_id, org_name, source)
    VALUES ('个人', '劳动模范', '劳动模范', {_HONOUR_LEVEL.format(v='NEW.model_worker')}, NEW.id, NEW.name, NEW.org_id,
            coalesce((SELECT name FROM orgs WHERE id = NEW.org_id), ''), '会员名册');
END;
-- cleared on the form while the register holds a 劳模 honour: the register wins
CREATE TRIGGER members_model_worker_cleared AFTER UPDATE OF model_worker ON members
WHEN NEW.model_worker <> {_HIGHEST.format(m='NEW.id')} AND {_HONOUR_LEVEL.format(v='NEW.model_worker')} IS NULL
BEGIN {_SYNC.format(hi=_HIGHEST.format(m='NEW.id'), m='NEW.id')} END;
"""


def upgrade(conn: sqlite.Connection) -> None:
    run_script(conn, SCHEMA)
    run_script(conn, MOVE_ROLL_LEVELS)
    run_script(conn, TRIGGERS)
    for table in AUDITED_TABLES:
        install_audit_triggers(conn, table)
