"""规范化建设与民主管理 figures, over the unions as they stood at the period's end.

**Unionised orgs** (已建会单位, the denominator of every rate here): live non-federation orgs that
had an independent union founded by the period's end, or belong to a joint union (联合建会). Each
union's yearly standing is its row for the year the period ends in, or its latest earlier row.

- **三有工会**, **规范化等级** (达标/合格/先进/示范, all levels; 区级 separately), **厂务公开** and its rate.
- **职代会**: unions with their own (单独) or a 区域性 职代会, plus every org covered by a live
  区域性职代会 record; the rate over unionised orgs. **区域性职代会覆盖** counts the regional ones only.
- **要约书发出 / 反馈单收回**: 集体协商要约 sent / replies received with dates in the period.
- **劳动争议调解组织** set up by the period's end and their **预警员**.
- **女职工组织**; **内部帮困基金** unions and the total (fen).
- **职工之家 / 职工书屋 / 职工服务点** set up by the period's end (live records).
- **集体合同覆盖单位**: unionised orgs covered at the period's end by their own 集体合同 in force or by
  a 区域性/行业性集体合同 in force — each org once, as the district counts 覆盖企业; and the rate.
- **女职工专项合同覆盖单位**: unionised orgs with a 女职工专项 contract in force; and the rate.
"""
from __future__ import annotations

from typing import Any

from ..figures.base import COUNT, FEN, RATE, Area, Breakdown, Period, Spec, core_module_exists, has_tables, ratio
from ..store.connection import Store
from .query import coverage
from .records import FACILITY_KINDS, GRADES, UNIONISED

SPECS = (
    # no synonym: a form's 已建会企业数 is the 组织建设 figure orgs.covered (the same count, defined once)
    Spec("standing.unionised", "民主管理统计工会数", "期末已建会（独立或联合）、计入本节各比率分母的单位数"),
    Spec("standing.three_have", "三有工会数", "期末为“三有”工会的单位数", synonyms=("三有工会", "“三有”工会")),
    Spec("standing.open_affairs", "厂务公开单位数", "期末建立厂务公开制度的已建会单位数",
         synonyms=("建立厂务公开制度",)),
    Spec("standing.open_affairs_rate", "厂务公开建制率", "厂务公开单位数 ÷ 已建会单位数", RATE,
         synonyms=("厂务公开率",)),
    Spec("standing.congress", "建立职代会单位数", "期末建立职代会（单独或区域性）的已建会单位数",
         synonyms=("职代会建制单位数",)),
    Spec("standing.congress_regional", "区域性职代会覆盖单位数", "期末由区域性职代会覆盖的已建会单位数",
         synonyms=("建立区域性职代会的企业",)),
    Spec("standing.congress_rate", "职代会建制率", "建立职代会单位数 ÷ 已建会单位数", RATE, synonyms=("职代会覆盖面",)),
    Spec("standing.congress_regional_rate", "区域性职代会覆盖面", "区域性职代会覆盖单位数 ÷ 已建会单位数", RATE),
    Spec("standing.offers_sent", "发出要约书份数", "期内发出的集体协商要约书份数", synonyms=("发出要约书",)),
    Spec("standing.offers_replied", "收回反馈单份数", "期内收回的要约反馈单份数", synonyms=("收回反馈单",)),
    Spec("standing.mediation_orgs", "劳动争议调解组织数", "期末已建立劳动争议调解组织的单位数",
         synonyms=("建立劳动争议调解组织",)),
    Spec("standing.warners", "劳动争议预警员人数", "期末调解组织的预警员人数合计", synonyms=("预警员",)),
    Spec("standing.women_orgs", "女职工组织数", "期末建立女职工委员会或小组的单位数", synonyms=("女职工组织",)),
    Spec("standing.hardship_funds", "内部帮困基金单位数", "期末建立内部帮困基金的单位数",
         synonyms=("建立了内部帮困基金",)),
    Spec("standing.hardship_fund_total", "内部帮困基金总额", "期末各单位内部帮困基金合计（元）", FEN,
         synonyms=("基金总额",)),
    Spec("standing.contract_orgs", "集体合同覆盖单位数", "期末由本单位或区域性、行业性集体合同覆盖的已建会单位数",
         synonyms=("覆盖企业", "集体合同覆盖企业")),
    Spec("standing.contract_rate", "集体合同覆盖率", "集体合同覆盖单位数 ÷ 已建会单位数", RATE),
    Spec("standing.regional_contracts", "区域性行业性集体合同数", "期末有效的区域性、行业性集体合同份数"),
    Spec("standing.women_contract_orgs", "女职工专项合同单位数", "期末女职工专项集体合同有效的已建会单位数"),
    Spec("standing.women_contract_rate", "女职工专项合同签订率", "女职工专项合同单位数 ÷ 已建会单位数", RATE,
         synonyms=("女职工特殊权益保护专项合同",)),
)
BREAKDOWNS = (
    Breakdown("standing.grade", "规范化等级", "期末规范化建设等级为该级的工会数（各级别）", COUNT, GRADES),
    Breakdown("standing.district_grade", "区级规范化等级", "期末区级规范化建设等级为该级的工会数", COUNT, GRADES,
              synonyms=("区级示范工会", "区级先进工会")),
    Breakdown("standing.facilities", "职工阵地", "期末已建立的职工之家、职工书屋、职工服务点个数", COUNT,
              FACILITY_KINDS, synonyms=("职工服务点", "职工之家", "职工书屋")),
)


