"""Campaigns and assistance: choosing recipients, duplicates refused, totals recomputed from the rows,
corrections that net out, signing, single payments, and each person's year."""

import datetime

import pytest

from unionoffice.core.assistance import records as assistance, campaigns
from unionoffice.core.values import dates
from unionoffice.core.hardship import records as hardship
from unionoffice.core.members import records as members
from unionoffice.core.assistance.query import (
    AssistanceFilter,
    assistance_figures,
    list_assistance,
    person_assistance_this_year,
    sheet_rows,
)
from unionoffice.core.store.audit import history
from unionoffice.core.errors import UserError, ValueFormatError
from unionoffice.core.values.ids import make_id_number
from unionoffice.core.orgs.records import create_org


@pytest.fixture(autouse=True)
def today(monkeypatch):
    day = datetime.date(2026, 11, 24)
    monkeypatch.setattr(dates, "today", lambda: day)
    return day


def pid(n: int) -> str:
    return make_id_number("440303", datetime.date(1970 + n % 30, 1 + n % 12, 1 + n % 27), 100 + n)


@pytest.fixture
def office(store):
    """An org with four members; three of them filed (two 深度困难, one 相对困难), one file closed."""
    org = create_org(store, {"name": "深圳市华美科技有限公司", "union_mode": "独立建会"})
    ids = [members.create_member(store, {"name": name, "id_number": pid(n), "org_id": org})
           for n, name in enumerate(("张三", "李四", "王五", "赵六"))]
    files = []
    for n, category in enumerate(("深度困难", "深度困难", "相对困难")):
        files.append(hardship.create_hardship_file(store, {
            "member_id": ids[n], "category": category, "level": "街道", "main_cause": "本人大病",
            "household_size": 2, "filed_date": "2026-01-02"}))
    hardship.close_file(store, files[1], "脱困", "2026-06-01", "再就业")
    return {"org": org, "members": ids, "files": files}


def new_campaign(store, **extra):
    return campaigns.create_campaign(store, {"kind": "元旦春节送温暖", "campaign_date": "2026-01-10",
                                             "funding_source": "区总", "standard_amount": "800", **extra})


def test_campaign_defaults_and_validation(store):
    cid = new_campaign(store, budget="5,000")
    c = campaigns.get_campaign(store, cid)
    assert (c["name"], c["status"], c["standard_amount"], c["budget"], c["method"]) == (
        "2026年元旦春节送温暖", "草稿", 80000, 500000, "现金")
    for data, field in [({"kind": "春游"}, "kind"), ({"funding_source": "工会"}, "funding_source"),
                        ({"campaign_date": "2026-13-01"}, "campaign_date"), ({"standard_amount": "1.234"}, "amount")]:
        with pytest.raises(ValueFormatError) as err:
            new_campaign(store, **data)
        assert err.value.field == field


def test_recipients_from_hardship_files(store, office):
    cid = new_campaign(store)
    chosen = campaigns.hardship_candidates(store)  # 在档 深度困难 by default
    assert [p["name"] for p in chosen] == ["张三"]
    everyone = campaigns.hardship_candidates(store, category=None)
    assert sorted(p["name"] for p in everyone) == ["张三", "王五"]
    result = campaigns.add_recipients(store, cid, everyone)
    assert len(result["added"]) == 2
    row = sheet_rows(store, cid)[0]
    assert row["category"] in ("深度困难", "相对困难") and row["org_name"] == "深圳市华美科技有限公司"
    assert row["amount"] == 80000 and row["paid_date"] == "2026-01-10" and row["funding_source"] == "区总"


def test_a_person_already_in_the_campaign_is_refused_by_name(store, office):
    cid = new_campaign(store)
    campaigns.add_recipients(store, cid, campaigns.hardship_candidates(store))
    with pytest.raises(ValueFormatError, match="张三（身份证号 440303\\*+\\w{4}）已在“2026年元旦春节送温暖”名单中"):
        campaigns.add_recipient(store, cid, {"member_id": office["members"][0]})
    with pytest.raises(ValueFormatError, match="张三"):
        campaigns.add_recipients(store, cid, campaigns.org_candidates(store, office["org"]))
    assert campaigns.campaign_totals(store, cid)["rows"] == 1  # all or nothing
    result = campaigns.add_recipients(store, cid, campaigns.org_candidates(store, office["org"]), skip_existing=True)
    assert result["skipped"] == ["张三"] and len(result["added"]) == 3
    with pytest.raises(ValueFormatError, match="不能重复添加"):  # same 身份证号 typed freely
        campaigns.add_recipient(store, cid, {"name": "李四", "id_number": pid(1)})


