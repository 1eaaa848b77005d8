"""单位表单 shows its 曾用名 and its collective honours; the 单位 tab finds it by a former name."""

from __future__ import annotations

from unionoffice.core.honours import records as honours
from unionoffice.core.orgs.records import create_org
from unionoffice.ui.orgs.dialog import OrgDialog


def _texts(listing):
    return [listing.item(i).text() for i in range(listing.count())]


def test_form_shows_former_names_and_honours(qtbot, store):
    org = create_org(store, {"name": "甲公司", "workers": 150, "union_mode": "独立建会"})
    honours.create_honour(store, {"category": "工人先锋号", "level": "区", "year": 2025, "org_id": org,
                                  "issuer": "罗湖区总工会"})
    dialog = OrgDialog(store, org)
    qtbot.addWidget(dialog)
    page = dialog.honours_page
    assert "荣誉与曾用名" in [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
    assert _texts(page.honour_list) == ["区级工人先锋号（2025年，罗湖区总工会）"]
    assert _texts(page.former_list) == ["（无）"] and dialog.former_label.text() == ""

    events = dialog.events_page
    events.kind.setCurrentText("更名")
    events.date.setText("2024-01-02")
    events.reason.setText("工商变更")
    events.new_value.setText("甲科技公司")
    assert events.record_event()
    assert _texts(page.former_list) == ["甲公司（2024-01-02 更名，工商变更）"]
    assert dialog.former_label.text() == "曾用名：甲公司（2024-01-02 更名）"


def test_new_org_form_has_no_honours_page(qtbot, store):
    dialog = OrgDialog(store)
    qtbot.addWidget(dialog)
    assert dialog.honours_page is None


def test_orgs_tab_finds_a_renamed_org_by_its_former_name(qtbot, store):
    from unionoffice.core.orgs import lifecycle
    from unionoffice.ui.orgs.tab import OrgsTab

    org = create_org(store, {"name": "华美科技公司", "workers": 5})
    create_org(store, {"name": "乙公司", "workers": 5})
    lifecycle.record_event(store, org, "更名", "2025-03-01", new_value="华美智能公司")
    tab = OrgsTab(store)
    qtbot.addWidget(tab)
    tab.search_edit.setText("华美科技")
    tab.run_search()
    texts = [tab.model.data(tab.model.index(r, 0)) for r in range(tab.model.rowCount())]
    assert texts == ["华美智能公司（曾用名：华美科技公司）"]  # the list says why it was found
    from PySide6.QtCore import Qt

    tip = tab.model.data(tab.model.index(0, 0), Qt.ItemDataRole.ToolTipRole)
    assert tip == "华美智能公司（曾用名：华美科技公司）"  # whole, where the column cuts it
