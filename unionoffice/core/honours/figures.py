"""评先评优 figures: honours awarded in the period.

An honour belongs to the day it was awarded (授予日期); one known only by its year counts on 31 December
of that year (年度表彰 are decided at the year's end), so a year's return counts every honour of that
year and a half-year counts only dated ones. The exported register carries this 统计日期 column.

- **个人荣誉人次** / **集体荣誉个数**: honours to persons / to orgs and unions in the period.
- **by category** (荣誉.<类别>) and **district level by category** (区级荣誉.<类别>), the way the
  district counts 区级工人先锋号, 区级优秀工会干部.
- **竞赛前三名人次**: 技能竞赛名次 of 第一/二/三名.
- **在册劳模人数**: members now on the roll (正常, 保留) holding a 劳模 honour (全国 to 区级, the levels the
  roll shows) awarded by the period's end; one whose year is unknown (moved in from the roll) always counts.
"""
from __future__ import annotations

from typing import Any

from ..figures.base import COUNT, Area, Breakdown, Period, Spec, core_module_exists, has_tables
from ..store.connection import Store
from .records import LEVELS, ORG_CATEGORIES, PERSON_CATEGORIES

CATEGORIES = PERSON_CATEGORIES + ORG_CATEGORIES

# the day an honour counts on (see the module docstring); shared with the export
DATE_EXPR = "coalesce(awarded_date, CASE WHEN year IS NOT NULL THEN year || '-12-31' END)"

SPECS = (
    Spec("honours.persons", "个人荣誉人次", "期内授予个人的荣誉人次（含劳模、优秀工会干部、竞赛名次）",
         synonyms=("获表彰个人", "表彰先进个人人次", "先进个人")),
    Spec("honours.collectives", "集体荣誉个数", "期内授予单位或工会的荣誉个数",
         synonyms=("获表彰集体", "先进集体", "表彰先进集体数")),
    Spec("honours.contest_top3", "竞赛前三名人次", "期内技能竞赛获第一、二、三名的人次",
         synonyms=("劳动技能竞赛前三名", "技能竞赛获奖人次")),
    Spec("honours.model_workers", "在册劳模人数", "在册会员（正常、保留）中期末已获区级及以上劳模称号的人数",
         synonyms=("劳模人数", "劳动模范人数")),
)
BREAKDOWNS = (
    Breakdown("honours.by_category", "荣誉", "期内授予的荣誉个数（人次）", COUNT, CATEGORIES,
              synonyms=("荣誉表彰",)),
    Breakdown("honours.district", "区级荣誉", "期内授予的区级荣誉个数（人次）", COUNT, CATEGORIES,
              synonyms=("获区级", "区级")),
    Breakdown("honours.by_level", "荣誉级别", "期内授予的荣誉个数（人次），按级别", COUNT, LEVELS),
)


def compute(store: Store, period: Period) -> dict[str, Any]:
    start, end = period.iso
    rows = store.query(
        f"SELECT recipient_kind, category, level, place FROM honours "
        f"WHERE deleted_at IS NULL AND {DATE_EXPR} BETWEEN ? AND ?", (start, end))
    out: dict[str, Any] = {
        "honours.persons": sum(r["recipient_kind"] == "个人" for r in rows),
        "honours.collectives": sum(r["recipient_kind"] == "集体" for r in rows),
        "honours.contest_top3": sum(r["category"] == "技能竞赛名次" and r["place"] in ("第一名", "第二名", "第三名")
                                    for r in rows),
        "honours.model_workers": store.scalar(
            f"SELECT count(DISTINCT h.member_id) FROM honours h JOIN members m ON m.id = h.member_id "
            f"WHERE h.deleted_at IS NULL AND h.category = '劳动模范' AND h.level <> '街道' AND m.deleted_at IS NULL "
            f"AND m.status IN ('正常', '保留') AND coalesce({DATE_EXPR}, '') <= ?", (end,)),
    }
    for c in CATEGORIES:
        out[f"honours.by_category.{c}"] = sum(r["category"] == c for r in rows)
        out[f"honours.district.{c}"] = sum(r["category"] == c and r["level"] == "区" for r in rows)
    for level in LEVELS:
        out[f"honours.by_level.{level}"] = sum(r["level"] == level for r in rows)
    return out


def available(store: Store) -> bool:
    return core_module_exists("honours") and has_tables(store, "honours")


AREA = Area("honours", "评先评优", SPECS, BREAKDOWNS, compute, available)
