"""Hardship files (困难职工档案): one file per person (一户一档), reviewed at least yearly.

A file belongs to a member of the roll (``member_id``) or to a worker who is not on it (name, 身份证号
and employer typed in). The person's 身份证号 is copied onto the file so that 一户一档 holds in the
database (a unique index) for both kinds. The bank account is stored in full, because the bank
transfer needs it, and masked wherever it is shown or printed (``mask_account``).

Lists, search and the review calendar are in ``hardship_query``.
"""

from __future__ import annotations

import json
import unicodedata
from datetime import date
from typing import Any, Callable, Iterable, Sequence

from ..values import dates, names, phones
from ..errors import UserError, ValueFormatError
from ..values.ids import id_gender, normalize_id_number
from ..values.money import format_money, parse_money
from ..store.records import (
    Field,
    as_dict,
    choice_value,
    insert_row,
    restore_deleted,
    soft_delete,
    text_value,
    update_row,
)
from ..store.connection import Store

LEVELS = ("市", "区", "街道")
STATUSES = ("在档", "脱困", "撤档")
CLOSED_STATUSES = ("脱困", "撤档")
CAUSES = ("本人大病", "家属大病", "子女上学", "残疾", "单亲", "下岗失业", "工伤", "意外灾害", "低收入", "其他")
MAX_OTHER_CAUSES = 3
DEFAULT_CATEGORIES = ("深度困难", "相对困难", "意外致困")
CATEGORIES_SETTING = "hardship_categories"
# Suggestions for the form's editable combo boxes; any text is accepted.
HEALTH_CHOICES = ("健康", "慢性病", "重大疾病", "残疾", "长期患病")
HOUSING_CHOICES = ("自有住房", "租住", "公租房", "借住", "单位宿舍", "无固定住所")
RELATIONS = ("本人", "配偶", "子女", "父亲", "母亲", "岳父", "岳母", "公公", "婆婆", "兄弟姐妹", "孙子女", "其他")
MAX_HOUSEHOLD = 30

HARDSHIP_FIELDS: tuple[Field, ...] = (
    Field("file_no", "档案编号"),
    Field("name", "姓名", required=True),
    Field("gender", "性别", "choice", ("男", "女")),
    Field("id_number", "身份证号", required=True),
    Field("org_id", "工作单位", "ref"),
    Field("org_name", "工作单位（未登记单位）"),
    Field("phone", "联系电话"),
    Field("category", "困难类别", "choice", required=True),
    Field("level", "建档层级", "choice", LEVELS, required=True),
    Field("main_cause", "主要致困原因", "choice", CAUSES, required=True),
    Field("other_causes", "其他致困原因"),
    Field("household_size", "家庭人口", "int", required=True),
    Field("household_income", "家庭月收入", "money"),
    Field("per_capita_income", "月人均收入", "money"),
    Field("health", "健康状况"),
    Field("housing", "住房"),
    Field("household", "家庭成员"),
    Field("bank_name", "收款银行"),
    Field("bank_branch", "开户行"),
    Field("bank_account", "银行账号"),
    Field("filed_by", "建档人"),
    Field("checked_by", "审核人"),
    Field("filed_date", "建档日期", "date", required=True),
    Field("last_review_date", "上次复核日期", "date"),
    Field("status", "状态", "choice", STATUSES),
    Field("status_date", "状态日期", "date"),
    Field("status_reason", "状态原因"),
    Field("notes", "备注"),
)
LABELS = {f.name: f.label for f in HARDSHIP_FIELDS}

# Fields a clerk edits; the person fields come from the member when the file is linked to one.
_EDITABLE = tuple(f.name for f in HARDSHIP_FIELDS if f.name not in ("per_capita_income", "status", "status_date",
                                                                   "status_reason")) + ("member_id",)


# ------------------------------------------------------------------ helpers


def per_capita_income(household_income: int, household_size: int) -> int:
    """月人均收入 in fen: income / people, rounded half up (the database checks the same formula)."""
    if household_size < 1:
        raise ValueFormatError("家庭人口至少 1 人", field="household_size")
    return (household_income * 2 + household_size) // (household_size * 2)


