"""The 就业援助 tab: a job fair, a placement and a training with a trainee entered in the window show
in their lists and in the year's counts; a bad value stays on the form with its reason."""

from __future__ import annotations

from unionoffice.core.values import dates
from unionoffice.ui.employment_aid.tab import EmploymentTab


def test_employment_entered_in_the_window(qtbot, store):
    tab = EmploymentTab(store)
    qtbot.addWidget(tab)
    today = dates.to_iso(dates.today())
    form = tab.new_fair()
    form.widgets["title"].setText("专场招聘会")
    form.widgets["positions"].setText("二十")
    assert not form.save() and "岗位数“二十”" in form.error_label.text()
    form.widgets["positions"].setText("20")
    form.widgets["intents"].setText("8")
    assert form.save()
    assert tab.fairs.rowCount() == 1 and tab.fairs.cell_text(0, 5) == "20"
    form = tab.new_placement()
    form.widgets["person_name"].setText("李四")
    form.widgets["employer"].setText("某酒店")
    form.widgets["placed_date"].setText(today)
    assert form.save() and tab.placements.rowCount() == 1
    form = tab.new_training()
    form.widgets["title"].setText("农民工技能培训")
    assert form.save()
    form = tab.new_trainee()
    form.widgets["person_name"].setText("王五")
    form.widgets["certificate"].setText("电工证")
    assert form.save()
    assert tab.trainees.rowCount() == 1 and tab.trainings.cell_text(0, 4) == "1"
    assert tab.summary.text() == "今年：招聘会 1 场，提供岗位 20 个，实现就业 1 人，培训 1 人（农民工 1 人），取得证书 1 人"


def test_deleting_a_training_takes_its_trainees(qtbot, store):
    from unionoffice.core.employment_aid import records as aid

    tid = aid.create_training(store, {"title": "农民工培训", "target": "农民工", "start_date": "2026-05-01"})
    aid.add_trainee(store, tid, {"person_name": "王五"})
    tab = EmploymentTab(store)
    qtbot.addWidget(tab)
    tab.delete_training()
    assert tab.trainings.rowCount() == 0
    assert store.scalar("SELECT count(*) FROM trainees WHERE deleted_at IS NULL") == 0


def test_placement_training_and_trainee_edited_in_the_window(qtbot, store):
    from unionoffice.core.employment_aid import records as aid

    aid.add_placement(store, {"person_name": "李四", "employer": "某酒店", "placed_date": "2026-02-01"})
    tid = aid.create_training(store, {"title": "农民工培训", "target": "农民工", "start_date": "2026-05-01"})
    aid.add_trainee(store, tid, {"person_name": "王五"})
    tab = EmploymentTab(store)
    qtbot.addWidget(tab)
    assert tab.edit_placement() is None  # nothing chosen: no form
    tab.placements.selectRow(0)
    form = tab.edit_placement()
    assert form.widgets["employer"].text() == "某酒店"
    form.widgets["placed_date"].setText("2099-01-01")
    assert not form.save() and "晚于今天" in form.error_label.text()
    assert tab.placements.cell_text(0, 0) == "2026-02-01"
    form.widgets["placed_date"].setText("2026-02-03")
    form.widgets["employer"].setText("华美公司")
    assert form.save()
    assert (tab.placements.cell_text(0, 0), tab.placements.cell_text(0, 4)) == ("2026-02-03", "华美公司")
    form = tab.edit_training()
    form.set_value("target", "下岗失业")
    assert form.save() and tab.trainings.cell_text(0, 2) == "下岗失业"
    tab.trainees.selectRow(0)
    form = tab.edit_trainee()
    form.widgets["certificate"].setText("电工证")
    assert form.save()
    assert tab.trainees.cell_text(0, 2) == "电工证" and tab.trainings.cell_text(0, 4) == "1"
