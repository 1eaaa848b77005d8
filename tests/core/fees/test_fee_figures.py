"""工会经费 figures in the catalogue: values for a period, 税务代收 (new this period), the synonyms a
district form uses, and the 工作台 arrears reminders."""

import datetime as dt

import pytest

from unionoffice.core.dashboard import reminders as R
from unionoffice.core.fees import records as fees
from unionoffice.core.figures import catalogue as F
from unionoffice.core.orgs.records import create_org


@pytest.fixture
def office(store):
    a = create_org(store, {"name": "甲公司", "workers": 40, "union_mode": "独立建会"})
    b = create_org(store, {"name": "乙商店", "workers": 10, "union_mode": "联合建会"})
    c = create_org(store, {"name": "丙工厂", "workers": 60, "union_mode": "独立建会"})
    d = create_org(store, {"name": "丁公司", "workers": 30, "union_mode": "独立建会"})
    old = fees.save_fee_record(store, {"org_id": a, "period": "2025", "payroll": "100000"})
    fees.add_payment(store, old, "2025-12-01", "2000", "税务代收")
    ra = fees.save_fee_record(store, {"org_id": a, "period": "2026", "payroll": "200000"})
    fees.add_payment(store, ra, "2026-04-15", "4000", "税务代收")
    rb = fees.save_fee_record(store, {"org_id": b, "period": "2026-Q1", "payroll": "30000"})
    fees.add_payment(store, rb, "2026-04-10", "600", "税务代收")
    fees.save_fee_record(store, {"org_id": c, "period": "2026", "payroll": "500000", "exemption": "免交",
                                 "exemption_reason": "亏损", "exemption_approved": "2026-03-01"})
    return a, b, c, d


def test_year_figures(store, office):
    f = F.compute(store, F.year(2026))
    assert f["fees.orgs"] == 2  # 甲, 乙 (丙 免交, 丁 has no record)
    assert f["fees.payroll"] == 230_000_00
    assert f["fees.due"] == 4_600_00
    assert f["fees.paid"] == 4_600_00
    assert f["fees.district"] == 800_00  # 20 % of 甲's 4000 (40 workers)
    assert f["fees.street"] == 120_00  # 20 % of 乙's 600 (10 workers)
    assert f["fees.retained"] == 4_600_00 - 800_00 - 120_00
    assert (f["fees.large_orgs"], f["fees.large_due"], f["fees.small_orgs"], f["fees.small_due"]) == (1, 4_000_00, 1, 600_00)
    assert (f["fees.exempt"], f["fees.deferred"], f["fees.arrears"]) == (1, 0, 1)  # 丁 is in arrears
    assert (f["fees.tax_orgs"], f["fees.tax_new"], f["fees.tax_amount"]) == (2, 1, 4_600_00)  # 乙 is new to 代收
    assert f.text("fees.due") == "4,600.00元"


def test_a_quarter_takes_only_its_records(store, office):
    f = F.compute(store, F.quarter(2026, 1))
    assert (f["fees.orgs"], f["fees.due"]) == (1, 600_00)


@pytest.mark.parametrize("name,key", [("工会经费计提", "fees.due"), ("上缴经费", "fees.district"),
                                      ("上解街道", "fees.street"), ("免交单位数", "fees.exempt"),
                                      ("实现税务代收企业数", "fees.tax_orgs"), ("参保人数", "mutual_aid.enrolled"),
                                      ("安康保险", "mutual_aid.ankang_shares"), ("参保人数.在职住院", "mutual_aid.by_plan.在职住院")])
def test_district_form_names_resolve(name, key):
    assert F.resolve_name(name)[0] == key


def test_every_fee_figure_is_in_the_catalogue():
    keys = {e.key for e in F.catalogue()}
    assert {"fees.due", "fees.paid", "fees.district", "fees.street", "fees.exempt", "fees.tax_orgs", "fees.tax_new",
            "fees.arrears", "mutual_aid.enrolled", "mutual_aid.orgs", "mutual_aid.whole_orgs", "mutual_aid.premium",
            "mutual_aid.claims", "mutual_aid.claimed", "mutual_aid.ankang_shares"} <= keys


def test_arrears_show_on_the_dashboard_from_july(store, office):
    in_june = [r for r in R.reminders(store, dt.date(2026, 6, 1)) if r.kind == "fees"]
    # 2025 was kept here (甲 paid it): the others owe 2025; 2026 is not reminded before July
    assert sorted(r.text.split()[0] for r in in_june) == ["丁公司", "丙工厂", "乙商店"]
    assert {(r.tab, r.level, r.when) for r in in_june} == {("feesTab", R.OVERDUE, "2025-12-31")}
    late = [r for r in R.reminders(store, dt.date(2026, 9, 1)) if r.kind == "fees" and r.when == "2026-12-31"]
    assert [(r.record_id, r.level) for r in late] == [(office[3], R.DUE)]
    assert "丁公司 2026年工会经费尚未缴纳" in late[0].text


def test_no_reminders_while_the_office_keeps_no_fees(store):
    create_org(store, {"name": "甲公司", "workers": 40, "union_mode": "独立建会"})
    assert [r for r in R.reminders(store, dt.date(2026, 9, 1)) if r.kind == "fees"] == []


def test_no_arrears_for_a_year_the_office_did_not_keep_here(store):
    a = create_org(store, {"name": "甲公司", "workers": 40, "union_mode": "独立建会"})
    create_org(store, {"name": "乙公司", "workers": 40, "union_mode": "独立建会"})
    fees.save_fee_record(store, {"org_id": a, "period": "2026", "payroll": "1000"})  # started in 2026
    assert [r for r in R.reminders(store, dt.date(2026, 3, 1)) if r.kind == "fees"] == []
