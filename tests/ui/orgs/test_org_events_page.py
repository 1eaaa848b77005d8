"""单位表单 → 变更记录: record 注销/更名 and a past head-count from the window."""

from __future__ import annotations

from unionoffice.core.figures import catalogue as F
from unionoffice.core.orgs.records import create_org
from unionoffice.ui.orgs.dialog import OrgDialog


def test_record_rename_cancel_and_headcount(qtbot, store):
    org = create_org(store, {"name": "甲公司", "workers": 150})
    dialog = OrgDialog(store, org)
    qtbot.addWidget(dialog)
    page = dialog.events_page
    assert "变更记录" in [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]

    page.kind.setCurrentText("更名")
    page.date.setText("2024-01-02")
    page.new_value.setText("甲科技公司")
    assert page.record_event()
    assert dialog.edits["name"].text() == "甲科技公司" and dialog.windowTitle() == "单位：甲科技公司"

    page.count_date.setText("2019-06-30")
    page.counts[0].setValue(90)
    assert page.record_headcount()
    assert F.compute(store, F.year(2019))["workers.total"] == 90

    page.kind.setCurrentText("注销")
    page.date.setText("2025年6月30日")
    page.reason.setText("歇业")
    assert page.record_event()
    assert F.compute(store, F.year(2026))["orgs.total"] == 0
    assert "已于 2025-06-30 注销，" in page.note.text()
    kinds = [r[1] for r in page.rows()]
    assert kinds.count("更名") == 1 and kinds.count("注销") == 1 and "人数" in kinds

    page.kind.setCurrentText("换届")
    page.date.setText("2025-08-01")
    assert not page.record_event() and "不能再登记换届" in page.error.text()


def test_new_org_has_to_be_saved_first(qtbot, store):
    dialog = OrgDialog(store)
    qtbot.addWidget(dialog)
    assert not dialog.events_page.record_button.isEnabled()
    assert "请先保存单位" in dialog.events_page.note.text()


def test_org_list_marks_an_ended_org(qtbot, store):
    from unionoffice.core.orgs import lifecycle
    from unionoffice.ui.orgs.tab import OrgsTab

    org = create_org(store, {"name": "甲公司", "workers": 5})
    create_org(store, {"name": "乙公司", "workers": 5})
    lifecycle.record_event(store, org, "迁出", "2025-03-01", reason="迁往外区")
    tab = OrgsTab(store)
    qtbot.addWidget(tab)
    tab.refresh()
    texts = [tab.model.data(tab.model.index(r, 0)) for r in range(tab.model.rowCount())]
    assert "甲公司（已迁出）" in texts and "乙公司" in texts


def test_a_待补全_org_still_reads_not_chosen_after_an_event_is_recorded(qtbot, store):
    from unionoffice.ui.orgs.dialog import MODE_UNKNOWN

    org = store.execute("INSERT INTO orgs (name, union_mode, needs_completion, workers) "
                        "VALUES ('新开的奶茶店', '未建会', 1, 8)").lastrowid
    dialog = OrgDialog(store, org)
    qtbot.addWidget(dialog)
    assert dialog.union_mode_combo.currentText() == MODE_UNKNOWN
    page = dialog.events_page
    page.kind.setCurrentText("更名")
    page.date.setText("2026-01-05")
    page.new_value.setText("新开的奶茶饮品店")
    assert page.record_event()
    assert dialog.union_mode_combo.currentText() == MODE_UNKNOWN  # still not chosen: not a 未建会 she never said
