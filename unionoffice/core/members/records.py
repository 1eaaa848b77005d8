"""Members (会员): the roll, keyed by 身份证号, and the membership life of each member.

Birth date and gender are derived from the ID number; 女职工 is derived from gender. Name search
keys (full pinyin, surname-aware initials) are stored beside the name so that search as you type
uses an index instead of scanning 100,000 names.
"""

from __future__ import annotations

import datetime
import json
import unicodedata
from dataclasses import dataclass
from typing import Any, Iterable, Sequence

from ..values import dates, names, phones
from . import digits as member_digits
from ..errors import UserError, ValueFormatError
from ..values.ids import normalize_id_number
from ..store.records import (
    Field,
    as_dict,
    choice_value,
    flag_value,
    insert_row,
    restore_deleted,
    soft_delete,
    update_row,
)
from ..store.sqlutil import glob_escape
from ..store.connection import Store

STATUSES = ("正常", "保留", "转出", "退会", "开除", "去世")
ACTIVE_STATUSES = ("正常", "保留")  # still counted as members
MODEL_WORKER_LEVELS = ("全国", "省部级", "市级", "区级")
HUKOU = ("本地", "外地")

MEMBER_FIELDS: tuple[Field, ...] = (
    Field("name", "姓名", required=True, aliases=("姓 名", "职工姓名", "会员姓名", "名字")),
    Field("gender", "性别", "choice", ("男", "女"), aliases=("性 别",)),
    Field("id_number", "身份证号", required=True,
          aliases=("身份证号码", "公民身份号码", "身份证", "证件号码", "身份证件号码", "公民身份证号")),
    Field("birth_date", "出生日期", "date", aliases=("出生年月",)),
    Field("ethnicity", "民族"),
    Field("politics", "政治面貌", aliases=("政治 面貌",)),
    Field("education", "学历", aliases=("文化程度", "最高学历")),
    Field("phone", "手机", aliases=("手机号码", "联系电话", "电话", "手机号", "联系方式")),
    Field("org_id", "所在单位", "ref", aliases=("工作单位", "单位", "单位名称", "所属单位", "所在企业")),
    Field("joined_date", "入会日期", "date", aliases=("入会时间", "入会年月")),
    Field("member_no", "会员证号", aliases=("会员证号码", "会员编号", "会员证编号")),
    Field("status", "会籍状态", "choice", STATUSES, aliases=("状态", "会籍")),
    Field("status_date", "状态日期", "date"),
    Field("status_reason", "状态原因"),
    Field("is_migrant", "农民工", "flag", aliases=("是否农民工",)),
    Field("model_worker", "劳模", "choice", MODEL_WORKER_LEVELS, aliases=("劳模级别", "是否劳模")),
    Field("is_retired", "退休", "flag", aliases=("是否退休",)),
    Field("hukou", "户籍", "choice", HUKOU, aliases=("户籍性质", "户口")),
    Field("notes", "备注"),
)






# The dot inside names such as 买买提·艾力, typed with whatever dot the keyboard gave: stored as
# one character (U+00B7) so that the name is found whichever dot the clerk types in search.
_NAME_DOTS = str.maketrans({dot: "·" for dot in "•・･‧∙⋅．.。"})
_DOTS = frozenset("•・･‧∙⋅．.。")


def _optional_choice(value: Any, allowed: tuple[str, ...], label: str, field: str) -> str:
    return choice_value(value, allowed, label, field, required=False)


def _model_worker(value: Any) -> str:
    """劳模 level from the ways sheets write it: 全国劳模, 省级, 市劳模, 是 …"""
    text = str(value or "").strip().replace("劳动模范", "").replace("劳模", "").replace("级", "")
    if text in ("", "否", "无"):
        return ""
    for level in MODEL_WORKER_LEVELS:
        if text and level.startswith(text[0]):
            return level
    raise ValueFormatError(f"劳模级别“{value}”无法识别，应为：{'、'.join(MODEL_WORKER_LEVELS)}", field="model_worker")


DATE_FIELDS = ("birth_date", "joined_date", "status_date")


def member_date(key: str, value: Any) -> str | None:
    """One of a member's dates as stored (ISO), or None; an 入会日期 after today is refused."""
    if value.__class__ is datetime.date:  # a date cell (a third of a roll's dates)
        iso = value.isoformat()
    else:
        parsed = dates.parse_date(value)
        iso = parsed.isoformat() if parsed else None
    if key == "joined_date" and iso and iso > dates.today().isoformat():
        raise ValueFormatError(f"入会日期 {iso} 晚于今天，请核对", field=key)
    return iso


