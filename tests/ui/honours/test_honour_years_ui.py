"""The 工作台 task “N 条劳模荣誉缺少年份” opens the honours register filtered to them; the clerk fills
the year on the form (an empty or bad year stays on the form), and the task goes away."""

from __future__ import annotations

from unionoffice.core.members.records import create_member

IDS = ("110105198001010032", "110105198502020124")


def _rolled(store):
    for name, id_number in (("张三", IDS[0]), ("李四", IDS[1])):
        create_member(store, {"name": name, "id_number": id_number, "joined_date": "2015-01-01",
                              "model_worker": "区级"})


def test_task_opens_the_honours_without_year_and_the_form_fills_it(window, store):
    from unionoffice.core.honours.records import create_honour

    _rolled(store)
    create_honour(store, {"category": "优秀工会干部", "level": "区", "year": "2026", "person_name": "王五"})
    dashboard = window.tab("dashboardTab")
    dashboard.refresh()
    row = next(i for i, r in enumerate(dashboard.items) if r.kind == "honour_year")
    assert dashboard.reminder_texts()[row].startswith("2 条劳模荣誉缺少年份")
    tab = dashboard.open_reminder(row)
    assert tab is window.tab("honoursTab") and window.current_page() is tab
    assert tab.table.rowCount() == 2 and tab.year_combo.currentText() == "年度不详"
    form = tab.open_form(tab.table.ids[0])
    assert form.year.text() == "" and "年度不详" in form.year.placeholderText()
    assert not form.save() and "请填写年度" in form.error.text()
    form.year.setText("二〇一九")
    assert not form.save() and "无法识别" in form.error.text()
    form.year.setText("2019")
    assert form.save()
    assert tab.table.rowCount() == 1
    dashboard.refresh()
    assert any(t.startswith("1 条劳模荣誉缺少年份") for t in dashboard.reminder_texts())
