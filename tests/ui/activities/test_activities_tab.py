"""The 活动日历 tab as a clerk uses it: move through months, plan and record activities in the form,
attendance and 人次, bad input beside its field, drag to reschedule, list view, next year's plan,
printing and export."""

from __future__ import annotations

import datetime

import pytest
from PySide6.QtCore import QDate, QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QFileDialog

from unionoffice.core.activities import records as act
from unionoffice.core.activities import files as activity_files
from unionoffice.core.values import dates
from unionoffice.core.values.ids import make_id_number
from unionoffice.core.members.records import create_member
from unionoffice.core.orgs.records import create_org
from unionoffice.ui.widgets import runner
from unionoffice.ui.activities.tab import ActivitiesTab
from unionoffice.ui.activities.dialog import ActivityDialog

TODAY = datetime.date(2026, 11, 24)


@pytest.fixture(autouse=True)
def frozen_today(monkeypatch):
    monkeypatch.setattr(dates, "today", lambda: TODAY)


@pytest.fixture
def people(store):
    org = create_org(store, {"name": "深圳市华美科技有限公司", "union_mode": "独立建会", "workers": 60})
    ids = {}
    for i, name in enumerate(("张三丰", "李四", "曾国藩")):
        ids[name] = create_member(store, {"name": name, "org_id": org, "phone": f"1381234{i:04d}",
                                          "id_number": make_id_number("440303", datetime.date(1980, 5, 1), i)})
    return org, ids


@pytest.fixture
def tab(qtbot, store, people):
    widget = ActivitiesTab(store)
    qtbot.addWidget(widget)
    widget.resize(1280, 760)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    if widget.dialog is not None:  # a form left open must not search a closed store later
        widget.dialog.close()


def plan(store, title="三八妇女节插花沙龙", day="2026-11-28", **over):
    data = {"title": title, "kind": "文体", "start_date": day, "start_time": "14:30", "location": "职工之家"}
    data.update(over)
    return act.create_activity(store, data)


def chip_centre(tab, day: datetime.date, title: str) -> QPointF:
    chip = next(c for c in tab.month_view.chips if c.day == day and c.activity["title"] == title)
    return chip.rect.center()


def mouse(widget, kind, pos: QPointF, buttons=Qt.MouseButton.LeftButton):
    button = Qt.MouseButton.NoButton if kind == QEvent.Type.MouseMove else Qt.MouseButton.LeftButton
    event = QMouseEvent(kind, pos, widget.mapToGlobal(pos), button, buttons, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, event)


def fill(dialog: ActivityDialog, **values):
    for key, value in values.items():
        widget = {"title": dialog.title_edit, "start_time": dialog.start_time, "end_time": dialog.end_time,
                  "planned": dialog.planned_edit, "headcount": dialog.headcount_edit, "cost": dialog.cost_edit}.get(key)
        if widget is not None:
            widget.setText(value)
        elif key == "location":
            dialog.location_combo.setCurrentText(value)
        elif key in ("kind", "status"):
            getattr(dialog, f"{key}_combo").setCurrentText(value)
        elif key in ("start", "end"):
            day = datetime.date.fromisoformat(value)
            getattr(dialog, f"{key}_date").setDate(QDate(day.year, day.month, day.day))


# ------------------------------------------------------------------ the month


def test_the_month_opens_on_today_with_each_days_activities(qtbot, store, people):
    plan(store, "职工之家读书会", "2026-11-28")
    plan(store, "消防安全演练培训", "2026-11-21", kind="培训", status="已举办", headcount=120)
    plan(store, "职工运动会", "2026-11-30", end_date="2026-12-01")
    widget = ActivitiesTab(store)
    qtbot.addWidget(widget)
    assert (widget.year_spin.value(), widget.month_combo.currentText()) == (2026, "11 月")
    view = widget.month_view
    assert view.today == TODAY and view.selected == TODAY
    assert view.days()[0] == datetime.date(2026, 10, 26) and view.days()[-1] == datetime.date(2026, 12, 6)
    assert view.titles_on(datetime.date(2026, 11, 28)) == ["职工之家读书会"]
    assert view.titles_on(datetime.date(2026, 12, 1)) == ["职工运动会"]  # both days of a two-day event
    assert widget.agenda_title.text() == "11月24日 星期二（今天）"
    assert "11月共 3 项活动：已举办 1 项（120 人次）" in widget.month_summary.text()


