"""Rows for the import wizard's tables: sample cells of the sheet, rejected rows, updates, new rows."""

from __future__ import annotations

from typing import Any, Callable, Sequence

from PySide6.QtWidgets import QTableWidget, QTableWidgetItem

from ...core.members.records import MEMBER_FIELDS
from ...core.orgs.records import ORG_FIELDS
from ...exchange.importing import importer

SAMPLE_ROWS = 8
MAX_ROWS_SHOWN = 2000  # the report workbook has them all; a table of 50,000 rows helps nobody
LABELS = {"members": {f.name: f.label for f in MEMBER_FIELDS}, "orgs": {f.name: f.label for f in ORG_FIELDS}}


def cell_text(value: Any) -> str:
    from ...exchange.importing.report import cell_text as text

    return text(value)


def preview_rows(plan: importer.ImportPlan) -> list[tuple[int, list[str]]]:
    """The first data rows under the header, as the sheet has them (Excel row number, cells)."""
    try:
        from ...exchange.importing import reader

        rows = reader.sheet_rows(reader.open_workbook(plan.path), plan.path, plan.sheet)
    except Exception:  # noqa: BLE001 - the preview is a help only; the checks ran already
        return []
    out = []
    dated = _date_columns(plan)
    for index in range(plan.header_row, len(rows)):
        cells = rows[index]
        if any(cell_text(c).strip() for c in cells):
            out.append((index + 1, [_sample_text(c, i in dated, rows.date1904)
                                    for i, c in enumerate(cells[:len(plan.headers)])]))
        if len(out) >= SAMPLE_ROWS:
            break
    return out


def _date_columns(plan: importer.ImportPlan) -> set[int]:
    from ...exchange.importing import mapping

    dated = {f.name for f in mapping.fields_of(plan.kind) if f.kind == "date"}
    return {col for col, name in plan.mapping.items() if name in dated}


def _sample_text(value: Any, is_date: bool, date1904: bool) -> str:
    """A sample cell as the import will read it: a date kept as a number in a 常规 cell (40175)
    shows as the date it means (2009-12-28); IDs and mobiles masked as in every list."""
    if is_date and isinstance(value, int | float) and not isinstance(value, bool):
        from ...core.errors import ValueFormatError
        from ...core.values import dates
        from ...exchange.importing import quirks

        try:
            day = dates.parse_date(quirks.serial_1904(value) if date1904 else value)
        except ValueFormatError:
            day = None  # the preview's checks say what is wrong with it
        if day:
            return day.isoformat()
    return importer.mask_personal(cell_text(value))


def rejected_rows(plan: importer.ImportPlan) -> list[list[str]]:
    out = []
    for r in plan.rejected[:MAX_ROWS_SHOWN]:
        original = importer.mask_personal(
            "；".join(f"{k}={cell_text(v)}" for k, v in r.values.items() if cell_text(v).strip()))
        out.append([r.sheet, str(r.row), r.field or "整行", r.reason, original])
    return out


def _name(values: dict[str, Any]) -> str:
    return str(values.get("name") or "")


def update_rows(plan: importer.ImportPlan) -> list[list[str]]:
    from ...exchange.importing.conflicts import change_text

    return [[str(r.row), _name(r.values), change_text(plan, r)] for r in plan.updates[:MAX_ROWS_SHOWN]]


def conflict_rows(plan: importer.ImportPlan) -> list[list[str]]:
    """行号, 姓名, both values per field, when the program changed it."""
    from ...exchange.importing.conflicts import change_text

    from ...exchange.importing.conflicts import changed_where

    return [[str(r.row), _name(r.values), change_text(plan, r, conflict=True), changed_where(r)]
            for r in plan.conflicts[:MAX_ROWS_SHOWN]]


def new_rows(plan: importer.ImportPlan, mask: Callable[[str], str]) -> list[list[str]]:
    out = []
    for r in plan.new_rows[:MAX_ROWS_SHOWN]:
        v = r.values
        if plan.kind == "members":
            detail = "　".join(x for x in (mask(v.get("id_number") or ""), str(v.get("org_name") or "")) if x)
        else:
            detail = "　".join(x for x in (str(v.get("community") or ""), str(v.get("union_mode") or "")) if x)
        out.append([str(r.row), _name(v), detail])
    return out


def fill_table(table: QTableWidget, rows: Sequence[Sequence[str]], first_row: int = 0) -> None:
    table.setRowCount(first_row + len(rows))
    for r, cells in enumerate(rows, start=first_row):
        for c, text in enumerate(cells):
            if c < table.columnCount():
                item = QTableWidgetItem(text)
                item.setToolTip(text)  # long reasons and original rows read in full on hover
                table.setItem(r, c, item)
