"""身份证号 and 统一社会信用代码: normalising, checking, deriving, masking."""

import datetime
import re
from decimal import Decimal

import pytest
from hypothesis import given, strategies as st
from stdnum.cn import ric, uscc

from unionoffice.core.values import dates
from unionoffice.core.errors import ValueFormatError
from unionoffice.core.values.ids import (
    credit_code_check_char,
    id_birth_date,
    id_check_digit,
    id_gender,
    is_valid_credit_code,
    is_valid_id_number,
    make_id_number,
    mask_id_number,
    normalize_credit_code,
    normalize_id_number,
)

# The worked example of GB 11643-1999: a woman born 1949-12-31 in 北京朝阳.
GB_EXAMPLE = "11010519491231002X"
GB_EXAMPLE_OLD = "110105491231002"
VALID = "110101199003071233"  # born 1990-03-07, sequence 123 (odd: 男)

CJK = re.compile(r"[\u4e00-\u9fff]")


def refused(value, normalizer=normalize_id_number) -> ValueFormatError:
    with pytest.raises(ValueFormatError) as info:
        normalizer(value)
    assert CJK.search(str(info.value)), "messages for clerks are Chinese"
    return info.value


# ---------------------------------------------------------------- check digit


@pytest.mark.parametrize(
    ("first17", "check"),
    [
        ("11010519491231002", "X"),
        ("11010119900307123", "3"),
        ("36042619910101007", "1"),  # stdnum's own example 360426199101010071
        ("44030419850101001", "3"),  # worked by hand: weighted sum 185, 185 mod 11 = 9 → '3'
    ],
)
def test_check_digit(first17, check):
    assert id_check_digit(first17) == check


def reference_check_digit(first17: str) -> str:
    """GB 11643 as printed in the standard: weights 2^(17-i) mod 11, then the lookup row."""
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    total = sum(int(d) * w for d, w in zip(first17, weights))
    return "10X98765432"[total % 11]


@given(st.from_regex(r"[0-9]{17}", fullmatch=True))
def test_check_digit_matches_the_standard_table(first17):
    assert id_check_digit(first17) == reference_check_digit(first17)


@pytest.mark.parametrize("bad", ["1101051949123100", "110105194912310021", "1101051949123100X", ""])
def test_check_digit_needs_17_digits(bad):
    with pytest.raises(ValueError):
        id_check_digit(bad)


# ---------------------------------------------------------------- accepted forms


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (GB_EXAMPLE, GB_EXAMPLE),
        (GB_EXAMPLE.lower(), GB_EXAMPLE),
        (" 110105 19491231 002x ", GB_EXAMPLE),
        ("\u3000" + GB_EXAMPLE + "\u3000", GB_EXAMPLE),  # full-width spaces
        ("\ufeff" + GB_EXAMPLE + "\u200b", GB_EXAMPLE),  # invisible characters from web pages
        ("１１０１０５１９４９１２３１００２Ｘ", GB_EXAMPLE),  # full-width digits and letter
        ("１１０１０５１９４９１２３１００２ｘ", GB_EXAMPLE),
        (VALID, VALID),
        # Old 15-digit IDs gain '19' and a check digit.
        (GB_EXAMPLE_OLD, GB_EXAMPLE),
        (int(GB_EXAMPLE_OLD), GB_EXAMPLE),
        (float(GB_EXAMPLE_OLD), GB_EXAMPLE),  # exact: 15 digits fit a float
        (GB_EXAMPLE_OLD + ".0", GB_EXAMPLE),
        (Decimal(GB_EXAMPLE_OLD), GB_EXAMPLE),
        ("110101900307123", VALID),
    ],
)
def test_normalize_accepts(raw, expected):
    assert normalize_id_number(raw) == expected
    assert is_valid_id_number(raw)


# ---------------------------------------------------------------- refused forms

