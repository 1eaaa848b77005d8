"""A district sums the streets' filled copies of one form (``unionoffice return --combine``).

Counts and money are added; a rate is recomputed from its parts (建会率 = 已建会单位数 ÷ 单位数
summed over the streets), never averaged — a rate whose parts are not on the form is left empty
and named. A horizontal form gets one row per street (its name from the 街道名称 column, or the
file name) and a 合计 row under them; a vertical form gets the sums in its value cells.
"""

from __future__ import annotations

from copy import copy
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...core.errors import UserError
from ...core.figures import catalogue as F
from ...core.figures import labels as L
from . import forms


@dataclass
class CombineResult:
    out: Path
    streets: list[str] = field(default_factory=list)
    summed: int = 0  # value cells summed
    rates_left_empty: list[str] = field(default_factory=list)


def combine_returns(paths: list[str | Path], out: str | Path) -> CombineResult:
    from .district import _save

    if len(paths) < 2:
        raise UserError("汇总至少需要两个街道填好的报表")
    out = Path(out)
    if out.suffix.lower() != ".xlsx":
        raise UserError(f"输出文件须以 .xlsx 结尾：{out.name}")
    books = [_open(Path(p)) for p in paths]
    index = F.label_index()
    plans = [forms.recognise(b, index, filled=True) for b in books]
    base, plan = books[0], plans[0]
    if not plan.slots:
        raise UserError(f"{Path(paths[0]).name} 中没有找到可汇总的指标")
    for p, other in zip(paths[1:], plans[1:]):
        if other.signature != plan.signature:
            raise UserError(f"{Path(p).name} 与 {Path(paths[0]).name} 不是同一张报表（指标名称不一致），无法汇总")
    result = CombineResult(out, streets=[_street(b, pl, Path(p)) for b, pl, p in zip(books, plans, paths)])
    own_rows = _own_rows(books, plan)
    totals = _totals(books, plan, result, own_rows)
    if own_rows:  # a form listing every street: each street's line goes back to its place
        _write_listed(base, books, plan, totals, own_rows)
    elif plan.data_rows:
        _write_rows(base, books, plan, totals, result)
    else:
        for slot in plan.slots:
            _put(base[slot.sheet][slot.cell], totals.get(slot.where))
        _blank_office(base)
    _save(base, out)
    return result


def _open(path: Path):
    from openpyxl import load_workbook

    if not path.is_file():
        raise UserError(f"找不到文件：{path}")
    try:
        return load_workbook(path)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a bad file
        raise UserError(f"{path.name} 无法打开（{type(exc).__name__}），请确认它是 Excel 工作簿") from exc


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return value
    try:
        return float(str(value).replace(",", "").strip())
    except ValueError:
        return None


def _is_rate(slot: forms.Slot, cell) -> bool:
    return (slot.key is not None and F.unit_of(slot.key) == F.RATE) or slot.unit == L.PERCENT


def _listed_rows(ws, col: int, data_row: int) -> list[int]:
    return [r for r in range(data_row, ws.max_row + 1) if isinstance(ws.cell(r, col).value, str)
            and ws.cell(r, col).value.strip() and "计" not in ws.cell(r, col).value]


def _own_rows(books, plan: forms.FormPlan) -> dict[int, int]:
    """For a horizontal form that lists every street: {book: the row that street filled}; {} otherwise."""
    from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

    streets = [f for f in plan.fields if f.kind == "street"]
    if len(plan.data_rows) != 1 or not streets:
        return {}
    sheet, data_row = next(iter(plan.data_rows.items()))
    col = column_index_from_string(coordinate_from_string(streets[0].cell)[0])
    if len(_listed_rows(books[0][sheet], col, data_row)) < 2:
        return {}
    cols = [column_index_from_string(coordinate_from_string(s.cell)[0]) for s in plan.slots]
    out = {}
    for i, book in enumerate(books):
        ws = book[sheet]
        out[i] = next((r for r in _listed_rows(ws, col, data_row)
                       if any(_number(ws.cell(r, c).value) is not None for c in cols)), data_row)
    return out


def _value(books, i: int, slot: forms.Slot, own_rows: dict[int, int]) -> Any:
    cell = books[i][slot.sheet][slot.cell]
    return books[i][slot.sheet].cell(own_rows[i], cell.column).value if own_rows else cell.value


def _totals(books, plan: forms.FormPlan, result: CombineResult, own_rows: dict[int, int]) -> dict[str, Any]:
    """{Sheet!Cell: summed value}; rates recomputed from the summed parts."""
    totals: dict[str, Any] = {}
    by_key: dict[str, float] = {}
    for slot in plan.slots:
        cell = books[0][slot.sheet][slot.cell]
        if _is_rate(slot, cell) or (slot.key and F.unit_of(slot.key) == F.TEXT):
            continue
        numbers = [_number(_value(books, i, slot, own_rows)) for i in range(len(books))]
        numbers = [n for n in numbers if n is not None]
        if not numbers:
            continue
        total = sum(numbers)
        total = int(total) if all(float(n).is_integer() for n in numbers) else round(total, 2)
        totals[slot.where] = total
        result.summed += 1
        if slot.key:
            by_key[slot.key] = total
    for slot in plan.slots:
        if _is_rate(slot, books[0][slot.sheet][slot.cell]):
            totals[slot.where] = _rate(slot, books[0][slot.sheet][slot.cell], by_key, plan.hints, result)
    return totals


