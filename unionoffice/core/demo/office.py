"""A realistic demo office to try the program on: ``unionoffice demo PATH [--members N] [--seed S]``.

Everything generated is valid by our own rules (IDs and credit codes pass their checksums, dates
are plausible, each org's members fit its head-count) so the demo doubles as test data for
benchmarks. Each area adds its own step to ``STEPS``.
"""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Callable

from ..store import audit
from ..values import names
from ..activities.demo import make_activities
from ..assistance.demo import make_hardship_and_assistance
from ..disputes.demo import make_disputes
from ..orgs.demo import make_org_history
from ..values.ids import credit_code_check_char, make_id_number
from ..store.connection import Store

DEMO_OFFICE = "东湖街道总工会"
DEMO_DISTRICT = "罗湖区总工会"
COMMUNITIES = ("东湖社区", "桂园社区", "南湖社区", "翠竹社区", "黄贝社区", "湖景社区")
REGIONS = ("440303", "440304", "440305", "110105", "310104", "320104", "330206", "420102",
           "430102", "510104", "360102", "450102", "410102", "350102", "370102", "440883")

# Frequent surnames, with the ones pypinyin misreads (曾 单 解 查 仇 区 朴 尉迟) mixed in.
SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
            "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵"
            "万钱严覃武戴莫孔向汤单解查仇区朴")
COMPOUND_SURNAMES = ("欧阳", "尉迟", "司马", "上官", "诸葛")
GIVEN = ("伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志红玉兰飞鹏辉婷燕"
         "俊健波宇浩凯亮晨欣怡佳琪雪梅海峰文斌丹慧晶鑫瑞子涵梓轩思源嘉诚雨萱一鸣家豪国藩良镛")
ORG_STEMS = ("华美", "金桥", "新安", "鹏基", "利丰", "博雅", "嘉禾", "瑞丰", "万象", "恒通", "宏达", "聚源",
             "永盛", "信达", "安康", "凯旋", "东方", "百汇", "长城", "海岸", "天和", "润泽", "锦程", "星光")
ORG_KINDS = (("科技有限公司", "信息技术"), ("商贸有限公司", "批发零售"), ("物业管理有限公司", "物业服务"),
             ("酒店", "住宿餐饮"), ("餐饮管理有限公司", "住宿餐饮"), ("建筑工程有限公司", "建筑业"),
             ("电子有限公司", "制造业"), ("物流有限公司", "交通运输"), ("医院", "卫生"), ("幼儿园", "教育"))
CATEGORY_WEIGHTS = (("私营", 70), ("外资", 6), ("港澳台", 6), ("国有", 5), ("集体", 2), ("个体", 5),
                    ("事业", 3), ("社会组织", 3))


@dataclass
class DemoContext:
    store: Store
    rng: random.Random
    members: int
    today: date
    org_ids: list[int] = field(default_factory=list)
    member_ids: list[int] = field(default_factory=list)


def generate_demo(store: Store, *, members: int = 2000, seed: int = 1, today: date | None = None,
                  progress: Callable[[str], None] | None = None) -> dict[str, int]:
    """Fill an empty office file; returns counts of what was made. Runs in one transaction."""
    if store.scalar("SELECT count(*) FROM members") or store.scalar("SELECT count(*) FROM orgs"):
        from ..errors import UserError

        raise UserError(f"{store.path.name} 已有数据，演示数据只能生成到新文件中")
    ctx = DemoContext(store, random.Random(seed), members, today or date.today())
    with store.atomic():
        store.set_setting("office_name", DEMO_OFFICE)
        store.set_setting("district_name", DEMO_DISTRICT)
        for label, step in STEPS:
            if progress:
                progress(label)
            step(ctx)
    return store.counts()


# ------------------------------------------------------------------- orgs


def _credit_code(rng: random.Random, used: set[str]) -> str:
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    while True:
        body = "91" + "440303" + "".join(rng.choice(alphabet) for _ in range(9))
        # the organisation-code part (chars 9–17) carries its own GB 11714 check character
        code17 = body[:-1] + _org_code_check(body[8:16])
        code = code17 + credit_code_check_char(code17)
        if code not in used:
            used.add(code)
            return code


def _org_code_check(first8: str) -> str:
    weights = (3, 7, 9, 10, 5, 8, 4, 2)
    values = [int(c) if c.isdigit() else ord(c) - 55 for c in first8]
    check = 11 - sum(w * v for w, v in zip(weights, values)) % 11
    return {10: "X", 11: "0"}.get(check, str(check))


