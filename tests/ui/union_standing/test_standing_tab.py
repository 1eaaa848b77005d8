"""The 规范化建设 tab: a union's year entered on the form shows in the table and the rates on top;
a regional contract ticked over two orgs counts both as covered."""

from __future__ import annotations

from unionoffice.core.orgs.records import create_org
from unionoffice.core.values import dates
from unionoffice.ui.union_standing.tab import StandingTab


def test_union_year_and_regional_contract_in_the_window(qtbot, store):
    for i in range(2):
        create_org(store, {"name": f"单位{i}", "workers": 20, "union_mode": "独立建会", "union_founded": "2020-01-01"})
    tab = StandingTab(store)
    qtbot.addWidget(tab)
    assert tab.table.rowCount() == 2 and tab.table.cell_text(0, 1) == "未登记"
    tab.table.selectRow(0)
    form = tab.open_form(tab.table.selected_ids()[0])
    form.edits["grade"].setCurrentText("示范")
    assert not form.save() and "级别" in form.error.text()
    form.edits["grade_level"].setCurrentText("区")
    form.edits["open_affairs"].setChecked(True)
    form.officer_name.setText("王主席")
    form.add_officer()
    assert form.officer_list.item(0).text().startswith("主席  王主席")
    assert form.save()
    assert tab.table.cell_text(0, 3) == "区级示范" and tab.table.cell_text(0, 4) == "是"
    assert "厂务公开率 50.0%" in tab.summary.text()

    dialog = tab.new_agreement()
    dialog.name.setText("行业性集体合同")
    dialog.signed.setText(dates.to_iso(dates.today()))
    dialog.tick(["单位0", "单位1"])
    assert dialog.save()
    assert tab.agreements.rowCount() == 1 and tab.agreements.cell_text(0, 4).startswith("2 家")
    assert "集体合同覆盖率 100.0%" in tab.summary.text()
