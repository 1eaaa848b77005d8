"""A hint inside a box (placeholder) is read whole, not cut off at the box's right edge: the
签到名单 search box of an activity and the 计划名称 box of the 保障计划 dialog."""

from __future__ import annotations

import datetime

from PySide6.QtWidgets import QLineEdit

from unionoffice.core.values import dates
from unionoffice.ui.activities.dialog import ActivityDialog
from unionoffice.ui.mutual_aid.tab import MutualAidTab


def _placeholder_fits(edit: QLineEdit) -> bool:
    room = edit.width() - 8 - (edit.sizeHint().height() if edit.isClearButtonEnabled() else 0)
    return edit.fontMetrics().horizontalAdvance(edit.placeholderText()) <= room


def test_attendance_search_box_shows_its_whole_hint(qtbot, store):
    dialog = ActivityDialog(store, day=datetime.date(2026, 3, 8))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.tabs.setCurrentIndex(1)  # 签到名单
    qtbot.waitExposed(dialog)
    qtbot.wait(10)
    search = dialog.attendance.search_edit
    assert search.isVisible() and search.placeholderText().startswith("找会员")
    assert _placeholder_fits(search), (search.width(), search.placeholderText())
    assert dialog.width() <= 1366


def test_cover_plan_dialog_shows_the_whole_name_hint(qtbot, store, monkeypatch):
    monkeypatch.setattr(dates, "today", lambda: datetime.date(2026, 11, 24))
    tab = MutualAidTab(store)
    qtbot.addWidget(tab)
    tab.show()
    form = tab.edit_plan()
    qtbot.waitExposed(form)
    qtbot.wait(10)
    name = form.widgets["name"]
    assert name.placeholderText() == "在职住院 / 退休 / 女职工安康 / 特种重病 / 意外伤害"
    assert _placeholder_fits(name), (name.width(), name.placeholderText())
    assert form.width() <= 1366
    form.reject()
