"""Correcting a placement, a training and a trainee: from core and from the command line; a bad
correction is refused with its reason and leaves the stored record as it was."""

import pytest

from unionoffice.cli import main
from unionoffice.core.employment_aid import records as aid
from unionoffice.core.errors import UserError
from unionoffice.core.figures import catalogue
from unionoffice.core.figures.base import year as period_year
from unionoffice.core.members.records import create_member
from unionoffice.core.values import dates

ID = "110105198001010032"


@pytest.fixture(autouse=True)
def frozen_today(monkeypatch):
    import datetime

    monkeypatch.setattr(dates, "today", lambda: datetime.date(2026, 12, 1))


def test_a_placement_corrected_moves_in_the_figures(store):
    pid = aid.add_placement(store, {"person_name": "李四", "employer": "某酒店", "placed_date": "2025-12-20"})
    aid.update_placement(store, pid, {"placed_date": "2026-01-05", "route": "推荐", "employer": "华美公司"})
    row = aid.get_placement(store, pid)
    assert (row["person_name"], row["employer"], row["placed_date"], row["route"]) == \
        ("李四", "华美公司", "2026-01-05", "推荐")
    f = catalogue.compute(store, period_year(2026))
    assert f["employment.placed"] == 1 and f["employment.placed_by_route.推荐"] == 1


def test_a_placement_given_a_member_id_is_linked(store):
    member = create_member(store, {"name": "张三", "id_number": ID, "joined_date": "2015-01-01"})
    pid = aid.add_placement(store, {"person_name": "张三", "employer": "某酒店", "placed_date": "2026-03-01"})
    aid.update_placement(store, pid, {"id_number": ID})
    assert aid.get_placement(store, pid)["member_id"] == member


@pytest.mark.parametrize("change, message", [
    ({"placed_date": "2027-01-01"}, "晚于今天"),
    ({"employer": ""}, "请填写就业单位"),
    ({"route": "网上"}, "网上"),
    ({"id_number": "123"}, "身份证"),
])
def test_a_bad_placement_correction_keeps_the_record(store, change, message):
    pid = aid.add_placement(store, {"person_name": "李四", "employer": "某酒店", "placed_date": "2026-02-01"})
    with pytest.raises(UserError, match=message):
        aid.update_placement(store, pid, change)
    assert aid.get_placement(store, pid)["employer"] == "某酒店"


def test_a_deleted_placement_cannot_be_corrected(store):
    pid = aid.add_placement(store, {"person_name": "李四", "employer": "某酒店", "placed_date": "2026-02-01"})
    aid.delete_placements(store, [pid])
    with pytest.raises(UserError, match="不存在或已删除"):
        aid.update_placement(store, pid, {"employer": "华美公司"})


def test_training_and_trainee_corrected(store):
    tid = aid.create_training(store, {"title": "农民工培训", "target": "农民工", "start_date": "2026-05-01"})
    first = aid.add_trainee(store, tid, {"person_name": "王五", "id_number": ID})
    second = aid.add_trainee(store, tid, {"person_name": "赵六"})
    aid.update_training(store, tid, {"target": "下岗失业", "end_date": "2026-05-10"})
    aid.update_trainee(store, second, {"certificate": "电工证"})
    f = catalogue.compute(store, period_year(2026))
    assert f["employment.trainees_by_target.下岗失业"] == 2 and f["employment.certified"] == 1
    with pytest.raises(UserError, match="已在本次培训名单中"):
        aid.update_trainee(store, second, {"id_number": ID})
    with pytest.raises(UserError, match="结束日期早于开始日期"):
        aid.update_training(store, tid, {"end_date": "2026-04-01"})
    assert aid.get_training(store, tid)["end_date"] == "2026-05-10"
    assert aid.get_trainee(store, first)["person_name"] == "王五"


def test_cli_edits(store, capsys):
    pid = aid.add_placement(store, {"person_name": "李四", "employer": "某酒店", "placed_date": "2026-02-01"})
    tid = aid.create_training(store, {"title": "农民工培训", "target": "农民工", "start_date": "2026-05-01"})
    sid = aid.add_trainee(store, tid, {"person_name": "王五"})
    db = str(store.path)
    store.close()
    assert main(["employment", "list", "--db", db, "--placements"]) == 0
    assert f"{pid}\t2026-02-01\t李四\t某酒店" in capsys.readouterr().out
    assert main(["employment", "edit-placement", "--db", db, str(pid), "--employer", "华美公司"]) == 0
    assert main(["employment", "edit-placement", "--db", db, str(pid), "--date", "明天"]) == 1
    assert "就业日期" in capsys.readouterr().err
    assert main(["employment", "edit-training", "--db", db, "农民工培训", "--title", "农民工电工培训"]) == 0
    assert main(["employment", "edit-trainee", "--db", db, str(sid), "--certificate", "电工证"]) == 0
    assert main(["employment", "edit-trainee", "--db", db, "999", "--name", "某"]) == 1
    assert "学员 999 不存在" in capsys.readouterr().err
    assert main(["employment", "list", "--db", db, "--trainees", "农民工电工培训"]) == 0
    assert f"{sid}\t王五\t电工证" in capsys.readouterr().out
    assert main(["employment", "list", "--db", db, "--placements"]) == 0
    assert "华美公司" in capsys.readouterr().out