def _rate(slot: forms.Slot, cell, by_key: dict[str, float], hints, result: CombineResult) -> Any:
    spec = F.spec_of(slot.key) if slot.key else None
    parts = getattr(spec, "parts", ()) if spec else ()
    if not parts or parts[0] not in by_key or parts[1] not in by_key:
        result.rates_left_empty.append(f"{slot.where} {slot.label}")
        return None
    num, den = by_key[parts[0]], by_key[parts[1]]
    if not den:
        return "—"
    places = int(hints.get("rate_decimals", 1))
    if "%" in (cell.number_format or ""):
        return round(num / den, places + 2)
    return round(num / den * 100, places)


def _write_listed(base, books, plan: forms.FormPlan, totals: dict[str, Any], own_rows: dict[int, int]) -> None:
    """Each street's line into its own row of the list; the sums into the 合计 row (added if none)."""
    from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

    sheet, data_row = next(iter(plan.data_rows.items()))
    ws = base[sheet]
    street_col = column_index_from_string(coordinate_from_string(
        next(f.cell for f in plan.fields if f.kind == "street"))[0])
    cols = {s.where: column_index_from_string(coordinate_from_string(s.cell)[0]) for s in plan.slots}
    for i, book in enumerate(books):
        for col in cols.values():
            ws.cell(own_rows[i], col).value = book[sheet].cell(own_rows[i], col).value
    listed = _listed_rows(ws, street_col, data_row)
    total_row = next((r for r in range(data_row, ws.max_row + 1)
                      if "计" in str(ws.cell(r, street_col).value or "")), None)
    if total_row is None:
        total_row = max(listed) + 1
        _insert_rows(ws, total_row, 1)
        ws.cell(total_row, street_col).value = "合计"
        for col in range(1, ws.max_column + 1):
            _copy_style(ws.cell(total_row - 1, col), ws.cell(total_row, col))
    for where, col in cols.items():
        ws.cell(total_row, col).value = totals.get(where)


def _put(cell, value: Any) -> None:
    cell.value = value


def _street(book, plan: forms.FormPlan, path: Path) -> str:
    for f in plan.fields:
        if f.kind == "street":
            text = book[f.sheet][f.cell].value
            if isinstance(text, str) and text.strip():
                return text.strip()
    return path.stem


def _blank_office(book) -> None:
    """The first street's name must not stand as the 填报单位 of the sum."""
    import re

    for ws in book.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if isinstance(c.value, str) and re.search(r"(填报单位|报送单位)\s*[:：]", c.value):
                    c.value = re.sub(r"((?:填报单位|报送单位)\s*[:：])\s*[^\s　]*", r"\1", c.value)


def _write_rows(base, books, plan: forms.FormPlan, totals: dict[str, Any], result: CombineResult) -> None:
    """One row per street under the header, then 合计."""
    from openpyxl.utils.cell import coordinate_from_string, column_index_from_string

    for sheet, data_row in plan.data_rows.items():
        ws = base[sheet]
        n = len(books)
        _insert_rows(ws, data_row + 1, n)  # n-1 more streets and the 合计 row
        street_cols = [column_index_from_string(coordinate_from_string(f.cell)[0])
                       for f in plan.fields if f.kind == "street" and f.sheet == sheet]
        for i, book in enumerate(books):
            src = book[sheet]
            for col in range(1, ws.max_column + 1):
                target = ws.cell(data_row + i, col)
                target.value = src.cell(data_row, col).value
                _copy_style(ws.cell(data_row, col), target)
            for col in street_cols:
                ws.cell(data_row + i, col).value = result.streets[i]
        total_row = data_row + n
        for col in range(1, ws.max_column + 1):
            _copy_style(ws.cell(data_row, col), ws.cell(total_row, col))
        for slot in plan.slots:
            if slot.sheet == sheet:
                col = column_index_from_string(coordinate_from_string(slot.cell)[0])
                ws.cell(total_row, col).value = totals.get(slot.where)
        ws.cell(total_row, street_cols[0] if street_cols else 1).value = "合计"


def _insert_rows(ws, at: int, count: int) -> None:
    """openpyxl's insert_rows leaves merged cells where they were: move those below along."""
    below = [r for r in ws.merged_cells.ranges if r.min_row >= at]
    for r in below:
        ws.unmerge_cells(str(r))
    ws.insert_rows(at, count)
    for r in below:
        r.shift(row_shift=count)
        ws.merge_cells(str(r))


def _copy_style(src, dst) -> None:
    if src.has_style:
        dst.font, dst.border, dst.fill = copy(src.font), copy(src.border), copy(src.fill)
        dst.number_format, dst.alignment = src.number_format, copy(src.alignment)
