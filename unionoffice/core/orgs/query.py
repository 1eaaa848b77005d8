"""Queries over the org register (单位台账): search, filters, list rows and the live 建会率/入会率.

The 单位/基层工会 tab, the export and the CLI read orgs through here. A street has at most a few
thousand orgs, so searching scans the table; members are counted per page of orgs, not per row.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, Iterable

from .lifecycle import ENDED, LIFE_COLUMNS
from ..values import dates, names
from ..members.records import ACTIVE_STATUSES
from ..store.records import as_dict
from ..store.sqlutil import like_escape
from ..store.connection import Store

COVERED_MODES = ("独立建会", "联合建会")
# SQL column of ``orgs o``: its names before each 更名 ('' when never renamed), for the list's name cell
FORMER_NAMES_COLUMN = (
    "coalesce((SELECT group_concat(e.old_value, '、') FROM org_events e WHERE e.org_id = o.id AND e.kind = '更名' "
    "AND e.deleted_at IS NULL AND e.old_value <> ''), '') AS former_names")
_ACTIVE = "('" + "', '".join(ACTIVE_STATUSES) + "')"
# A term that expired long ago is a data problem, not a reminder: look back one year at most.
EXPIRED_LOOKBACK_DAYS = 365


INCOMPLETE = "待补全"  # the filter's choice for orgs a member roll created with their name only


@dataclass
class OrgFilter:
    """What the 单位 tab's filter bar can ask for; None means "any"."""

    community: str | None = None
    category: str | None = None
    union_mode: str | None = None
    term_expiring_days: int | None = None  # 换届到期日 within N days (or expired within the last year)
    federations: bool | None = None  # True: only federations; False: only employers
    recycle_bin: bool = False  # True lists only deleted orgs

    def where(self) -> tuple[list[str], list[Any]]:
        clauses = ["o.deleted_at IS NOT NULL" if self.recycle_bin else "o.deleted_at IS NULL"]
        params: list[Any] = []
        for column, value in (("community", self.community), ("category", self.category)):
            if value:
                clauses.append(f"o.{column} = ?")
                params.append(value)
        if self.union_mode == INCOMPLETE:
            clauses.append("o.needs_completion = 1")
        elif self.union_mode:  # a 待补全 org's 建会方式 is not known yet: it is none of the three
            clauses.append("o.union_mode = ? AND o.needs_completion = 0")
            params.append(self.union_mode)
        if self.term_expiring_days is not None:
            today = dates.today()
            clauses.append("o.term_expiry IS NOT NULL AND o.term_expiry BETWEEN ? AND ?")
            clauses.append("NOT o." + ENDED)  # a union whose org has ended holds no more elections
            params += [(today - timedelta(days=EXPIRED_LOOKBACK_DAYS)).isoformat(),
                       (today + timedelta(days=self.term_expiring_days)).isoformat()]
        if self.federations is not None:
            clauses.append("o.is_federation = ?")
            params.append(1 if self.federations else 0)
        return clauses, params


_FORMER = ("o.id IN (SELECT e.org_id FROM org_events e WHERE e.kind = '更名' AND e.deleted_at IS NULL "
           "AND e.old_value LIKE ? ESCAPE '\\')")


def _former_pinyin_ids(store: Store, term: str) -> list[int]:
    """Orgs a former name (更名) of which matches ``term`` in pinyin or initials."""
    lower = term.lower()
    out = []
    for r in store.query("SELECT org_id, old_value FROM org_events WHERE kind = '更名' AND deleted_at IS NULL "
                         "AND old_value <> ''"):
        full, initials = names.pinyin_keys(r["old_value"])
        if lower in full or lower in initials:
            out.append(int(r["org_id"]))
    return out


def _term_clause(term: str, store: Store | None = None) -> tuple[str, list[Any]]:
    """One search term → SQL: letters match pinyin/initials, codes match the credit code; a name
    or its pinyin also matches an org's former names (更名), so a renamed org is still found."""
    if term.isascii() and term.isalnum():
        lower, upper = term.lower(), term.upper()
        clause = "(instr(o.credit_code, ?) > 0"
        params: list[Any] = [upper]
        if term.isalpha():
            # org names start with 深圳市/某某区, so match anywhere, not only at the start
            clause += " OR instr(o.name_pinyin, ?) > 0 OR instr(o.name_initials, ?) > 0"
            params += [lower, lower]
            former = _former_pinyin_ids(store, term) if store is not None else []
            if former:
                clause += f" OR o.id IN ({','.join(str(i) for i in former)})"
        return clause + ")", params
    pattern = f"%{like_escape(term)}%"
    return f"(o.name LIKE ? ESCAPE '\\' OR {_FORMER})", [pattern, pattern]


