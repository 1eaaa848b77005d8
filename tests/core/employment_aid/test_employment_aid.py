"""就业援助: job fairs on the activity calendar, placements and trainings; figures for a period
recounted from the exports; bad input refused; the trainee list imported all or nothing."""

import openpyxl
import pytest

from unionoffice.cli import main
from unionoffice.core.activities.records import activity_kinds
from unionoffice.core.employment_aid import records as aid
from unionoffice.core.errors import UserError
from unionoffice.core.figures import catalogue
from unionoffice.core.members.records import create_member
from unionoffice.core.values import dates
from unionoffice.exchange.exports.employment_aid import export_fairs, export_placements, export_trainees
from unionoffice.exchange.importing.areas import import_trainees

IDS = ("110105198001010032", "110105198502020124", "110105199003030218")


@pytest.fixture(autouse=True)
def frozen_today(monkeypatch):
    import datetime

    monkeypatch.setattr(dates, "today", lambda: datetime.date(2026, 12, 1))


def _rows(path):
    ws = openpyxl.load_workbook(path).active
    head = [c.value for c in ws[2]]
    return [dict(zip(head, [c.value for c in r])) for r in ws.iter_rows(min_row=3)]


def test_employment_figures_recounted_from_the_exports(store, tmp_path):
    member = create_member(store, {"name": "张三", "id_number": IDS[0], "joined_date": "2015-01-01"})
    aid.create_job_fair(store, {"title": "春风行动招聘会", "start_date": "2026-02-20", "status": "已举办",
                                "employers": "25家", "positions": 300, "intents": 40})
    aid.create_job_fair(store, {"title": "金秋招聘会", "start_date": "2026-09-20", "status": "已举办",
                                "employers": 20, "positions": 200, "intents": 30})
    assert "招聘会" in activity_kinds(store)
    aid.add_placement(store, {"person_name": "", "id_number": IDS[0], "employer": "华美公司",
                              "placed_date": "2026-03-01", "route": "招聘会"})
    aid.add_placement(store, {"person_name": "李四", "employer": "某酒店", "placed_date": "2026-10-01", "route": "推荐"})
    t1 = aid.create_training(store, {"title": "农民工技能培训", "target": "农民工", "start_date": "2026-05-01"})
    t2 = aid.create_training(store, {"title": "再就业培训", "target": "下岗失业", "start_date": "2026-08-01"})
    aid.add_trainee(store, t1, {"person_name": "王五", "id_number": IDS[1], "certificate": "电工证"})
    aid.add_trainee(store, t1, {"person_name": "赵六"})
    aid.add_trainee(store, t2, {"person_name": "王五", "id_number": IDS[1]})  # the same person again
    f = catalogue.compute(store, catalogue.year(2026))
    assert (f["employment.job_fairs"], f["employment.fair_positions"], f["employment.fair_intents"]) == (2, 500, 70)
    assert f["employment.fair_employers"] == 45
    assert (f["employment.placed"], f["employment.placed_members"]) == (2, 1)
    assert f["employment.placed_by_route.招聘会"] == 1
    assert (f["employment.trainees"], f["employment.certified"]) == (2, 1)
    assert f["employment.trainees_by_target.农民工"] == 2 and f["employment.trainees_by_target.下岗失业"] == 1
    h1 = catalogue.compute(store, catalogue.half_year(2026, 1))
    assert (h1["employment.job_fairs"], h1["employment.placed"], h1["employment.trainees"]) == (1, 1, 2)
    assert store.scalar("SELECT member_id FROM placements WHERE person_name = '张三'") == member

    export_fairs(store, tmp_path / "f.xlsx")
    export_placements(store, tmp_path / "p.xlsx")
    export_trainees(store, tmp_path / "t.xlsx")
    fairs = [r for r in _rows(tmp_path / "f.xlsx") if r["日期"].month <= 6]
    assert sum(r["岗位数"] for r in fairs) == h1["employment.fair_positions"]
    placed = _rows(tmp_path / "p.xlsx")
    assert sum(1 for r in placed if r["就业日期"].year == 2026) == f["employment.placed"]
    trainees = _rows(tmp_path / "t.xlsx")
    farm = {r["身份证号"] or r["姓名"] for r in trainees if r["培训对象"] == "农民工"}
    assert len(farm) == f["employment.trainees_by_target.农民工"]
    assert len({r["身份证号"] or r["姓名"] for r in trainees}) == f["employment.trainees"]


