"""The standing and democratic management of each grassroots union (规范化建设与民主管理).

- **Yearly standing** (``union_standing``, one row per org and year): "三有", the 规范化建设 grade
  (达标/合格/先进/示范 with its level), 厂务公开, 职代会 (单独 or 区域性), the 集体协商要约 sent and the
  reply received (dates), the 劳动争议调解组织 (date set up) with its 预警员, the 女职工组织 and the
  内部帮困基金 (fen). The figures read, for each union, its row of the period's year or, when that
  year has not been entered yet, its latest earlier row (a standing holds until the clerk changes it).
- **Facilities** (职工之家/职工书屋/职工服务点: name, level, date) and **officers** (主席 … 女职工委员).
- **Regional agreements**: 区域性/行业性集体合同 and 区域性职代会 that cover several orgs; every org
  they cover counts as covered (覆盖企业), as the district counts it.
"""

from __future__ import annotations

from typing import Any, Iterable, Sequence

from ..orgs.lifecycle import ON_REGISTER_AT
from ..errors import UserError, ValueFormatError
from ..store.connection import Store
from ..store.records import (
    Field, as_dict, choice_value, count_value, date_value, flag_value, insert_row, soft_delete, text_value, update_row,
)
from ..values import money, phones

# the fixed lists (the m0012 CHECKs hold the same; tests compare them)
LEVELS = ("全国", "省", "市", "区", "街道")
GRADES = ("达标", "合格", "先进", "示范")
CONGRESS = ("单独", "区域性")
WOMEN_ORGS = ("女职工委员会", "女职工小组")
FACILITY_KINDS = ("职工之家", "职工书屋", "职工服务点")
OFFICER_ROLES = ("主席", "副主席", "委员", "经审委员", "女职工委员")
AGREEMENT_KINDS = ("区域性集体合同", "行业性集体合同", "区域性职代会")

STANDING_FIELDS: tuple[Field, ...] = (
    Field("three_have", "三有工会", "flag", aliases=("三有", "是否三有工会", "“三有”工会")),
    Field("grade", "规范化建设等级", "choice", GRADES, aliases=("规范化等级", "等级", "规范化建设")),
    Field("grade_level", "等级级别", "choice", LEVELS, aliases=("评定级别",)),
    Field("open_affairs", "厂务公开", "flag", aliases=("厂务公开制度", "是否建立厂务公开")),
    Field("congress", "职代会", "choice", CONGRESS, aliases=("职代会形式", "职工代表大会")),
    Field("offer_sent", "要约书发出日期", "date", aliases=("要约日期", "发出要约日期")),
    Field("offer_replied", "反馈单收回日期", "date", aliases=("反馈日期", "收回反馈日期")),
    Field("mediation_since", "调解组织建立日期", "date", aliases=("调解委员会成立日期", "调解组织成立日期")),
    Field("warners", "预警员人数", "int", aliases=("预警员",)),
    Field("warner_names", "预警员姓名"),
    Field("women_org", "女职工组织", "choice", WOMEN_ORGS, aliases=("女职工委员会/小组",)),
    Field("hardship_fund", "内部帮困基金", "money", aliases=("内部帮困基金（元）", "帮困基金", "帮困基金金额")),
    Field("notes", "备注"),
)
# what a yearly 规范化建设 list carries besides the standing: which union, which year
LIST_FIELDS: tuple[Field, ...] = (
    Field("org_name", "单位", required=True, aliases=("单位名称", "企业名称", "工会名称")),
    Field("year", "数据年度", "int", aliases=("年度", "年份")),
    *STANDING_FIELDS,
)


