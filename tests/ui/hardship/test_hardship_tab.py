"""The 困难职工档案 page as a clerk uses it: filing a worker through the form (月人均收入 shown as
typed), a bad 身份证号 reported beside its field, search and filters, overdue reviews marked,
the yearly review, and closing a file — which stays listed and readable under 脱困."""

from __future__ import annotations

import datetime

import pytest

from roll_fixtures import LI_ID, ZENG_ID, build_roll, pick
from unionoffice.core.values import dates
from unionoffice.core.hardship import records as hardship
from unionoffice.core.hardship.query import get_hardship_file
from unionoffice.core.values.ids import make_id_number
from unionoffice.ui.hardship.actions import CloseFileDialog, ReviewDialog
from unionoffice.ui.hardship.dialog import HardshipDialog
from unionoffice.ui.hardship.tab import OVERDUE_COLOUR, HardshipTab

WORKER_ID = make_id_number("440304", datetime.date(1978, 4, 2), 55)  # not on the roll


@pytest.fixture
def roll(store):
    return build_roll(store)


@pytest.fixture
def tab(qtbot, store, roll):
    widget = HardshipTab(store)
    qtbot.addWidget(widget)
    widget.resize(1200, 650)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def file_for(store, roll, member="zeng", **extra) -> int:
    data = {"member_id": roll[member], "category": "深度困难", "level": "街道", "main_cause": "本人大病",
            "household_size": 3, "household_income": "3000", **extra}
    return hardship.create_hardship_file(store, data)


def fill_typed_worker(dialog: HardshipDialog, id_number: str) -> None:
    dialog.name_edit.setText("赵六")
    dialog.id_edit.setText(id_number)
    dialog.org_name_edit.setText("东湖菜市场个体摊档")
    pick(dialog.category_combo, "深度困难")
    pick(dialog.cause_combo, "下岗失业")
    pick(dialog.other_combos[0], "子女上学")
    dialog.size_spin.setValue(4)
    dialog.income_edit.setText("3,000")


def test_new_file_through_the_form_shows_per_capita_income_and_lists_it(tab, store):
    dialog = tab.files.new_file()
    assert dialog.windowTitle() == "新建困难职工档案"
    fill_typed_worker(dialog, WORKER_ID)
    assert dialog.per_capita_label.text() == "月人均收入：750.00 元"
    dialog.size_spin.setValue(3)
    assert dialog.per_capita_label.text() == "月人均收入：1,000.00 元"
    dialog.add_household_row({"name": "赵小六", "relation": "子女", "age": "12", "occupation": "学生"})
    assert dialog.save()
    saved = get_hardship_file(store, dialog.file_id)
    assert (saved["name"], saved["per_capita_income"], saved["causes_text"]) == ("赵六", 100000, "下岗失业、子女上学")
    assert saved["household"][0]["name"] == "赵小六" and saved["gender"] == "男"
    assert tab.files.shown_names() == ["赵六"]
    assert tab.files.current_id() == dialog.file_id


def test_bad_id_number_is_reported_beside_the_field(tab, store):
    dialog = tab.files.new_file()
    fill_typed_worker(dialog, WORKER_ID[:-1] + ("0" if WORKER_ID[-1] != "0" else "1"))
    assert not dialog.save()
    message = dialog.messages.text("id_number")
    assert "身份证号" in message and "校验" in message
    assert dialog.tabs.currentIndex() == 0
    assert dialog.isVisible()
    assert store.scalar("SELECT count(*) FROM hardship_files") == 0


def test_second_file_for_the_same_person_is_refused_beside_the_id(tab, store, roll):
    file_for(store, roll)
    dialog = tab.files.new_file()
    dialog.link_member(roll["zeng"])
    pick(dialog.cause_combo, "残疾")
    assert not dialog.save()
    assert "一户一档" in dialog.messages.text("id_number")


def test_linked_member_fills_the_person_and_masks_the_id(tab, store, roll):
    dialog = tab.files.new_file()
    dialog.member_search.edit.setText("zgf")
    assert dialog.member_search.search() == [roll["zeng"]]
    dialog.link_member(roll["zeng"])
    assert dialog.name_edit.text() == "曾国藩" and not dialog.name_edit.isEnabled()
    assert ZENG_ID not in dialog.id_edit.text() and dialog.id_edit.text().endswith(ZENG_ID[-4:])
    assert dialog.save()
    assert get_hardship_file(store, dialog.file_id)["member_id"] == roll["zeng"]


