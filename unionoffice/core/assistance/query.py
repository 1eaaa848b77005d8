"""Reading assistance: the list with filters, one person's assistance this year, the rows of a
campaign in sheet order (what every printed document and the campaign view show), and the period
figures by kind and funding source.

Sheet order is fixed once printed: locked rows keep the 序号 they were printed with
(``print_seq``); rows not yet printed follow, originals by 工作单位 then entry order, correcting
entries last. ``mark_printed`` stores exactly the numbers this module hands out, so the final
sheet, any reprint and the receipts agree.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Sequence

from ..values import dates, names
from ..errors import ValueFormatError
from ..values.ids import mask_id_number, normalize_id_number
from ..values.money import format_money
from ..store.records import as_dict
from ..store.sqlutil import like_escape
from ..store.connection import Store


@dataclass
class AssistanceFilter:
    """What the assistance list's filter bar can ask for; None/False means "any"."""

    kind: str | None = None
    campaign_id: int | None = None
    single_only: bool = False  # only payments outside campaigns
    status: str | None = None
    funding_source: str | None = None
    date_from: str | None = None  # ISO, inclusive
    date_to: str | None = None
    locked: bool | None = None
    corrections_only: bool = False
    recycle_bin: bool = False

    def where(self) -> tuple[list[str], list[Any]]:
        clauses = ["a.deleted_at IS NOT NULL" if self.recycle_bin else "a.deleted_at IS NULL"]
        params: list[Any] = []
        for column, value in (("kind", self.kind), ("campaign_id", self.campaign_id), ("status", self.status),
                              ("funding_source", self.funding_source)):
            if value not in (None, ""):
                clauses.append(f"a.{column} = ?")
                params.append(value)
        if self.single_only:
            clauses.append("a.campaign_id IS NULL")
        if self.date_from:
            clauses.append("a.paid_date >= ?")
            params.append(dates.to_iso(self.date_from))
        if self.date_to:
            clauses.append("a.paid_date <= ?")
            params.append(dates.to_iso(self.date_to))
        if self.locked is not None:
            clauses.append("a.locked = ?")
            params.append(1 if self.locked else 0)
        if self.corrections_only:
            clauses.append("a.reversal_of IS NOT NULL")
        return clauses, params


def _query_clauses(text: str) -> tuple[list[str], list[Any]]:
    """Digits → 身份证号 or 收据号 fragment; letters → pinyin of a linked member or file; else name/org."""
    clauses: list[str] = []
    params: list[Any] = []
    for term in unicodedata.normalize("NFKC", text or "").split():
        if term.isascii() and term.upper().replace("X", "").isdigit():
            pattern = f"%{like_escape(term.upper())}%"
            clauses.append("(a.id_number LIKE ? ESCAPE '\\' OR a.receipt_no LIKE ? ESCAPE '\\')")
            params += [pattern, pattern]
        elif term.isascii() and term.isalpha():
            prefix = term.lower() + "*"
            clauses.append(
                "(a.member_id IN (SELECT id FROM members WHERE name_pinyin GLOB ? OR name_initials GLOB ?) "
                "OR a.hardship_file_id IN (SELECT id FROM hardship_files WHERE name_pinyin GLOB ? OR name_initials GLOB ?))")
            params += [prefix] * 4
        else:
            pattern = f"%{like_escape(term)}%"
            clauses.append("(a.name LIKE ? ESCAPE '\\' OR a.org_name LIKE ? ESCAPE '\\')")
            params += [pattern, pattern]
    return clauses, params


def search_assistance_ids(store: Store, text: str = "", filt: AssistanceFilter | None = None) -> list[int]:
    """Ids of matching rows, newest first."""
    where, params = (filt or AssistanceFilter()).where()
    q_where, q_params = _query_clauses(text)
    sql = f"SELECT a.id FROM assistance a WHERE {' AND '.join(where + q_where)} ORDER BY a.paid_date DESC, a.id DESC"
    return [r[0] for r in store.execute(sql, params + q_params)]


def _display(row) -> dict[str, Any]:
    out = as_dict(row)
    out["id_number_masked"] = mask_id_number(out["id_number"])
    out["total_value"] = out["amount"] + out["goods_value"]
    out["is_correction"] = out["reversal_of"] is not None
    return out