def test_chooser_shows_membership_and_this_years_assistance(store, office):
    old = new_campaign(store, campaign_date="2025-12-20", name="2025年冬季慰问")
    campaigns.add_recipient(store, old, {"member_id": office["members"][0]}, amount="300")
    single = assistance.add_single_payment(store, {"member_id": office["members"][0]}, {
        "kind": "生病住院慰问", "paid_date": "2026-05-01", "amount": "500", "funding_source": "街道总工会"})
    cid = new_campaign(store)
    campaigns.add_recipient(store, cid, {"member_id": office["members"][1]})
    people = campaigns.annotate_candidates(store, cid, campaigns.member_candidates(store, office["members"][:2]))
    assert [(p["name"], p["in_campaign"], p["this_year_count"], p["this_year_total"]) for p in people] == [
        ("张三", False, 1, 50000), ("李四", True, 1, 80000)]
    year = person_assistance_this_year(store, {"member_id": office["members"][0]})
    assert (year["count"], year["total"], [r["id"] for r in year["rows"]]) == (1, 50000, [single])
    assert person_assistance_this_year(store, pid(0), 2025)["total"] == 30000


def test_amounts_and_goods_adjusted_one_by_one_and_totals_follow(store, office):
    cid = new_campaign(store, budget="2000")
    rows = campaigns.add_recipients(store, cid, campaigns.org_candidates(store, office["org"]))["added"]
    assistance.update_assistance(store, rows[0], {"amount": "650.50"})
    assistance.update_assistance(store, rows[1], {"amount": "0", "goods": "大米一袋", "goods_value": "120"})
    with pytest.raises(ValueFormatError) as err:
        assistance.update_assistance(store, rows[2], {"goods_value": "50"})
    assert err.value.field == "goods"
    with pytest.raises(ValueFormatError):
        assistance.update_assistance(store, rows[2], {"paid_date": "2026-02-01"})  # follows the campaign
    # the rice turned out dearer: only its value changes, the goods already recorded stay
    assistance.update_assistance(store, rows[1], {"goods_value": "130"})
    assistance.update_assistance(store, rows[1], {"goods_value": "120"})
    totals = campaigns.campaign_totals(store, cid)
    stored = store.one("SELECT sum(amount), sum(goods_value) FROM assistance WHERE campaign_id = ?", (cid,))
    assert (totals["amount"], totals["goods_value"]) == tuple(stored) == (65050 + 80000 * 2, 12000)
    assert totals["total"] == 237050 and totals["budget_left"] == -37050 and totals["over_budget"]
    assert totals["people"] == 4 and totals["rows"] == 4


def test_campaign_edits_follow_onto_unlocked_rows(store, office):
    cid = new_campaign(store)
    campaigns.add_recipients(store, cid, campaigns.hardship_candidates(store))
    campaigns.update_campaign(store, cid, {"campaign_date": "2026-01-12", "funding_source": "市总", "method": "银行转账"})
    row = sheet_rows(store, cid)[0]
    assert (row["paid_date"], row["funding_source"], row["method"]) == ("2026-01-12", "市总", "银行转账")
    campaigns.update_campaign(store, cid, {"standard_amount": "1000"})
    assert campaigns.apply_standard_amount(store, cid) == 1
    assert sheet_rows(store, cid)[0]["amount"] == 100000


def test_corrections_net_the_total_and_sign_off(store, office):
    cid = new_campaign(store)
    rows = campaigns.add_recipients(store, cid, campaigns.org_candidates(store, office["org"]))["added"]
    with pytest.raises(UserError, match="尚未打印锁定，可直接修改"):
        assistance.correct_assistance(store, rows[0], amount="500", reason="错")
    assert campaigns.mark_printed(store, cid) == 4
    assistance.reverse_assistance(store, rows[0], reason="重复发放")
    fix = assistance.correct_assistance(store, rows[1], amount="1000", reason="标准应为1000元")
    again = assistance.correct_assistance(store, fix, amount="900", reason="再次核对")  # a correction of a correction
    assert assistance.get_assistance(store, again)["reversal_of"] == rows[1]
    assert assistance.net_of(store, rows[1]) == (90000, 0)
    with pytest.raises(ValueFormatError, match="相同"):
        assistance.correct_assistance(store, rows[1], amount="900", reason="x")
    with pytest.raises(ValueFormatError, match="不能为负数"):
        assistance.correct_assistance(store, rows[2], amount="-1", reason="x")
    with pytest.raises(ValueFormatError) as err:
        assistance.correct_assistance(store, rows[2], amount="1", reason=" ")
    assert err.value.field == "notes"
    totals = campaigns.campaign_totals(store, cid)
    assert totals["amount"] == 80000 * 4 - 80000 + 10000 and totals["people"] == 3 and totals["corrections"] == 3
    assert totals["amount"] == sum(r["amount"] for r in sheet_rows(store, cid))
    with pytest.raises(UserError, match="还有 3 笔"):
        campaigns.mark_signed(store, cid)
    assert campaigns.mark_printed(store, cid) == 3
    assert campaigns.mark_signed(store, cid, "2026-01-15") == 7
    c = campaigns.get_campaign(store, cid)
    assert (c["status"], c["signed_date"]) == ("已签领", "2026-01-15")
    assert {r["status"] for r in sheet_rows(store, cid)} == {"已签领"}
    with pytest.raises(UserError, match="已签领结束"):
        campaigns.add_recipient(store, cid, {"name": "新人", "id_number": pid(20), "org_name": "店"})


