"""帮扶 figures: hardship files (困难职工档案) and assistance (帮扶/慰问).

Hardship files, as they stood at the period end (recycle bin excluded):

- **在档** (files on record): filed (建档日期) on or before the period end, and either still 在档
  now or closed (脱困/撤档) after the period end. A file closed within the period is not 在档.
- **By level / by category**: the 在档 files per 建档层级 (市/区/街道) and per 困难类别.
- **New files** (新建档): 建档日期 within the period. **Closed** (脱困/撤档): closed with a date
  within the period.

Assistance (one row = one payment or gift to one person), paid within the period:

- Only rows handed out (已发 or 已签领) count; 拟发 rows are shown apart as **pending**.
- **Count** (人次): original entries (not correcting entries); **people** (人数): distinct 身份证号
  among them. **Amount** (金额): money paid, correcting entries (冲销) included, so a reversed
  payment nets out; **goods** (实物折价): the value of goods, likewise.
- **By kind** (慰问类别) and **by funding source** (资金来源): 人次 and amount per category.
"""

from __future__ import annotations

from typing import Any

from ..figures.base import COUNT, FEN, Area, Breakdown, Period, Spec, core_module_exists, has_tables
from ..store.connection import Store

LEVELS = ("市", "区", "街道")
ASSISTANCE_KINDS = ("元旦春节送温暖", "金秋助学", "夏送清凉", "大病救助", "生病住院慰问", "临时救助", "劳模慰问", "其他")
FUNDING_SOURCES = ("市总", "区总", "街道总工会", "企业", "社会捐赠")
PAID = "('已发', '已签领')"


def hardship_categories(store: Store) -> list[str]:
    from .records import categories

    return categories(store)


HARDSHIP_SPECS = (
    Spec("hardship.on_file", "在档困难职工数", "期末在档的困难职工档案数",
        synonyms=("困难职工", "在档困难职工", "困难职工档案", "困难职工户数", "在档困难职工户数", "建档困难职工", "建档困难职工数", "困难职工数")),
    Spec("hardship.new", "新建档数", "建档日期在期间内的档案数",
        synonyms=("新建档", "新建档困难职工", "新增困难职工", "新增建档", "新增建档困难职工", "新建档困难职工数", "新增困难职工档案")),
    Spec("hardship.closed", "销档数", "期间内脱困或撤档的档案数",
        synonyms=("销档", "退出档案数")),
    Spec("hardship.lifted", "脱困数", "期间内脱困的档案数",
        synonyms=("脱困", "脱困人数", "脱困户数", "解困脱困")),
    Spec("hardship.withdrawn", "撤档数", "期间内撤档的档案数",
        synonyms=("撤档",)),
)
HARDSHIP_BREAKDOWNS = (
    Breakdown("hardship.by_level", "在档按层级", "期末在档档案数，按建档层级（市/区/街道）", COUNT, LEVELS,
        synonyms=("级困难职工", "困难职工", "级建档")),
    Breakdown("hardship.by_category", "在档按类别", "期末在档档案数，按困难类别", COUNT, hardship_categories,
        synonyms=("困难职工",)),
)
ASSISTANCE_SPECS = (
    Spec("assistance.count", "帮扶人次", "期内已发放的帮扶/慰问人次（不含更正记录）",
        synonyms=("帮扶慰问人次", "慰问人次", "帮扶困难职工人次", "走访慰问人次", "帮扶职工人次", "帮扶困难职工", "慰问职工人次")),
    Spec("assistance.people", "帮扶人数", "期内已发放帮扶/慰问的人数（按身份证号去重）",
        synonyms=("帮扶慰问人数", "慰问人数", "帮扶职工人数", "慰问困难职工", "帮扶困难职工人数", "慰问职工人数")),
    Spec("assistance.amount", "帮扶金额", "期内已发放的慰问金合计（元，含冲销更正）", FEN,
        synonyms=("慰问金", "帮扶资金", "帮扶慰问金额", "慰问金额", "发放慰问金", "帮扶慰问资金", "发放帮扶资金", "送温暖资金", "困难职工帮扶金额", "帮扶困难职工资金", "帮扶金额合计", "慰问资金")),
    Spec("assistance.goods_value", "实物折价", "期内已发放实物的折价合计（元）", FEN,
        synonyms=("慰问品折价", "实物折款", "慰问物资折价")),
    Spec("assistance.pending", "拟发人次", "期内日期、尚未发放（拟发）的人次"),
)
ASSISTANCE_BREAKDOWNS = (
    Breakdown("assistance.count_by_kind", "帮扶人次", "期内已发放人次，按慰问类别", COUNT, ASSISTANCE_KINDS,
        synonyms=("人次", "慰问人次")),
    Breakdown("assistance.amount_by_kind", "帮扶金额", "期内已发放金额（元），按慰问类别", FEN, ASSISTANCE_KINDS,
        synonyms=("金额", "资金", "慰问金", "发放金额", "慰问金额")),
    Breakdown("assistance.amount_by_source", "资金来源金额", "期内已发放金额（元），按资金来源", FEN, FUNDING_SOURCES,
        synonyms=("资金", "拨付资金", "配套资金")),
    Breakdown("assistance.count_by_source", "资金来源人次", "期内已发放人次，按资金来源", COUNT, FUNDING_SOURCES),
)