def validate_standing(data: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in STANDING_FIELDS:
        value = data.get(f.name)
        if f.kind == "flag":
            out[f.name] = flag_value(value)
        elif f.kind == "choice":
            out[f.name] = choice_value(value, f.choices, f.label, f.name, required=False)
        elif f.kind == "date":
            out[f.name] = date_value(value, f.label, f.name)
        elif f.kind == "int":
            out[f.name] = count_value(value, f.label, f.name)
        elif f.kind == "money":
            out[f.name] = money.parse_money(value) if text_value(value) else 0
        else:
            out[f.name] = text_value(value)
    if out["grade"] and not out["grade_level"]:
        raise ValueFormatError("填写了规范化建设等级，请同时选择级别（如 区）", field="grade_level")
    if not out["grade"]:
        out["grade_level"] = ""
    if out["offer_replied"] and not out["offer_sent"]:
        raise ValueFormatError("有反馈单收回日期，请先填写要约书发出日期", field="offer_sent")
    if out["offer_replied"] and out["offer_replied"] < out["offer_sent"]:
        raise ValueFormatError("反馈单收回日期早于要约书发出日期", field="offer_replied")
    if out["hardship_fund"] < 0:
        raise ValueFormatError("内部帮困基金不能为负数", field="hardship_fund")
    return out


def _check_union(store: Store, org_id: int) -> None:
    row = store.one("SELECT union_mode, deleted_at FROM orgs WHERE id = ?", (org_id,))
    if row is None or row["deleted_at"] is not None:
        raise UserError("所选单位不存在或已删除")


def save_standing(store: Store, org_id: int, year: int, data: dict[str, Any]) -> int:
    """Create or replace the org's standing for ``year``; returns the row id."""
    if not 1949 <= int(year) <= 2100:
        raise ValueFormatError(f"年度“{year}”无法识别", field="year")
    values = validate_standing(data)
    with store.atomic():
        _check_union(store, org_id)
        row = store.one("SELECT id FROM union_standing WHERE org_id = ? AND year = ?", (org_id, year))
        if row is None:
            return insert_row(store, "union_standing", {"org_id": org_id, "year": int(year), **values})
        update_row(store, "union_standing", row["id"], values)
        return int(row["id"])


def merge_standing(store: Store, org_id: int, year: int, data: dict[str, Any]) -> str:
    """A list row onto the union's year: blank cells keep what that year holds. 'new'/'changed'/'same'."""
    old = store.one("SELECT * FROM union_standing WHERE org_id = ? AND year = ?", (org_id, year))
    merged: dict[str, Any] = {}
    for f in STANDING_FIELDS:
        given = data.get(f.name)
        if given is None or text_value(given) == "":
            given = (old[f.name] / 100 if f.kind == "money" else old[f.name]) if old else None
        merged[f.name] = given
    values = validate_standing(merged)
    if old and all(values[k] == old[k] for k in values):
        return "same"
    if old is None and not any(values.values()):
        return "same"  # nothing to say about that year (否 everywhere): no empty record is made
    save_standing(store, org_id, year, merged)
    return "changed" if old else "new"


def standing_as_of(store: Store, org_id: int, year: int) -> dict[str, Any] | None:
    """The org's row for ``year``, or its latest earlier one (marked ``carried``)."""
    row = as_dict(store.one("SELECT * FROM union_standing WHERE org_id = ? AND year <= ? ORDER BY year DESC LIMIT 1",
                            (org_id, year)))
    if row is not None:
        row["carried"] = row["year"] != year
    return row


# Unionised orgs as the 组织建设 figures count them at a date (bind it three times): on the register then
# (registered, not ended), complete (not 待补全), with a joint union or their own founded by then.
UNIONISED = ("o.is_federation = 0 AND o.deleted_at IS NULL AND o.needs_completion = 0 AND "
             "(o.union_mode = '联合建会' OR (o.union_mode = '独立建会' AND coalesce(o.union_founded, '') <= ?)) "
             f"AND {ON_REGISTER_AT}")


def standing_for_year(store: Store, year: int) -> list[dict[str, Any]]:
    """Every unionised org as at the year's end with its standing (carried from an earlier year if
    none was entered for this one)."""
    rows = store.query(
        f"SELECT o.id AS org_id, o.name AS org_name, o.union_mode, s.* FROM orgs o "
        f"LEFT JOIN union_standing s ON s.id = (SELECT id FROM union_standing WHERE org_id = o.id AND year <= ? "
        f"ORDER BY year DESC LIMIT 1) WHERE {UNIONISED} ORDER BY o.name_pinyin, o.name",
        (year, f"{year}-12-31", f"{year}-12-31", f"{year}-12-31"))
    out = []
    for r in rows:
        d = dict(r)
        d["org_id"], d["carried"] = r["org_id"], r["year"] is not None and r["year"] != year
        out.append(d)
    return out


# -------------------------------------------------------------- facilities and officers


def add_facility(store: Store, org_id: int, data: dict[str, Any]) -> int:
    values = {"kind": choice_value(data.get("kind"), FACILITY_KINDS, "类型", "kind"),
              "name": text_value(data.get("name")),
              "level": choice_value(data.get("level"), LEVELS, "级别", "level", required=False),
              "set_up_date": date_value(data.get("set_up_date"), "建立日期", "set_up_date"),
              "notes": text_value(data.get("notes"))}
    if not values["name"]:
        values["name"] = values["kind"]
    if not values["set_up_date"]:
        raise ValueFormatError("请填写建立日期", field="set_up_date")
    with store.atomic():
        _check_union(store, org_id)
        return insert_row(store, "union_facilities", {"org_id": org_id, **values})


def facilities_of(store: Store, org_id: int) -> list[dict[str, Any]]:
    return [dict(r) for r in store.query(
        "SELECT * FROM union_facilities WHERE org_id = ? AND deleted_at IS NULL ORDER BY set_up_date", (org_id,))]


def delete_facilities(store: Store, ids: Iterable[int]) -> int:
    return soft_delete(store, "union_facilities", ids)


def add_officer(store: Store, org_id: int, data: dict[str, Any]) -> int:
    name = "".join(text_value(data.get("name")).split())
    if not name:
        raise ValueFormatError("请填写姓名", field="name")
    values = {"role": choice_value(data.get("role"), OFFICER_ROLES, "职务", "role"), "name": name,
              "phone": phones.normalize_phone(data.get("phone")) if text_value(data.get("phone")) else "",
              "since": date_value(data.get("since"), "任职日期", "since"), "until": date_value(data.get("until"), "离任日期", "until")}
    if values["since"] and values["until"] and values["until"] < values["since"]:
        raise ValueFormatError("离任日期早于任职日期", field="until")
    with store.atomic():
        _check_union(store, org_id)
        values["member_id"] = store.scalar(
            "SELECT id FROM members WHERE name = ? AND org_id = ? AND deleted_at IS NULL", (name, org_id))
        return insert_row(store, "union_officers", {"org_id": org_id, **values})


def officers_of(store: Store, org_id: int, *, serving_only: bool = False) -> list[dict[str, Any]]:
    extra = " AND until IS NULL" if serving_only else ""
    order = "CASE role " + " ".join(f"WHEN '{r}' THEN {i}" for i, r in enumerate(OFFICER_ROLES)) + " END"
    return [dict(r) for r in store.query(
        f"SELECT * FROM union_officers WHERE org_id = ? AND deleted_at IS NULL{extra} ORDER BY {order}, id", (org_id,))]


def delete_officers(store: Store, ids: Iterable[int]) -> int:
    return soft_delete(store, "union_officers", ids)


# ---------------------------------------------------------------- regional agreements


def create_agreement(store: Store, data: dict[str, Any], org_ids: Sequence[int]) -> int:
    """A 区域性/行业性 collective contract or 区域性职代会 and the orgs it covers (one transaction)."""
    values = {"kind": choice_value(data.get("kind"), AGREEMENT_KINDS, "类型", "kind"),
              "name": text_value(data.get("name")),
              "signed_date": date_value(data.get("signed_date"), "签订（召开）日期", "signed_date"),
              "expiry_date": date_value(data.get("expiry_date"), "到期日期", "expiry_date"),
              "workers_covered": count_value(data.get("workers_covered"), "覆盖职工数", "workers_covered"),
              "notes": text_value(data.get("notes"))}
    if not values["name"]:
        raise ValueFormatError("请填写名称", field="name")
    if not values["signed_date"]:
        raise ValueFormatError("请填写签订（召开）日期", field="signed_date")
    if values["expiry_date"] and values["expiry_date"] < values["signed_date"]:
        raise ValueFormatError("到期日期早于签订日期", field="expiry_date")
    ids = sorted(set(int(i) for i in org_ids))
    if len(ids) < 2:
        raise ValueFormatError("区域性、行业性合同或职代会应覆盖两家及以上单位", field="orgs")
    with store.atomic():
        for org_id in ids:
            _check_union(store, org_id)
        agreement_id = insert_row(store, "regional_agreements", values)
        for org_id in ids:
            insert_row(store, "regional_agreement_orgs", {"agreement_id": agreement_id, "org_id": org_id})
        return agreement_id


def delete_agreements(store: Store, ids: Iterable[int]) -> int:
    return soft_delete(store, "regional_agreements", ids)


def list_agreements(store: Store) -> list[dict[str, Any]]:
    rows = [dict(r) for r in store.query(
        "SELECT a.*, count(ao.id) AS org_count, group_concat(o.name, '、') AS org_names FROM regional_agreements a "
        "LEFT JOIN regional_agreement_orgs ao ON ao.agreement_id = a.id LEFT JOIN orgs o ON o.id = ao.org_id "
        "WHERE a.deleted_at IS NULL GROUP BY a.id ORDER BY a.signed_date DESC, a.id DESC")]
    for r in rows:
        r["org_names"] = r["org_names"] or ""
    return rows


def org_id_by_name(store: Store, name: str) -> int:
    row = store.one("SELECT id FROM orgs WHERE name = ? AND deleted_at IS NULL", (text_value(name),))
    if row is None:
        raise UserError(f"找不到单位“{text_value(name)}”")
    return int(row["id"])


def standing_of(store: Store, org_id: int, year: int) -> dict[str, Any] | None:
    """The standing entered for this union and year (None when none was)."""
    row = store.one("SELECT * FROM union_standing WHERE org_id = ? AND year = ?", (org_id, year))
    return dict(row) if row else None
