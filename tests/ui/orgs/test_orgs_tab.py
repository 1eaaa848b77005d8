"""The 单位/基层工会 tab: search, filters, live 建会率/入会率, the org form (a Designer form) with its
checks, federations and 联合建会, union term and collective contracts."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QWidget

from roll_fixtures import build_roll, credit_code, pick
from unionoffice.core.values import dates
from unionoffice.core.orgs import query as org_query, records as orgs
from unionoffice.ui.orgs.dialog import OrgDialog
from unionoffice.ui.orgs.tab import OrgsTab
from unionoffice.ui.widgets.table_models import DUE_SOON_COLOUR, EXPIRED_COLOUR

HUAMEI = "深圳市华美科技有限公司"
JINQIAO = "深圳市金桥酒店"
FED = "东湖社区工会联合会"


@pytest.fixture
def roll(store):
    return build_roll(store)


@pytest.fixture
def tab(qtbot, store, roll):
    widget = OrgsTab(store)
    qtbot.addWidget(widget)
    widget.resize(1200, 600)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def search(qtbot, tab, text, expected):
    tab.search_edit.clear()
    if text.isascii():
        qtbot.keyClicks(tab.search_edit, text)
    else:
        tab.search_edit.insert(text)
    qtbot.waitUntil(lambda: tab.shown_names() == expected, timeout=2000)


def column(tab, key):
    return [c.key for c in tab.columns].index(key)


# ---------------------------------------------------------------------- the list
def test_list_columns_and_counts(tab, roll):
    headers = [tab.model.headerData(c, Qt.Orientation.Horizontal) for c in range(tab.model.columnCount())]
    assert headers == ["单位名称", "类别", "社区", "职工人数", "会员人数", "建会方式", "所属工联会", "工会主席", "换届到期日"]
    assert tab.count_label.text() == "共 3 个"
    row = tab.model.row_of(roll["huamei"])
    cells = [tab.model.index(row, c).data() for c in range(tab.model.columnCount())]
    assert cells[:8] == [HUAMEI, "私营", "东湖社区", "10", "2", "独立建会", "", "任飞"]
    fed_row = tab.model.row_of(roll["fed"])
    assert tab.model.index(fed_row, column(tab, "union_mode")).data() == "社区工联会"


def test_rates_are_live(tab):
    # employers: 华美 (own union, 2 members), 金桥 (none, 2 members); 20 workers
    assert tab.rates_label.text() == "建会率 50.0%（已建会 1 / 在册单位 2，不含工联会）　　入会率 20.0%（在册会员 4 / 职工 20，均不含待补全单位）"


@pytest.mark.parametrize("text, expected", [
    ("金桥", [JINQIAO]),
    ("jinqiao", [JINQIAO]),
    ("jqjd", [JINQIAO]),  # initials, anywhere in the name (深圳市 comes first)
    ("MA5F8", [HUAMEI]),  # a fragment of the credit code
    ("联合会", [FED]),
])
def test_search(qtbot, tab, text, expected):
    search(qtbot, tab, text, expected)


def test_filters(qtbot, tab):
    pick(tab.community_filter, "桂园社区")
    assert tab.shown_names() == [JINQIAO]
    tab.clear_filters()
    pick(tab.mode_filter, "未建会")
    assert tab.shown_names() == [JINQIAO]
    tab.clear_filters()
    pick(tab.kind_filter, "只看工联会")
    assert tab.shown_names() == [FED]
    tab.clear_filters()
    pick(tab.category_filter, "私营")
    assert sorted(tab.shown_names()) == sorted([HUAMEI, JINQIAO])
    assert tab.count_label.text() == "共 2 个"


def test_term_expiry_filter_and_highlight(qtbot, tab, store, roll):
    today = dates.today()
    orgs.update_org(store, roll["huamei"], {"term_expiry": (today + timedelta(days=20)).isoformat()})
    orgs.update_org(store, roll["fed"], {"term_expiry": (today - timedelta(days=3)).isoformat()})
    tab.refresh()
    col = column(tab, "term_expiry")
    colour = lambda org_id: tab.model.index(tab.model.row_of(org_id), col).data(Qt.ItemDataRole.BackgroundRole)  # noqa: E731
    assert colour(roll["huamei"]).color() == DUE_SOON_COLOUR
    assert colour(roll["fed"]).color() == EXPIRED_COLOUR
    assert colour(roll["jinqiao"]) is None
    pick(tab.term_filter, "30 天内换届")
    assert sorted(tab.shown_names()) == sorted([FED, HUAMEI])


# ----------------------------------------------------------------- org form
def test_form_comes_from_the_designer_file(qtbot, tab):
    dialog = tab.new_org()
    assert dialog.form.objectName() == "OrgDialog"
    assert [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())][:3] == ["基本信息", "基层工会", "集体合同"]
    assert dialog.union_mode_combo.currentText() == "未建会"
    assert dialog.category_combo.findText("社会组织") > 0


def test_form_items_survive_the_chinese_translations(qtbot, qapp, store):
    from unionoffice.app import load_translations

    load_translations(qapp)  # as the program starts; a translator must not blank the form's own texts
    dialog = OrgDialog(store)
    qtbot.addWidget(dialog)
    assert [dialog.union_mode_combo.itemText(i) for i in range(3)] == ["独立建会", "联合建会", "未建会"]
    assert dialog.w(QWidget, "basicPage").isAncestorOf(dialog.edits["name"])


def test_bad_credit_code_is_shown_beside_the_field(qtbot, tab, store):
    dialog = tab.new_org()
    dialog.edits["name"].setText("深圳市新单位有限公司")
    good = credit_code("91440303MA5G1234X")
    dialog.edits["credit_code"].setText(good[:17] + ("0" if good[17] != "0" else "1"))
    assert "校验位" in dialog.error_text("credit_code")
    assert not dialog.save()
    assert "校验位" in dialog.error_text("credit_code")
    assert store.counts()["orgs"] == 3
    dialog.edits["credit_code"].setText(good)
    assert dialog.error_text("credit_code") == ""
    assert dialog.save()
    assert orgs.find_org_by_name(store, "深圳市新单位有限公司")["credit_code"] == good


def test_empty_name_and_too_many_women(qtbot, tab, store):
    dialog = tab.new_org()
    assert not dialog.save()
    assert dialog.error_text("name") == "单位名称不能为空"
    dialog.edits["name"].setText("深圳市新单位有限公司")
    dialog.spins["workers"].setValue(10)
    dialog.spins["women_workers"].setValue(12)
    assert not dialog.save()
    assert dialog.error_text("women_workers") == "女职工人数（12）不能多于职工人数（10）"
    assert store.counts()["orgs"] == 3


def test_duplicate_name_is_refused(qtbot, tab, store):
    dialog = tab.new_org()
    dialog.edits["name"].setText(JINQIAO)
    assert not dialog.save()
    assert dialog.error_text("name") == f"已有名为“{JINQIAO}”的单位"


def test_joint_union_needs_a_federation_and_counts_in_the_rate(qtbot, tab, store, roll):
    before = tab.rates_label.text()
    dialog = tab.new_org()
    dialog.edits["name"].setText("深圳市小餐馆")
    dialog.spins["workers"].setValue(5)
    assert not dialog.federation_combo.isEnabled()
    pick(dialog.union_mode_combo, "联合建会")
    assert dialog.federation_combo.isEnabled()
    assert not dialog.save()
    assert dialog.error_text("federation_id") == "联合建会的单位请选择所属的工联会"
    assert dialog.tabs.currentWidget().objectName() == "unionPage"
    pick(dialog.federation_combo, FED)
    assert dialog.save()
    assert tab.rates_label.text() != before
    assert tab.rates_label.text().startswith("建会率 66.7%（已建会 2 / 在册单位 3，")
    new_id = orgs.find_org_by_name(store, "深圳市小餐馆")["id"]
    row = tab.model.row_of(new_id)
    assert tab.model.index(row, column(tab, "federation")).data() == FED
    fed_dialog = tab.open_org(roll["fed"])
    assert fed_dialog.covered_names() == ["深圳市小餐馆"]
    assert fed_dialog.covered_label.text() == "本工联会覆盖 1 个单位，职工 5 人"


def test_federation_record_and_covered_page(qtbot, tab, roll):
    dialog = tab.open_org(roll["fed"])
    assert dialog.is_federation_check.isChecked()
    assert not dialog.union_mode_combo.isEnabled()
    assert dialog.federation_kind_combo.currentText() == "社区"
    assert dialog.tabs.isTabVisible(dialog.tabs.indexOf(dialog.w(QWidget, "coveredPage")))
    assert dialog.federation_combo.findText(FED) < 0  # it can't be its own federation
    employer = tab.open_org(roll["jinqiao"])
    assert not employer.tabs.isTabVisible(employer.tabs.indexOf(employer.w(QWidget, "coveredPage")))


def test_union_details_and_term_expiry(qtbot, tab, store, roll):
    dialog = tab.open_org(roll["huamei"])
    dialog.edits["union_chair_phone"].setText("13800001111")
    dialog.date_edits["union_founded"].setText("2018年3月1日")
    dialog.spins["term_years"].setValue(5)
    dialog.date_edits["term_start"].setText("2023.6.1")
    dialog.date_edits["term_start"].editingFinished.emit()
    assert dialog.date_edits["term_expiry"].text() == "2028-06-01"
    dialog.fee_by_tax_check.setChecked(True)
    assert dialog.save()
    org = orgs.get_org(store, roll["huamei"])
    assert (org["union_founded"], org["term_start"], org["term_expiry"], org["term_years"], org["fee_by_tax"],
            org["union_chair_phone"]) == ("2018-03-01", "2023-06-01", "2028-06-01", 5, 1, "13800001111")
    assert tab.model.index(tab.model.row_of(roll["huamei"]), column(tab, "term_expiry")).data() == "2028-06-01"


def test_bad_date_is_shown_beside_its_field(qtbot, tab, store, roll):
    dialog = tab.open_org(roll["huamei"])
    dialog.date_edits["term_start"].setText("2023年2月30日")
    assert not dialog.save()
    assert dialog.error_text("term_start").startswith("本届开始日期：")


def test_collective_contracts(qtbot, tab, store, roll):
    dialog = tab.new_org()
    assert not dialog.contract_box.isEnabled()  # a new org must be saved first
    dialog = tab.open_org(roll["huamei"])
    pick(dialog.contract_kind, "工资专项")
    dialog.contract_signed.setText("2025-01-10")
    dialog.contract_expiry.setText("2024-01-10")
    assert not dialog.add_contract()
    assert dialog.contract_messages.text("expiry_date") == "到期日期不能早于签订日期"
    dialog.contract_expiry.setText("2028-01-09")
    dialog.contract_workers.setValue(10)
    assert dialog.add_contract()
    assert dialog.contracts_table.rowCount() == 1
    assert [dialog.contracts_table.item(0, c).text() for c in range(4)] == ["工资专项", "2025-01-10", "2028-01-09", "10"]
    assert orgs.contracts_of(store, roll["huamei"])[0]["workers_covered"] == 10


def test_delete_org_with_members_is_refused(qtbot, tab, store, roll, messages):
    tab.select_ids([roll["jinqiao"]])
    assert tab.delete_selected() == 0
    assert "还有 2 名会员" in messages.of("warning")[-1][2]
    assert store.counts()["orgs"] == 3


def test_delete_and_restore_org(qtbot, tab, store, roll):
    new_id = orgs.create_org(store, {"name": "深圳市空壳公司"})
    tab.refresh()
    tab.select_ids([new_id])
    assert tab.delete_selected() == 1
    assert "深圳市空壳公司" not in tab.shown_names()
    bin_dialog = tab.open_recycle_bin()
    assert bin_dialog.count_label.text() == "回收站中共 1 个单位"
    assert not bin_dialog.empty_button.isVisible()
    bin_dialog.select_ids([new_id])
    assert bin_dialog.restore_selected() == 1
    assert "深圳市空壳公司" in tab.shown_names()


def test_export_orgs(qtbot, tab, tmp_path, monkeypatch, messages):
    pytest.importorskip("unionoffice.exchange.exports.rolls")
    out = tmp_path / "单位.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), "")))
    pick(tab.mode_filter, "未建会")
    op = tab.export_orgs()
    qtbot.waitUntil(lambda: not op.is_running(), timeout=10000)
    assert op.state == "succeeded" and op.result == 1
    assert out.is_file()


def test_rates_shown_in_main_window_tab(qtbot, window, store):
    tab = window.tab("orgsTab")
    assert isinstance(tab, OrgsTab)
    assert tab.rates_label.text() == "建会率 —（已建会 0 / 在册单位 0，不含工联会）　　入会率 —（在册会员 0 / 职工 0，均不含待补全单位）"
    dialog = tab.new_org()
    dialog.edits["name"].setText("深圳市一家公司")
    dialog.spins["workers"].setValue(8)
    pick(dialog.union_mode_combo, "独立建会")
    assert dialog.save()
    assert tab.rates_label.text().startswith("建会率 100.0%（已建会 1 / 在册单位 1，")
    assert window.counts_label.text().startswith("单位记录 1 个")
    assert org_query.rates(store)["workers"] == 8


def test_org_dialog_standalone_ctrl_s(qtbot, store, roll):
    dialog = OrgDialog(store, roll["jinqiao"])
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    edit = dialog.edits["address"]
    edit.setText("东湖路 1 号")
    edit.setFocus()
    with qtbot.waitSignal(dialog.saved, timeout=1000):
        qtbot.keyClick(edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert orgs.get_org(store, roll["jinqiao"])["address"] == "东湖路 1 号"


def test_forms_are_found_in_a_frozen_build(tmp_path, monkeypatch):
    from unionoffice.ui.widgets.form_helpers import forms_dir

    assert (forms_dir() / "org_dialog.ui").is_file()  # beside the package in a checkout
    (tmp_path / "forms").mkdir()
    monkeypatch.setattr("sys._MEIPASS", str(tmp_path), raising=False)
    assert forms_dir() == tmp_path / "forms"


def test_an_org_a_roll_created_reads_待补全_not_未建会(qtbot, tab, store):
    """Created with its name only by a member roll: its 建会方式 is not known, so the list says
    待补全 and the 未建会 filter leaves it out; the 待补全 filter finds it."""
    new = store.execute("INSERT INTO orgs (name, union_mode, needs_completion) VALUES ('新开的丙公司', '未建会', 1)").lastrowid
    tab.refresh()
    qtbot.waitUntil(lambda: tab.count_label.text() == "共 4 个")
    assert tab.model.index(tab.model.row_of(new), column(tab, "union_mode")).data() == "待补全"
    pick(tab.mode_filter, "未建会")
    assert tab.shown_names() == [JINQIAO]
    tab.clear_filters()
    pick(tab.mode_filter, "待补全")
    assert tab.shown_names() == ["新开的丙公司"]


def test_a_membership_rate_over_100_percent_says_what_it_means(qtbot, tab, store, roll):
    """More members than the ledger's workers (out-of-date 职工人数): not shown as good news."""
    store.execute("UPDATE orgs SET workers = 1")
    tab.refresh()
    qtbot.waitUntil(lambda: "会员比单位台账的职工人数还多" in tab.rates_label.text())
    assert "入会率 200.0%（在册会员 4 / 职工 2，均不含待补全单位：会员比单位台账的职工人数还多，请核对各单位的职工人数）" in tab.rates_label.text()