@pytest.mark.parametrize("call, message", [
    (lambda s: aid.add_placement(s, {"person_name": "李四", "placed_date": "2026-10-01"}), "就业单位"),
    (lambda s: aid.add_placement(s, {"person_name": "李四", "employer": "x", "placed_date": "2027-01-01"}), "晚于今天"),
    (lambda s: aid.add_placement(s, {"person_name": "李四", "employer": "x", "placed_date": "2026-01-01",
                                     "route": "网上"}), "就业途径“网上”"),
    (lambda s: aid.create_job_fair(s, {"title": "招聘会", "start_date": "2026-02-01", "positions": "很多"}),
     "岗位数“很多”"),
    (lambda s: aid.create_training(s, {"title": "培训", "target": "学生", "start_date": "2026-02-01"}), "培训对象“学生”"),
])
def test_bad_employment_input_is_refused(store, call, message):
    with pytest.raises(UserError, match=message):
        call(store)
    assert store.scalar("SELECT count(*) FROM activities") == 0
    assert store.scalar("SELECT count(*) FROM placements") == 0


def test_trainee_list_import_is_all_or_nothing(store, tmp_path):
    tid = aid.create_training(store, {"title": "农民工技能培训", "target": "农民工", "start_date": "2026-05-01"})
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["农民工技能培训学员名单"])
    ws.append(["序号", "学员姓名", "身份证号码", "取得证书"])
    ws.append([1, "王五", IDS[1], "电工证"])
    ws.append([2, "王五", IDS[1], ""])
    path = tmp_path / "trainees.xlsx"
    wb.save(path)
    with pytest.raises(UserError, match=r"trainees.xlsx .*第4行（身份证号）：王五.*已在本次培训名单中"):
        import_trainees(store, path, "农民工技能培训")
    assert store.scalar("SELECT count(*) FROM trainees") == 0
    ws.delete_rows(4)
    wb.save(path)
    assert import_trainees(store, path, tid) == {"new": 1}


def test_cli_employment(store, capsys):
    db = str(store.path)
    store.close()
    assert main(["employment", "fair", "--db", db, "--title", "专场招聘会", "--date", "2026-11-01",
                 "--positions", "20", "--intents", "10"]) == 0
    assert main(["employment", "place", "--db", db, "--name", "张某", "--employer", "某公司", "--date", "2026-11-03",
                 "--route", "网上"]) == 1
    assert "就业途径“网上”无法识别" in capsys.readouterr().err
    assert main(["employment", "training", "--db", db, "--title", "农民工培训", "--target", "农民工",
                 "--start", "2026-10-01"]) == 0
    assert main(["employment", "trainee", "--db", db, "--training", "农民工培训", "--name", "王五",
                 "--certificate", "电工证"]) == 0
    assert main(["employment", "list", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "岗位 20\t意向 10" in out and "学员 1\t取得证书 1" in out


def test_placement_list_round_trips_and_bad_rows_are_named(store, tmp_path):
    from unionoffice.exchange.importing.areas import import_placements

    aid.add_placement(store, {"person_name": "李四", "employer": "某酒店", "placed_date": "2026-10-01", "route": "推荐"})
    export_placements(store, tmp_path / "p.xlsx")
    assert import_placements(store, tmp_path / "p.xlsx") == {"same": 1}
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["姓名", "身份证号", "用人单位", "入职日期", "就业渠道"])
    ws.append(["王五", "", "华美公司", "2026-11-02", "招聘会"])
    ws.append(["赵六", "", "华美公司", "2026-11-02", "网上"])
    path = tmp_path / "list.xlsx"
    wb.save(path)
    with pytest.raises(UserError, match=r"list.xlsx .*第3行（途径）：就业途径“网上”"):
        import_placements(store, path)
    assert store.scalar("SELECT count(*) FROM placements") == 1
    ws.delete_rows(3)
    wb.save(path)
    assert import_placements(store, path) == {"new": 1}
