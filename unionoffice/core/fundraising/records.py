"""Fundraising (募捐 / 特殊会费): a campaign records the contributions received, from an org or a
person, each with its amount (fen), date and 收据号.

The money raised is kept apart from the assistance paid out of it: assistance stays in the
assistance area (帮扶慰问) with its own campaigns; nothing here is ever netted against it.
"""

from __future__ import annotations

from typing import Any, Iterable

from ..errors import UserError, ValueFormatError
from ..orgs.lifecycle import org_by_name
from ..store.connection import Store
from ..store.records import (
    Field, as_dict, choice_value, find_by_name_or_id, insert_row, restore_deleted, soft_delete,
    soft_delete_with_children, text_value, update_row,
)
from ..values import dates, money
from ..values.ids import normalize_id_number

CAMPAIGN_KINDS = ("募捐", "特殊会费")
DONOR_KINDS = ("单位", "个人")

CONTRIBUTION_FIELDS: tuple[Field, ...] = (
    Field("donor_kind", "捐款方", "choice", DONOR_KINDS, aliases=("单位/个人",)),
    Field("donor_name", "捐款单位/个人", required=True, aliases=("捐款人", "捐款单位", "姓名", "单位名称", "缴纳人")),
    Field("id_number", "身份证号", aliases=("身份证号码",)),
    Field("amount", "金额", "money", required=True, aliases=("捐款金额", "金额（元）", "金额(元)", "缴纳金额")),
    Field("paid_date", "日期", "date", required=True, aliases=("捐款日期", "缴纳日期", "收款日期")),
    Field("receipt_no", "收据号", aliases=("收据编号", "票据号", "收据号码")),
    Field("notes", "备注"),
)


def _date(value: Any, label: str, field: str, required: bool) -> str | None:
    iso = dates.to_iso(dates.parse_date(value)) or None
    if required and not iso:
        raise ValueFormatError(f"请填写{label}", field=field)
    return iso


def validate_campaign(data: dict[str, Any]) -> dict[str, Any]:
    out = {"name": text_value(data.get("name")), "kind": choice_value(data.get("kind"), CAMPAIGN_KINDS, "类型", "kind"),
           "start_date": _date(data.get("start_date"), "开始日期", "start_date", True),
           "end_date": _date(data.get("end_date"), "结束日期", "end_date", False),
           "purpose": text_value(data.get("purpose")), "notes": text_value(data.get("notes"))}
    if not out["name"]:
        raise ValueFormatError("请填写募集活动名称", field="name")
    if out["end_date"] and out["end_date"] < out["start_date"]:
        raise ValueFormatError("结束日期早于开始日期", field="end_date")
    return out


def create_campaign(store: Store, data: dict[str, Any]) -> int:
    values = validate_campaign(data)
    with store.atomic():
        if store.one("SELECT 1 FROM fund_campaigns WHERE name = ? AND deleted_at IS NULL", (values["name"],)):
            raise ValueFormatError(f"已有名为“{values['name']}”的募集活动", field="name")
        return insert_row(store, "fund_campaigns", values)


def update_campaign(store: Store, campaign_id: int, data: dict[str, Any]) -> None:
    update_row(store, "fund_campaigns", campaign_id, validate_campaign(data))


def delete_campaigns(store: Store, ids: Iterable[int]) -> int:
    """A campaign goes to the recycle bin with its contributions (one transaction)."""
    return soft_delete_with_children(store, "fund_campaigns", ids, "fund_contributions", "fund_campaign_id")


def find_campaign(store: Store, name_or_id: Any) -> dict[str, Any]:
    return find_by_name_or_id(store, "fund_campaigns", "name", name_or_id, "募集活动")


def list_campaigns(store: Store) -> list[dict[str, Any]]:
    """Live campaigns with what each raised so far, newest first."""
    return [dict(r) for r in store.query(
        "SELECT c.*, count(k.id) AS contributions, coalesce(sum(k.amount), 0) AS raised FROM fund_campaigns c "
        "LEFT JOIN fund_contributions k ON k.fund_campaign_id = c.id AND k.deleted_at IS NULL "
        "WHERE c.deleted_at IS NULL GROUP BY c.id ORDER BY c.start_date DESC, c.id DESC")]


