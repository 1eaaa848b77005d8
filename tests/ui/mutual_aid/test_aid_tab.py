"""The 互助保障 tab: plans, enrolments one by one and for a whole org, a claim, an insurer's list
imported, the lists printed and exported."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog

from unionoffice.core.members.records import create_member
from unionoffice.core.mutual_aid import records as aid
from unionoffice.core.orgs.records import create_org
from unionoffice.core.values import dates
from unionoffice.core.values.ids import make_id_number
from unionoffice.ui.mutual_aid.tab import MutualAidTab

TODAY = date(2026, 11, 24)


def pid(n: int) -> str:
    return make_id_number("440303", date(1985, 1, n), n)


@pytest.fixture(autouse=True)
def frozen_today(monkeypatch):
    monkeypatch.setattr(dates, "today", lambda: TODAY)


@pytest.fixture
def org(store):
    org = create_org(store, {"name": "深圳市甲科技有限公司", "workers": 40, "union_mode": "独立建会"})
    for n, name in enumerate(("张三", "李芳", "王五"), start=1):
        create_member(store, {"name": name, "id_number": pid(n), "org_id": org})
    return org


@pytest.fixture
def tab(qtbot, store, org):
    widget = MutualAidTab(store)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_a_year_of_cover_entered_in_the_window(tab, store, org, messages):
    assert "还没有设立保障计划" in tab.plans_label.text()
    plan = tab.edit_plan()
    plan.set_value("name", "在职住院")
    plan.set_value("premium", "六十")
    assert plan.save() is None and "保费" in plan.error_label.text()
    plan.set_value("premium", "60")
    assert plan.save() is not None
    ankang = tab.edit_plan()
    ankang.set_value("name", "女职工安康")
    ankang.set_value("premium", "50")
    ankang.set_value("payer", "个人")
    ankang.save()
    whole = tab.enrol_org()
    whole.set_value("org_id", org)
    whole.set_value("plan_id", aid.find_plan(store, 2026, "在职住院")["id"])
    assert whole.save() is not None
    assert "新增参保 3 人" in messages.of("information")[-1][2]
    one = tab.enrol_one()
    one.set_value("plan_id", aid.find_plan(store, 2026, "女职工安康")["id"])
    one.set_value("id_number", pid(9))
    assert one.save() is None and "请填写姓名" in one.error_label.text()
    one.set_value("name", "新来的")
    one.set_value("org_id", org)
    one.set_value("shares", "2")
    assert one.save() is not None
    rows = {r["person_name"]: r for r in tab.shown_rows()}
    assert rows["新来的"]["to_add"] and rows["新来的"]["premium"] == 100_00
    assert "全员参保单位 1 家；待补录会员 1 人" in tab.plans_label.text()
    tab.to_add_check.setChecked(True)
    assert [r["person_name"] for r in tab.shown_rows()] == ["新来的"]
    tab.to_add_check.setChecked(False)
    tab.select_ids([rows["张三"]["id"]])
    claim = tab.add_claim()
    claim.set_value("cause", "肺炎住院")
    claim.set_value("amount", "1500")
    assert claim.save() is not None
    assert aid.claims(store, "2026-01-01", "2026-12-31")[0]["amount"] == 1500_00
    tab.plan_combo.setCurrentText("女职工安康")
    assert [r["person_name"] for r in tab.shown_rows()] == ["新来的"]


def test_insurer_list_imported_and_lists_printed(tab, store, org, tmp_path, qtbot, messages, monkeypatch):
    from openpyxl import Workbook

    aid.save_plan(store, {"year": 2026, "name": "特种重病", "premium": "100"})
    tab.refresh()
    wb = Workbook()
    ws = wb.active
    ws.append(["姓名", "身份证号码", "工作单位", "参保项目"])
    ws.append(["张三", pid(1), "深圳市甲科技有限公司", "特种重病"])
    ws.append(["李四", pid(1), "深圳市甲科技有限公司", "特种重病"])
    path = tmp_path / "保险公司名单.xlsx"
    wb.save(path)
    op = tab.import_list(path)
    qtbot.waitUntil(lambda: not op.is_running(), timeout=20000)
    assert op.state == "succeeded", op.error
    assert "与“李四”不符" in messages.of("question")[0][2]
    assert [r["person_name"] for r in tab.shown_rows()] == ["张三"]
    for start, target in ((tab.print_list, tmp_path / "名单.pdf"), (tab.print_summary, tmp_path / "汇总.pdf"),
                          (tab.export_list, tmp_path / "名单.xlsx")):
        monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, t=target, **k: (str(t), "")))
        job = start()
        qtbot.waitUntil(lambda: not job.is_running(), timeout=20000)
        assert job.state == "succeeded", job.error
        assert Path(target).stat().st_size > 1000


def test_claims_listed_exported_and_a_mistaken_one_deleted(tab, store, org, tmp_path, qtbot, monkeypatch, messages):
    plan = aid.save_plan(store, {"year": 2026, "name": "特种重病", "premium": "100"})
    enrolment = aid.enrol(store, plan, name="张三", id_number=pid(1))
    aid.add_claim(store, enrolment, "2026-05-01", "手术", "3000")
    aid.add_claim(store, enrolment, "2026-05-02", "手术", "3000")  # entered twice
    tab.refresh()
    dialog = tab.show_claims()
    assert dialog.table.rowCount() == 2 and "6,000.00 元" in dialog.total_label.text()
    dialog.table.selectRow(1)
    assert dialog.delete_selected()
    assert [c["claim_date"] for c in aid.claims(store, "2026-01-01", "2026-12-31")] == ["2026-05-01"]
    target = tmp_path / "给付.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    job = tab.export_claims()
    qtbot.waitUntil(lambda: not job.is_running(), timeout=20000)
    assert job.state == "succeeded", job.error
    assert target.stat().st_size > 1000
