"""Registering a contribution as a newcomer does: the form says which campaign it is for, part of an
org's name lists the org, the new row is chosen afterwards so 打印收据 prints its receipt alone, and
nothing chosen asks before printing the whole campaign. A 单位 named by a former name is linked."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from unionoffice.core.fundraising import records as funds
from unionoffice.core.orgs import lifecycle
from unionoffice.core.orgs.records import create_org
from unionoffice.ui.fundraising.tab import FundraisingTab

OLD, NEW = "深圳市新安万象电子有限公司", "深圳市新安万象智能科技有限公司"


def _tab(qtbot, store):
    org = create_org(store, {"name": OLD, "workers": 30})
    lifecycle.record_event(store, org, "更名", "2026-11-20", new_value=NEW)
    fid = funds.create_campaign(store, {"name": "2026年特殊会费", "kind": "特殊会费", "start_date": "2026-10-28"})
    for i in range(3):
        funds.add_contribution(store, fid, {"donor_name": f"职工{i}", "amount": "100", "paid_date": "2026-10-28"})
    tab = FundraisingTab(store)
    qtbot.addWidget(tab)
    return org, tab


def test_new_gift_is_chosen_for_its_receipt(qtbot, store, tmp_path, messages):
    org, tab = _tab(qtbot, store)
    form = tab.add_contribution()
    assert "募集活动：2026年特殊会费" in form.findChildren(type(tab.total_label))[0].text()
    completer = form.widgets["donor_name"].completer()
    completer.setCompletionPrefix("新安万象")
    found = [completer.completionModel().index(i, 0).data() for i in range(completer.completionCount())]
    assert found == [NEW, OLD] or sorted(found) == sorted([NEW, OLD])
    form.widgets["donor_name"].setText(NEW)
    form.widgets["amount"].setText("2000")
    assert form.save()
    [row] = [r for r in funds.list_contributions(store, tab.current_campaign()) if r["donor_name"] == NEW]
    assert row["org_id"] == org and row["donor_kind"] == "单位"
    assert tab.gifts.selected_ids() == [row["id"]]
    op = tab.print_receipts(tmp_path / "收据.pdf")
    qtbot.waitUntil(lambda: not op.is_running(), timeout=20000)
    assert "已生成收据 1 张" in messages.of("information")[-1][2]


def test_nothing_chosen_asks_before_printing_every_receipt(qtbot, store, tmp_path, messages):
    _org, tab = _tab(qtbot, store)
    tab.gifts.clearSelection()
    messages.answer = QMessageBox.StandardButton.No
    assert tab.print_receipts(tmp_path / "all.pdf") is None
    assert "打印本活动全部 3 笔捐款的收据？" in messages.texts() and not (tmp_path / "all.pdf").exists()


def test_a_former_name_links_the_donor_org(store):
    org = create_org(store, {"name": OLD, "workers": 30})
    lifecycle.record_event(store, org, "更名", "2026-11-20", new_value=NEW)
    fid = funds.create_campaign(store, {"name": "募捐", "kind": "募捐", "start_date": "2026-06-28"})
    funds.add_contribution(store, fid, {"donor_name": OLD, "amount": "500", "paid_date": "2026-06-28"})
    [row] = funds.list_contributions(store, fid)
    assert (row["donor_kind"], row["org_id"], row["donor_name"]) == ("单位", org, OLD)
