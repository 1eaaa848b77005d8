"""Assistance (帮扶/慰问): one payment or gift to one person, in a campaign or on its own.

The person on a row is a snapshot (name, 身份证号, 工作单位, 困难类别 at the time) so that paper already
signed never changes when the roll does. Money is integer fen; goods carry a description and a value.

Locking — the rule that matters most: once a row is printed for signature it is ``locked`` and the
database itself (triggers in migration 2) refuses edits and deletes. A mistake is fixed by a
correcting entry (``reversal_of`` = the original row) holding the difference, which is printed in
its turn; totals are plain sums over the rows, so originals plus corrections net out.

Campaigns (batches) are in ``campaigns``; lists and per-person history in ``assistance_query``.
"""

from __future__ import annotations


from contextlib import contextmanager
from typing import Any, Iterable, Iterator

from ..store.driver import sqlite
from ..values import dates
from ..errors import UserError, ValueFormatError
from ..values.ids import id_gender, mask_id_number, normalize_id_number
from ..values.money import format_money, parse_money
from ..store.records import Field, as_dict, choice_value, insert_row, restore_deleted, soft_delete, text_value
from ..store.connection import Store, now_text

KINDS = ("元旦春节送温暖", "金秋助学", "夏送清凉", "大病救助", "生病住院慰问", "临时救助", "劳模慰问", "其他")
FUNDING_SOURCES = ("市总", "区总", "街道总工会", "企业", "社会捐赠")
METHODS = ("现金", "银行转账")
STATUSES = ("拟发", "已发", "已签领")

ASSISTANCE_FIELDS: tuple[Field, ...] = (
    Field("name", "姓名", required=True),
    Field("gender", "性别"),
    Field("id_number", "身份证号", required=True),
    Field("org_name", "工作单位"),
    Field("category", "困难类别"),
    Field("kind", "慰问类别", "choice", KINDS, required=True),
    Field("campaign_id", "慰问活动", "ref"),
    Field("paid_date", "发放日期", "date", required=True),
    Field("amount", "金额", "money"),
    Field("goods", "实物"),
    Field("goods_value", "实物折合金额", "money"),
    Field("funding_source", "资金来源", "choice", FUNDING_SOURCES, required=True),
    Field("method", "发放方式", "choice", METHODS),
    Field("status", "状态", "choice", STATUSES),
    Field("receipt_no", "收据号"),
    Field("signed_date", "签领日期", "date"),
    Field("handler", "经办人"),
    Field("notes", "备注"),
)
LABELS = {f.name: f.label for f in ASSISTANCE_FIELDS}

PERSON_KEYS = ("member_id", "hardship_file_id", "name", "gender", "id_number", "org_name", "category")
# What a clerk may change on a row that is not locked; on a campaign row kind/source/date follow the campaign.
EDITABLE = ("amount", "goods", "goods_value", "paid_date", "method", "handler", "notes", "kind", "funding_source")
CAMPAIGN_OWNED = ("kind", "funding_source", "paid_date")


@contextmanager
def db_rules() -> Iterator[None]:
    """Turn a refusal by a database trigger or constraint into a message for the clerk."""
    try:
        yield
    except sqlite.IntegrityError as exc:
        text = str(exc)
        if "assistance_campaign_person" in text or "assistance.campaign_id, assistance.id_number" in text:
            raise UserError("此人已在本次慰问名单中") from None
        if any("\u4e00" <= ch <= "\u9fff" for ch in text):  # a trigger's own Chinese message
            raise UserError(text) from None
        raise UserError(f"保存被数据库拒绝：{text}") from None


def parse_fen(value: Any, field: str, *, allow_negative: bool = False) -> int:
    """Money typed or stored (int fen passes through as is) → fen, errors naming the field."""
    if isinstance(value, int) and not isinstance(value, bool):
        fen = value
    elif value in (None, ""):
        fen = 0
    else:
        try:
            fen = parse_money(value)
        except ValueFormatError as exc:
            raise ValueFormatError(f"{LABELS[field]}：{exc}", field=field) from None
    if fen < 0 and not allow_negative:
        raise ValueFormatError(f"{LABELS[field]}不能为负数", field=field)
    return fen


