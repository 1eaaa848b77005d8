"""互助保障 figures: the enrolments of the plans of the years the period touches (a year's figures
take that year's plans), enrolled by the period's end; claims (互助金给付) dated within the period.
They agree with the 参保名单 and 给付 exports filtered the same way.

- **参保人数**: enrolments (one person in two plans counts twice, as the offices report it: 在职
  4040 + 退休 688 + 安康 1262 + 特种 2170); **by plan**; **参保职工人数**: distinct persons.
- **参保单位数**: orgs with an enrolment; **全员参保单位数**: orgs whose every member (正常/保留) is
  enrolled in one of those plans.
- **保费**: premiums of those enrolments, also by plan. **女职工安康份数**: 份数 in plans named …安康….
- **互助金给付人次 / 金额**: claims in the period. **待补录会员**: enrolled people not on the roll.
"""

from __future__ import annotations

from typing import Any

from ..figures.base import COUNT, FEN, Area, Breakdown, Period, Spec, core_module_exists, has_tables
from ..store.connection import Store
from .records import SHARE_WORD, whole_org_ids


def plan_names(store: Store) -> list[str]:
    return [r[0] for r in store.query("SELECT name FROM aid_plans WHERE deleted_at IS NULL GROUP BY name ORDER BY min(id)")]


SPECS = (
    Spec("mutual_aid.enrolled", "参保人数", "期末已参加当年各保障计划的人数（按计划累计）", COUNT,
         ("职工医疗互助参保人数", "医疗互助参保人数", "互助保障参保人数", "参保人次", "职工医疗互助保障参保人数")),
    Spec("mutual_aid.people", "参保职工人数", "参保的不同职工人数（一人多项只计一次）", COUNT, ("参保职工数",)),
    Spec("mutual_aid.orgs", "参保单位数", "有职工参保的单位数", COUNT, ("参保单位", "参保企业数", "投保单位数")),
    Spec("mutual_aid.whole_orgs", "全员参保单位数", "会员全部参保的单位数", COUNT, ("全员参保企业数", "全员参保单位", "全员参保")),
    Spec("mutual_aid.premium", "互助保障保费", "参保保费合计（元）", FEN, ("参保金额", "保费合计", "缴纳保费", "互助保障金额")),
    Spec("mutual_aid.ankang_shares", "女职工安康份数", "女职工安康计划参保份数", COUNT,
         ("女职工安康计划份数", "女职工安康计划", "安康保险", "安康保险份数", "安康参保份数", "安康计划份数")),
    Spec("mutual_aid.claims", "互助金给付人次", "期内互助金给付人次", COUNT, ("给付人次", "互助金给付件数", "理赔人次")),
    Spec("mutual_aid.claimed", "互助金给付金额", "期内互助金给付金额（元）", FEN, ("给付金额", "互助金给付", "理赔金额")),
    Spec("mutual_aid.to_add", "待补录会员人数", "已参保但尚未录入会员名册的人数", COUNT),
)
BREAKDOWNS = (
    Breakdown("mutual_aid.by_plan", "参保人数", "参保人数，按保障计划", COUNT, plan_names, ("参保",)),
    Breakdown("mutual_aid.premium_by_plan", "保费", "参保保费（元），按保障计划", FEN, plan_names),
)


def compute(store: Store, period: Period) -> dict[str, Any]:
    start, end = period.iso
    years = (period.start.year, period.end.year)
    live = ("FROM aid_enrolments e JOIN aid_plans p ON p.id = e.plan_id WHERE e.deleted_at IS NULL "
            "AND p.deleted_at IS NULL AND p.year BETWEEN ? AND ? AND e.enrolled_date <= ?")
    params = (*years, end)
    row = store.one(f"SELECT count(*), count(DISTINCT e.id_number), count(DISTINCT e.org_id), "
                    f"coalesce(sum(e.premium), 0), coalesce(sum(CASE WHEN p.name LIKE ? THEN e.shares END), 0), "
                    f"count(DISTINCT CASE WHEN e.member_id IS NULL AND NOT EXISTS (SELECT 1 FROM members m WHERE "
                    f"m.id_number = e.id_number AND m.deleted_at IS NULL) THEN e.id_number END) {live}",
                    (f"%{SHARE_WORD}%", *params))
    whole = set()
    for y in range(years[0], years[1] + 1):
        whole |= set(whole_org_ids(store, y, min(end, f"{y}-12-31")))
    claim = store.one("SELECT count(*), coalesce(sum(amount), 0) FROM aid_claims c JOIN aid_enrolments e "
                      "ON e.id = c.enrolment_id WHERE c.deleted_at IS NULL AND e.deleted_at IS NULL "
                      "AND c.claim_date BETWEEN ? AND ?", (start, end))
    out: dict[str, Any] = {
        "mutual_aid.enrolled": row[0], "mutual_aid.people": row[1], "mutual_aid.orgs": row[2],
        "mutual_aid.premium": row[3], "mutual_aid.ankang_shares": row[4], "mutual_aid.to_add": row[5],
        "mutual_aid.whole_orgs": len(whole), "mutual_aid.claims": claim[0], "mutual_aid.claimed": claim[1],
    }
    by_plan = {r[0]: (r[1], r[2]) for r in store.query(
        f"SELECT p.name, count(*), coalesce(sum(e.premium), 0) {live} GROUP BY p.name", params)}
    for name in plan_names(store):
        people, premium = by_plan.get(name, (0, 0))
        out[f"mutual_aid.by_plan.{name}"] = people
        out[f"mutual_aid.premium_by_plan.{name}"] = premium
    return out


def available(store: Store) -> bool:
    return core_module_exists("mutual_aid") and has_tables(store, "aid_plans", "aid_enrolments", "aid_claims")


AREA = Area("mutual_aid", "互助保障", SPECS, BREAKDOWNS, compute, available)
