"""劳模 honours moved from the roll without a year: the 工作台 counts them as a task, the clerk fills
the year (from core and the command line), and only then the period figures count them. No year is
ever guessed."""

import datetime

import pytest

from unionoffice.cli import main
from unionoffice.core.dashboard.reminders import reminders
from unionoffice.core.errors import UserError
from unionoffice.core.figures import catalogue
from unionoffice.core.honours import records as honours
from unionoffice.core.members import records as members

IDS = ("110105198001010032", "110105198502020124")


@pytest.fixture
def rolled(store):
    """Two members whose 劳模 level came in with the roll: their honours have no year."""
    for name, id_number, level in (("张三", IDS[0], "区级"), ("李四", IDS[1], "市级")):
        members.create_member(store, {"name": name, "id_number": id_number, "joined_date": "2015-01-01",
                                      "model_worker": level})
    return store


def _task(store):
    return [r for r in reminders(store, datetime.date(2026, 12, 1)) if r.kind == "honour_year"]


def test_missing_years_are_a_task_and_filled_ones_count(rolled):
    store = rolled
    missing = honours.model_workers_without_year(store)
    assert len(missing) == 2 and all(h["year"] is None for h in missing)
    [task] = _task(store)
    assert task.text.startswith("2 条劳模荣誉缺少年份") and task.tab == "honoursTab"
    assert catalogue.compute(store, catalogue.year(2019))["honours.by_category.劳动模范"] == 0
    honours.set_honour_year(store, missing[0]["id"], "2019年")
    assert catalogue.compute(store, catalogue.year(2019))["honours.by_category.劳动模范"] == 1
    assert _task(store)[0].text.startswith("1 条劳模荣誉缺少年份")
    honours.set_honour_year(store, missing[1]["id"], None, "2021-04-28")
    assert honours.get_honour(store, missing[1]["id"])["year"] == 2021
    assert _task(store) == []


@pytest.mark.parametrize("year, date, message", [
    ("", None, "请填写年度"), ("一九年", None, "无法识别"), ("1900", None, "无法识别"),
    ("2019", "2020-04-28", "不在 2019 年"),
])
def test_bad_years_change_nothing(rolled, year, date, message):
    hid = honours.model_workers_without_year(rolled)[0]["id"]
    with pytest.raises(UserError, match=message):
        honours.set_honour_year(rolled, hid, year, date)
    assert honours.get_honour(rolled, hid)["year"] is None


def test_cli_lists_and_fills_years(rolled, capsys):
    hid = next(h["id"] for h in honours.model_workers_without_year(rolled) if h["person_name"] == "张三")
    db = str(rolled.path)
    rolled.close()
    assert main(["honours", "list", "--db", db, "--no-year"]) == 0
    out = capsys.readouterr().out
    assert f"{hid}\t张三" in out and out.count("年度不详") == 2
    assert main(["honours", "set-year", "--db", db, str(hid), "--year", "明年"]) == 1
    assert "年度“明年”无法识别" in capsys.readouterr().err
    assert main(["honours", "set-year", "--db", db, str(hid), "--year", "2019"]) == 0
    assert main(["honours", "set-year", "--db", db, "999", "--year", "2019"]) == 1
    assert "荣誉 999 不存在" in capsys.readouterr().err
    assert main(["honours", "list", "--db", db, "--no-year"]) == 0
    assert capsys.readouterr().out.count("年度不详") == 1
