"""Period figures (DESIGN §8) on a small office built by hand: every figure asserted exactly.

The office is written with plain SQL so each record's dates and states are exactly what the
comments say; the expected numbers are counted by hand from those comments.
"""

from __future__ import annotations

import datetime as dt

import pytest

from unionoffice.core.figures import catalogue as F
from unionoffice.core.hardship import figures as figures_hardship
from unionoffice.core.errors import UserError

Y = F.year(2025)


def _org(store, name, *, mode="未建会", founded=None, workers=0, women=0, migrant=0, category="私营",
         federation=0, federation_id=None, deleted=None):
    return store.execute(
        "INSERT INTO orgs (name, category, workers, women_workers, migrant_workers, is_federation, union_mode, "
        "federation_id, union_founded, deleted_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
        (name, category, workers, women, migrant, federation, mode, federation_id, founded, deleted)).lastrowid


def _member(store, name, org, joined, status="正常", status_date=None, gender="男", migrant=0, deleted=None):
    store.execute(
        "INSERT INTO members (name, gender, org_id, joined_date, status, status_date, is_migrant, deleted_at) "
        "VALUES (?,?,?,?,?,?,?,?)", (name, gender, org, joined, status, status_date, migrant, deleted))


def _contract(store, org, kind, signed, expiry, covered):
    store.execute("INSERT INTO org_contracts (org_id, kind, signed_date, expiry_date, workers_covered) "
                  "VALUES (?,?,?,?,?)", (org, kind, signed, expiry, covered))


@pytest.fixture
def office(store):
    with store.atomic():
        fed = _org(store, "东湖社区工会联合会", mode="独立建会", founded="2016-01-01", federation=1, category="社会组织")
        a = _org(store, "甲公司", mode="独立建会", founded="2020-01-01", workers=100, women=40, migrant=30)
        b = _org(store, "乙公司", mode="独立建会", founded="2026-03-01", workers=50, women=10, migrant=5, category="国有")
        c = _org(store, "丙商店", mode="联合建会", federation_id=fed, workers=20, women=5, migrant=10)
        d = _org(store, "丁个体户", workers=30, category="个体")
        e = _org(store, "戊公司（已删）", mode="独立建会", founded="2010-01-01", workers=999, deleted="2024-06-01 10:00:00")
        _org(store, "己公司（期后删）", workers=10, category="外资", deleted="2026-02-01 10:00:00")
        h = _org(store, "庚公司", mode="独立建会", founded="2025-05-01", workers=40)
        _member(store, "会员一", a, "2010-01-01", gender="女", migrant=1)           # end, start
        _member(store, "会员二", a, "2025-03-01")                                   # new, end
        _member(store, "会员三", a, "2015-01-01", "退会", "2025-06-01")              # start, left
        _member(store, "会员四", b, "2015-01-01", "转出", "2026-02-01")              # start, end (left later)
        _member(store, "会员五", a, "2026-01-05")                                   # after the period
        _member(store, "会员六", a, "2015-01-01", "去世", "2024-05-01")              # gone before
        _member(store, "会员七", c, "2025-02-01", "保留", "2025-08-01", "女", 1)     # new, end (保留 counts)
        _member(store, "会员八", a, "2025-01-01", deleted="2025-02-01 09:00:00")    # recycle bin
        _member(store, "会员九", a, "2025-04-01", "退会", "2025-10-01")              # new, left
        _member(store, "会员十", d, None, gender="")                                 # date unknown: always
        _member(store, "会员十一", a, "2015-01-01", "退会", None)                    # left, no date: gone
        _contract(store, a, "集体合同", "2025-02-01", "2028-01-31", 100)
        _contract(store, a, "工资专项", "2025-07-01", "2028-06-30", 80)
        _contract(store, b, "集体合同", "2022-01-01", "2025-06-30", 50)
        _contract(store, h, "集体合同", "2023-01-01", None, 40)
        _contract(store, e, "集体合同", "2025-03-01", None, 999)
        _contract(store, a, "女职工专项", "2026-01-10", None, 40)
        _hardship(store)
        _assistance(store)
        _disputes(store, a)
        _activities(store)
    return store


