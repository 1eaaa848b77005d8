"""Import a 会员名册 or 单位台账 from Excel: prepare (read, map, validate, preview), then apply.

``prepare_import`` writes nothing: it returns an ``ImportPlan`` the GUI wizard previews (good
rows, rows that update an existing record, rejected rows with their reason) and the CLI prints.
``apply_import`` writes the plan in one transaction through ``core.roll_import``; a progress
callback that raises (the clerk pressed 取消) leaves the office file as it was.
"""

from __future__ import annotations

import gc
import re
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from ...core.orgs import lifecycle as org_lifecycle, values as org_values
from ...core.imports import rolls as roll_import
from ...core.errors import UserError
from ...core.store.connection import Store
from . import mapping as mapping_mod
from . import quirks, reader
from .reader import display_headers
from .org_rows import OrgRows
from .rows import MemberRows, Problem

KINDS = ("members", "orgs")
PROGRESS_ROWS = 2000  # rows between progress reports (and cancel points) of the preview
Progress = Callable[[int, int], None] | None


@dataclass
class Rejection:
    sheet: str
    row: int  # 1-based Excel row number
    field: str  # Chinese label, '' if the whole row
    reason: str  # Chinese
    values: dict[str, Any]  # header → original cell value


@dataclass
class PlannedRow:
    row: int
    values: dict[str, Any]  # validated field values (members also carry org_name)
    existing_id: int | None = None
    changes: dict[str, tuple[Any, Any]] = field(default_factory=dict)  # field → (old, new)
    sheet: str = ""
    since: str = ""  # a conflict: when the program last changed the record (local time)
    by_file: str = ""  # a conflict: the change came from importing this newer file
    take: bool = False  # a conflict: the clerk takes the file's values over the program's


@dataclass
class ImportPlan:
    path: Path
    kind: str  # 'members' | 'orgs'
    sheet: str
    header_row: int
    headers: list[str]
    mapping: dict[int, str | None]
    new_rows: list[PlannedRow]
    updates: list[PlannedRow]
    unchanged: int
    rejected: list[Rejection]
    new_orgs: list[str]  # org names the import creates (federations for an orgs import)
    mapping_remembered: bool
    sheets: list[str] = field(default_factory=list)  # every sheet read (same headers as ``sheet``)
    skipped_totals: list[tuple[str, int]] = field(default_factory=list)  # 合计/小计 rows left out
    notes: list[str] = field(default_factory=list)  # what the clerk should look at (orgs the sheet left out …)
    rates_note: str = ""  # members: how the new 待补全 orgs leave the rates
    # records the clerk changed in the program since they were last imported, where the file
    # says otherwise: ``changes`` holds field → (program's value, file's value); kept by default
    conflicts: list[PlannedRow] = field(default_factory=list)
    names: dict[int, str] = field(default_factory=dict)  # org id → name, to show ids as names
    invisible_cleaned: int = 0  # rows whose cells held zero-width or bidi control characters (removed)
    file_saved: str = ""  # when the file previewed was last saved (local time; '' unknown)

    def summary(self) -> str:
        if self.kind == "members":
            text = (f"新增 {len(self.new_rows)} 人，更新 {len(self.updates)} 人，无变化 {self.unchanged} 人，"
                    f"拒绝 {len(self.rejected)} 行，新建单位 {len(self.new_orgs)} 个{self.rates_note}")
        else:
            text = (f"新增 {len(self.new_rows)} 个单位，更新 {len(self.updates)} 个，无变化 {self.unchanged} 个，"
                    f"拒绝 {len(self.rejected)} 行，新建工联会 {len(self.new_orgs)} 个")
        return text + self.extra_summary()

    def extra_summary(self) -> str:
        parts = []
        if self.conflicts:
            taken = sum(1 for r in self.conflicts if r.take)
            unit = "人" if self.kind == "members" else "个"
            parts.append(f"冲突 {len(self.conflicts)} {unit}（上次导入之后改过的内容与文件不同；"
                         + (f"{taken} {unit}采用文件中的值，其余" if taken else "") + "保留本程序中的值）")
        if self.invisible_cleaned:
            parts.append(f"已清除 {self.invisible_cleaned} 行中的不可见字符（零宽字符、文字方向控制符）")
        return "".join(f"，{p}" for p in parts)

    @property
    def has_writes(self) -> bool:
        return bool(self.new_rows or self.updates or self.new_orgs or any(r.take for r in self.conflicts))

    def take_file_values(self, rows: list[PlannedRow] | None = None, *, older_too: bool = False) -> int:
        """The clerk takes the file's values for these conflict rows (all when None).

        Taking all never reverts what the program changed after the file was last saved (a
        transfer or status change made since the roll was printed) unless ``older_too``: those
        the clerk takes row by row. Returns how many rows were taken.
        """
        saved = self.file_saved
        chosen = self.conflicts if rows is None else rows
        n = 0
        for r in chosen:
            if rows is None and not older_too and saved and r.since > saved:
                continue
            r.take = True
            n += 1
        return n


