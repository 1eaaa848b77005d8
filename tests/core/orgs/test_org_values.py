"""Org values as street ledgers write them: what is read, and what is refused with which reason."""

from __future__ import annotations

import pytest

from unionoffice.core.orgs import values as org_values, records as orgs
from unionoffice.core.errors import ValueFormatError
from unionoffice.core.values.ids import credit_code_check_char

CODE = "91440303MA5000031" + credit_code_check_char("91440303MA5000031")


@pytest.mark.parametrize(("word", "category"), [
    ("私营（民营）", "私营"), ("个人独资企业", "私营"), ("国有独资", "国有"), ("全民所有制", "国有"), ("集体所有制", "集体"),
    ("外商独资企业", "外资"), ("中外合资经营企业", "外资"), ("台资企业", "港澳台"), ("港澳台商投资企业", "港澳台"),
    ("民办非企业单位", "社会组织"), ("行业协会", "社会组织"), ("商会", "社会组织"), (" 私 营 ", "私营"), ("非公有制企业", "私营"),
])
def test_ledger_category_words(word, category):
    assert orgs.normalize_category(word) == category


def test_lumped_categories_are_refused_saying_why():
    with pytest.raises(ValueFormatError, match="分不出是机关还是事业单位") as info:
        orgs.normalize_category("机关事业")
    assert info.value.field == "category"
    with pytest.raises(ValueFormatError, match="无法识别"):
        orgs.normalize_category("其他")


@pytest.mark.parametrize(("word", "mode"), [
    ("是", "独立建会"), ("√", "独立建会"), ("已建（联合）", "联合建会"), ("已建会(独立)", "独立建会"), ("×", "未建会"),
    ("筹建中", "未建会"), ("独 立 建 会", "独立建会"), ("联合组建", "联合建会"), ("区域性联合", "联合建会"), ("", "未建会"),
])
def test_union_mode_words(word, mode):
    assert orgs.normalize_union_mode(word) == mode


@pytest.mark.parametrize("word", ["不详", "未建（联合）", "建了一半"])
def test_union_mode_words_refused(word):
    with pytest.raises(ValueFormatError, match="建会方式"):
        orgs.normalize_union_mode(word)


def test_mode_and_federation_in_one_cell():
    assert org_values.mode_and_federation("联合建会（东湖社区工联会）") == ("联合建会", "东湖社区工联会")
    assert org_values.mode_and_federation("已建(科技园楼宇工会联合会)") == ("已建", "科技园楼宇工会联合会")
    assert org_values.mode_and_federation("已建（联合）") == ("已建（联合）", None)
    assert org_values.mode_and_federation("联合建会（2015年）") == ("联合建会（2015年）", None)


@pytest.mark.parametrize(("value", "count"), [
    ("120人", 120), ("约100", 100), ("１２０", 120), (120.0, 120), ("100余人", 100), ("1,200", 1200), (" 80 人 ", 80),
    ("60左右", 60), ("无", 0), ("/", None), ("—", None), (None, None), (0, 0),
])
def test_head_counts(value, count):
    assert org_values.parse_count(value, "职工人数", "workers") == count


@pytest.mark.parametrize(("value", "says"), [
    ("-5", "不小于 0"), ("12.5", "整数"), ("100-120", "范围"), ("一百", "不是数字"), ("很多", "不是数字"),
])
def test_head_counts_refused(value, says):
    with pytest.raises(ValueFormatError, match=says) as info:
        org_values.parse_count(value, "职工人数", "workers")
    assert info.value.field == "workers"


@pytest.mark.parametrize(("value", "years"), [
    ("三年", 3), ("3年", 3), (5, 5), (5.0, 5), ("五年一届", 5), ("3年一届", 3), ("每届5年", 5), ("", None), (0, None),
])
def test_term_years(value, years):
    assert org_values.parse_term_years(value) == years


@pytest.mark.parametrize(("value", "says"), [(12, "1–10 年"), ("三至五年", "无法识别"), ("长期", "无法识别")])
def test_term_years_refused(value, says):
    with pytest.raises(ValueFormatError, match=says) as info:
        org_values.parse_term_years(value)
    assert info.value.field == "term_years"


def test_a_term_out_of_range_is_a_message_not_a_database_error(store):
    with pytest.raises(ValueFormatError, match="届期 12 年"):
        orgs.create_org(store, {"name": "甲公司", "term_years": 12})
    assert store.counts()["orgs"] == 0


@pytest.mark.parametrize(("value", "code"), [
    (CODE.lower(), CODE), (f"{CODE[:6]} {CODE[6:]}", CODE), ("无", None), ("/", None), ("暂无", None), ("—", None),
])
def test_credit_codes_read(value, code):
    assert org_values.parse_credit_code(value) == code


@pytest.mark.parametrize(("value", "says"), [
    ("440301103456789", "15 位注册号"), ("MA5D1234-5", "9 位组织机构代码"), ("123456789", "9 位组织机构代码"),
    (CODE[:17] + ("0" if CODE[17] != "0" else "1"), "校验位"),
])
def test_old_and_bad_codes_are_refused_saying_what_they_are(value, says):
    with pytest.raises(ValueFormatError, match=says) as info:
        org_values.parse_credit_code(value)
    assert info.value.field == "credit_code"


@pytest.mark.parametrize(("value", "flag"), [
    ("是", 1), ("√", 1), ("已代收", 1), ("Y", 1), (True, 1), (1, 1), ("否", 0), ("×", 0), ("自缴", 0), ("", 0), (0, 0),
])
def test_fee_by_tax(value, flag):
    assert org_values.parse_fee_by_tax(value) == flag


def test_fee_by_tax_unknown_word_is_refused():
    with pytest.raises(ValueFormatError, match="待定") as info:
        org_values.parse_fee_by_tax("待定")
    assert info.value.field == "fee_by_tax"


@pytest.mark.parametrize(("value", "name"), [
    ("深圳市港岛酒店\n管理有限公司", "深圳市港岛酒店管理有限公司"), ("深圳市 华美科技", "深圳市华美科技"),
    ("TCL  电子 (深圳)", "TCL电子(深圳)"), ("ABC Trading Co", "ABC Trading Co"),
])
def test_names_lose_stray_spaces(value, name):
    assert org_values.clean_name(value) == name


@pytest.mark.parametrize("value", [3.0, 12, "3", "  "])
def test_numbers_and_blanks_are_no_names(value):
    with pytest.raises(ValueFormatError) as info:
        org_values.clean_name(value)
    assert info.value.field == "name"


@pytest.mark.parametrize(("name", "kind"), [
    ("东湖社区工会联合会", "社区"), ("科技园楼宇工联会", "楼宇"), ("餐饮行业联合工会", "行业"), ("翠竹社区工会", "社区"),
])
def test_federations_known_by_name(name, kind):
    assert org_values.looks_like_federation(name) and org_values.federation_kind_of(name) == kind


@pytest.mark.parametrize("name", ["深圳市华美科技有限公司工会", "东湖社区居委会", "深圳市联合物流有限公司"])
def test_ordinary_names_are_not_federations(name):
    assert not org_values.looks_like_federation(name)


def test_expiry_before_start_is_refused(store):
    with pytest.raises(ValueFormatError, match="不能早于本届开始日期") as info:
        orgs.create_org(store, {"name": "甲", "term_start": "2023-01-01", "term_expiry": "2022-01-01"})
    assert info.value.field == "term_expiry"
