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
from ...core.figures import labels as L
from ...core.values import dates
from . import forms
from ...core.errors import UserError
from ...core.store.connection import Store

PLACEHOLDER = re.compile(r"\{\{\s*([^{}]*?)\s*\}\}")
DEFAULT_TEMPLATE = Path(__file__).resolve().parents[3] / "resources" / "templates" / "district_return.xlsx"
PERCENT_FORMAT = "0.00%"
MONEY_FORMAT = "#,##0.00"


@dataclass
class ReturnResult:
    out: Path
    filled: int = 0  # placeholders replaced, or value cells filled
    not_enabled: list[str] = field(default_factory=list)  # "Sheet!B5 {{帮扶金额}}" written as 尚未启用
    layout: str = "markers"  # markers / vertical / horizontal / labels
    mapping: list["PreviewRow"] = field(default_factory=list)  # label → figure → value, as written
    unplaced: list[str] = field(default_factory=list)  # "Sheet!D9 标签" left empty


@dataclass
class PreviewRow:
    """One cell the program will fill: where, the form's label, the figure and its value in the
    form's own units."""

    where: str
    label: str
    key: str
    name: str
    text: str
    source: str = "auto"


def fill_return(store: Store, period: F.Period, out: str | Path, template: str | Path | None = None, *,
                assignments: dict[str, str | None] | None = None, remember: bool = False) -> ReturnResult:
    """Fill ``template`` (default: the shipped one) with the figures of ``period`` into ``out``.

    A template with ``{{…}}`` markers is filled marker by marker; an unmarked district form is
    recognised (see ``forms.py``). ``assignments`` ({label or Sheet!Cell: figure key}) are the
    clerk's own choices; with ``remember`` the mapping is kept for this form in the office file."""
    prepared = prepare(store, period, template, assignments=assignments)
    result = prepared.write(out)
    if remember and prepared.plan is not None:
        remember_mapping(store, prepared.plan)
    return result


def _open_template(template: str | Path | None):
    from openpyxl import load_workbook

    template = Path(template) if template else DEFAULT_TEMPLATE
    if not template.is_file():
        raise UserError(f"找不到报表模板：{template}")
    if template.suffix.lower() != ".xlsx":
        raise UserError(f"报表模板须是 .xlsx 文件（{template.name}）；.xls 请先用 Excel 或 WPS 另存为 .xlsx")
    try:
        return template, load_workbook(template)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a bad file
        from ..file_kind import not_a_workbook

        raise UserError(not_a_workbook(template, "报表模板")) from exc


def prepare(store: Store, period: F.Period, template: str | Path | None = None, *,
            assignments: dict[str, str | None] | None = None) -> "Prepared":
    """Read the form and work out every cell to fill, writing nothing (the window's preview)."""
    template, book = _open_template(template)
    figures = F.compute(store, period)
    cells = _placeholder_cells(book)
    if cells:
        _refuse_unknown(cells, template, figures)
        return Prepared(store, template, book, figures, None, cells)
    plan = forms.recognise(book, F.label_index(store), street=street_name(store))
    forms.apply_memory(plan, forms.remembered(store.get_setting, plan))
    used: set[str] = set()
    for slot in plan.slots:
        for mark in (slot.where, slot.label, slot.core):
            if assignments and mark in assignments:
                slot.key, slot.source = assignments[mark] or None, "assigned"
                used.add(mark)
                break
    unknown = [a for a in (assignments or {}) if a not in used]
    if unknown:
        raise UserError(f"报表 {template.name} 中没有这些栏目：{'、'.join(unknown)}（--assign 须写表中栏目的原文）")
    return Prepared(store, template, book, figures, plan, [])


def street_name(store: Store) -> str:
    """The street as a 街道名称 column wants it: 东湖街道总工会 → 东湖街道."""
    office = store.office_name or ""
    return store.get_setting("street_name", "") or re.sub(r"(总工会|工会|工委)$", "", office)


def remember_mapping(store: Store, plan: forms.FormPlan) -> None:
    """Keep the mapping of this form (keyed by its labels) so the next period fills in one step."""
    store.set_setting(forms.MEMORY_PREFIX + plan.signature, forms.memory_value(plan))