def validate_assistance(data: dict[str, Any]) -> dict[str, Any]:
    """Normalise the non-person fields present in ``data``. Money may be given as int fen or as
    text in yuan ('500', '1,234.50元')."""
    out: dict[str, Any] = {}
    for key, value in data.items():
        if key in ("amount", "goods_value"):
            out[key] = parse_fen(value, key)
        elif key == "kind":
            out[key] = choice_value(value, KINDS, LABELS[key], key)
        elif key == "funding_source":
            out[key] = choice_value(value, FUNDING_SOURCES, LABELS[key], key)
        elif key == "method":
            out[key] = choice_value(value, METHODS, LABELS[key], key)
        elif key == "paid_date":
            try:
                out[key] = dates.to_iso(value)
            except ValueFormatError as exc:
                raise ValueFormatError(f"发放日期：{exc}", field=key) from None
            if not out[key]:
                raise ValueFormatError("请填写发放日期", field=key)
        elif key in ("goods", "handler", "notes"):
            out[key] = text_value(value)
        elif key == "campaign_id":
            out[key] = int(value) if value not in (None, "") else None
        elif key in PERSON_KEYS:
            continue  # resolved by resolve_person
        else:
            raise ValueFormatError(f"慰问记录没有“{key}”这一项", field=key)
    # goods_value without goods is refused where the whole row is known (insert_assistance,
    # update_assistance): a change of goods_value alone keeps the goods already recorded
    return out


# ------------------------------------------------------------------ the person


def resolve_person(store: Store, person: dict[str, Any] | str) -> dict[str, Any]:
    """The snapshot for a row: from a hardship file, a member, or a free name + 身份证号.

    ``person`` is a dict with ``hardship_file_id`` or ``member_id`` or ``name`` + ``id_number``
    (+ ``org_name``), or just a 身份证号. A free 身份证号 that belongs to a member or a filed worker is
    linked to them (a typed name that contradicts the roll is refused).
    """
    if isinstance(person, str):
        person = {"id_number": person}
    if person.get("hardship_file_id"):
        return _from_file(store, int(person["hardship_file_id"]))
    if person.get("member_id"):
        return _from_member(store, int(person["member_id"]))
    name = "".join(text_value(person.get("name")).split())
    id_number = normalize_id_number(person.get("id_number"))
    found = store.one("SELECT id, name FROM members WHERE id_number = ? AND deleted_at IS NULL", (id_number,))
    if found is None:
        found_file = store.one("SELECT id, name FROM hardship_files WHERE id_number = ? AND deleted_at IS NULL",
                               (id_number,))
        if found_file is not None:
            _same_name(name, found_file["name"], id_number, "困难档案")
            return _from_file(store, found_file["id"])
    else:
        _same_name(name, found["name"], id_number, "会员")
        return _from_member(store, found["id"])
    if not name:
        raise ValueFormatError("请填写姓名", field="name")
    return {"member_id": None, "hardship_file_id": None, "name": name, "gender": id_gender(id_number),
            "id_number": id_number, "org_name": text_value(person.get("org_name")), "category": ""}


def _same_name(typed: str, on_record: str, id_number: str, where: str) -> None:
    if typed and typed != on_record:
        raise ValueFormatError(f"身份证号 {mask_id_number(id_number)} 在{where}中是“{on_record}”，与填写的姓名“{typed}”不符",
                               field="name")


def _from_file(store: Store, file_id: int) -> dict[str, Any]:
    row = store.one(
        "SELECT h.*, coalesce(m.name, h.name) AS person, coalesce(o.name, h.org_name, '') AS org "
        "FROM hardship_files h LEFT JOIN members m ON m.id = h.member_id "
        "LEFT JOIN orgs o ON o.id = coalesce(m.org_id, h.org_id) WHERE h.id = ? AND h.deleted_at IS NULL",
        (file_id,))
    if row is None:
        raise ValueFormatError("所选困难档案不存在或已删除", field="hardship_file_id")
    return {"member_id": row["member_id"], "hardship_file_id": row["id"], "name": row["person"],
            "gender": row["gender"] or id_gender(row["id_number"]), "id_number": row["id_number"],
            "org_name": row["org"], "category": row["category"] if row["status"] == "在档" else ""}


