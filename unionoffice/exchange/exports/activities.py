"""Exporting the activity 台账 to Excel: one row per activity, in calendar order, with 人次 and cost.

The 编号 column is the activity's id (what ``unionoffice print-activity signin --activity`` takes).
实际人次 is the stored 人次 — equal to 签到人数 whenever there is an attendance list — so summing
it over the 已举办 rows gives the period's 人次 as ``activities.activity_totals`` reports it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from ...core.activities import records as activities
from ...core.store.connection import Store
from .xlsx_writer import Column, write_table

COLUMNS = (
    Column("编号", "int", 7), Column("开始日期", "date", 12), Column("开始时间", "text", 9),
    Column("结束日期", "date", 12), Column("结束时间", "text", 9), Column("活动名称", "text", 30),
    Column("类别", "text", 10), Column("状态", "text", 8), Column("地点", "text", 20), Column("组织者", "text", 18),
    Column("合作单位", "text", 30), Column("计划人次", "int", 10), Column("实际人次", "int", 10),
    Column("签到名单人数", "int", 12), Column("名单外人数", "int", 10), Column("经费（元）", "money", 12), Column("经费来源", "text", 12),
    Column("每年举办", "flag", 9), Column("节日", "text", 8), Column("附件数", "int", 8), Column("活动内容", "text", 40),
)


def _row(a: dict[str, Any]) -> list[Any]:
    return [
        a["id"], a["start_date"], a["start_time"], a["end_date"], a["end_time"], a["title"], a["kind"], a["status"],
        a["location"], a["organiser"], a["partner_names"], a["planned_headcount"], a["headcount"],
        a["attendance_count"], a.get("walk_ins") or 0, a["cost"], a["funding_source"], a["recurring"], a.get("festival") or "", a["attachment_count"], a["description"],
    ]


def export_activities(store: Store, out_path: str | Path, *, year: int | None = None,
                      progress: Callable[[int, int], None] | None = None) -> int:
    """Every live activity (or one year's); returns the number of rows written."""
    first, last = (f"{year:04d}-01-01", f"{year:04d}-12-31") if year else ("1900-01-01", "2100-12-31")
    rows = activities.activities_between(store, first, last)
    if year:  # an activity running over new year belongs to the year it starts in
        rows = [r for r in rows if r["start_date"] >= first]
    title = f"{store.office_name or '工会'}{f'{year}年' if year else ''}活动台账"
    # no phones or ID numbers in this sheet, so no personal-data warning
    return write_table(out_path, title=title, columns=COLUMNS, rows=(_row(r) for r in rows), personal_data=False,
                       sheet_name="活动台账", n_rows=len(rows), progress=progress)