def _hardship(store):
    rows = [  # (no, filed, status, status_date, level, category, deleted)
        ("H1", "2024-03-01", "在档", None, "市", "深度困难", None),
        ("H2", "2025-04-01", "在档", None, "街道", "相对困难", None),
        ("H3", "2023-01-01", "脱困", "2025-09-01", "区", "深度困难", None),
        ("H4", "2023-01-01", "撤档", "2026-03-01", "区", "相对困难", None),
        ("H5", "2026-01-02", "在档", None, "市", "深度困难", None),
        ("H6", "2024-01-01", "在档", None, "市", "深度困难", "2025-01-01 08:00:00"),
        ("H7", "2025-02-01", "撤档", "2025-11-01", "街道", "意外致困", None),
    ]
    for i, (no, filed, status, sdate, level, cat, deleted) in enumerate(rows):
        store.execute(
            "INSERT INTO hardship_files (file_no, name, id_number, category, level, main_cause, household_size, "
            "filed_date, status, status_date, deleted_at) VALUES (?,?,?,?,?,'本人大病',1,?,?,?,?)",
            (no, f"困难{i}", f"44030319800101{i:03d}X"[:18], cat, level, filed, status, sdate, deleted))


def _assistance(store):
    def pay(person, kind, source, day, amount, status="已发", reversal=None, goods="", goods_value=0, deleted=None):
        return store.execute(
            "INSERT INTO assistance (name, id_number, kind, paid_date, amount, goods, goods_value, funding_source, "
            "status, reversal_of, deleted_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (person, f"4403031980010100{person[-1]}X"[:18], kind, day, amount, goods, goods_value, source, status,
             reversal, deleted)).lastrowid
    pay("甲1", "金秋助学", "市总", "2025-09-01", 100000, "已签领")
    pay("甲1", "元旦春节送温暖", "街道总工会", "2025-01-20", 50000)
    a3 = pay("乙2", "元旦春节送温暖", "区总", "2025-01-20", 80000, "已签领")
    pay("乙2", "元旦春节送温暖", "区总", "2025-02-01", -30000, "已签领", reversal=a3)  # 冲销 part of it
    pay("丙3", "元旦春节送温暖", "街道总工会", "2025-12-20", 50000, "拟发")           # not handed out yet
    pay("丙3", "金秋助学", "市总", "2026-01-05", 70000)                            # after the period
    pay("丁4", "临时救助", "市总", "2025-05-01", 90000, deleted="2025-05-02 08:00:00")
    pay("丙3", "夏送清凉", "企业", "2025-07-10", 0, goods="矿泉水", goods_value=2000)


def _disputes(store, org):
    rows = [  # (no, received, kind, workers, amount, result, mediated, status, closed, recovered, deleted)
        ("2025-0001", "2025-03-01", "工伤", 1, 500000, "成功", "2025-03-10", "结案", "2025-03-20", 300000, None),
        ("2025-0002", "2025-11-01", "劳动报酬/欠薪", 12, 1000000, "不成", "2025-11-10", "转仲裁", None, 0, None),
        ("2025-0003", "2025-12-20", "劳动合同", 2, 0, "", None, "调解中", None, 0, None),
        ("2024-0009", "2024-12-31", "工伤", 1, 100, "成功", "2025-01-05", "结案", "2025-01-06", 100, None),
        ("2025-0004", "2025-05-01", "其他", 1, 100, "", None, "受理", None, 0, "2025-05-02 08:00:00"),
    ]
    for no, rec, kind, workers, amount, result, med, status, closed, recovered, deleted in rows:
        store.execute(
            "INSERT INTO disputes (case_no, received_date, source, kind, respondent_org_id, respondent_name, workers, "
            "amount, mediation_result, mediated_date, status, closed_date, recovered, deleted_at) "
            "VALUES (?,?,'来访',?,?,'甲公司',?,?,?,?,?,?,?,?)",
            (no, rec, kind, org, workers, amount, result, med, status, closed, recovered, deleted))


