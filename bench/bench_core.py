"""Foundation figures: building the demo office, and pinyin search keys for 100k names."""

from __future__ import annotations

import random
import tempfile
from datetime import date
from pathlib import Path

from run import Context, Figure, timed

from unionoffice.core.demo import context as demo_context
from unionoffice.core.demo.office import generate_demo
from unionoffice.core.members import demo as members_demo
from unionoffice.core.orgs import demo as orgs_demo
from unionoffice.core.values import names
from unionoffice.core.store import driver
from unionoffice.core.store.connection import Store


def ensure_office(ctx: Context) -> float | None:
    """Build the shared benchmark office once; returns the build time when it built it."""
    if ctx.db_path.exists():
        return None
    tmp = ctx.db_path.with_suffix(".part")
    for leftover in tmp.parent.glob(tmp.name + "*"):
        leftover.unlink()
    seconds, _ = timed(_build, tmp, ctx)
    tmp.rename(ctx.db_path)
    return seconds


def _build(path: Path, ctx: Context) -> None:
    with Store.open(path) as store:
        generate_demo(store, members=ctx.members, seed=ctx.seed, today=date(2026, 11, 24))


def baseline_executemany(ctx: Context) -> float:
    """Raw executemany of the same member rows into a bare table, one transaction."""
    with tempfile.TemporaryDirectory() as tmp:
        with Store.open(Path(tmp) / "src.db") as store:
            dctx = demo_context.DemoContext(store, random.Random(ctx.seed), ctx.members, date(2026, 11, 24))
            with store.atomic():
                orgs_demo.make_orgs(dctx)
                rows = members_demo.member_rows(dctx)
        conn = driver.connect(Path(tmp) / "bare.db", isolation_level=None)  # the program's SQLite
        conn.execute(f"CREATE TABLE members ({', '.join(members_demo.MEMBER_COLUMNS)})")
        cols = ", ".join("?" for _ in members_demo.MEMBER_COLUMNS)

        def insert():
            conn.execute("BEGIN")
            conn.executemany(f"INSERT INTO members VALUES ({cols})", rows)
            conn.execute("COMMIT")

        seconds, _ = timed(insert)
        conn.close()
    return seconds


def pinyin_figures(ctx: Context) -> Figure:
    from pypinyin import Style, lazy_pinyin

    rng = random.Random(ctx.seed)
    people = [demo_context.person(rng) for _ in range(ctx.members)]
    names._reading.cache_clear()  # cold: the per-character cache starts empty
    ours, _ = timed(lambda: [names.pinyin_keys(n) for n in people])
    plain, _ = timed(lambda: [lazy_pinyin(n, style=Style.NORMAL) for n in people])
    return Figure(f"pinyin keys for {ctx.members:,} names (cold cache)", ours, "plain pypinyin lazy_pinyin", plain, "")


def run(ctx: Context) -> list[Figure]:
    figures = []
    built = ensure_office(ctx)
    if built is not None:
        figures.append(Figure(f"demo office with {ctx.members:,} members", built,
                              "raw executemany of the member rows", baseline_executemany(ctx), ""))
    figures.append(pinyin_figures(ctx))
    return figures
