"""变更记录 as a newcomer meets it: no kind is chosen at first (a 注销 is never one click away), an
ending event asks first, the new-name box is open only for 更名/合并, and the event just recorded
is shown selected."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from unionoffice.core.orgs import lifecycle
from unionoffice.core.orgs.records import create_org
from unionoffice.ui.orgs.dialog import OrgDialog


def _dialog(qtbot, store):
    org = create_org(store, {"name": "甲公司", "workers": 150, "union_mode": "独立建会", "term_years": 5,
                             "union_name": "甲公司工会委员会"})
    for year in range(2016, 2026):
        lifecycle.record_headcount(store, org, f"{year}-12-31", 150)
    dialog = OrgDialog(store, org)
    qtbot.addWidget(dialog)
    return org, dialog


def _page(qtbot, store):
    org, dialog = _dialog(qtbot, store)
    return org, dialog.events_page


def test_no_kind_at_first_and_new_name_only_for_rename(qtbot, store):
    org, page = _page(qtbot, store)
    assert page.kind.currentText() == "（请选择）" and not page.new_value.isEnabled()
    page.date.setText("2026-12-05")
    assert not page.record_event() and "请先选择变更类别" in page.error.text()
    assert lifecycle.events(store, org) == []
    page.kind.setCurrentText("更名")
    assert page.new_value.isEnabled() and "新名称" in page.new_value.placeholderText()
    page.kind.setCurrentText("换届")
    assert not page.new_value.isEnabled()
    assert page.record_event()
    selected = page.table.selectedItems()
    assert selected and selected[0].text() == "2026-12-05" and page.table.item(selected[0].row(), 1).text() == "换届"


def test_an_ending_event_asks_first(qtbot, store, messages):
    org, page = _page(qtbot, store)
    page.kind.setCurrentText("注销")
    page.date.setText("2026-06-30")
    messages.answer = QMessageBox.StandardButton.No
    assert not page.record_event()
    assert "登记“甲公司”于 2026-06-30 注销？" in messages.texts() and lifecycle.ended_on(store, org) is None
    messages.answer = QMessageBox.StandardButton.Yes
    assert page.record_event()
    assert lifecycle.ended_on(store, org) == "2026-06-30"


def test_a_mistaken_event_is_withdrawn_from_the_page(qtbot, store, messages):
    from unionoffice.core.figures import catalogue as F

    org, page = _page(qtbot, store)
    page.kind.setCurrentText("更名")
    page.date.setText("2026-03-01")
    page.new_value.setText("甲科技公司")
    assert page.record_event()
    page.kind.setCurrentText("注销")
    page.date.setText("2026-06-30")
    assert page.record_event()
    assert F.compute(store, F.year(2026))["orgs.total"] == 0
    page.table.clearSelection()
    page.table.setCurrentCell(-1, -1)
    assert not page.withdraw_selected() and "请先在上面的列表中选中" in page.error.text()
    page._show_row("2026-06-30", "注销")
    messages.answer = QMessageBox.StandardButton.No
    assert not page.withdraw_selected() and lifecycle.ended_on(store, org) == "2026-06-30"
    messages.answer = QMessageBox.StandardButton.Yes
    assert page.withdraw_selected()
    assert lifecycle.ended_on(store, org) is None and F.compute(store, F.year(2026))["orgs.total"] == 1
    assert "注销" not in [r[1] for r in page.rows()]
    page._show_row("2026-03-01", "更名")
    assert page.withdraw_selected()
    assert store.scalar("SELECT name FROM orgs WHERE id = ?", (org,)) == "甲公司"
    assert lifecycle.former_names(store, org) == []
    assert store.scalar("SELECT count(*) FROM audit WHERE table_name = 'org_events'") >= 4  # recorded and withdrawn


def test_rename_on_the_form_renames_the_union_too_and_saving_keeps_it(qtbot, store):
    from unionoffice.core.orgs.records import get_org

    org, dialog = _dialog(qtbot, store)
    page = dialog.events_page
    page.kind.setCurrentText("更名")
    page.date.setText("2026-11-20")
    page.new_value.setText("甲科技公司")
    assert page.record_event()
    assert dialog.edits["union_name"].text() == "甲科技公司工会委员会"
    assert dialog.save()
    assert get_org(store, org)["union_name"] == "甲科技公司工会委员会"


def test_an_ended_org_is_no_term_reminder_in_the_list(qtbot, store):
    from unionoffice.core.orgs.query import OrgFilter, search_org_ids
    from unionoffice.core.values import dates as d
    from unionoffice.ui.widgets.table_models import term_colour

    soon = (d.today().replace(day=1)).isoformat()
    ended = create_org(store, {"name": "甲公司", "workers": 20, "union_mode": "独立建会", "term_expiry": soon})
    live = create_org(store, {"name": "乙公司", "workers": 20, "union_mode": "独立建会", "term_expiry": soon})
    lifecycle.record_event(store, ended, "注销", "2026-01-31")
    assert search_org_ids(store, "", OrgFilter(term_expiring_days=90)) == [live]
    from unionoffice.core.orgs.query import orgs_by_ids

    rows = {r["id"]: r for r in orgs_by_ids(store, [ended, live])}
    assert term_colour(rows[ended]) is None and term_colour(rows[live]) is not None
