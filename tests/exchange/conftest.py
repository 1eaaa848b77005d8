"""Fixtures that build messy Excel rolls in the test's temp dir (builders in exchange_books)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from exchange_books import ROLL_HEADER, write_book  # noqa: E402


@pytest.fixture
def book(tmp_path):
    """book(name, sheets, merges=None) → path of a new workbook in the test's temp dir."""

    def make(name: str, sheets: dict[str, list[list]], merges=None, **kw) -> Path:
        return write_book(tmp_path / name, sheets, merges, **kw)

    return make




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
