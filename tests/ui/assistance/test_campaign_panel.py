"""慰问活动 as a clerk runs one: create it, add the 在档 深度困难 workers, see totals and the budget
left, adjust an amount in the table, be refused a person twice, print it for signature (the rows
lock: the table will not edit them, core and the database refuse), fix a mistake by a reversal
that nets the total, and mark the signed sheet back."""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from roll_fixtures import build_roll, pick
from unionoffice.core.assistance import records as assistance, campaigns
from unionoffice.core.hardship import records as hardship
from unionoffice.core.errors import UserError
from unionoffice.ui.assistance.campaign_dialog import CampaignDialog
from unionoffice.ui.assistance.campaign_panel import SINGLE, CampaignPanel
from unionoffice.ui.hardship.actions import CorrectionDialog
from unionoffice.ui.widgets.print_preview import PrintPreviewDialog
from unionoffice.ui.assistance.recipient_picker import RecipientPicker
from unionoffice.core.store.driver import sqlite as dbapi  # the store's SQLite (SQLCipher)


@pytest.fixture
def roll(store):
    ids = build_roll(store)
    for member, category in (("zeng", "深度困难"), ("li", "深度困难"), ("zhang", "相对困难")):
        ids[f"file_{member}"] = hardship.create_hardship_file(store, {
            "member_id": ids[member], "category": category, "level": "街道", "main_cause": "本人大病",
            "household_size": 3, "household_income": "2400"})
    return ids


@pytest.fixture
def panel(qtbot, store, roll):
    widget = CampaignPanel(store)
    qtbot.addWidget(widget)
    widget.resize(1300, 650)
    widget.show()
    widget.refresh()
    qtbot.waitExposed(widget)
    return widget


def new_campaign(panel, standard="500", budget="2000") -> int:
    dialog = panel.new_campaign()
    assert isinstance(dialog, CampaignDialog)
    pick(dialog.kind_combo, "元旦春节送温暖")
    dialog.standard_edit.setText(standard)
    dialog.budget_edit.setText(budget)
    assert dialog.submit()
    return panel.campaign_id


def add_default_recipients(panel) -> RecipientPicker:
    picker = panel.add_recipients()
    assert isinstance(picker, RecipientPicker)
    assert picker.source_combo.currentText() == "在档困难职工档案"
    assert picker.category_combo.currentText() == "深度困难"
    assert sorted(p["name"] for p in picker.people) == ["曾国藩", "李四"]
    assert picker.add_checked() == 2
    return picker


def sign(panel, day: str | None = None):
    """标记已签领 through its dialog: the rows changed, or the dialog's message when refused."""
    dialog = panel.mark_signed()
    if day:
        dialog.date_edit.setText(day)
    done = []
    dialog.done_with.connect(done.append)
    if dialog.submit():
        return done[0]
    return dialog.general.text() or next(label.text() for label in dialog.labels.values() if label.text())


def amount_index(panel, name: str):
    row = next(i for i, r in enumerate(panel.model.rows) if r["name"] == name)
    return panel.model.index(row, panel.model.column_of("amount"))


def test_new_campaign_is_listed_and_shown(panel, store):
    campaign_id = new_campaign(panel)
    assert campaigns.get_campaign(store, campaign_id)["name"].endswith("年元旦春节送温暖")
    names = [panel.campaign_list.item(r, 1).text() for r in range(panel.campaign_list.rowCount())]
    assert names[0] == "单笔慰问（不属于活动）" and names[1].endswith("元旦春节送温暖")
    assert "草稿" in panel.header_label.text()
    assert panel.totals_label.text() == "共 0 人 0 笔，金额合计 0.00 元；预算 2,000.00 元，预算余额 2,000.00 元"


def test_bad_budget_is_reported_beside_the_budget(panel, store):
    dialog = panel.new_campaign()
    dialog.budget_edit.setText("两千")
    assert not dialog.submit()
    assert dialog.messages.text("budget").startswith("预算")
    assert campaigns.list_campaigns(store) == []


def test_add_hardship_recipients_totals_and_budget(panel):
    new_campaign(panel)
    add_default_recipients(panel)
    assert sorted(r["name"] for r in panel.model.rows) == ["曾国藩", "李四"]
    assert panel.totals_label.text() == "共 2 人 2 笔，金额合计 1,000.00 元；预算 2,000.00 元，预算余额 1,000.00 元"
    assert panel.campaign_list.item(1, 3).text() == "2"
    assert panel.campaign_list.item(1, 4).text() == "1,000.00"