@dataclass
class Prepared:
    store: Store
    template: Path
    book: Any
    figures: F.Figures
    plan: forms.FormPlan | None  # None for a form with markers
    cells: list[tuple[Any, str]]
    _last: F.Figures | None = None  # last year's figures, once a 上年数 column asked for them

    @property
    def layout(self) -> str:
        return "markers" if self.plan is None else self.plan.layout

    def rows(self) -> list[PreviewRow]:
        """What will be written: every placed value cell and header field (markers: each marker)."""
        if self.plan is None:
            return self._marker_rows()
        out = []
        for slot in self.plan.placed:
            cell = self.book[slot.sheet][slot.cell]
            _, _, text = form_value(slot, self.figures, self.plan.hints, cell)
            out.append(PreviewRow(slot.where, slot.label, slot.key, F.name_of(slot.key), text, slot.source))
            if slot.last_cell:
                out.append(self._last_year_row(slot)[2])
        for f in self.plan.fields:
            out.append(PreviewRow(f"{f.sheet}!{f.cell}", _FIELD_LABELS[f.kind], "", _FIELD_LABELS[f.kind],
                                  self._field_values()[f.kind], "header"))
        return out

    @property
    def last_figures(self) -> F.Figures:
        """The same figures one year earlier, for a 上年数 column (computed once, when asked)."""
        if self._last is None:
            self._last = F.compute_last_year(self.store, self.figures.period)
        return self._last

    def _last_year_row(self, slot: forms.Slot) -> tuple[Any, str | None, PreviewRow]:
        """(cell value, number format, preview row) of a slot's 上年数 cell: last year's figure in the
        form's units, “—” when last year has no value."""
        cell = self.book[slot.sheet][slot.last_cell]
        value, fmt, text = form_value(slot, self.last_figures, self.plan.hints, cell)
        head = slot.last_head or "上年数"
        return value, fmt, PreviewRow(slot.last_where, f"{slot.label}（{head}）", slot.key,
                                 f"{F.name_of(slot.key)}（{self.last_figures.period.label}）", text, slot.source)

    def _marker_rows(self) -> list[PreviewRow]:
        out = []
        for cell, sheet in self.cells:
            for name in PLACEHOLDER.findall(cell.value):
                key, area = F.resolve_name(name)
                text = self.figures.text(key) if self.figures.enabled(area) else F.NOT_ENABLED
                out.append(PreviewRow(f"{sheet}!{cell.coordinate}", f"{{{{{name}}}}}", key, F.name_of(key), text,
                                      "marker"))
        return out

    def unplaced(self) -> list[forms.Slot]:
        return [] if self.plan is None else self.plan.unplaced

    def set_key(self, where: str, key: str | None) -> None:
        """The clerk's choice for one value cell."""
        for slot in self.plan.slots if self.plan else []:
            if slot.where == where:
                slot.key, slot.source = key, "assigned"

    def write(self, out: str | Path) -> ReturnResult:
        out = Path(out)
        if out.suffix.lower() != ".xlsx":
            raise UserError(f"输出文件须以 .xlsx 结尾：{out.name}")
        if out.exists() and out.resolve() == self.template.resolve():
            raise UserError(f"不能覆盖收到的报表 {self.template.name}，请另存为新文件名")
        result = ReturnResult(out, layout=self.layout)
        if self.plan is None:
            for cell, sheet in self.cells:
                _fill_cell(cell, sheet, self.figures, result)
        else:
            self._fill_plan(result)
        _save(self.book, out)
        return result

    def _fill_plan(self, result: ReturnResult) -> None:
        plan = self.plan
        _refuse_unreadable(plan, self.template)
        blanks: dict[tuple[str, str], dict[int, str]] = {}
        for slot in plan.placed:
            cell = self.book[slot.sheet][slot.cell]
            value, fmt, text = form_value(slot, self.figures, plan.hints, cell)
            if slot.blank is not None:
                blanks.setdefault((slot.sheet, slot.cell), {})[slot.blank] = _plain(value, fmt)
            else:
                cell.value = value
                if fmt and cell.number_format in (None, "General"):
                    cell.number_format = fmt
            if value == F.NOT_ENABLED:
                result.not_enabled.append(f"{slot.where} {slot.label}")
            result.mapping.append(PreviewRow(slot.where, slot.label, slot.key, F.name_of(slot.key), text, slot.source))
            if slot.last_cell:
                self._fill_last_year(slot, result)
        for (sheet, ref), values in blanks.items():
            self.book[sheet][ref].value = forms.fill_blanks(self.book[sheet][ref].value, values)
        result.filled += len(plan.placed)
        result.unplaced = [f"{s.where} {s.label}" for s in plan.unplaced]
        self._fill_fields()

    def _fill_last_year(self, slot: forms.Slot, result: ReturnResult) -> None:
        value, fmt, row = self._last_year_row(slot)
        cell = self.book[slot.sheet][slot.last_cell]
        cell.value = value
        if fmt and cell.number_format in (None, "General"):
            cell.number_format = fmt
        if value == F.NOT_ENABLED:
            result.not_enabled.append(f"{row.where} {row.label}")
        result.mapping.append(row)
        result.filled += 1

    def _field_values(self) -> dict[str, str]:
        return {"office": self.store.office_name or "", "period": self.figures.period.label,
                "date": dates.format_date_cn(dates.today()), "street": street_name(self.store)}

    def _fill_fields(self) -> None:
        values = self._field_values()
        done = set()
        for f in self.plan.fields:
            cell = self.book[f.sheet][f.cell]
            if f.inline and (f.sheet, f.cell) not in done:
                cell.value = forms.fill_fields(str(cell.value), values)  # every field of the cell at once
            elif not f.inline:
                cell.value = values[f.kind]
            done.add((f.sheet, f.cell))


