"""The honours register (评先评优): honours to persons (劳模 at every level, 优秀工会干部, 优秀职工,
职工之星, competition places) and to orgs/unions (示范/先进/合格工会, 工人先锋号, 安康杯), each with
year, level (全国/省/市/区/街道) and issuing body.

A person on the roll is linked by ``member_id``; the member's 劳模 level shown on the roll is
computed from this register by triggers (m0012), so it can never disagree with it. An honour to
someone not on the roll keeps just the name.
"""

from __future__ import annotations

from typing import Any, Iterable

from ..errors import UserError, ValueFormatError
from ..store.connection import Store
from ..store.records import (
    Field, as_dict, choice_value, insert_row, restore_deleted, soft_delete, text_value, update_row,
)
from ..orgs.lifecycle import former_names, org_by_name
from ..values import dates
from ..values.ids import normalize_id_number

# the fixed lists of the register (the m0012 CHECKs hold the same; tests compare them)
PERSON_CATEGORIES = ("劳动模范", "优秀工会干部", "优秀职工", "职工之星", "技能竞赛名次", "其他个人荣誉")
ORG_CATEGORIES = ("示范工会", "先进工会", "合格工会", "工人先锋号", "安康杯", "其他集体荣誉")
LEVELS = ("全国", "省", "市", "区", "街道")
KINDS = ("个人", "集体")
CATEGORIES = PERSON_CATEGORIES + ORG_CATEGORIES
PLACES = ("第一名", "第二名", "第三名", "其他名次")

FIELDS: tuple[Field, ...] = (
    Field("recipient_kind", "对象", "choice", KINDS, aliases=("荣誉对象", "个人/集体", "类型")),
    Field("category", "荣誉类别", "choice", CATEGORIES, required=True, aliases=("类别", "荣誉类型", "奖项类别")),
    Field("title", "荣誉称号", aliases=("称号", "荣誉名称", "奖项名称", "荣誉")),
    Field("level", "级别", "choice", LEVELS, required=True, aliases=("荣誉级别", "层级", "表彰级别")),
    Field("year", "年度", "int", aliases=("年份", "获奖年度", "表彰年度")),
    Field("awarded_date", "授予日期", "date", aliases=("表彰日期", "获奖日期", "日期")),
    Field("issuer", "授予机关", aliases=("授予单位", "表彰单位", "颁发单位", "发文单位")),
    Field("person_name", "姓名", aliases=("获奖人", "获奖个人", "职工姓名")),
    Field("id_number", "身份证号", aliases=("身份证号码", "公民身份号码")),
    Field("org_name", "单位", aliases=("单位名称", "获奖单位", "工作单位", "所在单位", "获奖集体")),
    Field("place", "名次", "choice", PLACES, aliases=("竞赛名次", "获奖名次")),
    Field("notes", "备注"),
)
FIELD_BY_NAME = {f.name: f for f in FIELDS}

# spellings met in lists for the fixed levels and categories
_LEVEL_WORDS = {"国家": "全国", "全国": "全国", "省": "省", "省部": "省", "市": "市", "区": "区", "县": "区",
                "街道": "街道", "镇": "街道"}
_CATEGORY_WORDS = (("劳模", "劳动模范"), ("劳动模范", "劳动模范"), ("优秀工会干部", "优秀工会干部"),
                   ("工会积极分子", "优秀工会干部"), ("优秀职工", "优秀职工"), ("职工之星", "职工之星"),
                   ("竞赛", "技能竞赛名次"), ("示范", "示范工会"), ("先进", "先进工会"), ("合格", "合格工会"),
                   ("先锋号", "工人先锋号"), ("安康杯", "安康杯"))
_PLACE_WORDS = {"1": "第一名", "一": "第一名", "2": "第二名", "二": "第二名", "3": "第三名", "三": "第三名"}


def level_value(value: Any) -> str:
    text = "".join(text_value(value).split()).replace("级", "")
    for word, level in _LEVEL_WORDS.items():
        if text == word or (text and text.startswith(word)):
            return level
    return choice_value(text, LEVELS, "级别", "level")


def category_value(value: Any) -> str:
    text = "".join(text_value(value).split())
    if text in CATEGORIES:
        return text
    for word, category in _CATEGORY_WORDS:
        if word in text:
            return category
    return choice_value(text, CATEGORIES, "荣誉类别", "category")


def place_value(value: Any) -> str:
    text = "".join(text_value(value).split()).replace("第", "").replace("名", "")
    if not text:
        return ""
    return _PLACE_WORDS.get(text[:1], "其他名次")


def _year(value: Any) -> int | None:
    text = text_value(value).rstrip("年").split(".")[0]
    if not text:
        return None
    if not text.isdigit() or not 1949 <= int(text) <= 2100:
        raise ValueFormatError(f"年度“{value}”无法识别，应为四位年份，如 2026", field="year")
    return int(text)