def test_picker_shows_this_years_assistance_and_marks_people_already_in(panel, store, roll):
    assistance.add_single_payment(store, {"member_id": roll["zeng"]},
                                  {"kind": "生病住院慰问", "funding_source": "街道总工会", "amount": "800"})
    new_campaign(panel)
    add_default_recipients(panel)
    picker = panel.add_recipients()
    zeng = next(row for row, p in enumerate(picker.people) if p["name"] == "曾国藩")
    assert picker.table.item(zeng, 5).text() == "2 次，1,300.00 元"  # the hospital visit + this campaign
    assert picker.table.item(zeng, 7).text() == "已在名单"
    assert picker.table.item(zeng, 0).checkState() == Qt.CheckState.Unchecked
    assert picker.checked() == []


def test_second_list_of_the_same_kind_warns_naming_list_and_amount(panel, store, roll, messages):
    first = new_campaign(panel)
    add_default_recipients(panel)
    first_name = campaigns.get_campaign(store, first)["name"]
    dialog = panel.new_campaign()
    pick(dialog.kind_combo, "元旦春节送温暖")
    assert not dialog.submit()  # the same name in the same year is refused beside the name
    assert "已有名为" in dialog.messages.text("name")
    dialog.name_edit.setText("送温暖第二批")
    dialog.standard_edit.setText("800")
    assert dialog.submit()
    picker = panel.add_recipients()
    zeng = next(row for row, p in enumerate(picker.people) if p["name"] == "曾国藩")
    assert picker.table.item(zeng, 5).text() == "1 次，500.00 元"  # the draft (拟发) row on the first list
    assert picker.table.item(zeng, 6).text() == f"“{first_name}”500.00 元（拟发）"
    messages.answer = QMessageBox.StandardButton.No
    assert picker.add_checked() == 0
    kind, title, text = messages.calls[-1]
    assert kind == "question" and f"“{first_name}”500.00 元" in text and "曾国藩" in text
    assert campaigns.campaign_totals(store, panel.campaign_id)["rows"] == 0
    messages.answer = QMessageBox.StandardButton.Yes
    assert picker.add_checked() == 2


