"""Exporting the dispute log (劳动争议台账) to Excel: one row per case, in order of receipt.

The columns carry everything the period figures are computed from (受理日期, 争议类型, 来源,
涉及人数, 涉及金额, 调解结果, 状态, 追回金额), so filtering the sheet by 受理日期 reproduces
``dispute_figures`` for that period.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Iterator, Sequence

from ...core.disputes.query import DisputeFilter, applicants_by_case, disputes_by_ids, search_dispute_ids
from ...core.store.connection import Store
from .xlsx_writer import Column, write_table

PAGE = 500
Progress = Callable[[int, int], None] | None

COLUMNS = (
    Column("案号", "text", 11), Column("受理日期", "date", 12), Column("来源", "text", 9),
    Column("争议类型", "text", 13), Column("申请人", "text", 24), Column("申请人电话", "text", 26),
    Column("被申请人", "text", 30), Column("涉及人数", "int", 9), Column("集体争议", "flag", 8),
    Column("涉及金额（元）", "money", 14), Column("事由", "text", 40), Column("承办人", "text", 9),
    Column("状态", "text", 9), Column("调解结果", "text", 9), Column("调解结果日期", "date", 12),
    Column("调解期限", "date", 12), Column("已办天数", "int", 9), Column("结案/撤回日期", "date", 13),
    Column("处理结果", "text", 24), Column("追回金额（元）", "money", 14), Column("协议/处理情况", "text", 40),
)


def _row(case: dict[str, Any], people: list[dict[str, Any]]) -> list[Any]:
    result = {"成功": "调解成功", "不成": "调解不成"}.get(case["mediation_result"], "")
    return [
        case["case_no"], case["received_date"], case["source"], case["kind"],
        "、".join(p["name"] for p in people), "、".join(p["phone"] for p in people if p["phone"]),
        case["respondent_name"], case["workers"], case["collective"], case["amount"], case["claim"],
        case["handler"], case["status"], result, case["mediated_date"], case["deadline"], case["days_open"],
        case["closed_date"], case["outcome"], case["recovered"], case["settlement"],
    ]


def _rows(store: Store, ids: Sequence[int]) -> Iterator[list[Any]]:
    for start in range(0, len(ids), PAGE):
        chunk = ids[start:start + PAGE]
        people = applicants_by_case(store, chunk)
        for case in disputes_by_ids(store, chunk):
            yield _row(case, people[case["id"]])


def export_disputes(store: Store, out_path: str | Path, *, text: str = "", filt: DisputeFilter | None = None,
                    progress: Progress = None) -> int:
    """The cases matching the search and filter (default: every live case); returns rows written."""
    ids = list(reversed(search_dispute_ids(store, text, filt)))  # oldest first, as a 台账 reads
    title = f"{store.office_name or '工会'}劳动争议台账"
    return write_table(out_path, title=title, columns=COLUMNS, rows=_rows(store, ids), sheet_name="劳动争议台账",
                       n_rows=len(ids), progress=progress)
