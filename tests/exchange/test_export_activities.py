"""The activity 台账 export: one row per activity whose 人次 and cost add up to the demo's figures."""

import datetime

import pytest
from openpyxl import load_workbook

from unionoffice.cli import main
from unionoffice.core.activities import records as act
from unionoffice.core.demo import office as demo
from unionoffice.core.store.connection import Store
from unionoffice.exchange.exports.activities import COLUMNS, export_activities

TODAY = datetime.date(2026, 11, 24)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("acts") / "demo.db"
    with Store.open(path) as s:
        demo.generate_demo(s, members=400, seed=3, today=TODAY)
    return path


def sheet_rows(path):
    ws = load_workbook(path).active
    rows = list(ws.iter_rows(values_only=True))
    header = rows[1]
    return [dict(zip(header, r)) for r in rows[2:]]


def test_cli_export_counts_match_the_demo(demo_db, tmp_path, capsys):
    out = tmp_path / "活动.xlsx"
    assert main(["export", "activities", "--db", str(demo_db), "--out", str(out)]) == 0
    rows = sheet_rows(out)
    with Store.open(demo_db) as s:
        live = s.scalar("SELECT count(*) FROM activities WHERE deleted_at IS NULL")
        totals = act.activity_totals(s, "2026-01-01", "2026-12-31")
    assert f"已导出活动 {live} 条" in capsys.readouterr().out
    assert len(rows) == live
    held = [r for r in rows if r["状态"] == "已举办"]
    assert len(held) == sum(t["held"] for t in totals.values())
    assert sum(r["实际人次"] for r in held) == sum(t["headcount"] for t in totals.values())
    assert round(sum(r["经费（元）"] or 0 for r in held) * 100) == sum(t["cost"] for t in totals.values())
    for kind, t in totals.items():
        assert sum(r["实际人次"] or 0 for r in held if r["类别"] == kind) == t["headcount"]
    # 人次 and the attendance list agree wherever there is a list
    assert all(r["实际人次"] == r["签到名单人数"] + r["名单外人数"] for r in rows if r["签到名单人数"])


def test_cells_are_typed(demo_db, tmp_path):
    out = tmp_path / "a.xlsx"
    with Store.open(demo_db) as s:
        export_activities(s, out, year=2026)
    ws = load_workbook(out).active
    assert [c.value for c in ws[2]] == [c.label for c in COLUMNS]
    first = ws[3]
    assert isinstance(first[0].value, int)
    assert isinstance(first[1].value, datetime.datetime) and first[1].number_format == "yyyy-mm-dd"
    assert ws.freeze_panes == "A3"


def test_year_filter_and_an_empty_year(demo_db, tmp_path):
    with Store.open(demo_db) as s:
        assert export_activities(s, tmp_path / "2025.xlsx", year=2025) == 0
        n = export_activities(s, tmp_path / "2026.xlsx", year=2026)
    assert n == len(sheet_rows(tmp_path / "2026.xlsx")) > 12


def test_a_formula_like_title_stays_text(store, tmp_path):
    act.create_activity(store, {"title": "=HYPERLINK(\"x\")", "start_date": "2026-03-01"})
    out = tmp_path / "f.xlsx"
    export_activities(store, out)
    cell = load_workbook(out).active["F3"]
    assert cell.value == '=HYPERLINK("x")' and cell.data_type == "s"
