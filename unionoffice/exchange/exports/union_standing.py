"""Exporting 规范化建设与民主管理 for a year: one row per union that was unionised at the year's end,
with its standing (the year's row, or the latest earlier one — 数据年度 says which), whether a
regional congress or a collective contract (own or 区域性/行业性) covers it, its facilities and its
serving officers. Counting the 是 cells and dividing by the rows gives the year's figures."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ...core.store.connection import Store
from ...core.union_standing import query
from ...core.union_standing.records import standing_for_year
from .xlsx_writer import Column, write_table

COLUMNS = (
    Column("单位", "text", 32), Column("建会方式", "text", 9), Column("数据年度", "int", 8), Column("三有工会", "flag", 8),
    Column("规范化建设等级", "text", 10), Column("等级级别", "text", 8), Column("厂务公开", "flag", 8),
    Column("职代会", "text", 8), Column("区域性职代会覆盖", "flag", 10), Column("要约书发出日期", "date", 12),
    Column("反馈单收回日期", "date", 12), Column("调解组织建立日期", "date", 12), Column("预警员人数", "int", 8),
    Column("女职工组织", "text", 12), Column("内部帮困基金（元）", "money", 12), Column("集体合同覆盖", "flag", 10),
    Column("女职工专项合同", "flag", 10), Column("职工之家/书屋/服务点", "text", 30), Column("工会委员", "text", 40),
)


def _row(r: dict[str, Any], cover: query.Coverage, facilities: dict[int, str], officers: dict[int, str]) -> list:
    oid = r["org_id"]
    entered = r["year"] is not None
    return [r["org_name"], r["union_mode"], r["year"], entered and r["three_have"], r["grade"] or "",
            r["grade_level"] or "", entered and r["open_affairs"], r["congress"] or "",
            oid in cover.regional_congress or r["congress"] == "区域性", r["offer_sent"], r["offer_replied"], r["mediation_since"],
            r["warners"] if entered else 0, r["women_org"] or "", r["hardship_fund"] if entered else 0,
            oid in cover.contracts, oid in cover.women_contracts, facilities.get(oid, ""), officers.get(oid, "")]


def export_standing(store: Store, out_path: str | Path, *, year: int | None = None, progress=None) -> int:
    from ...core.values import dates

    year = year or dates.today().year
    rows = standing_for_year(store, year)
    cover = query.coverage(store, f"{year}-12-31")
    facilities, officers = query.facility_texts(store, f"{year}-12-31"), query.officer_texts(store)
    return write_table(out_path, title=f"{store.office_name or '工会'}{year}年基层工会规范化建设与民主管理情况",
                       columns=COLUMNS, rows=(_row(r, cover, facilities, officers) for r in rows),
                       sheet_name=f"{year}年规范化建设", n_rows=len(rows), progress=progress)