def test_moving_between_months_and_years(qtbot, tab):
    tab.next_button.click()
    assert (tab.year, tab.month) == (2026, 12)
    tab.next_button.click()
    assert (tab.year, tab.month, tab.year_spin.value()) == (2027, 1, 2027)
    tab.year_spin.setValue(2025)
    assert (tab.year, tab.month) == (2025, 1)
    tab.month_combo.setCurrentIndex(2)
    assert (tab.year, tab.month) == (2025, 3)
    qtbot.keyClick(tab.month_view, Qt.Key.Key_PageUp)
    assert (tab.year, tab.month) == (2025, 2)
    tab.today_button.click()
    assert (tab.year, tab.month, tab.selected_day) == (2026, 11, TODAY)


def test_clicking_a_day_shows_its_agenda(qtbot, tab, store):
    plan(store, "职工之家读书会", "2026-11-28", start_time="19:00", end_time="21:00", planned_headcount=30)
    tab.refresh()
    day = datetime.date(2026, 11, 28)
    qtbot.mouseClick(tab.month_view, Qt.MouseButton.LeftButton, pos=tab.month_view.cell_rect(day).bottomRight().toPoint() - QPoint(8, 8))
    assert tab.selected_day == day
    assert tab.agenda.count() == 1
    assert tab.agenda.item(0).text() == "19:00–21:00  职工之家读书会\n文体 · 计划 · 职工之家 · 计划 30 人次"
    qtbot.mouseClick(tab.month_view, Qt.MouseButton.LeftButton,
                     pos=tab.month_view.cell_rect(datetime.date(2026, 12, 2)).center().toPoint())
    assert (tab.month, tab.selected_day) == (12, datetime.date(2026, 12, 2))  # a grey day of next month


# ----------------------------------------------------------------- the form