def _from_member(store: Store, member_id: int) -> dict[str, Any]:
    row = store.one("SELECT m.*, o.name AS org FROM members m LEFT JOIN orgs o ON o.id = m.org_id "
                    "WHERE m.id = ? AND m.deleted_at IS NULL", (member_id,))
    if row is None:
        raise ValueFormatError("所选会员不存在或已删除", field="member_id")
    if not row["id_number"]:
        raise ValueFormatError(f"会员“{row['name']}”没有身份证号，请先在会员名册中补全", field="id_number")
    file = store.one("SELECT id, category, status FROM hardship_files WHERE id_number = ? AND deleted_at IS NULL",
                     (row["id_number"],))
    return {"member_id": row["id"], "hardship_file_id": file["id"] if file else None, "name": row["name"],
            "gender": row["gender"] or id_gender(row["id_number"]), "id_number": row["id_number"],
            "org_name": row["org"] or "", "category": file["category"] if file and file["status"] == "在档" else ""}


def person_label(person: dict[str, Any]) -> str:
    """'张三（身份证号 440303********1234）' for messages."""
    return f"{person['name']}（身份证号 {mask_id_number(person['id_number'])}）"


# ------------------------------------------------------------------ writing


def insert_assistance(store: Store, person: dict[str, Any], values: dict[str, Any]) -> int:
    """Insert one row for a resolved person (used by campaigns and single payments)."""
    row = {k: person.get(k) for k in PERSON_KEYS}
    row.update(values)
    row.setdefault("handler", store.user)
    if row.get("goods_value") and not row.get("goods"):
        raise ValueFormatError("填写了实物折合金额，请写明实物内容", field="goods")
    with store.atomic(), db_rules():
        return insert_row(store, "assistance", row)


def add_single_payment(store: Store, person: dict[str, Any] | str, data: dict[str, Any]) -> int:
    """A payment outside any campaign (e.g. 生病住院慰问 for one member); returns its id."""
    values = validate_assistance({"paid_date": dates.today(), "method": "现金", **data})
    values.pop("campaign_id", None)
    for key in ("kind", "funding_source"):
        if key not in values:
            raise ValueFormatError(f"请选择{LABELS[key]}", field=key)
    if not values.get("amount") and not values.get("goods_value"):
        raise ValueFormatError("请填写金额或实物折合金额", field="amount")
    with store.atomic():
        return insert_assistance(store, resolve_person(store, person), values)


def get_assistance(store: Store, assistance_id: int) -> dict[str, Any]:
    row = as_dict(store.one("SELECT * FROM assistance WHERE id = ?", (assistance_id,)))
    if row is None:
        raise UserError("慰问记录不存在")
    return row


def _refuse_if_locked(row: dict[str, Any], what: str) -> None:
    if row["locked"]:
        raise UserError(f"{row['name']}的这笔慰问已打印交签领，已锁定，不能{what}；如有错误，请做一笔更正记录")


def update_assistance(store: Store, assistance_id: int, changes: dict[str, Any]) -> None:
    """Change amount, goods, method, notes … of a row not yet printed for signature."""
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        field = sorted(unknown)[0]
        raise ValueFormatError(f"“{LABELS.get(field, field)}”不能在这里修改", field=field)
    values = validate_assistance(changes)
    with store.atomic(), db_rules():
        row = get_assistance(store, assistance_id)
        _refuse_if_locked(row, "修改")
        if row["deleted_at"]:
            raise UserError("该慰问记录在回收站中，请先恢复")
        if row["campaign_id"] is not None:
            owned = [k for k in CAMPAIGN_OWNED if k in values and values[k] != row[k]]
            if owned:
                raise ValueFormatError(f"{LABELS[owned[0]]}随慰问活动设定，请在活动中修改", field=owned[0])
        merged = {**row, **values}
        if merged["goods_value"] and not merged["goods"]:
            raise ValueFormatError("填写了实物折合金额，请写明实物内容", field="goods")
        if row["reversal_of"] is None and (merged["amount"] < 0 or merged["goods_value"] < 0):
            raise ValueFormatError("金额不能为负数", field="amount")
        values["updated_at"] = now_text()
        sets = ", ".join(f"{k} = ?" for k in values)
        store.execute(f"UPDATE assistance SET {sets} WHERE id = ?", [*values.values(), assistance_id])


def delete_assistance(store: Store, ids: Iterable[int]) -> int:
    """To the recycle bin; a locked row is refused (the database refuses it too)."""
    ids = list(ids)
    with store.atomic(), db_rules():
        for assistance_id in ids:
            _refuse_if_locked(get_assistance(store, assistance_id), "删除")
        return soft_delete(store, "assistance", ids)


