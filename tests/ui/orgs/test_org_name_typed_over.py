"""The org's name typed over on 基本信息 (what a newcomer does for a 更名): the form asks whether it is
a 更名 (kept as a former name, found by it) or a typo put right; 取消 saves nothing."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from unionoffice.core.orgs import lifecycle
from unionoffice.core.orgs.query import search_org_ids
from unionoffice.core.orgs.records import create_org, get_org
from unionoffice.core.values import dates
from unionoffice.ui.orgs.dialog import OrgDialog


def _typed_over(qtbot, store, new="甲智能公司"):
    org = create_org(store, {"name": "甲科技公司", "workers": 20, "union_mode": "独立建会",
                             "union_name": "甲科技公司工会委员会"})
    dialog = OrgDialog(store, org)
    qtbot.addWidget(dialog)
    dialog.edits["name"].setText(new)
    dialog.spins["workers"].setValue(25)
    return org, dialog


def test_yes_records_a_rename_today(qtbot, store, messages):
    org, dialog = _typed_over(qtbot, store)
    assert dialog.save()
    assert "单位名称由“甲科技公司”改为“甲智能公司”" in messages.texts()
    row = get_org(store, org)
    assert (row["name"], row["union_name"], row["workers"]) == ("甲智能公司", "甲智能公司工会委员会", 25)
    assert lifecycle.former_names(store, org) == [{"name": "甲科技公司", "until": dates.today().isoformat(),
                                                   "reason": ""}]
    assert search_org_ids(store, "甲科技") == [org]


def test_no_corrects_a_typo_without_a_former_name(qtbot, store, messages):
    org, dialog = _typed_over(qtbot, store, new="甲科技有限公司")
    messages.answer = QMessageBox.StandardButton.No
    assert dialog.save()
    assert get_org(store, org)["name"] == "甲科技有限公司" and lifecycle.former_names(store, org) == []


def test_cancel_saves_nothing(qtbot, store, messages):
    org, dialog = _typed_over(qtbot, store)
    messages.answer = QMessageBox.StandardButton.Cancel
    assert not dialog.save()
    assert (get_org(store, org)["name"], get_org(store, org)["workers"]) == ("甲科技公司", 20)