def test_ctrl_n_plans_an_activity_on_the_selected_day(qtbot, tab, store):
    tab.select_day(datetime.date(2026, 11, 27))
    changed = []
    tab.data_changed.connect(lambda: changed.append(1))
    qtbot.keyClick(tab.month_view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = tab.dialog
    assert isinstance(dialog, ActivityDialog) and dialog.windowTitle() == "新建活动"
    assert dialog.start_date.date() == QDate(2026, 11, 27)
    fill(dialog, title="志愿服务进社区", kind="志愿服务", start_time="9:00", end_time="11点30", location="桂园社区广场",
         planned="40", cost="1,500")
    dialog.recurring_check.setChecked(True)
    assert dialog.save()
    saved = act.activities_between(store, "2026-11-27", "2026-11-27")[0]
    assert (saved["title"], saved["kind"], saved["start_time"], saved["end_time"]) == ("志愿服务进社区", "志愿服务", "09:00", "11:30")
    assert (saved["planned_headcount"], saved["cost"], saved["recurring"], saved["status"]) == (40, 150000, 1, "计划")
    assert saved["organiser"] == "测试街道总工会"
    assert tab.month_view.titles_on(datetime.date(2026, 11, 27)) == ["志愿服务进社区"]
    assert changed


@pytest.mark.parametrize("values, field, words", [
    ({"end": "2026-11-20"}, "end_date", "早于开始日期"),
    ({"end_time": "08:00"}, "end_time", "早于开始时间"),
    ({"planned": "-5"}, "planned_headcount", "不能为负数"),
    ({"headcount": "200000"}, "headcount", "过大"),
    ({"cost": "一千"}, "cost", "无法识别"),
    ({"title": ""}, "title", "请填写活动名称"),
    ({"status": "已举办", "start": "2026-12-20"}, "status", "还不能标为“已举办”"),
])
def test_bad_input_is_shown_beside_the_field_and_nothing_is_saved(qtbot, tab, store, values, field, words):
    dialog = tab.new_activity(datetime.date(2026, 11, 26))
    fill(dialog, **{"title": "职工篮球赛", "start_time": "19:00", **values})
    assert not dialog.save()
    assert words in dialog.error_text(field)
    assert dialog.isVisible() and dialog.tabs.currentIndex() == 0
    assert store.scalar("SELECT count(*) FROM activities") == 0


def test_opening_an_activity_of_another_month_turns_the_calendar(tab, store):
    aid = plan(store, "五一劳动节先进表彰大会", "2026-05-08", kind="会议")
    dialog = tab.open_activity(aid)  # as the 工作台 reminders do
    assert dialog.windowTitle() == "活动：五一劳动节先进表彰大会"
    assert (tab.year, tab.month, tab.selected_day, tab.selected_id) == (2026, 5, datetime.date(2026, 5, 8), aid)
    assert tab.month_view.selected_activity == aid


def test_the_end_follows_the_start(tab):
    dialog = tab.new_activity(datetime.date(2026, 11, 26))
    dialog.end_date.setDate(QDate(2026, 11, 27))  # a two-day activity
    dialog.start_date.setDate(QDate(2026, 12, 5))
    assert dialog.end_date.date() == QDate(2026, 12, 6)


def test_attendance_picks_members_and_headcount_follows_it(qtbot, tab, store, people):
    _org, ids = people
    dialog = tab.new_activity(datetime.date(2026, 11, 21))
    fill(dialog, title="消防安全演练培训", kind="培训", status="已举办", headcount="99")
    editor = dialog.attendance
    editor.search_edit.setText("zgf")  # 曾国藩 by surname-aware initials
    editor.run_search()
    assert editor.results.rowCount() == 1  # the first result is picked, so 加入 takes it at once
    assert editor.add_selected() == 1
    editor.add_members([ids["张三丰"], ids["李四"]])
    assert editor.names() == ["曾国藩", "张三丰", "李四"]
    assert not dialog.headcount_edit.isEnabled() and dialog.headcount_edit.text() == "3"
    assert dialog.tabs.tabText(1) == "签到名单（3）"
    # the same member again is refused, with a message beside the list
    assert editor.add_members([ids["李四"]]) == 0
    assert "李四已在签到名单中" in editor.message.text() and not editor.message.isHidden()
    assert dialog.save()
    saved = act.activities_between(store, "2026-11-21", "2026-11-21")[0]
    assert (saved["headcount"], saved["attendance_count"]) == (3, 3)
    assert [r["name"] for r in act.attendance_of(store, saved["id"])] == ["曾国藩", "张三丰", "李四"]


def test_removing_everyone_lets_the_clerk_type_a_headcount(qtbot, tab, store, people):
    _org, ids = people
    aid = plan(store, "春季职工健步走", "2026-11-14", status="已举办")
    act.set_attendance(store, aid, [ids["李四"]])
    tab.refresh()
    dialog = tab.open_activity(aid)
    assert dialog.headcount_edit.text() == "1" and not dialog.headcount_edit.isEnabled()
    dialog.attendance.clear()
    assert dialog.headcount_edit.isEnabled()
    dialog.headcount_edit.setText("300")
    assert dialog.save()
    assert act.get_activity(store, aid)["headcount"] == 300


def test_attachments_bad_files_are_refused_and_good_ones_saved(qtbot, tab, store, tmp_path):
    dialog = tab.new_activity(datetime.date(2026, 11, 21))
    fill(dialog, title="职工心理健康讲座", kind="讲座")
    photo = tmp_path / "现场照片.jpg"
    photo.write_bytes(b"jpeg" * 500)
    big = tmp_path / "扫描件.pdf"
    with big.open("wb") as f:
        f.truncate(activity_files.MAX_BYTES + 10)
    assert dialog.attachments.add_files([tmp_path / "不存在.jpg", big, photo]) == 1
    message = dialog.attachments.message.text()
    assert "找不到附件文件" in message and "超过 50 MB" in message
    assert dialog.attachments.file_names() == ["现场照片.jpg"]
    assert dialog.save()
    saved = act.get_activity(store, act.activities_between(store, "2026-11-21", "2026-11-21")[0]["id"])
    assert [a["original_name"] for a in saved["attachments"]] == ["现场照片.jpg"]
    assert activity_files.stored_path(store, saved["attachments"][0]["sha256"]).is_file()


def test_a_refused_attendee_brings_the_list_page_forward(tab, store, people):
    _org, ids = people
    aid = plan(store, "读书会", "2026-11-28")
    dialog = tab.open_activity(aid)
    create_ids = list(ids.values())
    store.execute("UPDATE members SET deleted_at = '2026-11-01' WHERE id = ?", (create_ids[0],))
    dialog.attendance.add_members([create_ids[0]])
    assert not dialog.save()
    assert dialog.tabs.currentIndex() == 1 and "回收站" in dialog.attendance.message.text()
    assert act.attendance_of(store, aid) == []


# ------------------------------------------------------- mouse and keyboard


def test_double_click_opens_and_drag_reschedules(qtbot, tab, store):
    aid = plan(store, "职工之家读书会", "2026-11-28", end_date="2026-11-29")
    tab.refresh()
    view = tab.month_view
    centre = chip_centre(tab, datetime.date(2026, 11, 28), "职工之家读书会")
    qtbot.mouseDClick(view, Qt.MouseButton.LeftButton, pos=centre.toPoint())
    assert tab.dialog is not None and tab.dialog.activity_id == aid
    tab.dialog.reject()
    target = view.cell_rect(datetime.date(2026, 11, 26)).center()
    mouse(view, QEvent.Type.MouseButtonPress, centre)
    mouse(view, QEvent.Type.MouseMove, target)
    mouse(view, QEvent.Type.MouseButtonRelease, target, Qt.MouseButton.NoButton)
    moved = act.get_activity(store, aid)
    assert (moved["start_date"], moved["end_date"]) == ("2026-11-26", "2026-11-27")
    assert view.titles_on(datetime.date(2026, 11, 26)) == ["职工之家读书会"]
    assert "改到 2026年11月26日" in tab.notice.text()


def test_a_drag_that_core_refuses_says_why(qtbot, tab, store, messages):
    aid = plan(store, "消防演练", "2026-11-21", status="已举办")
    tab.refresh()
    assert not tab.move_activity(aid, datetime.date(2026, 12, 3))
    assert "还不能标为“已举办”" in messages.texts()
    assert act.get_activity(store, aid)["start_date"] == "2026-11-21"


def test_delete_key_moves_to_the_recycle_bin_and_back(qtbot, tab, store, messages):
    aid = plan(store, "职工之家读书会", "2026-11-24")
    tab.refresh()
    assert tab.selected_id == aid  # the only activity of the selected day
    qtbot.keyClick(tab.month_view, Qt.Key.Key_Delete)
    assert "移入活动回收站" in messages.of("question")[0][2]
    assert tab.month_view.titles_on(TODAY) == []
    bin_dialog = tab.open_recycle_bin()
    assert bin_dialog.model.rowCount() == 1
    bin_dialog.select_all()
    assert bin_dialog.restore_selected() == 1
    assert tab.month_view.titles_on(TODAY) == ["职工之家读书会"]


# --------------------------------------------------------------- list, plan


def test_list_view_for_a_busy_month_and_the_whole_year(qtbot, tab, store):
    for day in range(1, 21):
        plan(store, f"第{day}场", f"2026-11-{day:02d}", status="已举办", headcount=10, cost=100)
    plan(store, "春节游园", "2026-02-10")
    tab.refresh()
    tab.list_mode.click()
    assert tab.stack.currentIndex() == 1
    assert tab.list_model.rowCount() == 20
    first = [tab.list_model.index(0, c).data() for c in range(tab.list_model.columnCount())]
    assert first[:4] == ["2026-11-01（日）", "14:30", "第1场", "文体"] and first[7] == "10"
    assert "已举办 20 项" in tab.list_totals.text() and "已举办人次 200" in tab.list_totals.text()
    tab.scope_combo.setCurrentIndex(1)
    assert tab.list_model.rowCount() == 21
    tab.search_edit.setText("游园")
    assert tab.list_model.rowCount() == 1
    tab.list_view.doubleClicked.emit(tab.list_model.index(0, 0))
    assert tab.dialog.windowTitle() == "活动：春节游园"


def test_copy_to_next_year_lands_on_the_same_weekdays(qtbot, tab, store, messages):
    plan(store, "三八妇女节插花沙龙", "2026-03-07", recurring=True, status="已举办", headcount=40)  # a Saturday
    plan(store, "一次性讲座", "2026-04-15")
    tab.show_month(2026, 3)
    preview = tab.copy_to_next_year()
    assert "2026 年" in preview.summary.text() and "复制到 2027 年" in preview.summary.text()
    assert preview.new_date(0) == datetime.date(2027, 3, 6)
    result = preview.copy()
    assert len(result.created) == 1
    copy = act.get_activity(store, result.created[0])
    assert copy["start_date"] == "2027-03-06" and datetime.date(2027, 3, 6).weekday() == 5
    assert (copy["status"], copy["headcount"]) == ("计划", None)
    assert (tab.year, tab.month, tab.stack.currentIndex()) == (2027, 1, 1)
    assert "生成 2027 年计划 1 项" in messages.of("information")[-1][2]


def test_copy_preview_names_the_source_year_whatever_month_is_shown(qtbot, tab, store):
    plan(store, "闹元宵饺子宴", "2026-03-03", recurring=True)  # 元宵 2026
    tab.show_month(2027, 5)  # the screen shows another year: the copy still starts from this year
    preview = tab.copy_to_next_year()
    assert preview.source_year == 2026 and "2026 年" in preview.summary.text()
    assert preview.new_date(0) == datetime.date(2027, 2, 20)  # 元宵 2027, not the same weekday
    assert "按节日：元宵" in preview.table.item(0, 4).text()
    preview.set_new_date(0, datetime.date(2027, 2, 21))  # the clerk moves it to the Sunday
    assert "不上班" in preview.notes(0) or "尚未收录" in preview.notes(0)
    result = preview.copy()
    assert act.get_activity(store, result.created[0])["start_date"] == "2027-02-21"


def test_kinds_can_be_configured(qtbot, tab, store):
    dialog = tab.edit_kinds()
    dialog.edit.setPlainText("文体\n读书会\n")
    assert dialog.save()
    assert act.activity_kinds(store) == ["文体", "读书会"]
    form = tab.new_activity()
    assert [form.kind_combo.itemText(i) for i in range(form.kind_combo.count())] == ["文体", "读书会"]


# ---------------------------------------------------------- print, export


def test_print_and_export_run_in_the_background(qtbot, tab, store, people, tmp_path, monkeypatch, messages):
    _org, ids = people
    aid = plan(store, "职工之家读书会", "2026-11-24")
    act.set_attendance(store, aid, list(ids.values()))
    tab.refresh()
    for name, start in (("签到表.pdf", tab.print_signin), ("十一月.pdf", tab.print_month), ("台账.xlsx", tab.export)):
        target = tmp_path / name
        monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, t=target, **k: (str(t), "")))
        op = start()
        qtbot.waitUntil(lambda o=op: o.state != "running", timeout=10000)
        assert op.state == "succeeded", op.error
        assert target.exists() and target.stat().st_size > 1000
    assert runner.active_operations() == []
    assert "已保存到" in messages.of("information")[-1][2]


def test_print_signin_without_a_selection_says_what_to_do(tab, messages):
    tab.selected_id = None
    assert tab.print_signin() is None
    assert "请先在月历或列表中点选一项活动" in messages.texts()


def test_the_main_window_shows_the_calendar_tab(window):
    assert isinstance(window.tab("activitiesTab"), ActivitiesTab)
    assert "活动日历" in window.tab_titles()