@dataclass
class ImportResult:
    imported: int
    updated: int
    unchanged: int
    rejected: int
    orgs_created: int
    kept: int = 0  # conflict rows where the program's values were kept (the file's not taken)

    def kept_text(self, unit: str) -> str:
        return f"，冲突 {self.kept:,} {unit}保留了本程序中的值" if self.kept else ""


def available_fields(kind: str) -> list[tuple[str, str]]:
    """(field name, Chinese label) for the wizard's column combo boxes."""
    return [(f.name, f.label) for f in mapping_mod.fields_of(_kind(kind))]


def _kind(kind: str) -> str:
    if kind not in KINDS:
        raise UserError(f"导入类型“{kind}”无法识别，应为 members（会员）或 orgs（单位）")
    return kind


# ------------------------------------------------------------------ prepare


@dataclass
class _Found:
    sheet: str
    rows: list[list[Any]]
    header_index: int
    score: int


def _find_table(sheets: dict[str, list[list[Any]]], path: Path, kind: str,
                strict: bool) -> tuple[_Found, list[_Found]]:
    """The sheet and header row to import, and every other sheet with the very same header.

    Strictly, the header must name the required fields; otherwise (the clerk maps the columns
    herself, or did so before for these headers) any row naming a known field will do.
    """
    score = lambda texts: mapping_mod.header_score(kind, texts, strict=strict)  # noqa: E731
    found = []
    for name, rows in sheets.items():
        index, s = reader.find_header(rows, score)
        if s > 0:
            found.append(_Found(name, rows, index, s))
    if not found:
        label = mapping_mod.KIND_LABELS[kind]
        labels = {f.name: f.label for f in mapping_mod.fields_of(kind)}
        need = "“" + "”“".join(labels[r] for r in mapping_mod.REQUIRED[kind]) + "”"
        raise UserError(f"{path.name} 中找不到{label}的表头：表中应有{need}等列（已查看工作表：{'、'.join(sheets)}）")
    best = max(found, key=lambda f: f.score)  # max() keeps the first of equal scores
    return best, [f for f in found if f is not best]


def _read_sheets(wb, path: Path, sheet: str | None) -> dict[str, list[list[Any]]]:
    if sheet and sheet not in reader.sheet_names(path, visible_only=False):
        raise UserError(f"{path.name} 中没有名为“{sheet}”的工作表")
    return {name: reader.sheet_rows(wb, path, name) for name in ([sheet] if sheet else reader.sheet_names(path))}


def _locate(store: Store, wb, path: Path, kind: str, sheet: str | None, mapping) -> tuple[_Found, list[_Found]]:
    """Find the table strictly; failing that, accept a looser header if the clerk maps it now
    or mapped the very same headers before."""
    sheets = _read_sheets(wb, path, sheet)
    try:
        return _find_table(sheets, path, kind, strict=True)
    except UserError:
        best, others = _find_table(sheets, path, kind, strict=False)
        if mapping is None:
            headers, _ = reader.header_texts(best.rows, best.header_index, _width(best), _sub_score(kind))
            if roll_import.saved_mapping(store, mapping_mod.headers_key(kind, headers)) is None:
                raise
        return best, others


def _sub_score(kind: str):
    return lambda texts: mapping_mod.subheader_score(kind, texts)


def _width(found: _Found) -> int:
    return max((len(r) for r in found.rows), default=0)


def prepare_import(store: Store, path: str | Path, kind: str, *, sheet: str | None = None,
                   mapping: dict[int, str | None] | None = None, progress: Progress = None) -> ImportPlan:
    """Read the workbook, find the table, map the columns, validate every row. Writes nothing.

    ``progress(done, total)`` is called every few thousand rows; raising from it stops the work.
    """
    with _cycle_collector_paused():
        return _prepare(store, Path(path), _kind(kind), sheet, mapping, progress)


