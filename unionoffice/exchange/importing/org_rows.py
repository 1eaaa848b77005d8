"""Row by row checks of an imported 单位台账: the org side of ``rows`` (see its docstring).

Orgs are keyed by 统一社会信用代码 when given, else by 单位名称; beyond core's checks the ledger's
own ways of writing things are read here (是否建会, a chair's phone in the chair's cell, 所属社区
from a 社区 sheet's name, federations recognised by name or by being named).
"""

from __future__ import annotations

from typing import Any, Sequence

from ...core.orgs import values as org_values
from ...core.imports import rolls as roll_import
from ...core.imports.rolls import federation_key
from ...core.errors import ValueFormatError
from ...core.orgs.lifecycle import former_name_index, former_name_note
from ...core.orgs.records import ORG_FIELDS, completes, validate_org
from ...core.values import names
from ...core.store.connection import Store
from . import org_cells
from .rows import Kept, Problem, Sorted, diff, every_problem, pre_clean, problem_for, validated, where_text

ORG_LABELS = {f.name: f.label for f in ORG_FIELDS}


def _clean_or_none(value: Any) -> str:
    try:
        return org_values.clean_name(value)
    except ValueFormatError:
        return ""


class OrgRows:
    """Checks 单位台账 rows: keyed by 统一社会信用代码 when given, else by 单位名称.

    Beyond core's checks: 是否建会 against 建会方式, '是' with a 工联会 named is 联合建会, the
    chair's phone split from the chair's cell, 所属社区 from a 社区 sheet's name, 女职工/农民工
    against the 职工人数 the org will have, and federations recognised by name or by being named.
    """

    kind = "orgs"

    def __init__(self, store: Store):
        self.store = store
        self.live = roll_import.live_orgs(store)
        self.by_code = {o["credit_code"]: o for o in self.live if o["credit_code"]}
        self.by_name = {roll_import.org_name_key(o["name"]): o for o in self.live}
        self.by_fed_key = {federation_key(o["name"]): o for o in self.live}
        self.former = former_name_index(store)  # names before a 更名 still find the org
        self.former_used: list[str] = []
        self.seen_codes: dict[str, tuple[str, int]] = {}
        self.seen_names: dict[str, tuple[str, int]] = {}
        self.kept: list[Kept] = []
        self.new_orgs: dict[str, str] = {}  # federations named by rows, to be created
        self.listed: tuple[set[str], set[str]] = (set(), set())  # name keys, codes of every row, bad ones too
        self.communities: set[str] = set()
        self.notes: list[str] = []
        self.changed: list = []  # (where, values, old row, changes) of rows that change an org

    def check(self, where: tuple[str, int], raw: dict[str, Any], found: Sequence[tuple[str, str]] = ()) -> None:
        """Keep the row, or raise a Problem listing all that is wrong with it (a duplicate first)."""
        self._list(raw)
        problems = list(found)
        federation = raw.pop("federation_id", None)
        has_union = raw.pop("has_union", None)
        try:
            federation = org_cells.prepare(raw, federation, where[0])
        except ValueFormatError as exc:
            problems += problem_for(ORG_LABELS.get(exc.field or "", ""), str(exc)).items
        covered = org_values.is_covered_word(raw.get("union_mode"))
        cleaned = pre_clean(raw)
        try:
            values = validated(validate_org, cleaned, ORG_LABELS)
        except Problem as problem:
            problems += every_problem(validate_org, cleaned, ORG_LABELS, problem)
            values = {}
        if org_cells.reader_blank(raw.get("name")) and not any(label == "单位名称" for label, _ in problems):
            problems.append(("单位名称", "单位名称未填写"))
        key = roll_import.org_name_key(values.get("name") or _clean_or_none(raw.get("name")))
        code = values.get("credit_code") or self._code_or_none(raw.get("credit_code"))
        twins: list[tuple[str, str]] = []
        named: set[tuple[str, int]] = set()
        for seen, value, label in ((self.seen_codes, code, "统一社会信用代码"), (self.seen_names, key, "单位名称")):
            if value and value in seen and seen[value] not in named:  # one twin row named once
                named.add(seen[value])
                twins.append((label, f"{label}与{where_text(seen[value], where[0])}重复"))
        problems[:0] = twins
        if code:
            self.seen_codes.setdefault(code, where)
        if key:
            self.seen_names.setdefault(key, where)
        if not problems:
            try:
                self._union(values, has_union, covered, federation)
            except Problem as problem:
                problems += problem.items
        if problems:
            raise Problem.of(problems)
        org_cells.derive_expiry(values)
        if values.get("community"):
            self.communities.add(values["community"])
        self.kept.append(Kept(where, values))

    @staticmethod
    def _code_or_none(value: Any) -> str | None:
        try:
            return org_values.parse_credit_code(value) or None
        except ValueFormatError:
            return None

    def _list(self, raw: dict[str, Any]) -> None:
        """Remember every org the sheet names, rejected rows too: those are not 'left out'."""
        self.listed[0].add(roll_import.org_name_key(raw.get("name")))
        try:
            code = org_values.parse_credit_code(raw.get("credit_code"))
        except ValueFormatError:
            return
        if code:
            self.listed[1].add(code)

    def _union(self, values: dict[str, Any], has_union: Any, covered: bool, federation: Any) -> None:
        """建会方式 from 建会方式 and/or 是否建会; a 所属工联会 makes an unspecific 是 联合建会."""
        given = "union_mode" in values
        if has_union is not None:
            try:
                has = org_values.normalize_union_mode(has_union)
            except ValueFormatError:
                raise Problem("是否建会", f"是否建会“{str(has_union).strip()}”无法识别，应填“是”或“否”") from None
            if not given:
                values["union_mode"], covered, given = has, org_values.is_covered_word(has_union), True
            elif (has == "未建会") != (values["union_mode"] == "未建会"):
                raise Problem("建会方式", f"是否建会填的是“{str(has_union).strip()}”，建会方式却是"
                                      f"“{values['union_mode']}”，请核对")
        if federation is None or org_cells.reader_blank(federation):
            return
        if not given or covered or values["union_mode"] == "联合建会":
            try:
                name = org_values.clean_name(federation)
            except ValueFormatError as exc:
                raise Problem("所属工联会", str(exc).replace("单位名称", "所属工联会")) from None
            if roll_import.org_name_key(name) == roll_import.org_name_key(values["name"]):
                raise Problem("所属工联会", "所属工联会不能是本单位自己")
            values["union_mode"], values["federation_name"] = "联合建会", name

    def _match(self, values: dict[str, Any]) -> dict[str, Any] | None:
        """The existing org this row describes; Problem when code and name point at two orgs."""
        key = roll_import.org_name_key(values["name"])
        by_code = self.by_code.get(values.get("credit_code") or "")
        by_name = self.by_name.get(key)
        if by_name is None and key in self.former:
            by_name = self._by_former(values, key, by_code)
        if by_code and by_name and by_code["id"] != by_name["id"]:
            raise Problem("单位名称", f"已有名为“{by_name['name']}”的单位，其信用代码与本行不同，请核对")
        if by_name and not by_code and values.get("credit_code") and by_name["credit_code"]:
            raise Problem("统一社会信用代码",
                          f"单位“{by_name['name']}”已登记信用代码 {by_name['credit_code']}，与本行不同，请核对")
        return by_code or by_name

    def _by_former(self, values: dict[str, Any], key: str, by_code: dict[str, Any] | None) -> dict[str, Any] | None:
        """The org the row names by its name before a 更名: today's name is kept (the ledger is older
        than the rename; what the clerk recorded is not undone)."""
        org_id, former, current = self.former[key]
        if by_code is not None and by_code["id"] != org_id:
            return None  # the code names another org: the code wins, as without the former name
        values["name"] = current
        values["name_pinyin"], values["name_initials"] = names.pinyin_keys(current)
        self.former_used.append(former_name_note(former, current))
        return next(o for o in self.live if o["id"] == org_id)

    @staticmethod
    def _counts(values: dict[str, Any], old: dict[str, Any] | None) -> None:
        """女职工/农民工 never more than the 职工人数 the org will have (this row's, or the one on file)."""
        workers = values.get("workers", old["workers"] if old else None)
        for key, label in (("women_workers", "女职工人数"), ("migrant_workers", "农民工人数")):
            count = values.get(key)
            if count is None:
                if old and "workers" in values and old[key] > values["workers"]:
                    raise Problem("职工人数", f"职工人数（{values['workers']}）少于已登记的{label}（{old[key]}），"
                                         f"请在表中一并填写{label}")
            elif workers is None and count > 0:
                raise Problem(label, f"填了{label} {count}，职工人数却没有填，请补上职工人数")
            elif workers is not None and count > workers:
                raise Problem(label, f"{label}（{count}）不能多于职工人数（{workers}）")

    @staticmethod
    def _as_federation(values: dict[str, Any], old: dict[str, Any] | None, named: bool) -> None:
        """A row other rows name as their 工联会, or a new one named like one (…工会联合会), is a federation.

        A federation is a union in its own right (独立建会), never covered by another: a 所属工联会
        on its row (the 街道总工会 above it) is not a link to keep.
        """
        was = bool(old and old["is_federation"])
        if not (was or named or old is None and org_values.looks_like_federation(values["name"])):
            return
        if values.pop("federation_name", None) and values.get("union_mode") == "联合建会":
            values["union_mode"] = "独立建会"
        if was:
            return
        values["is_federation"] = 1
        kind = org_values.federation_kind_of(values["name"])
        if kind and not (old and old["federation_kind"]):
            values.setdefault("federation_kind", kind)
        if old is None:
            values.setdefault("union_mode", "独立建会")

    def _federation(self, values: dict[str, Any], file_names: dict[str, str]) -> None:
        """Resolve the 所属工联会: an org on file, a row of this sheet, or one to create."""
        name = values.get("federation_name")
        if not name:
            return
        key = federation_key(name)
        found = self.by_fed_key.get(key)
        if found is not None:
            if not found["is_federation"] and key not in file_names:
                raise Problem("所属工联会", f"所属工联会“{name}”在单位台账中不是工联会，请核对")
            values["federation_id"] = found["id"]
            del values["federation_name"]
        elif key in file_names:
            values["federation_name"] = file_names[key]  # as that row spells it (工联会 / 工会联合会)
        else:  # the first spelling met names the new federation; the others point at it
            values["federation_name"] = self.new_orgs.setdefault(key, name)

    def finish(self) -> Sorted:
        out = Sorted()
        matched = []
        for kept in self.kept:
            try:
                old = self._match(kept.values)
                self._counts(kept.values, old)
            except Problem as problem:
                out.problems.append((kept.where, problem))
            else:
                matched.append((kept, old))
        file_names = {federation_key(k.values["name"]): k.values["name"] for k, _ in matched}
        fed_keys = {federation_key(k.values["federation_name"]) for k, _ in matched if k.values.get("federation_name")}
        dropped: set[str] = set()
        for kept, old in matched:
            values = kept.values
            self._as_federation(values, old, federation_key(values["name"]) in fed_keys)
            try:
                self._federation(values, file_names)
            except Problem as problem:
                out.problems.append((kept.where, problem))
                dropped.add(federation_key(values["name"]))
                continue
            self._sort(out, kept, old)
        out.sort_changes(self.store, "orgs", self.changed, getattr(self, "file_saved", ""))
        self._orphans(out, dropped)
        self.notes = list(dict.fromkeys(self.former_used)) + self._left_out()
        return out

    def _sort(self, out: Sorted, kept: Kept, old: dict[str, Any] | None) -> None:
        values = kept.values
        if old is None:
            out.new.append((kept.where, values))
            return
        changes = diff({k: v for k, v in values.items() if k != "federation_name"}, old)
        if values.get("federation_name"):
            changes["federation_id"] = (old["federation_id"], None)
        if old["needs_completion"] and completes(values, old["workers"]):
            changes["needs_completion"] = (1, 0)  # the ledger gives what the member roll could not
        mode = values.get("union_mode", old["union_mode"])
        if mode != "联合建会" and old["federation_id"] is not None:
            changes["federation_id"] = (old["federation_id"], None)  # only 联合建会 has a 工联会
        if changes:
            self.changed.append((kept.where, values, old, changes))
        else:
            out.unchanged += 1

    def _orphans(self, out: Sorted, dropped: set[str]) -> None:
        """A federation whose own row was refused late is still created for the rows naming it."""
        for _, values, *_ in [*out.new, *out.updates]:
            name = values.get("federation_name")
            if name and federation_key(name) in dropped:
                values["federation_name"] = self.new_orgs.setdefault(federation_key(name), name)

    def _left_out(self) -> list[str]:
        """Orgs of the sheet's 社区 the office has but the sheet doesn't list (closed, renamed?)."""
        keys, codes = self.listed
        keys = keys | {roll_import.org_name_key(self.former[k][2]) for k in keys if k in self.former}
        absent = [o["name"] for o in self.live if not o["is_federation"] and o["community"] in self.communities
                  and roll_import.org_name_key(o["name"]) not in keys and (o["credit_code"] or "") not in codes]
        if not absent:
            return []
        shown = "、".join(sorted(absent)[:10]) + (f" 等 {len(absent)} 个" if len(absent) > 10 else "")
        return [f"系统中已有、本次台账没有列出的单位 {len(absent)} 个（只看{'、'.join(sorted(self.communities))}）：{shown}。"
                "它们可能已注销、迁出或改了名称——没有信用代码的单位改名后按名称对不上，会作为新单位导入，"
                "旧名称的记录仍在，请在“单位”页核对后删除"]
