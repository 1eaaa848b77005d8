"""The import problem report: one row per rejected row, with the reason and the values as read.

The clerk fixes the rows in her own sheet (or in this report) and imports again; rows already
imported are then unchanged, so nothing doubles.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any, TYPE_CHECKING

from ..exports.xlsx_writer import Column, write_table
from .reader import display_headers

if TYPE_CHECKING:
    from .importer import ImportPlan


def cell_text(value: Any) -> str:
    """An original cell as the clerk would recognise it (numbers without a spurious '.0')."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))  # beyond 15 digits Excel itself no longer holds every digit
    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S") if value.time() != datetime.time() else value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def write_report(plan: "ImportPlan", out_path: Path) -> Path:
    """Rejected rows as a workbook: 工作表, 行号, 字段, 原因, then every original column."""
    headers = display_headers(plan.headers)
    for r in plan.rejected:  # a sheet laid out differently adds its own columns at the end
        headers += [h for h in r.values if h not in headers]
    columns = [Column("工作表", width=14), Column("行号", "int", 8), Column("字段", width=14),
               Column("原因", width=48)] + [Column(h, width=max(10, min(24, len(h) * 2 + 4))) for h in headers]
    rows = ([r.sheet, r.row, r.field, r.reason] + [cell_text(r.values.get(h)) for h in headers]
            for r in plan.rejected)
    write_table(out_path, title=f"{plan.path.name} 导入问题（共 {len(plan.rejected)} 行未导入）",
                columns=columns, rows=rows, sheet_name="导入问题", n_rows=len(plan.rejected))
    return out_path
