"""A collective honour on the form: typing part of the org's name (today's or a former one) lists the
orgs containing it; a name the register does not know is asked about before saving (it would show on
no org's form); the honour saved to an org shows on that org's 荣誉与曾用名 page."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from unionoffice.core.honours import records as honours
from unionoffice.core.orgs import lifecycle
from unionoffice.core.orgs.records import create_org
from unionoffice.ui.honours.dialog import HonourDialog
from unionoffice.ui.orgs.dialog import OrgDialog

OLD, NEW = "深圳市新安万象电子有限公司", "深圳市新安万象智能科技有限公司"


def _form(qtbot, store):
    org = create_org(store, {"name": OLD, "workers": 30, "union_mode": "独立建会"})
    lifecycle.record_event(store, org, "更名", "2026-11-20", new_value=NEW)
    form = HonourDialog(store)
    qtbot.addWidget(form)
    form.kind.setCurrentText("集体")
    form.category.setCurrentText("工人先锋号")
    form.issuer.setText("罗湖区总工会")
    return org, form


def test_part_of_a_name_lists_the_org_and_an_unknown_name_is_asked_about(qtbot, store, messages):
    org, form = _form(qtbot, store)
    completer = form.org.completer()
    completer.setCompletionPrefix("新安万象")
    found = [completer.completionModel().index(i, 0).data() for i in range(completer.completionCount())]
    assert NEW in found and f"{OLD}（曾用名，现名 {NEW}）" in found
    form.org.setCurrentText("新安万象")  # only a part typed, nothing picked
    messages.answer = QMessageBox.StandardButton.No
    assert not form.save()
    assert "“新安万象”不在单位台账中" in messages.texts() and honours.list_honours(store) == []
    form.org.setCurrentText(NEW)
    assert form.save()
    dialog = OrgDialog(store, org)
    qtbot.addWidget(dialog)
    page = dialog.honours_page
    assert [page.honour_list.item(i).text() for i in range(page.honour_list.count())] == [
        "区级工人先锋号（2026年，罗湖区总工会）"]


def test_a_former_name_picked_keeps_the_name_and_links_the_org(qtbot, store, messages):
    org, form = _form(qtbot, store)
    form.org.setCurrentText(f"{OLD}（曾用名，现名 {NEW}）")
    assert form.save()
    assert messages.calls == []  # a known org: nothing asked
    [h] = honours.list_honours(store)
    assert h["org_name"] == OLD and h["org_id"] == org


def test_a_team_off_the_register_is_saved_when_the_clerk_says_yes(qtbot, store, messages):
    _org, form = _form(qtbot, store)
    form.org.setCurrentText("东湖街道环卫一班")
    assert form.save()  # the recorder answers yes
    assert [h["org_name"] for h in honours.list_honours(store)] == ["东湖街道环卫一班"]