def test_sheet_numbers_stay_put_after_printing(store, office):
    cid = new_campaign(store)
    campaigns.add_recipient(store, cid, {"name": "乙", "id_number": pid(11), "org_name": "乙单位"})
    campaigns.mark_printed(store, cid)
    campaigns.add_recipient(store, cid, {"name": "甲", "id_number": pid(12), "org_name": "甲单位"})  # sorts first by org
    assert [(r["seq"], r["name"]) for r in sheet_rows(store, cid)] == [(1, "乙"), (2, "甲")]


def test_single_payments_and_validation(store, office):
    aid = assistance.add_single_payment(store, {"member_id": office["members"][3]}, {
        "kind": "生病住院慰问", "amount": "800", "funding_source": "街道总工会", "notes": "住院探望"})
    row = assistance.get_assistance(store, aid)
    assert (row["campaign_id"], row["paid_date"], row["amount"], row["status"]) == (None, "2026-11-24", 80000, "拟发")
    with pytest.raises(ValueFormatError) as err:
        assistance.add_single_payment(store, {"member_id": office["members"][3]}, {"amount": "1", "funding_source": "企业"})
    assert err.value.field == "kind"
    with pytest.raises(ValueFormatError) as err:
        assistance.add_single_payment(store, {"member_id": office["members"][3]}, {"kind": "其他", "funding_source": "企业"})
    assert err.value.field == "amount"
    with pytest.raises(ValueFormatError, match="请写明实物内容") as err:
        assistance.add_single_payment(store, {"member_id": office["members"][3]}, {
            "kind": "其他", "goods_value": "50", "funding_source": "企业"})
    assert err.value.field == "goods"
    with pytest.raises(ValueFormatError, match="与填写的姓名“李鬼”不符"):
        assistance.add_single_payment(store, {"name": "李鬼", "id_number": pid(0)}, {
            "kind": "其他", "amount": "1", "funding_source": "企业"})
    listed = list_assistance(store, "赵六", AssistanceFilter(single_only=True))
    assert [r["id"] for r in listed] == [aid] and listed[0]["id_number_masked"].count("*") == 8


def test_delete_and_restore(store, office):
    cid = new_campaign(store)
    rows = campaigns.add_recipients(store, cid, campaigns.org_candidates(store, office["org"]))["added"]
    assistance.delete_assistance(store, [rows[0]])
    assert campaigns.campaign_totals(store, cid)["rows"] == 3
    campaigns.add_recipient(store, cid, {"member_id": assistance.get_assistance(store, rows[0])["member_id"]})
    with pytest.raises(UserError, match="已在本次慰问名单中"):
        assistance.restore_assistance(store, [rows[0]])
    campaigns.delete_campaign(store, cid)
    assert campaigns.list_campaigns(store) == [] and len(campaigns.list_campaigns(store, recycle_bin=True)) == 1
    campaigns.restore_campaign(store, cid)
    assert campaigns.campaign_totals(store, cid)["rows"] == 4


def test_figures_and_audit(store, office):
    cid = new_campaign(store)
    rows = campaigns.add_recipients(store, cid, campaigns.org_candidates(store, office["org"]))["added"]
    campaigns.mark_printed(store, cid)
    assistance.reverse_assistance(store, rows[0], reason="退回")
    figures = assistance_figures(store, "2026-01-01", "2026-12-31")
    assert (figures["count"], figures["amount"]) == (4, 240000)
    assert figures["by_kind"]["元旦春节送温暖"]["total"] == 240000
    actions = [h["action"] for h in history(store.conn, "assistance", rows[0])]
    assert actions == ["insert", "update"]  # added, then locked
    assert history(store.conn, "campaigns", cid)[0]["action"] == "insert"