def make_orgs(ctx: DemoContext) -> None:
    rng, store = ctx.rng, ctx.store
    n_orgs = max(8, min(5000, ctx.members // 20))
    used_codes: set[str] = set()
    federation_ids = _make_federations(ctx, used_codes)
    rows = []
    used_names: set[str] = set()
    for i in range(n_orgs):
        stem_kind = rng.choice(ORG_KINDS)
        name = f"深圳市{rng.choice(ORG_STEMS)}{rng.choice(ORG_STEMS)}{stem_kind[0]}"
        if name in used_names:
            name = f"{name}东湖第{i}分公司"  # branches of one company are separate employers
        used_names.add(name)
        rows.append(_org_row(ctx, name, stem_kind[1], used_codes, federation_ids))
    cols = list(rows[0])
    audit.bulk_insert(store.conn, "orgs", cols, [[r[c] for c in cols] for r in rows])
    ctx.org_ids = [r["id"] for r in store.query("SELECT id FROM orgs WHERE is_federation = 0 ORDER BY id")]
    _make_contracts(ctx)


def _make_federations(ctx: DemoContext, used_codes: set[str]) -> list[int]:
    ids = []
    for name, kind, community in [(f"{c}工会联合会", "社区", c) for c in COMMUNITIES[:4]] + [
        ("东湖金融大厦楼宇工会联合会", "楼宇", COMMUNITIES[0]),
        ("东湖餐饮行业工会联合会", "行业", COMMUNITIES[1]),
    ]:
        pinyin, initials = names.pinyin_keys(name)
        cur = ctx.store.execute(
            "INSERT INTO orgs (name, category, community, is_federation, federation_kind, union_mode, "
            "union_name, union_founded, union_chair, union_chair_phone, term_years, term_start, term_expiry, "
            "name_pinyin, name_initials) VALUES (?, '社会组织', ?, 1, ?, '独立建会', ?, ?, ?, ?, 5, ?, ?, ?, ?)",
            (name, community, kind, name, "2016-05-01", _person(ctx.rng), _mobile(ctx.rng),
             "2022-06-01", "2027-06-01", pinyin, initials),
        )
        ids.append(cur.lastrowid)
    return ids


def _org_row(ctx: DemoContext, name: str, industry: str, used_codes: set[str], federation_ids: list[int]) -> dict:
    rng = ctx.rng
    workers = int(rng.lognormvariate(3.3, 1.0)) + 3
    mode = rng.choices(("独立建会", "联合建会", "未建会"), (45, 35, 20))[0]
    if workers < 25 and mode == "独立建会":
        mode = "联合建会"  # small shops join a federation rather than found their own union
    founded = _day_between(rng, date(2008, 1, 1), ctx.today - timedelta(days=400)) if mode == "独立建会" else None
    term_start = _day_between(rng, ctx.today - timedelta(days=5 * 365), ctx.today - timedelta(days=30)) if founded else None
    term_expiry = date(term_start.year + 5, term_start.month, 1) if term_start else None
    pinyin, initials = names.pinyin_keys(name)
    return {
        "name": name,
        "credit_code": _credit_code(rng, used_codes),
        "category": rng.choices(*zip(*CATEGORY_WEIGHTS))[0],
        "industry": industry,
        "community": rng.choice(COMMUNITIES),
        "address": f"深圳市罗湖区东湖街道{rng.choice(('爱国路', '东湖路', '太白路', '布心路', '翠竹路'))}{rng.randint(1, 300)}号",
        "contact": _person(rng),
        "contact_phone": f"0755-8{rng.randint(1000000, 9999999)}",
        "workers": workers,
        "women_workers": int(workers * rng.uniform(0.2, 0.6)),
        "migrant_workers": int(workers * rng.uniform(0.0, 0.7)),
        "union_mode": mode,
        "federation_id": rng.choice(federation_ids) if mode == "联合建会" else None,
        "union_name": f"{name}工会委员会" if mode == "独立建会" else "",
        "union_founded": founded.isoformat() if founded else None,
        "union_chair": _person(rng) if founded else "",
        "union_chair_phone": _mobile(rng) if founded else "",
        "term_years": 5 if founded else None,
        "term_start": term_start.isoformat() if term_start else None,
        "term_expiry": term_expiry.isoformat() if term_expiry else None,
        "fee_by_tax": 1 if founded and rng.random() < 0.7 else 0,
        "name_pinyin": pinyin,
        "name_initials": initials,
    }


def _make_contracts(ctx: DemoContext) -> None:
    rng, rows = ctx.rng, []
    for org in ctx.store.query("SELECT id, workers FROM orgs WHERE union_mode = '独立建会' AND is_federation = 0"):
        for kind in ("集体合同", "工资专项", "女职工专项"):
            if rng.random() < 0.6:
                signed = _day_between(rng, ctx.today - timedelta(days=3 * 365), ctx.today - timedelta(days=10))
                rows.append((org["id"], kind, signed.isoformat(), date(signed.year + 3, signed.month, 1).isoformat(), org["workers"]))
    ctx.store.conn.executemany(
        "INSERT INTO org_contracts (org_id, kind, signed_date, expiry_date, workers_covered) VALUES (?, ?, ?, ?, ?)", rows
    )


# ---------------------------------------------------------------- members


MEMBER_COLUMNS = ("name", "gender", "id_number", "birth_date", "ethnicity", "politics", "education", "phone",
                  "org_id", "joined_date", "member_no", "status", "status_date", "status_reason", "is_migrant",
                  "model_worker", "is_retired", "hukou", "name_pinyin", "name_initials")


def member_rows(ctx: DemoContext) -> list[tuple]:
    """The demo's member rows, in MEMBER_COLUMNS order (also used by the benchmark baseline)."""
    rng = ctx.rng
    orgs = ctx.store.query("SELECT id, workers FROM orgs WHERE is_federation = 0 AND union_mode <> '未建会'")
    cum_weights = list(itertools.accumulate(o["workers"] for o in orgs))  # once, not per member
    used_ids: set[str] = set()
    rows = []
    for i in range(ctx.members):
        name = _person(rng)
        id_number, birth = _unique_id(rng, used_ids, ctx.today)
        gender = "男" if int(id_number[16]) % 2 else "女"
        joined = _day_between(rng, max(date(2005, 1, 1), date(birth.year + 18, 1, 1)), ctx.today - timedelta(days=1))
        status, status_date, reason = _status(rng, joined, ctx.today)
        pinyin, initials = names.pinyin_keys(name)
        rows.append((
            name, gender, id_number, birth.isoformat(),
            "汉族" if rng.random() < 0.93 else rng.choice(("壮族", "回族", "满族", "苗族", "土家族")),
            rng.choices(("群众", "中共党员", "共青团员"), (70, 18, 12))[0],
            rng.choices(("初中", "高中", "中专", "大专", "本科", "硕士"), (15, 20, 15, 25, 22, 3))[0],
            _mobile(rng),
            rng.choices(orgs, cum_weights=cum_weights)[0]["id"],
            joined.isoformat(), f"DH{joined.year}{i + 1:06d}", status, status_date, reason,
            1 if rng.random() < 0.35 else 0,
            rng.choices(("", "区级", "市级", "省部级"), (985, 10, 4, 1))[0],
            1 if ctx.today.year - birth.year >= 60 else 0,
            "本地" if rng.random() < 0.45 else "外地",
            pinyin, initials,
        ))
    return rows


def make_members(ctx: DemoContext) -> None:
    audit.bulk_insert(ctx.store.conn, "members", MEMBER_COLUMNS, member_rows(ctx))
    # The roll's history starts with each member joining their org.
    ctx.store.execute(
        "INSERT INTO member_events (member_id, event_date, kind, to_org_id, new_status) "
        "SELECT id, joined_date, '入会', org_id, '正常' FROM members"
    )
    ctx.store.execute(
        "INSERT INTO member_events (member_id, event_date, kind, old_status, new_status, reason) "
        "SELECT id, status_date, '状态变更', '正常', status, status_reason FROM members WHERE status <> '正常'"
    )
    ctx.member_ids = [r[0] for r in ctx.store.query("SELECT id FROM members ORDER BY id")]


def _status(rng: random.Random, joined: date, today: date) -> tuple[str, str | None, str]:
    roll = rng.random()
    if roll < 0.93 or joined >= today - timedelta(days=60):
        return "正常", None, ""
    status, reason = rng.choice((("转出", "调离本街道"), ("退会", "本人申请"), ("保留", "失业保留会籍"), ("去世", "病故")))
    return status, _day_between(rng, joined + timedelta(days=30), today).isoformat(), reason


def _unique_id(rng: random.Random, used: set[str], today: date) -> tuple[str, date]:
    while True:
        birth = _day_between(rng, date(today.year - 62, 1, 1), date(today.year - 19, 12, 31))
        id_number = make_id_number(rng.choice(REGIONS), birth, rng.randint(0, 999))
        if id_number not in used:
            used.add(id_number)
            return id_number, birth


def _person(rng: random.Random) -> str:
    surname = rng.choice(COMPOUND_SURNAMES) if rng.random() < 0.01 else rng.choice(SURNAMES)
    return surname + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))


def _mobile(rng: random.Random) -> str:
    return f"1{rng.choice('3456789')}{rng.randint(0, 999999999):09d}"


def _day_between(rng: random.Random, start: date, end: date) -> date:
    if end <= start:
        return start
    return start + timedelta(days=rng.randint(0, (end - start).days))


# Each area appends its generator here; they run in order inside one transaction.
STEPS: list[tuple[str, Callable[[DemoContext], None]]] = [
    ("单位与工联会", make_orgs),
    ("会员", make_members),
    ("活动日历", make_activities),
    ("劳动争议", make_disputes),
    ("困难帮扶与慰问", make_hardship_and_assistance),
    ("单位变更与历年人数", make_org_history),
]