def validate_honour(store: Store, data: dict[str, Any], *, require_year: bool = True) -> dict[str, Any]:
    """The row to store, or ValueFormatError naming the field. A person is matched to the roll by
    身份证号 (or taken as given by ``member_id``); an org by ``org_id`` or its exact name."""
    out: dict[str, Any] = {"category": category_value(data.get("category")), "level": level_value(data.get("level"))}
    kind = text_value(data.get("recipient_kind")) or ("个人" if out["category"] in PERSON_CATEGORIES else "集体")
    out["recipient_kind"] = choice_value(kind, KINDS, "对象", "recipient_kind")
    wanted = PERSON_CATEGORIES if out["recipient_kind"] == "个人" else ORG_CATEGORIES
    if out["category"] not in wanted:
        raise ValueFormatError(f"“{out['category']}”不是{out['recipient_kind']}荣誉，应为：{'、'.join(wanted)}",
                               field="category")
    out["year"] = _year(data.get("year"))
    out["awarded_date"] = dates.to_iso(dates.parse_date(data.get("awarded_date"))) or None
    if out["awarded_date"] and out["year"] is None:
        out["year"] = int(out["awarded_date"][:4])
    if out["year"] is None and require_year:
        raise ValueFormatError("请填写年度或授予日期", field="year")
    for key in ("title", "issuer", "notes"):
        out[key] = text_value(data.get(key))
    out["title"] = out["title"] or out["category"]
    out["place"] = place_value(data.get("place")) if out["category"] == "技能竞赛名次" else ""
    _recipient(store, data, out)
    return out


def _recipient(store: Store, data: dict[str, Any], out: dict[str, Any]) -> None:
    out["member_id"] = _member_id(store, data)
    member = store.one("SELECT name, org_id FROM members WHERE id = ?", (out["member_id"],)) \
        if out["member_id"] else None
    out["person_name"] = "".join(text_value(data.get("person_name")).split()) or (member["name"] if member else "")
    out["org_id"] = _org_id(store, data) or (member["org_id"] if member else None)
    org_name = store.scalar("SELECT name FROM orgs WHERE id = ?", (out["org_id"],)) if out["org_id"] else None
    out["org_name"] = text_value(data.get("org_name")) or org_name or ""
    if out["recipient_kind"] == "个人":
        if not out["person_name"]:
            raise ValueFormatError("个人荣誉请填写获奖人姓名", field="person_name")
    else:
        out["member_id"], out["person_name"] = None, ""
        if not out["org_name"]:
            raise ValueFormatError("集体荣誉请填写获奖单位（或工会）", field="org_name")


def _member_id(store: Store, data: dict[str, Any]) -> int | None:
    if data.get("member_id"):
        return int(data["member_id"])
    raw = text_value(data.get("id_number"))
    if not raw:
        return None
    id_number = normalize_id_number(raw)
    row = store.one("SELECT id FROM members WHERE id_number = ? AND deleted_at IS NULL", (id_number,))
    if row is None:
        raise ValueFormatError(f"身份证号 {id_number} 不在会员名册中（不是会员的获奖人不填身份证号）", field="id_number")
    return int(row["id"])


def _org_id(store: Store, data: dict[str, Any]) -> int | None:
    if data.get("org_id"):
        return int(data["org_id"])
    name = text_value(data.get("org_name"))
    if not name:
        return None
    hit = org_by_name(store, name)  # by today's name, or a former one (更名)
    return int(hit[0]["id"]) if hit else None


def create_honour(store: Store, data: dict[str, Any]) -> int:
    values = validate_honour(store, data)
    with store.atomic():
        return insert_row(store, "honours", values)


def update_honour(store: Store, honour_id: int, data: dict[str, Any]) -> None:
    if get_honour(store, honour_id) is None:
        raise UserError("要修改的荣誉记录不存在，可能已被删除")
    update_row(store, "honours", honour_id, validate_honour(store, data))


def delete_honours(store: Store, ids: Iterable[int]) -> int:
    """To the recycle bin; a member's 劳模 level follows (triggers)."""
    return soft_delete(store, "honours", ids)


def restore_honours(store: Store, ids: Iterable[int]) -> int:
    return restore_deleted(store, "honours", ids)


def get_honour(store: Store, honour_id: int) -> dict[str, Any] | None:
    return as_dict(store.one("SELECT * FROM honours WHERE id = ? AND deleted_at IS NULL", (honour_id,)))


NO_YEAR = "no-year"  # the year filter for honours whose year is not known (劳模 moved from the roll)
MODEL_WORKER = "劳动模范"


