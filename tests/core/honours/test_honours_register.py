"""The honours register: 劳模 levels move in on upgrade and are read from it, honours validate,
and the period figures are recounted from the exported register."""

import openpyxl
import pytest

from old_files import office_at_schema

from unionoffice.cli import main
from unionoffice.core.errors import UserError
from unionoffice.core.figures import catalogue
from unionoffice.core.honours import records as honours
from unionoffice.core.members import records as members
from unionoffice.core.store import migrations
from unionoffice.core.store.connection import Store
from unionoffice.exchange.exports.honours import export_honours

ID_A, ID_B, ID_C = "11010519491231002X", "110105198001010032", "110105198502020124"


def honours_step():
    """The migration that brings the honours register (found by what it builds: its number may change)."""
    return next(s for s in migrations.steps() if "honours" in getattr(s, "AUDITED_TABLES", ()))


def make_file_before_honours(path):
    """A file as the release before the honours migration wrote it, with a 市级劳模 on the roll."""
    with office_at_schema(path, honours_step().VERSION - 1) as conn:
        conn.execute("INSERT INTO app_session(id, user) VALUES (1, '旧版')")
        conn.execute("INSERT INTO orgs(id, name, workers, union_mode) VALUES (1, '老单位', 50, '独立建会')")
        conn.execute("INSERT INTO members(id, name, gender, id_number, org_id, joined_date, model_worker) "
                     "VALUES (1, '曾国藩', '男', ?, 1, '2010-05-01', '市级')", (ID_A,))


def test_upgrade_moves_roll_levels_into_the_register_without_loss(tmp_path):
    path = tmp_path / "old.db"
    make_file_before_honours(path)
    with Store.open(path) as store:
        assert store.schema_version == migrations.latest_version()
        assert store.scalar("SELECT model_worker FROM members WHERE id = 1") == "市级"
        assert store.scalar("SELECT count(*) FROM audit WHERE table_name = 'members'") == 1  # the old trail stays
        [h] = honours.honours_of_member(store, 1)
        assert (h["category"], h["level"], h["source"], h["org_name"]) == ("劳动模范", "市", "会员名册", "老单位")


def test_the_areas_fixed_lists_are_the_ones_the_schema_checks():
    from unionoffice.core.employment_aid import records as employment
    from unionoffice.core.union_standing import records as standing

    step = honours_step()
    assert (honours.PERSON_CATEGORIES, honours.ORG_CATEGORIES, honours.LEVELS) == \
        (step.PERSON_CATEGORIES, step.ORG_CATEGORIES, step.LEVELS)
    assert (standing.GRADES, standing.CONGRESS, standing.WOMEN_ORGS, standing.FACILITY_KINDS, standing.OFFICER_ROLES,
            standing.AGREEMENT_KINDS, standing.LEVELS) == (step.GRADES, step.CONGRESS, step.WOMEN_ORGS,
                                                         step.FACILITY_KINDS, step.OFFICER_ROLES,
                                                         step.AGREEMENT_KINDS, step.LEVELS)
    assert (employment.PLACEMENT_ROUTES, employment.TRAINING_TARGETS) == (step.PLACEMENT_ROUTES, step.TRAINING_TARGETS)


@pytest.fixture
def roll(store):
    org = store.execute("INSERT INTO orgs(name, workers, union_mode) VALUES ('华美公司', 30, '独立建会')").lastrowid
    a = members.create_member(store, {"name": "张三", "id_number": ID_A, "org_id": org, "joined_date": "2015-01-01"})
    b = members.create_member(store, {"name": "李四", "id_number": ID_B, "org_id": org, "joined_date": "2015-01-01"})
    return store, org, a, b


