"""Demo data of the orgs' dated life: when each org was registered (成立), a few that closed
(注销/迁出) in past years, and year-end head-counts of past years — so that a past period's
figures differ from today's, as they do in a real office."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..store import audit


def make_org_history(ctx: Any) -> None:
    rng, store, today = ctx.rng, ctx.store, ctx.today
    events, counts = [], []
    orgs = store.query("SELECT id, workers, women_workers, migrant_workers, union_founded FROM orgs "
                       "WHERE is_federation = 0 ORDER BY id")
    for org in orgs:
        founded = _registered(rng, today, org["union_founded"])
        events.append((org["id"], "成立", founded.isoformat(), "", ""))
        last_year = today.year
        if rng.random() < 0.05 and today.year - 1 > max(founded.year, 2020):
            year = rng.randint(max(founded.year + 1, 2021), today.year - 1)
            kind = rng.choice(("注销", "注销", "迁出"))
            day = dt.date(year, rng.randint(1, 12), rng.randint(1, 28))
            events.append((org["id"], kind, day.isoformat(), "经营期满" if kind == "注销" else "迁往外区", ""))
            last_year = year  # no head-counts after it ended
        counts += _year_end_counts(rng, org, founded, last_year)
    audit.bulk_insert(store.conn, "org_events", ("org_id", "kind", "date", "reason", "new_value"), events)
    audit.bulk_insert(store.conn, "org_headcounts",
                      ("org_id", "date", "workers", "women_workers", "migrant_workers"), counts)


def _registered(rng, today: dt.date, union_founded: str | None) -> dt.date:
    latest = dt.date.fromisoformat(union_founded) if union_founded else today - dt.timedelta(days=30)
    start = dt.date(2005, 1, 1)
    if latest <= start:
        return latest
    # most orgs are old; about a quarter registered in the last six years
    if rng.random() < 0.25 and latest.year > today.year - 6:
        start = dt.date(today.year - 6, 1, 1)
    return start + dt.timedelta(days=rng.randint(0, (latest - start).days))


def _year_end_counts(rng, org, founded: dt.date, until: int) -> list[tuple]:
    """Year-end head-counts from registration to the year before ``until``, smaller the further
    back (firms grow)."""
    out = []
    for year in range(max(founded.year, 2016), until):
        shrink = 0.97 ** (until - year) * rng.uniform(0.9, 1.05)
        workers = max(1, round(org["workers"] * shrink))
        women = min(workers, round(org["women_workers"] * shrink))
        migrant = min(workers, round(org["migrant_workers"] * shrink))
        out.append((org["id"], f"{year}-12-31", workers, women, migrant))
    return out
