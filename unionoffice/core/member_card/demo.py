"""Demo service cards: most members' information collected over the years, cards made for most of
those some weeks later, a few collected this year still waiting for their card."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from ..store import audit

if TYPE_CHECKING:
    from ..demo.context import DemoContext

COLUMNS = ("member_id", "collected_date", "made_date", "card_no")


def make_cards(ctx: "DemoContext") -> None:
    rng, today = ctx.rng, ctx.today
    rows = []
    members = ctx.store.query("SELECT id, joined_date FROM members WHERE status IN ('正常', '保留') ORDER BY id")
    for n, m in enumerate(members):
        if rng.random() > 0.7:
            continue
        joined = date.fromisoformat(m["joined_date"]) if m["joined_date"] else today - timedelta(days=900)
        start = max(joined, date(2018, 1, 1))
        collected = start + timedelta(days=rng.randint(0, max(0, (today - start).days)))
        made = collected + timedelta(days=rng.randint(10, 60))
        made_iso = made.isoformat() if made <= today and rng.random() < 0.8 else None
        rows.append((m["id"], collected.isoformat(), made_iso, f"DHK{n + 1:07d}" if made_iso else ""))
    audit.bulk_insert(ctx.store.conn, "member_cards", COLUMNS, rows)
