"""The 规范化建设 tab finds a union by part of its name, its pinyin initials or a former name; the
rates on top stay those of every union."""

from __future__ import annotations

from unionoffice.core.orgs import lifecycle
from unionoffice.core.orgs.records import create_org
from unionoffice.ui.union_standing.tab import StandingTab


def test_search_box_narrows_the_unions(qtbot, store):
    renamed = create_org(store, {"name": "深圳市华美科技有限公司", "workers": 20, "union_mode": "独立建会",
                                 "union_founded": "2020-01-01"})
    create_org(store, {"name": "深圳市东门酒店", "workers": 20, "union_mode": "独立建会", "union_founded": "2020-01-01"})
    lifecycle.record_event(store, renamed, "更名", "2025-03-01", new_value="深圳市华美智能股份有限公司")
    tab = StandingTab(store)
    qtbot.addWidget(tab)
    summary = tab.summary.text()
    assert tab.table.rowCount() == 2
    tab.search_edit.setText("华美科技")  # only the former name has 科技
    assert tab.table.rowCount() == 1 and tab.table.cell_text(0, 0) == "深圳市华美智能股份有限公司"
    tab.search_edit.setText("dmjd")
    assert tab.table.rowCount() == 1 and tab.table.cell_text(0, 0) == "深圳市东门酒店"
    assert tab.summary.text() == summary
    tab.search_edit.clear()
    assert tab.table.rowCount() == 2
