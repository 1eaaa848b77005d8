"""Importing the short lists offices keep beside the roll (荣誉名单, 服务卡制卡名单, 捐款登记):
find the sheet and header with the roll reader, map headers by each field's label and aliases,
and hand every record row to a core function inside ONE transaction.

A list is taken whole or not at all: when any row is refused, nothing is written and the error
names the file, the Excel row and the field of the first few problems, so the clerk fixes the
sheet and imports it again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Sequence

from ...core.errors import UserError
from ...core.store.connection import Store
from ...core.store.records import Field
from .importer import mask_ids
from .reader import compact, data_rows, find_header, header_texts, open_workbook, sheet_names, sheet_rows

SHOWN_PROBLEMS = 8
_SKIP = {"序号", "编号", "序"}  # row numbers: never data, never worth a note


@dataclass
class ListRows:
    path: Path
    sheet: str
    rows: list[tuple[int, dict[str, Any]]] = field(default_factory=list)  # (Excel row, {field: cell})
    ignored: list[str] = field(default_factory=list)  # headed columns no field takes (left out)

    def ignored_note(self) -> list[str]:
        """The clerk is told which columns were not read (a heading spelled in a way not known)."""
        if not self.ignored:
            return []
        return [f"以下列未导入（列名不是可识别的字段）：{'、'.join(self.ignored)}"]


def _names(f: Field) -> set[str]:
    return {compact(n) for n in (f.label, *f.aliases)}


def _column_map(fields: Sequence[Field], headers: list[str]) -> dict[int, str]:
    out: dict[int, str] = {}
    taken: set[str] = set()
    for i, header in enumerate(headers):
        key = compact(header)
        for f in fields:
            if f.name not in taken and key in _names(f):
                out[i] = f.name
                taken.add(f.name)
                break
    return out


def read_list(path: str | Path, fields: Sequence[Field], what: str) -> ListRows:
    """The best-matching sheet's record rows as {field name: cell}; UserError when none fits."""
    path = Path(path)
    wb = open_workbook(path)
    best: tuple[int, str, Any, int] | None = None
    for name in sheet_names(path):
        rows = sheet_rows(wb, path, name)
        index, score = find_header(rows, lambda texts: sum(1 for t in texts if any(t in _names(f) for f in fields)))
        if score >= 2 and (best is None or score > best[0]):
            best = (score, name, rows, index)
    if best is None:
        labels = "、".join(f.label for f in fields)
        raise UserError(f"{path.name} 中找不到{what}的表头（应含以下列中的至少两列：{labels}）")
    _, name, rows, index = best
    width = max(len(r) for r in rows)
    headers, last = header_texts(rows, index, width, lambda texts: 0)
    columns = _column_map(fields, headers)
    missing = [f.label for f in fields if f.required and f.name not in columns.values()]
    if missing:
        raise UserError(f"{path.name} 工作表“{name}”缺少必需的列：{'、'.join(missing)}")
    records, _totals = data_rows(rows, last, headers, set())
    out = ListRows(path, name)
    out.ignored = [h for i, h in enumerate(headers) if i not in columns and compact(h) and compact(h) not in _SKIP]
    for number, cells in records:
        out.rows.append((number, {columns[i]: cells[i] for i in columns if i < len(cells)}))
    return out


def apply_list(store: Store, table: ListRows, fields: Sequence[Field],
               one: Callable[[dict[str, Any]], str]) -> dict[str, int]:
    """Run ``one(row)`` for every row in one transaction; returns counts of its results
    ('new', 'changed', 'same' …). Any refused row rolls the whole list back."""
    labels = {f.name: f.label for f in fields}
    counts: dict[str, int] = {}
    problems: list[str] = []
    with store.atomic():
        for number, row in table.rows:
            try:
                result = one(row)
            except UserError as exc:
                where = f"（{labels[exc.field]}）" if exc.field in labels else ""
                problems.append(f"第{number}行{where}：{mask_ids(str(exc))}")
                continue
            counts[result] = counts.get(result, 0) + 1
        if problems:
            shown = "；".join(problems[:SHOWN_PROBLEMS])
            more = f"；另有 {len(problems) - SHOWN_PROBLEMS} 行有问题" if len(problems) > SHOWN_PROBLEMS else ""
            raise UserError(f"{table.path.name} 工作表“{table.sheet}”有 {len(problems)} 行无法导入，"
                            f"未导入任何记录：{shown}{more}")
    return counts


def import_list(store: Store, path: str | Path, fields: Sequence[Field], what: str,
                one: Callable[[dict[str, Any]], str]) -> dict[str, int]:
    """``read_list`` then ``apply_list``: the whole list through ``one(row)``, or nothing."""
    return apply_list(store, read_list(path, fields, what), fields, one)
