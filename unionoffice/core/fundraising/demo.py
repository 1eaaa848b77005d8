"""Demo fundraising: a 慈善日募捐 last autumn (orgs and members giving over two days) and this year's
特殊会费 for disaster relief, each with numbered receipts. Part of the 募捐 was paid out as a
临时救助 to deep-hardship workers (a campaign funded by 社会捐赠 and linked to the fund), so the
fund shows 募集 / 已支出 / 结余."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from ..store.records import insert_row

if TYPE_CHECKING:
    from ..demo.context import DemoContext


def make_fundraising(ctx: "DemoContext") -> None:
    rng, store, today = ctx.rng, ctx.store, ctx.today
    orgs = [dict(r) for r in store.query("SELECT id, name FROM orgs WHERE is_federation = 0 LIMIT 200")]
    people = [dict(r) for r in store.query("SELECT id, name FROM members WHERE status = '正常' LIMIT 500")]
    receipt = 0
    funds = []
    plans = (("“广东扶贫济困日”募捐", "募捐", date(today.year - 1, 6, 28), 2, 30),
             (f"{today.year}年特殊会费（抗灾救灾）", "特殊会费", today - timedelta(days=40), 10, 60))
    for name, kind, start, days, n in plans:
        cid = insert_row(store, "fund_campaigns", {"name": name, "kind": kind, "start_date": start.isoformat(),
                                                   "end_date": (start + timedelta(days=days - 1)).isoformat(),
                                                   "purpose": "用于困难职工帮扶"})
        funds.append((cid, start))
        for i in range(n):
            receipt += 1
            day = start + timedelta(days=rng.randint(0, days - 1))
            if i % 3 == 0 and orgs:
                org = rng.choice(orgs)
                who = {"donor_kind": "单位", "donor_name": org["name"], "org_id": org["id"],
                       "amount": rng.choice((50000, 100000, 200000, 300000))}
            elif people:
                p = rng.choice(people)
                who = {"donor_kind": "个人", "donor_name": p["name"], "member_id": p["id"],
                       "amount": rng.choice((5000, 10000, 20000, 50000))}
            else:
                continue
            insert_row(store, "fund_contributions", {"fund_campaign_id": cid, "paid_date": min(day, today).isoformat(),
                                                     "receipt_no": f"MJ{start.year}{receipt:04d}", **who})
    _spend_from_fund(ctx, *funds[0])


def _spend_from_fund(ctx: "DemoContext", fund_id: int, raised_on: date) -> None:
    """A 临时救助 paid from the 募捐 a month and a half after it (last year: this year's assistance
    figures stay as they were), printed and signed, linked to the fund."""
    from ..assistance.campaigns import (add_recipients, create_campaign, hardship_candidates, mark_printed,
                                        mark_signed)
    from .spending import link_campaign

    people = hardship_candidates(ctx.store, category="深度困难")[:8]
    if not people:
        return
    when = raised_on + timedelta(days=48)
    cid = create_campaign(ctx.store, {"kind": "临时救助", "name": f"{when.year}年扶贫济困日募捐款临时救助",
                                      "campaign_date": when, "funding_source": "社会捐赠",
                                      "standard_amount": 100000, "handler": "李红梅"})
    add_recipients(ctx.store, cid, people)
    mark_printed(ctx.store, cid, allow_duplicates=True)
    mark_signed(ctx.store, cid, min(when + timedelta(days=3), ctx.today))
    link_campaign(ctx.store, cid, fund_id)