def _activities(store):
    rows = [("文体", "2025-05-01", "已举办", 120, None), ("培训", "2025-06-01", "已举办", 30, None),
            ("文体", "2025-12-01", "计划", None, None), ("文体", "2025-07-01", "取消", None, None),
            ("讲座", "2026-01-10", "已举办", 50, None), ("文体", "2025-03-01", "已举办", 99, "2025-04-01 08:00:00")]
    for i, (kind, day, status, heads, deleted) in enumerate(rows):
        store.execute("INSERT INTO activities (title, kind, start_date, end_date, status, headcount, deleted_at) "
                      "VALUES (?,?,?,?,?,?,?)", (f"活动{i}", kind, day, day, status, heads, deleted))


@pytest.fixture
def all_areas(monkeypatch):
    """Every area enabled, whichever of their modules have landed in this tree."""
    for module in (figures_hardship, F.figures_activities, F.figures_disputes):
        monkeypatch.setattr(module, "core_module_exists", lambda name: True)


def test_org_and_member_figures_as_they_stood(office):
    f = F.compute(office, Y)
    expected = {
        "orgs.total": 6, "orgs.covered": 3, "orgs.independent": 2, "orgs.joint": 1, "orgs.uncovered": 3,
        "orgs.unionisation_rate": 0.5, "orgs.new_unions": 1, "federations.total": 1,
        "workers.total": 250, "workers.women": 55, "workers.migrant": 45,
        "members.total": 5, "members.start": 4, "members.new": 3, "members.left": 2,
        "members.migrant": 2, "members.women": 2, "members.membership_rate": 5 / 250,
        "members.by_org_category.私营": 3, "members.by_org_category.国有": 1, "members.by_org_category.个体": 1,
        "members.by_org_category.外资": 0, "orgs.by_category.私营": 3, "orgs.by_category.外资": 1,
        "contracts.collective.signed": 1, "contracts.collective.workers": 100,
        "contracts.wage.signed": 1, "contracts.wage.workers": 80,
        "contracts.women.signed": 0, "contracts.women.workers": 0,
        "contracts.collective.in_force": 2, "contracts.collective.in_force_workers": 140,
        "period.from": "2025-01-01", "period.to": "2025-12-31", "period.label": "2025年",
        "office.name": "测试街道总工会",
    }
    assert {k: f[k] for k in expected} == expected
    assert f.text("orgs.unionisation_rate") == "50.0%"
    assert f.text("members.membership_rate") == "2.0%"


def test_a_quarter_sees_the_roll_at_its_own_end(office):
    f = F.compute(office, F.quarter(2025, 1))
    assert (f["members.total"], f["members.start"], f["members.new"], f["members.left"]) == (6, 4, 2, 0)
    assert f["orgs.covered"] == 2  # 庚公司 founded its union in May
    assert f.period.label == "2025年第一季度"


def test_hardship_files_closed_in_the_period_are_not_on_file(office, all_areas):
    f = F.compute(office, Y)
    assert f.breakdown("hardship.by_level") == {"市": 1, "区": 1, "街道": 1}
    assert f.breakdown("hardship.by_category") == {"深度困难": 1, "相对困难": 2, "意外致困": 0}
    assert {k: f[f"hardship.{k}"] for k in ("on_file", "new", "closed", "lifted", "withdrawn")} == \
        {"on_file": 3, "new": 2, "closed": 2, "lifted": 1, "withdrawn": 1}


