"""Next year's plan: lunar festivals land on their date, closed and past days are named, walk-ins
count in 人次, and an old file gains the new columns without loss."""

from __future__ import annotations

import datetime

import pytest

from old_files import office_at_schema

from unionoffice.core.activities import festivals
from unionoffice.core.activities import plan as activity_plan
from unionoffice.core.activities import records as act
from unionoffice.core.errors import UserError
from unionoffice.core.store.connection import Store
from unionoffice.core.values import dates


@pytest.fixture(autouse=True)
def frozen_today(monkeypatch):
    monkeypatch.setattr(dates, "today", lambda: datetime.date(2026, 12, 1))


def recurring(store, title, day, **over):
    return act.create_activity(store, {"title": title, "kind": "文体", "start_date": day, "recurring": True, **over})


@pytest.mark.parametrize("title, day, expected", [
    ("闹元宵饺子宴", "2026-03-03", "2027-02-20"),
    ("端午包粽子", "2026-06-19", "2027-06-09"),
    ("中秋游园会", "2026-09-25", "2027-09-15"),
    ("敬老重阳宴", "2026-10-18", "2027-10-08"),
])
def test_lunar_festivals_move_to_their_date_in_the_new_year(store, title, day, expected):
    recurring(store, title, day)
    [proposal] = activity_plan.plan_copy(store, 2026, 2027)
    assert proposal.new_start.isoformat() == expected
    result = activity_plan.copy_recurring(store, 2026, 2027)
    assert act.get_activity(store, result.created[0])["start_date"] == expected


def test_the_festival_field_ties_an_activity_without_the_name_in_its_title(store):
    recurring(store, "职工联欢晚会", "2026-09-24", festival="中秋")  # the eve of 中秋 2026 (09-25)
    [proposal] = activity_plan.plan_copy(store, 2026, 2027)
    assert proposal.new_start == datetime.date(2027, 9, 14)  # the eve of 中秋 2027
    assert "节日前 1 天" in proposal.reason


def test_other_activities_keep_their_weekday(store):
    recurring(store, "职工运动会", "2026-04-18")  # Saturday
    [proposal] = activity_plan.plan_copy(store, 2026, 2027)
    assert proposal.new_start.weekday() == 5 and proposal.reason == "同一星期几"


def test_closed_days_and_past_dates_are_named():
    assert any("国庆节" in n and "不上班" in n for n in activity_plan.date_notes(datetime.date(2026, 10, 2)))
    assert any("调休上班日" in n for n in activity_plan.date_notes(datetime.date(2026, 2, 14)))
    assert any("日期已过" in n for n in activity_plan.date_notes(datetime.date(2026, 11, 2)))
    # a year whose holidays are not published yet is said so once, not guessed
    assert not festivals.holidays_published(2027) and "尚未收录" in festivals.unpublished_note(2027)
    assert activity_plan.date_notes(datetime.date(2027, 3, 10), datetime.date(2026, 3, 11)) == []
    assert activity_plan.date_notes(datetime.date(2027, 3, 13), datetime.date(2026, 3, 11)) == ["办公室不上班：周六"]


def test_chosen_dates_are_taken_and_past_copies_flagged(store):
    a = recurring(store, "三八插花沙龙", "2025-03-08")
    b = recurring(store, "一次性？不，每年的读书会", "2025-04-23")
    result = activity_plan.copy_recurring(store, 2025, 2026, {a: datetime.date(2026, 3, 7)})
    assert len(result.created) == 1  # b was unticked
    assert act.get_activity(store, result.created[0])["start_date"] == "2026-03-07"
    assert result.past == ["三八插花沙龙"] and "日期已过" in result.message(2025, 2026)
    with pytest.raises(UserError, match="不在 2026 年"):
        activity_plan.copy_recurring(store, 2025, 2026, {b: datetime.date(2027, 1, 1)})


def test_festival_dates_from_the_lunar_calendar():
    assert festivals.festival_date("春节", 2027) == datetime.date(2027, 2, 6)
    assert festivals.festival_date("除夕", 2027) == datetime.date(2027, 2, 5)
    assert festivals.festival_of("闹元宵猜灯谜") == "元宵" and festivals.festival_of("职工运动会") is None