def test_member_search_in_the_picker_is_not_squashed(panel, roll, qtbot):
    new_campaign(panel)
    picker = panel.add_recipients()
    picker.resize(1366 * 2 // 3, 620)
    pick(picker.source_combo, "逐个挑选会员")
    qtbot.waitExposed(picker)
    picker.search.edit.setText("li")
    picker.search.search()
    qtbot.wait(5)
    for widget in (picker.search.edit, picker.search.results):
        shown = widget.visibleRegion().boundingRect()
        assert shown.height() >= widget.minimumSizeHint().height() >= 20, widget


def test_person_already_in_the_campaign_is_refused_with_cores_message(panel, store, roll):
    campaign_id = new_campaign(panel)
    add_default_recipients(panel)
    picker = panel.add_recipients()
    pick(picker.source_combo, "逐个挑选会员")
    picker.add_member(roll["zeng"])
    picker.add_member(roll["wang"])
    assert [p["name"] for p in picker.people] == ["曾国藩", "王五"]
    picker.set_checked(0, True)
    assert picker.add_checked() == 0
    assert "已在“" in picker.message.text() and "不能重复添加" in picker.message.text()
    assert "曾国藩" in picker.message.text()
    assert campaigns.campaign_totals(store, campaign_id)["rows"] == 2  # all or nothing: 王五 not added either
    picker.set_checked(0, False)
    assert picker.add_checked() == 1
    assert "王五" in [r["name"] for r in panel.model.rows]


def test_members_of_one_org(panel, roll):
    new_campaign(panel)
    picker = panel.add_recipients()
    pick(picker.source_combo, "某单位的会员")
    pick(picker.org_combo, "深圳市金桥酒店")
    assert sorted(p["name"] for p in picker.people) == ["李四", "王五"]


def test_edit_an_amount_in_the_table_updates_totals(qtbot, panel, messages):
    new_campaign(panel)
    add_default_recipients(panel)
    index = amount_index(panel, "李四")
    assert panel.model.flags(index) & Qt.ItemFlag.ItemIsEditable
    assert panel.model.setData(index, "800")
    qtbot.waitUntil(lambda: "1,300.00" in panel.totals_label.text(), timeout=2000)
    assert panel.totals_label.text().endswith("预算余额 700.00 元")
    assert amount_index(panel, "李四").data() == "800.00"
    assert not panel.model.setData(amount_index(panel, "李四"), "八百")
    assert "金额" in messages.of("warning")[-1][2]
    assert panel.model.setData(amount_index(panel, "李四"), "1800")
    qtbot.waitUntil(lambda: "超出预算" in panel.totals_label.text(), timeout=2000)
    assert panel.totals_label.text().endswith("超出预算 300.00 元")


def final_print(panel, messages) -> PrintPreviewDialog:
    preview = panel.preview_doc("disbursement")
    assert preview.final_button.isVisible()
    messages.answer = messages.answer.No
    assert preview.make_final() is None  # the clerk thought again: nothing locked
    assert not any(r["locked"] for r in panel.model.rows)
    messages.answer = messages.answer.Yes
    result = preview.make_final()
    assert result.final and result.locked_now == 2
    assert "金额将锁定" in messages.of("question")[-1][2] or "锁定" in messages.of("question")[-1][2]
    return preview


def test_final_print_locks_rows_and_a_reversal_nets_the_total(qtbot, panel, store, messages):
    campaign_id = new_campaign(panel)
    add_default_recipients(panel)
    preview = final_print(panel, messages)
    assert "已定稿" in preview.state_label.text() and not preview.final_button.isEnabled()
    assert all(r["locked"] for r in panel.model.rows)
    assert "已打印" in panel.header_label.text()
    # edit controls are off for locked rows
    index = amount_index(panel, "曾国藩")
    assert not panel.model.flags(index) & Qt.ItemFlag.ItemIsEditable
    assert not panel.model.setData(index, "9999")
    panel.view.selectRow(index.row())
    assert not panel.remove_button.isEnabled() and not panel.standard_button.isEnabled()
    assert panel.correct_button.isEnabled()
    # and core and the database refuse anyway
    row_id = panel.model.rows[index.row()]["id"]
    with pytest.raises(UserError):
        assistance.update_assistance(store, row_id, {"amount": "1"})
    with pytest.raises(dbapi.DatabaseError):
        store.execute("UPDATE assistance SET amount = 1 WHERE id = ?", (row_id,))
    with pytest.raises(dbapi.DatabaseError):
        store.execute("DELETE FROM assistance WHERE id = ?", (row_id,))
    # the reversal
    dialog = panel.correct_selected()
    assert isinstance(dialog, CorrectionDialog)
    dialog.amount_edit.setText("0")
    assert not dialog.submit()  # no reason
    assert dialog.messages.text("notes") == "请填写更正原因"
    dialog.reason_edit.setText("重复发放")
    assert dialog.submit()
    assert len(panel.model.rows) == 3
    correction = panel.model.rows[-1]
    assert correction["is_correction"] and correction["amount"] == -50000
    assert "更正第" in panel.model.index(2, panel.model.column_of("remark")).data()
    assert panel.totals_label.text().startswith("共 1 人 2 笔，金额合计 500.00 元，含更正 1 笔")
    assert campaigns.campaign_totals(store, campaign_id)["total"] == 50000
    # the correction goes on paper too, then the whole sheet can be marked signed
    assert panel.corrections_button.isVisibleTo(panel)
    assert "未打印定稿" in sign(panel)
    preview = panel.preview_doc("corrections")
    assert preview.windowTitle().endswith("更正表")
    assert preview.make_final().locked_now == 1
    assert all(r["locked"] for r in panel.model.rows)
    assert sign(panel) == 3


def test_signed_sheet_back(panel, store, messages):
    campaign_id = new_campaign(panel)
    add_default_recipients(panel)
    assert not panel.signed_button.isEnabled()  # nothing printed yet
    final_print(panel, messages)
    assert panel.signed_button.isEnabled()
    assert sign(panel) == 2
    assert campaigns.get_campaign(store, campaign_id)["status"] == "已签领"
    assert "已签领" in panel.header_label.text()
    assert not panel.add_button.isEnabled() and not panel.signed_button.isEnabled()
    assert all(r["status"] == "已签领" for r in panel.model.rows)


def test_draft_campaign_can_be_deleted_printed_one_cannot(panel, store, messages):
    new_campaign(panel)
    assert panel.delete_button.isEnabled()
    assert panel.delete_campaign()
    assert campaigns.list_campaigns(store) == []
    new_campaign(panel)
    add_default_recipients(panel)
    final_print(panel, messages)
    assert not panel.delete_button.isEnabled()


def test_single_payments_list_and_receipt(panel, store, roll, messages):
    paid = assistance.add_single_payment(store, {"member_id": roll["li"]},
                                         {"kind": "生病住院慰问", "funding_source": "街道总工会", "amount": "600"})
    panel.refresh()
    panel.select_campaign(SINGLE)
    assert [r["name"] for r in panel.model.rows] == ["李四"]
    assert panel.totals_label.text() == "共 1 笔，金额合计 600.00 元"
    assert panel.add_button.text() == "添加单笔慰问…"
    assert not panel.receipts_button.isEnabled()  # receipts of single payments: pick the rows first
    panel.view.selectRow(0)
    preview = panel.preview_doc("receipts")
    assert preview.make_final().locked_now == 1
    assert assistance.get_assistance(store, paid)["receipt_no"]
    panel.view.selectRow(0)
    assert sign(panel) == 1


def test_export_assistance_ledger(qtbot, panel, tmp_path, monkeypatch, messages):
    from PySide6.QtWidgets import QFileDialog

    new_campaign(panel)
    add_default_recipients(panel)
    target = tmp_path / "台账"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    op = panel.export_assistance()
    qtbot.waitUntil(lambda: op.state != "running", timeout=10000)
    assert op.state == "succeeded" and (tmp_path / "台账.xlsx").exists()
    assert "已导出 2 条" in messages.of("information")[-1][2]


def test_goods_one_by_one(qtbot, panel, messages):
    new_campaign(panel)
    add_default_recipients(panel)
    row = amount_index(panel, "李四").row()
    assert not panel.model.setData(panel.model.index(row, panel.model.column_of("goods_value")), "150")
    assert "请写明实物内容" in messages.of("warning")[-1][2]
    assert panel.model.setData(panel.model.index(row, panel.model.column_of("goods")), "大米一袋")
    qtbot.waitUntil(lambda: panel.model.rows[row]["goods"] == "大米一袋", timeout=2000)
    assert panel.model.setData(panel.model.index(row, panel.model.column_of("goods_value")), "150")
    qtbot.waitUntil(lambda: "实物折合 150.00 元" in panel.totals_label.text(), timeout=2000)
    # money and goods apart, as on the printed sheet; the list beside shows them in two columns
    assert "金额合计 1,000.00 元，实物折合 150.00 元" in panel.totals_label.text()
    assert "总计" not in panel.totals_label.text()
    assert panel.totals_label.text().endswith("预算余额 850.00 元")
    listed = next(r for r in range(panel.campaign_list.rowCount())
                  if panel.campaign_list.item(r, 0).data(Qt.ItemDataRole.UserRole) == panel.campaign_id)
    assert [panel.campaign_list.item(listed, c).text() for c in (4, 5)] == ["1,000.00", "150.00"]
    assert [panel.campaign_list.horizontalHeaderItem(c).text() for c in (4, 5)] == ["慰问金（元）", "实物折合"]
    picker = panel.add_recipients()
    li = next(row for row, p in enumerate(picker.people) if p["name"] == "李四")
    assert picker.table.item(li, 5).text() == "1 次，500.00 元，实物折合 150.00 元"


def test_campaign_funded_by_two_sources(panel, store):
    from unionoffice.core.assistance.funding import funding_lines

    dialog = panel.new_campaign()
    dialog.funding_edit.setText("区总 60%、街道总工会 30%")
    assert not dialog.submit()
    assert "合计应为 100%" in dialog.messages.text("funding")
    assert campaigns.list_campaigns(store) == []  # nothing half-saved
    dialog.funding_edit.setText("区总 60%、街道总工会 40%")
    assert dialog.submit()
    cid = panel.campaign_id
    assert [(line["source"], line["share"]) for line in funding_lines(store, cid)] == [("区总", 6000), ("街道总工会", 4000)]
    assert campaigns.get_campaign(store, cid)["funding_source"] == "区总"
    assert "资金来源：区总 60%、街道总工会 40%" in panel.header_label.text()
    again = panel.edit_campaign()
    assert again.funding_edit.text() == "区总 60%、街道总工会 40%"


def test_office_can_make_a_kind_once_per_person_per_year(panel, store, roll, messages):
    from unionoffice.core.assistance.duplicates import once_per_year_kinds

    dialog = panel.new_campaign()
    pick(dialog.kind_combo, "元旦春节送温暖")
    assert not dialog.once_box.isChecked()
    dialog.once_box.setChecked(True)
    dialog.standard_edit.setText("500")
    assert dialog.submit()
    assert once_per_year_kinds(store) == ["元旦春节送温暖"]
    add_default_recipients(panel)
    second = panel.new_campaign()
    pick(second.kind_combo, "元旦春节送温暖")
    assert second.once_box.isChecked()
    second.name_edit.setText("送温暖第二批")
    assert second.submit()
    picker = panel.add_recipients()
    assert picker.add_checked() == 0
    assert "每人每年只发一次" in picker.message.text() and "曾国藩" in picker.message.text()


def test_receipts_for_the_selected_rows_then_a_marked_reprint(panel, store, messages):
    campaign_id = new_campaign(panel)
    add_default_recipients(panel)
    panel.view.selectRow(0)
    first = panel.model.rows[0]
    result = panel.preview_doc("receipts").make_final()
    assert (result.rows, result.locked_now, result.reprinted) == (1, 1, 0)  # only the selected row
    rows = {r["id"]: r for r in sheet_rows_of(store, campaign_id)}
    assert rows[first["id"]]["receipt_no"] and not any(r["receipt_no"] for i, r in rows.items() if i != first["id"])
    panel.view.selectRow(panel.model.row_of(first["id"]))
    again = panel.preview_doc("receipts")
    assert "补打" in again.lock_note
    result = again.make_final()
    assert (result.rows, result.reprinted) == (1, 1)
    assert sheet_rows_of(store, campaign_id)[0]["receipt_no"] == rows[first["id"]]["receipt_no"]


def test_signing_date_is_chosen_and_not_before_the_payment(panel, store, messages):
    campaign_id = new_campaign(panel)
    add_default_recipients(panel)
    final_print(panel, messages)
    day = campaigns.get_campaign(store, campaign_id)["campaign_date"]
    earlier = f"{int(day[:4]) - 1}{day[4:]}"
    assert "早于" in sign(panel, earlier)
    assert campaigns.get_campaign(store, campaign_id)["status"] == "已打印"
    assert sign(panel, day) == 2
    assert {r["signed_date"] for r in sheet_rows_of(store, campaign_id)} == {day}


def sheet_rows_of(store, campaign_id):
    from unionoffice.core.assistance.query import sheet_rows

    return sheet_rows(store, campaign_id)


def test_picker_counter_says_who_will_be_added_and_who_is_on_the_list_already(panel, roll):
    new_campaign(panel)
    add_default_recipients(panel)  # 曾国藩 and 李四 are on the list now
    picker = panel.add_recipients()
    assert picker.count_label.text() == "候选 2 人，其中 2 人已在本名单中（灰色）；已勾选 0 人"
    pick(picker.source_combo, "逐个挑选会员")
    picker.add_member(roll["zeng"])
    picker.add_member(roll["wang"])
    assert picker.count_label.text() == "候选 2 人，其中 1 人已在本名单中（灰色）；已勾选 1 人，将添加 1 人"
    picker.set_checked(0, True)  # 曾国藩, on the list already: adding would be refused
    assert picker.count_label.text() == ("候选 2 人，其中 1 人已在本名单中（灰色）；"
                                         "已勾选 2 人，其中 1 人已在本名单中，请取消勾选，否则无法添加")
    label = picker.count_label  # the longest wording is read whole, on a line of its own
    assert label.isVisible() and label.fontMetrics().horizontalAdvance(label.text()) <= label.width()
    picker.set_checked(0, False)
    assert picker.count_label.text().endswith("已勾选 1 人，将添加 1 人")
    assert picker.add_checked() == 1
