"""Reading the dispute log: the case list with its filters and search, and rows for many cases.

The 劳动争议 tab, the export, the printed register and the benchmark read cases through here. A
street has at most a few thousand cases, and the list reads one table: the parties are copied
onto the case row (``disputes.party_columns``), so neither listing nor searching joins.
"""

from __future__ import annotations

import datetime
import unicodedata
from dataclasses import dataclass
from typing import Any, Sequence

from ..values import dates
from .rules import COLLECTIVE_WORKERS, MEDIATION_DAYS, WARN_DAYS, applicant_label, deadline_state
from ..store.records import as_dict
from ..store.sqlutil import like_escape
from ..store.connection import Store


@dataclass
class DisputeFilter:
    """What the 劳动争议 tab's filter bar can ask for; None means "any".

    ``status`` is one of STATUSES, or ``'未结案'`` (all open cases) or ``'临近或超期'`` (mediation
    running with ≤ 3 days left or overdue).
    """

    status: str | None = None
    kind: str | None = None
    org_id: int | None = None
    year: int | None = None
    received_from: str | None = None  # ISO dates: a period of receipt (the register, exports)
    received_to: str | None = None
    recycle_bin: bool = False

    def where(self, today: datetime.date) -> tuple[list[str], list[Any]]:
        clauses = ["d.deleted_at IS NOT NULL" if self.recycle_bin else "d.deleted_at IS NULL"]
        params: list[Any] = []
        if self.status == "未结案":
            clauses.append("d.status NOT IN ('结案', '撤回')")
        elif self.status == "临近或超期":
            clauses.append("d.status IN ('受理', '调解中') AND d.received_date <= ?")
            params.append((today + datetime.timedelta(days=WARN_DAYS - MEDIATION_DAYS)).isoformat())
        elif self.status:
            clauses.append("d.status = ?")
            params.append(self.status)
        if self.kind:
            clauses.append("d.kind = ?")
            params.append(self.kind)
        if self.org_id is not None:
            clauses.append("d.respondent_org_id = ?")
            params.append(self.org_id)
        if self.year is not None:
            clauses.append("d.received_date BETWEEN ? AND ?")
            params += [f"{self.year}-01-01", f"{self.year}-12-31"]
        if self.received_from:
            clauses.append("d.received_date >= ?")
            params.append(self.received_from)
        if self.received_to:
            clauses.append("d.received_date <= ?")
            params.append(self.received_to)
        return clauses, params


def _search_clauses(text: str) -> tuple[list[str], list[Any]]:
    """Each space-separated term must match: letters → the start of a party's pinyin or initials
    (an org also by its name without the 深圳市/罗湖区 prefix, see ``disputes.party_columns``),
    digits and '-' → 案号 or a phone, anything else → characters of the party names."""
    clauses: list[str] = []
    params: list[Any] = []
    for term in unicodedata.normalize("NFKC", text or "").split():
        if term.isascii() and term.isalpha():
            clauses.append("(instr(d.party_pinyin, ?) > 0 OR instr(d.party_initials, ?) > 0)")
            params += [" " + term.lower()] * 2
        elif term.isascii() and term.replace("-", "").isdigit():
            clauses.append("(instr(d.case_no, ?) > 0 OR instr(d.search_text, ?) > 0)")
            params += [term, term]
        else:
            clauses.append("d.search_text LIKE ? ESCAPE '\\'")
            params.append(f"%{like_escape(term)}%")
    return clauses, params


def search_dispute_ids(store: Store, text: str = "", filt: DisputeFilter | None = None,
                       today: datetime.date | None = None) -> list[int]:
    """Ids of matching cases, newest receipt first."""
    where, params = (filt or DisputeFilter()).where(today or dates.today())
    s_where, s_params = _search_clauses(text)
    sql = f"SELECT d.id FROM disputes d WHERE {' AND '.join(where + s_where)} ORDER BY d.received_date DESC, d.id DESC"
    return [r[0] for r in store.execute(sql, params + s_params)]


LIST_COLUMNS = ("id, case_no, received_date, source, kind, respondent_org_id, respondent_name, workers, amount, "
                "status, mediation_result, mediated_date, closed_date, outcome, recovered, handler, "
                "applicant_names, applicant_count, claim, settlement, deleted_at")


def disputes_by_ids(store: Store, ids: Sequence[int], today: datetime.date | None = None, *,
                    include_deleted: bool = True) -> list[dict[str, Any]]:
    """Case-list rows for ``ids`` in that order, with ``applicant_label``, ``collective`` and the
    deadline figures of ``deadline_state`` (deadline, days_open, days_left, alert)."""
    today = today or dates.today()
    out: dict[int, dict[str, Any]] = {}
    for start in range(0, len(ids), 500):
        chunk = list(ids[start:start + 500])
        marks = ",".join("?" for _ in chunk)
        deleted = "" if include_deleted else " AND deleted_at IS NULL"
        for r in store.execute(f"SELECT {LIST_COLUMNS} FROM disputes WHERE id IN ({marks}){deleted}", chunk):
            row = {k: r[k] for k in r.keys()}
            row.update(deadline_state(row, today))
            row["applicant_label"] = applicant_label(row)
            row["collective"] = row["workers"] >= COLLECTIVE_WORKERS
            out[row["id"]] = row
    return [out[i] for i in ids if i in out]


def list_disputes(store: Store, text: str = "", filt: DisputeFilter | None = None,
                  today: datetime.date | None = None) -> list[dict[str, Any]]:
    """The case list: matching rows, newest receipt first (a street has at most a few thousand)."""
    today = today or dates.today()
    return disputes_by_ids(store, search_dispute_ids(store, text, filt, today), today)


def dispute_years(store: Store) -> list[int]:
    """Years with cases, newest first, for the year filter."""
    return [int(r[0]) for r in store.query(
        "SELECT DISTINCT substr(received_date, 1, 4) FROM disputes WHERE deleted_at IS NULL ORDER BY 1 DESC")]


def respondent_choices(store: Store) -> list[tuple[int, str]]:
    """(id, name) of live employers for the 被申请人 picker (工联会 are unions, not employers)."""
    return [(r[0], r[1]) for r in store.query(
        "SELECT id, name FROM orgs WHERE deleted_at IS NULL AND is_federation = 0 ORDER BY name_pinyin")]


def respondent_orgs(store: Store) -> list[tuple[int, str]]:
    """(id, name) of orgs that are respondents in live cases, for the org filter."""
    return [(r[0], r[1]) for r in store.query(
        "SELECT DISTINCT o.id, o.name FROM disputes d JOIN orgs o ON o.id = d.respondent_org_id "
        "WHERE d.deleted_at IS NULL ORDER BY o.name_pinyin")]


def applicants_by_case(store: Store, ids: Sequence[int]) -> dict[int, list[dict[str, Any]]]:
    """Applicants of many cases at once (exports, the register): {case id: [applicant, …]}."""
    out: dict[int, list[dict[str, Any]]] = {i: [] for i in ids}
    for start in range(0, len(ids), 500):
        chunk = list(ids[start:start + 500])
        marks = ",".join("?" for _ in chunk)
        for r in store.execute(f"SELECT * FROM dispute_applicants WHERE dispute_id IN ({marks}) "
                               "ORDER BY dispute_id, position, id", chunk):
            out[r["dispute_id"]].append(as_dict(r))
    return out
