"""Phone numbers: one normal form so search and duplicate checks see the same digits.

Mobiles become 11 digits ('13800138000'); landlines 'area-number[-extension]'
('021-12345678', '0571-8888888-123'); a local landline without area code stays as typed digits.
"""

from __future__ import annotations

import math
import re
import unicodedata

from . import dates
from ..errors import ValueFormatError

FIELD = "phone"

_SEPARATORS = re.compile(r"[\s\-()（）.]+")
_EXTENSION = re.compile(r"^(?P<main>.*?)\s*(?:转|分机|EXT\.?|X|#)\s*(?P<ext>\d{1,6})$")
_SEVERAL = re.compile(r"[/、,;，；|]")
_COUNTRY = re.compile(r"^(?:\+|00)86")
_FOREIGN = re.compile(r"^(?:\+|00)[1-9]")
_MOBILE = re.compile(r"^1[3-9]\d{9}$")
# Without an area code a number starting with 1 is more likely a mobile with digits missing.
_LOCAL = re.compile(r"^[2-9]\d{6,7}$")
_AFTER_AREA = re.compile(r"^[1-9]\d{6,7}$")
_SERVICE = re.compile(r"^[48]00\d{7}$")  # 400/800 hotlines


def _error(message: str) -> ValueFormatError:
    return ValueFormatError(message, field=FIELD)


def _landline(digits: str) -> str | None:
    """'02112345678' → '021-12345678'. Beijing (010) and 02x have 3-digit area codes."""
    if not digits.startswith("0"):
        return None
    area_length = 3 if digits[1] in "12" else 4
    area, number = digits[:area_length], digits[area_length:]
    if area.startswith("00") or not _AFTER_AREA.match(number):
        return None
    return f"{area}-{number}"


def _main_number(digits: str) -> str | None:
    if _MOBILE.match(digits) or _LOCAL.match(digits):
        return digits
    if _SERVICE.match(digits):
        return f"{digits[:3]}-{digits[3:6]}-{digits[6:]}"
    return _landline(digits)


def _from_digits(text: str) -> str | None:
    """The normal form of one number without its extension, or None."""
    international = _COUNTRY.match(text)
    if international:
        text = text[international.end() :]
    digits = _SEPARATORS.sub("", text)
    if not digits.isdigit():
        return None
    if international and not digits.startswith("0") and not _MOBILE.match(digits):
        digits = "0" + digits  # +86 21 1234 5678 is 021-12345678 at home
    elif not international and len(digits) == 13 and digits.startswith("861"):
        digits = digits[2:]  # 8613800138000: the + was lost
    return _main_number(digits)


def _with_extension(text: str) -> str | None:
    """'0571-8888888-123' / '0571-8888888转123': a landline followed by an extension."""
    match = _EXTENSION.match(text)
    if not match:
        main, _, ext = text.rpartition("-")
        if not main or not ext.isdigit() or len(ext) > 6:
            return None
    else:
        main, ext = match["main"], match["ext"]
    number = _from_digits(main)
    if number is None or _MOBILE.match(number):
        return None
    return f"{number}-{ext}"


def _text_of(value: object) -> str:
    if isinstance(value, bool):
        raise _error("无法把“是/否”当作电话号码")
    if isinstance(value, float):
        # 11 digits fit a float exactly, so a phone Excel stored as a number is intact.
        if not math.isfinite(value) or value != int(value):
            raise _error(f"电话号码“{value}”不是整数，请核对")
        value = int(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return unicodedata.normalize("NFKC", value).strip().upper()
    raise _error(f"无法识别的电话号码“{value}”")


def _refusal(text: str, shown: str) -> ValueFormatError:
    """The most specific reason we can give for a number we could not read."""
    if _FOREIGN.match(text) and not _COUNTRY.match(text):
        return _error(f"电话号码“{shown}”不是国内号码，只能填写国内的手机或座机")
    digits = re.sub(r"\D", "", text)
    if len(digits) == 11 and digits.startswith("1"):
        return _error(f"手机号“{shown}”不对：第二位应为 3–9，请核对")
    return _error(f"电话号码“{shown}”无法识别：手机应为 11 位，座机写成 021-12345678")


def normalize_phone(value: object) -> str:
    """Normal form of one phone number; '' for empty. Raises ValueFormatError."""
    if value is None:
        return ""
    # a plain mobile (most of a 50,000-row roll), as text or as a number: already its normal form
    if value.__class__ is str:
        if len(value) == 11 and value.isascii() and _MOBILE.match(value):
            return value
    elif value.__class__ is float and 1e10 <= value < 2e10 and value.is_integer():
        if _MOBILE.match(digits := str(int(value))):
            return digits
    text = _text_of(value)
    if not text or text in dates.NO_VALUE:
        return ""  # 无 / 暂无 / "/": the clerk has no number for this person
    shown = str(value).strip()
    if _SEVERAL.search(text):
        raise _error(f"“{shown}”像是多个号码，一格只能填一个电话号码")
    number = _from_digits(text) or _with_extension(text)
    if number is None:
        raise _refusal(text, shown)
    return number


def mask_phone(phone: str | None) -> str:
    """'138****8000'; landlines keep area code and last 4 digits: '021-****5678'."""
    if not phone:
        return ""
    if _MOBILE.match(phone):
        return phone[:3] + "****" + phone[-4:]
    area, dash, rest = phone.partition("-")
    if dash and area.startswith("0"):
        number, dash2, ext = rest.partition("-")
        return f"{area}-{_mask_tail(number)}{dash2}{ext}"
    return _mask_tail(phone)


def _mask_tail(text: str) -> str:
    keep = min(4, max(0, len(text) - 3))
    return "*" * (len(text) - keep) + text[len(text) - keep :]
