"""The money rules of issue 14, as a clerk meets them: no double payment, corrections in the
campaign's year, receipt numbers by the payment's year, 签领日期 chosen, several funding sources."""

import datetime

import pytest

from unionoffice.core.assistance import campaigns, records as assistance
from unionoffice.core.assistance.duplicates import DuplicateError, set_once_per_year_kinds
from unionoffice.core.assistance.campaigns import set_funding
from unionoffice.core.assistance.funding import funding_text, split
from unionoffice.core.assistance.query import assistance_figures, sheet_rows
from unionoffice.core.errors import UserError, ValueFormatError
from unionoffice.core.figures.base import year as year_period
from unionoffice.core.hardship.figures import compute_assistance
from unionoffice.core.values import dates
from unionoffice.core.values.ids import make_id_number


@pytest.fixture(autouse=True)
def today(monkeypatch):
    day = datetime.date(2026, 12, 6)
    monkeypatch.setattr(dates, "today", lambda: day)
    return day


def person(n: int) -> dict:
    return {"name": f"王{'一二三四五六七八九'[n % 9]}{n}",
            "id_number": make_id_number("440303", datetime.date(1970 + n, 3, 1 + n), 200 + n)}


def campaign(store, name=None, day="2027-01-20", kind="元旦春节送温暖", standard="800") -> int:
    data = {"kind": kind, "campaign_date": day, "funding_source": "区总", "standard_amount": standard}
    if name:
        data["name"] = name
    return campaigns.create_campaign(store, data)


# ------------------------------------------------------------------ no double payment


def test_campaign_names_are_unique_within_a_year(store):
    campaign(store)
    with pytest.raises(ValueFormatError, match="2027 年已有名为“2027年元旦春节送温暖”的慰问活动"):
        campaign(store, day="2027-02-01")
    campaign(store, day="2026-01-20")  # the same name in another year is another campaign
    other = campaign(store, name="2027年元旦春节送温暖（补充）")
    with pytest.raises(ValueFormatError, match="不能重复"):
        campaigns.update_campaign(store, other, {"name": "2027年元旦春节送温暖"})


def test_already_helped_counts_the_campaigns_year_and_drafts_on_other_lists(store):
    first = campaign(store)
    campaigns.add_recipients(store, first, [person(1)])  # a draft (拟发) row, dated 2027
    second = campaign(store, name="2027年送温暖第二批")
    seen = campaigns.annotate_candidates(store, second, [dict(person(1))])[0]
    assert seen["this_year_count"] == 1 and seen["this_year_total"] == 80000
    assert seen["same_kind"] == "“2027年元旦春节送温暖”800.00 元（拟发）"


def test_adding_someone_paid_the_same_kind_that_year_warns_naming_list_and_amount(store):
    first = campaign(store)
    campaigns.add_recipients(store, first, [person(1), person(2)])
    second = campaign(store, name="2027年送温暖第二批")
    assert campaigns.duplicate_warnings(store, second, [person(1), person(3)]) == [
        f"{person(1)['name']}：2027 年已有元旦春节送温暖——“2027年元旦春节送温暖”800.00 元（拟发）"]
    result = campaigns.add_recipients(store, second, [person(1), person(3)])
    assert len(result["added"]) == 2 and "“2027年元旦春节送温暖”800.00 元" in result["warnings"][0]


def test_office_setting_turns_the_warning_into_a_refusal_for_chosen_kinds(store):
    first = campaign(store)
    campaigns.add_recipients(store, first, [person(1)])
    second = campaign(store, name="2027年送温暖第二批")
    set_once_per_year_kinds(store, ["元旦春节送温暖"])
    with pytest.raises(UserError, match="每人每年只发一次") as err:
        campaigns.add_recipients(store, second, [person(3), person(1)])
    assert "800.00 元" in str(err.value)
    assert sheet_rows(store, second) == []  # all or nothing
    summer = campaign(store, name="2027年夏送清凉", kind="夏送清凉", day="2027-07-01")
    campaigns.add_recipients(store, summer, [person(1)])  # other kinds still only warn
    with pytest.raises(ValueFormatError, match="没有“春节”这一慰问类别"):
        set_once_per_year_kinds(store, ["春节"])


def test_final_print_lists_duplicates_before_locking_anything(store):
    first = campaign(store)
    campaigns.add_recipients(store, first, [person(1)])
    second = campaign(store, name="2027年送温暖第二批")
    campaigns.add_recipients(store, second, [person(1), person(2)])
    with pytest.raises(DuplicateError, match=person(1)["name"]) as err:
        campaigns.mark_printed(store, second)
    assert "“2027年元旦春节送温暖”800.00 元" in str(err.value)
    assert not any(r["locked"] for r in sheet_rows(store, second))
    assert campaigns.get_campaign(store, second)["status"] == "草稿"
    assert campaigns.mark_printed(store, second, allow_duplicates=True) == 2
    set_once_per_year_kinds(store, ["元旦春节送温暖"])
    with pytest.raises(DuplicateError, match="每人每年只发一次"):
        campaigns.mark_printed(store, first, allow_duplicates=True)


# ------------------------------------------------------------------ corrections and numbers


def printed_row(store, day="2027-01-20"):
    cid = campaign(store, day=day)
    campaigns.add_recipients(store, cid, [person(1)])
    campaigns.mark_printed(store, cid)
    return cid, sheet_rows(store, cid)[0]


