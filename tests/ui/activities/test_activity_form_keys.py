"""The activity form as a new clerk uses it: walk-ins in 人次, Return in the member search, Ctrl+S
on every page, 取消 on a filled-in new activity."""

from __future__ import annotations

import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from unionoffice.core.activities import records as act
from unionoffice.core.members.records import create_member
from unionoffice.core.values import dates
from unionoffice.core.values.ids import make_id_number
from unionoffice.ui.activities.tab import ActivitiesTab


@pytest.fixture(autouse=True)
def frozen_today(monkeypatch):
    monkeypatch.setattr(dates, "today", lambda: datetime.date(2027, 1, 20))


@pytest.fixture
def members(store):
    return [create_member(store, {"name": n, "id_number": make_id_number("440303", datetime.date(1980, 5, 1), i)})
            for i, n in enumerate(("张三丰", "李四", "曾国藩"))]


@pytest.fixture
def tab(qtbot, store):
    widget = ActivitiesTab(store)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    if widget.dialog is not None:
        widget.dialog.done(0)


def test_walk_ins_count_in_the_actual_headcount(tab, store, members):
    form = tab.new_activity(datetime.date(2027, 1, 15))
    form.title_edit.setText("元宵饺子宴")
    form.status_combo.setCurrentText("已举办")
    form.attendance.add_members(members)
    form.walk_ins_edit.setText("15")
    assert form.headcount_edit.text() == "18" and "名单外 15" in form.headcount_note.text()
    assert form.save()
    saved = act.get_activity(store, form.activity_id)
    assert (saved["headcount"], saved["walk_ins"]) == (18, 15)


def test_bad_walk_ins_are_refused_beside_the_field(tab, members):
    form = tab.new_activity(datetime.date(2027, 1, 15))
    form.title_edit.setText("饺子宴")
    form.walk_ins_edit.setText("十几个")
    assert not form.save()
    assert "名单外人数" in form.error_text("walk_ins")


def test_return_in_the_member_search_neither_saves_nor_closes(qtbot, tab, store, members):
    form = tab.new_activity(datetime.date(2027, 1, 15))
    form.title_edit.setText("读书会")
    form.tabs.setCurrentIndex(1)
    form.attendance.search_edit.setFocus()
    form.attendance.search_edit.setText("zsf")
    QTest.keyClick(form.attendance.search_edit, Qt.Key.Key_Return)
    assert form.isVisible() and form.activity_id is None
    assert act.activities_between(store, "2027-01-01", "2027-12-31") == []


@pytest.mark.filterwarnings("ignore:Function.*setActiveWindow:DeprecationWarning")
@pytest.mark.parametrize("page", range(3))
def test_ctrl_s_saves_from_every_page(qtbot, tab, store, page):
    form = tab.new_activity(datetime.date(2027, 1, 15))
    form.title_edit.setText(f"第 {page} 页保存")
    form.tabs.setCurrentIndex(page)
    QApplication.setActiveWindow(form)  # offscreen windows are not activated by themselves
    focus = form.tabs.currentWidget()
    focus.setFocus()
    QTest.keyClick(form.focusWidget() or focus, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    try:
        qtbot.waitUntil(lambda: form.activity_id is not None, timeout=2000)
    finally:
        # Qt keeps the last key event's modifiers as the keyboard state: let go of Ctrl, or a
        # later test's selectRow() would toggle (Ctrl+click) instead of select
        QTest.keyRelease(tab, Qt.Key.Key_Control)
        QApplication.setActiveWindow(None)
    assert QApplication.keyboardModifiers() == Qt.KeyboardModifier.NoModifier
    assert act.get_activity(store, form.activity_id)["title"] == f"第 {page} 页保存"


def test_cancel_on_a_filled_in_new_activity_asks_first(tab, store, messages):
    from PySide6.QtWidgets import QMessageBox

    form = tab.new_activity(datetime.date(2027, 1, 15))
    form.reject()  # nothing typed: closes without asking
    assert messages.of("question") == []
    form = tab.new_activity(datetime.date(2027, 1, 15))
    form.title_edit.setText("写了一半的活动")
    messages.answer = QMessageBox.StandardButton.No
    form.reject()
    assert form.isVisible() and "还没有保存" in messages.of("question")[-1][2]
    messages.answer = QMessageBox.StandardButton.Yes
    form.reject()
    assert not form.isVisible()


def test_time_message_goes_as_soon_as_the_time_is_put_right(tab, store):
    form = tab.new_activity(datetime.date(2027, 1, 15))
    form.title_edit.setText("插花沙龙")
    form.start_time.setText("九点半")
    assert not form.save()
    assert "无法识别" in form.error_text("start_time")
    form.start_time.setText("9点半")  # still not a time: the message says what is there now
    assert "“9点半”无法识别" in form.error_text("start_time")
    form.start_time.setText("9:30")  # no save yet: the clerk sees at once the time is good
    assert form.error_text("start_time") == "" and not form.messages.labels["start"].isVisible()


def test_end_before_start_message_follows_both_times(tab, store):
    form = tab.new_activity(datetime.date(2027, 1, 15))
    form.title_edit.setText("插花沙龙")
    form.start_time.setText("14:00")
    form.end_time.setText("10:00")
    assert not form.save()
    assert "早于开始时间" in form.error_text("end_time")
    form.end_time.setText("11:00")  # still before the start
    assert "结束时间 11:00 早于开始时间 14:00" in form.error_text("end_time")
    form.start_time.setText("9:00")
    assert form.error_text("end_time") == ""
    assert form.save()
