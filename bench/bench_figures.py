"""A year's figures (DESIGN §8) on the benchmark office: target ≤ 0.3 s.

Also times the summary outputs a clerk waits for (return, PDF, docx) so a slow one shows up.
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
import tempfile
from pathlib import Path

from bench_core import ensure_office
from run import Context, Figure, timed

from unionoffice.core.figures import catalogue as F
from unionoffice.core.store.connection import Store

YEAR = 2026  # the benchmark office is generated as of 2026-11-24


def _baseline(store: Store) -> None:
    """One plain scan: members on the roll at the year end, the core of the heaviest query."""
    store.scalar("SELECT count(*) FROM members NOT INDEXED WHERE deleted_at IS NULL AND joined_date <= ? "
                 "AND (status IN ('正常', '保留') OR status_date > ?)", (f"{YEAR}-12-31", f"{YEAR}-12-31"))


def ensure_figures_office(ctx: Context) -> Path:
    """The shared office plus the other areas at DESIGN §9 scale (5,000 disputes, 20,000
    assistance rows, 3,000 hardship files, 400 activities), written straight into the tables —
    the shared office may have been built before those areas had demo steps."""
    path = ctx.out / f"figures-{ctx.members}.db"
    if path.exists():
        return path
    ensure_office(ctx)
    part = path.with_suffix(".part")
    shutil.copyfile(ctx.db_path, part)
    with Store.open(part) as store:
        with store.atomic():
            _fill_areas(store, random.Random(ctx.seed))
    part.rename(path)
    return path


def _day(rng: random.Random) -> str:
    return (dt.date(YEAR - 1, 1, 1) + dt.timedelta(days=rng.randint(0, 690))).isoformat()


def _fill_areas(store: Store, rng: random.Random) -> None:
    ex = store.conn.executemany
    kinds = ("劳动报酬/欠薪", "劳动合同", "社会保险", "工伤", "解除/终止", "工时休假", "其他")
    ex("INSERT INTO disputes (case_no, received_date, source, kind, respondent_name, workers, amount, "
       "mediation_result, status, recovered) VALUES (?,?,'来访',?,'某公司',?,?,?,?,?)",
       [(f"B{i:05d}", _day(rng), rng.choice(kinds), rng.randint(1, 30), rng.randint(0, 10**7),
         r := rng.choice(("", "成功", "不成")), {"": "调解中", "成功": "结案", "不成": "转仲裁"}[r],
         rng.randint(0, 10**6) if r == "成功" else 0) for i in range(5000)])
    ex("INSERT INTO activities (title, kind, start_date, end_date, status, headcount) VALUES (?,?,?,?,?,?)",
       [(f"活动{i}", rng.choice(("文体", "培训", "讲座")), d := _day(rng), d, rng.choice(("计划", "已举办")),
         rng.randint(10, 500)) for i in range(400)])
    ex("INSERT INTO hardship_files (file_no, name, id_number, category, level, main_cause, household_size, "
       "filed_date, status, status_date) VALUES (?,?,?,?,?,'本人大病',1,?,?,?)",
       [(f"B{i:05d}", f"困难{i}", f"B{i:017d}", rng.choice(("深度困难", "相对困难")), rng.choice(("市", "区", "街道")),
         _day(rng), s := rng.choice(("在档", "在档", "脱困")), "2026-06-01" if s != "在档" else None)
        for i in range(3000)])
    sources = ("市总", "区总", "街道总工会", "企业", "社会捐赠")
    ex("INSERT INTO assistance (name, id_number, kind, paid_date, amount, funding_source, status) "
       "VALUES (?,?,?,?,?,?,?)",
       [(f"受助{i}", f"A{i % 7000:017d}", rng.choice(("元旦春节送温暖", "金秋助学", "夏送清凉", "大病救助")), _day(rng),
         rng.randint(100, 5000) * 100, rng.choice(sources), rng.choice(("已发", "已签领", "拟发")))
        for i in range(20000)])


def run(ctx: Context) -> list[Figure]:
    path = ensure_figures_office(ctx)
    out: list[Figure] = []
    with Store.open(path, lock=False) as store:
        base, _ = timed(_baseline, store, repeat=5)
        ours, figures = timed(F.compute, store, F.year(YEAR), repeat=5)
        missing = f" (not enabled: {', '.join(figures.missing)})" if figures.missing else ""
        out.append(Figure(f"a year's figures{missing}", ours, "one count(*) scan of the roll", base, "≤ 0.3 s"))
        both, _ = timed(F.compare, store, F.year(YEAR), repeat=3)
        out.append(Figure("a year's figures + same period last year", both, "", None, "(报表 tab)"))
        with tempfile.TemporaryDirectory() as tmp:
            out += _outputs(store, Path(tmp))
    return out


def _outputs(store: Store, tmp: Path) -> list[Figure]:
    from unionoffice.exchange.returns.district import fill_return
    from unionoffice.exchange.returns.summary_docx import write_summary_docx
    from unionoffice.printing.summary_report import write_summary_pdf

    period = F.year(YEAR)
    ret, _ = timed(fill_return, store, period, tmp / "r.xlsx")
    pdf, _ = timed(write_summary_pdf, store, period, tmp / "s.pdf")
    docx, _ = timed(write_summary_docx, store, period, tmp / "s.docx")
    return [Figure("district return from the default template", ret, "", None, ""),
            Figure("summary PDF with charts", pdf, "", None, ""),
            Figure("summary docx draft", docx, "", None, "")]
