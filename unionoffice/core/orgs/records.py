"""Orgs (单位/企业) and the union covering each: own union, a federation (工联会), or none.

A federation is itself an org record with ``is_federation = 1``; small orgs that joined it
(联合建会) point at it through ``federation_id``. Federations are unions, not employers, so they
are left out of employer counts and 建会率.
"""

from __future__ import annotations

from typing import Any, Iterable

from ..values import dates, names, phones
from . import values as org_values
from ..errors import UserError, ValueFormatError
from ..store.records import Field, as_dict, flag_value, insert_row, restore_deleted, soft_delete, update_row
from ..store.connection import Store

CATEGORIES = org_values.CATEGORIES
UNION_MODES = org_values.UNION_MODES
FEDERATION_KINDS = ("社区", "楼宇", "行业")
CONTRACT_KINDS = ("集体合同", "工资专项", "女职工专项")

ORG_FIELDS: tuple[Field, ...] = (
    Field("name", "单位名称", required=True, aliases=("单位", "企业名称", "单位全称", "名称", "企业")),
    Field("credit_code", "统一社会信用代码", aliases=("信用代码", "社会信用代码", "组织机构代码")),
    Field("category", "单位类别", "choice", CATEGORIES, aliases=("单位性质", "企业类型", "经济类型", "类别")),
    Field("industry", "行业", aliases=("所属行业", "行业类别")),
    Field("community", "所属社区", aliases=("社区",)),
    Field("address", "地址", aliases=("单位地址", "注册地址", "经营地址")),
    Field("contact", "联系人", aliases=("单位联系人", "联系人及电话", "联系人及联系电话", "联系人及联系方式")),
    Field("contact_phone", "联系电话", aliases=("电话", "单位电话", "联系方式", "手机", "手机号码", "联系手机")),
    Field("workers", "职工人数", "int", aliases=("职工数", "从业人数", "员工人数", "职工总数")),
    Field("women_workers", "女职工人数", "int", aliases=("其中女职工", "女职工", "女职工数", "女", "其中女", "女工")),
    Field("migrant_workers", "农民工人数", "int", aliases=("其中农民工", "农民工", "农民工数")),
    Field("is_federation", "是否工联会", "flag"),
    Field("federation_kind", "工联会类型", "choice", FEDERATION_KINDS),
    Field("union_mode", "建会方式", "choice", UNION_MODES, aliases=("建会情况", "是否建会", "建会形式")),
    Field("federation_id", "所属工联会", "ref", aliases=("联合工会", "工联会", "所属工会联合会", "所属联合工会")),
    Field("union_name", "工会名称", aliases=("基层工会名称",)),
    Field("union_founded", "建会日期", "date", aliases=("建会时间", "成立时间", "工会成立日期", "工会成立时间",
                                                        "建会年月", "组建时间")),
    Field("union_chair", "工会主席", aliases=("主席", "工会主席姓名", "主席姓名", "工会负责人", "工会主席及联系电话",
                                           "工会主席及电话", "工会主席及联系方式", "主席及电话")),
    Field("union_chair_phone", "主席电话", aliases=("工会主席电话", "主席联系电话", "主席手机", "工会主席手机",
                                                 "主席手机号码", "工会主席手机号码")),
    Field("term_years", "届期（年）", "int", aliases=("届期", "任期")),
    Field("term_start", "本届开始日期", "date", aliases=("本届选举时间", "选举日期", "选举时间", "上次换届时间",
                                                        "本届换届时间", "换届选举时间")),
    Field("term_expiry", "换届到期日", "date", aliases=("换届时间", "换届日期", "届满日期", "任期届满", "届满时间",
                                                       "下次换届时间", "应换届时间", "任期届满时间")),
    Field("fee_by_tax", "经费税务代收", "flag", aliases=("税务代收", "经费代收", "是否税务代收", "经费是否税务代收",
                                                      "工会经费税务代收")),
    Field("notes", "备注", aliases=("说明",)),
)

# The words ledgers use for the fixed choices, counts and terms are read in org_values.
normalize_category = org_values.normalize_category
normalize_union_mode = org_values.normalize_union_mode


def _count(value: Any, label: str, name: str) -> int:
    """A head-count; blank or '/' is 0 here (add_contract), validate_org leaves those out."""
    return org_values.parse_count(value, label, name) or 0


