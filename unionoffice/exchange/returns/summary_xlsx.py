"""The period's figures as a workbook: one sheet, sections of 项目 · 本期 · 上年同期 with typed
cells (counts as numbers, rates as percentages, money in yuan with two decimals)."""

from __future__ import annotations

from pathlib import Path

from ...core.figures import catalogue as F
from ...core.figures import view as V
from ...core.store.connection import Store
from .district import _save

FONT = "宋体"


def write_summary_xlsx(store: Store, period: F.Period, out: str | Path) -> Path:
    from openpyxl import Workbook

    now, last = F.compare(store, period)
    wb = Workbook()
    ws = wb.active
    ws.title = "工作数据汇总"
    _write_heading(ws, f"{now.get('office.name', '')}{period.label}工作数据汇总", period)
    _write_sections(ws, now, last, first_row=4)
    ws.column_dimensions["A"].width = 36
    ws.column_dimensions["B"].width = 16
    ws.column_dimensions["C"].width = 16
    ws.freeze_panes = "A4"
    ws.print_title_rows = "3:3"
    out = Path(out)
    _save(wb, out)
    return out


def _box():
    from openpyxl.styles import Border, Side

    thin = Side(style="thin")
    return Border(left=thin, right=thin, top=thin, bottom=thin)


def _write_heading(ws, title: str, period: F.Period) -> None:
    """Title, the two periods compared, and the column header on row 3."""
    from openpyxl.styles import Alignment, Font, PatternFill

    ws.merge_cells("A1:C1")
    ws["A1"] = title
    ws["A1"].font = Font(name=FONT, size=14, bold=True)
    ws["A1"].alignment = Alignment(horizontal="center")
    ws["A2"] = f"统计期间：{period.start} 至 {period.end}；上年同期：{period.last_year().start} 至 {period.last_year().end}"
    for col, text in zip("ABC", ("项目", "本期", "上年同期")):
        c = ws[f"{col}3"]
        c.value, c.font, c.border = text, Font(name=FONT, bold=True), _box()
        c.fill = PatternFill("solid", fgColor="D9E1F2")
        c.alignment = Alignment(horizontal="center")


def _write_sections(ws, now: F.Figures, last: F.Figures, first_row: int) -> None:
    """Each section's title, notes and rows (label · this period · last year), typed cells."""
    from openpyxl.styles import Font

    box = _box()
    row = first_row - 1
    for sec in V.sections(now, last):
        row += 1
        ws.cell(row, 1, sec.title).font = Font(name=FONT, bold=True)
        for note in sec.notes:
            row += 1
            ws.cell(row, 1, note).font = Font(name=FONT, color="808080")
        for r in sec.rows:
            row += 1
            ws.cell(row, 1, ("    " if r.indent else "") + r.label).border = box
            for col, fig in ((2, now), (3, last)):
                _typed(ws.cell(row, col), r.key, fig)
                ws.cell(row, col).border = box


def _typed(cell, key: str, fig: F.Figures) -> None:
    value, unit = fig.get(key), F.unit_of(key)
    if value is None:
        cell.value = "—"
    elif unit == F.RATE:
        cell.value, cell.number_format = round(value, 6), "0.00%"
    elif unit == F.FEN:
        cell.value, cell.number_format = value / 100, "#,##0.00"
    else:
        cell.value = value
