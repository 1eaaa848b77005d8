"""Builders for street-roll workbooks whose import outcome is known row by row (see rollshapes.py).

A ``Book`` holds sheets; each row goes in through ``Sheet.add`` with its expected fate (imported,
updated, unchanged, or rejected for a field) or ``Sheet.skip`` (a title, total, footer: neither),
so the Excel row numbers in the ``Expect`` are the ones actually written. ``Book.save`` writes an
.xlsx with openpyxl, ``Book.save_xls`` an old-format .xls with xlwt.
"""

from __future__ import annotations

import datetime
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # runnable as a script from anywhere

from unionoffice.core.values.ids import credit_code_check_char, make_id_number  # noqa: E402

D = datetime.date
FULL_WIDTH = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")


# ------------------------------------------------------------------ people and orgs


def pid(n: int, *, female: bool = False, region: str = "440303", born: D = D(1985, 3, 12)) -> str:
    """A checksum-valid 18-digit ID, distinct for each n (odd 17th digit = 男)."""
    seq = (2 * n + (0 if female else 1)) % 1000
    return make_id_number(region, born + datetime.timedelta(days=n // 500), seq)


def bad_check(id18: str) -> str:
    """The same ID with a wrong check character."""
    wrong = "0" if id18[17] != "0" else "1"
    return id18[:17] + wrong


def old15(region: str, born: D, seq: int) -> str:
    """A first-generation 15-digit ID (2-digit year, no check digit)."""
    return f"{region}{born:%y%m%d}{seq:03d}"


def code(n: int) -> str:
    """A checksum-valid 统一社会信用代码 for org n."""
    body = f"91440303MA5{n:06d}"
    return body + credit_code_check_char(body)


# ------------------------------------------------------------------ workbook builders


@dataclass
class Expect:
    imported: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: dict[tuple[str, int], str] = field(default_factory=dict)  # (sheet, Excel row) → field label
    orgs_created: int | None = None
    names: set[str] = field(default_factory=set)  # members (or orgs) that must be in the office
    stored: dict[str, dict[str, Any]] = field(default_factory=dict)  # name → {column: value} stored
    find: dict[str, set[str]] = field(default_factory=dict)  # `unionoffice find` query → names it must list


class Sheet:
    """Rows of one sheet, each added with its expected fate."""

    def __init__(self, book: "Book", name: str):
        self.book, self.name = book, name
        self.rows: list[list[Any]] = []
        self.merges: list[str] = []
        self.hidden = False
        self.text_columns: list[str] = []

    def add(self, cells: list[Any], *, good: bool = False, reject: str | None = None,
            update: bool = False, same: bool = False, name: str | None = None,
            stored: dict[str, Any] | None = None) -> int:
        """Append a row; ``good`` = imported new, ``update``/``same`` = matched an existing record."""
        self.rows.append(cells)
        row = len(self.rows)
        expect = self.book.expect
        if reject:
            expect.rejected[(self.name, row)] = reject
        elif good:
            expect.imported += 1
        elif update:
            expect.updated += 1
        elif same:
            expect.unchanged += 1
        if name and (good or update or same):
            expect.names.add(name)
            if stored:
                expect.stored[name] = stored
        return row

    def skip(self, cells: list[Any]) -> int:
        """A row that is not a record at all (title, total, footer, blank): neither imported nor rejected."""
        self.rows.append(cells)
        return len(self.rows)

    def merge(self, ref: str) -> None:
        self.merges.append(ref)


class Book:
    def __init__(self, kind: str = "members"):
        self.kind = kind
        self.sheets: list[Sheet] = []
        self.expect = Expect()

    def sheet(self, name: str) -> Sheet:
        s = Sheet(self, name)
        self.sheets.append(s)
        return s

    def save(self, path: Path) -> Path:
        from openpyxl import Workbook

        wb = Workbook()
        wb.remove(wb.active)
        for s in self.sheets:
            ws = wb.create_sheet(s.name)
            for row in s.rows:
                ws.append(row)
            for ref in s.merges:
                ws.merge_cells(ref)
            for letter in s.text_columns:
                for cell in ws[letter]:
                    cell.number_format = "@"
            if s.hidden:
                ws.sheet_state = "hidden"
        wb.save(path)
        return path

    def save_xls(self, path: Path) -> Path:
        """An old-format .xls (BIFF8) through xlwt: what Excel 2003 and many 系统导出 write."""
        import xlwt

        wb = xlwt.Workbook(encoding="utf-8")
        date_style = xlwt.easyxf(num_format_str="YYYY-MM-DD")
        for s in self.sheets:
            ws = wb.add_sheet(s.name)
            covered = _covered(s.merges)
            for r, row in enumerate(s.rows):
                for c, value in enumerate(row):
                    if value is not None and (r, c) not in covered:
                        ws.write(r, c, value, date_style if isinstance(value, D) else xlwt.Style.default_style)
            for ref in s.merges:
                (r0, c0), (r1, c1) = _bounds(ref)
                ws.write_merge(r0, r1, c0, c1, s.rows[r0][c0] if c0 < len(s.rows[r0]) else None)
        wb.save(str(path))
        return path


def _bounds(ref: str) -> tuple[tuple[int, int], tuple[int, int]]:
    from openpyxl.utils.cell import range_boundaries

    c0, r0, c1, r1 = range_boundaries(ref)
    return (r0 - 1, c0 - 1), (r1 - 1, c1 - 1)


def _covered(refs: list[str]) -> set[tuple[int, int]]:
    out = set()
    for ref in refs:
        (r0, c0), (r1, c1) = _bounds(ref)
        out |= {(r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)}
    return out


# ------------------------------------------------------------------ the shapes


@dataclass
class Shape:
    key: str
    title: str  # what the workbook looks like, in the clerk's words
    kind: str  # members | orgs
    filename: str
    book: Book
    before: list["Shape"] = field(default_factory=list)  # imported first (an office that already has data)
    writer: str = "xlsx"  # xlsx | xls | xlsx-as-xls

    def write(self, folder: Path) -> Path:
        path = folder / self.filename
        if self.writer == "xls":
            return self.book.save_xls(path)
        if self.writer == "xlsx-as-xls":
            tmp = self.book.save(folder / (self.filename + ".tmp.xlsx"))
            shutil.move(tmp, path)
            return path
        return self.book.save(path)


def write_shapes(shapes: list[Shape], default_folder: str) -> None:
    """``python rollshapes.py DIR``: write every workbook (and the ones imported before it) to DIR
    and print what each should import, to try them by hand with the real command."""
    import sys

    out = Path(sys.argv[1] if len(sys.argv) > 1 else default_folder)
    out.mkdir(parents=True, exist_ok=True)
    for shape in shapes:
        for before in shape.before:
            before.write(out)
        path = shape.write(out)
        e = shape.book.expect
        print(f"{path.name}\t{shape.kind}\t新增 {e.imported} 更新 {e.updated} 无变化 {e.unchanged} 拒绝 {len(e.rejected)}"
              f"\t新建 {e.orgs_created}")
