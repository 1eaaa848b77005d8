"""Import of the lists other offices send: the tax office's 工会经费代收明细 and an org's or the
insurer's 互助保障参保名单.

They go through the roll import's machinery — the sheet and its header found among titles and
notes (``reader``), columns guessed from the spellings declared with the fields and remembered
once the clerk confirmed them (``mapping``), rejected rows with their sheet, row, field and reason
in the problem report (``report``) — and differ only in how a row is checked and written:

- 代收明细: each row is matched to an org by 统一社会信用代码, then by name; a payer the register
  does not know is rejected (never made into a new org). A row already imported (same org, date,
  amount, 计费依据 and 票证号) is unchanged, so the same list imported again changes nothing.
- 参保名单: each row is one person in one plan of the year (the plan named in the row or chosen
  for the whole list), matched to the roll by 身份证号; a person not on the roll is enrolled and
  listed to be added. A person already in the plan is unchanged.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...core.errors import UserError, ValueFormatError
from ...core.fees import records as fees
from ...core.imports import rolls as roll_import
from ...core.members.records import live_member_by_id_number
from ...core.mutual_aid import records as aid
from ...core.orgs import records as org_records
from ...core.orgs.lifecycle import former_name_index, former_name_note
from ...core.store.connection import Store
from ...core.values import dates, ids, money
from . import importer, mapping as mapping_mod, reader
from .importer import Rejection
from .rows import Problem

KINDS = ("tax_list", "aid_list")
_YEAR = re.compile(r"(19|20)\d{2}")


@dataclass
class ListPlan:
    path: Path
    kind: str
    sheet: str
    header_row: int
    headers: list[str]
    mapping: dict[int, str | None]
    rows: list[dict[str, Any]] = field(default_factory=list)  # checked rows to write
    unchanged: int = 0
    rejected: list[Rejection] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    mapping_remembered: bool = False
    sheets: list[str] = field(default_factory=list)
    skipped_totals: list[tuple[str, int]] = field(default_factory=list)
    to_add: list[dict[str, Any]] = field(default_factory=list)  # 参保名单: people not on the roll

    def summary(self) -> str:
        if self.kind == "tax_list":
            amount = sum(r["amount"] for r in self.rows)
            return (f"新增缴款 {len(self.rows)} 笔（{money.format_money(amount)} 元），已导入过 {self.unchanged} 笔，"
                    f"拒绝 {len(self.rejected)} 行")
        return (f"新增参保 {len(self.rows)} 人，已参保 {self.unchanged} 人，拒绝 {len(self.rejected)} 行，"
                f"其中不在会员名册、待补录 {len(self.to_add)} 人")


def prepare_list(store: Store, path: str | Path, kind: str, *, sheet: str | None = None,
                 mapping: dict[int, str | None] | None = None, period: str | None = None,
                 year: int | None = None, plan_id: int | None = None, org_id: int | None = None,
                 columns: dict[str, str] | None = None) -> ListPlan:
    """Read, map and check every row; writes nothing. ``period`` (代收明细: the fee period every row
    belongs to; default the year of its 入库日期); ``year``/``plan_id``/``org_id`` (参保名单: the
    plans' year, and the plan or org for rows that name none); ``columns`` ({field label: header
    text}, e.g. {"代收金额": "本期实缴"}) names the columns of a list whose header is spelled in a way
    never met before."""
    if kind not in KINDS:
        raise UserError(f"导入类型“{kind}”无法识别")
    path = Path(path)
    wb = reader.open_workbook(path)
    if columns:
        best, others = _located_by(wb, path, kind, sheet, columns), []
    else:
        try:
            best, others = importer._locate(store, wb, path, kind, sheet, mapping)
        except UserError:
            best, others = _remembered_table(store, wb, path, kind, sheet), []
    sub = importer._sub_score(kind)
    headers, last_header = reader.header_texts(best.rows, best.header_index, importer._width(best), sub)
    chosen, remembered = importer._mapping(store, kind, headers, mapping)
    if columns:
        chosen, remembered = _with_columns(kind, headers, chosen, columns, path), False
    missing = mapping_mod.missing_required(kind, chosen)
    if missing:
        raise UserError(f"{path.name}：没有指定“{'”“'.join(missing)}”所在的列，无法导入")
    tables = [importer._Table(best.sheet, best.rows, last_header, headers, chosen)]
    for other in others:
        table = importer._other_table(store, kind, other, headers, chosen, sub)
        if table:
            tables.append(table)
    plan = ListPlan(path, kind, best.sheet, last_header + 1, headers, chosen, mapping_remembered=remembered,
                    sheets=[t.sheet for t in tables])
    if kind == "tax_list":
        checker: Any = TaxRows(store, period)
    else:
        checker = AidRows(store, year or dates.today().year, plan_id, org_id)
    _check(plan, tables, checker)
    checker.finish()
    plan.rows, plan.unchanged = checker.rows, checker.unchanged
    plan.notes += checker.notes()
    plan.to_add = getattr(checker, "to_add", [])
    return plan


def parse_columns(pairs: list[str] | None) -> dict[str, str]:
    """``代收金额=本期实缴`` pairs from the command line → {field label: header text}."""
    out: dict[str, str] = {}
    for pair in pairs or []:
        label, sep, header = pair.partition("=")
        if not sep or not label.strip() or not header.strip():
            raise UserError(f"--column “{pair}”应写成 字段=表中列名，如 代收金额=本期实缴")
        out[label.strip()] = header.strip()
    return out


def _located_by(wb, path: Path, kind: str, sheet: str | None, columns: dict[str, str]):
    """The sheet and header row holding every column the clerk named."""
    wanted = {mapping_mod.norm(h) for h in columns.values()}
    for name, rows in importer._read_sheets(wb, path, sheet).items():
        for index, row in enumerate(rows[:reader.HEADER_SCAN_ROWS]):
            texts = {mapping_mod.norm(reader.compact(v)) for v in row if not reader.is_blank(v)}
            if wanted <= texts:
                return importer._Found(name, rows, index, 1)
    raise UserError(f"{path.name} 中找不到同时含有“{'”“'.join(columns.values())}”这些列名的表头行")


def _remembered_table(store: Store, wb, path: Path, kind: str, sheet: str | None):
    """A header named by --column once (no label we know in it): found again by the mapping
    remembered for exactly those headers; otherwise the original complaint stands."""
    sub = importer._sub_score(kind)
    for name, rows in importer._read_sheets(wb, path, sheet).items():
        width = max((len(r) for r in rows), default=0)
        for index, row in enumerate(rows[:reader.HEADER_SCAN_ROWS]):
            if sum(1 for v in row if not reader.is_blank(v)) < 2:
                continue
            headers, _ = reader.header_texts(rows, index, width, sub)
            if roll_import.saved_mapping(store, mapping_mod.headers_key(kind, headers)):
                return importer._Found(name, rows, index, 1)
    importer._locate(store, wb, path, kind, sheet, None)  # raises the usual message
    raise UserError(f"{path.name} 中找不到表头")  # not reached: _locate raised


def _with_columns(kind: str, headers: list[str], guessed: dict, columns: dict[str, str], path: Path) -> dict:
    """The guessed mapping with the columns the clerk named put where she said."""
    by_label = {}
    for f in mapping_mod.fields_of(kind):
        for text in (f.label, *f.aliases):
            by_label.setdefault(mapping_mod.norm(text), f.name)
    chosen = dict(guessed)
    for label, header in columns.items():
        field_name = by_label.get(mapping_mod.norm(label))
        if field_name is None:
            known = "、".join(f.label for f in mapping_mod.fields_of(kind))
            raise UserError(f"--column 中的字段“{label}”无法识别，可用的字段：{known}")
        index = next(i for i, h in enumerate(headers) if mapping_mod.norm(header) in
                     {mapping_mod.norm(part) for part in (h, *h.split(reader.GROUP_SEP))})
        chosen = {i: (None if name == field_name else name) for i, name in chosen.items()}
        chosen[index] = field_name
    missing = mapping_mod.missing_required(kind, chosen)
    if missing:
        raise UserError(f"{path.name}：没有指定“{'”“'.join(missing)}”所在的列，无法导入"
                        f"（可用 --column {missing[0]}=表中列名 指定）")
    return chosen


def _check(plan: ListPlan, tables: list, checker) -> None:
    for table in tables:
        columns = [(i, name) for i, name in table.mapping.items() if name]
        ignore = {i for i, name in table.mapping.items() if not name}
        shown = importer.display_headers(table.headers)
        data, totals = reader.data_rows(table.rows, table.last_header, table.headers, ignore)
        plan.skipped_totals += [(table.sheet, r) for r in totals]
        for row_no, cells in data:
            raw = {name: v for i, name in columns if (v := cells[i]) != "" and v is not None}
            try:
                checker.check((table.sheet, row_no), raw)
            except Problem as problem:
                plan.rejected.append(importer._rejection((table.sheet, row_no), problem, shown, cells))


def apply_list(store: Store, plan: ListPlan) -> int:
    """Write the checked rows in one transaction; returns how many were added."""
    if plan.kind == "tax_list":
        return fees.apply_tax_rows(store, plan.rows, f"{fees.TAX_LIST_SOURCE}：{plan.path.name}")
    return aid.apply_enrolment_rows(store, plan.rows, f"导入：{plan.path.name}")


def remember_mapping(store: Store, plan: ListPlan) -> None:
    roll_import.save_mapping(store, mapping_mod.headers_key(plan.kind, plan.headers), plan.mapping)


def write_report(plan: ListPlan, out: str | Path) -> Path:
    from .report import write_report as _write

    return _write(plan, Path(out))  # type: ignore[arg-type] - same fields as an ImportPlan


# ------------------------------------------------------------------ checks


def _text(value: Any) -> str:
    return "".join(str(value if value is not None else "").split())


def _money(raw: dict[str, Any], key: str, label: str, *, required: bool) -> int | None:
    try:
        fen = money.parse_money_optional(raw.get(key))
    except ValueFormatError as err:
        raise Problem(label, f"{label}：{err}") from None
    if fen is None and required:
        raise Problem(label, f"{label}为空")
    if fen is not None and fen < 0:
        raise Problem(label, f"{label}为负数（退库），请在窗口中逐笔处理")
    return fen


def _date(raw: dict[str, Any], key: str, label: str, *, required: bool) -> str | None:
    try:
        day = dates.parse_date(raw.get(key))
    except ValueFormatError as err:
        raise Problem(label, f"{label}：{err}") from None
    if day is None and required:
        raise Problem(label, f"{label}为空")
    return day.isoformat() if day else None


class FormerNames:
    """Orgs a list names by their name before a 更名 (``lifecycle.former_name_index``), noted."""

    def __init__(self, store: Store):
        self.index = former_name_index(store)
        self.used: dict[str, str] = {}

    def find(self, name: Any) -> int | None:
        hit = self.index.get(roll_import.org_name_key(name))
        if hit is None:
            return None
        self.used[hit[1]] = former_name_note(hit[1], hit[2])
        return hit[0]

    def notes(self) -> list[str]:
        return list(self.used.values())


class TaxRows:
    """Checks rows of the tax office's 代收明细."""

    def __init__(self, store: Store, period: str | None):
        self.store = store
        self.period = fees.fee_period(period).key if period else None
        self.by_code, self.by_name = fees.org_lookup(store)
        self.former = FormerNames(store)
        self.codes = org_records.credit_codes(store)
        self.rows: list[dict[str, Any]] = []
        self.unchanged = 0
        self.seen: dict[str, int] = {}
        self.pending: list[dict[str, Any]] = []

    def check(self, where: tuple[str, int], raw: dict[str, Any]) -> None:
        name = _text(raw.get("payer_name"))
        if not name:
            raise Problem("纳税人名称", "纳税人名称为空")
        code = self._code(raw)
        amount = _money(raw, "amount", "代收金额", required=True)
        if not amount:
            raise Problem("代收金额", "代收金额为 0")
        base = _money(raw, "base", "计费依据", required=False)
        paid = _date(raw, "paid_date", "入库日期", required=True)
        org_id = self._org(name, code)
        period = self.period or self._year_of(raw.get("belongs")) or str(paid[:4])
        ticket = _text(raw.get("ticket"))
        key = fees.tax_row_key(org_id, paid, amount, base, ticket)
        if key in self.seen:
            raise Problem("", f"与本表第 {self.seen[key]} 行的单位、入库日期、金额完全相同，未重复计入")
        self.seen[key] = where[1]
        self.pending.append({"org_id": org_id, "period": period, "paid_date": paid, "amount": amount,
                             "base": base, "key": key})

    @staticmethod
    def _year_of(value: Any) -> str | None:
        """The fee year a row belongs to from its 所属期 (2026-01-01, 2026年1月, 2026-01-01至2026-03-31,
        or an Excel date); None when the list has no such column."""
        if value is None:
            return None
        if isinstance(value, (datetime.date, int, float)) and not isinstance(value, bool):
            try:
                day = dates.parse_date(value)
            except ValueFormatError:
                raise Problem("所属期起", f"所属期“{value}”无法识别") from None
            return str(day.year) if day else None
        found = _YEAR.search(str(value))
        if not found:
            raise Problem("所属期起", f"所属期“{value}”无法识别，应含年份，如 2026-01-01")
        return found.group(0)

    def _code(self, raw: dict[str, Any]) -> str | None:
        value = raw.get("credit_code")
        if value is None or not _text(value):
            return None
        try:
            return ids.normalize_credit_code(value)
        except ValueFormatError as err:
            raise Problem("统一社会信用代码", f"统一社会信用代码：{err}") from None

    def _org(self, name: str, code: str | None) -> int:
        if code and code in self.by_code:
            return self.by_code[code]
        org_id = self.by_name.get(roll_import.org_name_key(name)) or self.former.find(name)
        if org_id is not None:
            known = self.codes.get(org_id)
            if code and known and known != code:
                raise Problem("统一社会信用代码", f"“{name}”在单位台账中的统一社会信用代码是 {known}，与本表的 {code} 不符，"
                                              "请核对后再导入")
            return org_id
        raise Problem("纳税人名称", f"单位台账中没有“{name}”" + (f"（统一社会信用代码 {code}）" if code else "")
                      + "：请先在“单位”中登记该单位（导入不会自动新建单位）")

    def finish(self) -> None:
        known = fees.known_payment_keys(self.store, [r["key"] for r in self.pending])
        for r in self.pending:
            if r["key"] in known:
                self.unchanged += 1
            else:
                self.rows.append(r)
        self.pending = []

    def notes(self) -> list[str]:
        return self.former.notes()