# ---------------------------------------------------------------- walk-ins
def test_walk_ins_add_to_the_sign_in_list(store, members3):
    activity = act.create_activity(store, {"title": "饺子宴", "start_date": "2026-11-02", "status": "已举办",
                                           "walk_ins": "15"}, attendance=members3)
    assert act.get_activity(store, activity)["headcount"] == 3 + 15
    act.update_activity(store, activity, {"walk_ins": 12})
    assert act.get_activity(store, activity)["headcount"] == 15
    act.set_attendance(store, activity, members3[:2])
    assert act.get_activity(store, activity)["headcount"] == 14
    with pytest.raises(UserError, match="名单外人数"):
        act.update_activity(store, activity, {"walk_ins": "-2"})


@pytest.fixture
def members3(store):
    from unionoffice.core.members.records import create_member
    from unionoffice.core.values.ids import make_id_number

    return [create_member(store, {"name": n, "id_number": make_id_number("440303", datetime.date(1980, 5, 1), i)})
            for i, n in enumerate(("张三丰", "李四", "王五"))]


def test_old_file_gains_walk_ins_and_festival_without_loss(tmp_path):
    path = tmp_path / "old.db"
    with office_at_schema(path, 9) as conn:  # a file of schema 9, before this step
        activity = conn.execute("INSERT INTO activities(title, kind, start_date, end_date, headcount) "
                                "VALUES ('老活动', '文体', '2026-05-01', '2026-05-01', 30)").lastrowid
    with Store.open(path) as store:
        row = act.get_activity(store, activity)
        assert (row["title"], row["headcount"], row["walk_ins"], row["festival"]) == ("老活动", 30, 0, "")
        act.update_activity(store, activity, {"festival": "端午"})
        assert "端午" in store.scalar("SELECT after FROM audit WHERE table_name = 'activities' ORDER BY id DESC LIMIT 1")


def test_cli_plan_year_previews_and_copies_with_changed_dates(store, capsys):
    from unionoffice.cli import main

    lantern = recurring(store, "闹元宵饺子宴", "2026-03-03")
    sports = recurring(store, "职工运动会", "2026-04-18")
    db = str(store.path)
    store.close()
    assert main(["plan-year", "--db", db, "--from", "2026", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert f"{lantern}\t闹元宵饺子宴\t2026-03-03 → 2027-02-20\t按节日：元宵" in out
    assert "试运行，未写入数据库" in out and "2027 年的节假日和调休安排尚未收录" in out
    assert main(["plan-year", "--db", db, "--from", "2026", "--date", f"{lantern}=2027-02-21",
                 "--skip", str(sports)]) == 0
    assert "生成 2027 年计划 1 项" in capsys.readouterr().out
    with Store.open(db) as again:
        assert again.scalar("SELECT start_date FROM activities WHERE copied_from = ?", (lantern,)) == "2027-02-21"
        assert again.scalar("SELECT count(*) FROM activities WHERE copied_from = ?", (sports,)) == 0
    assert main(["plan-year", "--db", db, "--date", "99=2027-01-01"]) == 1
    assert "编号 99 不是" in capsys.readouterr().err


def test_in_january_the_copy_starts_from_last_year(store):
    recurring(store, "闹元宵饺子宴", "2026-03-03")
    assert activity_plan.default_source_year(store, datetime.date(2027, 1, 8)) == 2026
    activity_plan.copy_recurring(store, 2026, 2027)
    assert activity_plan.default_source_year(store, datetime.date(2027, 1, 8)) == 2027
    assert activity_plan.default_source_year(store, datetime.date(2026, 10, 8)) == 2026


def test_a_solar_term_moves_with_it_and_an_unknown_festival_is_said_plainly():
    assert festivals.festival_date("冬至", 2027) == datetime.date(2027, 12, 22)
    day, why = activity_plan.proposed_date({"title": "冬至包饺子", "start_date": "2026-12-22", "festival": "冬至"}, 2027)
    assert day == datetime.date(2027, 12, 22) and why.startswith("按节日：冬至")
    day, why = activity_plan.proposed_date({"title": "联欢", "start_date": "2026-12-22", "festival": "圣诞"}, 2027)
    assert "节日“圣诞”无法识别" in why