def test_bank_account_is_masked_until_shown(tab, store, roll):
    file_id = file_for(store, roll, bank_name="工商银行", bank_account="6222021234567890123")
    dialog = tab.open_hardship_file(file_id)
    assert dialog.account_masked.text() == "**** **** 0123"
    assert not dialog.account_edit.isVisibleTo(dialog)
    dialog.reveal_account()
    assert dialog.account_edit.text() == "6222021234567890123"
    rows = [tab.files.model.index(0, c).data() for c in range(tab.files.model.columnCount())]
    assert not any("6222021234567890123" in str(v) or ZENG_ID in str(v) for v in rows)


def test_search_by_pinyin_initials_and_id_fragment_and_filters(qtbot, tab, store, roll):
    file_for(store, roll, "zeng")
    file_for(store, roll, "li", category="相对困难", main_cause="子女上学", level="区")
    tab.files.refresh()
    assert sorted(tab.files.shown_names()) == ["曾国藩", "李四"]
    tab.files.search_edit.setText("zgf")
    tab.files.run_search()
    assert tab.files.shown_names() == ["曾国藩"]
    tab.files.search_edit.setText(LI_ID[-6:])
    tab.files.run_search()
    assert tab.files.shown_names() == ["李四"]
    tab.files.search_edit.clear()
    pick(tab.files.category_filter, "相对困难")
    assert tab.files.shown_names() == ["李四"]
    pick(tab.files.category_filter, "全部类别")
    pick(tab.files.cause_filter, "本人大病")
    assert tab.files.shown_names() == ["曾国藩"]


def test_overdue_review_is_highlighted_and_filtered(tab, store, roll):
    old = (dates.today() - datetime.timedelta(days=500)).isoformat()
    file_for(store, roll, "zeng", filed_date=old)
    file_for(store, roll, "li")
    tab.files.refresh()
    pick(tab.files.review_filter, "已逾期")
    assert tab.files.shown_names() == ["曾国藩"]
    column = [c.key for c in tab.files.columns].index("review")
    index = tab.files.model.index(0, column)
    assert "逾期" in index.data()
    assert index.data(8).color() == OVERDUE_COLOUR  # BackgroundRole
    assert "复核逾期 1 份" in tab.files.summary_label.text()


def test_yearly_review_records_changes_and_clears_overdue(tab, store, roll):
    old = (dates.today() - datetime.timedelta(days=500)).isoformat()
    file_id = file_for(store, roll, filed_date=old)
    tab.files.refresh()
    tab.files.select_id(file_id)
    dialog = tab.files._action(ReviewDialog)
    dialog.income_edit.setText("4500")
    assert dialog.submit()
    row = get_hardship_file(store, file_id)
    assert row["last_review_date"] == dates.today().isoformat() and not row["review_overdue"]
    assert row["per_capita_income"] == 150000
    assert "家庭月收入：3,000.00 → 4,500.00" in row["reviews"][0]["changes"]


def test_review_without_reviewer_is_refused_beside_the_field(tab, store, roll):
    file_id = file_for(store, roll)
    dialog = ReviewDialog(store, file_id, tab)
    dialog.reviewer_edit.clear()
    assert not dialog.submit()
    assert dialog.messages.text("reviewer") == "请填写复核人"


def test_closing_a_file_keeps_it_listed_under_its_status_and_readable(tab, store, roll):
    file_id = file_for(store, roll)
    tab.files.refresh()
    assert tab.files.status_filter.currentText() == "在档"
    tab.files.select_id(file_id)
    dialog = tab.files._action(CloseFileDialog)
    assert isinstance(dialog, CloseFileDialog)
    assert not dialog.submit()  # no reason given
    assert dialog.messages.text("status_reason") == "请填写脱困原因"
    dialog.reason_edit.setText("已再就业，收入超过标准")
    assert dialog.submit()
    assert get_hardship_file(store, file_id)["status"] == "脱困"
    assert tab.files.shown_names() == ["曾国藩"]  # the list moved to 全部状态 to keep it in sight
    pick(tab.files.status_filter, "在档")
    assert tab.files.shown_names() == []
    pick(tab.files.status_filter, "脱困")
    assert tab.files.shown_names() == ["曾国藩"]
    status_col = [c.key for c in tab.files.columns].index("status")
    assert tab.files.model.index(0, status_col).data() == "脱困"
    assert "已脱困 1 份" in tab.files.summary_label.text()
    tab.files.select_id(file_id)
    assert not tab.files.close_button.isEnabled() and not tab.files.review_button.isEnabled()
    opened = tab.open_hardship_file(file_id)
    assert "已脱困" in opened.banner.text() and "已再就业" in opened.banner.text()
    assert not opened.status_page.review_button.isEnabled() and opened.status_page.reopen_button.isEnabled()