def mask_account(account: str | None) -> str:
    """'**** **** 1234': only the last 4 digits of a bank account are ever shown."""
    text = "".join(str(account or "").split())
    if not text:
        return ""
    return "**** **** " + text[-4:] if len(text) > 4 else "*" * len(text)


def categories(store: Store) -> list[str]:
    """困难类别 in the order the office set them (settings), default 深度困难/相对困难/意外致困."""
    raw = store.get_setting(CATEGORIES_SETTING)
    if raw:
        try:
            values = [str(v) for v in json.loads(raw) if str(v).strip()]
            if values:
                return values
        except (ValueError, TypeError):
            pass
    return list(DEFAULT_CATEGORIES)


def set_categories(store: Store, values: Sequence[str]) -> None:
    """Replace the list of 困难类别; a category still used by a file on record cannot be removed."""
    cleaned: list[str] = []
    for value in values:
        text = "".join(str(value or "").split())
        if text and text not in cleaned:
            cleaned.append(text)
    if not cleaned:
        raise ValueFormatError("困难类别至少要有一项", field="category")
    with store.atomic():
        for old in categories(store):
            if old in cleaned:
                continue
            used = store.scalar("SELECT count(*) FROM hardship_files WHERE category = ? AND deleted_at IS NULL", (old,))
            if used:
                raise ValueFormatError(f"困难类别“{old}”还有 {used} 份档案在用，不能删除", field="category")
        store.set_setting(CATEGORIES_SETTING, json.dumps(cleaned, ensure_ascii=False))




def _code(value: Any) -> str:
    """Digits and codes: full-width → half-width (NFKC), trimmed."""
    return unicodedata.normalize("NFKC", text_value(value))




def _other_causes(value: Any) -> list[str]:
    if value is None or value == "":
        return []
    items = value if isinstance(value, (list, tuple)) else text_value(value).replace("，", "、").replace(",", "、").split("、")
    out: list[str] = []
    for item in items:
        text = "".join(text_value(item).split())
        if not text:
            continue
        if text not in CAUSES:
            raise ValueFormatError(f"致困原因“{text}”无法识别，应为：{'、'.join(CAUSES)}", field="other_causes")
        if text not in out:
            out.append(text)
    if len(out) > MAX_OTHER_CAUSES:
        raise ValueFormatError(f"其他致困原因最多选 {MAX_OTHER_CAUSES} 项", field="other_causes")
    return out


def _household_size(value: Any) -> int:
    try:
        size = int(_code(value))
    except ValueError:
        raise ValueFormatError(f"家庭人口“{text_value(value)}”应为整数", field="household_size") from None
    if not 1 <= size <= MAX_HOUSEHOLD:
        raise ValueFormatError(f"家庭人口应在 1–{MAX_HOUSEHOLD} 人之间", field="household_size")
    return size


def _bank_account(value: Any) -> str:
    text = "".join(_code(value).split()).replace("-", "")
    if not text:
        return ""
    if not text.isdigit() or not 8 <= len(text) <= 30:
        raise ValueFormatError("银行账号应为 8–30 位数字", field="bank_account")
    return text


def _household_member(index: int, item: Any) -> dict[str, Any]:
    """One row of the 家庭成员 table, normalised; errors name the row."""
    if not isinstance(item, dict):
        raise ValueFormatError(f"家庭成员第 {index} 行格式不对", field="household")
    row = {key: text_value(item.get(key)) for key in ("name", "relation", "occupation", "health")}
    row["name"] = "".join(row["name"].split())
    if not row["name"]:
        raise ValueFormatError(f"家庭成员第 {index} 行：请填写姓名", field="household")
    if not row["relation"]:
        raise ValueFormatError(f"家庭成员第 {index} 行（{row['name']}）：请填写与本人关系", field="household")
    birth = item.get("birth_date")
    try:
        row["birth_date"] = dates.to_iso(birth) or ""
    except ValueFormatError as exc:
        raise ValueFormatError(f"家庭成员第 {index} 行（{row['name']}）出生日期：{exc}", field="household") from None
    age = _code(item.get("age"))
    if row["birth_date"]:
        born = date.fromisoformat(row["birth_date"])
        today = dates.today()
        row["age"] = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
    elif age:
        if not age.isdigit() or not 0 <= int(age) <= 120:
            raise ValueFormatError(f"家庭成员第 {index} 行（{row['name']}）：年龄应为 0–120 的整数", field="household")
        row["age"] = int(age)
    else:
        row["age"] = None
    return row