EXCEL = "Excel"


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        (None, "为空"),
        ("", "为空"),
        ("   ", "为空"),
        # Numbers from Excel whose tail is gone: never guessed.
        (1.10101199003074e17, EXCEL),
        (110101199003071233, EXCEL),  # an int longer than Excel's 15 digits
        ("1.10101199003074E+17", EXCEL),
        ("1.10101199003074e17", EXCEL),
        ("110101199003074000.0", EXCEL),
        (float("nan"), EXCEL),
        (110101900307123.5, EXCEL),
        (-110101900307123, "负数"),
        ("110101199003071", "出生日期无效"),  # 15 digits: YYMMDD 199003 has month 90
        ("11010119900307123", "长度不对"),
        ("1101011990030712334", "长度不对"),
        (1101011990, "长度不对"),
        ("11010119900307123Y", "其中有“Y”"),
        ("110101-199003071233", "其中有“-”"),
        ("X10101199003071233", "X 只能出现在第 18 位"),
        ("11010190030712X", "X 只能出现在第 18 位"),
        ("110101199002301230", "出生日期无效"),  # 1990-02-30
        ("110101199013011230", "出生日期无效"),  # month 13
        ("110101189912311230", "早于 1900 年"),
        ("110101209901011230", "晚于今天"),
        ("110101199003071230", "校验位不对"),
        ("110101199003074000", "校验位不对"),
        (True, "应为文字"),
        ([VALID], "应为文字"),
    ],
)
def test_normalize_refuses(raw, words):
    error = refused(raw)
    assert words in str(error)
    assert error.field == "id_number"
    assert not is_valid_id_number(raw)


def test_fifteen_digit_with_bad_date_names_the_date():
    # Layout of old IDs: region(6) YYMMDD(6) sequence(3).
    assert "出生日期无效" in str(refused("110101991301123"))  # 1999-13-01
    assert "出生日期无效" in str(refused("110101990229123"))  # 1999 had no 2月29日
    assert normalize_id_number("110101960229123")[6:14] == "19960229"


def test_excel_hint_on_zero_tail():
    message = str(refused("110101199003074000"))
    assert "Excel" in message and "文本" in message
    assert "Excel" not in str(refused("110101199003071230"))


def test_future_birth_uses_the_patchable_today(monkeypatch):
    born = make_id_number("110101", datetime.date(2020, 6, 1), 1)
    assert normalize_id_number(born) == born
    monkeypatch.setattr(dates, "today", lambda: datetime.date(2020, 5, 31))
    assert "晚于今天" in str(refused(born))
    monkeypatch.setattr(dates, "today", lambda: datetime.date(2020, 6, 1))
    assert normalize_id_number(born) == born


# ---------------------------------------------------------------- derived values


def test_birth_and_gender():
    assert id_birth_date(GB_EXAMPLE) == datetime.date(1949, 12, 31)
    assert id_gender(GB_EXAMPLE) == "女"
    assert id_birth_date(VALID) == datetime.date(1990, 3, 7)
    assert id_gender(VALID) == "男"
    assert id_birth_date(GB_EXAMPLE_OLD) == datetime.date(1949, 12, 31)


def test_derivations_refuse_bad_ids():
    with pytest.raises(ValueFormatError):
        id_birth_date("110101199002301230")
    with pytest.raises(ValueFormatError):
        id_gender("123")


@pytest.mark.parametrize(
    ("raw", "masked"),
    [
        (VALID, "110101********1233"),
        (GB_EXAMPLE, "110105********002X"),
        ("", ""),
        (None, ""),
        ("12345", "****5"),
        ("1234", "****"),
        ("12345678", "****5678"),
    ],
)
def test_mask(raw, masked):
    assert mask_id_number(raw) == masked


def test_make_id_number():
    assert make_id_number("110105", datetime.date(1949, 12, 31), 2) == GB_EXAMPLE
    with pytest.raises(ValueError):
        make_id_number("11010", datetime.date(1990, 1, 1), 1)
    with pytest.raises(ValueError):
        make_id_number("110101", datetime.date(1990, 1, 1), 1000)


# ---------------------------------------------------------------- properties

regions = st.from_regex(r"[1-8][0-9]{5}", fullmatch=True)
births = st.dates(datetime.date(1900, 1, 1), datetime.date(2020, 12, 31))
seqs = st.integers(0, 999)


@given(regions, births, seqs)
def test_made_ids_round_trip(region, birth, seq):
    made = make_id_number(region, birth, seq)
    assert len(made) == 18
    assert normalize_id_number(made) == made
    assert normalize_id_number(made.lower()) == made
    assert id_birth_date(made) == birth
    assert id_gender(made) == ("男" if seq % 2 else "女")
    assert mask_id_number(made) == region + "*" * 8 + made[-4:]
    # Our check digit agrees with python-stdnum's.
    assert ric.calc_check_digit(made) == made[-1]


@given(regions, st.dates(datetime.date(1900, 1, 1), datetime.date(1999, 12, 31)), seqs)
def test_fifteen_digit_upgrade(region, birth, seq):
    old = f"{region}{birth:%y%m%d}{seq:03d}"
    assert normalize_id_number(old) == make_id_number(region, birth, seq)
    assert normalize_id_number(int(old)) == make_id_number(region, birth, seq)


