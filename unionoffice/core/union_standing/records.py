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

from ..orgs.lifecycle import ON_REGISTER_AT, org_by_name
from ..errors import UserError, ValueFormatError
from ..store.connection import Store
from ..store.records import (
    Field, as_dict, choice_value, count_value, date_value, flag_value, insert_row, soft_delete, text_value, update_row,
)
from ..values import dates, money, phones

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


FACILITY_FIELDS: tuple[Field, ...] = (
    Field("org_name", "单位", required=True, aliases=("单位名称", "企业名称", "工会名称", "所属单位", "所在单位")),
    Field("kind", "类型", "choice", FACILITY_KINDS, required=True, aliases=("阵地类型", "类别", "阵地类别")),
    Field("name", "名称", aliases=("阵地名称", "职工之家名称", "书屋名称", "服务点名称")),
    Field("level", "级别", "choice", LEVELS, aliases=("命名级别", "命名等级", "等级", "授牌级别")),
    Field("set_up_date", "建立日期", "date", required=True, aliases=("建立时间", "成立日期", "成立时间",
                                                                   "命名日期", "授牌日期", "建成日期")),
    Field("notes", "备注", aliases=("说明",)),
)
OFFICER_FIELDS: tuple[Field, ...] = (
    Field("org_name", "单位", required=True, aliases=("单位名称", "企业名称", "工会名称", "所在单位", "所属单位")),
    Field("role", "职务", "choice", OFFICER_ROLES, required=True, aliases=("工会职务", "担任职务", "委员职务")),
    Field("name", "姓名", required=True, aliases=("委员姓名", "人员姓名")),
    Field("phone", "联系电话", aliases=("电话", "手机", "手机号码", "联系方式")),
    Field("since", "任职日期", "date", aliases=("任职时间", "当选日期", "当选时间", "任职起始日期")),
    Field("until", "离任日期", "date", aliases=("离任时间", "卸任日期", "卸任时间", "任职截止日期")),
)
# spellings met in lists for the officer roles (经审 is written short, 女职工委员会委员 long)
_ROLE_WORDS = (("副主席", "副主席"), ("主席", "主席"), ("经审", "经审委员"), ("经费审查", "经审委员"),
               ("女职工", "女职工委员"), ("女工", "女职工委员"), ("委员", "委员"))
_FACILITY_WORDS = (("之家", "职工之家"), ("书屋", "职工书屋"), ("服务点", "职工服务点"), ("服务站", "职工服务点"))


def role_value(value: Any) -> str:
    text = "".join(text_value(value).split())
    if text in OFFICER_ROLES:
        return text
    for word, role in _ROLE_WORDS:
        if word in text:
            return role
    return choice_value(text, OFFICER_ROLES, "职务", "role")


def facility_kind_value(value: Any) -> str:
    text = "".join(text_value(value).split())
    if text in FACILITY_KINDS:
        return text
    for word, kind in _FACILITY_WORDS:
        if word in text:
            return kind
    return choice_value(text, FACILITY_KINDS, "类型", "kind")


def level_value(value: Any) -> str:
    """区级 / 区 / 市级 … → the fixed level ('' when blank)."""
    text = "".join(text_value(value).split()).replace("级", "")
    return choice_value(text, LEVELS, "级别", "level", required=False)


def _facility_values(data: dict[str, Any]) -> dict[str, Any]:
    values = {"kind": facility_kind_value(data.get("kind")),
              "name": text_value(data.get("name")),
              "level": level_value(data.get("level")),
              "set_up_date": date_value(data.get("set_up_date"), "建立日期", "set_up_date"),
              "notes": text_value(data.get("notes"))}
    if not values["name"]:
        values["name"] = values["kind"]
    if not values["set_up_date"]:
        raise ValueFormatError("请填写建立日期", field="set_up_date")
    return values


