"""规范化建设与民主管理: yearly standing per union, regional agreements counted as covering each of
their orgs, rates over unionised orgs, and the year's figures recounted from the export."""

import openpyxl
import pytest

from unionoffice.cli import main
from unionoffice.core.errors import UserError
from unionoffice.core.figures import catalogue
from unionoffice.core.orgs.records import create_org
from unionoffice.core.union_standing import records as standing
from unionoffice.exchange.exports.union_standing import export_standing


@pytest.fixture
def unions(store):
    ids = [create_org(store, {"name": f"单位{i}", "workers": 20, "union_mode": "独立建会",
                              "union_founded": "2020-01-01"}) for i in range(4)]
    create_org(store, {"name": "未建会单位", "workers": 5, "union_mode": "未建会"})
    return store, ids


def test_standing_figures_and_export_agree(unions, tmp_path):
    store, (a, b, c, d) = unions
    standing.save_standing(store, a, 2025, {"three_have": "是", "grade": "示范", "grade_level": "区",
                                            "open_affairs": 1, "congress": "单独", "hardship_fund": "5000"})
    standing.save_standing(store, b, 2026, {"three_have": 1, "grade": "先进", "grade_level": "区",
                                            "offer_sent": "2026-03-01", "offer_replied": "2026-03-15",
                                            "mediation_since": "2026-05-01", "warners": "3人",
                                            "women_org": "女职工小组", "hardship_fund": "1,000.50"})
    standing.save_standing(store, c, 2026, {"open_affairs": "√", "offer_sent": "2026-08-01"})
    store.execute("INSERT INTO org_contracts(org_id, kind, signed_date, expiry_date) "
                  "VALUES (?, '集体合同', '2025-01-01', '2027-12-31'), (?, '女职工专项', '2025-01-01', NULL)", (a, a))
    standing.create_agreement(store, {"kind": "行业性集体合同", "name": "餐饮业集体合同", "signed_date": "2026-02-01"},
                              [a, c, d])
    standing.create_agreement(store, {"kind": "区域性职代会", "name": "东湖区域性职代会", "signed_date": "2026-02-01"},
                              [c, d])
    standing.add_facility(store, b, {"kind": "职工书屋", "level": "区", "set_up_date": "2026-04-01"})
    standing.add_officer(store, b, {"role": "主席", "name": "王主席"})

    f = catalogue.compute(store, catalogue.year(2026))
    assert f["standing.unionised"] == 4
    assert f["standing.three_have"] == 2  # a's 2025 row carries into 2026
    assert f["standing.district_grade.示范"] == 1 and f["standing.district_grade.先进"] == 1
    assert f["standing.open_affairs"] == 2 and f.text("standing.open_affairs_rate") == "50.0%"
    assert f["standing.congress"] == 3 and f["standing.congress_regional"] == 2
    assert f["standing.contract_orgs"] == 3  # a (own and trade, once), c, d (trade)
    assert f.text("standing.contract_rate") == "75.0%"
    assert f["standing.women_contract_orgs"] == 1
    assert (f["standing.offers_sent"], f["standing.offers_replied"]) == (2, 1)
    assert (f["standing.mediation_orgs"], f["standing.warners"]) == (1, 3)
    assert f["standing.hardship_fund_total"] == 600050 and f["standing.hardship_funds"] == 2
    assert f["standing.facilities.职工书屋"] == 1
    h1 = catalogue.compute(store, catalogue.half_year(2026, 1))
    assert h1["standing.offers_sent"] == 1 and h1["standing.mediation_orgs"] == 1

    out = tmp_path / "s.xlsx"
    assert export_standing(store, out, year=2026) == 4
    ws = openpyxl.load_workbook(out).active
    head = [x.value for x in ws[2]]
    rows = [dict(zip(head, [x.value for x in r])) for r in ws.iter_rows(min_row=3)]
    assert len(rows) == f["standing.unionised"]
    assert sum(r["三有工会"] == "是" for r in rows) == f["standing.three_have"]
    assert sum(r["厂务公开"] == "是" for r in rows) == f["standing.open_affairs"]
    assert sum(r["集体合同覆盖"] == "是" for r in rows) == f["standing.contract_orgs"]
    assert sum(bool(r["职代会"]) or r["区域性职代会覆盖"] == "是" for r in rows) == f["standing.congress"]
    assert round(sum(r["内部帮困基金（元）"] or 0 for r in rows) * 100) == f["standing.hardship_fund_total"]
    assert next(r for r in rows if r["单位"] == "单位0")["数据年度"] == 2025