@given(regions, births, seqs, st.integers(0, 16), st.integers(1, 9))
def test_any_single_digit_change_breaks_the_checksum(region, birth, seq, position, shift):
    made = make_id_number(region, birth, seq)
    digit = (int(made[position]) + shift) % 10
    changed = made[:position] + str(digit) + made[position + 1 :]
    assert id_check_digit(changed[:17]) != made[17]
    assert not is_valid_id_number(changed)


@given(regions, births, seqs, st.integers(0, 15))
def test_adjacent_swap_breaks_the_checksum(region, birth, seq, position):
    made = make_id_number(region, birth, seq)
    a, b = made[position], made[position + 1]
    if a != b:
        swapped = made[:position] + b + a + made[position + 2 :]
        assert id_check_digit(swapped[:17]) != made[17]


@given(st.integers(10**15, 10**18 - 1))
def test_long_ints_always_refused_as_excel(number):
    assert EXCEL in str(refused(number))


# ---------------------------------------------------------------- 统一社会信用代码

CODE = "91110000600037341L"  # python-stdnum's example


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (CODE, CODE),
        (CODE.lower(), CODE),
        (" 9111 0000 6000 3734 1L ", CODE),
        ("91110000-600037341-L", CODE),
        ("９１１１００００６０００３７３４１Ｌ", CODE),
        ("\u3000" + CODE, CODE),
    ],
)
def test_credit_code_accepts(raw, expected):
    assert normalize_credit_code(raw) == expected
    assert is_valid_credit_code(raw)


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        (None, "为空"),
        ("  ", "为空"),
        (911100006000373410, "设为文本"),
        ("9111000060003734", "长度不对"),
        ("91110000600037341LL", "长度不对"),
        ("9111000060003734IL", "字母 I"),
        ("91110000600O37341L", "字母 O"),
        ("91110000600037341S", "字母 S"),
        ("9111000060003734@L", "其中有“@”"),
        ("911A0000600037341L", "第 3–8 位"),
        ("91110000600037341K", "校验位不对"),
        ("91110000600037342L", "校验位不对"),
    ],
)
def test_credit_code_refuses(raw, words):
    error = refused(raw, normalize_credit_code)
    assert words in str(error)
    assert error.field == "credit_code"
    assert not is_valid_credit_code(raw)


def test_credit_code_check_char():
    assert credit_code_check_char(CODE[:17]) == "L"
    with pytest.raises(ValueError):
        credit_code_check_char("9111000060003734")
    with pytest.raises(ValueError):
        credit_code_check_char("9111000060003734I")


def test_letter_in_first_two_places_is_allowed():
    # 农村集体经济组织 codes start with N; stdnum's validate() wrongly wants digits there.
    first17 = "N2110000MA0012345"
    code = first17 + credit_code_check_char(first17)
    assert normalize_credit_code(code) == code
    assert not uscc.is_valid(code)


code_chars = sorted("0123456789ABCDEFGHJKLMNPQRTUWXY")
credit_bodies = st.builds(
    lambda head, region, org: head + region + org,
    st.text(code_chars, min_size=2, max_size=2),
    st.from_regex(r"[0-9]{6}", fullmatch=True),
    st.text(code_chars, min_size=9, max_size=9),
)


@given(credit_bodies)
def test_made_credit_codes_are_valid(first17):
    code = first17 + credit_code_check_char(first17)
    assert normalize_credit_code(code.lower()) == code
    if first17[:2].isdigit():
        assert uscc.is_valid(code)


@given(credit_bodies, st.integers(0, 17), st.integers(1, 30))
def test_any_single_character_change_breaks_the_credit_checksum(first17, position, shift):
    code = first17 + credit_code_check_char(first17)
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    replacement = alphabet[(alphabet.index(code[position]) + shift) % 31]
    changed = code[:position] + replacement + code[position + 1 :]
    assert not is_valid_credit_code(changed)


def _outcome(raw):
    try:
        return normalize_id_number(raw)
    except ValueFormatError as exc:
        return f"refused: {exc}"


@given(st.text(alphabet="0123456789Xx", min_size=18, max_size=18))
def test_a_clean_id_and_the_same_id_typed_messily_are_judged_alike(raw):
    """An ID typed cleanly takes a short way; with a space around it, the long one. Same verdict,
    same words — a valid ID, a wrong check digit, a birth date that never was or is to come."""
    assert _outcome(raw) == _outcome(f" {raw} ")


@pytest.mark.parametrize("raw", ["11010519491231002x", "110105194902300021", "110105189912310021",
                                 "110105209912310021", "11010519491231002Y", "110105194912310000"])
def test_the_short_way_gives_the_long_ways_words(raw):
    assert _outcome(raw) == _outcome(f" {raw} ")
