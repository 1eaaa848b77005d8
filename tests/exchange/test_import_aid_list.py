"""An org's or the insurer's 参保名单: rows matched to the roll by 身份证号, people not on the roll
enrolled and listed to be added, bad rows with per-row Chinese reasons, re-import changes nothing."""

import pytest
from openpyxl import load_workbook

from exchange_books import person_id
from unionoffice import cli
from unionoffice.core.members.records import create_member
from unionoffice.core.mutual_aid import records as aid
from unionoffice.core.orgs.records import create_org
from unionoffice.exchange.importing.external_lists import apply_list, prepare_list, write_report


@pytest.fixture
def office(store):
    org = create_org(store, {"name": "深圳市甲科技有限公司", "workers": 40, "union_mode": "独立建会"})
    create_member(store, {"name": "张三", "id_number": person_id(1), "org_id": org})
    create_member(store, {"name": "李芳", "id_number": person_id(2, female=True), "org_id": org})
    plans = {n: aid.save_plan(store, {"year": 2026, "name": n, "premium": p})
             for n, p in (("在职住院", "60"), ("女职工安康", "50"))}
    return org, plans


def insurer_book(book, rows, header=("序号", "被保险人", "证件号码", "投保单位", "险种", "生效日期", "投保份数", "保费（元）")):
    body = [["职工医疗互助保障参保名单（2026年度）"] + [None] * (len(header) - 1), list(header)] + rows
    body.append(["合计", f"{len(rows)}人"] + [None] * (len(header) - 2))
    return book("参保名单.xlsx", {"名单": body}, {"名单": ["A1:H1"]})


ROWS = [
    [1, "张三", person_id(1), "深圳市甲科技有限公司", "在职住院", "2026-01-05", None, 60],
    [2, "李芳", person_id(2, female=True), "深圳市甲科技有限公司", "女职工安康", "2026.1.5", "2份", None],
    [3, "王新", person_id(3), "深圳市甲科技有限公司", "在职住院", "2026-01-05", 1, 60],  # not on the roll
    [4, "李四", person_id(1), "深圳市甲科技有限公司", "女职工安康", "2026-01-05", 1, 50],  # ID is 张三's
    [5, "赵五", "440303198503071234", "深圳市甲科技有限公司", "在职住院", "2026-01-05", 1, 60],
    [6, "钱六", person_id(6), "深圳市甲科技有限公司", "牙科保障", "2026-01-05", 1, 60],
    [7, "孙七", person_id(7), "深圳市不存在公司", "在职住院", "2026-01-05", 1, 60],
    [8, "张三", person_id(1), "深圳市甲科技有限公司", "在职住院", "2026-01-05", 1, 60],  # again
    [9, "", person_id(9), "深圳市甲科技有限公司", "在职住院", "2026-01-05", 1, 60],
    [10, "周十", person_id(10), "深圳市甲科技有限公司", "在职住院", "2026-01-05", "半份", 60],
]


def test_rows_are_checked_with_reasons_and_people_not_on_the_roll_listed(store, office, book, tmp_path):
    org, plans = office
    plan = prepare_list(store, insurer_book(book, ROWS), "aid_list", year=2026)
    assert [(r["name"], r["plan_id"], r["shares"], r["premium"]) for r in plan.rows] == [
        ("张三", plans["在职住院"], 1, 60_00), ("李芳", plans["女职工安康"], 2, None), ("王新", plans["在职住院"], 1, 60_00)]
    assert [r["name"] for r in plan.to_add] == ["王新"]
    reasons = {r.row: (r.field, r.reason) for r in plan.rejected}
    assert reasons[6] == ("姓名", reasons[6][1]) and "在会员名册中是“张三”，与“李四”不符" in reasons[6][1]
    assert reasons[7][0] == "身份证号"
    assert reasons[8][0] == "参保项目" and "没有“牙科保障”计划" in reasons[8][1]
    assert reasons[9][0] == "单位" and "深圳市不存在公司" in reasons[9][1]
    assert reasons[10][0] == "身份证号" and "第 3 行" in reasons[10][1]
    assert reasons[11] == ("姓名", "姓名为空")
    assert reasons[12][0] == "份数"
    assert "待补录" in plan.notes[0]

    assert apply_list(store, plan) == 3
    rows = {r["person_name"]: r for r in aid.enrolments(store, 2026)}
    assert rows["李芳"]["premium"] == 100_00 and rows["李芳"]["shares"] == 2  # plan premium × 份数
    assert rows["王新"]["to_add"] == 1 and rows["王新"]["org_name"] == "深圳市甲科技有限公司"
    assert [r["person_name"] for r in aid.to_add(store, 2026)] == ["王新"]

    ws = load_workbook(write_report(plan, tmp_path / "r.xlsx")).active
    assert [r[1] for r in ws.iter_rows(min_row=3, values_only=True)] == [6, 7, 8, 9, 10, 11, 12]