def member_name(value: Any) -> str:
    """A name as stored: no spaces inside or around, one kind of middle dot (买买提·艾力)."""
    text = "".join((value if value.__class__ is str else str(value or "")).split())
    if not text:
        raise ValueFormatError("姓名不能为空", field="name")
    if not _DOTS.isdisjoint(text):
        text = text.translate(_NAME_DOTS)
    return text


def validate_member(data: dict[str, Any]) -> dict[str, Any]:
    """Normalise the fields present in ``data``; raise ValueFormatError naming the field.

    When the ID number is given, birth date and gender are derived from it; a gender typed in
    that contradicts the ID is an error (one of the two is wrong, we can't know which).
    """
    out: dict[str, Any] = {}
    # the fields every row of a 50,000-row roll has come first
    for key, value in data.items():
        if key == "name":
            out["name"] = text = member_name(value)
            out["name_pinyin"], out["name_initials"] = names.pinyin_keys(text)
        elif key == "id_number":
            out[key] = normalize_id_number(value)
        elif key == "phone":
            out[key] = phones.normalize_phone(value)
        elif key == "gender":
            out[key] = value if value == "男" or value == "女" else _optional_choice(value, ("男", "女"), "性别", key)
        elif key in DATE_FIELDS:
            out[key] = member_date(key, value)
        elif key == "status":
            out[key] = _optional_choice(value, STATUSES, "会籍状态", key) or "正常"
        elif key == "hukou":
            out[key] = _optional_choice(value, HUKOU, "户籍", key)
        elif key == "model_worker":
            out[key] = _model_worker(value)
        elif key in ("is_migrant", "is_retired"):
            out[key] = flag_value(value)
        elif key == "org_id":
            out[key] = int(value) if value not in (None, "") else None
        else:
            out[key] = str(value if value is not None else "").strip()
    _derive_from_id(out, data)
    return out


def _derive_from_id(out: dict[str, Any], raw: dict[str, Any]) -> None:
    if not out.get("id_number"):
        return
    # out["id_number"] is already normalised and checked: read it directly (an import validates
    # 50,000 of them, and id_gender/id_birth_date would normalise each one twice more)
    id18 = out["id_number"]
    gender = "男" if int(id18[16]) % 2 else "女"
    if out.get("gender") and out["gender"] != gender:
        raise ValueFormatError(f"性别“{out['gender']}”与身份证号不符（身份证号显示为{gender}）", field="gender")
    out["gender"] = gender
    out["birth_date"] = f"{id18[6:10]}-{id18[10:12]}-{id18[12:14]}"


# ------------------------------------------------------------------ writing


def create_member(store: Store, data: dict[str, Any]) -> int:
    values = validate_member(data)
    for f in MEMBER_FIELDS:
        if f.required and not values.get(f.name):
            raise ValueFormatError(f"{f.label}不能为空", field=f.name)
    with store.atomic():
        _check_unique_id(store, values["id_number"])
        _check_org(store, values.get("org_id"))
        member_id = insert_row(store, "members", values)
        joined = values.get("joined_date") or dates.to_iso(dates.today())
        add_event(store, member_id, joined, "入会", to_org_id=values.get("org_id"), new_status=values.get("status", "正常"))
        return member_id


def update_member(store: Store, member_id: int, changes: dict[str, Any]) -> None:
    values = validate_member(changes)
    with store.atomic():
        if "id_number" in values:
            _check_unique_id(store, values["id_number"], member_id)
        if "org_id" in values:
            _check_org(store, values["org_id"])
        update_row(store, "members", member_id, values)


def delete_members(store: Store, ids: Iterable[int]) -> int:
    """To the recycle bin (回收站); restorable."""
    return soft_delete(store, "members", ids)


def restore_members(store: Store, ids: Iterable[int]) -> int:
    return restore_deleted(store, "members", ids)


def purge_members(store: Store, ids: Iterable[int]) -> int:
    """Empty the recycle bin for these members (only ones already in it)."""
    with store.atomic():
        n = 0
        for member_id in ids:
            store.execute("DELETE FROM member_events WHERE member_id = ? AND "
                          "EXISTS (SELECT 1 FROM members WHERE id = ? AND deleted_at IS NOT NULL)",
                          (member_id, member_id))
            n += store.execute("DELETE FROM members WHERE id = ? AND deleted_at IS NOT NULL", (member_id,)).rowcount
    return n