def search_org_ids(store: Store, text: str = "", filt: OrgFilter | None = None) -> list[int]:
    """Ids of matching orgs in pinyin order of their names; every space-separated term must match."""
    clauses, params = (filt or OrgFilter()).where()
    for term in unicodedata.normalize("NFKC", text or "").split():
        clause, term_params = _term_clause(term, store)
        clauses.append(clause)
        params += term_params
    sql = f"SELECT o.id FROM orgs o WHERE {' AND '.join(clauses)} ORDER BY o.name_pinyin, o.id"
    return [r[0] for r in store.execute(sql, params)]


def in_list_order(org_names: Iterable[str]) -> list[str]:
    """Org names in the order the 单位 list shows them: by the stored pinyin key (name_pinyin), ties
    in the order given — as ``ORDER BY o.name_pinyin, o.id`` does for orgs created in that order."""
    return sorted(org_names, key=lambda name: names.pinyin_keys(name)[0])


def orgs_by_ids(store: Store, ids: Iterable[int]) -> list[dict[str, Any]]:
    """Full org rows for a page of ids, in the order given, with member_count, covered and federation_name."""
    ids = list(ids)
    if not ids:
        return []
    out: dict[int, dict[str, Any]] = {}
    for start in range(0, len(ids), 500):  # stay under SQLite's bound-parameter limit
        chunk = ids[start:start + 500]
        marks = ",".join("?" for _ in chunk)
        rows = store.query(
            f"SELECT o.*, f.name AS federation_name, {LIFE_COLUMNS}, {FORMER_NAMES_COLUMN}, "
            f"(SELECT count(*) FROM members m WHERE m.org_id = o.id AND m.deleted_at IS NULL "
            f" AND m.status IN {_ACTIVE}) AS member_count "
            f"FROM orgs o LEFT JOIN orgs f ON f.id = o.federation_id WHERE o.id IN ({marks})",
            chunk,
        )
        for r in rows:
            row = as_dict(r)
            row["covered"] = row["union_mode"] in COVERED_MODES
            row["federation_name"] = row["federation_name"] or ""
            out[row["id"]] = row
    return [out[i] for i in ids if i in out]


def communities(store: Store) -> list[str]:
    """The communities (所属社区) named on live orgs, for the filter combo box."""
    rows = store.query(
        "SELECT DISTINCT community FROM orgs WHERE deleted_at IS NULL AND community <> '' ORDER BY community"
    )
    return [r[0] for r in rows]


def rates(store: Store) -> dict[str, Any]:
    """Live headline figures: employers, covered employers, 建会率; workers, members, 入会率.

    Federations are unions, not employers, so they count in neither orgs nor workers; 待补全
    orgs (named by a member roll, no head-count yet) count in none of them until completed.
    """
    row = store.one(
        "SELECT count(*) AS orgs, "
        f"coalesce(sum(union_mode IN ('独立建会', '联合建会')), 0) AS covered_orgs, "
        "coalesce(sum(workers), 0) AS workers "
        f"FROM orgs WHERE deleted_at IS NULL AND is_federation = 0 AND NOT {ENDED} AND needs_completion = 0"
    )
    # members of a 待补全 org are left out as its (unknown) workers are: 入会率 must not rise by them
    members = store.scalar(
        f"SELECT count(*) FROM members WHERE deleted_at IS NULL AND status IN {_ACTIVE} "
        "AND coalesce(org_id, 0) NOT IN (SELECT id FROM orgs WHERE needs_completion = 1)"
    )
    orgs, covered, workers = row["orgs"], row["covered_orgs"], row["workers"]
    return {
        "orgs": orgs,
        "covered_orgs": covered,
        "unionisation_rate": covered / orgs if orgs else None,
        "workers": workers,
        "members": members,
        "membership_rate": members / workers if workers else None,
    }


def covered_orgs_of(store: Store, federation_id: int) -> list[dict[str, Any]]:
    """The live orgs a federation covers (联合建会), in pinyin order, as orgs_by_ids rows."""
    ids = [r[0] for r in store.query(
        "SELECT id FROM orgs WHERE federation_id = ? AND deleted_at IS NULL ORDER BY name_pinyin, id",
        (federation_id,),
    )]
    return orgs_by_ids(store, ids)
