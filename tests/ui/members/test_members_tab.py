"""The 会员 tab as a clerk uses it: search as you type, filters, the member form, membership life,
delete to the recycle bin and back."""

from __future__ import annotations

import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from roll_fixtures import LI_ID, ZENG_ID, ZHANG_ID, build_roll, pick
from unionoffice.core.members import records as members
from unionoffice.core.values.ids import make_id_number
from unionoffice.ui.members.dialog import MemberDialog
from unionoffice.ui.members.tab import MembersTab

NEW_ID = "110101199003074514"  # 1990-03-07, 男, checksum valid


@pytest.fixture
def roll(store):
    return build_roll(store)


@pytest.fixture
def tab(qtbot, store, roll):
    widget = MembersTab(store)
    qtbot.addWidget(widget)
    widget.resize(1100, 600)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def type_search(qtbot, tab, text):
    """Type into the search box; Chinese goes in as an input method commits it, one character at a time."""
    tab.search_edit.clear()
    if text.isascii():
        qtbot.keyClicks(tab.search_edit, text)
    else:
        for char in text:
            tab.search_edit.insert(char)


def wait_names(qtbot, tab, expected):
    qtbot.waitUntil(lambda: tab.shown_names() == expected, timeout=2000)


# ---------------------------------------------------------------------- the list
def test_list_shows_everyone_with_masked_numbers(tab):
    assert tab.count_label.text() == "共 4 人"
    assert tab.model.rowCount() == 4
    row = tab.model.row_of(members.find_by_id_number(tab.store, ZENG_ID)["id"])
    shown = [tab.model.index(row, c).data() for c in range(tab.model.columnCount())]
    assert shown[:4] == ["曾国藩", "男", ZENG_ID[:6] + "********" + ZENG_ID[-4:], "138****5678"]
    assert ZENG_ID not in shown and "13812345678" not in shown
    assert shown[4] == "深圳市华美科技有限公司"
    headers = [tab.model.headerData(c, Qt.Orientation.Horizontal) for c in range(tab.model.columnCount())]
    assert headers == ["姓名", "性别", "身份证号", "手机", "所在单位", "入会日期", "会籍状态", "农民工", "劳模"]


@pytest.mark.parametrize("text, expected", [
    ("曾", ["曾国藩"]),
    ("zgf", ["曾国藩"]),  # surname-aware initials: 曾 read as zeng
    ("zengguo", ["曾国藩"]),
    ("zsf", ["张三丰"]),
    (ZHANG_ID[6:12], ["张三丰"]),  # a fragment of the ID
    ("5678", ["曾国藩"]),  # a fragment of the phone
    ("没有这个人", []),
])
def test_search_as_you_type(qtbot, tab, text, expected):
    type_search(qtbot, tab, text)
    wait_names(qtbot, tab, expected)
    assert tab.count_label.text() == f"共 {len(expected)} 人"


def test_search_waits_for_typing_to_pause(qtbot, tab):
    tab.search_edit.setText("曾")
    assert tab.model.rowCount() == 4  # not yet: the debounce timer is running
    wait_names(qtbot, tab, ["曾国藩"])


def test_filters_narrow_the_count(qtbot, tab):
    tab.female_check.setChecked(True)
    assert sorted(tab.shown_names()) == ["张三丰", "王五"]
    assert tab.count_label.text() == "共 2 人"
    tab.female_check.setChecked(False)
    tab.migrant_check.setChecked(True)
    assert tab.shown_names() == ["张三丰"]
    tab.migrant_check.setChecked(False)
    tab.model_worker_check.setChecked(True)
    assert tab.shown_names() == ["李四"]
    tab.model_worker_check.setChecked(False)
    tab.retired_check.setChecked(True)
    assert tab.shown_names() == ["王五"]
    tab.clear_filters()
    pick(tab.org_filter, "深圳市金桥酒店")
    assert sorted(tab.shown_names()) == ["李四", "王五"]
    assert tab.count_label.text() == "共 2 人"