def _check_unique_id(store: Store, id_number: str, own_id: int | None = None) -> None:
    row = store.one("SELECT id, name, deleted_at FROM members WHERE id_number = ? AND id <> ?", (id_number, own_id or 0))
    if row:
        where = "（在回收站中，可恢复）" if row["deleted_at"] else ""
        raise ValueFormatError(f"身份证号 {id_number} 已是会员“{row['name']}”{where}", field="id_number")


def _check_org(store: Store, org_id: int | None) -> None:
    if org_id is None:
        return
    row = store.one("SELECT deleted_at FROM orgs WHERE id = ?", (org_id,))
    if row is None or row["deleted_at"] is not None:
        raise ValueFormatError("所选单位不存在或已删除", field="org_id")


# ------------------------------------------------------------ membership life


def add_event(store: Store, member_id: int, event_date: Any, kind: str, *, from_org_id=None, to_org_id=None,
              old_status=None, new_status=None, reason: str = "") -> int:
    iso = dates.to_iso(dates.parse_date(event_date))
    if not iso:
        raise ValueFormatError("请填写日期", field="event_date")
    return insert_row(store, "member_events", {
        "member_id": member_id, "event_date": iso, "kind": kind, "from_org_id": from_org_id,
        "to_org_id": to_org_id, "old_status": old_status, "new_status": new_status, "reason": reason.strip(),
    })


def transfer_member(store: Store, member_id: int, to_org_id: int, on: Any, reason: str = "") -> None:
    """转出 from the current org and 转入 to another within the street, recorded as one event."""
    with store.atomic():
        member = get_member(store, member_id)
        if member is None or member["deleted_at"]:
            raise UserError("会员不存在或已删除")
        if member["org_id"] == to_org_id:
            raise ValueFormatError("转入单位与现单位相同", field="org_id")
        _check_org(store, to_org_id)
        add_event(store, member_id, on, "转入", from_org_id=member["org_id"], to_org_id=to_org_id, reason=reason)
        update_row(store, "members", member_id, {"org_id": to_org_id})


def change_status(store: Store, member_id: int, status: str, on: Any, reason: str = "") -> None:
    """保留 / 转出 / 退会 / 开除 / 去世, or back to 正常, with date and reason."""
    status = _optional_choice(status, STATUSES, "会籍状态", "status")
    day = dates.parse_date(on)
    if day is None:
        raise ValueFormatError("请填写状态变更日期", field="status_date")
    if status in ("退会", "开除", "去世") and not reason.strip():
        raise ValueFormatError(f"{status}须填写原因", field="status_reason")
    with store.atomic():
        member = get_member(store, member_id)
        if member is None:
            raise UserError("会员不存在")
        if member["status"] == status:
            raise ValueFormatError(f"会籍状态已经是“{status}”", field="status")
        add_event(store, member_id, day, "状态变更", old_status=member["status"], new_status=status, reason=reason)
        update_row(store, "members", member_id, {
            "status": status, "status_date": dates.to_iso(day), "status_reason": reason.strip(),
        })


def member_events(store: Store, member_id: int) -> list[dict[str, Any]]:
    rows = store.query(
        "SELECT e.*, f.name AS from_org, t.name AS to_org FROM member_events e "
        "LEFT JOIN orgs f ON f.id = e.from_org_id LEFT JOIN orgs t ON t.id = e.to_org_id "
        "WHERE e.member_id = ? ORDER BY e.event_date, e.id",
        (member_id,),
    )
    return [as_dict(r) for r in rows]


# ------------------------------------------------------------------ reading


def get_member(store: Store, member_id: int) -> dict[str, Any] | None:
    return as_dict(store.one(
        "SELECT m.*, o.name AS org_name FROM members m LEFT JOIN orgs o ON o.id = m.org_id WHERE m.id = ?",
        (member_id,),
    ))


def find_by_id_number(store: Store, id_number: Any) -> dict[str, Any] | None:
    """The member with this ID (recycle bin included), or None. Accepts unnormalised input."""
    try:
        key = normalize_id_number(id_number)
    except ValueFormatError:
        return None
    row = store.one("SELECT id FROM members WHERE id_number = ?", (key,))
    return get_member(store, row["id"]) if row else None


# ------------------------------------------------------------------ search


