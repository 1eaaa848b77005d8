"""The union's form: a facility and an officer corrected in their own edit forms, an officer's
离任 entered (the record stays, marked 已离任), bad input shown, nothing half-saved."""

from __future__ import annotations

from unionoffice.core.orgs.records import create_org
from unionoffice.core.union_standing import records as standing
from unionoffice.ui.union_standing.dialog import StandingDialog


def _form(qtbot, store):
    org = create_org(store, {"name": "单位甲", "workers": 20, "union_mode": "独立建会", "union_founded": "2020-01-01"})
    standing.add_facility(store, org, {"kind": "职工之家", "set_up_date": "2024-05-01"})
    standing.add_officer(store, org, {"role": "主席", "name": "王五", "since": "2021-01-01"})
    form = StandingDialog(store, org, 2026)
    qtbot.addWidget(form)
    return org, form


def test_facility_edited_in_its_form(qtbot, store):
    org, form = _form(qtbot, store)
    form.facility_list.setCurrentRow(0)
    edit = form.edit_facility()
    edit.name.setText("东湖示范职工之家")
    edit.level.setCurrentText("区")
    edit.date.setText("2024年6月1日")
    assert edit.save()
    assert form.facility_list.item(0).text() == "2024-06-01  职工之家  东湖示范职工之家（区级）"
    assert len(standing.facilities_of(store, org)) == 1

    form.facility_list.setCurrentRow(0)
    edit = form.edit_facility()
    edit.date.setText("")
    assert not edit.save() and "建立日期" in edit.error.text()
    assert standing.facilities_of(store, org)[0]["set_up_date"] == "2024-06-01"


def test_officer_edited_and_ended_without_deleting(qtbot, store):
    org, form = _form(qtbot, store)
    form.officer_list.setCurrentRow(0)
    edit = form.edit_officer()
    edit.phone.setText("13800138000")
    edit.until.setText("2020-01-01")
    assert not edit.save() and "离任日期早于任职日期" in edit.error.text()
    edit.until.setText("")
    assert edit.save()
    assert standing.officers_of(store, org)[0]["phone"] == "13800138000"

    form.officer_list.setCurrentRow(0)
    end = form.edit_officer(ending=True)
    assert not end.name.isEnabled()
    end.until.setText("")
    assert not end.save() and "请填写离任日期" in end.error.text()
    end.until.setText("2025-06-30")
    assert end.save()
    assert form.officer_list.item(0).text() == "主席  王五  2021-01-01 至 2025-06-30（已离任）"
    assert standing.officers_of(store, org, serving_only=True) == []
    assert len(standing.officers_of(store, org)) == 1


def test_edit_without_a_selection_says_so(qtbot, store):
    _org, form = _form(qtbot, store)
    form.officer_list.setCurrentRow(-1)
    form.officer_list.clearSelection()
    assert form.edit_officer() is None and "请先在列表中选择" in form.error.text()


def test_union_lists_imported_from_the_tab(qtbot, store, tmp_path):
    import openpyxl
    import pytest

    from unionoffice.core.errors import UserError
    from unionoffice.core.orgs import lifecycle
    from unionoffice.ui.union_standing.tab import StandingTab

    org = create_org(store, {"name": "旧名公司", "workers": 20, "union_mode": "独立建会", "union_founded": "2020-01-01"})
    lifecycle.record_event(store, org, "更名", "2025-03-01", new_value="新名公司")
    tab = StandingTab(store)
    qtbot.addWidget(tab)
    assert [a.text() for a in tab.list_button.menu().actions()] == [
        "工会委员名单…", "职工之家/书屋/服务点台账…", "区域性、行业性合同（职代会）名单…"]
    wb = openpyxl.Workbook()
    wb.active.append(["工会名称", "职务", "姓名"])
    wb.active.append(["旧名公司", "主席", "王五"])
    wb.save(tmp_path / "委员.xlsx")
    text = tab.read_union_list("officers", str(tmp_path / "委员.xlsx"))
    assert text == "新登记 1 人，更新 0 人，无变化 0 人。\n按曾用名匹配：旧名公司 → 新名公司。"
    wb.active.append(["新名公司", "会长", "李四"])
    wb.save(tmp_path / "委员2.xlsx")
    with pytest.raises(UserError, match="第3行（职务）"):
        tab.read_union_list("officers", str(tmp_path / "委员2.xlsx"))
    assert [o["name"] for o in standing.officers_of(store, org)] == ["王五"]