def assistance_by_ids(store: Store, ids: Sequence[int]) -> list[dict[str, Any]]:
    """Display rows (with campaign name and masked 身份证号) for a page of ids, in the order given."""
    by_id: dict[int, dict[str, Any]] = {}
    ids = list(ids)
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        marks = ",".join("?" for _ in chunk)
        for r in store.query(f"SELECT a.*, c.name AS campaign_name FROM assistance a "
                             f"LEFT JOIN campaigns c ON c.id = a.campaign_id WHERE a.id IN ({marks})", chunk):
            by_id[r["id"]] = _display(r)
    return [by_id[i] for i in ids if i in by_id]


def list_assistance(store: Store, text: str = "", filt: AssistanceFilter | None = None) -> list[dict[str, Any]]:
    return assistance_by_ids(store, search_assistance_ids(store, text, filt))


# ------------------------------------------------------------------ one person's year


def _person_key(store: Store, person: dict[str, Any] | str) -> str:
    if isinstance(person, dict):
        if person.get("id_number"):
            return normalize_id_number(person["id_number"])
        for table, key in (("members", "member_id"), ("hardship_files", "hardship_file_id")):
            if person.get(key):
                found = store.scalar(f"SELECT id_number FROM {table} WHERE id = ?", (person[key],))
                if found:
                    return found
        raise ValueFormatError("无法确定是哪一位（缺少身份证号）", field="id_number")
    return normalize_id_number(person)


def _year_bounds(year: int | None) -> tuple[str, str]:
    year = year or dates.today().year
    return f"{year}-01-01", f"{year}-12-31"


def person_assistance_this_year(store: Store, person: dict[str, Any] | str, year: int | None = None) -> dict[str, Any]:
    """Everything one person received in a year (default: this year), net of corrections:
    {'year', 'count' (payments, corrections not counted), 'amount', 'goods_value', 'total', 'rows'}."""
    key = _person_key(store, person)
    start, end = _year_bounds(year)
    ids = [r[0] for r in store.query(
        "SELECT id FROM assistance WHERE id_number = ? AND paid_date BETWEEN ? AND ? AND deleted_at IS NULL "
        "ORDER BY paid_date, id", (key, start, end))]
    rows = assistance_by_ids(store, ids)
    amount = sum(r["amount"] for r in rows)
    goods = sum(r["goods_value"] for r in rows)
    return {"year": int(start[:4]), "count": sum(1 for r in rows if not r["is_correction"]), "amount": amount,
            "goods_value": goods, "total": amount + goods, "rows": rows}


def assistance_this_year_for(store: Store, id_numbers: Sequence[str], year: int | None = None) -> dict[str, dict[str, int]]:
    """{身份证号: {'count', 'total', 'amount', 'goods_value'}} for many people at once (the recipient chooser)."""
    start, end = _year_bounds(year)
    out: dict[str, dict[str, int]] = {}
    keys = list(dict.fromkeys(id_numbers))
    for offset in range(0, len(keys), 500):
        chunk = keys[offset:offset + 500]
        marks = ",".join("?" for _ in chunk)
        for r in store.query(
                f"SELECT id_number, coalesce(sum(reversal_of IS NULL), 0), coalesce(sum(amount + goods_value), 0), "
                f"coalesce(sum(amount), 0), coalesce(sum(goods_value), 0) "
                f"FROM assistance WHERE id_number IN ({marks}) AND paid_date BETWEEN ? AND ? AND deleted_at IS NULL "
                f"GROUP BY id_number", [*chunk, start, end]):
            out[r[0]] = {"count": r[1], "total": r[2], "amount": r[3], "goods_value": r[4]}
    return out


# ------------------------------------------------------------------ sheet order


def _remark(row: dict[str, Any]) -> str:
    """备注 as printed: correction reference, goods, then the clerk's note."""
    parts = []
    if row["reversal_of"] is not None:
        ref = f"第{row['original_seq']}号" if row.get("original_seq") else "原发放"
        parts.append(f"更正{ref}：{row['notes']}" if row["notes"] else f"更正{ref}")
    elif row["notes"]:
        parts.append(row["notes"])
    if row["goods"] and row["goods_value"] < 0:
        parts.append(f"退回实物：{row['goods']}（折合{format_money(-row['goods_value'])}元）")
    elif row["goods"]:
        parts.append(f"实物：{row['goods']}（折合{format_money(row['goods_value'])}元）")
    return "；".join(parts)