@dataclass
class MemberFilter:
    """What the 会员 tab's filter bar can ask for; None/False means "any"."""

    org_id: int | None = None
    status: str | None = None  # one of STATUSES
    migrant: bool = False
    female: bool = False
    model_worker: bool = False
    retired: bool = False
    recycle_bin: bool = False  # True lists only deleted members

    def where(self) -> tuple[list[str], list[Any]]:
        clauses = ["m.deleted_at IS NOT NULL" if self.recycle_bin else "m.deleted_at IS NULL"]
        params: list[Any] = []
        if self.org_id is not None:
            clauses.append("m.org_id = ?")
            params.append(self.org_id)
        if self.status:
            clauses.append("m.status = ?")
            params.append(self.status)
        if self.migrant:
            clauses.append("m.is_migrant = 1")
        if self.female:
            clauses.append("m.gender = '女'")
        if self.model_worker:
            clauses.append("m.model_worker <> ''")
        if self.retired:
            clauses.append("m.is_retired = 1")
        return clauses, params


# One or two digits are in nearly every ID and phone: such a term filters nothing useful and
# would cost a look-up of the whole roll on the first keystroke, so it waits for a third digit.
MIN_FRAGMENT = 3

DIGITS, PINYIN, CHARS = "digits", "pinyin", "chars"  # the kinds of search term


def search_terms(text: str) -> list[tuple[str, str]]:
    """Search-as-you-type text → (kind, key) per space-separated term; each term must match.

    - DIGITS (digits, X and a landline's dash, upper-cased): a fragment of the ID number or the phone, from the
      third character on (shorter ones are dropped)
    - PINYIN (Latin letters, lower-cased): a prefix of the full pinyin or of the surname-aware
      initials
    - CHARS (anything else): characters anywhere in the name
    """
    terms = []
    for term in unicodedata.normalize("NFKC", text or "").split():
        if _is_fragment(term):
            if len(term) >= MIN_FRAGMENT:
                terms.append((DIGITS, term.upper()))
        elif term.isascii() and term.isalpha():
            terms.append((PINYIN, term.lower()))
        else:
            terms.append((CHARS, term))
    return terms


def _is_fragment(term: str) -> bool:
    """Digits (and an ID's X) of an ID or phone; a landline keeps its dash as stored (0755-8822)."""
    bare = term.replace("x", "").replace("X", "").replace("-", "")
    return term.isascii() and bare.isdigit() and not term.startswith("-")


def short_fragments(text: str) -> list[str]:
    """Digit terms too short to search by (search_terms drops them): the CLI refuses them."""
    return [term for term in unicodedata.normalize("NFKC", text or "").split()
            if term.isascii() and term.replace("x", "").replace("X", "").isdigit() and len(term) < MIN_FRAGMENT]


def _fragment_clause(key: str) -> tuple[str, list[Any]]:
    """SQL for a DIGITS term, where member_digits can't answer (recycle bin, open transaction).

    The ID part scans the unique index on id_number (small, covering); only the phone part
    reads the table, and only when the fragment could be part of a phone. instr() is used
    rather than LIKE: no wildcards to escape and about a third faster on 100,000 rows.
    """
    ids = "SELECT id FROM members WHERE instr(id_number, ?) > 0"
    if member_digits.id_only(key):
        return f"m.id IN ({ids})", [key]
    return f"m.id IN ({ids} UNION ALL SELECT id FROM members WHERE instr(phone, ?) > 0)", [key, key]


# Two index range scans; an OR of the two GLOBs would scan the whole roll. Both indexes hold
# deleted_at and name_pinyin (migration 6), so neither reads the table, and the pinyin index
# yields its matches in roll order. The second part adds only the members the first did not
# find (for 'x' or 'zh' nearly none), so roll order costs a merge, not a sort of thousands.
_PINYIN_MATCHES = ("SELECT {cols} FROM members WHERE name_pinyin GLOB ? AND deleted_at IS NULL "
                   "UNION ALL SELECT {cols} FROM members WHERE name_initials GLOB ? AND deleted_at IS NULL "
                   "AND NOT name_pinyin GLOB ?")


def _term_clause(kind: str, key: str) -> tuple[str, list[Any]]:
    if kind == DIGITS:
        return _fragment_clause(key)
    if kind == PINYIN:
        prefix = glob_escape(key) + "*"
        return f"m.id IN ({_PINYIN_MATCHES.format(cols='id')})", [prefix, prefix, prefix]
    # a scan of the small name index, not of the wide table rows
    return "m.id IN (SELECT id FROM members WHERE instr(name, ?) > 0)", [key]


