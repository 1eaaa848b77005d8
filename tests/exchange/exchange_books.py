"""Builders for messy Excel rolls, shaped like the ones clerks bring (title rows, merged cells …).

Plain functions, imported by the tests (``from exchange_books import person_id``) and by this
folder's conftest for its fixtures; a test importing ``conftest`` by name would pick up another
folder's conftest when tests/exchange and tests/ui run in one pytest call.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from unionoffice.core.values.ids import make_id_number


def person_id(n: int, *, female: bool = False, born: datetime.date = datetime.date(1985, 3, 7)) -> str:
    """A checksum-valid ID; odd sequence numbers are men."""
    seq = 2 * n + (0 if female else 1)
    return make_id_number("440303", born, seq % 1000)


def write_book(path: Path, sheets: dict[str, list[list]], merges: dict[str, list[str]] | None = None,
               text_columns: dict[str, list[str]] | None = None) -> Path:
    """An .xlsx with the given sheets (rows as lists; None = empty cell) and merged ranges."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
        for ref in (merges or {}).get(name, []):
            ws.merge_cells(ref)
        for letter in (text_columns or {}).get(name, []):
            for cell in ws[letter]:
                cell.number_format = "@"
    wb.save(path)
    return path


ROLL_HEADER = ["序号", "姓 名", "性别", "身份证号码", "手机号码", "所在单位", "入会日期"]