def _household(value: Any) -> list[dict[str, Any]]:
    if value in (None, ""):
        return []
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            raise ValueFormatError("家庭成员表格式不对", field="household") from None
    if not isinstance(value, (list, tuple)):
        raise ValueFormatError("家庭成员表格式不对", field="household")
    return [_household_member(i, item) for i, item in enumerate(value, start=1)]


# ------------------------------------------------------------------ validation


def validate_hardship(store: Store, data: dict[str, Any]) -> dict[str, Any]:
    """Normalise the fields present in ``data``; raise ValueFormatError naming the field."""
    out: dict[str, Any] = {}
    for key, value in data.items():
        if key == "name":
            out.update(_name_fields(value))
        elif key in _NORMALISERS:
            out[key] = _NORMALISERS[key](store, key, value)
        elif key in _EDITABLE:
            out[key] = text_value(value)
        else:
            raise ValueFormatError(f"困难档案没有“{key}”这一项", field=key)
    return out


def _name_fields(value: Any) -> dict[str, Any]:
    text = "".join(text_value(value).split())
    if not text:
        raise ValueFormatError("姓名不能为空", field="name")
    pinyin, initials = names.pinyin_keys(text)
    return {"name": text, "name_pinyin": pinyin, "name_initials": initials}


def _choice(options: Any) -> Callable[[Store, str, Any], str]:
    """A normaliser for a field with fixed choices (a callable gives the office's own list)."""
    def normalise(store: Store, key: str, value: Any) -> str:
        choices = options(store) if callable(options) else options
        return choice_value(value, choices, LABELS.get(key, key), key)
    return normalise


def _gender(store: Store, key: str, value: Any) -> str:
    return _choice(("男", "女"))(store, key, value) if text_value(value) else ""


def _optional_id(_store: Store, _key: str, value: Any) -> int | None:
    return int(value) if value not in (None, "") else None


# field → normaliser(store, field, value); fields not listed are free text or refused.
_NORMALISERS: dict[str, Callable[[Store, str, Any], Any]] = {
    "id_number": lambda _s, _k, v: normalize_id_number(v),
    "gender": _gender,
    "phone": lambda _s, _k, v: phones.normalize_phone(v),
    "category": _choice(categories),
    "level": _choice(LEVELS),
    "main_cause": _choice(CAUSES),
    "other_causes": lambda _s, _k, v: "、".join(_other_causes(v)),
    "household_size": lambda _s, _k, v: _household_size(v),
    "household_income": lambda _s, _k, v: _income(v),
    "household": lambda _s, _k, v: json.dumps(_household(v), ensure_ascii=False),
    "bank_account": lambda _s, _k, v: _bank_account(v),
    "filed_date": lambda _s, k, v: _date(v, k),
    "last_review_date": lambda _s, k, v: _date(v, k),
    "member_id": _optional_id,
    "org_id": _optional_id,
    "file_no": lambda _s, _k, v: "".join(_code(v).split()),
}


def _income(value: Any) -> int:
    if value in (None, ""):
        return 0
    try:
        fen = parse_money(value)
    except ValueFormatError as exc:
        raise ValueFormatError(f"家庭月收入：{exc}", field="household_income") from None
    if fen < 0:
        raise ValueFormatError("家庭月收入不能为负数", field="household_income")
    return fen


def _date(value: Any, field: str) -> str | None:
    try:
        return dates.to_iso(value) or None
    except ValueFormatError as exc:
        raise ValueFormatError(f"{LABELS[field]}：{exc}", field=field) from None


