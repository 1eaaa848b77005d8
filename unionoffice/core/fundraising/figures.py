"""募捐 / 特殊会费 figures: money received in the period (收款日期 within it), live records only.
Assistance paid out of a campaign is counted in 帮扶 (assistance), never netted here.

- **募集金额** (fen) and **捐款笔数**; **捐款单位数** / **捐款人数**: distinct donors of each kind.
- by campaign kind: 募捐 and 特殊会费 amounts.
"""
from __future__ import annotations

from typing import Any

from ..figures.base import FEN, Area, Breakdown, Period, Spec, core_module_exists, has_tables
from ..store.connection import Store
from .records import CAMPAIGN_KINDS

SPECS = (
    Spec("fundraising.raised", "募集金额", "期内收到的募捐和特殊会费合计（元）", FEN,
         synonyms=("募集资金", "捐款金额", "募捐金额", "筹集金额")),
    Spec("fundraising.contributions", "捐款笔数", "期内收到的捐款（缴纳）笔数", synonyms=("捐款人次",)),
    Spec("fundraising.org_donors", "捐款单位数", "期内捐款的单位数（同一单位多笔算一个）", synonyms=("捐款企业数",)),
    Spec("fundraising.person_donors", "捐款人数", "期内捐款的个人数（同一人多笔算一人）", synonyms=("捐款职工人数",)),
)
BREAKDOWNS = (
    Breakdown("fundraising.by_kind", "按类型募集金额", "期内收到的金额（元），按募集类型", FEN, CAMPAIGN_KINDS),
)


def compute(store: Store, period: Period) -> dict[str, Any]:
    start, end = period.iso
    rows = store.query(
        "SELECT k.amount, k.donor_kind, k.donor_name, k.member_id, c.kind FROM fund_contributions k "
        "JOIN fund_campaigns c ON c.id = k.fund_campaign_id WHERE k.deleted_at IS NULL AND c.deleted_at IS NULL "
        "AND k.paid_date BETWEEN ? AND ?", (start, end))
    out: dict[str, Any] = {
        "fundraising.raised": sum(r["amount"] for r in rows),
        "fundraising.contributions": len(rows),
        "fundraising.org_donors": len({r["donor_name"] for r in rows if r["donor_kind"] == "单位"}),
        "fundraising.person_donors": len({r["member_id"] or r["donor_name"] for r in rows if r["donor_kind"] == "个人"}),
    }
    for kind in CAMPAIGN_KINDS:
        out[f"fundraising.by_kind.{kind}"] = sum(r["amount"] for r in rows if r["kind"] == kind)
    return out


def available(store: Store) -> bool:
    return core_module_exists("fundraising") and has_tables(store, "fund_campaigns", "fund_contributions")


AREA = Area("fundraising", "募捐与特殊会费", SPECS, BREAKDOWNS, compute, available)
