"""Demo standing: last year's and this year's 规范化建设 records for most unions (三有, grades,
厂务公开, 职代会, 要约 and replies, 调解组织 with 预警员, 女职工组织, 帮困基金), some 职工之家/书屋/
服务点, officers for each union, and a 区域性集体合同 and a 区域性职代会 covering the small orgs of a
federation."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from ..store.records import insert_row

if TYPE_CHECKING:
    from ..demo.context import DemoContext

ROLES = ("主席", "副主席", "委员", "经审委员", "女职工委员")


def make_standing(ctx: "DemoContext") -> None:
    rng, store, today = ctx.rng, ctx.store, ctx.today
    unions = [dict(r) for r in store.query(
        "SELECT id, name, union_mode, union_chair, federation_id FROM orgs WHERE is_federation = 0 "
        "AND union_mode <> '未建会' ORDER BY id")]
    for year in (today.year - 1, today.year):
        for u in unions:
            if rng.random() < 0.15:
                continue  # not yet entered for this year
            _standing(ctx, u, year)
    for u in unions:
        _facilities_and_officers(ctx, u)
    _regional(ctx, unions)


def _standing(ctx: "DemoContext", u: dict, year: int) -> None:
    rng, today = ctx.rng, ctx.today
    sent = date(year, 3, 1) + timedelta(days=rng.randint(0, 120))
    sent_iso = sent.isoformat() if sent <= today and rng.random() < 0.7 else None
    replied = sent + timedelta(days=rng.randint(5, 20))
    grade = rng.choices(("", "达标", "合格", "先进", "示范"), (30, 25, 20, 15, 10))[0]
    insert_row(ctx.store, "union_standing", {
        "org_id": u["id"], "year": year, "three_have": int(rng.random() < 0.6), "grade": grade,
        "grade_level": "区" if grade else "", "open_affairs": int(rng.random() < 0.8),
        "congress": rng.choices(("", "单独", "区域性"), (20, 50, 30))[0],
        "offer_sent": sent_iso, "offer_replied": replied.isoformat() if sent_iso and replied <= today else None,
        "mediation_since": f"{year - rng.randint(0, 5)}-06-01" if rng.random() < 0.6 else None,
        "warners": rng.randint(0, 2), "women_org": rng.choices(("", "女职工委员会", "女职工小组"), (40, 30, 30))[0],
        "hardship_fund": rng.choice((0, 0, 500000, 1000000, 2000000)),
    })


def _facilities_and_officers(ctx: "DemoContext", u: dict) -> None:
    rng, store = ctx.rng, ctx.store
    for kind, share in (("职工之家", 0.3), ("职工书屋", 0.2), ("职工服务点", 0.15)):
        if rng.random() < share:
            day = ctx.today - timedelta(days=rng.randint(30, 1500))
            insert_row(store, "union_facilities", {"org_id": u["id"], "kind": kind, "name": f"{u['name']}{kind}",
                                                  "level": rng.choice(("区", "街道", "")),
                                                  "set_up_date": day.isoformat()})
    people = [dict(r) for r in store.query("SELECT id, name FROM members WHERE org_id = ? AND status = '正常' LIMIT 5",
                                           (u["id"],))]
    for role, person in zip(ROLES, people):
        name = u["union_chair"] if role == "主席" and u["union_chair"] else person["name"]
        insert_row(store, "union_officers", {"org_id": u["id"], "role": role, "name": name,
                                             "member_id": person["id"] if name == person["name"] else None})
    if people and rng.random() < 0.2:  # the chair before the last 换届, term ended (离任), record kept
        until = ctx.today - timedelta(days=rng.randint(60, 700))
        insert_row(store, "union_officers", {"org_id": u["id"], "role": "主席", "name": people[-1]["name"],
                                             "member_id": people[-1]["id"],
                                             "since": (until - timedelta(days=5 * 365)).isoformat(),
                                             "until": until.isoformat()})


def _regional(ctx: "DemoContext", unions: list[dict]) -> None:
    joint = [u["id"] for u in unions if u["union_mode"] == "联合建会"]
    if len(joint) < 2:
        return
    year = ctx.today.year - 1
    for kind, name in (("区域性集体合同", "东湖街道区域性集体合同"), ("区域性职代会", "东湖街道工联会区域性职代会")):
        aid = insert_row(ctx.store, "regional_agreements", {
            "kind": kind, "name": name, "signed_date": f"{year}-05-20",
            "expiry_date": f"{year + 3}-05-19" if kind != "区域性职代会" else None, "workers_covered": 0})
        for org_id in joint:
            insert_row(ctx.store, "regional_agreement_orgs", {"agreement_id": aid, "org_id": org_id})