def restore_assistance(store: Store, ids: Iterable[int]) -> int:
    with store.atomic(), db_rules():
        return restore_deleted(store, "assistance", ids)


def purge_assistance(store: Store, ids: Iterable[int]) -> int:
    """Empty the recycle bin for these rows (never locked: locked rows cannot get there)."""
    with store.atomic(), db_rules():
        n = 0
        for assistance_id in ids:
            n += store.execute("DELETE FROM assistance WHERE id = ? AND deleted_at IS NOT NULL "
                               "AND NOT EXISTS (SELECT 1 FROM assistance c WHERE c.reversal_of = ?)",
                               (assistance_id, assistance_id)).rowcount
    return n


# ------------------------------------------------------------------ corrections


def net_of(store: Store, original_id: int) -> tuple[int, int]:
    """(amount, goods_value) of an original row plus its live corrections."""
    row = store.one(
        "SELECT coalesce(sum(amount), 0), coalesce(sum(goods_value), 0) FROM assistance "
        "WHERE (id = ? OR reversal_of = ?) AND deleted_at IS NULL", (original_id, original_id))
    return int(row[0]), int(row[1])


def correct_assistance(store: Store, original_id: int, *, reason: str, amount: Any = None,
                       goods_value: Any = None, on: Any = None, handler: str | None = None,
                       other_year_ok: bool = False) -> int:
    """A correcting entry for a locked row: brings its net amount (and/or goods value) to the
    figures given. Returns the new row's id; the entry prints on the next sheet (its 备注 names the
    original). ``amount=0`` (with goods_value=0) reverses the payment in full.

    ``on`` is the correction's own date (its 发放日期; it counts in that period): by default the
    campaign's date (the original's date for a single payment). A date outside that year is
    refused unless ``other_year_ok`` (the clerk confirmed)."""
    if not text_value(reason):
        raise ValueFormatError("请填写更正原因", field="notes")
    if amount in (None, "") and goods_value in (None, ""):
        raise ValueFormatError("请填写更正后的金额", field="amount")
    with store.atomic(), db_rules():
        original = get_assistance(store, original_id)
        if original["reversal_of"] is not None:
            original = get_assistance(store, original["reversal_of"])
        if original["deleted_at"]:
            raise UserError("原慰问记录在回收站中，不能更正")
        if not original["locked"]:
            raise UserError(f"{original['name']}的这笔慰问尚未打印锁定，可直接修改，无需更正")
        net_amount, net_goods = net_of(store, original["id"])
        day = correction_day(store, original, on, other_year_ok)
        new_amount = net_amount if amount in (None, "") else parse_fen(amount, "amount")
        new_goods = net_goods if goods_value in (None, "") else parse_fen(goods_value, "goods_value")
        delta_amount, delta_goods = new_amount - net_amount, new_goods - net_goods
        if not delta_amount and not delta_goods:
            raise ValueFormatError(f"更正后的金额与现在的 {format_money(net_amount)} 元相同，无需更正", field="amount")
        return insert_row(store, "assistance", {
            **{k: original[k] for k in PERSON_KEYS},
            **{k: original[k] for k in ("kind", "campaign_id", "funding_source", "method")},
            "paid_date": day,
            "amount": delta_amount,
            "goods": original["goods"] if delta_goods else "",
            "goods_value": delta_goods,
            "handler": handler if handler is not None else store.user,
            "reversal_of": original["id"],
            "notes": text_value(reason),
        })


def reverse_assistance(store: Store, original_id: int, *, reason: str, on: Any = None,
                       handler: str | None = None, other_year_ok: bool = False) -> int:
    """冲销: a correcting entry that cancels a locked payment in full."""
    return correct_assistance(store, original_id, reason=reason, amount=0, goods_value=0, on=on, handler=handler,
                              other_year_ok=other_year_ok)


def default_correction_day(store: Store, original: dict[str, Any]) -> str:
    """The date a correction takes unless the clerk picks another: the campaign's date, or the
    original payment's date for a single payment."""
    if original["campaign_id"] is not None:
        day = store.scalar("SELECT campaign_date FROM campaigns WHERE id = ?", (original["campaign_id"],))
        if day:
            return day
    return original["paid_date"]