def _check_whole(store: Store, row: dict[str, Any], own_id: int | None) -> None:
    """Rules across fields, checked on the record as it will be saved."""
    for f in HARDSHIP_FIELDS:
        if f.required and row.get(f.name) in (None, ""):
            raise ValueFormatError(f"请填写{f.label}", field=f.name)
    causes = [c for c in row.get("other_causes", "").split("、") if c]
    if row["main_cause"] in causes:
        raise ValueFormatError(f"“{row['main_cause']}”已是主要原因，不必再列为其他原因", field="other_causes")
    others = [m for m in json.loads(row.get("household") or "[]") if m["relation"] != "本人"]
    if len(others) + 1 > row["household_size"]:
        raise ValueFormatError(f"家庭人口 {row['household_size']} 人少于家庭成员表所列（{len(others)} 人加本人）",
                               field="household_size")
    if row.get("last_review_date") and row["last_review_date"] < row["filed_date"]:
        raise ValueFormatError("上次复核日期早于建档日期", field="last_review_date")
    if row["filed_date"] > dates.today().isoformat():
        raise ValueFormatError("建档日期晚于今天，请核对", field="filed_date")
    if not row.get("org_id") and not row.get("org_name") and not row.get("member_id"):
        raise ValueFormatError("请填写工作单位", field="org_id")
    _check_one_per_person(store, row["id_number"], own_id)
    if row.get("file_no"):
        clash = store.one("SELECT id FROM hardship_files WHERE file_no = ? AND id <> ?", (row["file_no"], own_id or 0))
        if clash:
            raise ValueFormatError(f"档案编号 {row['file_no']} 已被使用", field="file_no")


def _check_one_per_person(store: Store, id_number: str, own_id: int | None) -> None:
    row = store.one("SELECT id, file_no, name FROM hardship_files WHERE id_number = ? AND deleted_at IS NULL AND id <> ?",
                    (id_number, own_id or 0))
    if row:
        raise ValueFormatError(f"{row['name']}（身份证号 {id_number}）已有困难档案 {row['file_no']}，一户一档，不能重复建档",
                               field="id_number")


def _fill_person(store: Store, values: dict[str, Any]) -> None:
    """Link to the member by member_id or by 身份证号, and take the person fields from the roll."""
    member_id = values.get("member_id")
    if member_id is None and values.get("id_number"):
        found = store.one("SELECT id FROM members WHERE id_number = ? AND deleted_at IS NULL", (values["id_number"],))
        member_id = found["id"] if found else None
    if member_id is None:
        if values.get("id_number"):
            values["gender"] = _gender_from_id(values["id_number"], values.get("gender"))
        return
    member = store.one("SELECT * FROM members WHERE id = ? AND deleted_at IS NULL", (member_id,))
    if member is None:
        raise ValueFormatError("所选会员不存在或已删除", field="member_id")
    if not member["id_number"]:
        raise ValueFormatError(f"会员“{member['name']}”没有身份证号，请先在会员名册中补全", field="id_number")
    if values.get("id_number") and values["id_number"] != member["id_number"]:
        raise ValueFormatError("身份证号与所选会员不符", field="id_number")
    values.update(member_id=member_id, name=member["name"], id_number=member["id_number"],
                  gender=member["gender"], org_id=member["org_id"], name_pinyin=member["name_pinyin"],
                  name_initials=member["name_initials"])
    values.setdefault("phone", member["phone"])
    values.setdefault("org_name", "")


def _gender_from_id(id_number: str, typed: str | None) -> str:
    derived = id_gender(id_number)
    if typed and typed != derived:
        raise ValueFormatError(f"性别“{typed}”与身份证号不符（身份证号显示为{derived}）", field="gender")
    return derived


def _next_file_no(store: Store, filed_date: str) -> str:
    """档案编号 year-sequence (2026-0001); numbers of files in the recycle bin are not reused."""
    year = filed_date[:4]
    last = store.scalar(
        "SELECT max(CAST(substr(file_no, 6) AS INTEGER)) FROM hardship_files WHERE file_no GLOB ?",
        (f"{year}-[0-9]*",),
    )
    return f"{year}-{(last or 0) + 1:04d}"


# ------------------------------------------------------------------ writing


