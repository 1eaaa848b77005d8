"""Phone numbers: one normal form for mobiles and landlines, masking for lists."""

import re

import pytest
from hypothesis import given, strategies as st

from unionoffice.core.errors import ValueFormatError
from unionoffice.core.values.phones import mask_phone, normalize_phone

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize(
    ("raw", "normal"),
    [
        ("13800138000", "13800138000"),
        (13800138000, "13800138000"),
        (13800138000.0, "13800138000"),  # Excel number: 11 digits are exact in a float
        ("138 0013 8000", "13800138000"),
        ("138-0013-8000", "13800138000"),
        ("138.0013.8000", "13800138000"),
        ("+86 13800138000", "13800138000"),
        ("+86-138-0013-8000", "13800138000"),
        ("008613800138000", "13800138000"),
        ("8613800138000", "13800138000"),
        ("１３８００１３８０００", "13800138000"),
        ("\u300013800138000\u3000", "13800138000"),
        ("19912345678", "19912345678"),
        ("021-12345678", "021-12345678"),
        ("02112345678", "021-12345678"),
        ("021 1234 5678", "021-12345678"),
        ("(021)12345678", "021-12345678"),
        ("（021）12345678", "021-12345678"),
        ("010-87654321", "010-87654321"),
        ("0571-8888888", "0571-8888888"),
        ("0571-88888888", "0571-88888888"),
        ("0571-8888888-123", "0571-8888888-123"),
        ("0571-88888888转123", "0571-88888888-123"),
        ("0571-88888888 分机 1234", "0571-88888888-1234"),
        ("010-12345678 ext 8", "010-12345678-8"),
        ("010-12345678#8", "010-12345678-8"),
        ("+86 21 1234 5678", "021-12345678"),
        ("88888888", "88888888"),  # local number, no area code
        ("6666666", "6666666"),
        ("400-123-4567", "400-123-4567"),
        ("4001234567", "400-123-4567"),
        ("", ""),
        ("   ", ""),
        (None, ""),
    ],
)
def test_normalize(raw, normal):
    assert normalize_phone(raw) == normal


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        ("abc", "“abc”无法识别"),
        ("1380013800", "无法识别"),  # 10 digits
        ("138001380001", "无法识别"),  # 12 digits
        ("12800138000", "第二位应为 3–9"),
        ("13800138000/13900139000", "一格只能填一个电话号码"),
        ("13800138000、13900139000", "一格只能填一个电话号码"),
        ("13800138000，13900139000", "一格只能填一个电话号码"),
        ("0000-1234567", "无法识别"),
        ("021-1234567890", "无法识别"),
        ("13800138000转12", "无法识别"),  # mobiles have no extensions
        ("1380013", "无法识别"),  # too short for a mobile, not a local landline
        ("123", "无法识别"),
        ("+1 650 555 1234", "不是国内号码"),
        (138.5, "不是整数"),
        (float("nan"), "不是整数"),
        (True, "是/否"),
        ([1], "无法识别"),
    ],
)
def test_refuses(raw, words):
    with pytest.raises(ValueFormatError) as info:
        normalize_phone(raw)
    assert words in str(info.value)
    assert CJK.search(str(info.value))
    assert info.value.field == "phone"


@pytest.mark.parametrize(
    ("phone", "masked"),
    [
        ("13800138000", "138****8000"),
        ("021-12345678", "021-****5678"),
        ("0571-8888888-123", "0571-***8888-123"),
        ("88888888", "****8888"),
        ("400-123-4567", "********4567"),
        ("", ""),
        (None, ""),
    ],
)
def test_mask(phone, masked):
    assert mask_phone(phone) == masked


mobiles = st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True)


@given(mobiles, st.sampled_from(["{}", " {} ", "{:.0f}", "+86 {}", "86{}"]), st.booleans())
def test_mobile_forms_normalise_to_the_digits(mobile, pattern, as_number):
    raw = pattern.format(float(mobile) if pattern == "{:.0f}" else mobile)
    assert normalize_phone(raw) == mobile
    if as_number:
        assert normalize_phone(float(mobile)) == mobile
        assert normalize_phone(int(mobile)) == mobile


@given(mobiles, st.lists(st.integers(1, 10), max_size=3, unique=True))
def test_mobile_with_separators(mobile, cuts):
    pieces, last = [], 0
    for cut in sorted(cuts):
        pieces.append(mobile[last:cut])
        last = cut
    pieces.append(mobile[last:])
    assert normalize_phone("-".join(pieces)) == mobile
    assert normalize_phone(" ".join(pieces)) == mobile


@given(mobiles)
def test_mask_hides_the_middle(mobile):
    masked = mask_phone(normalize_phone(mobile))
    assert masked == mobile[:3] + "****" + mobile[7:]


landlines = st.tuples(
    st.sampled_from(["010", "021", "022", "0571", "0755", "0931"]),
    st.from_regex(r"[2-9][0-9]{6,7}", fullmatch=True),
)


@given(landlines)
def test_landline_forms(landline):
    area, number = landline
    normal = f"{area}-{number}"
    assert normalize_phone(area + number) == normal
    assert normalize_phone(f"({area}){number}") == normal
    assert normalize_phone(f"+86 {area[1:]} {number}") == normal
    assert normalize_phone(normal) == normal  # idempotent
    assert mask_phone(normal) == f"{area}-" + "*" * (len(number) - 4) + number[-4:]