@pytest.mark.parametrize("data, message", [
    ({"grade": "示范"}, "请同时选择级别"),
    ({"grade": "优秀", "grade_level": "区"}, "规范化建设等级“优秀”"),
    ({"offer_replied": "2026-03-01"}, "先填写要约书发出日期"),
    ({"offer_sent": "2026-03-05", "offer_replied": "2026-03-01"}, "早于要约书发出日期"),
    ({"warners": "三个"}, "预警员人数“三个”应为整数"),
    ({"hardship_fund": "很多"}, "金额"),
])
def test_bad_standing_is_refused(unions, data, message):
    store, ids = unions
    with pytest.raises(UserError, match=message):
        standing.save_standing(store, ids[0], 2026, data)
    assert store.scalar("SELECT count(*) FROM union_standing") == 0


def test_regional_agreement_needs_two_orgs_and_is_audited(unions):
    store, ids = unions
    with pytest.raises(UserError, match="两家及以上"):
        standing.create_agreement(store, {"kind": "区域性集体合同", "name": "x", "signed_date": "2026-01-01"}, ids[:1])
    standing.create_agreement(store, {"kind": "区域性集体合同", "name": "x", "signed_date": "2026-01-01"}, ids[:2])
    assert store.scalar("SELECT count(*) FROM audit WHERE table_name = 'regional_agreement_orgs'") == 2


def test_cli_set_keeps_other_values_and_reports_bad_input(unions, capsys):
    store, _ids = unions
    db = str(store.path)
    store.close()
    assert main(["standing", "set", "--db", db, "--org", "单位1", "--year", "2026", "--three-have", "是"]) == 0
    assert main(["standing", "set", "--db", db, "--org", "单位1", "--year", "2026", "--grade", "合格",
                 "--grade-level", "区"]) == 0
    assert main(["standing", "set", "--db", db, "--org", "单位1", "--year", "2026", "--grade", "优秀"]) == 1
    assert "规范化建设等级“优秀”无法识别" in capsys.readouterr().err
    assert main(["standing", "list", "--db", db, "--year", "2026"]) == 0
    assert "单位1\t三有 区级合格" in capsys.readouterr().out
    assert main(["standing", "regional", "--db", db, "--kind", "行业性集体合同", "--name", "餐饮", "--date",
                 "2026-01-01", "--orgs", "单位1、单位2"]) == 0
    assert main(["standing", "regional", "--db", db, "--kind", "行业性集体合同", "--name", "餐饮2", "--date",
                 "2026-01-01", "--orgs", "单位1、没有的单位"]) == 1
    assert "找不到单位“没有的单位”" in capsys.readouterr().err


def test_yearly_list_import_round_trips_and_is_all_or_nothing(unions, tmp_path):
    from unionoffice.exchange.importing.areas import import_standing

    store, (a, b, _c, _d) = unions
    standing.save_standing(store, a, 2026, {"three_have": 1, "warners": 2, "hardship_fund": "100"})
    out = tmp_path / "s.xlsx"
    export_standing(store, out, year=2026)
    with pytest.raises(UserError, match="第4行（数据年度）：请填写年度"):
        import_standing(store, out)  # unions never entered have no 数据年度 and no year was given
    assert import_standing(store, out, 2026) == {"same": 4}  # nothing new: no empty records are made
    assert store.scalar("SELECT count(*) FROM union_standing") == 1
    assert store.scalar("SELECT three_have FROM union_standing WHERE org_id = ? AND year = 2026", (a,)) == 1
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["序号", "单位名称", "三有", "规范化等级", "评定级别", "预警员"])
    ws.append([1, "单位1", "是", "先进", "区", 3.0])
    ws.append([2, "没有的公司", "是", "", "", ""])
    path = tmp_path / "list.xlsx"
    wb.save(path)
    with pytest.raises(UserError, match=r"list.xlsx .*第3行（单位）：找不到单位“没有的公司”"):
        import_standing(store, path, 2026)
    assert store.scalar("SELECT count(*) FROM union_standing WHERE org_id = ?", (b,)) == 0
    ws.delete_rows(3)
    wb.save(path)
    assert import_standing(store, path, 2026) == {"new": 1}
    row = store.one("SELECT grade, warners, three_have FROM union_standing WHERE org_id = ? AND year = 2026", (b,))
    assert (row["grade"], row["warners"], row["three_have"]) == ("先进", 3, 1)


def test_a_forms_already_unionised_label_is_the_org_figure_and_ended_orgs_leave_the_standing(store):
    from unionoffice.core.figures import catalogue as F
    from unionoffice.core.orgs import lifecycle
    from unionoffice.core.orgs.records import create_org

    assert F.match_label("已建会企业数") == "orgs.covered"
    kept = create_org(store, {"name": "甲公司", "workers": 50, "union_mode": "独立建会", "union_founded": "2015-01-01"})
    gone = create_org(store, {"name": "乙公司", "workers": 20, "union_mode": "独立建会", "union_founded": "2015-01-01"})
    lifecycle.record_event(store, gone, "注销", "2025-06-30", reason="歇业")
    year = F.compute(store, F.year(2025))
    assert year["standing.unionised"] == year["orgs.covered"] == 1
    assert F.compute(store, F.year(2024))["standing.unionised"] == 2
    assert kept