class AidRows:
    """Checks rows of a 参保名单."""

    def __init__(self, store: Store, year: int, plan_id: int | None, org_id: int | None):
        self.store, self.year = store, year
        self.plans = {p["name"]: p for p in aid.plans(store, year)}
        self.plan = aid.get_plan(store, plan_id) if plan_id else None
        if plan_id and not self.plan:
            raise UserError("所选保障计划不存在或已删除")
        self.org_id = org_id
        self.orgs = {k: v[0] for k, v in roll_import.org_keys(store).items()}
        self.former = FormerNames(store)
        self.rows: list[dict[str, Any]] = []
        self.unchanged = 0
        self.to_add: list[dict[str, Any]] = []
        self.seen: dict[tuple[int, str], int] = {}

    def check(self, where: tuple[str, int], raw: dict[str, Any]) -> None:
        name = _text(raw.get("name"))
        if not name:
            raise Problem("姓名", "姓名为空")
        try:
            id18 = ids.normalize_id_number(raw.get("id_number"))
        except ValueFormatError as err:
            raise Problem("身份证号", f"身份证号：{err}") from None
        plan = self._plan(raw)
        member = live_member_by_id_number(self.store, id18)
        if member and member["name"] != name:
            raise Problem("姓名", f"身份证号 {ids.mask_id_number(id18)} 在会员名册中是“{member['name']}”，与“{name}”不符")
        org_id = self._org(raw, member)
        row = {"plan_id": plan["id"], "name": name, "id_number": id18, "org_id": org_id,
               "enrolled_date": _date(raw, "enrolled_date", "参保日期", required=False),
               "shares": self._shares(raw), "premium": _money(raw, "premium", "保费", required=False),
               "notes": str(raw.get("notes") or "").strip()}
        key = (plan["id"], id18)
        if key in self.seen:
            raise Problem("身份证号", f"与本表第 {self.seen[key]} 行是同一人、同一计划，未重复参保")
        self.seen[key] = where[1]
        if aid.enrolment_id(self.store, *key):
            self.unchanged += 1
            return
        self.rows.append(row)
        if not member:
            self.to_add.append(row)

    def _plan(self, raw: dict[str, Any]) -> dict[str, Any]:
        text = _text(raw.get("plan"))
        if not text:
            if self.plan:
                return self.plan
            raise Problem("参保项目", "未写参保项目，请在表中注明或导入时选定保障计划")
        if text in self.plans:
            return self.plans[text]
        close = [p for n, p in self.plans.items() if n in text or text in n]
        if len(close) == 1:
            return close[0]
        known = "、".join(self.plans) or "（尚未设立）"
        raise Problem("参保项目", f"{self.year}年没有“{text}”计划，现有计划：{known}；请先在“互助保障”中设立")

    def _org(self, raw: dict[str, Any], member) -> int | None:
        text = raw.get("org_name")
        if text is not None and _text(text):
            org_id = self.orgs.get(roll_import.org_name_key(text)) or self.former.find(text)
            if org_id is None:
                raise Problem("单位", f"单位台账中没有“{_text(text)}”，请先在“单位”中登记")
            return org_id
        return self.org_id or (member["org_id"] if member else None)

    def _shares(self, raw: dict[str, Any]) -> int:
        value = raw.get("shares")
        if value is None or not _text(value):
            return 1
        text = _text(value).rstrip("份")
        try:
            number = float(text)
        except ValueError:
            raise Problem("份数", f"份数“{value}”应为正整数") from None
        if number < 1 or number != int(number):
            raise Problem("份数", f"份数“{value}”应为正整数")
        return int(number)

    def finish(self) -> None:
        """Every row was settled as it was checked."""

    def notes(self) -> list[str]:
        if not self.to_add:
            return self.former.notes()
        return self.former.notes() + [f"有 {len(self.to_add)} 人不在会员名册中，导入后列入“待补录会员”名单，请核实后录入会员名册"]

