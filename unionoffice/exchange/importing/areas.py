"""Imports of the honours list, the card office's list, a campaign's contribution list, the
规范化建设 list and the union lists (工会委员名单, 阵地台账, 区域性/行业性合同名单), on ``lists`` (all
or nothing). Orgs are matched by their name today or a former one (更名), which the result notes."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ...core.employment_aid import records as employment
from ...core.fundraising import records as funds
from ...core.honours import records as honours
from ...core.member_card import records as cards
from ...core.store.connection import Store
from ...core.union_standing import records as standing
from .lists import apply_list, import_list, read_list


class ListResult(dict):
    """Counts by result ('new', 'changed', 'same') and, in ``notes``, what the clerk should know:
    orgs matched by a former name, columns not read."""

    def __init__(self, counts: dict[str, int] | None = None, notes: list[str] | None = None):
        super().__init__(counts or {})
        self.notes = list(dict.fromkeys(notes or []))

    def summary(self, unit: str = "条") -> str:
        text = (f"新登记 {self.get('new', 0)} {unit}，更新 {self.get('changed', 0)} {unit}，"
                f"无变化 {self.get('same', 0)} {unit}")
        return text + "".join(f"；{n}" for n in self.notes)

    def honours_summary(self) -> str:
        """What the honours import says, in the window and on the command line alike: the counts,
        then each note (an org found by its former name …) on a line of its own."""
        text = f"已导入荣誉 {self.get('new', 0)} 项，已登记过的 {self.get('same', 0)} 项未重复导入。"
        return text + "".join(f"\n{n}。" for n in self.notes)


class _OrgMatcher:
    """Org ids by the names a list writes (today's or a former one); a former name is noted. The
    register's names are read once per list, not once per row."""

    def __init__(self, store: Store):
        from ...core.imports.rolls import org_keys
        from ...core.orgs.lifecycle import former_name_index

        self.by_key = {key: org_id for key, (org_id, _fed) in org_keys(store).items()}
        self.former = former_name_index(store)
        self.notes: list[str] = []

    def note_former(self, name: Any) -> None:
        """A list that may name orgs off the register (honours): only a former name is noted."""
        from ...core.imports.rolls import org_name_key

        key = org_name_key(name)
        if key and key not in self.by_key and key in self.former:
            self(name)

    def __call__(self, name: Any) -> int:
        from ...core.errors import UserError
        from ...core.imports.rolls import org_name_key
        from ...core.orgs.lifecycle import former_name_note

        text = " ".join(str(name or "").split())
        key = org_name_key(text)
        if key in self.by_key:
            return self.by_key[key]
        if key in self.former:
            org_id, former, current = self.former[key]
            self.notes.append(former_name_note(former, current))
            return org_id
        raise UserError(f"找不到单位“{text}”" if text else "请填写单位名称", field="org_name")


def import_honours(store: Store, path: str | Path) -> ListResult:
    """Honours from a 表彰名单; an honour already registered (same person or org, category, level,
    year) is left as it is. An org named by a former name is linked to it (noted)."""
    match = _OrgMatcher(store)

    def one(row: dict[str, Any]) -> str:
        match.note_former(row.get("org_name"))
        values = honours.validate_honour(store, row, require_year=False)
        if honours.honour_exists(store, values):
            return "same"
        honours.create_honour(store, row)
        return "new"

    table = read_list(path, honours.FIELDS, "荣誉名单")
    counts = apply_list(store, table, honours.FIELDS, one)
    return ListResult(counts, match.notes + table.ignored_note())


def import_cards(store: Store, path: str | Path) -> dict[str, int]:
    """The card office's list (采集 / 制卡): each row onto the member found by 身份证号."""
    def one(row: dict[str, Any]) -> str:
        member = cards.member_by_id_number(store, row.get("id_number"))
        return cards.merge_card(store, member["id"], row)

    return import_list(store, path, cards.FIELDS, "会员服务卡名单", one)


def import_contributions(store: Store, path: str | Path, campaign: Any) -> dict[str, int]:
    """A campaign's 捐款登记表; a receipt number already registered is refused (a double import)."""
    campaign_id = funds.find_campaign(store, campaign)["id"]
    def one(row: dict[str, Any]) -> str:
        funds.add_contribution(store, campaign_id, row)
        return "new"

    return import_list(store, path, funds.CONTRIBUTION_FIELDS, "捐款登记表", one)


def import_trainees(store: Store, path: str | Path, training: Any) -> dict[str, int]:
    """A training's 学员名单 (姓名, 身份证号, 证书) into the training."""
    training_id = employment.find_training(store, training)["id"]
    def one(row: dict[str, Any]) -> str:
        employment.add_trainee(store, training_id, row)
        return "new"

    return import_list(store, path, employment.TRAINEE_FIELDS, "培训学员名单", one)


def import_standing(store: Store, path: str | Path, year: int | None = None) -> ListResult:
    """A yearly 规范化建设 list (单位, 三有, 等级, 厂务公开 …); the year from its 年度 column, else ``year``.
    The unions are matched by name (today's or a former one); blank cells keep what that year holds."""
    from ...core.errors import ValueFormatError

    match = _OrgMatcher(store)

    def one(row: dict[str, Any]) -> str:
        org_id = match(row.get("org_name"))
        text = str(row.get("year") or "").strip().rstrip("年").split(".")[0]
        row_year = int(text) if text.isdigit() else year
        if row_year is None:
            raise ValueFormatError("请填写年度（表中没有年度列时，导入时指定年度）", field="year")
        return standing.merge_standing(store, org_id, row_year, row)

    table = read_list(path, standing.LIST_FIELDS, "基层工会规范化建设情况表")
    counts = apply_list(store, table, standing.LIST_FIELDS, one)
    return ListResult(counts, match.notes + table.ignored_note())


def import_officers(store: Store, path: str | Path) -> ListResult:
    """A 工会委员名单 (单位, 职务, 姓名, 电话, 任职/离任日期): each officer is added to the union, or
    updated when that union already has that person in that role; the same list again changes nothing."""
    match = _OrgMatcher(store)

    def one(row: dict[str, Any]) -> str:
        return standing.merge_officer(store, match(row.get("org_name")), row)

    table = read_list(path, standing.OFFICER_FIELDS, "工会委员名单")
    counts = apply_list(store, table, standing.OFFICER_FIELDS, one)
    return ListResult(counts, match.notes + table.ignored_note())


def import_facilities(store: Store, path: str | Path) -> ListResult:
    """A 职工之家/职工书屋/职工服务点台账 (单位, 类型, 名称, 级别, 建立日期): each row onto the union's
    facility of that kind and name, or added; the same list again changes nothing."""
    match = _OrgMatcher(store)

    def one(row: dict[str, Any]) -> str:
        return standing.merge_facility(store, match(row.get("org_name")), row)

    table = read_list(path, standing.FACILITY_FIELDS, "职工之家、职工书屋、职工服务点台账")
    counts = apply_list(store, table, standing.FACILITY_FIELDS, one)
    return ListResult(counts, match.notes + table.ignored_note())


_ORG_SEPARATORS = re.compile(r"[、，,;；\n\r]+")


def import_agreements(store: Store, path: str | Path) -> ListResult:
    """A list of 区域性/行业性集体合同 and 区域性职代会: one row per agreement naming its orgs in one cell
    (顿号 or commas between), or one row per covered org repeating the agreement; rows of the same
    类型, 名称 and 签订日期 are one agreement. An agreement already registered gains the orgs it lacked."""
    from ...core.errors import ValueFormatError
    from ...core.store.records import date_value, text_value

    match = _OrgMatcher(store)
    table = read_list(path, standing.AGREEMENT_FIELDS, "区域性、行业性集体合同（职代会）名单")
    numbers = {id(row): number for number, row in table.rows}
    groups: dict[tuple[str, str, str], dict[str, Any]] = {}

    def one(row: dict[str, Any]) -> str:
        kind = standing.agreement_kind_value(row.get("kind"))
        name = text_value(row.get("name"))
        if not name:
            raise ValueFormatError("请填写名称", field="name")
        signed = date_value(row.get("signed_date"), "签订日期", "signed_date")
        if not signed:
            raise ValueFormatError("请填写签订（召开）日期", field="signed_date")
        org_names = [n for n in _ORG_SEPARATORS.split(text_value(row.get("org_name"))) if n.strip()]
        if not org_names:
            raise ValueFormatError("请填写覆盖单位", field="org_name")
        ids = [match(n) for n in org_names]
        group = groups.setdefault((kind, name, signed), {"data": {**row, "kind": kind}, "orgs": [], "rows": []})
        group["orgs"] += ids
        group["rows"].append(numbers[id(row)])
        return "read"

    apply_list(store, table, standing.AGREEMENT_FIELDS, one)  # checks every row, writes nothing
    return ListResult(_write_agreements(store, table, groups), match.notes + table.ignored_note())


def _write_agreements(store: Store, table, groups: dict[tuple[str, str, str], dict[str, Any]]) -> dict[str, int]:
    """Each agreement of the list in one transaction; a refused one names its rows and writes nothing."""
    from ...core.errors import UserError

    counts: dict[str, int] = {}
    problems: list[str] = []
    with store.atomic():
        for (kind, name, _signed), group in groups.items():
            try:
                result = standing.merge_agreement(store, group["data"], group["orgs"])
            except UserError as exc:
                rows = "、".join(f"第{n}行" for n in group["rows"])
                problems.append(f"{rows}（{kind}“{name}”）：{exc}")
                continue
            counts[result] = counts.get(result, 0) + 1
        if problems:
            raise UserError(f"{table.path.name} 工作表“{table.sheet}”有 {len(problems)} 项无法导入，"
                            f"未导入任何记录：{'；'.join(problems)}")
    return counts


def import_placements(store: Store, path: str | Path) -> dict[str, int]:
    """A 实现就业登记表; a person already registered with the same employer and date is not added twice."""
    def one(row: dict[str, Any]) -> str:
        values = employment.validate_placement(store, row)
        if employment.placement_exists(store, values):
            return "same"
        employment.add_placement(store, row)
        return "new"

    return import_list(store, path, employment.PLACEMENT_FIELDS, "实现就业登记表", one)
