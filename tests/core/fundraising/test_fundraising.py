"""募捐 / 特殊会费: campaigns and contributions, receipts not registered twice, figures recounted
from the export, the contribution list imported all or nothing."""

import openpyxl
import pytest

from unionoffice.cli import main
from unionoffice.core.errors import UserError
from unionoffice.core.figures import catalogue
from unionoffice.core.fundraising import records as funds
from unionoffice.core.members import records as members
from unionoffice.exchange.exports.fundraising import export_contributions
from unionoffice.exchange.importing.areas import import_contributions

ID_A = "110105198001010032"


@pytest.fixture
def campaign(store):
    store.execute("INSERT INTO orgs(name, workers, union_mode) VALUES ('华美公司', 30, '独立建会')")
    members.create_member(store, {"name": "张三", "id_number": ID_A, "joined_date": "2015-01-01"})
    cid = funds.create_campaign(store, {"name": "扶贫济困日募捐", "kind": "募捐", "start_date": "2026-06-28"})
    return store, cid


def test_contributions_figures_and_export_agree(campaign, tmp_path):
    store, cid = campaign
    funds.add_contribution(store, cid, {"donor_name": "华美公司", "amount": "3,000", "paid_date": "2026-06-28",
                                        "receipt_no": "MJ001"})
    funds.add_contribution(store, cid, {"id_number": ID_A, "amount": 200.5, "paid_date": "2026-06-29",
                                        "receipt_no": "MJ002"})
    funds.add_contribution(store, cid, {"donor_name": "热心市民", "amount": "100", "paid_date": "2026-07-01"})
    dues = funds.create_campaign(store, {"name": "特殊会费", "kind": "特殊会费", "start_date": "2026-07-01"})
    funds.add_contribution(store, dues, {"donor_name": "华美公司", "amount": "500", "paid_date": "2026-07-02"})
    f = catalogue.compute(store, catalogue.year(2026))
    assert f["fundraising.raised"] == 380050 and f["fundraising.contributions"] == 4
    assert (f["fundraising.org_donors"], f["fundraising.person_donors"]) == (1, 2)
    assert f["fundraising.by_kind.特殊会费"] == 50000
    assert f.text("fundraising.raised") == "3,800.50元"
    h1 = catalogue.compute(store, catalogue.half_year(2026, 1))
    assert h1["fundraising.raised"] == 320050
    out = tmp_path / "f.xlsx"
    assert export_contributions(store, out) == 4
    ws = openpyxl.load_workbook(out).active
    head = [c.value for c in ws[2]]
    rows = [dict(zip(head, [c.value for c in r])) for r in ws.iter_rows(min_row=3)]
    in_h1 = [r for r in rows if r["日期"].month <= 6]
    assert round(sum(r["金额（元）"] for r in in_h1) * 100) == h1["fundraising.raised"]
    # assistance paid out is recorded elsewhere and never netted here
    assert store.scalar("SELECT count(*) FROM assistance") == 0


@pytest.mark.parametrize("data, message", [
    ({"donor_name": "某人", "amount": "0", "paid_date": "2026-06-28"}, "金额应大于 0"),
    ({"donor_name": "某人", "amount": "abc", "paid_date": "2026-06-28"}, "金额"),
    ({"donor_name": "", "amount": "10", "paid_date": "2026-06-28"}, "捐款单位或个人"),
    ({"donor_name": "某人", "amount": "10"}, "请填写日期"),
])
def test_bad_contributions_are_refused(campaign, data, message):
    store, cid = campaign
    with pytest.raises(UserError, match=message):
        funds.add_contribution(store, cid, data)
    assert store.scalar("SELECT count(*) FROM fund_contributions") == 0


def test_receipt_numbers_are_not_registered_twice_and_import_is_all_or_nothing(campaign, tmp_path):
    store, cid = campaign
    funds.add_contribution(store, cid, {"donor_name": "华美公司", "amount": "3000", "paid_date": "2026-06-28",
                                        "receipt_no": "MJ001"})
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["捐款单位/个人", "金额（元）", "捐款日期", "收据号"])
    ws.append(["李四", 50, "2026-06-29", "MJ002"])
    ws.append(["华美公司", 3000, "2026-06-28", "MJ001"])
    path = tmp_path / "gifts.xlsx"
    wb.save(path)
    with pytest.raises(UserError, match=r"第3行（收据号）：收据号 MJ001 已登记过"):
        import_contributions(store, path, "扶贫济困日募捐")
    assert store.scalar("SELECT count(*) FROM fund_contributions") == 1
    ws.delete_rows(3)
    wb.save(path)
    assert import_contributions(store, path, cid) == {"new": 1}


def test_cli_campaign_give_list(campaign, capsys):
    store, _cid = campaign
    db = str(store.path)
    store.close()
    assert main(["fund", "campaign", "--db", db, "2026特殊会费", "--kind", "特殊会费", "--start", "2026-07-01"]) == 0
    assert main(["fund", "give", "--db", db, "2026特殊会费", "华美公司", "1,000.50", "--date", "2026-07-02",
                 "--receipt", "T1"]) == 0
    assert main(["fund", "give", "--db", db, "没有的活动", "华美公司", "10", "--date", "2026-07-02"]) == 1
    assert "找不到募集活动" in capsys.readouterr().err
    assert main(["fund", "list", "--db", db]) == 0
    assert "2026特殊会费\t特殊会费\t2026-07-01\t1 笔\t1,000.50 元" in capsys.readouterr().out


def test_the_audit_log_reads_in_the_clerks_words(campaign):
    from unionoffice.core.store.audit_query import AuditFilter, entries

    store, cid = campaign
    funds.add_contribution(store, cid, {"donor_name": "华美公司", "amount": "3000", "paid_date": "2026-06-28"})
    [e] = entries(store, AuditFilter(table="fund_contributions"))
    changes = {c.label: c.after for c in e.changes}
    assert e.table_label == "捐款"
    assert changes["募集活动"] == "扶贫济困日募捐" and changes["金额（元）"] == "3,000.00"
    assert changes["捐款单位/个人"] == "华美公司"
