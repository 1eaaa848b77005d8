"""Dispute log figures: the 劳动争议 tab's list over 5,000 cases stays instant.

Each figure is the core call the tab makes, beside a plain SELECT of the same rows (no deadline
arithmetic, no labels) measured in the same run. The 5,000-case office is built once in
``bench/out`` (a 2,000-member demo plus four years of generated cases).
"""

from __future__ import annotations

import random
from datetime import date

from run import Context, Figure, timed

from unionoffice.core.demo import office as demo
from unionoffice.core.disputes import (
    demo as dispute_demo,
    stats as dispute_figures,
    query as dispute_query,
    records as disputes,
)
from unionoffice.core.disputes.query import DisputeFilter
from unionoffice.core.store.connection import Store

CASES = 5000
TODAY = date(2026, 11, 24)


def ensure_cases(ctx: Context):
    path = ctx.out / f"disputes-{CASES}.db"
    if not path.exists():
        tmp = path.with_suffix(".part")
        for leftover in tmp.parent.glob(tmp.name + "*"):
            leftover.unlink()
        with Store.open(tmp) as store:
            demo.generate_demo(store, members=2000, seed=ctx.seed, today=TODAY)
            have = store.scalar("SELECT count(*) FROM disputes")
            with store.atomic():
                data = dispute_demo.case_rows(store, random.Random(ctx.seed), CASES - have, TODAY, days=4 * 365)
                dispute_demo.insert_cases(store, data)
        tmp.rename(path)
    return Store.open(path, lock=False)


def _plain(store: Store, where: str = "deleted_at IS NULL", params=()) -> list[dict]:
    rows = store.query(f"SELECT * FROM disputes WHERE {where} ORDER BY received_date DESC, id DESC", params)
    return [dict(r) for r in rows]


def run(ctx: Context) -> list[Figure]:
    store = ensure_cases(ctx)
    try:
        n = store.scalar("SELECT count(*) FROM disputes WHERE deleted_at IS NULL")
        figures = []

        ours, rows = timed(dispute_query.list_disputes, store, "", None, TODAY, repeat=5)
        base, plain = timed(_plain, store, repeat=5)
        assert len(rows) == len(plain) == n
        figures.append(Figure(f"case list, all {n:,} cases (rows + deadlines)", ours,
                              "plain SELECT * of the same rows", base, "instant"))

        def tab_open():
            ids = dispute_query.search_dispute_ids(store, "", None, TODAY)
            return dispute_query.disputes_by_ids(store, ids[:200], TODAY)

        ours, _ = timed(tab_open, repeat=5)
        figures.append(Figure("tab: all ids + first page of 200 rows", ours, "plain SELECT * of all rows", base, "≤ 50 ms"))

        filt = DisputeFilter(status="未结案", kind="劳动报酬/欠薪")
        ours, rows = timed(dispute_query.list_disputes, store, "", filt, TODAY, repeat=5)
        base, plain = timed(_plain, store, "deleted_at IS NULL AND status NOT IN ('结案', '撤回') AND kind = ?",
                            ("劳动报酬/欠薪",), repeat=5)
        assert len(rows) == len(plain)
        figures.append(Figure(f"filter 未结案 + 欠薪 ({len(rows):,} rows)", ours, "plain SELECT, same WHERE", base, ""))

        ours, rows = timed(dispute_query.list_disputes, store, "zs", None, TODAY, repeat=5)
        base, _ = timed(_plain, store, "deleted_at IS NULL AND search_text LIKE '%张%'", repeat=5)
        figures.append(Figure(f"search 'zs' (pinyin initials, {len(rows):,} rows)", ours,
                              "plain SELECT with LIKE '%张%'", base, "≤ 20 ms"))

        ours, _ = timed(disputes.deadline_warnings, store, 3, TODAY, repeat=5)
        base, _ = timed(_plain, store, "deleted_at IS NULL AND status IN ('受理', '调解中')", repeat=5)
        figures.append(Figure("deadline warnings (工作台)", ours, "plain SELECT of cases in mediation", base, ""))

        ours, _ = timed(dispute_figures.dispute_figures, store, "2026-01-01", "2026-12-31", TODAY, repeat=5)
        base, _ = timed(_plain, store, "deleted_at IS NULL AND received_date BETWEEN '2026-01-01' AND '2026-12-31'",
                        repeat=5)
        figures.append(Figure("a year's dispute figures (§8)", ours, "plain SELECT of that year's cases", base, "≤ 0.3 s"))
        return figures
    finally:
        store.close()
