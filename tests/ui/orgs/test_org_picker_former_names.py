"""Any org picker finds a renamed org by its former name: typed or picked, it selects the org
under today's name."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox

from unionoffice.core.orgs import lifecycle
from unionoffice.core.orgs.records import create_org, org_choices
from unionoffice.ui.widgets.form_helpers import fill_org_combo, org_combo_value


def _renamed(store):
    org = create_org(store, {"name": "华美科技公司", "workers": 5})
    create_org(store, {"name": "乙公司", "workers": 5})
    lifecycle.record_event(store, org, "更名", "2025-03-01", new_value="华美智能公司")
    return org


def test_picker_lists_former_names_and_selects_todays(qtbot, store):
    org = _renamed(store)
    combo = QComboBox()
    qtbot.addWidget(combo)
    fill_org_combo(combo, org_choices(store), "（未填写）", former=lifecycle.former_name_choices(store))
    texts = [combo.itemText(i) for i in range(combo.count())]
    assert texts[-1] == "华美科技公司（曾用名，现名 华美智能公司）"
    combo.setCurrentIndex(combo.count() - 1)
    assert combo.currentText() == "华美智能公司" and combo.currentData() == org
    combo.setEditText("华美科技公司")
    assert org_combo_value(combo) == org
    combo.setEditText("不存在公司")
    try:
        org_combo_value(combo)
    except Exception as exc:  # noqa: BLE001
        assert "不在单位台账中" in str(exc)
    else:
        raise AssertionError("a name no org had must be refused")


def test_member_form_picks_the_renamed_org_by_its_former_name(qtbot, store):
    from unionoffice.ui.members.dialog import MemberDialog

    org = _renamed(store)
    dialog = MemberDialog(store)
    qtbot.addWidget(dialog)
    combo = dialog.org_combo
    combo.setCurrentIndex(combo.findText("华美科技公司（曾用名，现名 华美智能公司）"))
    assert combo.currentText() == "华美智能公司" and combo.currentData() == org