def test_reimport_changes_nothing(store, office, book):
    path = insurer_book(book, ROWS[:3])
    apply_list(store, prepare_list(store, path, "aid_list", year=2026))
    again = prepare_list(store, path, "aid_list", year=2026)
    assert (again.rows, again.unchanged, again.rejected) == ([], 3, [])


def test_an_orgs_own_list_takes_the_plan_and_org_chosen(store, office, book):
    org, plans = office
    path = book("单位名单.xlsx", {"Sheet1": [["序号", "姓名", "身份证号"], [1, "张三", person_id(1)],
                                            [2, "王新", person_id(3)]]})
    plan = prepare_list(store, path, "aid_list", year=2026, plan_id=plans["在职住院"], org_id=org)
    assert [(r["plan_id"], r["org_id"]) for r in plan.rows] == [(plans["在职住院"], org)] * 2
    no_plan = prepare_list(store, path, "aid_list", year=2026)
    assert {r.field for r in no_plan.rejected} == {"参保项目"}


def test_cli_enrolment_commands(store, office, book, tmp_path, capsys):
    db = str(store.path)
    store.close()
    path = insurer_book(book, ROWS)
    assert cli.main(["mutual-aid", "import", str(path), "--db", db, "--year", "2026"]) == 0
    out = capsys.readouterr().out
    assert "新增参保 3 人" in out and "待补录会员：王新" in out and "未导入 第 6 行" in out
    assert cli.main(["mutual-aid", "plan", "--db", db, "--year", "2026", "--name", "特种重病", "--premium", "100"]) == 0
    assert cli.main(["mutual-aid", "enrol-org", "--db", db, "--year", "2026", "--plan", "特种重病",
                     "--org", "深圳市甲科技有限公司"]) == 0
    assert "新增 2 人" in capsys.readouterr().out
    assert cli.main(["mutual-aid", "claim", "--db", db, "--year", "2026", "--plan", "特种重病", "--id-number",
                     person_id(1), "--date", "2026-05-01", "--cause", "手术", "--amount", "2000"]) == 0
    assert cli.main(["mutual-aid", "claim", "--db", db, "--year", "2026", "--plan", "特种重病", "--id-number",
                     person_id(3), "--date", "2026-05-01", "--cause", "手术", "--amount", "2000"]) == 1
    assert "没有参加2026年“特种重病”" in capsys.readouterr().err
    assert cli.main(["mutual-aid", "enrol", "--db", db, "--year", "2026", "--plan", "不存在", "--id-number",
                     person_id(1)]) == 1
    assert cli.main(["mutual-aid", "to-add", "--db", db, "--year", "2026"]) == 0
    assert "待补录会员 1 人" in capsys.readouterr().out


def test_a_list_shaped_like_an_insurers_roster(store, office, book):
    org, plans = office
    header = ["序号", "被保险人姓名", "性别", "证件号码", "工作单位", "参保类别", "参保金额", "投保日期", "备注"]
    rows = [[1, "张三", "男", person_id(1), "深圳市甲科技有限公司", "在职住院", 60, "2026/01/05", ""],
            [2, "李芳", "女", person_id(2, female=True), "深圳市甲科技有限公司", "女职工安康", 50, "2026/01/05", "续保"]]
    plan = prepare_list(store, book("保险公司.xlsx", {"清单": [header] + rows}), "aid_list", year=2026)
    assert plan.rejected == []
    assert [(r["name"], r["plan_id"], r["premium"], r["enrolled_date"]) for r in plan.rows] == [
        ("张三", plans["在职住院"], 60_00, "2026-01-05"), ("李芳", plans["女职工安康"], 50_00, "2026-01-05")]


def test_an_unusual_roster_is_read_with_named_columns(store, office, book, capsys):
    path = book("怪名单.xlsx", {"Sheet1": [["人员", "证件", "类别"], ["张三", person_id(1), "在职住院"]]})
    db = str(store.path)
    store.close()
    assert cli.main(["mutual-aid", "import", str(path), "--db", db, "--year", "2026"]) == 1
    assert "--column 身份证号=表中列名" in capsys.readouterr().err
    assert cli.main(["mutual-aid", "import", str(path), "--db", db, "--year", "2026", "--column", "姓名=人员",
                     "--column", "身份证号=证件", "--column", "参保项目=类别"]) == 0
    assert "新增参保 1 人" in capsys.readouterr().out
