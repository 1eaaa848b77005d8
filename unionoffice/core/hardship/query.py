"""Reading hardship files: the 困难帮扶 tab's list (filters, search as you type), one file in full,
and the review calendar (复核到期 / 逾期).

List rows never carry the full bank account or 身份证号: they come masked (``*_masked``). Only
``get_hardship_file`` returns the full account, for the edit form (which shows it masked until the
clerk asks to see it).

A file is due for review one year after its last review (or its filing when never reviewed).
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Sequence

from ..values import dates
from .records import mask_account, reviews
from ..values.ids import mask_id_number, normalize_id_number
from ..errors import ValueFormatError
from ..store.records import as_dict
from ..store.sqlutil import glob_escape, like_escape
from ..store.connection import Store

DEFAULT_DUE_DAYS = 30
NEXT_REVIEW_SQL = "date(coalesce(h.last_review_date, h.filed_date), '+1 year')"

# A linked member's live name and org win over the copy made when the file was opened.
_SELECT = f"""
SELECT h.*, coalesce(m.name, h.name) AS display_name,
       coalesce(o.name, h.org_name, '') AS org_display, {NEXT_REVIEW_SQL} AS next_review_date
FROM hardship_files h
LEFT JOIN members m ON m.id = h.member_id
LEFT JOIN orgs o ON o.id = coalesce(m.org_id, h.org_id)
"""


@dataclass
class HardshipFilter:
    """What the 困难帮扶 tab's filter bar can ask for; None/False means "any"."""

    category: str | None = None
    level: str | None = None
    status: str | None = None  # 在档 / 脱困 / 撤档
    cause: str | None = None  # matches the main cause or one of the others
    org_id: int | None = None
    review_due_days: int | None = None  # 在档 files whose review falls due within N days (overdue included)
    overdue: bool = False  # 在档 files whose review is past due
    recycle_bin: bool = False  # True lists only deleted files

    def where(self) -> tuple[list[str], list[Any]]:
        clauses = ["h.deleted_at IS NOT NULL" if self.recycle_bin else "h.deleted_at IS NULL"]
        params: list[Any] = []
        for column, value in (("category", self.category), ("level", self.level), ("status", self.status)):
            if value:
                clauses.append(f"h.{column} = ?")
                params.append(value)
        if self.cause:
            clauses.append("(h.main_cause = ? OR instr('、' || h.other_causes || '、', ?) > 0)")
            params += [self.cause, f"、{self.cause}、"]
        if self.org_id is not None:
            clauses.append("coalesce(m.org_id, h.org_id) = ?")
            params.append(self.org_id)
        today = dates.today()
        if self.overdue:
            clauses.append(f"h.status = '在档' AND {NEXT_REVIEW_SQL} < ?")
            params.append(today.isoformat())
        if self.review_due_days is not None:
            clauses.append(f"h.status = '在档' AND {NEXT_REVIEW_SQL} <= ?")
            params.append((today + timedelta(days=self.review_due_days)).isoformat())
        return clauses, params


def _query_clauses(text: str) -> tuple[list[str], list[Any]]:
    """Each space-separated term must match: digits → 身份证号/档案编号/phone fragment; letters →
    pinyin or initials prefix; anything else → characters of the name or the org."""
    clauses: list[str] = []
    params: list[Any] = []
    for term in unicodedata.normalize("NFKC", text or "").split():
        if term.isascii() and term.replace("-", "").upper().replace("X", "").isdigit():
            pattern = f"%{like_escape(term.upper())}%"
            clauses.append("(h.id_number LIKE ? ESCAPE '\\' OR h.file_no LIKE ? ESCAPE '\\' "
                           "OR h.phone LIKE ? ESCAPE '\\')")
            params += [pattern, pattern, pattern]
        elif term.isascii() and term.isalpha():
            prefix = glob_escape(term.lower()) + "*"
            clauses.append("(h.name_pinyin GLOB ? OR h.name_initials GLOB ?)")
            params += [prefix, prefix]
        else:
            pattern = f"%{like_escape(term)}%"
            clauses.append("(h.name LIKE ? ESCAPE '\\' OR coalesce(o.name, h.org_name) LIKE ? ESCAPE '\\')")
            params += [pattern, pattern]
    return clauses, params


def search_hardship_ids(store: Store, text: str = "", filt: HardshipFilter | None = None) -> list[int]:
    """Ids of matching files, by pinyin of the name; page them through ``hardship_files_by_ids``."""
    where, params = (filt or HardshipFilter()).where()
    q_where, q_params = _query_clauses(text)
    sql = (f"SELECT h.id FROM hardship_files h LEFT JOIN members m ON m.id = h.member_id "
           f"LEFT JOIN orgs o ON o.id = coalesce(m.org_id, h.org_id) "
           f"WHERE {' AND '.join(where + q_where)} ORDER BY h.name_pinyin, h.id")
    return [r[0] for r in store.execute(sql, params + q_params)]