def add_facility(store: Store, org_id: int, data: dict[str, Any]) -> int:
    values = _facility_values(data)
    with store.atomic():
        _check_union(store, org_id)
        return insert_row(store, "union_facilities", {"org_id": org_id, **values})


def get_facility(store: Store, facility_id: int) -> dict[str, Any] | None:
    return as_dict(store.one("SELECT * FROM union_facilities WHERE id = ? AND deleted_at IS NULL", (facility_id,)))


def update_facility(store: Store, facility_id: int, data: dict[str, Any]) -> None:
    """Correct a facility (its kind, name, level, date or notes)."""
    values = _facility_values(data)
    with store.atomic():
        if get_facility(store, facility_id) is None:
            raise UserError("要修改的阵地记录不存在，可能已被删除")
        update_row(store, "union_facilities", facility_id, values)


def merge_facility(store: Store, org_id: int, data: dict[str, Any]) -> str:
    """A 台账 row: the union's facility of that kind and name is updated, else added. 'new'/'changed'/'same'."""
    values = _facility_values(data)
    old = store.one("SELECT * FROM union_facilities WHERE org_id = ? AND kind = ? AND name = ? AND deleted_at IS NULL",
                    (org_id, values["kind"], values["name"]))
    if old is None:
        add_facility(store, org_id, data)
        return "new"
    if not values["level"]:
        values["level"] = old["level"]  # a blank cell keeps what is known
    if not values["notes"]:
        values["notes"] = old["notes"]
    if all(values[k] == old[k] for k in values):
        return "same"
    update_row(store, "union_facilities", old["id"], values)
    return "changed"


def facilities_of(store: Store, org_id: int) -> list[dict[str, Any]]:
    return [dict(r) for r in store.query(
        "SELECT * FROM union_facilities WHERE org_id = ? AND deleted_at IS NULL ORDER BY set_up_date", (org_id,))]


def delete_facilities(store: Store, ids: Iterable[int]) -> int:
    return soft_delete(store, "union_facilities", ids)


def _officer_values(data: dict[str, Any]) -> dict[str, Any]:
    name = "".join(text_value(data.get("name")).split())
    if not name:
        raise ValueFormatError("请填写姓名", field="name")
    values = {"role": role_value(data.get("role")), "name": name,
              "phone": phones.normalize_phone(data.get("phone")) if text_value(data.get("phone")) else "",
              "since": date_value(data.get("since"), "任职日期", "since"),
              "until": date_value(data.get("until"), "离任日期", "until")}
    if values["since"] and values["until"] and values["until"] < values["since"]:
        raise ValueFormatError("离任日期早于任职日期", field="until")
    return values


def _member_of(store: Store, org_id: int, name: str) -> int | None:
    """The officer on the roll: the member of that name in that org (None when not one, or two)."""
    ids = [r[0] for r in store.query("SELECT id FROM members WHERE name = ? AND org_id = ? AND deleted_at IS NULL",
                                     (name, org_id))]
    return ids[0] if len(ids) == 1 else None


def add_officer(store: Store, org_id: int, data: dict[str, Any]) -> int:
    values = _officer_values(data)
    with store.atomic():
        _check_union(store, org_id)
        values["member_id"] = _member_of(store, org_id, values["name"])
        return insert_row(store, "union_officers", {"org_id": org_id, **values})


def get_officer(store: Store, officer_id: int) -> dict[str, Any] | None:
    return as_dict(store.one("SELECT * FROM union_officers WHERE id = ? AND deleted_at IS NULL", (officer_id,)))


def update_officer(store: Store, officer_id: int, data: dict[str, Any]) -> None:
    """Correct an officer (role, name, phone, 任职/离任 dates)."""
    values = _officer_values(data)
    with store.atomic():
        old = get_officer(store, officer_id)
        if old is None:
            raise UserError("要修改的工会委员记录不存在，可能已被删除")
        values["member_id"] = _member_of(store, old["org_id"], values["name"])
        update_row(store, "union_officers", officer_id, values)