def compute_hardship(store: Store, period: Period) -> dict[str, Any]:
    start, end = period.iso
    on_file = "(filed_date <= ? AND (status = '在档' OR coalesce(status_date, '') > ?))"
    row = store.one(
        f"SELECT coalesce(sum({on_file}), 0) AS on_file, "
        "coalesce(sum(filed_date BETWEEN ? AND ?), 0) AS new, "
        "coalesce(sum(status = '脱困' AND status_date BETWEEN ? AND ?), 0) AS lifted, "
        "coalesce(sum(status = '撤档' AND status_date BETWEEN ? AND ?), 0) AS withdrawn "
        "FROM hardship_files WHERE deleted_at IS NULL",
        (end, end, start, end, start, end, start, end))
    out: dict[str, Any] = {
        "hardship.on_file": row["on_file"], "hardship.new": row["new"], "hardship.lifted": row["lifted"],
        "hardship.withdrawn": row["withdrawn"], "hardship.closed": row["lifted"] + row["withdrawn"],
    }
    out.update({f"hardship.by_level.{lv}": 0 for lv in LEVELS})
    out.update({f"hardship.by_category.{c}": 0 for c in hardship_categories(store)})
    for column, prefix in (("level", "hardship.by_level"), ("category", "hardship.by_category")):
        for value, count in store.query(
                f"SELECT {column}, count(*) FROM hardship_files WHERE deleted_at IS NULL AND {on_file} "
                f"GROUP BY {column}", (end, end)):
            out[f"{prefix}.{value}"] = count
    return out


def compute_assistance(store: Store, period: Period) -> dict[str, Any]:
    start, end = period.iso
    where = f"deleted_at IS NULL AND paid_date BETWEEN ? AND ? AND status IN {PAID}"
    row = store.one(
        "SELECT coalesce(sum(reversal_of IS NULL), 0) AS count, "
        "count(DISTINCT CASE WHEN reversal_of IS NULL THEN id_number END) AS people, "
        "coalesce(sum(amount), 0) AS amount, coalesce(sum(goods_value), 0) AS goods "
        f"FROM assistance WHERE {where}", (start, end))
    out: dict[str, Any] = {
        "assistance.count": row["count"], "assistance.people": row["people"],
        "assistance.amount": row["amount"], "assistance.goods_value": row["goods"],
        "assistance.pending": store.scalar(
            "SELECT count(*) FROM assistance WHERE deleted_at IS NULL AND paid_date BETWEEN ? AND ? "
            "AND status = '拟发' AND reversal_of IS NULL", (start, end)),
    }
    out.update({f"assistance.count_by_kind.{c}": 0 for c in ASSISTANCE_KINDS})
    out.update({f"assistance.amount_by_kind.{c}": 0 for c in ASSISTANCE_KINDS})
    for value, count, amount in store.query(
            "SELECT kind, coalesce(sum(reversal_of IS NULL), 0), coalesce(sum(amount), 0) "
            f"FROM assistance WHERE {where} GROUP BY kind", (start, end)):
        out[f"assistance.count_by_kind.{value}"] = count
        out[f"assistance.amount_by_kind.{value}"] = amount
    out.update({f"assistance.count_by_source.{c}": 0 for c in FUNDING_SOURCES})
    out.update({f"assistance.amount_by_source.{c}": 0 for c in FUNDING_SOURCES})
    # a campaign funded by several sources is split among them, so the sources add up to the total
    for source, figures in _by_source(store, where, (start, end)).items():
        out[f"assistance.count_by_source.{source}"] = figures["count"]
        out[f"assistance.amount_by_source.{source}"] = figures["amount"]
    return out


def _by_source(store: Store, where: str, params: tuple) -> dict[str, dict[str, int]]:
    from ..assistance.funding import by_source

    return by_source(store, where, params)


def hardship_available(store: Store) -> bool:
    return core_module_exists("hardship") and has_tables(store, "hardship_files")


def assistance_available(store: Store) -> bool:
    return core_module_exists("assistance") and has_tables(store, "assistance", "campaigns")


HARDSHIP = Area("hardship", "困难职工档案", HARDSHIP_SPECS, HARDSHIP_BREAKDOWNS, compute_hardship, hardship_available)
ASSISTANCE = Area("assistance", "帮扶慰问", ASSISTANCE_SPECS, ASSISTANCE_BREAKDOWNS, compute_assistance,
                  assistance_available)
