"""操作日志 as a clerk reads it: who, when, which record, what changed (masked), filters, export."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from openpyxl import load_workbook
from PySide6.QtWidgets import QFileDialog

from unionoffice.core.members import records as members
from unionoffice.core.orgs import records as orgs
from unionoffice.core.store.audit_query import AuditFilter, count_entries, entries
from unionoffice.ui.shell.audit_view import AuditLogDialog

ZHANG_ID = "11010519491231002X"


@pytest.fixture
def history(store):
    """What 李专干 did today: a new org, a new member, a phone change, the member to the bin."""
    store.set_user("李专干")
    org_id = orgs.create_org(store, {"name": "东湖物业公司", "workers": 30})
    member_id = members.create_member(store, {"name": "张三", "id_number": ZHANG_ID, "phone": "13800138000",
                                              "org_id": org_id})
    members.update_member(store, member_id, {"phone": "13900139000"})
    members.delete_members(store, [member_id])
    return {"org": org_id, "member": member_id}


@pytest.fixture
def log(qtbot, store, history):
    dialog = AuditLogDialog(store)
    qtbot.addWidget(dialog)
    return dialog


def test_rows_read_as_the_clerk_acted_newest_first(log):
    rows = log.visible_rows()
    assert [r[1:5] for r in rows] == [
        ["李专干", "会员", "张三", "移入回收站"],
        ["李专干", "会员", "张三", "修改"],
        ["李专干", "会员", "张三", "新增"],
        ["李专干", "单位", "东湖物业公司", "新增"],
    ]
    assert rows[0][0].startswith(date.today().isoformat())
    assert rows[1][5] == "手机：138****8000 → 139****9000"  # masked, as in every list
    assert "所在单位：东湖物业公司" in rows[2][5] and "身份证号：110105********002X" in rows[2][5]
    assert log.count_label.text() == "共 4 条"


def test_detail_panel_lists_each_changed_field(log):
    log.view.selectRow(1)
    detail = [[log.detail.item(r, c).text() for c in range(3)] for r in range(log.detail.rowCount())]
    assert detail == [["手机", "138****8000", "139****9000"]]


def test_full_personal_data_only_on_request(log):
    log.full_check.setChecked(True)
    assert log.visible_rows()[1][5] == "手机：13800138000 → 13900139000"
    log.full_check.setChecked(False)
    assert "138****8000" in log.visible_rows()[1][5]


def test_filter_by_record_type_user_action_and_text(log):
    log.table_combo.setCurrentIndex(log.table_combo.findText("单位"))
    assert [r[3] for r in log.visible_rows()] == ["东湖物业公司"]
    log.table_combo.setCurrentIndex(0)
    log.action_combo.setCurrentIndex(log.action_combo.findText("修改"))
    assert [r[4] for r in log.visible_rows()] == ["修改"]
    log.action_combo.setCurrentIndex(0)
    log.record_edit.setText("张三")
    log.apply_filter()  # the typing debounce, without waiting
    assert {r[3] for r in log.visible_rows()} == {"张三"} and log.count_label.text() == "共 3 条"
    log.record_edit.setText("1101051949")  # an ID fragment finds the member too
    log.apply_filter()
    assert {r[3] for r in log.visible_rows()} == {"张三"}
    log.record_edit.clear()
    log.user_combo.setCurrentIndex(log.user_combo.findText("李专干"))
    assert len(log.visible_rows()) == 4


def test_filter_by_date_range(log):
    log.date_check.setChecked(True)
    today = date.today()
    log.from_edit.setDate(today - timedelta(days=3))
    log.to_edit.setDate(today)
    assert len(log.visible_rows()) == 4
    log.to_edit.setDate(today - timedelta(days=1))
    assert log.visible_rows() == [] and log.count_label.text() == "共 0 条"
    assert not log.export_button.isEnabled()


def test_one_records_history(qtbot, store, history):
    dialog = AuditLogDialog(store, table="members", row_id=history["member"])
    qtbot.addWidget(dialog)
    assert [r[4] for r in dialog.visible_rows()] == ["移入回收站", "修改", "新增"]
    assert dialog.table_combo.currentText() == "会员"


def test_long_logs_load_page_by_page(qtbot, store):
    with store.atomic():
        for i in range(450):
            orgs.create_org(store, {"name": f"单位{i:03d}"})
    dialog = AuditLogDialog(store)
    qtbot.addWidget(dialog)
    assert len(dialog.model.rows) == 200 and dialog.count_label.text() == "共 450 条"
    while dialog.model.canFetchMore():
        dialog.model.fetchMore()
    assert len(dialog.model.rows) == 450
    assert dialog.model.rows[-1].record == "单位000"


def test_export_writes_the_filtered_log_with_a_personal_data_note(qtbot, log, tmp_path, monkeypatch, messages):
    out = tmp_path / "导出" / "操作日志"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), "")))
    log.table_combo.setCurrentIndex(log.table_combo.findText("会员"))
    assert log.export()
    target = out.with_suffix(".xlsx")
    qtbot.waitUntil(lambda: bool(messages.of("information")), timeout=10000)
    assert target.is_file() and str(target) in messages.of("information")[-1][2]
    sheet = load_workbook(target).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert "个人信息" in rows[0][0]
    assert rows[1] == ["序号", "时间", "操作人", "记录类型", "记录", "操作", "修改内容（修改前 → 修改后）", "系统用户"]
    assert [r[2:6] for r in rows[2:]] == [["李专干", "会员", "张三", a] for a in ("移入回收站", "修改", "新增")]
    assert rows[3][6] == "手机：138****8000 → 139****9000"


def test_menu_opens_the_log(window, qtbot):
    dialog = window.show_audit_log()
    qtbot.addWidget(dialog)
    assert dialog.isVisible() and dialog.windowTitle() == "操作日志"
    assert "操作日志…" in [a.text() for a in window.menuBar().actions()[0].menu().actions()]


def test_query_counts_agree_with_the_view(store, history):
    assert count_entries(store, AuditFilter(table="members")) == 3
    assert [e.action for e in entries(store, AuditFilter(user="李专干"), limit=2)] == ["soft_delete", "update"]