@contextmanager
def _cycle_collector_paused():
    """A 50,000-row roll makes about a million small objects (cells, row dicts, validated
    values) and holds on to all of them: the cycle collector would walk them again and again
    as they pile up, a quarter of the preview's time, to free nothing. It resumes afterwards."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _prepare(store: Store, path: Path, kind: str, sheet: str | None, mapping, progress: Progress) -> ImportPlan:
    wb = reader.open_workbook(path)
    scan = quirks.start_formula_scan(path)
    best, others = _locate(store, wb, path, kind, sheet, mapping)
    sub_score = _sub_score(kind)
    headers, last_header = reader.header_texts(best.rows, best.header_index, _width(best), sub_score)
    chosen, remembered = _mapping(store, kind, headers, mapping)
    missing = mapping_mod.missing_required(kind, chosen)
    if missing:
        raise UserError(f"{path.name}：没有指定“{'”“'.join(missing)}”所在的列，无法导入")
    tables = [_Table(best.sheet, best.rows, last_header, headers, chosen)]
    for other in others:  # a roll split over several sheets (one per community …)
        table = _other_table(store, kind, other, headers, chosen, sub_score)
        if table:
            tables.append(table)
    order = list(wb.sheet_names)
    tables.sort(key=lambda t: order.index(t.sheet))  # rows and problems in the workbook's order

    def checked() -> ImportPlan:
        plan = ImportPlan(path=path, kind=kind, sheet=best.sheet, header_row=last_header + 1, headers=headers,
                          mapping=chosen, new_rows=[], updates=[], unchanged=0, rejected=[], new_orgs=[],
                          mapping_remembered=remembered, sheets=[t.sheet for t in tables])
        _check_rows(store, plan, tables, progress)
        return plan

    plan = checked()
    # uncalculated formulas are rare: the rows are checked again only when the scan found some
    found = scan.result().uncached
    for table in tables:
        if found.get(table.sheet):
            reader.mark_formulas(table.rows, found[table.sheet])
    return checked() if any(found.get(t.sheet) for t in tables) else plan


@dataclass
class _Table:
    """One sheet's part of the roll, read with its own columns."""

    sheet: str
    rows: list[list[Any]]
    last_header: int
    headers: list[str]
    mapping: dict[int, str | None]


def _other_table(store: Store, kind: str, other: _Found, headers: list[str], chosen, sub_score) -> _Table | None:
    """Another sheet of the same roll: with the very same header it takes the mapping the clerk
    confirmed; a sheet laid out differently (one more column, 工作单位 for 单位) is read with its
    own mapping when its header names the required fields, as it does for 社区 sheets made by
    different predecessors."""
    other_headers, other_last = reader.header_texts(other.rows, other.header_index, _width(other), sub_score)
    if [mapping_mod.norm(h) for h in other_headers] == [mapping_mod.norm(h) for h in headers]:
        return _Table(other.sheet, other.rows, other_last, other_headers, chosen)
    if not mapping_mod.header_score(kind, other_headers, strict=True):
        return None
    own, _ = _mapping(store, kind, other_headers, None)
    if mapping_mod.missing_required(kind, own):
        return None
    return _Table(other.sheet, other.rows, other_last, other_headers, own)


def _mapping(store: Store, kind: str, headers: list[str], given) -> tuple[dict[int, str | None], bool]:
    if given is not None:
        return mapping_mod.clean_mapping(kind, given, len(headers)), False
    saved = roll_import.saved_mapping(store, mapping_mod.headers_key(kind, headers))
    if saved:
        return mapping_mod.clean_mapping(kind, saved, len(headers)), True
    return mapping_mod.guess_mapping(kind, headers), False