def test_member_laomo_level_is_read_from_the_register(roll):
    store, _org, a, _b = roll
    hid = honours.create_honour(store, {"category": "劳模", "level": "区级", "year": 2025, "id_number": ID_A})
    assert members.get_member(store, a)["model_worker"] == "区级"
    honours.create_honour(store, {"category": "劳动模范", "level": "省", "year": 2026, "id_number": ID_A})
    assert members.get_member(store, a)["model_worker"] == "省部级"  # the highest level shows
    honours.delete_honours(store, [hid])
    assert members.get_member(store, a)["model_worker"] == "省部级"
    # clearing on the member form leaves the register (and so the roll) as it is
    members.update_member(store, a, {"model_worker": ""})
    assert members.get_member(store, a)["model_worker"] == "省部级"
    # a level typed on the member form goes into the register
    b = members.get_member(store, roll[3])
    members.update_member(store, b["id"], {"model_worker": "市级"})
    [h] = honours.honours_of_member(store, b["id"])
    assert (h["level"], h["source"]) == ("市", "会员名册")
    # the audit trail has the honour
    assert store.scalar("SELECT count(*) FROM audit WHERE table_name = 'honours'") >= 3


@pytest.mark.parametrize("data, message", [
    ({"category": "工人先锋号", "level": "区", "year": 2026}, "获奖单位"),
    ({"category": "优秀职工", "level": "区", "year": 2026}, "获奖人姓名"),
    ({"category": "优秀职工", "level": "乡", "year": 2026, "person_name": "王五"}, "级别“乡”"),
    ({"category": "优秀职工", "level": "区", "person_name": "王五"}, "年度或授予日期"),
    ({"category": "优秀职工", "level": "区", "year": "二六", "person_name": "王五"}, "年度“二六”"),
    ({"recipient_kind": "集体", "category": "优秀职工", "level": "区", "year": 2026, "org_name": "x"}, "不是集体荣誉"),
    ({"category": "优秀职工", "level": "区", "year": 2026, "person_name": "王五", "id_number": ID_C},
     "不在会员名册"),
])
def test_bad_honours_are_refused_with_the_field_named(roll, data, message):
    store = roll[0]
    with pytest.raises(UserError, match=message):
        honours.create_honour(store, data)
    assert store.scalar("SELECT count(*) FROM honours") == 0


def test_figures_of_a_period_recount_from_the_export(roll, tmp_path):
    store, org, _a, _b = roll
    add = honours.create_honour
    add(store, {"category": "工人先锋号", "level": "区", "year": 2026, "org_id": org, "awarded_date": "2026-04-28"})
    add(store, {"category": "工人先锋号", "level": "区", "year": 2026, "org_name": "某班组"})  # counted 12-31
    add(store, {"category": "示范工会", "level": "区", "awarded_date": "2026-03-01", "org_name": "华美公司"})
    add(store, {"category": "优秀工会干部", "level": "区", "year": 2026, "id_number": ID_A, "awarded_date": "2026-05-01"})
    add(store, {"category": "技能竞赛名次", "level": "区", "year": 2026, "person_name": "王五", "place": "1",
                "awarded_date": "2026-09-09"})
    add(store, {"category": "技能竞赛名次", "level": "区", "year": 2026, "person_name": "赵六", "place": "第三名",
                "awarded_date": "2026-09-09"})
    add(store, {"category": "优秀职工", "level": "街道", "year": 2025, "person_name": "钱七"})
    year = catalogue.compute(store, catalogue.year(2026))
    assert year["honours.persons"] == 3 and year["honours.collectives"] == 3
    assert year["honours.district.工人先锋号"] == 2 and year["honours.contest_top3"] == 2
    half = catalogue.compute(store, catalogue.half_year(2026, 1))
    assert half["honours.district.工人先锋号"] == 1 and half["honours.persons"] == 1

    out = tmp_path / "h.xlsx"
    assert export_honours(store, out) == 7
    ws = openpyxl.load_workbook(out).active
    head = [c.value for c in ws[2]]
    rows = [dict(zip(head, [c.value for c in r])) for r in ws.iter_rows(min_row=3)]
    in_h1 = [r for r in rows if "2026-01-01" <= r["统计日期"].date().isoformat() <= "2026-06-30"]
    assert sum(r["对象"] == "个人" for r in in_h1) == half["honours.persons"]
    in_year = [r for r in rows if r["统计日期"].year == 2026]
    assert sum(r["荣誉类别"] == "工人先锋号" and r["级别"] == "区" for r in in_year) == year["honours.district.工人先锋号"]
    assert sum(r["对象"] == "集体" for r in in_year) == year["honours.collectives"]


