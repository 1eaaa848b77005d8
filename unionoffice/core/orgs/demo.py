"""Demo steps of the org register: the street's employers, its 工联会 and their collective contracts; then the
orgs' dated life (成立, a few 注销/迁出 in past years, year-end head-counts of past years), so that a past
period's figures differ from today's, as they do in a real office."""

from __future__ import annotations

import datetime as dt
import random
from datetime import date, timedelta
from typing import Any

from ..demo.context import COMMUNITIES, DemoContext, day_between, mobile, person
from ..store import audit
from ..values import names
from ..values.ids import credit_code_check_char

ORG_STEMS = ("华美", "金桥", "新安", "鹏基", "利丰", "博雅", "嘉禾", "瑞丰", "万象", "恒通", "宏达", "聚源",
             "永盛", "信达", "安康", "凯旋", "东方", "百汇", "长城", "海岸", "天和", "润泽", "锦程", "星光")
ORG_KINDS = (("科技有限公司", "信息技术"), ("商贸有限公司", "批发零售"), ("物业管理有限公司", "物业服务"),
             ("酒店", "住宿餐饮"), ("餐饮管理有限公司", "住宿餐饮"), ("建筑工程有限公司", "建筑业"),
             ("电子有限公司", "制造业"), ("物流有限公司", "交通运输"), ("医院", "卫生"), ("幼儿园", "教育"))
