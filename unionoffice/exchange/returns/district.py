"""The district return (报区总工会的统计报表): an xlsx template whose cells hold placeholders,
filled with the period's figures.

A placeholder is ``{{name}}`` where name is a figure's dotted key (``{{members.total}}``) or its
Chinese name (``{{入会率}}``); breakdowns take the category after a dot (``{{争议件数.工伤}}``).
A cell that holds only a placeholder gets a typed value (a number, a rate as a percentage, money
in yuan) and keeps the template's font, border, fill and alignment; a placeholder inside text is
replaced by the value as a clerk reads it. Unknown placeholders are refused with their sheet and
cell named, and nothing is written. Figures of an area not yet enabled are written as
“该模块尚未启用”, never as zeros.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...core.figures import catalogue as F
from ...core.errors import UserError
from ...core.store.connection import Store

PLACEHOLDER = re.compile(r"\{\{\s*([^{}]*?)\s*\}\}")
DEFAULT_TEMPLATE = Path(__file__).resolve().parents[3] / "resources" / "templates" / "district_return.xlsx"
PERCENT_FORMAT = "0.00%"
MONEY_FORMAT = "#,##0.00"


@dataclass
class ReturnResult:
    out: Path
    filled: int = 0  # placeholders replaced
    not_enabled: list[str] = field(default_factory=list)  # "Sheet!B5 {{帮扶金额}}" written as 尚未启用


def fill_return(store: Store, period: F.Period, out: str | Path, template: str | Path | None = None) -> ReturnResult:
    """Fill ``template`` (default: the shipped one) with the figures of ``period`` into ``out``."""
    from openpyxl import load_workbook

    template = Path(template) if template else DEFAULT_TEMPLATE
    out = Path(out)
    if not template.is_file():
        raise UserError(f"找不到报表模板：{template}")
    if template.suffix.lower() != ".xlsx":
        raise UserError(f"报表模板须是 .xlsx 文件（{template.name}）；.xls 请先用 Excel 或 WPS 另存为 .xlsx")
    if out.suffix.lower() != ".xlsx":
        raise UserError(f"输出文件须以 .xlsx 结尾：{out.name}")
    try:
        book = load_workbook(template)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a bad file
        raise UserError(f"报表模板 {template.name} 无法打开（{type(exc).__name__}），请确认它是 Excel 工作簿") from exc
    figures = F.compute(store, period)
    cells = _placeholder_cells(book)
    _refuse_unknown(cells, template, figures)
    result = ReturnResult(out)
    for cell, sheet in cells:
        _fill_cell(cell, sheet, figures, result)
    _save(book, out)
    return result


def placeholders_in(path: str | Path) -> list[tuple[str, str, str]]:
    """(sheet, cell, name) of every placeholder in a workbook — for tests and ``--check``."""
    from openpyxl import load_workbook

    book = load_workbook(path)
    return [(sheet, cell.coordinate, name) for cell, sheet in _placeholder_cells(book)
            for name in PLACEHOLDER.findall(cell.value)]


def _placeholder_cells(book) -> list[tuple[Any, str]]:
    found = []
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and "{{" in cell.value and PLACEHOLDER.search(cell.value):
                    found.append((cell, ws.title))
    return found


def _known(name: str, figures: F.Figures) -> bool:
    """A figure of that name exists — for a breakdown, also its category (争议件数.工伤 yes,
    争议件数.工商 no): every category of an enabled area is in its figures, 0 when empty."""
    found = F.resolve_name(name)
    if found is None:
        return False
    key, area = found
    return key in figures.values or not figures.enabled(area)


def _refuse_unknown(cells: list[tuple[Any, str]], template: Path, figures: F.Figures) -> None:
    unknown = [f"{sheet}!{cell.coordinate} {{{{{name}}}}}" for cell, sheet in cells
               for name in PLACEHOLDER.findall(cell.value) if not _known(name, figures)]
    if unknown:
        shown = "；".join(unknown[:10]) + (f"；等共 {len(unknown)} 处" if len(unknown) > 10 else "")
        raise UserError(f"报表模板 {template.name} 中有无法识别的占位符：{shown}。"
                        "请改正模板（可用的占位符见说明书，或运行 unionoffice return --list）")


def _fill_cell(cell, sheet: str, figures: F.Figures, result: ReturnResult) -> None:
    text = cell.value
    whole = PLACEHOLDER.fullmatch(text.strip())
    if whole:
        key, area = F.resolve_name(whole.group(1))
        if not figures.enabled(area):
            result.not_enabled.append(f"{sheet}!{cell.coordinate} {text.strip()}")
            cell.value = F.NOT_ENABLED
        else:
            _write_typed(cell, key, figures)
        result.filled += 1
        return

    def replace(match: re.Match) -> str:
        key, area = F.resolve_name(match.group(1))
        result.filled += 1
        if not figures.enabled(area):
            result.not_enabled.append(f"{sheet}!{cell.coordinate} {match.group(0)}")
            return F.NOT_ENABLED
        return figures.text(key)

    cell.value = PLACEHOLDER.sub(replace, text)


def _write_typed(cell, key: str, figures: F.Figures) -> None:
    unit, value = F.unit_of(key), figures.get(key, 0)
    if value is None:  # a rate with nothing to divide by
        cell.value = "—"
    elif unit == F.RATE:
        cell.value = round(value, 6)
        if "%" not in (cell.number_format or ""):
            cell.number_format = PERCENT_FORMAT
    elif unit == F.FEN:
        cell.value = int(value) / 100
        if cell.number_format in (None, "General"):
            cell.number_format = MONEY_FORMAT
    elif unit == F.TEXT:
        cell.value = str(value)
    else:
        cell.value = int(value)


def _save(book, out: Path) -> None:
    """Write beside the target, then move into place: never a half-written return."""
    from ...core.outfile import staged_output

    with staged_output(out) as tmp:
        book.save(tmp)