def test_assistance_counts_people_money_and_reversals(office, all_areas):
    f = F.compute(office, Y)
    assert (f["assistance.count"], f["assistance.people"], f["assistance.amount"],
            f["assistance.goods_value"], f["assistance.pending"]) == (4, 3, 200000, 2000, 1)
    assert f.text("assistance.amount") == "2,000.00元"
    assert {k: v for k, v in f.breakdown("assistance.count_by_kind").items() if v} == \
        {"金秋助学": 1, "元旦春节送温暖": 2, "夏送清凉": 1}
    assert {k: v for k, v in f.breakdown("assistance.amount_by_kind").items() if v} == \
        {"金秋助学": 100000, "元旦春节送温暖": 100000}
    assert f.breakdown("assistance.amount_by_source") == \
        {"市总": 100000, "区总": 50000, "街道总工会": 50000, "企业": 0, "社会捐赠": 0}
    assert f.breakdown("assistance.count_by_source")["企业"] == 1


def test_dispute_figures(office, all_areas):
    f = F.compute(office, Y)
    assert {k: f[f"disputes.{k}"] for k in ("received", "collective", "workers", "amount", "mediated",
                                            "succeeded", "recovered", "open")} == \
        {"received": 3, "collective": 1, "workers": 15, "amount": 1500000, "mediated": 2, "succeeded": 1,
         "recovered": 300000, "open": 2}
    assert f["disputes.mediation_rate"] == pytest.approx(2 / 3)
    assert f["disputes.success_rate"] == 0.5
    assert f.text("disputes.mediation_rate") == "66.7%"
    assert {k: v for k, v in f.breakdown("disputes.by_kind").items() if v} == \
        {"工伤": 1, "劳动报酬/欠薪": 1, "劳动合同": 1}


def test_activity_figures(office, all_areas):
    f = F.compute(office, Y)
    assert (f["activities.held"], f["activities.headcount"], f["activities.planned"]) == (2, 150, 1)
    assert f["activities.by_kind.文体"] == 1 and f["activities.headcount_by_kind.文体"] == 120
    assert f["activities.by_kind.培训"] == 1 and f["activities.headcount_by_kind.培训"] == 30


def test_an_area_not_landed_is_absent_not_zero(office, monkeypatch):
    monkeypatch.setattr(figures_hardship, "core_module_exists", lambda name: False)
    f = F.compute(office, Y)
    assert f.missing["hardship"] == "该模块尚未启用" and f.missing["assistance"] == "该模块尚未启用"
    assert "hardship.on_file" not in f.values and "assistance.amount" not in f.values
    assert f.text("assistance.amount") == "—"


def test_rates_without_a_denominator_are_dashes(store):
    f = F.compute(store, Y)
    assert f["orgs.unionisation_rate"] is None and f.text("members.membership_rate") == "—"


def test_periods_and_last_year():
    assert F.half_year(2026, 2).start == dt.date(2026, 7, 1)
    assert F.month(2024, 2).end == dt.date(2024, 2, 29)
    assert F.make_period("2026-04-01", "2026.6.30").label == "2026年第二季度"
    assert F.make_period("2026-01-01", "2026-06-30").label == "2026年上半年"
    leap = F.make_period("2024-02-01", "2024-02-29").last_year()
    assert (leap.start, leap.end, leap.label) == (dt.date(2023, 2, 1), dt.date(2023, 2, 28), "2023年2月")
    custom = F.make_period("2026-03-05", "2026-03-20")
    assert custom.label == "2026年3月5日至2026年3月20日"


@pytest.mark.parametrize("start,end,message", [
    ("2026-06-30", "2026-01-01", "早于开始日期"), ("", "2026-01-01", "请填写统计期间"),
])
def test_bad_periods_are_refused_in_chinese(start, end, message):
    with pytest.raises(UserError, match=message):
        F.make_period(start, end)


def test_placeholder_names_resolve_both_ways():
    assert F.resolve_name("入会率") == ("members.membership_rate", "orgs")
    assert F.resolve_name("members.total") == ("members.total", "orgs")
    assert F.resolve_name("争议件数.工伤") == ("disputes.by_kind.工伤", "disputes")
    assert F.resolve_name("会员总数啊") is None
    assert F.resolve_name("争议件数.工商") is None  # not a 争议类型
    assert F.resolve_name("活动次数.游园") == ("activities.by_kind.游园", "activities")  # kinds are per office
