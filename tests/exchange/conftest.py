"""Builders for messy Excel rolls, shaped like the ones clerks bring (title rows, merged cells …)."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from unionoffice.core.ids import make_id_number


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


@pytest.fixture
def book(tmp_path):
    """book(name, sheets, merges=None) → path of a new workbook in the test's temp dir."""

    def make(name: str, sheets: dict[str, list[list]], merges=None, **kw) -> Path:
        return write_book(tmp_path / name, sheets, merges, **kw)

    return make


ROLL_HEADER = ["序号", "姓 名", "性别", "身份证号码", "手机号码", "所在单位", "入会日期"]


@pytest.fixture
def roll(book):
    """A simple member roll: title merged over the header, a blank row, then the given data rows."""

    def make(rows: list[list], *, header=ROLL_HEADER, name="roll.xlsx", extra_sheets=None, total=True) -> Path:
        body = [["东湖街道工会会员名册"] + [None] * (len(header) - 1), [None] * len(header), header]
        body += rows
        if total:
            body.append(["合计", f"{len(rows)}人"] + [None] * (len(header) - 2))
        sheets = dict(extra_sheets or {})
        sheets["会员名册"] = body
        last = chr(ord("A") + len(header) - 1)
        return book(name, sheets, {"会员名册": [f"A1:{last}1"]})

    return make