def correction_day(store: Store, original: dict[str, Any], on: Any, other_year_ok: bool) -> str:
    """The correction's date; outside the campaign's (or payment's) year only when confirmed."""
    home = default_correction_day(store, original)
    if on in (None, ""):
        return home
    try:
        day = dates.to_iso(on)
    except ValueFormatError as exc:
        raise ValueFormatError(f"更正日期：{exc}", field="paid_date") from None
    if day[:4] != home[:4] and not other_year_ok:
        raise OtherYearError(
            f"更正日期 {day} 不在原发放的 {home[:4]} 年内：它将计入 {day[:4]} 年的统计，收据号也用 {day[:4]} 年的编号。"
            f"如确需如此，请确认后再保存", field="paid_date")
    return day


class OtherYearError(ValueFormatError):
    """A correction dated outside its campaign's year, waiting for the clerk's confirmation."""


# ------------------------------------------------------------------ locking and signing


def lock_assistance(store: Store, ids: Iterable[int], seqs: dict[int, int] | None = None) -> int:
    """Lock rows printed for signature (拟发 → 已发); ``seqs`` fixes each row's 序号 on the sheet.
    Already locked rows are left alone. Returns how many were locked now."""
    stamp = now_text()
    seqs = seqs or {}
    n = 0
    with store.atomic(), db_rules():
        for assistance_id in ids:
            n += store.execute(
                "UPDATE assistance SET locked = 1, print_seq = ?, updated_at = ?, "
                "status = CASE status WHEN '拟发' THEN '已发' ELSE status END "
                "WHERE id = ? AND locked = 0 AND deleted_at IS NULL",
                (seqs.get(assistance_id), stamp, assistance_id)).rowcount
    return n


def signing_day(on: Any = None) -> str:
    """The 签领日期 the clerk chose (default today), as ISO."""
    try:
        day = dates.to_iso(on or dates.today())
    except ValueFormatError as exc:
        raise ValueFormatError(f"签领日期：{exc}", field="signed_date") from None
    if not day:
        raise ValueFormatError("请填写签领日期", field="signed_date")
    return day


def check_signing_day(row: dict[str, Any], day: str) -> None:
    """Nobody signs for money before it was paid out."""
    if day < row["paid_date"]:
        raise ValueFormatError(
            f"签领日期 {day} 早于{row['name']}的发放日期 {row['paid_date']}，请改选签领日期", field="signed_date")


def mark_rows_signed(store: Store, ids: Iterable[int], on: Any = None) -> int:
    """已签领 for these locked rows (the signed sheet or receipts came back) on the day chosen
    (default today), never before a row's 发放日期."""
    day = signing_day(on)
    ids = list(ids)
    with store.atomic(), db_rules():
        for assistance_id in ids:
            row = get_assistance(store, assistance_id)
            if not row["locked"]:
                raise UserError(f"{row['name']}的这笔慰问尚未打印定稿，不能标为已签领")
            check_signing_day(row, day)
        n = 0
        for assistance_id in ids:
            n += store.execute("UPDATE assistance SET status = '已签领', signed_date = ?, updated_at = ? "
                               "WHERE id = ? AND status <> '已签领'", (day, now_text(), assistance_id)).rowcount
    return n


def assign_receipt_numbers(store: Store, ids: Iterable[int]) -> dict[int, str]:
    """收据号 for rows that have none, in the order given: the year of the row's 发放日期 + a 5-digit
    sequence of that year (202700017), so a January payment for a campaign dated next year takes
    next year's series. Rows that already have one keep it, so a reprint shows the same numbers;
    a new number is never issued for a row that has one."""
    out: dict[int, str] = {}
    last_of: dict[str, int] = {}
    with store.atomic(), db_rules():
        for assistance_id in ids:
            row = get_assistance(store, assistance_id)
            if row["receipt_no"]:
                out[assistance_id] = row["receipt_no"]
                continue
            year = row["paid_date"][:4]
            if year not in last_of:
                last_of[year] = store.scalar(
                    "SELECT max(CAST(substr(receipt_no, 5) AS INTEGER)) FROM assistance WHERE receipt_no GLOB ?",
                    (f"{year}[0-9][0-9][0-9][0-9][0-9]*",)) or 0
            last_of[year] += 1
            out[assistance_id] = f"{year}{last_of[year]:05d}"
            store.execute("UPDATE assistance SET receipt_no = ?, updated_at = ? WHERE id = ?",
                          (out[assistance_id], now_text(), assistance_id))
    return out
