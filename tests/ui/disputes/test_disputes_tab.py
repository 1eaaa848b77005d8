"""The 劳动争议 tab as a clerk uses it: a group wage-arrears case from receipt to closure, deadlines
standing out, filters and search, bad input refused on the form, printing and export."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from unionoffice.core.values import dates
from unionoffice.core.disputes import records as disputes
from unionoffice.core.members.records import create_member
from unionoffice.core.orgs.records import create_org
from unionoffice.ui.disputes.dialog import DUE_COLOUR, OVERDUE_COLOUR
from unionoffice.ui.disputes.tab import DisputesTab

TODAY = date(2026, 11, 24)


@pytest.fixture(autouse=True)
def frozen_today(monkeypatch):
    monkeypatch.setattr(dates, "today", lambda: TODAY)


@pytest.fixture
def tab(qtbot, store):
    widget = DisputesTab(store)
    qtbot.addWidget(widget)
    widget.show()
    return widget


@pytest.fixture
def org(store):
    return create_org(store, {"name": "深圳市华美电子有限公司", "workers": 120, "union_mode": "独立建会"})


def add_case(store, received, who="张三", **fields):
    data = {"received_date": received, "source": "来访", "kind": "劳动报酬/欠薪", "respondent_name": "某某餐馆",
            "amount": "10000", **fields}
    return disputes.create_dispute(store, data, [{"name": who}])


def save_to(monkeypatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(path), "")))


def test_the_tab_is_in_the_main_window(window):
    assert isinstance(window.tab("disputesTab"), DisputesTab)


def test_group_wage_arrears_case_from_receipt_to_closure(tab, store, org, messages):
    member = create_member(store, {"name": "曾国藩", "id_number": "11010519491231002X", "org_id": org,
                                   "phone": "13900001111"})
    dialog = tab.new_case()
    assert dialog.header.text() == "新案件：保存后自动编排案号"
    dialog.received_edit.setText("2026-11-10")
    dialog.applicants.table.item(0, 0).setText("王大力")
    dialog.applicants.finder.setText("zgf")
    dialog.applicants.find_members()
    assert dialog.applicants.matches.count() == 1
    dialog.applicants.add_selected_member()
    dialog.respondent.combo.setEditText("深圳市华美电子有限公司")
    dialog.workers_spin.setValue(15)
    assert dialog.collective_label.text() == "集体争议"
    dialog.amount_edit.setText("150,000")
    dialog.claim_edit.setPlainText("公司拖欠 15 名员工三个月工资")
    assert dialog.save(), dialog.error_text()
    assert dialog.windowTitle() == "劳动争议案件 2026-0001"
    assert "调解期限 2026-11-25（还剩 1 天）" in dialog.header.text()
    assert dialog.tabs.count() == 3
    case = disputes.get_dispute(store, dialog.dispute_id)
    assert case["respondent_org_id"] == org and [a["name"] for a in case["applicants"]] == ["王大力", "曾国藩"]

    dialog.step_date.setText("2026-11-11")
    dialog.step_action.setCurrentText("调查核实")
    dialog.step_note.setText("核实欠薪名单")
    assert dialog.add_step()
    for status, day in (("调解中", "2026-11-12"), ("调解成功", "2026-11-18")):
        dialog.next_status.setCurrentIndex(dialog.next_status.findData(status))
        dialog.status_date.setText(day)
        assert dialog.change_status(), dialog.error_text()
    dialog.next_status.setCurrentIndex(dialog.next_status.findData("结案"))
    assert not dialog.closing_box.isHidden()
    dialog.status_date.setText("2026-11-22")
    dialog.outcome_combo.setCurrentText("达成调解协议并已履行")
    dialog.recovered_edit.setText("150000")
    dialog.settlement_edit.setPlainText("企业分两期付清")
    assert dialog.change_status(), dialog.error_text()
    assert messages.of("question") == []
    assert "案件已办结，不能再变更状态" in dialog.status_info.text()
    assert not dialog.change_button.isEnabled()
    assert dialog.steps_table.rowCount() == 5
    row = tab.shown_rows()[0]
    assert (row["case_no"], row["status"], row["recovered"], row["applicant_label"]) == (
        "2026-0001", "结案", 15_000_000, "王大力等15人")


def test_bad_input_is_refused_on_the_form(tab, store, messages):
    dialog = tab.new_case()
    dialog.applicants.table.item(0, 0).setText("张三")
    dialog.respondent.combo.setEditText("某某餐馆")
    dialog.amount_edit.setText("-500")
    assert not dialog.save()
    assert "涉及金额不能为负数" in dialog.error_text()
    assert store.scalar("SELECT count(*) FROM disputes") == 0
    dialog.amount_edit.setText("10000")
    dialog.received_edit.setText("2026-11-10")
    assert dialog.save()

    dialog.step_date.setText("2026-11-09")
    assert not dialog.add_step()
    assert "早于受理日期 2026-11-10" in dialog.error_text()

    dialog.next_status.setCurrentIndex(dialog.next_status.findData("调解中"))
    assert dialog.change_status()
    dialog.next_status.setCurrentIndex(dialog.next_status.findData("调解成功"))
    assert dialog.change_status()
    dialog.next_status.setCurrentIndex(dialog.next_status.findData("结案"))
    dialog.outcome_combo.setCurrentText("")
    assert not dialog.change_status()
    assert "结案须填写处理结果" in dialog.error_text()

    dialog.outcome_combo.setCurrentText("已支付")
    dialog.recovered_edit.setText("12000")
    messages.answer = QMessageBox.StandardButton.No
    assert not dialog.change_status()
    assert "追回金额 12,000.00 元高于涉及金额 10,000.00 元" in messages.of("question")[0][2]
    assert disputes.get_dispute(store, dialog.dispute_id)["status"] == "调解成功"
    messages.answer = QMessageBox.StandardButton.Yes
    assert dialog.change_status()
    assert disputes.get_dispute(store, dialog.dispute_id)["recovered"] == 1_200_000


def test_overdue_and_near_deadline_rows_stand_out(tab, store):
    overdue = add_case(store, "2026-11-01")  # deadline 11-16
    due = add_case(store, "2026-11-11")  # deadline 11-26: 2 days left
    calm = add_case(store, "2026-11-20")
    tab.refresh()
    assert tab.alert_button.text() == "⚠ 调解期限提醒：已超期 1 件，3 天内到期 1 件（点击查看）"
    colours = {}
    for row in range(tab.model.rowCount()):
        brush = tab.model.data(tab.model.index(row, 0), Qt.ItemDataRole.BackgroundRole)
        colours[tab.model.id_at(row)] = brush.color() if brush is not None else None
    assert colours == {overdue: OVERDUE_COLOUR, due: DUE_COLOUR, calm: None}
    deadline = tab.columns.index(next(c for c in tab.columns if c.key == "deadline"))
    assert tab.model.data(tab.model.index(tab.model.row_of(overdue), deadline)) == "2026-11-16（已超期 8 天）"
    tab.alert_button.click()
    assert {r["id"] for r in tab.shown_rows()} == {overdue, due}


def test_filters_and_search(tab, store, org):
    wage = add_case(store, "2026-11-20", who="曾国藩", respondent_org_id=org)
    injury = add_case(store, "2025-06-01", who="李四", kind="工伤")
    tab.refresh()
    assert tab.count_label.text() == "共 2 件"
    tab.kind_filter.setCurrentIndex(tab.kind_filter.findData("工伤"))
    assert [r["id"] for r in tab.shown_rows()] == [injury]
    tab.clear_filters()
    tab.year_filter.setCurrentIndex(tab.year_filter.findData(2026))
    assert [r["id"] for r in tab.shown_rows()] == [wage]
    tab.clear_filters()
    tab.org_filter.setCurrentIndex(tab.org_filter.findData(org))
    assert [r["id"] for r in tab.shown_rows()] == [wage]
    tab.clear_filters()
    for text, expected in (("zgf", [wage]), ("李四", [injury]), ("2025-0001", [injury]), ("hmdz", [wage])):
        tab.search_edit.setText(text)
        tab.run_search()
        assert [r["id"] for r in tab.shown_rows()] == expected, text


def test_delete_moves_to_the_recycle_bin_after_asking(tab, store, messages):
    case_id = add_case(store, "2026-11-20")
    tab.refresh()
    tab.select_ids([case_id])
    assert tab.delete_selected() == 1
    assert "2026-0001" in messages.of("question")[0][2]
    assert tab.model.rowCount() == 0
    assert store.scalar("SELECT deleted_at FROM disputes WHERE id = ?", (case_id,)) is not None


def test_print_form_register_and_export_from_the_tab(tab, store, tmp_path, monkeypatch, qtbot, messages):
    case_id = add_case(store, "2026-11-20")
    tab.refresh()
    tab.select_ids([case_id])
    for start, target in ((tab.print_selected_form, tmp_path / "表.pdf"), (tab.print_register, tmp_path / "台账.pdf"),
                          (tab.export_cases, tmp_path / "台账.xlsx")):
        save_to(monkeypatch, target)
        op = start()
        qtbot.waitUntil(lambda: not op.is_running(), timeout=20000)
        assert op.state == "succeeded", op.error
        assert target.stat().st_size > 1000
    assert len(messages.of("information")) == 3


def test_deleted_cases_come_back_from_the_recycle_bin(tab, store, messages):
    case_id = add_case(store, "2026-11-20")
    tab.refresh()
    tab.select_ids([case_id])
    tab.delete_selected()
    tab.recycle_button.setChecked(True)
    assert [r["case_no"] for r in tab.shown_rows()] == ["2026-0001"]
    assert tab.delete_button.text() == "恢复所选"
    tab.select_ids([case_id])
    assert tab.delete_selected() == 1
    tab.recycle_button.setChecked(False)
    assert [r["id"] for r in tab.shown_rows()] == [case_id]


def test_applicant_phones_are_masked_on_the_form_but_kept_in_full(tab, store, org):
    member = create_member(store, {"name": "曾国藩", "id_number": "11010519491231002X", "org_id": org,
                                   "phone": "13900001111"})
    dialog = tab.new_case()
    dialog.applicants.finder.setText("zgf")
    dialog.applicants.find_members()
    dialog.applicants.add_selected_member()
    phone_cells = [dialog.applicants.table.item(r, 1).text() for r in range(dialog.applicants.table.rowCount())]
    assert "139****1111" in phone_cells and "13900001111" not in phone_cells
    picked = [a for a in dialog.applicants.applicants() if a["member_id"] == member]
    assert picked[0]["phone"] == "13900001111"  # the stored number, not the mask
    row = phone_cells.index("139****1111")
    dialog.applicants.table.item(row, 1).setText("13700002222")  # the clerk types a new number
    picked = [a for a in dialog.applicants.applicants() if a["member_id"] == member]
    assert picked[0]["phone"] == "13700002222"