def _check_rows(store: Store, plan: ImportPlan, tables: list[_Table], progress: Progress = None) -> None:
    checker = MemberRows(store) if plan.kind == "members" else OrgRows(store)
    originals: dict[tuple[str, int], list[Any]] = {}  # the cells of every kept row, for a later rejection
    shown_of: dict[str, list[str]] = {}
    total = sum(len(t.rows) for t in tables)
    done = 0
    for table in tables:
        shown_of[table.sheet] = display_headers(table.headers)
        _check_table(checker, plan, table, shown_of[table.sheet], originals, (progress, done, total))
        done += len(table.rows)
    plan.invisible_cleaned += getattr(checker, "invisible_rows", 0)
    plan.file_saved = _saved_at(plan.path)  # the roll as previewed; what rolls saved later changed is kept
    checker.file_saved = plan.file_saved
    result = checker.finish()
    for where, problem in result.problems:
        plan.rejected.append(_rejection(where, problem, shown_of[where[0]], originals[where]))
    plan.rejected.sort(key=lambda r: (plan.sheets.index(r.sheet), r.row))
    plan.new_rows = [PlannedRow(where[1], values, None, {}, where[0]) for where, values in result.new]
    plan.updates = [PlannedRow(where[1], values, old_id, changes, where[0])
                    for where, values, old_id, changes in result.updates]
    plan.conflicts = [PlannedRow(where[1], values, old_id, held, where[0], since, by_file=by_file)
                      for where, values, old_id, held, since, by_file in result.conflicts]
    plan.unchanged = result.unchanged
    plan.new_orgs = list(checker.new_orgs.values())
    plan.rates_note = _rates_note(store, plan)
    plan.names = roll_import.org_names(store)
    plan.notes = mapping_mod.unimported_notes(plan.kind, plan.headers, plan.mapping)
    plan.notes += getattr(checker, "notes", [])
    plan.notes += _org_notes(store, plan)


def _check_table(checker, plan: ImportPlan, table: _Table, shown: list[str], originals: dict,
                 report: tuple[Progress, int, int]) -> None:
    """One sheet's data rows through the checker: kept (their cells remembered) or rejected.
    ``report``: the progress callback, the rows of the sheets before this one, all rows."""
    progress, done, total = report
    columns = [(i, name) for i, name in table.mapping.items() if name]
    ignore = {i for i, name in table.mapping.items() if not name}
    data, totals = reader.data_rows(table.rows, table.last_header, table.headers, ignore)
    plan.skipped_totals += [(table.sheet, r) for r in totals]
    quirky = getattr(table.rows, "formulas", False) or getattr(table.rows, "date1904", False)
    # a member roll without Excel quirks goes the short way: its cells straight to the checker
    check_row = checker.row_checker(columns) if plan.kind == "members" and not quirky else None
    check_row = check_row or _raw_checker(checker, plan, table, columns, quirky)
    sheet = table.sheet
    for count, (row_no, cells) in enumerate(data):
        if progress and not count % PROGRESS_ROWS:
            progress(done + count, total)
        where = (sheet, row_no)
        try:
            check_row(where, cells)
        except Problem as problem:
            plan.rejected.append(_rejection(where, problem, shown, cells))
        else:
            originals[where] = cells


def _raw_checker(checker, plan: ImportPlan, table: _Table, columns: list[tuple[int, str]],
                 quirky: bool) -> Callable[[tuple[str, int], list[Any]], None]:
    """The general way: each row as {field: cell value}, Excel's quirks dealt with first."""
    labels = dict(available_fields(plan.kind))
    date_fields = {f.name for f in mapping_mod.fields_of(plan.kind) if f.kind == "date"}
    dates_1904 = [n for _, n in columns if n in date_fields] if getattr(table.rows, "date1904", False) else []
    members = plan.kind == "members"

    def check_row(where: tuple[str, int], cells: list[Any]) -> None:
        # blank cells are left out (a blank never erases a known value); whitespace-only
        # cells are kept and validate to empty
        raw = {name: v for i, name in columns if (v := cells[i]) != "" and v is not None}
        found = _quirks(raw, labels, dates_1904) if quirky else ()
        if not members and _invisible(raw):  # a member roll's checker cleans its own cells
            plan.invisible_cleaned += 1
        checker.check(where, raw, found)

    return check_row


def _rates_note(store: Store, plan: ImportPlan) -> str:
    """Orgs a member roll creates are 待补全: say so, and how 单位数/建会率/入会率 will read."""
    if plan.kind != "members" or not plan.new_orgs:
        return ""
    from ...core.members.records import ACTIVE_STATUSES
    from ...core.orgs.query import rates

    now = rates(store)
    waiting = roll_import.incomplete_org_ids(store)
    joining = sum(1 for r in plan.new_rows if r.values.get("org_id") is not None
                  and r.values["org_id"] not in waiting and r.values.get("status", "正常") in ACTIVE_STATUSES)
    after = (now["members"] + joining) / now["workers"] if now["workers"] else None
    over = ("；入会率超过 100%，说明单位台账的职工人数少于会员：职工人数可能没有更新，或名册中有人不在这些单位"
            if after is not None and after > 1 else "")
    return (f"（待补全：补上职工人数和建会方式之前不计入单位数、建会率、入会率；导入后单位数 {now['orgs']}，"
            f"建会率 {_percent(now['unionisation_rate'])}，入会率 {_percent(now['membership_rate'])} → {_percent(after)}"
            f"{over}）")