def list_honours(store: Store, *, year: int | str | None = None, category: str = "", kind: str = "",
                 text: str = "") -> list[dict[str, Any]]:
    """Live honours, newest year first; ``text`` matches person, org, title or issuer; ``year``
    ``NO_YEAR`` keeps those without a year."""
    sql = "SELECT h.*, m.id_number FROM honours h LEFT JOIN members m ON m.id = h.member_id WHERE h.deleted_at IS NULL"
    params: list[Any] = []
    if year == NO_YEAR:
        sql += " AND h.year IS NULL"
        year = None
    for clause, value in (("h.year = ?", year), ("h.category = ?", category), ("h.recipient_kind = ?", kind)):
        if value:
            sql += f" AND {clause}"
            params.append(value)
    if text.strip():
        sql += " AND (h.person_name || ' ' || h.org_name || ' ' || h.title || ' ' || h.issuer) LIKE ?"
        params.append(f"%{text.strip()}%")
    sql += " ORDER BY coalesce(h.year, 0) DESC, h.id DESC"
    return [dict(r) for r in store.query(sql, params)]


def model_workers_without_year(store: Store) -> list[dict[str, Any]]:
    """Live 劳模 honours with no year (those moved from the member roll by schema 12): the period
    figures cannot count them until the clerk fills the year from the award papers."""
    return list_honours(store, year=NO_YEAR, category=MODEL_WORKER)


def set_honour_year(store: Store, honour_id: int, year: Any, awarded_date: Any = None) -> None:
    """Fill (or correct) an honour's year — and its award date when known — leaving the rest as is.
    The year is what the clerk read on the papers; nothing is guessed."""
    values = {"year": _year(year)}
    if text_value(awarded_date):
        values["awarded_date"] = dates.to_iso(dates.parse_date(awarded_date))
        if values["year"] is None:
            values["year"] = int(values["awarded_date"][:4])
        elif int(values["awarded_date"][:4]) != values["year"]:
            raise ValueFormatError(f"授予日期 {values['awarded_date']} 不在 {values['year']} 年", field="awarded_date")
    if values["year"] is None:
        raise ValueFormatError("请填写年度（四位年份，如 2019）", field="year")
    with store.atomic():
        if get_honour(store, honour_id) is None:
            raise UserError(f"荣誉 {honour_id} 不存在或已删除")
        update_row(store, "honours", honour_id, values)


def honours_of_member(store: Store, member_id: int) -> list[dict[str, Any]]:
    """What shows on the member's record: her honours, newest first."""
    return [dict(r) for r in store.query(
        "SELECT * FROM honours WHERE member_id = ? AND deleted_at IS NULL "
        "ORDER BY coalesce(year, 0) DESC, id DESC", (member_id,))]


def honours_of_org(store: Store, org_id: int) -> list[dict[str, Any]]:
    """What shows on the org's record: the collective honours (示范/先进/合格工会, 工人先锋号, 安康杯 …)
    given to it — linked to it, or naming it by its name today or a former one — newest first."""
    org_name = store.scalar("SELECT name FROM orgs WHERE id = ?", (org_id,))
    names = [org_name or "", *(f["name"] for f in former_names(store, org_id))]
    marks = ", ".join("?" for _ in names)
    return [dict(r) for r in store.query(
        f"SELECT * FROM honours WHERE deleted_at IS NULL AND recipient_kind = '集体' "
        f"AND (org_id = ? OR (org_id IS NULL AND org_name IN ({marks}))) "
        "ORDER BY coalesce(year, 0) DESC, id DESC", (org_id, *names))]


def honour_label(h: dict[str, Any]) -> str:
    """区级劳动模范（2025年，罗湖区总工会）"""
    level = "" if h["level"] == "全国" else h["level"] + "级"
    title = h["title"] if h["title"] and h["title"] != h["category"] else f"{level}{h['category']}"
    place = f"{h['place']}" if h.get("place") else ""
    when = f"{h['year']}年" if h.get("year") else "年度不详"
    issuer = f"，{h['issuer']}" if h.get("issuer") else ""
    return f"{title}{place}（{when}{issuer}）"


def years(store: Store) -> list[int]:
    return [r[0] for r in store.query(
        "SELECT DISTINCT year FROM honours WHERE deleted_at IS NULL AND year IS NOT NULL ORDER BY year DESC")]


def model_worker_visits(store: Store, member_id: int) -> list[dict[str, Any]]:
    """The member's 劳模慰问 paid out (assistance records), shown beside her honours."""
    return [dict(r) for r in store.query(
        "SELECT paid_date, amount, notes FROM assistance WHERE member_id = ? AND kind = '劳模慰问' "
        "AND deleted_at IS NULL ORDER BY paid_date DESC", (member_id,))]


def honour_exists(store: Store, values: dict[str, Any]) -> bool:
    """A live honour with the same category, level, year, person, org and place (a list row imported again)."""
    return store.one("SELECT 1 FROM honours WHERE deleted_at IS NULL AND category = ? AND level = ? AND year IS ? "
                     "AND person_name = ? AND org_name = ? AND place = ?",
                     (values["category"], values["level"], values["year"], values["person_name"],
                      values["org_name"], values["place"])) is not None