def validate_org(data: dict[str, Any]) -> dict[str, Any]:
    """Normalise the fields present in ``data``; raise ValueFormatError naming the field."""
    out: dict[str, Any] = {}
    for key, value in data.items():
        if key == "name":
            out["name"] = org_values.clean_name(value)
            out["name_pinyin"], out["name_initials"] = names.pinyin_keys(out["name"])
        elif key == "credit_code":
            out[key] = org_values.parse_credit_code(value)
        elif key == "category":
            out[key] = normalize_category(value)
        elif key == "union_mode":
            out[key] = normalize_union_mode(value)
        elif key in ("workers", "women_workers", "migrant_workers"):
            label = next(f.label for f in ORG_FIELDS if f.name == key)
            count = org_values.parse_count(value, label, key)
            if count is not None or value is None:  # '/' leaves the count as it was
                out[key] = count or 0
        elif key == "term_years":
            out[key] = org_values.parse_term_years(value)
        elif key in ("union_founded", "term_start", "term_expiry"):
            out[key] = dates.to_iso(dates.parse_date(value)) or None
        elif key == "fee_by_tax":
            out[key] = org_values.parse_fee_by_tax(value)
        elif key == "is_federation":
            out[key] = flag_value(value)
        elif key in ("contact_phone", "union_chair_phone"):
            out[key] = phones.normalize_phone(value)
        elif key == "federation_id":
            out[key] = int(value) if value not in (None, "") else None
        else:
            out[key] = str(value if value is not None else "").strip()
    _check_consistency(out)
    return out


def _check_consistency(org: dict[str, Any]) -> None:
    workers = org.get("workers")
    for key, label in (("women_workers", "女职工人数"), ("migrant_workers", "农民工人数")):
        if workers is not None and org.get(key) is not None and org[key] > workers:
            raise ValueFormatError(f"{label}（{org[key]}）不能多于职工人数（{workers}）", field=key)
    if org.get("union_mode") and org["union_mode"] != "联合建会" and org.get("federation_id"):
        org["federation_id"] = None  # only 联合建会 points at a federation
    start, expiry = org.get("term_start"), org.get("term_expiry")
    if start and expiry and expiry < start:
        raise ValueFormatError(f"换届到期日（{expiry}）不能早于本届开始日期（{start}）", field="term_expiry")
    if org.get("is_federation") and not org.get("union_mode"):
        org["union_mode"] = "独立建会"  # a federation is a union in its own right


# ------------------------------------------------------------------ writing


def create_org(store: Store, data: dict[str, Any]) -> int:
    values = validate_org(data)
    if "name" not in values:
        raise ValueFormatError("单位名称不能为空", field="name")
    with store.atomic():
        _check_unique(store, values)
        _check_federation(store, values.get("federation_id"), None)
        return insert_row(store, "orgs", values)


def update_org(store: Store, org_id: int, changes: dict[str, Any]) -> None:
    values = validate_org(changes)
    with store.atomic():
        _check_unique(store, values, org_id)
        _check_federation(store, values.get("federation_id"), org_id)
        old = store.one("SELECT workers, needs_completion FROM orgs WHERE id = ?", (org_id,))
        if old and old["needs_completion"] and completes(values, old["workers"]):
            values["needs_completion"] = 0
        update_row(store, "orgs", org_id, values)


def completes(values: dict[str, Any], workers_before: int) -> bool:
    """A 待补全 org is complete once it is given a 建会方式 and has a head-count."""
    return "union_mode" in values and (values.get("workers", workers_before) or 0) > 0


def delete_orgs(store: Store, ids: Iterable[int]) -> int:
    """To the recycle bin. An org that still has members in it is refused."""
    ids = list(ids)
    with store.atomic():
        for org_id in ids:
            n = store.scalar(
                "SELECT count(*) FROM members WHERE org_id = ? AND deleted_at IS NULL", (org_id,)
            )
            if n:
                name = store.scalar("SELECT name FROM orgs WHERE id = ?", (org_id,))
                raise UserError(f"单位“{name}”还有 {n} 名会员，请先把他们转出或删除")
            covered = store.scalar(
                "SELECT count(*) FROM orgs WHERE federation_id = ? AND deleted_at IS NULL", (org_id,)
            )
            if covered:
                name = store.scalar("SELECT name FROM orgs WHERE id = ?", (org_id,))
                raise UserError(f"工联会“{name}”还覆盖着 {covered} 个单位，请先调整它们的建会方式")
        return soft_delete(store, "orgs", ids)


def restore_orgs(store: Store, ids: Iterable[int]) -> int:
    def no_clash(org_id: int) -> None:
        row = store.one("SELECT name, credit_code FROM orgs WHERE id = ?", (org_id,))
        _check_unique(store, {"name": row["name"], "credit_code": row["credit_code"]}, org_id)

    return restore_deleted(store, "orgs", ids, no_clash)