def test_status_filter(qtbot, tab, roll):
    members.change_status(tab.store, roll["li"], "退会", "2024-01-01", "本人申请")
    tab.refresh()
    pick(tab.status_filter, "退会")
    assert tab.shown_names() == ["李四"]


def test_ctrl_f_focuses_the_search_box(qtbot, tab):
    tab.view.setFocus()
    qtbot.keyClick(tab.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert tab.search_edit.hasFocus()


def test_ctrl_n_opens_a_new_member_form(qtbot, tab):
    tab.view.setFocus()
    qtbot.keyClick(tab.view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert tab.dialog is not None and tab.dialog.windowTitle() == "新增会员"


def test_enter_opens_the_selected_member(qtbot, tab, roll):
    tab.select_ids([roll["li"]])
    tab.view.setFocus()
    qtbot.keyClick(tab.view, Qt.Key.Key_Return)
    assert tab.dialog.member_id == roll["li"]


def test_del_key_moves_selection_to_recycle_bin(qtbot, tab, roll, store, messages):
    tab.select_ids([roll["wang"]])
    tab.view.setFocus()
    qtbot.keyClick(tab.view, Qt.Key.Key_Delete)
    assert messages.of("question")[-1][1] == "删除会员"
    assert "王五" not in tab.shown_names()
    assert members.get_member(store, roll["wang"])["deleted_at"]


def test_double_click_opens_the_member(qtbot, tab, roll):
    row = tab.model.row_of(roll["zhang"])
    rect = tab.view.visualRect(tab.model.index(row, 0))
    qtbot.mouseClick(tab.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(tab.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert tab.dialog is not None and tab.dialog.member_id == roll["zhang"]


# ------------------------------------------------------------------ member form
def test_new_member_id_fills_birth_and_gender(qtbot, tab, store):
    dialog = tab.new_member()
    dialog.name_edit.setText("赵六")
    qtbot.keyClicks(dialog.id_edit, NEW_ID[:10])
    assert "已输入 10 位" in dialog.error_text("id_number")
    qtbot.keyClicks(dialog.id_edit, NEW_ID[10:])
    assert dialog.birth_label.text() == "1990年3月7日"
    assert dialog.gender_label.text() == "男"
    assert dialog.error_text("id_number") == ""
    pick(dialog.org_combo, "深圳市金桥酒店")
    dialog.joined_edit.setText("2024.5.1")
    assert dialog.save()
    assert tab.count_label.text() == "共 5 人"
    saved = members.find_by_id_number(store, NEW_ID)
    assert (saved["name"], saved["gender"], saved["birth_date"], saved["joined_date"], saved["org_name"]) == \
        ("赵六", "男", "1990-03-07", "2024-05-01", "深圳市金桥酒店")
    assert tab.selected_ids() == [saved["id"]]


def test_bad_checksum_is_shown_beside_the_field_and_nothing_is_saved(qtbot, tab, store):
    dialog = tab.new_member()
    dialog.name_edit.setText("赵六")
    qtbot.keyClicks(dialog.id_edit, NEW_ID[:17] + "X")
    assert "校验位" in dialog.error_text("id_number")
    assert dialog.birth_label.text() == "（由身份证号自动得出）"
    assert not dialog.save()
    assert "校验位" in dialog.error_text("id_number")
    assert dialog.isVisible()
    assert store.counts()["members"] == 4


def test_missing_name_and_bad_date_are_shown_beside_their_fields(qtbot, tab, store):
    dialog = tab.new_member()
    dialog.id_edit.setText(NEW_ID)
    assert not dialog.save()
    assert dialog.error_text("name") == "姓名不能为空"
    dialog.name_edit.setText("赵六")
    dialog.joined_edit.setText("2024年13月1日")
    assert not dialog.save()
    assert dialog.error_text("joined_date").startswith("入会日期：")
    dialog.joined_edit.setText("")
    dialog.phone_edit.setText("12345")
    assert not dialog.save()
    assert dialog.error_text("phone")
    assert store.counts()["members"] == 4


def test_duplicate_id_offers_the_existing_member(qtbot, tab, store, roll, messages):
    dialog = tab.new_member()
    dialog.name_edit.setText("曾国藩")
    dialog.id_edit.setText(ZENG_ID)
    assert "已是会员“曾国藩”" in dialog.error_text("id_number")
    assert dialog.open_existing_button.isVisibleTo(dialog)
    assert not dialog.save()  # the clerk answers 是: open the existing record instead
    assert messages.of("question")[-1][1] == "会员已存在"
    assert tab.dialog is not dialog and tab.dialog.member_id == roll["zeng"]
    assert store.counts()["members"] == 4


def test_duplicate_in_recycle_bin_is_restored_and_opened(qtbot, tab, store, roll):
    members.delete_members(store, [roll["li"]])
    tab.refresh()
    dialog = tab.new_member()
    dialog.name_edit.setText("李四")
    dialog.id_edit.setText(LI_ID)
    assert "在回收站中" in dialog.error_text("id_number")
    dialog.open_existing_button.click()
    assert tab.dialog.member_id == roll["li"]
    assert "李四" in tab.shown_names()


def test_full_id_only_after_show(qtbot, tab, roll, store):
    dialog = tab.open_member(roll["zhang"])
    assert dialog.id_edit.text() != ZHANG_ID and dialog.id_edit.text().endswith(ZHANG_ID[-4:])
    assert dialog.id_edit.isReadOnly()
    dialog.reveal_button.click()
    assert dialog.id_edit.text() == ZHANG_ID
    assert dialog.birth_label.text() == "1990年3月7日" and dialog.gender_label.text() == "女"


def test_phone_is_masked_until_show_and_never_saved_masked(qtbot, tab, roll, store):
    members.update_member(store, roll["li"], {"phone": "13512345678"})
    dialog = tab.open_member(roll["li"])
    assert dialog.phone_edit.text() == "135****5678"
    dialog.migrant_check.setChecked(True)
    assert dialog.save()  # saving other fields leaves the stored phone alone
    assert members.get_member(store, roll["li"])["phone"] == "13512345678"


def test_a_new_phone_can_be_typed_over_the_masked_one(qtbot, tab, roll, store):
    """The clerk clicks into the masked phone and types the new number: it replaces the old
    one, without 显示 first (the newcomer's walk: typing went nowhere and the save kept the old)."""
    members.update_member(store, roll["li"], {"phone": "13512345678"})
    dialog = tab.open_member(roll["li"])
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.phone_edit.setFocus()
    qtbot.waitUntil(lambda: dialog.phone_edit.selectedText() == "135****5678")
    qtbot.keyClicks(dialog.phone_edit, "13900001111")
    assert dialog.phone_edit.text() == "13900001111"
    assert dialog.save()
    assert members.get_member(store, roll["li"])["phone"] == "13900001111"


def test_editing_around_the_stars_is_refused_by_name(qtbot, tab, roll, store):
    members.update_member(store, roll["li"], {"phone": "13512345678"})
    dialog = tab.open_member(roll["li"])
    dialog.phone_edit.setCursorPosition(len(dialog.phone_edit.text()))
    qtbot.keyClicks(dialog.phone_edit, "9")  # typed at the end of 135****5678
    assert not dialog.save()
    assert "手机号里还有 * 号" in dialog.error_text("phone")
    assert members.get_member(store, roll["li"])["phone"] == "13512345678"


def test_edit_saves_changed_fields(qtbot, tab, roll, store):
    dialog = tab.open_member(roll["li"])
    dialog.reveal_button.click()
    dialog.phone_edit.setText("139 0000 1111")
    dialog.migrant_check.setChecked(True)
    assert dialog.save()
    li = members.get_member(store, roll["li"])
    assert (li["phone"], li["is_migrant"], li["id_number"]) == ("13900001111", 1, LI_ID)
    assert not dialog.isVisible()
    row = tab.model.row_of(roll["li"])
    assert tab.model.index(row, 3).data() == "139****1111"
    assert tab.model.index(row, 7).data() == "是"


def test_ctrl_s_saves_the_form(qtbot, store, roll):
    dialog = MemberDialog(store, roll["li"])
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    edit = dialog.edits["member_no"]
    edit.setText("DH-001")
    edit.setFocus()
    with qtbot.waitSignal(dialog.saved, timeout=1000):
        qtbot.keyClick(edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert members.get_member(store, roll["li"])["member_no"] == "DH-001"


# --------------------------------------------------------------- membership life
def test_transfer_shows_in_history_and_list(qtbot, tab, roll, store):
    dialog = tab.open_member(roll["zeng"])
    history = dialog.history
    history.select_action(None)
    pick(history.org_combo, "深圳市金桥酒店")
    history.date_edit.setText("2025-03-01")
    history.reason_edit.setText("工作调动")
    assert history.apply()
    assert any("从“深圳市华美科技有限公司”转到“深圳市金桥酒店”" in line and "工作调动" in line
               for line in history.history_texts())
    assert members.get_member(store, roll["zeng"])["org_name"] == "深圳市金桥酒店"
    assert tab.model.index(tab.model.row_of(roll["zeng"]), 4).data() == "深圳市金桥酒店"


def test_status_change_needs_a_reason_and_is_recorded(qtbot, tab, roll, store):
    dialog = tab.open_member(roll["wang"])
    history = dialog.history
    history.select_action("退会")
    history.date_edit.setText("2025-06-30")
    assert not history.apply()
    assert history.messages.text("status_reason") == "退会须填写原因"
    history.reason_edit.setText("本人申请")
    assert history.apply()
    assert "当前会籍状态：退会" in history.status_label.text()
    assert any("正常 → 退会" in line for line in history.history_texts())
    assert tab.model.index(tab.model.row_of(roll["wang"]), 6).data() == "退会"
    history.select_action("正常")
    assert history.apply()
    assert members.get_member(store, roll["wang"])["status"] == "正常"


def test_field_changes_appear_in_history(qtbot, tab, roll, store):
    members.update_member(store, roll["li"], {"phone": "13511112222"})
    dialog = tab.open_member(roll["li"])
    assert any("手机：（空） → 13511112222" in line for line in dialog.history.history_texts())


# -------------------------------------------------------------- recycle bin
def test_delete_to_recycle_bin_and_restore(qtbot, tab, roll, store, messages):
    tab.select_ids([roll["li"], roll["wang"]])
    assert tab.delete_selected() == 2
    assert "移入回收站" in messages.of("question")[-1][2]
    assert tab.count_label.text() == "共 2 人"
    bin_dialog = tab.open_recycle_bin()
    assert bin_dialog.count_label.text() == "回收站中共 2 人"
    bin_dialog.select_ids([roll["li"]])
    assert bin_dialog.restore_selected() == 1
    assert bin_dialog.count_label.text() == "回收站中共 1 人"
    assert sorted(tab.shown_names()) == ["张三丰", "曾国藩", "李四"]


def test_delete_asks_first(qtbot, tab, roll, store, messages):
    messages.answer = messages.answer.No
    tab.select_ids([roll["li"]])
    assert tab.delete_selected() == 0
    assert store.counts()["members"] == 4


def test_empty_recycle_bin(qtbot, tab, roll, store, messages):
    members.delete_members(store, [roll["li"], roll["wang"]])
    bin_dialog = tab.open_recycle_bin()
    assert bin_dialog.empty() == 2
    assert "不能恢复" in messages.of("question")[-1][2]
    assert bin_dialog.model.rowCount() == 0
    assert members.find_by_id_number(store, LI_ID) is None


# ------------------------------------------------------------------ main window
def test_tab_in_main_window_updates_status_bar(qtbot, window):
    tab = window.tab("membersTab")
    assert isinstance(tab, MembersTab)
    dialog = tab.new_member()
    dialog.name_edit.setText("赵六")
    dialog.id_edit.setText(make_id_number("110105", datetime.date(1988, 8, 8), 123))
    assert dialog.save()
    assert window.counts_label.text().endswith("会员记录 1 条（含退会、转出）")


def test_column_widths_are_remembered(qtbot, store, roll):
    first = MembersTab(store)
    qtbot.addWidget(first)
    first.view.setColumnWidth(4, 333)
    qtbot.wait(400)  # saved a moment after the drag ends
    second = MembersTab(store)
    qtbot.addWidget(second)
    assert second.view.columnWidth(4) == 333


def test_export_uses_current_filter(qtbot, tab, tmp_path, monkeypatch, messages):
    pytest.importorskip("unionoffice.exchange.exports.rolls")
    from openpyxl import load_workbook

    out = tmp_path / "out" / "会员.xlsx"
    out.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), "")))
    tab.female_check.setChecked(True)
    op = tab.export_members()
    qtbot.waitUntil(lambda: not op.is_running(), timeout=10000)
    assert op.state == "succeeded" and op.result == 2
    assert "已导出 2 人" in messages.texts()
    text = "\n".join(str(c.value) for row in load_workbook(out).active.iter_rows() for c in row)
    assert "张三丰" in text and "王五" in text and "曾国藩" not in text


def test_escape_on_a_filled_new_member_asks_before_discarding(qtbot, tab, store, messages):
    from PySide6.QtWidgets import QMessageBox

    tab.new_member()
    dialog = tab.dialog
    dialog.name_edit.setText("王五")
    messages.answer = QMessageBox.StandardButton.No
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible() and dialog.name_edit.text() == "王五"
    assert messages.of("question")[-1][1] == "放弃新增会员"
    messages.answer = QMessageBox.StandardButton.Yes
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_closing_an_existing_member_with_unsaved_edits_asks(qtbot, tab, roll, store, messages):
    """The second walk: 关闭 on a member with an edit not saved (a bad date) threw it away."""
    from PySide6.QtWidgets import QMessageBox

    dialog = tab.open_member(roll["li"])
    dialog.reveal_button.click()  # showing the full ID and phone is no edit
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and not messages.of("question")

    dialog = tab.open_member(roll["li"])
    dialog.joined_edit.setText("2019年13月")
    assert not dialog.save()  # refused: the month does not exist
    messages.answer = QMessageBox.StandardButton.No
    dialog.buttons.button(dialog.buttons.StandardButton.Cancel).click()
    assert dialog.isVisible() and messages.of("question")[-1][1] == "放弃修改"
    messages.answer = QMessageBox.StandardButton.Yes
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_a_phone_typed_over_the_mask_counts_as_an_edit_to_keep(qtbot, tab, roll, messages):
    dialog = tab.open_member(roll["li"])
    dialog.phone_edit.selectAll()
    qtbot.keyClicks(dialog.phone_edit, "13900001111")
    messages.answer = messages.answer.No
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible() and messages.of("question")[-1][1] == "放弃修改"


def test_typing_into_the_transfer_picker_finds_the_org_without_the_hint_in_the_way(qtbot, tab, roll, store):
    dialog = tab.open_member(roll["zeng"])
    history = dialog.history
    history.select_action(None)
    combo = history.org_combo
    assert combo.currentText() == ""  # nothing chosen: the hint shows grey, it is not text
    assert combo.lineEdit().placeholderText() == "（请选择转入单位）"
    combo.lineEdit().setFocus()
    combo.lineEdit().insert("深圳市金桥酒店")  # typed at the cursor (QTest can't type 汉字)
    assert combo.currentText() == "深圳市金桥酒店"
    history.date_edit.setText("2025-03-01")
    history.reason_edit.setText("工作调动")
    assert history.apply()
    assert members.get_member(store, roll["zeng"])["org_name"] == "深圳市金桥酒店"