def _org_notes(store: Store, plan: ImportPlan) -> list[str]:
    """Members the roll puts into orgs that have ended (注销/迁出/合并) or that the ledger says
    have no union (未建会): the roll or the ledger is out of date. The clerk is asked to look;
    nothing is refused."""
    if plan.kind != "members":
        return []
    marked = org_lifecycle.ended_or_without_union(store)
    counts: Counter[int] = Counter()
    for row in plan.new_rows:
        if row.values.get("org_id") in marked:
            counts[row.values["org_id"]] += 1
    for row in plan.updates:
        if "org_id" in row.changes and row.changes["org_id"][1] in marked:
            counts[row.changes["org_id"][1]] += 1
    ended = [(org, n) for org, n in counts.most_common() if marked[org][1]]
    without = [(org, n) for org, n in counts.most_common() if not marked[org][1]]
    notes = []
    if ended:
        notes.append(f"{sum(n for _, n in ended)} 名会员所在的单位已{_ended_words(marked, ended)}"
                     f"（{_listed(ended, lambda org: f'{marked[org][0]}（{marked[org][1]}）')}）："
                     "这些单位已不在册，请核对会员现在的所在单位；这些行仍会照常导入")
    if without:
        notes.append(f"{sum(n for _, n in without)} 名会员所在的单位在单位台账中登记为“未建会”"
                     f"（{_listed(without, lambda org: marked[org][0])}）：如果这些单位已经建会，"
                     "请在单位台账中改正建会方式；否则请核对这些会员的所在单位；这些行仍会照常导入")
    return notes


_LISTED = 30  # orgs named in one note; a roll naming more is rare, and the rest are counted


def _listed(counts: list[tuple[int, int]], name) -> str:
    shown = "、".join(f"{name(org)} {n} 人" for org, n in counts[:_LISTED])
    return shown + (f" 等共 {len(counts)} 个单位" if len(counts) > _LISTED else "")


def _ended_words(marked: dict[int, tuple[str, str]], ended: list[tuple[int, int]]) -> str:
    kinds = sorted({marked[org][1].split()[0] for org, _ in ended}, key=("注销", "迁出", "合并").index)
    return "或".join(kinds)


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def _quirks(raw: dict[str, Any], labels: dict[str, str], dates_1904: list[str]) -> list[tuple[str, str]]:
    """Uncalculated formulas (a problem each, by field) and 1904 day serials (read as dates)."""
    found = []
    for name, value in list(raw.items()):
        if isinstance(value, quirks.Uncalculated):
            found.append((labels.get(name, ""), f"{labels.get(name, '')}：{quirks.FORMULA_REASON}"))
            del raw[name]
    for name in dates_1904:
        if name in raw:
            raw[name] = quirks.serial_1904(raw[name])
    return found


def _invisible(raw: dict[str, Any]) -> bool:
    """Zero-width and bidi control characters out of every text cell; True if any were there."""
    hit = False
    invisible = quirks.INVISIBLE
    for name, value in raw.items():
        # runs on every cell of a 50,000-row roll: ASCII text (IDs, phones) is decided at once
        if value.__class__ is str and not value.isascii() and not invisible.isdisjoint(value):
            raw[name] = quirks.strip_invisible(value)
            hit = True
    return hit


_ID_LIKE = re.compile(r"(?<![0-9A-Za-z])(\d{6})(\d{5,8})(\d{3}[0-9Xx])(?![0-9A-Za-z])")


def mask_ids(text: str) -> str:
    """Reasons name an ID as everywhere else: region and last four digits only."""
    return _ID_LIKE.sub(lambda m: m[1] + "*" * len(m[2]) + m[3][-4:] if len(m[3]) >= 4 else m[0],
                        text) if text else text


# a mobile number, or one mistyped by a digit or two (10–12 digits starting with 1)
_MOBILE_LIKE = re.compile(r"(?<![0-9])(1[0-9]{2})([0-9]{3,5})([0-9]{4})(?![0-9])")


