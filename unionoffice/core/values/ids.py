"""身份证号 (GB 11643) and 统一社会信用代码 (GB 32100): normalise, check, derive.

Values arrive from Excel sheets typed by hand, so the normalisers accept the usual mess
(spaces, full-width characters, lower-case x, numbers) but never *guess*: a number that Excel
has already rounded is refused with a message telling the clerk how to fix the sheet.
"""

from __future__ import annotations

import datetime
import operator
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from stdnum.cn import uscc

from . import dates
from ..errors import ValueFormatError

ID_FIELD = "id_number"
CREDIT_FIELD = "credit_code"

# Excel keeps 15 significant digits; anything longer has lost its tail.
_EXCEL_DIGITS = 15
_EXCEL_LOST = "身份证号被 Excel 存成了数字，末几位已丢失，请把该列设为文本后重新录入"
_EXCEL_HINT = "；末几位是 0，可能是 Excel 把它存成了数字，请把该列设为文本后重新录入"

# Zero-width characters survive copy-paste from web pages and are not str.isspace().
_INVISIBLE = re.compile(r"[\s\u200b-\u200d\u2060\ufeff]+")
_NUMBER_SHAPED = re.compile(r"^[+-]?\d+(\.\d*)?([eE][+-]?\d+)?$")


# A leading apostrophe is how a clerk makes Excel keep a number as text; sheets that went
# through CSV or WPS sometimes carry it as a real character (also as a typographic quote).
_QUOTES = "'`‘’\"“”"


def _clean_text(value: str) -> str:
    """Full-width → half-width (NFKC), all whitespace and enclosing quotes removed, upper-case."""
    return _INVISIBLE.sub("", unicodedata.normalize("NFKC", value)).strip(_QUOTES).upper()


# ---------------------------------------------------------------- 身份证号


def id_check_digit(first17: str) -> str:
    """The GB 11643 check character ('0'–'9' or 'X') for the first 17 digits."""
    if len(first17) != 17 or not first17.isascii() or not first17.isdigit():
        raise ValueError(f"need 17 digits, got {first17!r}")
    return _check_char(first17)


# GB 11643 weights 2^(17-i) mod 11 and the check character per remainder (as stdnum's ric has
# them; tests compare the two).
_WEIGHTS = tuple(pow(2, 17 - i, 11) for i in range(17))
_CHECK_CHARS = "10X98765432"


def _check_char(first17: str) -> str:
    """The check character of 17 ASCII digits, worked out by ``int`` in C (an import checks 50,000).

    The weighted sum Σ dᵢ·2^(17−i) mod 11 is 2·Σ dᵢ·2^(16−i); and as 13 ≡ 2 (mod 11), that is
    2 · int(first17, base 13) mod 11 — digits 0–9 all being valid in base 13."""
    if first17.isascii() and first17.isdigit():
        return _CHECK_CHARS[2 * int(first17, 13) % 11]
    return _CHECK_CHARS[sum(map(operator.mul, map(int, first17), _WEIGHTS)) % 11]


def _from_number(value: int | float | Decimal) -> str:
    """Digits of a number Excel handed us, or refuse if precision may be lost."""
    if isinstance(value, float | Decimal):
        if not Decimal(value).is_finite() or value != int(value):
            raise ValueFormatError(_EXCEL_LOST, field=ID_FIELD)
        value = int(value)
    if value < 0:
        raise ValueFormatError("身份证号不能是负数", field=ID_FIELD)
    digits = str(value)
    if len(digits) > _EXCEL_DIGITS:
        raise ValueFormatError(_EXCEL_LOST, field=ID_FIELD)
    # A 15-digit number is exact in Excel and may be an old 15-digit ID.
    return digits


def _from_number_text(text: str) -> str:
    """'1.10101199003074E+17' or '110101199003074000.0' is a number Excel turned into text."""
    try:
        number = Decimal(text)
    except InvalidOperation:  # pragma: no cover - the regex only lets numbers through
        raise ValueFormatError(_EXCEL_LOST, field=ID_FIELD) from None
    return _from_number(number)