_FIELD_LABELS = {"office": "填报单位", "period": "统计期间", "date": "填报日期", "street": "街道名称"}


def _refuse_unreadable(plan: forms.FormPlan, template: Path) -> None:
    """Fewer than half the value cells placed, or none: say so, write nothing."""
    total, placed = len(plan.slots), len(plan.placed)
    if total == 0:
        raise UserError(f"报表 {template.name} 中没有找到可填的指标：既没有 {{{{占位符}}}}，也没有认得的指标名称。"
                        "未生成文件；请在窗口“报表 → 区总工会报表…”中逐项指定，或在模板单元格中写入占位符")
    if placed == 0 or placed * 2 < total:
        names = "、".join(s.label for s in plan.unplaced[:8]) + ("等" if len(plan.unplaced) > 8 else "")
        raise UserError(f"报表 {template.name} 共有 {total} 处待填，只认出 {placed} 处（未认出：{names}）。"
                        "未生成文件；请用 --assign 标签=指标 逐项指定，或在窗口“区总工会报表…”中指定")


def form_value(slot: forms.Slot, figures: F.Figures, hints: dict[str, Any], cell) -> tuple[Any, str | None, str]:
    """(cell value, number format to set on a General cell, text for the preview) — in the form's
    units: money in 万元 or 元 with the form's decimals, a rate as 78.0 (or 0.78 in a % cell)."""
    key = slot.key
    area = (F.resolve_name(key) or (key, ""))[1]
    if area and not figures.enabled(area):
        return F.NOT_ENABLED, None, F.NOT_ENABLED
    unit, value = F.unit_of(key), figures.get(key, 0)
    if unit == F.TEXT:
        return str(value or ""), None, str(value or "")
    if value is None:
        return "—", None, "—"
    if unit == F.FEN:
        wan = (slot.unit if slot.unit in (L.MONEY_WAN, L.MONEY_YUAN) else hints.get("money")) == L.MONEY_WAN
        places = int(hints.get("money_decimals", 2))
        number = round(int(value) / (1_000_000 if wan else 100), places)
        return number, _decimals_format(places), f"{number:.{places}f}{'万元' if wan else '元'}"
    if unit == F.RATE:
        places = int(hints.get("rate_decimals", 1))
        if "%" in (cell.number_format or ""):
            return round(value, places + 2), None, f"{value * 100:.{places}f}%"
        number = round(value * 100, places)
        return number, _decimals_format(places), f"{number:.{places}f}"
    return int(value), None, str(int(value))


def _plain(value: Any, fmt: str | None) -> str:
    """A value written into a sentence's blank: 12 · 3.46 · 78.0 (the unit follows in the text)."""
    if isinstance(value, float):
        places = len(fmt.split(".")[1]) if fmt and "." in fmt else 2
        return f"{value:.{places}f}"
    return str(value)


def _decimals_format(places: int) -> str:
    return "0" if places == 0 else "0." + "0" * places


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
    from ...core.store.outfile import staged_output

    with staged_output(out) as tmp:
        book.save(tmp)
