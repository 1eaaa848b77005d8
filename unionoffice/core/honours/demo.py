"""Demo honours: the last two years' 表彰 of a street office — district 工人先锋号 and 优秀工会干部,
示范/先进/合格工会, a 安康杯, 职工之星 and competition places; the roll's 劳模 are already in the
register (the member trigger of m0012 put them there)."""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

from ..store.records import insert_row

if TYPE_CHECKING:
    from ..demo.context import DemoContext

DISTRICT = "罗湖区总工会"
# (category, level, issuer, how many per year)
ORG_AWARDS = (("工人先锋号", "区", DISTRICT, 4), ("示范工会", "区", DISTRICT, 2), ("先进工会", "区", DISTRICT, 3),
              ("合格工会", "区", DISTRICT, 4), ("安康杯", "市", "深圳市总工会", 1), ("工人先锋号", "市", "深圳市总工会", 1))
PERSON_AWARDS = (("优秀工会干部", "区", DISTRICT, 4), ("优秀职工", "街道", "东湖街道总工会", 5),
                 ("职工之星", "街道", "东湖街道总工会", 3), ("技能竞赛名次", "区", DISTRICT, 6))
PLACES = ("第一名", "第二名", "第三名")


def make_honours(ctx: "DemoContext") -> None:
    rng, store = ctx.rng, ctx.store
    orgs = [dict(r) for r in store.query("SELECT id, name FROM orgs WHERE is_federation = 0 AND union_mode <> '未建会'")]
    people = [dict(r) for r in store.query("SELECT id, name, org_id FROM members WHERE status = '正常' LIMIT 2000")]
    if not orgs or not people:
        return
    for year in (ctx.today.year - 1, ctx.today.year):
        month = 4 if year == ctx.today.year else 12
        day = f"{year}-{month:02d}-{rng.randint(10, 28)}"
        if day > ctx.today.isoformat():
            day = None  # only the year known: counted at the year's end
        for category, level, issuer, n in ORG_AWARDS:
            for org in rng.sample(orgs, min(n, len(orgs))):
                _honour(store, "集体", category, level, issuer, year, day, org_id=org["id"], org_name=org["name"])
        for category, level, issuer, n in PERSON_AWARDS:
            for i, p in enumerate(rng.sample(people, min(n, len(people)))):
                place = PLACES[i % 3] if category == "技能竞赛名次" else ""
                _honour(store, "个人", category, level, issuer, year, day, member_id=p["id"], person_name=p["name"],
                        org_id=p["org_id"], place=place)
    p = rng.choice(people)  # one new 区级劳模 this year, typed in the register
    _honour(store, "个人", "劳动模范", "区", "罗湖区人民政府", ctx.today.year - 1, None, member_id=p["id"],
            person_name=p["name"], org_id=p["org_id"])


def _honour(store, kind, category, level, issuer, year, day, **who) -> None:
    org_name = who.pop("org_name", None) or store.scalar("SELECT name FROM orgs WHERE id = ?", (who.get("org_id"),)) or ""
    title = f"{'' if level == '全国' else level + '级'}{category}"
    insert_row(store, "honours", {"recipient_kind": kind, "category": category, "title": title, "level": level,
                                  "year": year, "awarded_date": day, "issuer": issuer, "org_name": org_name, **who})
