"""工会经费 records: fee periods, 2 % accrual, 免交/缓交, payments, shares from the office settings,
arrears, and the audit trail of every change."""

import json

import pytest

from unionoffice.core.errors import UserError, ValueFormatError
from unionoffice.core.fees import records as fees
from unionoffice.core.fees import settings as fee_settings
from unionoffice.core.orgs.records import create_org
from unionoffice.core.values.ids import credit_code_check_char


@pytest.fixture
def orgs(store):
    big = create_org(store, {"name": "深圳市大华科技有限公司", "workers": 120, "union_mode": "独立建会"})
    small = create_org(store, {"name": "东湖小食店", "workers": 8, "union_mode": "联合建会"})
    none = create_org(store, {"name": "未建会商行", "workers": 5})
    return big, small, none


@pytest.mark.parametrize("typed,key,label", [
    ("2026", "2026", "2026年"), ("2026年", "2026", "2026年"), (2026, "2026", "2026年"),
    ("2026-H1", "2026-H1", "2026年上半年"), ("2026年下半年", "2026-H2", "2026年下半年"),
    ("2026-Q3", "2026-Q3", "2026年第三季度"), ("2026年第一季度", "2026-Q1", "2026年第一季度"),
    ("2026-05", "2026-05", "2026年5月"), ("2026年5月", "2026-05", "2026年5月"),
])
def test_fee_periods_read_as_clerks_type_them(typed, key, label):
    fp = fees.fee_period(typed)
    assert (fp.key, fp.label) == (key, label)


@pytest.mark.parametrize("bad", ["", "去年", "2026-13", "2026-Q5", "26"])
def test_a_bad_fee_period_is_refused_in_chinese(bad):
    with pytest.raises(ValueFormatError, match="所属期"):
        fees.fee_period(bad)


def test_accrual_is_two_percent_rounded_half_up_to_the_fen():
    assert fees.accrual(100_000_00) == 2_000_00
    assert fees.accrual(25) == 1  # 0.5 fen rounds up
    assert fees.accrual(24) == 0


def test_line_shows_payroll_due_paid_and_shares_by_size(store, orgs):
    big, small, _ = orgs
    r = fees.save_fee_record(store, {"org_id": big, "period": "2026", "payroll": "1,000,000.00"})
    fees.add_payment(store, r, "2026-03-31", "15000", "自行拨缴")
    fees.add_payment(store, r, "2026-06-30", "5000", "自行拨缴")
    fees.save_fee_record(store, {"org_id": small, "period": "2026", "payroll": "50000"})
    lines = {x.org_name: x for x in fees.fee_lines(store, "2026-01-01", "2026-12-31")}
    line = lines["深圳市大华科技有限公司"]
    assert (line.payroll, line.due, line.paid, line.paid_date) == (1_000_000_00, 20_000_00, 20_000_00, "2026-06-30")
    assert (line.district, line.street, line.retained, line.status) == (4_000_00, 0, 16_000_00, "已缴")
    small_line = lines["东湖小食店"]
    assert (small_line.due, small_line.district, small_line.street, small_line.status) == (1_000_00, 0, 200_00, "欠缴")
    assert "未建会商行" not in lines  # no union, no record: not on the ledger


def test_shares_follow_the_office_settings_never_fixed_numbers(store, orgs):
    big, small, _ = orgs
    fees.save_fee_record(store, {"org_id": big, "period": "2026", "payroll": "1000000"})
    fees.save_fee_record(store, {"org_id": small, "period": "2026", "payroll": "50000"})
    fee_settings.save(store, {"threshold": "10", "large_district": "30%", "large_street": "5",
                              "small_district": "10", "small_street": "12.5"})
    lines = {x.org_name: x for x in fees.fee_lines(store, "2026-01-01", "2026-12-31")}
    assert (lines["深圳市大华科技有限公司"].district, lines["深圳市大华科技有限公司"].street) == (6_000_00, 1_000_00)
    assert (lines["东湖小食店"].district, lines["东湖小食店"].street) == (100_00, 125_00)
    assert "职工10人及以上：上缴区总30%" in fee_settings.load(store).describe()