def _printable(row) -> dict[str, Any]:
    out = _display(row)
    out["remark"] = _remark(out)
    return out


@lru_cache(maxsize=4096)
def org_sort_key(org_name: str) -> tuple[bool, str, str]:
    """Orgs in pinyin order (as a clerk looks them up), rows without an org last."""
    return (not org_name, names.pinyin_keys(org_name)[0], org_name)


def sheet_rows(store: Store, campaign_id: int) -> list[dict[str, Any]]:
    """The campaign's live rows in sheet order, each with ``seq`` (序号), masked 身份证号 and
    ``remark`` (备注 as printed)."""
    rows = [_printable(r) for r in store.query(
        "SELECT a.*, o.print_seq AS original_seq, c.name AS campaign_name FROM assistance a "
        "LEFT JOIN assistance o ON o.id = a.reversal_of LEFT JOIN campaigns c ON c.id = a.campaign_id "
        "WHERE a.campaign_id = ? AND a.deleted_at IS NULL", (campaign_id,))]
    fixed = sorted((r for r in rows if r["print_seq"] is not None), key=lambda r: r["print_seq"])
    pending = sorted((r for r in rows if r["print_seq"] is None),
                     key=lambda r: (not r["locked"], r["is_correction"], org_sort_key(r["org_name"]), r["id"]))
    next_seq = (fixed[-1]["print_seq"] if fixed else 0) + 1
    for row in fixed:
        row["seq"] = row["print_seq"]
    for offset, row in enumerate(pending):
        row["seq"] = next_seq + offset
    # a correction printed together with its original names the original's number
    seq_of = {r["id"]: r["seq"] for r in fixed + pending}
    for row in pending:
        if row["is_correction"] and not row["original_seq"]:
            row["original_seq"] = seq_of.get(row["reversal_of"])
            row["remark"] = _remark(row)
    return fixed + pending


def rows_for_print(store: Store, ids: Sequence[int]) -> list[dict[str, Any]]:
    """Rows picked by id (e.g. single payments for receipts), in the order given, numbered 1..n."""
    rows = [_printable(r) for r in store.query(
        f"SELECT a.*, o.print_seq AS original_seq, c.name AS campaign_name FROM assistance a "
        f"LEFT JOIN assistance o ON o.id = a.reversal_of LEFT JOIN campaigns c ON c.id = a.campaign_id "
        f"WHERE a.id IN ({','.join('?' for _ in ids)}) AND a.deleted_at IS NULL", list(ids))] if ids else []
    by_id = {r["id"]: r for r in rows}
    ordered = [by_id[i] for i in ids if i in by_id]
    for seq, row in enumerate(ordered, start=1):
        row["seq"] = seq
    return ordered


# ------------------------------------------------------------------ period figures (DESIGN §8)


def assistance_figures(store: Store, date_from: str, date_to: str) -> dict[str, Any]:
    """Count, people and amount (fen, net of corrections) in a period, by kind and by funding source."""
    where = "deleted_at IS NULL AND paid_date BETWEEN ? AND ?"
    params = (dates.to_iso(date_from), dates.to_iso(date_to))

    def grouped(column: str) -> dict[str, dict[str, int]]:
        return {r[0]: {"count": r[1], "people": r[2], "total": r[3]} for r in store.query(
            f"SELECT {column}, coalesce(sum(reversal_of IS NULL), 0), count(DISTINCT id_number), "
            f"coalesce(sum(amount + goods_value), 0) FROM assistance WHERE {where} GROUP BY {column}", params)}

    row = store.one(f"SELECT coalesce(sum(reversal_of IS NULL), 0), count(DISTINCT id_number), "
                    f"coalesce(sum(amount), 0), coalesce(sum(goods_value), 0) FROM assistance WHERE {where}", params)
    from .funding import by_source  # a campaign funded by several sources is split among them

    sources = {k: {"count": v["count"], "amount": v["amount"], "goods_value": v["goods_value"],
                   "total": v["amount"] + v["goods_value"]} for k, v in by_source(store, where, params).items()}
    return {"count": row[0], "people": row[1], "amount": row[2], "goods_value": row[3], "total": row[2] + row[3],
            "by_kind": grouped("kind"), "by_funding_source": sources}