def test_a_待补全_org_can_be_completed_as_未建会_from_its_form(qtbot, tab, store):
    """A shop a member roll brought in, in truth without a union: the clerk opens it from the
    工作台, types the head-count, picks 未建会 and saves — it is complete and counts. Before she
    picks, the form does not pretend to know its 建会方式."""
    new = store.execute("INSERT INTO orgs (name, union_mode, needs_completion) VALUES ('新开的奶茶店', '未建会', 1)").lastrowid
    tab.refresh()
    dialog = tab.open_org(new)
    assert dialog.union_mode_combo.currentText() != "未建会"  # not known yet: nothing chosen
    dialog.spins["workers"].setValue(12)
    assert dialog.save()
    assert orgs.get_org(store, new)["needs_completion"] == 1  # a head-count alone does not complete it
    dialog = tab.open_org(new)
    assert dialog.spins["workers"].value() == 12
    pick(dialog.union_mode_combo, "未建会")
    assert dialog.save()
    org = orgs.get_org(store, new)
    assert (org["needs_completion"], org["union_mode"], org["workers"]) == (0, "未建会", 12)
    tab.refresh()
    qtbot.waitUntil(lambda: tab.model.index(tab.model.row_of(new), column(tab, "union_mode")).data() == "未建会")
    assert "在册单位 3" in tab.rates_label.text()  # counted now (华美, 金桥 and the shop)