def _raw_id_text(value: object) -> str:
    if value is None:
        raise ValueFormatError("身份证号为空", field=ID_FIELD)
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return _from_number(value)
    if not isinstance(value, str):
        raise ValueFormatError("身份证号应为文字", field=ID_FIELD)
    text = _clean_text(value)
    if not text:
        raise ValueFormatError("身份证号为空", field=ID_FIELD)
    if ("." in text or "E" in text) and _NUMBER_SHAPED.match(text):
        return _from_number_text(text)
    return text


def _check_characters(text: str) -> None:
    bad = [c for c in text if not ("0" <= c <= "9" or c == "X")]
    if bad:
        raise ValueFormatError(
            f"身份证号只能由数字和末位的 X 组成，其中有“{bad[0]}”", field=ID_FIELD
        )
    if len(text) not in (15, 18):
        raise ValueFormatError(
            f"身份证号长度不对：应为 18 位（旧证 15 位），现在是 {len(text)} 位", field=ID_FIELD
        )
    if "X" in text[:-1] or (len(text) == 15 and text.endswith("X")):
        raise ValueFormatError("身份证号中的 X 只能出现在第 18 位（末位）", field=ID_FIELD)


def _check_birth_date(id18: str) -> None:
    birth = _birth_of(id18[6:14])
    if birth.year < 1900:
        raise ValueFormatError(
            f"身份证号中的出生日期 {birth.isoformat()} 早于 1900 年，请核对", field=ID_FIELD
        )
    if birth > dates.today():
        raise ValueFormatError(
            f"身份证号中的出生日期 {birth.isoformat()} 晚于今天，请核对", field=ID_FIELD
        )


def _birth_or_error(id18: str) -> datetime.date:
    return _birth_of(id18[6:14])