def test_single_payment_from_the_file_shows_in_this_years_assistance(tab, store, roll):
    file_id = file_for(store, roll)
    dialog = tab.open_hardship_file(file_id)
    dialog.status_page.pay_button.click()
    pay = dialog.status_page.dialog
    assert "曾国藩" in pay.who.text() and "已获帮扶 0 次" in pay.who.text()
    pay.amount_edit.setText("abc")
    assert not pay.submit()
    assert "金额" in pay.messages.text("amount")
    pay.amount_edit.setText("800")
    assert pay.submit()
    assert "已获帮扶 1 次，合计 800.00 元" in dialog.status_page.paid_label.text()
    assert dialog.status_page.paid_table.item(0, 2).text() == "（单笔）"


def test_dashboard_opener_finds_a_closed_file(tab, store, roll):
    file_id = file_for(store, roll)
    hardship.close_file(store, file_id, "撤档", dates.today(), "迁出本街道")
    tab.refresh()
    dialog = tab.open_file(file_id)
    assert "已撤档" in dialog.banner.text()
    assert tab.files.status_filter.currentIndex() == 0


def test_dashboard_reminder_opens_the_file_in_the_main_window(window, roll):
    store = window.store
    old = (dates.today() - datetime.timedelta(days=500)).isoformat()
    file_id = file_for(store, roll, filed_date=old)
    dashboard = window.tab("dashboardTab")
    dashboard.refresh()
    row = next(i for i, text in enumerate(dashboard.reminder_texts()) if "曾国藩" in text)
    tab = dashboard.open_reminder(row)
    assert isinstance(tab, HardshipTab) and window.tab_widget.currentWidget() is tab
    assert tab.files.dialog.file_id == file_id and tab.files.dialog.isVisible()


def test_categories_are_configurable_and_a_used_one_cannot_go(tab, store, roll):
    file_for(store, roll)
    dialog = tab.files.edit_categories()
    dialog.edit.setPlainText("深度困难\n相对困难\n意外致困\n因灾致困")
    assert dialog.submit()
    assert tab.files.category_filter.findText("因灾致困") > 0
    assert tab.files.new_file().category_combo.findText("因灾致困") >= 0
    dialog = tab.files.edit_categories()
    dialog.edit.setPlainText("相对困难")
    assert not dialog.submit()
    assert "深度困难" in dialog.messages.text("category") and "不能删除" in dialog.messages.text("category")


def test_delete_to_recycle_bin_and_back_but_not_with_assistance(tab, store, roll, messages):
    from unionoffice.core.assistance import records as assistance

    zeng, li = file_for(store, roll, "zeng"), file_for(store, roll, "li")
    assistance.add_single_payment(store, {"hardship_file_id": li},
                                  {"kind": "临时救助", "funding_source": "街道总工会", "amount": "300"})
    tab.files.refresh()
    tab.files.select_id(li)
    assert tab.files.delete_current() == 0
    assert "已有 1 笔帮扶记录" in messages.of("warning")[-1][2]
    tab.files.select_id(zeng)
    assert tab.files.delete_current() == 1
    assert tab.files.shown_names() == ["李四"]
    bin_dialog = tab.files.open_recycle_bin()
    assert bin_dialog.count_label.text() == "回收站中共 1 份"
    bin_dialog.select_ids([zeng])
    assert bin_dialog.restore_selected() == 1
    assert sorted(tab.files.shown_names()) == ["曾国藩", "李四"]


def test_export_files_to_xlsx_in_the_background(qtbot, tab, store, roll, tmp_path, monkeypatch, messages):
    from PySide6.QtWidgets import QFileDialog

    file_for(store, roll)
    tab.files.refresh()
    target = tmp_path / "档案.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    op = tab.files.export_files()
    qtbot.waitUntil(lambda: op.state != "running", timeout=10000)
    assert op.state == "succeeded" and target.exists()
    assert "已导出 1 份" in messages.of("information")[-1][2]


def test_edit_an_existing_file_keeps_the_hidden_account(tab, store, roll):
    file_id = file_for(store, roll, bank_account="6222021234567890123")
    tab.files.refresh()
    dialog = tab.open_hardship_file(file_id)
    assert dialog.income_edit.text() == "3,000.00"
    dialog.income_edit.setText("4200")
    assert dialog.per_capita_label.text() == "月人均收入：1,400.00 元"
    assert dialog.save()
    row = get_hardship_file(store, file_id)
    assert row["per_capita_income"] == 140000 and row["bank_account"] == "6222021234567890123"
    column = [c.key for c in tab.files.columns].index("per_capita")
    assert tab.files.model.index(tab.files.model.row_of(file_id), column).data() == "1,400.00"
