"""Money in integer fen: parsing, display, and 人民币大写."""

import re
from decimal import Decimal

import cn2an
import pytest
from hypothesis import given, strategies as st

from unionoffice.core.errors import ValueFormatError
from unionoffice.core.values.money import (
    MAX_FEN,
    fen_to_yuan_decimal,
    format_money,
    money_in_capitals,
    parse_money,
    parse_money_optional,
)

CJK = re.compile(r"[\u4e00-\u9fff]")

# ---------------------------------------------------------------- parse_money


@pytest.mark.parametrize(
    ("raw", "fen"),
    [
        (300, 30000),
        (0, 0),
        (-50, -5000),
        (Decimal("12.34"), 1234),
        (Decimal("12.340"), 1234),
        (Decimal("5"), 500),
        (12.5, 1250),
        (0.1 + 0.2, 30),  # 0.30000000000000004 must not leak
        (1.1 * 3, 330),  # 3.3000000000000003
        (1.005, 101),  # half up on the decimal the clerk saw, not on binary 1.00499…
        (2.675, 268),
        (-1.235, -124),
        (1e-9, 0),
        ("1,234.5", 123450),
        ("1,234,567.89", 123456789),
        ("1234.50元", 123450),
        ("￥12", 1200),
        ("¥12", 1200),
        ("RMB 12", 1200),
        ("人民币12元", 1200),
        ("１２３４．５６", 123456),
        ("１，２３４", 123400),
        ("  300 ", 30000),
        ("\u3000300\u3000", 30000),
        ("-50", -5000),
        ("－50", -5000),
        ("\u221250", -5000),  # typographic minus
        ("-¥50", -5000),
        ("¥-50", -5000),
        ("+8", 800),
        ("1.230", 123),
        ("1.2", 120),
        (".5", 50),
        ("5.", 500),
        ("0", 0),
        ("1 000", 100000),
    ],
)
def test_parse_money(raw, fen):
    assert parse_money(raw) == fen
    assert isinstance(parse_money(raw), int)


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        ("", "金额为空"),
        ("   ", "金额为空"),
        (None, "金额为空"),
        ("1.234", "超过两位小数"),
        ("0.001", "超过两位小数"),
        (Decimal("1.234"), "超过两位小数"),
        ("abc", "无法识别的字符“a”"),
        ("12元5角", "无法识别的字符“元”"),
        ("1e5", "无法识别的字符“e”"),
        ("$5", "无法识别的字符“$”"),
        ("--50", "无法识别的字符“-”"),
        ("1.2.3", "格式不对"),
        (".", "格式不对"),
        ("12,5", "逗号位置不对"),  # a decimal comma? we don't guess
        ("1,23,4", "逗号位置不对"),
        ("1234,567", "逗号位置不对"),
        (float("inf"), "不是有效的数字"),
        (float("nan"), "不是有效的数字"),
        (Decimal("NaN"), "不是有效的数字"),
        (True, "是/否"),
        (10**12, "金额过大"),
        ("1000000000000", "金额过大"),
        ([1], "无法识别的金额"),
    ],
)
def test_parse_money_refuses(raw, words):
    with pytest.raises(ValueFormatError) as info:
        parse_money(raw)
    assert words in str(info.value)
    assert CJK.search(str(info.value))
    assert info.value.field == "amount"


@pytest.mark.parametrize("empty", [None, "", "  ", "\u3000"])
def test_optional_empty_is_none(empty):
    assert parse_money_optional(empty) is None


def test_optional_still_checks():
    assert parse_money_optional("5") == 500
    with pytest.raises(ValueFormatError):
        parse_money_optional("x")


# ---------------------------------------------------------------- display


@pytest.mark.parametrize(
    ("fen", "shown", "yuan"),
    [
        (0, "0.00", "0.00"),
        (5, "0.05", "0.05"),
        (-5, "-0.05", "-0.05"),
        (123450, "1,234.50", "1234.50"),
        (-123450, "-1,234.50", "-1234.50"),
        (100000000, "1,000,000.00", "1000000.00"),
        (99, "0.99", "0.99"),
        (100, "1.00", "1.00"),
    ],
)
def test_format_and_decimal(fen, shown, yuan):
    assert format_money(fen) == shown
    assert fen_to_yuan_decimal(fen) == Decimal(yuan)
    assert str(fen_to_yuan_decimal(fen)) == yuan  # two places kept for Excel


amounts = st.integers(-MAX_FEN, MAX_FEN)


@given(amounts)
def test_format_parse_round_trip(fen):
    assert parse_money(format_money(fen)) == fen
    assert parse_money(fen_to_yuan_decimal(fen)) == fen
    assert parse_money(str(fen_to_yuan_decimal(fen))) == fen


@given(st.integers(-(10**11), 10**11))
def test_float_of_two_decimals_is_exact(fen):
    # What Excel hands over for a cell showing 12.34 is the float nearest to it.
    assert parse_money(fen / 100) == fen


# ---------------------------------------------------------------- 人民币大写

