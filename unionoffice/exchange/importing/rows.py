"""Row by row checks of an imported roll: validate with core's rules, find the existing record, diff.

A checker takes each data row as {field name: raw cell value} (blank cells left out, so a blank
never erases what the office already knows), validates it with ``members.validate_member``
(or ``orgs.validate_org``, in ``org_rows``) and either returns a problem (field label, Chinese reason) or keeps the row.
``finish()`` then sorts kept rows into new / update / unchanged against the database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

from ...core.imports import rolls as roll_import
from ...core.orgs.lifecycle import former_name_index, former_name_note
from ...core.errors import ValueFormatError
from ...core.members.records import DATE_FIELDS, MEMBER_FIELDS, member_date, validate_member
from ...core.store.connection import Store
from ...core.values.ids import mask_id_number, normalize_id_number
from .plain_rows import plain_row_checker
from .quirks import INVISIBLE, has_invisible, strip_invisible

MEMBER_LABELS = {f.name: f.label for f in MEMBER_FIELDS}
DERIVED = frozenset({"name_pinyin", "name_initials"})
# Member fields validated per row: unique per person, or checked against the ID (gender). The
# other columns repeat their values down the sheet and are validated once per distinct value.
PER_ROW = frozenset({"name", "id_number", "phone", "gender", "member_no", "notes", "status_reason"})
# Values sheets use for the fixed choices, beyond what core accepts.
SYNONYMS = {
    "gender": {"男性": "男", "女性": "女", "M": "男", "F": "女"},
    "hukou": {"本市": "本地", "本地户籍": "本地", "本市户籍": "本地", "城镇": "本地",
              "外省": "外地", "外市": "外地", "外地户籍": "外地", "非本市": "外地", "外来": "外地"},
    "status": {"在册": "正常", "在职": "正常", "有效": "正常"},
}


class Problem(Exception):
    """A rejected row: every (field label, Chinese reason) found on it ('' label: the whole row).

    ``label`` and ``reason`` read all of them at once: 身份证号、性别 / reason；reason.
    """

    def __init__(self, label: str, reason: str, more: Sequence[tuple[str, str]] = ()):
        self.items = _unique([(label, reason), *more])
        self.label = "、".join(dict.fromkeys(lab for lab, _ in self.items if lab))
        self.reason = "；".join(r for _, r in self.items)
        super().__init__(self.reason)

    @classmethod
    def of(cls, items: Sequence[tuple[str, str]]) -> "Problem":
        return cls(items[0][0], items[0][1], items[1:])


def _unique(items: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return list(dict.fromkeys(items))


def every_problem(validator, raw: dict[str, Any], labels: dict[str, str], first: Problem) -> list[tuple[str, str]]:
    """All fields of a row that fail, not just the first: each is validated alone, then the
    ones that pass are validated together for what fails only between fields (性别 against
    身份证号)."""
    items: list[tuple[str, str]] = []
    passed: dict[str, Any] = {}
    for key, value in raw.items():
        try:
            validated(validator, {key: value}, labels)
        except Problem as problem:
            items += problem.items
        else:
            passed[key] = value
    try:
        validated(validator, passed, labels)
    except Problem as problem:
        items += problem.items
    return items or first.items


@dataclass
class Kept:
    """A valid row waiting for its existing-record check."""

    where: tuple[str, int]  # (sheet, Excel row)
    values: dict[str, Any]


@dataclass
class Sorted:
    new: list[tuple[tuple[str, int], dict[str, Any]]] = field(default_factory=list)
    updates: list[tuple[tuple[str, int], dict[str, Any], int, dict[str, tuple[Any, Any]]]] = field(default_factory=list)
    unchanged: int = 0
    problems: list[tuple[tuple[str, int], Problem]] = field(default_factory=list)
    # rows whose file values differ from what the clerk changed in the program since the last import:
    # (where, values, record id, field → (program's value, file's value), when the program changed it)
    # (and the newer file whose import made the change, '' when it was made in the program)
    conflicts: list[tuple[tuple[str, int], dict[str, Any], int, dict[str, tuple[Any, Any]], str, str]] = \
        field(default_factory=list)

    def sort_changes(self, store: Store, table: str,
                     rows: list[tuple[tuple[str, int], dict[str, Any], dict[str, Any], dict[str, tuple[Any, Any]]]],
                     file_saved: str = "") -> None:
        """Changed rows → updates, and conflicts where the program (or the import of a roll saved
        after this file) changed the field since the record was last imported: the file's value
        is then held back until the clerk takes it."""
        ids = [old["id"] for _, _, old, _ in rows]
        work = roll_import.program_work(store, table, ids, file_saved) if rows else {}
        for where, values, old, changes in rows:
            done = work[old["id"]]
            held = {k: v for k, v in changes.items() if k not in DERIVED and k in done.fields}
            for leader, followers in FOLLOWERS.items():
                if leader in held:
                    held.update({k: changes[k] for k in followers if k in changes})
            rest = {k: v for k, v in changes.items() if k not in held}
            if rest:
                self.updates.append((where, values, old["id"], rest))
            if held:
                self.conflicts.append((where, values, old["id"], held, done.when, done.by_file))


# fields that go with another one: the pinyin keys with the name, the date and reason with the status
FOLLOWERS = {"name": ("name_pinyin", "name_initials"), "status": ("status_date", "status_reason")}


_NUMBER_TEXT = re.compile(r"^\s*(\d{5,})\.0+\s*$")
PHONE_FIELDS = ("phone", "contact_phone", "union_chair_phone")


def _phones(raw: dict[str, Any], fields: tuple[str, ...] = PHONE_FIELDS) -> None:
    """'13800138000.0': a phone that went through a number format and back to text."""
    for name in fields:
        value = raw.get(name)
        if isinstance(value, str) and (match := _NUMBER_TEXT.match(value)):
            raw[name] = match.group(1)


# Text fields a sheet may hold as numbers (会员证号 12 comes back as 12.0): keep the digits shown.
# Not 身份证号 or 信用代码: a number there may have lost digits and is refused by core.
NUMBER_AS_TEXT = ("member_no", "notes", "status_reason", "address", "union_name", "industry")


def _texts(raw: dict[str, Any], fields: tuple[str, ...] = NUMBER_AS_TEXT) -> None:
    for name in fields:
        value = raw.get(name)
        if isinstance(value, float) and value.is_integer():
            raw[name] = str(int(value))


# 会籍状态 written as 退休: a retiree keeps membership (DESIGN §4a), so 正常 + the 退休 flag.
RETIRED_WORDS = ("退休", "已退休", "离退休", "离休")


def pre_clean(raw: dict[str, Any]) -> dict[str, Any]:
    _phones(raw)
    _texts(raw)
    status = raw.get("status")
    if isinstance(status, str) and status.strip() in RETIRED_WORDS:
        raw["status"], raw["is_retired"] = "正常", 1
    for name, table in SYNONYMS.items():
        value = raw.get(name)
        if isinstance(value, str) and value.strip() in table:
            raw[name] = table[value.strip()]
    return raw


UNION_SUFFIXES = ("工会委员会", "基层工会", "工会")
_GENDER_WORDS = SYNONYMS["gender"]
_PLAIN_GENDER = frozenset(("男", "女"))
OWN_NUMBER_TEXT = ("member_no", "notes", "status_reason")


def _own_shapes(own: dict[str, Any]) -> None:
    """pre_clean for a member's own (per-row) values: the same fixes, only for the fields they
    can hit (this runs once per row of a 50,000-row roll)."""
    gender = own.get("gender")
    if gender.__class__ is str and gender not in _PLAIN_GENDER and (word := gender.strip().upper()) in _GENDER_WORDS:
        own["gender"] = _GENDER_WORDS[word]
    phone = own.get("phone")
    if phone.__class__ is str and "." in phone:  # only '13800138000.0' needs the fix
        _phones(own, ("phone",))
    if "member_no" in own or "notes" in own or "status_reason" in own:
        _texts(own, OWN_NUMBER_TEXT)


def validated(validator, raw: dict[str, Any], labels: dict[str, str]) -> dict[str, Any]:
    """Run core validation; turn its error into a Problem naming the field."""
    try:
        return validator(raw)
    except ValueFormatError as exc:
        name = exc.field if exc.field in raw or exc.field in labels else None
        if name not in raw:  # e.g. dates report field='date': find the cell that fails alone
            name = next((k for k in raw if _fails(validator, k, raw[k])), name)
        raise problem_for(labels.get(name or "", ""), str(exc)) from None


def _fails(validator, key: str, value: Any) -> bool:
    try:
        validator({key: value})
    except ValueFormatError:
        return True
    return False


def problem_for(label: str, message: str) -> Problem:
    reason = message if not label or message.startswith(label) else f"{label}：{message}"
    return Problem(label, reason)


def where_text(where: tuple[str, int], sheet: str) -> str:
    return f"第 {where[1]} 行" if where[0] == sheet else f"工作表“{where[0]}”第 {where[1]} 行"


def diff(values: dict[str, Any], old: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    """Fields the sheet changes; derived name keys follow the name."""
    changes = {}
    for key, new in values.items():
        if key in DERIVED or new is None or new == "" or key not in old:
            continue
        if old[key] != new:
            changes[key] = (old[key], new)
    if "name" in changes:
        for key in DERIVED:
            changes[key] = (old[key], values[key])
    return changes


# ------------------------------------------------------------------ members


def _layout(columns: Sequence[tuple[int, str]]) -> tuple[list[tuple[int, str]], list[tuple[int, str]], int | None] | None:
    """A member table's columns as ``check`` sorts each row's cells: (repeated-value columns,
    the person's own columns, the org's column); None when a field has two columns."""
    names = [name for _, name in columns]
    if len(set(names)) != len(names):
        return None
    shared = [(i, name) for i, name in columns if name not in PER_ROW and name != "org_id"]
    owned = [(i, name) for i, name in columns if name in PER_ROW]
    return shared, owned, next((i for i, name in columns if name == "org_id"), None)


def _id_or_none(value: Any) -> str | None:
    try:
        return normalize_id_number(value) or None
    except Exception:  # noqa: BLE001 - a bad ID is reported by validation already
        return None


class MemberRows:
    """Checks 会员名册 rows: required 姓名 + 身份证号, one row per ID, orgs matched by name."""

    kind = "members"

    def __init__(self, store: Store):
        self.store = store
        self.orgs = roll_import.org_keys(store)
        self.new_orgs: dict[str, str] = {}  # name key → name as first written
        self.seen: dict[str, tuple[str, int]] = {}
        self.kept: list[Kept] = []
        self.cache: dict[tuple[str, Any], dict[str, Any] | Problem] = {}
        self.org_cache: dict[Any, tuple[str, int | None, bool]] = {}  # cell text → (name, id or None, held invisible characters)
        self.union_names = roll_import.union_name_keys(store)
        self.federations = roll_import.federation_keys(store)  # 工会联合会 written for 工联会 and back
        self.former = former_name_index(store)  # an org's names before its 更名 still find it
        self.former_used: dict[str, tuple[str, str]] = {}  # name key → (former name, today's name)
        self.notes: list[str] = []
        # cell values that held zero-width or bidi characters (cleaned once, when first met)
        self.dirty: set[tuple[str, Any]] = set()
        self.invisible_rows = 0

    def check(self, where: tuple[str, int], raw: dict[str, Any], found: Sequence[tuple[str, str]] = ()) -> None:
        """Keep the row, or raise a Problem listing all that is wrong with it (``found``: what the
        caller saw already, e.g. an uncalculated formula). A duplicate ID comes first."""
        org_text = raw.pop("org_id", None)
        values: dict[str, Any] = {}
        own: dict[str, Any] = {}  # this person's own values, validated together below
        problems = list(found)
        dirty = False
        cache, marked = self.cache, self.dirty
        for key, value in raw.items():
            if key in PER_ROW:
                if value.__class__ is str and not value.isascii() and not INVISIBLE.isdisjoint(value):
                    value, dirty = strip_invisible(value), True
                own[key] = value
                continue
            hit = cache.get((key, value))  # looked up here: a method call per cell costs on 50,000 rows
            if hit is None:
                hit = self._cached(key, value)
            if hit.__class__ is dict:
                values.update(hit)
            else:
                problems += hit.items
            if marked and (key, value) in marked:
                dirty = True
        self._person(where, values, own, problems, org_text, dirty)

    def row_checker(self, columns: Sequence[tuple[int, str]]) -> Callable[[tuple[str, int], list[Any]], None] | None:
        """``check`` for one table's rows as the sheet holds them (cells in column order, blank
        cells '' or None), or None if its columns need the general way (a field twice).

        Does what ``check`` does with the raw row dict, without building it: the columns are
        sorted once into the repeated ones (looked up in the cache), the person's own ones and
        the org — a 50,000-row roll spends most of its preview on this loop."""
        layout = _layout(columns)
        if layout is None:
            return None
        general = self._row_checker(*layout)
        return plain_row_checker(self, *layout, general, Kept) or general

    def _row_checker(self, shared: list[tuple[int, str]], owned: list[tuple[int, str]],
                     org_at: int | None) -> Callable[[tuple[str, int], list[Any]], None]:
        cache, marked, cached, person = self.cache, self.dirty, self._cached, self._person

        def check_row(where: tuple[str, int], cells: list[Any]) -> None:
            values: dict[str, Any] = {}
            problems: list[tuple[str, str]] = []
            dirty = False
            for i, key in shared:
                value = cells[i]
                if value == "" or value is None:
                    continue
                hit = cache.get((key, value))
                if hit is None:
                    hit = cached(key, value)
                if hit.__class__ is dict:
                    values.update(hit)
                else:
                    problems += hit.items
                if marked and (key, value) in marked:
                    dirty = True
            own: dict[str, Any] = {}
            for i, key in owned:
                value = cells[i]
                if value == "" or value is None:
                    continue
                if value.__class__ is str and not value.isascii() and not INVISIBLE.isdisjoint(value):
                    value, dirty = strip_invisible(value), True
                own[key] = value
            org_text = None if org_at is None or (cell := cells[org_at]) == "" or cell is None else cell
            person(where, values, own, problems, org_text, dirty)

        return check_row

    def _person(self, where: tuple[str, int], values: dict[str, Any], own: dict[str, Any],
                problems: list[tuple[str, str]], org_text: Any, dirty: bool) -> None:
        """The row's own values validated together, its ID against the rows before; kept, or a
        Problem. ``dirty``: a cell of the row held invisible characters (the org's name is
        looked at here: counted once per row, the first row with it too)."""
        _own_shapes(own)
        try:
            # the ID-derived birth date and gender win over a 出生日期 column
            values.update(validated(validate_member, own, MEMBER_LABELS))
        except Problem as problem:
            problems += every_problem(validate_member, own, MEMBER_LABELS, problem)
        id_number = values.get("id_number") or _id_or_none(own.get("id_number"))
        first = self.seen.get(id_number) if id_number else None
        if first:
            problems.insert(0, ("身份证号", f"身份证号 {mask_id_number(id_number)} 与{where_text(first, where[0])}重复"))
        elif id_number:
            self.seen[id_number] = where  # a rejected row's ID too: its twin is named now, not after the fix
        if problems or not values.get("name") or not values.get("id_number"):
            self._missing(own, problems)
        if problems:
            self.invisible_rows += dirty
            raise Problem.of(problems)
        if org_text is not None and self._org(values, org_text):
            dirty = True
        self.invisible_rows += dirty
        self.kept.append(Kept(where, values))

    @staticmethod
    def _missing(own: dict[str, Any], problems: list[tuple[str, str]]) -> None:
        """姓名 or 身份证号 left blank, unless already said otherwise (公式未计算, 不能为空)."""
        for name in ("name", "id_number"):
            label = MEMBER_LABELS[name]
            given = own.get(name)
            if (given is None or str(given).strip() == "") and not any(lab == label for lab, _ in problems):
                problems.append((label, f"{label}未填写"))

    def _cached(self, key: str, value: Any) -> dict[str, Any] | Problem:
        """Validated value (or the Problem) of a column whose values repeat (dates, choices,
        flags …), worked out once per distinct value."""
        hit = self.cache.get((key, value))
        if hit is None:
            if value.__class__ is str and has_invisible(value):
                self.dirty.add((key, value))
                hit = self.cache[(key, value)] = self._cached(key, strip_invisible(value))
                return hit
            try:
                if key in DATE_FIELDS:  # mostly distinct values: straight to the date rule
                    hit = {key: member_date(key, value)}
                else:
                    hit = validated(validate_member, pre_clean({key: value}), MEMBER_LABELS)
            except ValueFormatError as exc:
                hit = problem_for(MEMBER_LABELS[key], str(exc))
            except Problem as problem:
                hit = problem
            self.cache[(key, value)] = hit
        return hit

    def _org(self, values: dict[str, Any], text: Any) -> bool:
        """The org named in the row: (name as written, id or None when this import creates it).
        True when the name held invisible characters (taken out)."""
        hit = self.org_cache.get(text)
        if hit is None:
            name = " ".join(str(text).split())
            dirty = has_invisible(name)
            if dirty:
                name = strip_invisible(name)
            key = roll_import.org_name_key(name)
            found_id = self._org_id(key)
            if found_id is None:
                self.new_orgs.setdefault(key, name)
            hit = self.org_cache[text] = (name, found_id, dirty)
        values["org_name"], values["org_id"] = hit[0], hit[1]
        return hit[2]

    def _org_id(self, key: str) -> int | None:
        """An org by its name, by its union's name, or by its name + 工会 (rolls often list the
        member's 工会 rather than the company: 深圳市华美科技有限公司工会)."""
        found = self.orgs.get(key)
        if found:
            return found[0]
        if key in self.union_names:
            return self.union_names[key]
        for suffix in UNION_SUFFIXES:
            found = self.orgs.get(key.removesuffix(suffix)) if key.endswith(suffix) else None
            if found and not found[1]:  # never a 工联会 (东湖社区联合工会 is one, not a company)
                return found[0]
        federation = self.federations.get(roll_import.federation_key(key))
        if federation is not None:
            return federation
        former = self.former.get(key)
        if former is not None:  # named as it was called before its 更名
            self.former_used[key] = former[1:]
            return former[0]
        return None

    def finish(self) -> Sorted:
        out = Sorted()
        existing = roll_import.members_by_id_number(self.store, (k.values["id_number"] for k in self.kept))
        used_orgs: set[str] = set()
        changed = []
        for kept in self.kept:
            values = kept.values
            old = existing.get(values["id_number"])
            if old is None:
                out.new.append((kept.where, values))
            elif old["deleted_at"]:
                out.problems.append((kept.where, Problem(
                    "身份证号", f"身份证号 {mask_id_number(values['id_number'])} 的会员“{old['name']}”在回收站中，请先恢复再导入")))
                continue
            else:
                changes = diff({k: v for k, v in values.items() if k != "org_name"}, old)
                if "org_id" not in changes and values.get("org_name") and values.get("org_id") is None:
                    changes["org_id"] = (old["org_id"], None)  # moves to an org this import creates
                if not changes:
                    out.unchanged += 1
                    continue
                changed.append((kept.where, values, old, changes))
            if values.get("org_id") is None and values.get("org_name"):
                used_orgs.add(roll_import.org_name_key(values["org_name"]))
        out.sort_changes(self.store, "members", changed, getattr(self, "file_saved", ""))
        # orgs only named by rejected or unchanged rows are not created
        self.new_orgs = {k: v for k, v in self.new_orgs.items() if k in used_orgs}
        self.notes = [former_name_note(*names) for names in self.former_used.values()]
        return out