@lru_cache(maxsize=1 << 15)
def _birth_of(digits: str) -> datetime.date:
    """YYYYMMDD as a date (cached: a roll's 50,000 people share some 15,000 birthdays)."""
    try:
        return datetime.date(int(digits[0:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        raise ValueFormatError(
            f"身份证号中的出生日期无效：{digits} 不是真实的日期", field=ID_FIELD
        ) from None


def _upgrade_15(id15: str) -> str:
    # Old IDs carry a 2-digit year; every holder was born in the 1900s.
    first17 = id15[:6] + "19" + id15[6:]
    return first17 + id_check_digit(first17)


def normalize_id_number(value: object) -> str:
    """An ID as stored: 18 characters, upper-case, checksum-valid. Raises ValueFormatError."""
    if value.__class__ is str and len(value) == 18 and value.isascii() and value[:17].isdigit() \
            and (value[17].isdigit() or value[17] in "Xx"):
        return _plain_id(value)
    text = _raw_id_text(value)
    _check_characters(text)
    if len(text) == 15:
        id18 = _upgrade_15(text)
        _check_birth_date(id18)
        return id18
    _check_birth_date(text)
    if text[17] != _check_char(text[:17]):
        _wrong_check_digit(text)
    return text


def _plain_id(text: str) -> str:
    """An ID typed cleanly — 17 ASCII digits and a digit or X (most of a 50,000-row roll): the
    same checks as any other, without the clean-up of messy input."""
    if text[17] == "x":
        text = text.upper()
    birth = _birth_of(text[6:14])
    if birth.year < 1900 or birth > dates.today():
        _check_birth_date(text)  # says which
    if text[17] != _CHECK_CHARS[2 * int(text[:17], 13) % 11]:  # see _check_char
        _wrong_check_digit(text)
    return text


def _wrong_check_digit(text: str) -> None:
    hint = _EXCEL_HINT if text.endswith("000") else "，号码中有数字录错了，请对照证件核对"
    raise ValueFormatError("身份证号校验位不对" + hint, field=ID_FIELD)


def is_valid_id_number(value: object) -> bool:
    try:
        normalize_id_number(value)
    except ValueFormatError:
        return False
    return True


def id_birth_date(id18: str) -> datetime.date:
    """Birth date encoded in an ID (a 15-digit one is upgraded first)."""
    return _birth_or_error(normalize_id_number(id18))


def id_gender(id18: str) -> str:
    """'男' or '女': the 17th digit is odd for men (GB 11643)."""
    return "男" if int(normalize_id_number(id18)[16]) % 2 else "女"


def mask_id_number(id18: str | None) -> str:
    """'110101********1234': keeps region and the last 4, hides birth date and sequence."""
    if not id18:
        return ""
    text = str(id18)
    if len(text) > 10:
        return text[:6] + "*" * (len(text) - 10) + text[-4:]
    # Not a real ID; still show no more than its last 4 characters.
    keep = max(0, min(4, len(text) - 4))
    return "*" * (len(text) - keep) + text[len(text) - keep :]


def make_id_number(region: str, birth: datetime.date, seq: int) -> str:
    """A checksum-valid ID for demo data: seq 0–999, odd seq = 男."""
    if len(region) != 6 or not region.isdigit():
        raise ValueError(f"region must be 6 digits, got {region!r}")
    if not 0 <= seq <= 999:
        raise ValueError(f"seq must be 0–999, got {seq}")
    first17 = f"{region}{birth:%Y%m%d}{seq:03d}"
    return first17 + id_check_digit(first17)


# ---------------------------------------------------------------- 统一社会信用代码

# GB 32100 leaves out I O S V Z so they can't be confused with 1 0 5 U 2.
_USCC_ALPHABET = frozenset("0123456789ABCDEFGHJKLMNPQRTUWXY")
_LOOKALIKES = {"I": "1", "O": "0", "S": "5", "V": "U", "Z": "2"}


def credit_code_check_char(first17: str) -> str:
    """The GB 32100 check character for the first 17 characters."""
    if len(first17) != 17 or any(c not in _USCC_ALPHABET for c in first17):
        raise ValueError(f"need 17 code characters, got {first17!r}")
    return uscc.calc_check_digit(first17)


def _check_credit_characters(code: str) -> None:
    for c in code:
        if c in _LOOKALIKES:
            raise ValueFormatError(
                f"统一社会信用代码中不会有字母 {c}，可能是 {_LOOKALIKES[c]} 录错了，请核对",
                field=CREDIT_FIELD,
            )
        if c not in _USCC_ALPHABET:
            raise ValueFormatError(
                f"统一社会信用代码只能由数字和大写字母组成，其中有“{c}”", field=CREDIT_FIELD
            )


def normalize_credit_code(value: object) -> str:
    """A 统一社会信用代码 as stored: 18 characters, upper-case, checksum-valid."""
    if value is None:
        raise ValueFormatError("统一社会信用代码为空", field=CREDIT_FIELD)
    if not isinstance(value, str):
        # An all-digit code that Excel stored as a number has lost its tail.
        raise ValueFormatError("统一社会信用代码应为文字，请把该列设为文本后重新录入", field=CREDIT_FIELD)
    code = _clean_text(value).replace("-", "")
    if not code:
        raise ValueFormatError("统一社会信用代码为空", field=CREDIT_FIELD)
    _check_credit_characters(code)
    if len(code) != 18:
        raise ValueFormatError(
            f"统一社会信用代码长度不对：应为 18 位，现在是 {len(code)} 位", field=CREDIT_FIELD
        )
    # stdnum.cn.uscc.validate() demands 8 leading digits, but GB 32100 allows letters in
    # the first two places (e.g. N2… for village collectives), so check positions 3–8 here.
    if not code[2:8].isdigit():
        raise ValueFormatError(
            "统一社会信用代码第 3–8 位应为行政区划代码（数字），请核对", field=CREDIT_FIELD
        )
    if code[17] != credit_code_check_char(code[:17]):
        raise ValueFormatError(
            "统一社会信用代码校验位不对，其中有字符录错了，请对照营业执照核对", field=CREDIT_FIELD
        )
    return code


def is_valid_credit_code(value: object) -> bool:
    try:
        normalize_credit_code(value)
    except ValueFormatError:
        return False
    return True
