"""What a written 工作总结 names besides the counts: the campaigns of the period by name, its main
activities by name with their 人次, and the orgs' lifecycle events (建会, 换届, 注销 …) counted.

Defined as the period figures are: assistance handed out (已发/已签领) and paid within the period,
correcting entries netted; activities 已举办 starting in the period; events dated in it.
"""

from __future__ import annotations

from typing import Any

from ..store.connection import Store
from .base import Period, has_tables

SINGLE = "单笔慰问"


def campaigns(store: Store, period: Period) -> list[dict[str, Any]]:
    """[{name, kind, count (人次), amount (fen)}] by campaign, largest amount first; payments made
    outside a campaign are grouped by kind as “单笔慰问（生病住院慰问）”."""
    if not has_tables(store, "assistance", "campaigns"):
        return []
    rows = store.query(
        "SELECT coalesce(c.name, '') AS name, a.kind AS kind, coalesce(sum(a.reversal_of IS NULL), 0) AS count, "
        "coalesce(sum(a.amount), 0) AS amount FROM assistance a LEFT JOIN campaigns c ON c.id = a.campaign_id "
        "WHERE a.deleted_at IS NULL AND a.status IN ('已发', '已签领') AND a.paid_date BETWEEN ? AND ? "
        "GROUP BY a.campaign_id, CASE WHEN a.campaign_id IS NULL THEN a.kind END "
        "ORDER BY amount DESC, count DESC", period.iso)
    return [{"name": r["name"] or f"{SINGLE}（{r['kind']}）", "kind": r["kind"], "count": r["count"],
             "amount": r["amount"]} for r in rows if r["count"] or r["amount"]]


def main_activities(store: Store, period: Period, limit: int = 6) -> list[dict[str, Any]]:
    """The period's held activities with the most 人次: [{title, kind, date, headcount}]."""
    if not has_tables(store, "activities"):
        return []
    return [dict(r) for r in store.query(
        "SELECT title, kind, start_date AS date, coalesce(headcount, 0) AS headcount FROM activities "
        "WHERE deleted_at IS NULL AND status = '已举办' AND start_date BETWEEN ? AND ? "
        "ORDER BY coalesce(headcount, 0) DESC, start_date LIMIT ?", (*period.iso, limit))]


def org_events(store: Store, period: Period) -> dict[str, int]:
    """{kind: number of orgs} of the lifecycle events dated in the period (换届 3, 注销 1 …)."""
    if not has_tables(store, "org_events"):
        return {}
    return {r[0]: r[1] for r in store.query(
        "SELECT e.kind, count(DISTINCT e.org_id) FROM org_events e JOIN orgs o ON o.id = e.org_id "
        "WHERE e.deleted_at IS NULL AND o.deleted_at IS NULL AND e.date BETWEEN ? AND ? GROUP BY e.kind",
        period.iso)}