def create_hardship_file(store: Store, data: dict[str, Any]) -> int:
    """File a worker in difficulty; returns the new file's id. ``filed_date`` defaults to today."""
    values = validate_hardship(store, {"filed_date": dates.today(), **data})
    values.setdefault("household_income", 0)
    values.setdefault("other_causes", "")
    values.setdefault("household", "[]")
    with store.atomic():
        _fill_person(store, values)
        if values.get("org_id") is not None:
            _check_org(store, values["org_id"])
        row = {**values}
        _check_whole(store, row, None)
        values["per_capita_income"] = per_capita_income(values["household_income"], values["household_size"])
        values["file_no"] = values.get("file_no") or _next_file_no(store, values["filed_date"])
        return insert_row(store, "hardship_files", values)


def update_hardship_file(store: Store, file_id: int, changes: dict[str, Any]) -> None:
    """Change fields of a file (closed files too, e.g. to correct a typo); derived fields follow."""
    values = validate_hardship(store, changes)
    with store.atomic():
        current = _get_row(store, file_id)
        if values.get("member_id") is not None:
            _fill_person(store, values)  # (re)linked to a member: the roll provides the person
        elif current["member_id"] and "member_id" not in values and set(values) & {"name", "id_number", "gender"}:
            raise ValueFormatError("该档案关联了会员，姓名、身份证号、性别请在会员名册中修改", field="name")
        elif "id_number" in values or "gender" in values:
            values["gender"] = _gender_from_id(values.get("id_number", current["id_number"]),
                                               values.get("gender") or None)
        if values.get("org_id") is not None:
            _check_org(store, values["org_id"])
        row = {**current, **values}
        _check_whole(store, row, file_id)
        values["per_capita_income"] = per_capita_income(row["household_income"], row["household_size"])
        update_row(store, "hardship_files", file_id, values)


def _check_org(store: Store, org_id: int) -> None:
    row = store.one("SELECT deleted_at FROM orgs WHERE id = ?", (org_id,))
    if row is None or row["deleted_at"] is not None:
        raise ValueFormatError("所选单位不存在或已删除", field="org_id")


def _get_row(store: Store, file_id: int) -> dict[str, Any]:
    row = as_dict(store.one("SELECT * FROM hardship_files WHERE id = ?", (file_id,)))
    if row is None:
        raise UserError("困难档案不存在")
    return row


def close_file(store: Store, file_id: int, status: str, on: Any, reason: str) -> None:
    """在档 → 脱困 or 撤档, with date and reason. The file stays readable (and in lists with that status)."""
    status = choice_value(status, CLOSED_STATUSES, LABELS.get("status", "status"), "status")
    day = _date(on, "status_date")
    if not day:
        raise ValueFormatError(f"请填写{status}日期", field="status_date")
    if not text_value(reason):
        raise ValueFormatError(f"请填写{status}原因", field="status_reason")
    with store.atomic():
        current = _get_row(store, file_id)
        if current["status"] != "在档":
            raise ValueFormatError(f"档案 {current['file_no']} 已是“{current['status']}”", field="status")
        if day < current["filed_date"]:
            raise ValueFormatError(f"{status}日期早于建档日期", field="status_date")
        update_row(store, "hardship_files", file_id,
                   {"status": status, "status_date": day, "status_reason": text_value(reason)})


def reopen_file(store: Store, file_id: int, on: Any, reason: str) -> None:
    """Back to 在档 (the same person falls into difficulty again: 一户一档 keeps the old file)."""
    day = _date(on, "status_date")
    if not day or not text_value(reason):
        raise ValueFormatError("恢复在档须填写日期和原因", field="status_reason")
    with store.atomic():
        current = _get_row(store, file_id)
        if current["status"] == "在档":
            raise ValueFormatError(f"档案 {current['file_no']} 已在档", field="status")
        update_row(store, "hardship_files", file_id, {"status": "在档", "status_date": day,
                                                      "status_reason": f"恢复在档：{text_value(reason)}"})