def test_a_correction_takes_the_campaigns_date_by_default_and_counts_there(store):
    cid, row = printed_row(store)
    fix = assistance.correct_assistance(store, row["id"], amount="600", reason="标准调整")
    assert assistance.get_assistance(store, fix)["paid_date"] == "2027-01-20"
    assert assistance_figures(store, "2026-01-01", "2026-12-31")["amount"] == 0  # 2026 untouched
    assert assistance_figures(store, "2027-01-01", "2027-12-31")["amount"] == 60000


def test_a_correction_outside_the_campaigns_year_needs_a_confirmation(store):
    _cid, row = printed_row(store)
    with pytest.raises(assistance.OtherYearError, match="不在原发放的 2027 年内"):
        assistance.correct_assistance(store, row["id"], amount="600", reason="标准调整", on="2026-12-06")
    assert assistance.net_of(store, row["id"]) == (80000, 0)
    fix = assistance.correct_assistance(store, row["id"], amount="600", reason="标准调整", on="2026-12-06",
                                        other_year_ok=True)
    assert assistance.get_assistance(store, fix)["paid_date"] == "2026-12-06"
    assert assistance_figures(store, "2026-01-01", "2026-12-31")["amount"] == -20000
    same_year = assistance.correct_assistance(store, row["id"], amount="700", reason="再调", on="2027-03-01")
    assert assistance.get_assistance(store, same_year)["paid_date"] == "2027-03-01"


def test_receipt_numbers_follow_the_year_of_the_payments_date(store):
    _cid, row = printed_row(store)  # dated 2027-01-20, printed on 2026-12-06
    late = campaign(store, name="2026年元旦春节送温暖", day="2026-01-20")
    campaigns.add_recipients(store, late, [person(2)])
    campaigns.mark_printed(store, late)
    other = sheet_rows(store, late)[0]
    numbers = assistance.assign_receipt_numbers(store, [row["id"], other["id"]])
    assert numbers == {row["id"]: "202700001", other["id"]: "202600001"}
    assert assistance.assign_receipt_numbers(store, [row["id"]]) == {row["id"]: "202700001"}  # never a new one


def test_signing_date_is_chosen_and_never_before_the_payment(store):
    cid, row = printed_row(store)
    with pytest.raises(ValueFormatError, match="签领日期 2026-12-06 早于.*发放日期 2027-01-20"):
        campaigns.mark_signed(store, cid)  # today is before the 发放日期
    assert sheet_rows(store, cid)[0]["status"] == "已发"
    campaigns.mark_signed(store, cid, "2027-01-22")
    assert sheet_rows(store, cid)[0]["signed_date"] == "2027-01-22"


# ------------------------------------------------------------------ several funding sources


def test_figures_by_funding_source_add_up_to_the_campaign_total(store):
    cid = campaign(store, day="2026-01-20", standard="333.33")
    set_funding(store, cid, [{"source": "区总", "share": "60"}, {"source": "街道总工会", "share": "40%"}])
    campaigns.add_recipients(store, cid, [person(n) for n in range(1, 4)])
    campaigns.mark_printed(store, cid)
    assert funding_text(store, campaigns.get_campaign(store, cid)) == "区总 60%、街道总工会 40%"
    total = campaigns.campaign_totals(store, cid)["amount"]
    by_source = assistance_figures(store, "2026-01-01", "2026-12-31")["by_funding_source"]
    assert by_source["区总"]["amount"] == 59999 and by_source["街道总工会"]["amount"] == 40000
    assert sum(v["amount"] for v in by_source.values()) == total == 99999
    figures = compute_assistance(store, year_period(2026))
    assert figures["assistance.amount_by_source.区总"] + figures["assistance.amount_by_source.街道总工会"] == total
    assert figures["assistance.count_by_source.区总"] == 3  # 人次 under the primary source: they add up too
    with pytest.raises(UserError, match="已打印"):
        set_funding(store, cid, [{"source": "区总", "share": "50"}, {"source": "街道总工会", "share": "50"}])


def test_funding_lines_are_checked(store):
    cid = campaign(store)
    with pytest.raises(ValueFormatError, match="合计应为 100%，现在是 90%"):
        set_funding(store, cid, [{"source": "区总", "share": "60"}, {"source": "街道总工会", "share": "30"}])
    with pytest.raises(ValueFormatError, match="统一填写比例"):
        set_funding(store, cid, [{"source": "区总", "share": "60"}, {"source": "企业", "amount": "300"}])
    with pytest.raises(ValueFormatError, match="填了两次"):
        set_funding(store, cid, [{"source": "区总", "share": "50"}, {"source": "区总", "share": "50"}])
    set_funding(store, cid, [{"source": "企业", "amount": "30000"}, {"source": "区总", "amount": "10,000"}])
    assert campaigns.get_campaign(store, cid)["funding_source"] == "企业"  # the primary source
    assert funding_text(store, campaigns.get_campaign(store, cid)) == "企业 30,000.00 元、区总 10,000.00 元"


def test_split_adds_up_to_the_fen():
    assert split(100, [1, 1, 1]) == [34, 33, 33]
    assert split(-100, [1, 1, 1]) == [-34, -33, -33]
    assert sum(split(987654, [6000, 2500, 1500])) == 987654