def end_officer(store: Store, officer_id: int, until: Any) -> None:
    """离任: the term ends on ``until``; the record stays (only serving officers are listed as such)."""
    old = get_officer(store, officer_id)
    if old is None:
        raise UserError("要登记离任的工会委员记录不存在，可能已被删除")
    day = date_value(until, "离任日期", "until")
    if not day:
        raise ValueFormatError("请填写离任日期", field="until")
    if day > dates.to_iso(dates.today()):
        raise ValueFormatError(f"离任日期 {day} 晚于今天，不能登记", field="until")
    update_officer(store, officer_id, {**old, "until": day})


def merge_officer(store: Store, org_id: int, data: dict[str, Any]) -> str:
    """A 委员名单 row: the union's officer of that role and name is updated (blank cells keep what is
    known), else added. 'new'/'changed'/'same'."""
    values = _officer_values(data)
    old = store.one("SELECT * FROM union_officers WHERE org_id = ? AND role = ? AND name = ? AND deleted_at IS NULL "
                    "ORDER BY until IS NULL DESC, id DESC LIMIT 1", (org_id, values["role"], values["name"]))
    if old is None:
        add_officer(store, org_id, data)
        return "new"
    merged = {k: (v or old[k]) for k, v in values.items()}
    if all(merged[k] == old[k] for k in merged):
        return "same"
    update_officer(store, old["id"], merged)
    return "changed"


def officers_of(store: Store, org_id: int, *, serving_only: bool = False) -> list[dict[str, Any]]:
    extra = " AND until IS NULL" if serving_only else ""
    order = "CASE role " + " ".join(f"WHEN '{r}' THEN {i}" for i, r in enumerate(OFFICER_ROLES)) + " END"
    return [dict(r) for r in store.query(
        f"SELECT * FROM union_officers WHERE org_id = ? AND deleted_at IS NULL{extra} "
        f"ORDER BY until IS NOT NULL, {order}, id", (org_id,))]


def delete_officers(store: Store, ids: Iterable[int]) -> int:
    return soft_delete(store, "union_officers", ids)


def find_officer(store: Store, org_id: int, name: Any, role: Any = None) -> dict[str, Any]:
    """The union's officer by name (and role when two records share the name): for the command line."""
    who = "".join(text_value(name).split())
    rows = [o for o in officers_of(store, org_id) if o["name"] == who
            and (not text_value(role) or o["role"] == role_value(role))]
    if not rows:
        raise UserError(f"该工会没有名为“{who}”的{role_value(role) if text_value(role) else '委员'}记录")
    serving = [o for o in rows if o["until"] is None]
    if len(serving or rows) > 1:
        raise UserError(f"“{who}”有 {len(serving or rows)} 条任职记录（{'、'.join(o['role'] for o in serving or rows)}），"
                        "请用 --role 指明职务")
    return (serving or rows)[0]


def find_facility(store: Store, org_id: int, kind: Any, name: Any = None) -> dict[str, Any]:
    """The union's facility of that kind (and name when it has two): for the command line."""
    wanted = facility_kind_value(kind)
    rows = [f for f in facilities_of(store, org_id) if f["kind"] == wanted
            and (not text_value(name) or f["name"] == text_value(name))]
    if not rows:
        raise UserError(f"该工会没有登记{wanted}" + (f"“{text_value(name)}”" if text_value(name) else ""))
    if len(rows) > 1:
        raise UserError(f"该工会登记了 {len(rows)} 个{wanted}（{'、'.join(f['name'] for f in rows)}），请用 --name 指明")
    return rows[0]


# ---------------------------------------------------------------- regional agreements