def _display(row, today: date) -> dict[str, Any]:
    """A list row: masked personal data, review timing, causes and household as lists."""
    out = as_dict(row)
    out["name"] = out.pop("display_name")
    out["bank_account_masked"] = mask_account(out.pop("bank_account"))
    out["id_number_masked"] = mask_id_number(out["id_number"])
    out["other_causes_list"] = [c for c in out["other_causes"].split("、") if c]
    out["causes_text"] = "、".join([out["main_cause"], *out["other_causes_list"]])
    out["household"] = json.loads(out["household"] or "[]")
    days = (date.fromisoformat(out["next_review_date"]) - today).days
    active = out["status"] == "在档"
    out["days_to_review"] = days if active else None
    out["review_overdue"] = active and days < 0
    return out


def hardship_files_by_ids(store: Store, ids: Sequence[int]) -> list[dict[str, Any]]:
    """Display rows for a page of ids, in the order given (for the lazy table model)."""
    if not ids:
        return []
    today = dates.today()
    by_id: dict[int, dict[str, Any]] = {}
    for start in range(0, len(ids), 500):
        chunk = list(ids[start:start + 500])
        marks = ",".join("?" for _ in chunk)
        for r in store.query(f"{_SELECT} WHERE h.id IN ({marks})", chunk):
            by_id[r["id"]] = _display(r, today)
    return [by_id[i] for i in ids if i in by_id]


def list_hardship_files(store: Store, text: str = "", filt: HardshipFilter | None = None) -> list[dict[str, Any]]:
    """All matching files as display rows (fine for exports and a street's few hundred files)."""
    return hardship_files_by_ids(store, search_hardship_ids(store, text, filt))


def get_hardship_file(store: Store, file_id: int) -> dict[str, Any] | None:
    """One file for the edit form: display fields plus the full bank account and its reviews."""
    row = store.one(f"{_SELECT} WHERE h.id = ?", (file_id,))
    if row is None:
        return None
    out = _display(row, dates.today())
    out["bank_account"] = row["bank_account"]
    out["reviews"] = reviews(store, file_id)
    return out


def find_file_by_id_number(store: Store, id_number: Any) -> dict[str, Any] | None:
    """The live (not recycled) file of this person, or None. Accepts unnormalised input."""
    try:
        key = normalize_id_number(id_number)
    except ValueFormatError:
        return None
    row = store.one("SELECT id FROM hardship_files WHERE id_number = ? AND deleted_at IS NULL", (key,))
    return get_hardship_file(store, row["id"]) if row else None


def file_for_member(store: Store, member_id: int) -> dict[str, Any] | None:
    row = store.one("SELECT h.id FROM hardship_files h JOIN members m ON m.id_number = h.id_number "
                    "WHERE m.id = ? AND h.deleted_at IS NULL", (member_id,))
    return get_hardship_file(store, row["id"]) if row else None


# ------------------------------------------------------------------ reviews calendar


def reviews_due(store: Store, within_days: int = DEFAULT_DUE_DAYS) -> list[dict[str, Any]]:
    """在档 files whose yearly review falls due within ``within_days`` (overdue ones first)."""
    filt = HardshipFilter(review_due_days=within_days)
    where, params = filt.where()
    ids = [r[0] for r in store.execute(
        f"SELECT h.id FROM hardship_files h LEFT JOIN members m ON m.id = h.member_id "
        f"WHERE {' AND '.join(where)} ORDER BY {NEXT_REVIEW_SQL}, h.file_no", params)]
    return hardship_files_by_ids(store, ids)


def overdue_reviews(store: Store) -> list[dict[str, Any]]:
    """在档 files whose review date has passed (highlighted in the list, listed on 工作台)."""
    return [f for f in reviews_due(store, 0) if f["review_overdue"]]


def hardship_summary(store: Store) -> dict[str, Any]:
    """Counts for the tab header and 工作台: by status, and 在档 files by category and level."""
    def grouped(column: str, where: str) -> dict[str, int]:
        return {r[0]: r[1] for r in store.query(
            f"SELECT {column}, count(*) FROM hardship_files WHERE deleted_at IS NULL {where} GROUP BY {column}")}

    today = dates.today().isoformat()
    return {
        "by_status": grouped("status", ""),
        "by_category": grouped("category", "AND status = '在档'"),
        "by_level": grouped("level", "AND status = '在档'"),
        "active": store.scalar("SELECT count(*) FROM hardship_files WHERE deleted_at IS NULL AND status = '在档'"),
        "overdue": store.scalar(
            f"SELECT count(*) FROM hardship_files h WHERE deleted_at IS NULL AND status = '在档' "
            f"AND {NEXT_REVIEW_SQL} < ?", (today,)),
    }
