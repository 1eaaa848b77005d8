"""Exporting the honours register (评先评优台账): one row per honour, newest year first.

The headers are the import's own field names, so the sheet can be edited and imported again; the
统计日期 column is the day the period figures count the honour on (授予日期, or 31 December of
its 年度), so filtering it by a period reproduces the honours figures.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ...core.honours.records import list_honours
from ...core.store.connection import Store
from .xlsx_writer import Column, write_table

COLUMNS = (
    Column("对象", "text", 7), Column("荣誉类别", "text", 13), Column("荣誉称号", "text", 24), Column("级别", "text", 6),
    Column("年度", "int", 7), Column("授予日期", "date", 12), Column("统计日期", "date", 12),
    Column("授予机关", "text", 20), Column("姓名", "text", 10), Column("身份证号", "text", 20),
    Column("单位", "text", 30), Column("名次", "text", 8), Column("来源", "text", 10), Column("备注", "text", 24),
)


def _row(h: dict[str, Any]) -> list[Any]:
    counted = h["awarded_date"] or (f"{h['year']}-12-31" if h["year"] else None)
    return [h["recipient_kind"], h["category"], h["title"], h["level"], h["year"], h["awarded_date"], counted,
            h["issuer"], h["person_name"], h.get("id_number") or "", h["org_name"], h["place"],
            h["source"] or "评先评优登记", h["notes"]]


def export_honours(store: Store, out_path: str | Path, *, year: int | None = None, progress=None) -> int:
    rows = list_honours(store, year=year)
    title = f"{store.office_name or '工会'}评先评优台账" + (f"（{year}年）" if year else "")
    return write_table(out_path, title=title, columns=COLUMNS, rows=(_row(h) for h in rows),
                       sheet_name="评先评优台账", n_rows=len(rows), progress=progress)
