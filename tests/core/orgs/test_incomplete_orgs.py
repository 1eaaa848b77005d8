"""Orgs a member roll names and the office lacks are 待补全: counted nowhere until completed."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from openpyxl import Workbook

from old_files import office_at_schema

from unionoffice.core.dashboard.reminders import reminders
from unionoffice.core.figures.base import Period
from unionoffice.core.orgs import figures, query
from unionoffice.core.orgs.records import create_org, update_org
from unionoffice.core.store.connection import Store
from unionoffice.exchange.importing.importer import apply_import, prepare_import

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "exchange"))
from exchange_books import person_id  # noqa: E402

YEAR = Period(dt.date(2026, 1, 1), dt.date(2026, 12, 31), "2026年")


def _office(store: Store) -> None:
    create_org(store, {"name": "甲公司", "workers": 10, "union_mode": "独立建会"})
    create_org(store, {"name": "乙公司", "workers": 10, "union_mode": "未建会"})
    create_org(store, {"name": "丙公司", "workers": 20, "union_mode": "独立建会"})


def _roll(path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.append(["姓名", "身份证号", "所在单位", "入会日期"])
    for i, org in enumerate(["甲公司", "甲公司", "新开一号公司", "新开一号公司", "新开二号公司"]):
        ws.append([f"会员{'一二三四五'[i]}", person_id(i), org, "2020-01-01"])
    wb.save(path)
    return path


def test_orgs_created_from_a_member_roll_bend_no_rate(store, tmp_path):
    _office(store)
    before = figures.compute(store, YEAR)
    assert (before["orgs.total"], before["orgs.unionisation_rate"]) == (3, 2 / 3)
    plan = prepare_import(store, _roll(tmp_path / "roll.xlsx"), "members")
    assert plan.new_orgs == ["新开一号公司", "新开二号公司"]
    assert "新建单位 2 个（待补全" in plan.summary()
    assert "建会率 66.7%" in plan.summary() and "入会率" in plan.summary()
    apply_import(store, plan)
    after = figures.compute(store, YEAR)
    assert after["orgs.total"] == 3 and after["orgs.unionisation_rate"] == 2 / 3
    assert after["members.total"] == 5  # they are members all the same
    assert after["members.membership_rate"] == 2 / 40  # only 甲公司's two count against its workers
    live = query.rates(store)
    assert (live["orgs"], live["members"], live["workers"]) == (3, 2, 40)
    tasks = [r for r in reminders(store) if r.category == "单位待补全"]
    assert [t.text.split("：")[0] for t in tasks] == ["新开一号公司", "新开二号公司"]
    assert all(t.kind == "org" and t.tab == "orgsTab" for t in tasks)
    assert {t.status_text for t in tasks} == {"待办"}  # a task, not a deadline (“即将到期” read as nonsense)

    first = tasks[0].record_id
    update_org(store, first, {"workers": 4})  # a head-count alone does not complete it
    assert figures.compute(store, YEAR)["orgs.total"] == 3
    update_org(store, first, {"union_mode": "未建会"})
    done = figures.compute(store, YEAR)
    assert done["orgs.total"] == 4 and done["orgs.unionisation_rate"] == 2 / 4
    assert done["members.membership_rate"] == 4 / 44
    assert [r.record_id for r in reminders(store) if r.category == "单位待补全"] == [tasks[1].record_id]


def test_a_ledger_row_completes_an_org_the_roll_created(store, tmp_path):
    _office(store)
    apply_import(store, prepare_import(store, _roll(tmp_path / "roll.xlsx"), "members"))
    wb = Workbook()
    ws = wb.active
    ws.append(["单位名称", "职工人数", "建会方式"])
    ws.append(["新开一号公司", 8, "独立建会"])
    wb.save(tmp_path / "ledger.xlsx")
    apply_import(store, prepare_import(store, tmp_path / "ledger.xlsx", "orgs"))
    assert store.scalar("SELECT needs_completion FROM orgs WHERE name = '新开一号公司'") == 0
    assert figures.compute(store, YEAR)["orgs.total"] == 4


def test_an_old_file_marks_its_bare_roll_made_orgs_on_upgrade(tmp_path):
    path = tmp_path / "old.db"
    with office_at_schema(path, 8) as conn:
        conn.execute("INSERT INTO orgs(id, name, workers, union_mode) VALUES (1, '老单位', 50, '独立建会')")
        conn.execute("INSERT INTO orgs(id, name) VALUES (2, '名册带来的公司')")
        conn.execute("INSERT INTO orgs(id, name, category) VALUES (3, '填了类别的公司', '私营')")
    with Store.open(path) as store:
        flags = dict(store.query("SELECT name, needs_completion FROM orgs ORDER BY id"))
        assert flags == {"老单位": 0, "名册带来的公司": 1, "填了类别的公司": 0}
        assert store.scalar("SELECT count(*) FROM import_runs") == 0
