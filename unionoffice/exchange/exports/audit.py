"""Exporting the 操作日志 (with its current filter) to an Excel workbook, one row per logged change."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from ...core.store.audit_query import AuditFilter, count_entries, iter_entries
from ...core.store.connection import Store
from .xlsx_writer import Column, write_table

COLUMNS = [
    Column("序号", "int", 8), Column("时间", "text", 19), Column("操作人", "text", 10),
    Column("记录类型", "text", 12), Column("记录", "text", 24), Column("操作", "text", 12),
    Column("修改内容（修改前 → 修改后）", "text", 90), Column("系统用户", "text", 12),
]
MAX_ROWS = 1_000_000  # an Excel sheet holds 1,048,576 rows


def export_audit(store: Store, out_path: str | Path, filt: AuditFilter | None = None, *, masked: bool = True,
                 progress: Callable[[int, int], None] | None = None) -> int:
    """Write the matching log rows, newest first; returns how many were written.

    Logged values hold 身份证号 and phones, so the first row says the file holds personal data;
    with ``masked`` (the default, as on screen) those values are partly hidden.
    """
    total = min(count_entries(store, filt), MAX_ROWS)

    def rows():
        for n, entry in enumerate(iter_entries(store, filt, masked=masked), 1):
            if n > MAX_ROWS:
                return
            yield [entry.id, entry.at, entry.user, entry.table_label, entry.record, entry.action_label,
                   entry.summary(), entry.os_user]

    title = f"{store.office_name or '工会'}操作日志"
    return write_table(out_path, title=title, columns=COLUMNS, rows=rows(), personal_data=True,
                       sheet_name="操作日志", n_rows=total, progress=progress)