def _standings(store: Store, year: int, end: str) -> list[Any]:
    return store.query(
        f"SELECT o.id AS org_id, s.* FROM orgs o LEFT JOIN union_standing s ON s.id = (SELECT id FROM union_standing "
        f"WHERE org_id = o.id AND year <= ? ORDER BY year DESC LIMIT 1) WHERE {UNIONISED}", (year, end, end, end))


def compute(store: Store, period: Period) -> dict[str, Any]:
    start, end = period.iso
    rows = _standings(store, period.end.year, end)
    unionised = {r["org_id"] for r in rows}
    n = len(unionised)
    entered = [r for r in rows if r["id"] is not None]
    cover = coverage(store, end)
    regional_congress = (cover.regional_congress & unionised) | {r["org_id"] for r in entered if r["congress"] == "区域性"}
    congress = {r["org_id"] for r in entered if r["congress"]} | regional_congress
    contracts = cover.contracts & unionised
    women = cover.women_contracts & unionised
    open_affairs = sum(r["open_affairs"] for r in entered)
    out: dict[str, Any] = {
        "standing.unionised": n,
        "standing.three_have": sum(r["three_have"] for r in entered),
        "standing.open_affairs": open_affairs, "standing.open_affairs_rate": ratio(open_affairs, n),
        "standing.congress": len(congress), "standing.congress_rate": ratio(len(congress), n),
        "standing.congress_regional": len(regional_congress),
        "standing.congress_regional_rate": ratio(len(regional_congress), n),
        "standing.offers_sent": _dated(store, "offer_sent", start, end),
        "standing.offers_replied": _dated(store, "offer_replied", start, end),
        "standing.mediation_orgs": sum(1 for r in entered if r["mediation_since"] and r["mediation_since"] <= end),
        "standing.warners": sum(r["warners"] for r in entered if r["mediation_since"] and r["mediation_since"] <= end),
        "standing.women_orgs": sum(1 for r in entered if r["women_org"]),
        "standing.hardship_funds": sum(1 for r in entered if r["hardship_fund"] > 0),
        "standing.hardship_fund_total": sum(r["hardship_fund"] for r in entered),
        "standing.contract_orgs": len(contracts), "standing.contract_rate": ratio(len(contracts), n),
        "standing.regional_contracts": store.scalar(
            "SELECT count(*) FROM regional_agreements WHERE deleted_at IS NULL AND kind <> '区域性职代会' "
            "AND signed_date <= ? AND (expiry_date IS NULL OR expiry_date >= ?)", (end, end)),
        "standing.women_contract_orgs": len(women), "standing.women_contract_rate": ratio(len(women), n),
    }
    out.update(_grades_and_facilities(store, entered, end))
    return out


def _grades_and_facilities(store: Store, entered: list[Any], end: str) -> dict[str, int]:
    out: dict[str, int] = {}
    for g in GRADES:
        out[f"standing.grade.{g}"] = sum(1 for r in entered if r["grade"] == g)
        out[f"standing.district_grade.{g}"] = sum(1 for r in entered if r["grade"] == g and r["grade_level"] == "区")
    facilities = dict(store.query(
        "SELECT kind, count(*) FROM union_facilities WHERE deleted_at IS NULL AND set_up_date <= ? GROUP BY kind",
        (end,)))
    for kind in FACILITY_KINDS:
        out[f"standing.facilities.{kind}"] = facilities.get(kind, 0)
    return out


def _dated(store: Store, column: str, start: str, end: str) -> int:
    return store.scalar(f"SELECT count(*) FROM union_standing s JOIN orgs o ON o.id = s.org_id "
                        f"WHERE o.deleted_at IS NULL AND s.{column} BETWEEN ? AND ?", (start, end))


def available(store: Store) -> bool:
    return core_module_exists("union_standing") and has_tables(store, "union_standing", "regional_agreements")


AREA = Area("standing", "规范化建设与民主管理", SPECS, BREAKDOWNS, compute, available)