def test_resolve_by_chinese_name_and_synonyms_are_declared():
    assert catalogue.resolve_name("区级荣誉.工人先锋号") == ("honours.district.工人先锋号", "honours")
    assert catalogue.resolve_name("累计制卡人数") == ("cards.made_total", "cards")
    area = catalogue.AREA_BY_NAME["honours"]
    assert all(s.synonyms for s in area.specs)


def test_cli_add_list_import_and_bad_input(tmp_path, capsys):
    db = tmp_path / "o.db"
    Store.open(db, create=True).close()
    assert main(["honours", "add", "--db", str(db), "--category", "工人先锋号", "--level", "区", "--year", "2026",
                 "--org", "测试班组", "--issuer", "罗湖区总工会"]) == 0
    assert main(["honours", "add", "--db", str(db), "--category", "工人先锋号", "--level", "乡", "--year", "2026",
                 "--org", "x"]) == 1
    err = capsys.readouterr().err
    assert "级别“乡”无法识别" in err and "Traceback" not in err
    assert main(["honours", "list", "--db", str(db)]) == 0
    assert "测试班组\t区级工人先锋号（2026年，罗湖区总工会）" in capsys.readouterr().out
    out = tmp_path / "h.xlsx"
    assert main(["export", "honours", "--db", str(db), "--out", str(out)]) == 0
    assert main(["honours", "import", "--db", str(db), str(out)]) == 0
    assert "已登记过的 1 项" in capsys.readouterr().out


def test_import_is_all_or_nothing_naming_row_and_field(roll, tmp_path):
    from unionoffice.exchange.importing.areas import import_honours

    store = roll[0]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["2026年区级表彰名单"])
    ws.append(["序号", "姓名", "身份证号", "荣誉类别", "级别", "年度", "授予单位"])
    ws.append([1, "张三", ID_A, "优秀工会干部", "区级", 2026, "罗湖区总工会"])
    ws.append([2, "王五", "", "职工之星", "镇", "2026年", "东湖街道"])
    ws.append([3, "赵六", "", "优秀职工", "乡", 2026, "东湖街道"])
    path = tmp_path / "list.xlsx"
    wb.save(path)
    with pytest.raises(UserError, match=r"list.xlsx .*第5行（级别）"):
        import_honours(store, path)
    assert store.scalar("SELECT count(*) FROM honours") == 0
    ws.delete_rows(5)
    wb.save(path)
    assert import_honours(store, path) == {"new": 2}
    assert members.get_member(store, roll[2])["model_worker"] == ""  # 优秀工会干部 is not 劳模
    assert [h["category"] for h in honours.honours_of_member(store, roll[2])] == ["优秀工会干部"]


def test_purging_a_member_keeps_her_honour_and_drops_her_card(roll):
    from unionoffice.core.member_card import records as cards

    store, _org, a, _b = roll
    honours.create_honour(store, {"category": "劳动模范", "level": "区", "year": 2025, "id_number": ID_A})
    cards.save_card(store, a, {"collected_date": "2025-01-01"})
    members.delete_members(store, [a])
    assert members.purge_members(store, [a]) == 1
    [h] = honours.list_honours(store)
    assert (h["person_name"], h["member_id"]) == ("张三", None)
    assert store.scalar("SELECT count(*) FROM member_cards") == 0
    assert store.scalar("SELECT count(*) FROM audit WHERE table_name = 'member_cards' AND action = 'delete'") == 1


def test_model_workers_counted_as_at_the_period_end(roll):
    store, _org, a, b = roll
    members.update_member(store, a, {"model_worker": "市级"})  # from the roll: year unknown, always counts
    honours.create_honour(store, {"category": "劳动模范", "level": "区", "year": 2026, "id_number": ID_B})
    assert catalogue.compute(store, catalogue.year(2025))["honours.model_workers"] == 1
    assert catalogue.compute(store, catalogue.year(2026))["honours.model_workers"] == 2