def test_share_settings_are_checked_and_audited(store):
    with pytest.raises(ValueFormatError, match="0 到 100"):
        fee_settings.save(store, {"large_district": "120"})
    with pytest.raises(ValueFormatError, match="之和不能超过"):
        fee_settings.save(store, {"large_district": "60", "large_street": "50"})
    with pytest.raises(ValueFormatError, match="应缴 或 实缴"):
        fee_settings.save(store, {"base": "工资"})
    assert fee_settings.load(store) == fee_settings.FeeSettings()  # nothing half-saved
    fee_settings.save(store, {"large_district": "25"})
    row = store.one("SELECT before, after FROM audit WHERE table_name = 'settings' ORDER BY id DESC LIMIT 1")
    assert json.loads(row["before"]) == {"fees.large_district": "20"}
    assert json.loads(row["after"]) == {"fees.large_district": "25"}


def test_exemption_needs_a_reason_and_makes_nothing_due(store, orgs):
    big, _, _ = orgs
    with pytest.raises(ValueFormatError, match="须写明原因"):
        fees.save_fee_record(store, {"org_id": big, "period": "2026", "payroll": "1000000", "exemption": "免交"})
    fees.save_fee_record(store, {"org_id": big, "period": "2026", "payroll": "1000000", "exemption": "免交",
                                 "exemption_reason": "连续亏损", "exemption_approved": "2026年3月5日"})
    line = next(x for x in fees.fee_lines(store, "2026-01-01", "2026-12-31") if x.org_id == big)
    assert (line.accrued, line.due, line.status, line.exemption_approved) == (20_000_00, 0, "免交", "2026-03-05")
    assert not line.in_arrears


def test_one_record_per_org_and_period(store, orgs):
    big, _, _ = orgs
    fees.save_fee_record(store, {"org_id": big, "period": "2026"})
    with pytest.raises(UserError, match="已存在"):
        fees.save_fee_record(store, {"org_id": big, "period": "2026年"})


def test_bad_payments_are_refused(store, orgs):
    big, _, _ = orgs
    r = fees.save_fee_record(store, {"org_id": big, "period": "2026"})
    with pytest.raises(ValueFormatError, match="缴纳日期"):
        fees.add_payment(store, r, "", "100", "自行拨缴")
    with pytest.raises(ValueFormatError, match="大于 0"):
        fees.add_payment(store, r, "2026-01-01", "0", "自行拨缴")
    with pytest.raises(ValueFormatError, match="缴纳方式"):
        fees.add_payment(store, r, "2026-01-01", "100", "现金")
    assert fees.payments_of(store, r) == []


def test_arrears_are_orgs_with_a_union_and_no_payment(store, orgs):
    big, small, _ = orgs
    r = fees.save_fee_record(store, {"org_id": big, "period": "2026", "payroll": "100000"})
    assert {x.org_name for x in fees.arrears(store, "2026")} == {"深圳市大华科技有限公司", "东湖小食店"}
    fees.add_payment(store, r, "2026-02-01", "100", "自行拨缴")  # partly paid: not 欠缴, but 未足额
    assert [x.org_name for x in fees.arrears(store, "2026")] == ["东湖小食店"]
    assert next(x for x in fees.fee_lines(store, "2026-01-01", "2026-12-31") if x.org_id == big).status == "未足额"


def test_every_fee_change_is_audited(store, orgs):
    big, _, _ = orgs
    r = fees.save_fee_record(store, {"org_id": big, "period": "2026", "payroll": "100000"})
    p = fees.add_payment(store, r, "2026-02-01", "2000", "税务代收")
    fees.save_fee_record(store, {"payroll": "120000"}, r)
    fees.delete_payment(store, p)
    actions = [(row["table_name"], row["action"]) for row in store.query(
        "SELECT table_name, action FROM audit WHERE table_name LIKE 'fee_%' ORDER BY id")]
    assert ("fee_records", "insert") in actions and ("fee_payments", "insert") in actions
    assert ("fee_records", "update") in actions and ("fee_payments", "soft_delete") in actions


def test_org_named_by_credit_code_or_name(store, orgs):
    code = "91440300MA5DC8TE4" + credit_code_check_char("91440300MA5DC8TE4")
    org = create_org(store, {"name": "深圳市信用科技有限公司", "credit_code": code})
    assert fees.org_by_text(store, code) == org
    assert fees.org_by_text(store, " 深圳市信用科技有限公司 ") == org
    with pytest.raises(UserError, match="单位台账中没有"):
        fees.org_by_text(store, "不存在公司")