def delete_hardship_files(store: Store, ids: Iterable[int]) -> int:
    """To the recycle bin (回收站). A file with assistance paid stays on record: close it instead."""
    ids = list(ids)
    with store.atomic():
        for file_id in ids:
            paid = store.one("SELECT h.file_no, count(a.id) AS n FROM hardship_files h JOIN assistance a "
                             "ON a.hardship_file_id = h.id AND a.deleted_at IS NULL WHERE h.id = ?", (file_id,))
            if paid and paid["n"]:
                raise UserError(f"档案 {paid['file_no']} 已有 {paid['n']} 笔帮扶记录，不能删除；如已脱困请改为“脱困”或“撤档”")
        return soft_delete(store, "hardship_files", ids)


def restore_hardship_files(store: Store, ids: Iterable[int]) -> int:
    def conflict(file_id: int) -> None:
        _check_one_per_person(store, _get_row(store, file_id)["id_number"], file_id)

    return restore_deleted(store, "hardship_files", ids, conflict)


def purge_hardship_files(store: Store, ids: Iterable[int]) -> int:
    """Empty the recycle bin for these files (only ones already in it, with no assistance rows)."""
    with store.atomic():
        n = 0
        for file_id in ids:
            if store.scalar("SELECT count(*) FROM assistance WHERE hardship_file_id = ?", (file_id,)):
                raise UserError("该档案有帮扶记录，不能彻底删除")
            if store.scalar("SELECT deleted_at FROM hardship_files WHERE id = ?", (file_id,)) is None:
                continue
            store.execute("DELETE FROM hardship_reviews WHERE file_id = ?", (file_id,))
            n += store.execute("DELETE FROM hardship_files WHERE id = ?", (file_id,)).rowcount
    return n


# ------------------------------------------------------------------ reviews


def add_review(store: Store, file_id: int, *, review_date: Any, reviewer: str, notes: str = "",
               changes: dict[str, Any] | None = None) -> int:
    """Record a yearly review (复核); ``changes`` are applied to the file and summarised on the review."""
    day = _date(review_date, "last_review_date")
    if not day:
        raise ValueFormatError("请填写复核日期", field="review_date")
    if not text_value(reviewer):
        raise ValueFormatError("请填写复核人", field="reviewer")
    if day > dates.today().isoformat():
        raise ValueFormatError("复核日期晚于今天，请核对", field="review_date")
    with store.atomic():
        before = _get_row(store, file_id)
        if before["status"] != "在档":
            raise UserError(f"档案 {before['file_no']} 已{before['status']}，不再复核")
        if day < before["filed_date"]:
            raise ValueFormatError("复核日期早于建档日期", field="review_date")
        update_hardship_file(store, file_id, {**(changes or {}), "last_review_date": day})
        summary = describe_changes(before, _get_row(store, file_id))
        return insert_row(store, "hardship_reviews", {"file_id": file_id, "review_date": day,
                                                      "reviewer": text_value(reviewer), "notes": text_value(notes),
                                                      "changes": summary})


def describe_changes(before: dict[str, Any], after: dict[str, Any]) -> str:
    """'家庭月收入：3,000.00 → 3,500.00；困难类别：深度困难 → 相对困难' (review log text)."""
    parts = []
    for f in HARDSHIP_FIELDS:
        if f.name in ("last_review_date", "household") or before.get(f.name) == after.get(f.name):
            continue
        shown = [format_money(v) if f.kind == "money" else (v if v not in (None, "") else "（空）")
                 for v in (before.get(f.name), after.get(f.name))]
        if f.name == "bank_account":
            shown = [mask_account(before[f.name]) or "（空）", mask_account(after[f.name]) or "（空）"]
        parts.append(f"{f.label}：{shown[0]} → {shown[1]}")
    if before.get("household") != after.get("household"):
        parts.append("家庭成员表有变动")
    return "；".join(parts) or "无变化"


def reviews(store: Store, file_id: int) -> list[dict[str, Any]]:
    """Reviews of one file, newest first."""
    return [as_dict(r) for r in store.query(
        "SELECT * FROM hardship_reviews WHERE file_id = ? ORDER BY review_date DESC, id DESC", (file_id,))]