def mask_personal(text: str) -> str:
    """IDs and mobile numbers in a text shown on screen (a row's original cells, a reason) as
    everywhere else: 440303********1234, 138****8000, 158***4567 for a number a digit short.
    The problem report keeps the cells as the file had them."""
    return _MOBILE_LIKE.sub(lambda m: m[1] + "*" * len(m[2]) + m[3], mask_ids(text)) if text else text


def _rejection(where, problem: Problem, shown: list[str], cells: list[Any]) -> Rejection:
    values = {h: ("" if reader.is_blank(v) else v) for h, v in zip(shown, cells)}
    return Rejection(where[0], where[1], problem.label, mask_personal(problem.reason), values)


# -------------------------------------------------------------------- apply


def apply_import(store: Store, plan: ImportPlan,
                 progress: Callable[[int, int], None] | None = None) -> ImportResult:
    """Write the plan in one transaction; nothing is written if ``progress`` raises."""
    writes = roll_import.Writes()
    if plan.kind == "members":
        # 待补全 until the clerk gives a head-count and a 建会方式: never counted with nothing known
        writes.new_orgs = [{"name": name, "needs_completion": 1} for name in plan.new_orgs]
    else:
        writes.new_orgs = [{"name": name, "is_federation": 1, "union_mode": "独立建会",
                            "federation_kind": org_values.federation_kind_of(name)} for name in plan.new_orgs]
    writes.new_rows = [r.values for r in plan.new_rows]
    merged = _merged_updates(plan)
    for r in merged:
        changes = {k: new for k, (_, new) in r.changes.items()}
        if "org_id" in changes and "org_name" in r.values:
            changes["org_name"] = r.values["org_name"]  # the org may be created by this import
        if "federation_name" in r.values and "federation_id" in changes:
            changes["federation_name"] = r.values["federation_name"]
        writes.updates.append((r.existing_id, changes))
    if plan.has_writes:
        apply = roll_import.apply_members if plan.kind == "members" else roll_import.apply_orgs
        # the plan's million objects are still alive: a full collection during the write would
        # walk them all (~0.08 s each time) to free nothing, as in the preview
        with _cycle_collector_paused():
            apply(store, writes, progress, plan.path.name, plan.file_saved)
    return ImportResult(imported=len(plan.new_rows), updated=len(merged), unchanged=plan.unchanged,
                        rejected=len(plan.rejected), orgs_created=len(plan.new_orgs),
                        kept=sum(1 for r in plan.conflicts if not r.take))


def _merged_updates(plan: ImportPlan) -> list[PlannedRow]:
    """Updates plus the conflict rows the clerk took the file's values for, one per record."""
    by_id = {r.existing_id: PlannedRow(r.row, r.values, r.existing_id, dict(r.changes), r.sheet) for r in plan.updates}
    for r in plan.conflicts:
        if r.take:
            row = by_id.setdefault(r.existing_id, PlannedRow(r.row, r.values, r.existing_id, {}, r.sheet))
            row.changes.update(r.changes)
    return list(by_id.values())


def _saved_at(path: Path) -> str:
    """When the file was last saved, as the audit trail writes times (local).

    The earlier of the file's time and the time the workbook itself records (docProps/core.xml,
    written by Excel and WPS on every save): a roll saved last month and received over WeChat or
    copied from a USB stick today has today's file time, yet it is last month's roll.
    """
    import datetime

    try:
        times = [datetime.datetime.fromtimestamp(path.stat().st_mtime)]
    except OSError:
        return ""
    recorded = quirks.workbook_saved(path)
    if recorded is not None:
        times.append(recorded)
    return min(times).strftime("%Y-%m-%d %H:%M:%S")


def remember_mapping(store: Store, plan: ImportPlan) -> None:
    """Called when the clerk confirmed the mapping: the next file with these headers reuses it."""
    roll_import.save_mapping(store, mapping_mod.headers_key(plan.kind, plan.headers), plan.mapping)


def report_path(plan: ImportPlan) -> Path:
    """Where the problem rows go unless the clerk says otherwise: beside the file (README)."""
    return plan.path.with_name(f"{plan.path.stem}-导入问题.xlsx")


def write_report(plan: ImportPlan, out_path: str | Path) -> Path:
    """The rejected rows as a workbook: sheet, 行号, 字段, 原因, then the original values."""
    from .report import write_report as _write

    return _write(plan, Path(out_path))