def create_agreement(store: Store, data: dict[str, Any], org_ids: Sequence[int]) -> int:
    """A 区域性/行业性 collective contract or 区域性职代会 and the orgs it covers (one transaction)."""
    values = {"kind": agreement_kind_value(data.get("kind")),
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


AGREEMENT_FIELDS: tuple[Field, ...] = (
    Field("kind", "类型", "choice", AGREEMENT_KINDS, required=True, aliases=("合同类型", "类别", "协议类型")),
    Field("name", "名称", required=True, aliases=("合同名称", "协议名称", "职代会名称", "区域（行业）名称")),
    Field("signed_date", "签订日期", "date", required=True, aliases=("签订（召开）日期", "签订时间", "召开日期",
                                                                  "召开时间", "签约日期")),
    Field("expiry_date", "到期日期", "date", aliases=("到期时间", "有效期至", "期满日期")),
    Field("workers_covered", "覆盖职工数", "int", aliases=("覆盖职工人数", "覆盖职工", "涉及职工人数")),
    Field("org_name", "覆盖单位", required=True, aliases=("覆盖企业", "单位名称", "企业名称", "单位", "覆盖单位名称",
                                                         "签约企业")),
    Field("notes", "备注", aliases=("说明",)),
)
_KIND_WORDS = (("职代会", "区域性职代会"), ("职工代表大会", "区域性职代会"), ("行业", "行业性集体合同"),
               ("区域", "区域性集体合同"))


def agreement_kind_value(value: Any) -> str:
    text = "".join(text_value(value).split())
    if text in AGREEMENT_KINDS:
        return text
    for word, kind in _KIND_WORDS:
        if word in text:
            return kind
    return choice_value(text, AGREEMENT_KINDS, "类型", "kind")


def merge_agreement(store: Store, data: dict[str, Any], org_ids: Sequence[int]) -> str:
    """A list's agreement: the live one of that kind, name and date gains the orgs it did not cover yet
    (and a given 到期日期/覆盖职工数), else it is created. 'new'/'changed'/'same'."""
    data = {**data, "kind": agreement_kind_value(data.get("kind"))}
    signed = date_value(data.get("signed_date"), "签订（召开）日期", "signed_date")
    old = store.one("SELECT * FROM regional_agreements WHERE kind = ? AND name = ? AND signed_date = ? "
                    "AND deleted_at IS NULL", (data["kind"], text_value(data.get("name")), signed))
    if old is None:
        create_agreement(store, data, org_ids)
        return "new"
    changes = {}
    expiry = date_value(data.get("expiry_date"), "到期日期", "expiry_date")
    if expiry and expiry != old["expiry_date"]:
        if expiry < old["signed_date"]:
            raise ValueFormatError("到期日期早于签订日期", field="expiry_date")
        changes["expiry_date"] = expiry
    workers = count_value(data.get("workers_covered"), "覆盖职工数", "workers_covered")
    if workers and workers != old["workers_covered"]:
        changes["workers_covered"] = workers
    with store.atomic():
        covered = {r[0] for r in store.query("SELECT org_id FROM regional_agreement_orgs WHERE agreement_id = ?",
                                             (old["id"],))}
        added = sorted(set(int(i) for i in org_ids) - covered)
        for org_id in added:
            _check_union(store, org_id)
            insert_row(store, "regional_agreement_orgs", {"agreement_id": old["id"], "org_id": org_id})
        if changes:
            update_row(store, "regional_agreements", old["id"], changes)
    return "changed" if added or changes else "same"


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
    """The live org called so today or once (更名); UserError naming the name otherwise."""
    hit = org_by_name(store, text_value(name))
    if hit is None:
        raise UserError(f"找不到单位“{text_value(name)}”", field="org_name") if text_value(name) else \
            UserError("请填写单位名称", field="org_name")
    return int(hit[0]["id"])


def standing_of(store: Store, org_id: int, year: int) -> dict[str, Any] | None:
    """The standing entered for this union and year (None when none was)."""
    row = store.one("SELECT * FROM union_standing WHERE org_id = ? AND year = ?", (org_id, year))
    return dict(row) if row else None