CATEGORY_WEIGHTS = (("私营", 70), ("外资", 6), ("港澳台", 6), ("国有", 5), ("集体", 2), ("个体", 5),
                    ("事业", 3), ("社会组织", 3))


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
            (name, community, kind, name, "2016-05-01", person(ctx.rng), mobile(ctx.rng),
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
    founded = day_between(rng, date(2008, 1, 1), ctx.today - timedelta(days=400)) if mode == "独立建会" else None
    term_start = day_between(rng, ctx.today - timedelta(days=5 * 365), ctx.today - timedelta(days=30)) if founded else None
    term_expiry = date(term_start.year + 5, term_start.month, 1) if term_start else None
    pinyin, initials = names.pinyin_keys(name)
    return {
        "name": name,
        "credit_code": _credit_code(rng, used_codes),
        "category": rng.choices(*zip(*CATEGORY_WEIGHTS))[0],
        "industry": industry,
        "community": rng.choice(COMMUNITIES),
        "address": f"深圳市罗湖区东湖街道{rng.choice(('爱国路', '东湖路', '太白路', '布心路', '翠竹路'))}{rng.randint(1, 300)}号",
        "contact": person(rng),
        "contact_phone": f"0755-8{rng.randint(1000000, 9999999)}",
        "workers": workers,
        "women_workers": int(workers * rng.uniform(0.2, 0.6)),
        "migrant_workers": int(workers * rng.uniform(0.0, 0.7)),
        "union_mode": mode,
        "federation_id": rng.choice(federation_ids) if mode == "联合建会" else None,
        "union_name": f"{name}工会委员会" if mode == "独立建会" else "",
        "union_founded": founded.isoformat() if founded else None,
        "union_chair": person(rng) if founded else "",
        "union_chair_phone": mobile(rng) if founded else "",
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
                signed = day_between(rng, ctx.today - timedelta(days=3 * 365), ctx.today - timedelta(days=10))
                rows.append((org["id"], kind, signed.isoformat(), date(signed.year + 3, signed.month, 1).isoformat(), org["workers"]))
    ctx.store.conn.executemany(
        "INSERT INTO org_contracts (org_id, kind, signed_date, expiry_date, workers_covered) VALUES (?, ?, ?, ?, ?)", rows
    )


# ------------------------------------------------------------ the orgs' dated life


def make_org_history(ctx: Any) -> None:
    rng, store, today = ctx.rng, ctx.store, ctx.today
    events, counts = [], []
    orgs = store.query("SELECT id, workers, women_workers, migrant_workers, union_founded FROM orgs "
                       "WHERE is_federation = 0 ORDER BY id")
    for org in orgs:
        founded = _registered(rng, today, org["union_founded"])
        events.append((org["id"], "成立", founded.isoformat(), "", ""))
        last_year = today.year
        if rng.random() < 0.05 and today.year - 1 > max(founded.year, 2020):
            year = rng.randint(max(founded.year + 1, 2021), today.year - 1)
            kind = rng.choice(("注销", "注销", "迁出"))
            day = dt.date(year, rng.randint(1, 12), rng.randint(1, 28))
            events.append((org["id"], kind, day.isoformat(), "经营期满" if kind == "注销" else "迁往外区", ""))
            last_year = year  # no head-counts after it ended
        counts += _year_end_counts(rng, org, founded, last_year)
    audit.bulk_insert(store.conn, "org_events", ("org_id", "kind", "date", "reason", "new_value"), events)
    _renames(ctx, [e[0] for e in events if e[1] == "成立"], {e[0] for e in events if e[1] in ("注销", "迁出")})
    audit.bulk_insert(store.conn, "org_headcounts",
                      ("org_id", "date", "workers", "women_workers", "migrant_workers"), counts)
    _no_counts_after_the_end(store, [(e[0], e[2]) for e in events if e[1] in ("注销", "迁出")])


def _no_counts_after_the_end(store: Any, ended: list[tuple[int, str]]) -> None:
    """An org that ended in a past year has no head-count after it: the row dated today, which the
    orgs' insert trigger wrote when the demo created the org, goes. That row was never audited (see
    audit.AUDIT_WHEN), so it goes unaudited too — the demo's 操作日志 shows no deletions."""
    audit.drop_audit_triggers(store.conn, "org_headcounts")  # inside the demo's one transaction
    store.conn.executemany("DELETE FROM org_headcounts WHERE org_id = ? AND date > ?", ended)
    audit.install_audit_triggers(store.conn, "org_headcounts")


def _renames(ctx: Any, org_ids: list[int], ended: set[int]) -> None:
    """A few live orgs were renamed last year (更名): their old names are kept and still find them."""
    store, rng = ctx.store, ctx.rng
    names = {r[0] for r in store.query("SELECT name FROM orgs")}
    rows = []
    live = [i for i in org_ids if i not in ended]
    for org_id in sorted(rng.sample(live, min(len(live), max(1, len(live) // 50)))):
        name = store.scalar("SELECT name FROM orgs WHERE id = ?", (org_id,))
        old = name.replace("有限公司", "实业有限公司") if "实业" not in name else name.replace("实业", "")
        if old == name or old in names:
            continue
        names.add(old)
        day = dt.date(ctx.today.year - 1, rng.randint(1, 12), rng.randint(1, 28))
        rows.append((org_id, "更名", day.isoformat(), "工商登记变更", old, name))
    audit.bulk_insert(store.conn, "org_events", ("org_id", "kind", "date", "reason", "old_value", "new_value"), rows)


def _registered(rng, today: dt.date, union_founded: str | None) -> dt.date:
    latest = dt.date.fromisoformat(union_founded) if union_founded else today - dt.timedelta(days=30)
    start = dt.date(2005, 1, 1)
    if latest <= start:
        return latest
    # most orgs are old; about a quarter registered in the last six years
    if rng.random() < 0.25 and latest.year > today.year - 6:
        start = dt.date(today.year - 6, 1, 1)
    return start + dt.timedelta(days=rng.randint(0, (latest - start).days))


def _year_end_counts(rng, org, founded: dt.date, until: int) -> list[tuple]:
    """Year-end head-counts from registration to the year before ``until``, smaller the further
    back (firms grow)."""
    out = []
    for year in range(max(founded.year, 2016), until):
        shrink = 0.97 ** (until - year) * rng.uniform(0.9, 1.05)
        workers = max(1, round(org["workers"] * shrink))
        women = min(workers, round(org["women_workers"] * shrink))
        migrant = min(workers, round(org["migrant_workers"] * shrink))
        out.append((org["id"], f"{year}-12-31", workers, women, migrant))
    return out