def _check_unique(store: Store, values: dict[str, Any], own_id: int | None = None) -> None:
    own = own_id or 0
    if values.get("name"):
        other = store.scalar(
            "SELECT id FROM orgs WHERE name = ? AND deleted_at IS NULL AND id <> ?", (values["name"], own)
        )
        if other:
            raise ValueFormatError(f"已有名为“{values['name']}”的单位", field="name")
    if values.get("credit_code"):
        other = store.one(
            "SELECT name FROM orgs WHERE credit_code = ? AND deleted_at IS NULL AND id <> ?",
            (values["credit_code"], own),
        )
        if other:
            raise ValueFormatError(
                f"统一社会信用代码 {values['credit_code']} 已属于“{other['name']}”", field="credit_code"
            )


def _check_federation(store: Store, federation_id: int | None, own_id: int | None) -> None:
    if not federation_id:
        return
    if federation_id == own_id:
        raise ValueFormatError("单位不能由自己组成的工联会覆盖", field="federation_id")
    row = store.one("SELECT is_federation, deleted_at FROM orgs WHERE id = ?", (federation_id,))
    if row is None or row["deleted_at"] is not None or not row["is_federation"]:
        raise ValueFormatError("所选的工联会不存在或不是工联会", field="federation_id")


# ------------------------------------------------------------------ reading


def get_org(store: Store, org_id: int) -> dict[str, Any] | None:
    return as_dict(store.one("SELECT * FROM orgs WHERE id = ?", (org_id,)))


def find_org_by_name(store: Store, name: str) -> dict[str, Any] | None:
    return as_dict(
        store.one("SELECT * FROM orgs WHERE name = ? AND deleted_at IS NULL", (str(name).strip(),))
    )


def org_choices(store: Store, *, federations_only: bool = False) -> list[tuple[int, str]]:
    """(id, name) of live orgs for pickers, in pinyin order."""
    where = "deleted_at IS NULL" + (" AND is_federation = 1" if federations_only else "")
    return [(r["id"], r["name"]) for r in store.query(f"SELECT id, name FROM orgs WHERE {where} ORDER BY name_pinyin")]


def is_covered(org: dict[str, Any]) -> bool:
    """Covered by a union: its own, or a federation's (联合建会)."""
    return org.get("union_mode") in ("独立建会", "联合建会")


# ---------------------------------------------------------------- contracts


def add_contract(store: Store, org_id: int, kind: str, signed: Any, expiry: Any = None, workers_covered: Any = 0, notes: str = "") -> int:
    if kind not in CONTRACT_KINDS:
        raise ValueFormatError(f"合同类型“{kind}”无法识别，应为：{'、'.join(CONTRACT_KINDS)}", field="kind")
    signed_d = dates.parse_date(signed)
    if signed_d is None:
        raise ValueFormatError("请填写签订日期", field="signed_date")
    expiry_d = dates.parse_date(expiry)
    if expiry_d is not None and expiry_d < signed_d:
        raise ValueFormatError("到期日期不能早于签订日期", field="expiry_date")
    values = {
        "org_id": org_id,
        "kind": kind,
        "signed_date": dates.to_iso(signed_d),
        "expiry_date": dates.to_iso(expiry_d) or None,
        "workers_covered": _count(workers_covered, "覆盖职工人数", "workers_covered"),
        "notes": notes.strip(),
    }
    return insert_row(store, "org_contracts", values)


def contracts_of(store: Store, org_id: int) -> list[dict[str, Any]]:
    rows = store.query(
        "SELECT * FROM org_contracts WHERE org_id = ? ORDER BY kind, signed_date DESC", (org_id,)
    )
    return [as_dict(r) for r in rows]


def credit_codes(store: Store) -> dict[int, str]:
    """Every org's 统一社会信用代码 by id (the recycle bin too: a tax list may name one)."""
    return {r["id"]: r["credit_code"] for r in store.query("SELECT id, credit_code FROM orgs")}


def union_names(store: Store) -> dict[int, str]:
    """Every org's 工会名称 by id, for letters addressed to the union."""
    return {r["id"]: r["union_name"] for r in store.query("SELECT id, union_name FROM orgs")}


def live_org_names(store: Store) -> list[str]:
    """The names of the orgs on the register (not in the recycle bin), for pick lists."""
    return [r[0] for r in store.query("SELECT name FROM orgs WHERE deleted_at IS NULL ORDER BY name")]