def search_member_ids(store: Store, text: str = "", filt: MemberFilter | None = None) -> list[int]:
    """Ids of matching members in roll order (pinyin of the name); the lazy table model pages them.

    A fragment with dashes that finds nobody is tried again without them: a mobile typed as
    186-3860-4831 is stored 18638604831 (only a landline keeps its dash, 0755-88221234)."""
    terms, filt = search_terms(text), filt or MemberFilter()
    found = _search_ids(store, terms, filt)
    undashed = None if found else _undashed(terms)
    return _search_ids(store, undashed, filt) if undashed else found


def _undashed(terms: list[tuple[str, str]]) -> list[tuple[str, str]] | None:
    """The terms with dashes taken out of the digit fragments; None when none had one, or one
    would then be too short to search by (it would match half the roll)."""
    out = [(kind, key.replace("-", "") if kind == DIGITS else key) for kind, key in terms]
    if out == terms or any(kind == DIGITS and len(key) < MIN_FRAGMENT for kind, key in out):
        return None
    return out


def _search_ids(store: Store, terms: list[tuple[str, str]], filt: MemberFilter) -> list[int]:
    where, params = filt.where()
    plain = len(where) == 1 and not filt.recycle_bin  # the live roll, nothing chosen in the filter bar
    if plain and len(terms) == 1 and terms[0][0] == PINYIN:
        return _pinyin_ids(store, terms[0][1])
    digit_keys = [key for kind, key in terms if kind == DIGITS]
    found = member_digits.find(store, digit_keys) if digit_keys and not filt.recycle_bin else None
    if found is not None:
        terms = [(kind, key) for kind, key in terms if kind != DIGITS]
        if not found or (plain and not terms):
            return found
        where.append("m.id IN (SELECT value FROM json_each(?))")
        params.append(json.dumps(found))
    for kind, key in terms:
        clause, term_params = _term_clause(kind, key)
        where.append(clause)
        params += term_params
    if len(where) == 1:  # the bare roll (or recycle bin): cheapest in index order
        return _ids(store, f"SELECT m.id FROM members m WHERE {where[0]} ORDER BY m.name_pinyin, m.id", params)
    if not filt.recycle_bin:
        # "+": with another condition to go by, SQLite must not walk a partial name index for
        # the live roll and read every row it lists (女: 100 ms, where a table scan takes 30 ms)
        where[0] = "+m.deleted_at IS NULL"
    # "+" again: scan-and-sort the matches rather than walk the pinyin index in order and look
    # every row up (100 ms vs 20 ms on 100,000 members)
    return _ids(store, f"SELECT m.id FROM members m WHERE {' AND '.join(where)} ORDER BY +m.name_pinyin, m.id",
                params)


def _pinyin_ids(store: Store, key: str) -> list[int]:
    """One pinyin term on the live roll: both index ranges merged in roll order, no table reads."""
    prefix = glob_escape(key) + "*"
    matches = _PINYIN_MATCHES.format(cols="id, name_pinyin")
    return _ids(store, f"SELECT id FROM ({matches} ORDER BY 2, 1)", [prefix, prefix, prefix])


def _ids(store: Store, sql: str, params: Sequence[Any]) -> list[int]:
    cursor = store.execute(sql, params)
    cursor.row_factory = None  # plain tuples: sqlite3.Row objects cost about 1 ms per 10,000 ids
    return [row[0] for row in cursor]


def members_by_ids(store: Store, ids: Sequence[int]) -> list[dict[str, Any]]:
    """Full rows (with org name) for a page of ids, in the order given."""
    if not ids:
        return []
    marks = ",".join("?" for _ in ids)
    rows = store.query(
        f"SELECT m.*, o.name AS org_name FROM members m LEFT JOIN orgs o ON o.id = m.org_id WHERE m.id IN ({marks})",
        list(ids),
    )
    by_id = {r["id"]: as_dict(r) for r in rows}
    return [by_id[i] for i in ids if i in by_id]


def live_member_by_id_number(store: Store, id_number: str) -> dict[str, Any] | None:
    """The member on the roll (not in the recycle bin) with this normalised 身份证号: id, name, org_id."""
    return as_dict(store.one("SELECT id, name, org_id FROM members WHERE id_number = ? AND deleted_at IS NULL",
                             (id_number,)))
