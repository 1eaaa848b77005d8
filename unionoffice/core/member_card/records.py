"""会员服务卡 (member service cards): one record per member with the day the member's information
was collected (信息采集), the day the card was made (制卡) and its number.

The card office sends lists of collected / made cards; ``apply_card_rows`` takes such a list's
rows (matched to the roll by 身份证号) in one transaction. A date already recorded is changed only
when the list gives a different one, and never cleared by a blank cell.
"""

from __future__ import annotations

from typing import Any, Iterable

from ..errors import UserError, ValueFormatError
from ..store.connection import Store
from ..store.records import (
    Field, as_dict, date_value, insert_row, restore_deleted, soft_delete, text_value, update_row,
)
from ..values import dates
from ..values.ids import normalize_id_number

FIELDS: tuple[Field, ...] = (
    Field("name", "姓名", aliases=("会员姓名", "职工姓名")),
    Field("id_number", "身份证号", required=True, aliases=("身份证号码", "公民身份号码", "证件号码", "身份证")),
    Field("collected_date", "信息采集日期", "date", aliases=("采集日期", "采集时间", "信息采集时间")),
    Field("made_date", "制卡日期", "date", aliases=("制卡时间", "发卡日期", "发卡时间")),
    Field("card_no", "卡号", aliases=("服务卡号", "会员服务卡号", "卡片号", "卡号码")),
    Field("notes", "备注"),
)


def validate_card(data: dict[str, Any]) -> dict[str, Any]:
    out = {"collected_date": date_value(data.get("collected_date"), "信息采集日期", "collected_date"),
           "made_date": date_value(data.get("made_date"), "制卡日期", "made_date"),
           "card_no": "".join(text_value(data.get("card_no")).split()), "notes": text_value(data.get("notes"))}
    if not out["collected_date"] and not out["made_date"]:
        raise ValueFormatError("请填写信息采集日期或制卡日期", field="collected_date")
    today = dates.to_iso(dates.today())
    for key, label in (("collected_date", "信息采集日期"), ("made_date", "制卡日期")):
        if out[key] and out[key] > today:
            raise ValueFormatError(f"{label} {out[key]} 晚于今天，请核对", field=key)
    if out["made_date"] and out["collected_date"] and out["made_date"] < out["collected_date"]:
        raise ValueFormatError(f"制卡日期 {out['made_date']} 早于信息采集日期 {out['collected_date']}", field="made_date")
    return out


def member_by_id_number(store: Store, raw: Any) -> dict[str, Any]:
    id_number = normalize_id_number(raw)
    row = store.one("SELECT id, name FROM members WHERE id_number = ? AND deleted_at IS NULL", (id_number,))
    if row is None:
        raise ValueFormatError(f"身份证号 {id_number} 不在会员名册中", field="id_number")
    return dict(row)


def _check_card_no(store: Store, card_no: str, own_member: int) -> None:
    if not card_no:
        return
    row = store.one("SELECT m.name FROM member_cards c JOIN members m ON m.id = c.member_id "
                    "WHERE c.card_no = ? AND c.deleted_at IS NULL AND c.member_id <> ?", (card_no, own_member))
    if row:
        raise ValueFormatError(f"卡号 {card_no} 已登记给会员“{row['name']}”", field="card_no")


def save_card(store: Store, member_id: int, data: dict[str, Any]) -> int:
    """Create or replace the member's card record (the form's save); returns its id."""
    values = validate_card(data)
    with store.atomic():
        if store.one("SELECT 1 FROM members WHERE id = ? AND deleted_at IS NULL", (member_id,)) is None:
            raise UserError("所选会员不存在或已删除")
        _check_card_no(store, values["card_no"], member_id)
        row = store.one("SELECT id, deleted_at FROM member_cards WHERE member_id = ?", (member_id,))
        if row is None:
            return insert_row(store, "member_cards", {"member_id": member_id, **values})
        update_row(store, "member_cards", row["id"], {**values, "deleted_at": None})
        return int(row["id"])


def merge_card(store: Store, member_id: int, data: dict[str, Any]) -> str:
    """A list row onto the member's record: 'new', 'changed' or 'same'. Blank cells keep what is there."""
    incoming = validate_card(data)
    old = store.one("SELECT * FROM member_cards WHERE member_id = ? AND deleted_at IS NULL", (member_id,))
    if old is None:
        save_card(store, member_id, data)
        return "new"
    merged = {k: (incoming[k] or old[k]) for k in ("collected_date", "made_date", "card_no", "notes")}
    if all(merged[k] == old[k] for k in merged):
        return "same"
    save_card(store, member_id, merged)
    return "changed"


def delete_cards(store: Store, ids: Iterable[int]) -> int:
    return soft_delete(store, "member_cards", ids)


def restore_cards(store: Store, ids: Iterable[int]) -> int:
    return restore_deleted(store, "member_cards", ids)


def card_of_member(store: Store, member_id: int) -> dict[str, Any] | None:
    return as_dict(store.one("SELECT * FROM member_cards WHERE member_id = ? AND deleted_at IS NULL", (member_id,)))


def list_cards(store: Store, *, text: str = "", year: int | None = None) -> list[dict[str, Any]]:
    """Live card records with the member's name, ID and org; newest activity first."""
    sql = ("SELECT c.*, m.name, m.id_number, coalesce(o.name, '') AS org_name FROM member_cards c "
           "JOIN members m ON m.id = c.member_id LEFT JOIN orgs o ON o.id = m.org_id WHERE c.deleted_at IS NULL")
    params: list[Any] = []
    if year:
        sql += " AND (substr(c.collected_date, 1, 4) = ? OR substr(c.made_date, 1, 4) = ?)"
        params += [str(year), str(year)]
    if text.strip():
        sql += " AND (m.name LIKE ? OR m.id_number LIKE ? OR c.card_no LIKE ?)"
        params += [f"%{text.strip()}%"] * 3
    sql += " ORDER BY max(coalesce(c.collected_date, ''), coalesce(c.made_date, '')) DESC, c.id DESC"
    return [dict(r) for r in store.query(sql, params)]