CAPITALS = [
    (0, "零元整"),
    (1, "壹分"),
    (5, "伍分"),
    (10, "壹角"),
    (50, "伍角"),
    (98, "玖角捌分"),
    (100, "壹元整"),
    (105, "壹元零伍分"),
    (110, "壹元壹角"),
    (150, "壹元伍角"),
    (155, "壹元伍角伍分"),
    (1000, "壹拾元整"),
    (1005, "壹拾元零伍分"),
    (1050, "壹拾元零伍角"),
    (1055, "壹拾元零伍角伍分"),
    (1100, "壹拾壹元整"),
    (2000, "贰拾元整"),
    (10000, "壹佰元整"),
    (10100, "壹佰零壹元整"),
    (11000, "壹佰壹拾元整"),
    (100100, "壹仟零壹元整"),
    (101000, "壹仟零壹拾元整"),
    (110000, "壹仟壹佰元整"),
    (100001, "壹仟元零壹分"),
    (100010, "壹仟元零壹角"),
    (168032, "壹仟陆佰捌拾元零叁角贰分"),
    (1000000, "壹万元整"),
    (1000500, "壹万零伍元整"),
    (1005000, "壹万零伍拾元整"),
    (1010000, "壹万零壹佰元整"),
    (1100000, "壹万壹仟元整"),
    (1234567, "壹万贰仟叁佰肆拾伍元陆角柒分"),
    (10000000, "壹拾万元整"),
    (10000010, "壹拾万元零壹角"),
    (10500000, "壹拾万零伍仟元整"),
    (10700053, "壹拾万零柒仟元零伍角叁分"),
    (100000000, "壹佰万元整"),
    (100100000, "壹佰万零壹仟元整"),
    (101000000, "壹佰零壹万元整"),
    (1000000000, "壹仟万元整"),
    (1000000100, "壹仟万零壹元整"),
    (1000100000, "壹仟万零壹仟元整"),
    (1001000000, "壹仟零壹万元整"),
    (1100000000, "壹仟壹佰万元整"),
    (10000000000, "壹亿元整"),
    (10000000100, "壹亿零壹元整"),
    (10000010000, "壹亿零壹佰元整"),
    (10000100000, "壹亿零壹仟元整"),
    (10001000000, "壹亿零壹万元整"),
    (10010000000, "壹亿零壹拾万元整"),
    (11000000000, "壹亿壹仟万元整"),
    (100000000000, "壹拾亿元整"),
    (100000000001, "壹拾亿元零壹分"),
    (2102128700600, "贰佰壹拾亿零贰仟壹佰贰拾捌万柒仟零陆元整"),
    (MAX_FEN, "玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分"),
    (-500, "负伍元整"),
    (-98, "负玖角捌分"),
    (-1000500, "负壹万零伍元整"),
]


@pytest.mark.parametrize(("fen", "capitals"), CAPITALS)
def test_capitals(fen, capitals):
    assert money_in_capitals(fen) == capitals


def test_capitals_refuses_huge_amounts():
    with pytest.raises(ValueFormatError):
        money_in_capitals(MAX_FEN + 1)


DIGITS = "零壹贰叁肆伍陆柒捌玖"
ALLOWED = set(DIGITS + "拾佰仟万亿元角分整负")


def read_capitals(text: str) -> int:
    """An independent reader for 大写 amounts, used only to check money_in_capitals."""
    sign = -1 if text.startswith("负") else 1
    text = text.removeprefix("负").removesuffix("整")
    yuan_text, _, cents_text = text.rpartition("元")
    fen = read_integer(yuan_text) * 100
    for unit, factor in (("角", 10), ("分", 1)):
        at = cents_text.find(unit)
        if at > 0:
            fen += DIGITS.index(cents_text[at - 1]) * factor
    return sign * fen


def read_integer(text: str) -> int:
    total = section = digit = 0
    for char in text:
        if char in DIGITS:
            digit = DIGITS.index(char)
        elif char in "拾佰仟":
            section += digit * 10 ** ("拾佰仟".index(char) + 1)
            digit = 0
        elif char == "万":
            total += (section + digit) * 10_000
            section = digit = 0
        elif char == "亿":
            total = (total + section + digit) * 100_000_000
            section = digit = 0
    return total + section + digit


@pytest.mark.parametrize(("fen", "capitals"), CAPITALS)
def test_reader_agrees_with_the_table(fen, capitals):
    assert read_capitals(capitals) == fen


@given(amounts)
def test_capitals_round_trip(fen):
    assert read_capitals(money_in_capitals(fen)) == fen


@given(amounts)
def test_capitals_shape(fen):
    text = money_in_capitals(fen)
    assert set(text) <= ALLOWED
    assert "零零" not in text
    assert not text.endswith("零")
    assert "零元" not in text or text == "零元整"
    assert text.endswith("整") == (fen % 100 == 0)
    assert text.startswith("负") == (fen < 0)
    body = text.removeprefix("负")
    assert not body.startswith("零") or body == "零元整"
    assert ("元" in text) == (abs(fen) >= 100 or fen == 0)


@given(st.integers(1, MAX_FEN))
def test_capitals_agree_with_cn2an_apart_from_optional_zeros(fen):
    # 会计基础工作规范 lets a 零 be written or left out where a 万/元 place is zero but the next
    # one is not; cn2an leaves it out (壹拾万元壹角), we write it (壹拾万元零壹角). Everything
    # else must match.
    yuan, cents = divmod(fen, 100)
    theirs = cn2an.an2cn(f"{yuan}.{cents:02d}", "rmb")
    assert money_in_capitals(fen).replace("零", "") == theirs.replace("零", "")
