"""Writing list workbooks that open cleanly in Excel and WPS; every area's export uses ``write_table``.

Row 1 holds the title (and, for personal data, a note to keep the file safe), row 2 the header
(frozen, repeated on every printed page, with an autofilter), then one row per record with typed
cells: dates as dates, money as yuan numbers with two decimals, IDs as text. Text that starts
with ``= + - @`` is stored as text with Excel's quote prefix, so a name can never run as a formula.
The workbook is streamed (openpyxl write-only), so 100,000 rows stay cheap on memory.
"""

from __future__ import annotations

import datetime
import gc
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ...core.values import dates
from ...core.store.outfile import staged_output

PERSONAL_NOTE = "本表含个人信息（身份证号、手机号等），仅供工会工作使用，请妥善保管，不得外传。"
HEADER_ROW = 2
FORMULA_STARTS = ("=", "+", "-", "@")
KINDS = ("text", "int", "money", "date", "flag")
DATE_FORMAT = "yyyy-mm-dd"
MONEY_FORMAT = "0.00"
_DEFAULT_WIDTHS = {"text": 14, "int": 10, "money": 12, "date": 12, "flag": 8}


@dataclass
class Column:
    label: str
    kind: str = "text"  # text | int | money (fen → yuan, 0.00) | date (ISO → date cell) | flag (是/否)
    width: int | None = None

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"unknown column kind {self.kind!r}")


class _Cells:
    """Turns values into cells; styled cells are made only where a style is needed."""

    def __init__(self, ws):
        self.ws = ws

    def _styled(self, value: Any, number_format: str | None = None, quote: bool = False) -> WriteOnlyCell:
        cell = WriteOnlyCell(self.ws, value=value)
        if quote:
            cell.data_type = "s"  # openpyxl made it a formula because of the leading '='
            cell.quotePrefix = True
        if number_format:
            cell.number_format = number_format
        return cell

    def make(self, kind: str, value: Any) -> Any:
        if value is None or value == "":
            return None
        if kind == "text":
            text = str(value)
            return self._styled(text, quote=True) if text.startswith(FORMULA_STARTS) else text
        if kind == "int":
            return int(value)
        if kind == "money":
            return self._styled(int(value) / 100, MONEY_FORMAT)
        if kind == "date":
            parsed = value if isinstance(value, datetime.date) else dates.parse_date(value)
            return self._styled(parsed, DATE_FORMAT) if parsed else None
        return "是" if value else "否"


def _title_row(ws, title: str, personal_data: bool, width: int) -> None:
    text = f"{title}　　{PERSONAL_NOTE}" if personal_data else title
    cell = WriteOnlyCell(ws, value=text)
    cell.font = Font(bold=True, color="C00000" if personal_data else "000000")
    ws.append([cell] + [None] * (width - 1))


def _header_row(ws, columns: Sequence[Column]) -> None:
    fill = PatternFill("solid", fgColor="DDEBF7")
    cells = []
    for column in columns:
        cell = WriteOnlyCell(ws, value=column.label)
        cell.font = Font(bold=True)
        cell.fill = fill
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cells.append(cell)
    ws.append(cells)


def _setup_sheet(ws, columns: Sequence[Column], n_rows_hint: int | None) -> None:
    """Widths, frozen header, print titles and filter must be set before the first row."""
    for i, column in enumerate(columns, 1):
        ws.column_dimensions[get_column_letter(i)].width = column.width or _DEFAULT_WIDTHS[column.kind]
    ws.freeze_panes = f"A{HEADER_ROW + 1}"
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    last = get_column_letter(len(columns))
    ws.auto_filter.ref = f"A{HEADER_ROW}:{last}{HEADER_ROW + max(n_rows_hint or 0, 1)}"


def write_table(path: str | Path, *, title: str, columns: Sequence[Column], rows: Iterable[Sequence[Any]],
                personal_data: bool = True, sheet_name: str = "Sheet1", n_rows: int | None = None,
                progress: Callable[[int, int], None] | None = None) -> int:
    """Write one list workbook; returns the number of record rows written.

    ``n_rows`` (when known) sizes the autofilter and the progress total. The file appears only
    when complete (written beside it, then renamed), so a failure never leaves half a workbook.
    """
    path = Path(path)
    if not columns:
        raise ValueError("a table needs columns")
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title=_sheet_title(sheet_name))
    _setup_sheet(ws, columns, n_rows)
    _title_row(ws, title, personal_data, len(columns))
    _header_row(ws, columns)
    cells = _Cells(ws)
    kinds = [c.kind for c in columns]
    count = 0
    for row in rows:
        ws.append([cells.make(k, v) for k, v in zip(kinds, row)])
        count += 1
        if progress and count % 1000 == 0:
            progress(count, n_rows or count)
    _save(wb, path)
    if progress:
        progress(count, n_rows or count)
    return count


def _sheet_title(name: str) -> str:
    for bad in "[]:*?/\\":
        name = name.replace(bad, " ")
    return name.strip()[:31] or "Sheet1"


def _save(wb: Workbook, path: Path) -> None:
    """Whole or not at all, owner-only (``core/store/outfile.py``): a full disk leaves no file behind."""
    try:
        with staged_output(path) as tmp:
            wb.save(tmp)
    except BaseException:
        _discard(wb)
        raise


def _discard(wb: Workbook) -> None:
    """Close a write-only workbook's half-run row writers now, quietly: left to the garbage
    collector they print "Exception ignored … Traceback" on stderr after the clerk's message."""
    hook, sys.unraisablehook = sys.unraisablehook, lambda *_: None
    try:
        for ws in wb.worksheets:
            writer = getattr(ws, "_writer", None)
            for gen in (getattr(ws, "_rows", None), getattr(writer, "xf", None)):
                try:
                    if gen is not None:
                        gen.close()
                except Exception:  # noqa: BLE001 - the writer is broken already; only silence matters
                    pass
            try:
                if writer is not None:
                    writer.cleanup()  # its temporary file
            except Exception:  # noqa: BLE001
                pass
        gc.collect()
    finally:
        sys.unraisablehook = hook