def validate_contribution(store: Store, data: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {"donor_name": text_value(data.get("donor_name")), "member_id": None, "org_id": None}
    raw_id = text_value(data.get("id_number"))
    if data.get("member_id") or raw_id:
        row = store.one("SELECT id, name, org_id FROM members WHERE deleted_at IS NULL AND (id = ? OR id_number = ?)",
                        (data.get("member_id") or 0, normalize_id_number(raw_id) if raw_id else ""))
        if row is None:
            raise ValueFormatError("身份证号不在会员名册中（非会员捐款不填身份证号）", field="id_number")
        out["member_id"], out["donor_name"] = row["id"], out["donor_name"] or row["name"]
    org = org_by_name(store, out["donor_name"])  # today's name or a former one (更名), as written on the list
    kind = text_value(data.get("donor_kind")) or ("个人" if out["member_id"] else "")
    if not kind:
        kind = "单位" if org else "个人"
    out["donor_kind"] = choice_value(kind, DONOR_KINDS, "捐款方", "donor_kind")
    if not out["donor_name"]:
        raise ValueFormatError("请填写捐款单位或个人", field="donor_name")
    if out["donor_kind"] == "单位" and org:
        out["org_id"] = org[0]["id"]
    out["amount"] = money.parse_money(data.get("amount"))
    if out["amount"] <= 0:
        raise ValueFormatError("金额应大于 0", field="amount")
    out["paid_date"] = _date(data.get("paid_date"), "日期", "paid_date", True)
    out["receipt_no"] = "".join(text_value(data.get("receipt_no")).split())
    out["notes"] = text_value(data.get("notes"))
    return out


def _check_receipt(store: Store, receipt_no: str, own_id: int = 0) -> None:
    if receipt_no and store.one("SELECT 1 FROM fund_contributions WHERE receipt_no = ? AND deleted_at IS NULL "
                                "AND id <> ?", (receipt_no, own_id)):
        raise ValueFormatError(f"收据号 {receipt_no} 已登记过，请核对是否重复录入", field="receipt_no")


def add_contribution(store: Store, campaign_id: int, data: dict[str, Any]) -> int:
    values = validate_contribution(store, data)
    with store.atomic():
        campaign = store.one("SELECT start_date FROM fund_campaigns WHERE id = ? AND deleted_at IS NULL", (campaign_id,))
        if campaign is None:
            raise UserError("募集活动不存在或已删除")
        _check_receipt(store, values["receipt_no"])
        return insert_row(store, "fund_contributions", {"fund_campaign_id": campaign_id, **values})


def update_contribution(store: Store, contribution_id: int, data: dict[str, Any]) -> None:
    values = validate_contribution(store, data)
    with store.atomic():
        _check_receipt(store, values["receipt_no"], contribution_id)
        update_row(store, "fund_contributions", contribution_id, values)


def edit_contribution(store: Store, contribution_id: int, changes: dict[str, Any]) -> None:
    """Correct a contribution naming only what changes (the command line); the rest keeps what is
    stored. An ID number given as '' unlinks the member."""
    with store.atomic():
        old = get_contribution(store, contribution_id)
        if old is None:
            raise UserError(f"捐款 {contribution_id} 不存在或已删除")
        given = {k: v for k, v in changes.items() if v is not None}
        if "id_number" in given:
            old["member_id"] = None
        update_contribution(store, contribution_id, {**old, "amount": money.format_money(old["amount"]), **given})


def delete_contributions(store: Store, ids: Iterable[int]) -> int:
    return soft_delete(store, "fund_contributions", ids)


def restore_contributions(store: Store, ids: Iterable[int]) -> int:
    return restore_deleted(store, "fund_contributions", ids)


def get_contribution(store: Store, contribution_id: int) -> dict[str, Any] | None:
    return as_dict(store.one("SELECT * FROM fund_contributions WHERE id = ? AND deleted_at IS NULL",
                             (contribution_id,)))


def list_contributions(store: Store, campaign_id: int | None = None) -> list[dict[str, Any]]:
    sql = ("SELECT k.*, c.name AS campaign_name, c.kind AS campaign_kind, coalesce(m.id_number, '') AS id_number "
           "FROM fund_contributions k JOIN fund_campaigns c ON c.id = k.fund_campaign_id "
           "LEFT JOIN members m ON m.id = k.member_id WHERE k.deleted_at IS NULL AND c.deleted_at IS NULL")
    params: list[Any] = []
    if campaign_id:
        sql += " AND k.fund_campaign_id = ?"
        params.append(campaign_id)
    return [dict(r) for r in store.query(sql + " ORDER BY k.paid_date, k.id", params)]


def contributions_for_receipt(store: Store, ids: Iterable[int]) -> list[dict[str, Any]]:
    """The chosen live contributions with their campaign's name, kind and purpose, in the order given."""
    ids = [int(i) for i in ids]
    if not ids:
        raise UserError("请选择要打印收据的捐款")
    rows = {r["id"]: dict(r) for r in store.query(
        "SELECT k.*, c.name AS campaign_name, c.kind AS campaign_kind, c.purpose FROM fund_contributions k "
        "JOIN fund_campaigns c ON c.id = k.fund_campaign_id WHERE k.deleted_at IS NULL AND c.deleted_at IS NULL "
        f"AND k.id IN ({', '.join('?' * len(ids))})", ids)}
    missing = [i for i in ids if i not in rows]
    if missing:
        raise UserError(f"找不到编号为 {missing[0]} 的捐款（或已在回收站中）")
    return [rows[i] for i in ids]
