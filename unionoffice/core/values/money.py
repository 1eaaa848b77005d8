"""Money is an integer number of fen (分) everywhere; these helpers cross that border.

Parsing accepts what clerks type ('1,234.5', '￥12', '300元', full-width digits) and what Excel
stores (floats), but refuses anything it would have to guess at, such as '1.234'.
"""

from __future__ import annotations

import math
import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal

from ..errors import ValueFormatError

FIELD = "amount"
# Below 1 万亿 yuan, so every amount can be written in capitals with 亿 as the top unit.
MAX_FEN = 10**14 - 1

_PLAIN_NUMBER = re.compile(r"^(\d+(\.\d*)?|\.\d+)$")
# Thousands separators must sit every three digits left of the point: '1,234.5' yes,
# '12,5' no — that may be a decimal comma and we don't guess.
_GROUPED = re.compile(r"^\d{1,3}(,\d{3})+(\.\d*)?$")
_CURRENCY_PREFIXES = ("人民币", "RMB", "¥")
_MINUS_SIGNS = str.maketrans({"\u2212": "-", "\u2013": "-", "\u2014": "-"})


def _error(message: str) -> ValueFormatError:
    return ValueFormatError(message, field=FIELD)


def _checked(fen: int) -> int:
    if abs(fen) > MAX_FEN:
        raise _error("金额过大，请核对（须小于 1 万亿元）")
    return fen


def _exact_fen(amount: Decimal, shown: str) -> int:
    """Yuan → fen when the amount has at most two decimals that matter."""
    fen = amount * 100
    if fen != fen.to_integral_value():
        raise _error(f"金额“{shown}”超过两位小数，最多只能精确到分")
    return _checked(int(fen))


def _strip_currency(text: str) -> str:
    for prefix in _CURRENCY_PREFIXES:
        if text.upper().startswith(prefix):
            return text[len(prefix) :]
    return text


def _split_sign(text: str) -> tuple[int, str]:
    """Sign and currency marker may come in either order: '-¥50', '¥-50', 'RMB50元'."""
    text = _strip_currency(text)
    sign = -1 if text[:1] == "-" else 1
    if text[:1] in ("+", "-"):
        text = _strip_currency(text[1:])
    return sign, text.removesuffix("元")


def _from_text(value: str) -> int:
    text = "".join(unicodedata.normalize("NFKC", value).translate(_MINUS_SIGNS).split())
    if not text:
        raise _error("金额为空")
    sign, number = _split_sign(text)
    if "," in number:
        if not _GROUPED.match(number):
            raise _error(f"金额“{value.strip()}”中的逗号位置不对，请去掉逗号或改为 1,234.50 的写法")
        number = number.replace(",", "")
    if not _PLAIN_NUMBER.match(number):
        bad = next((c for c in number if not (c.isdigit() or c == ".")), None)
        if bad is None:
            raise _error(f"金额“{value.strip()}”的格式不对，请写成 1234.50 这样的数字")
        raise _error(f"金额“{value.strip()}”中有无法识别的字符“{bad}”，请只写数字")
    return sign * _exact_fen(Decimal(number), value.strip())


def parse_money(value: object) -> int:
    """An amount in yuan (text, int, Decimal or Excel float) → integer fen. Empty is an error."""
    if value is None:
        raise _error("金额为空")
    if isinstance(value, bool):
        raise _error("无法把“是/否”当作金额")
    if isinstance(value, int):
        return _checked(value * 100)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise _error("金额不是有效的数字")
        # str() gives the shortest decimal that round-trips, so Excel's 0.30000000000000004
        # becomes 0.3 before rounding instead of leaking binary noise into the fen.
        yuan = Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        return _checked(int(yuan * 100))
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise _error("金额不是有效的数字")
        return _exact_fen(value, str(value))
    if isinstance(value, str):
        return _from_text(value)
    raise _error(f"无法识别的金额“{value}”")


def parse_money_optional(value: object) -> int | None:
    """Like parse_money, but None for an empty cell (None, '' or only spaces)."""
    if value is None or (isinstance(value, str) and not "".join(value.split())):
        return None
    return parse_money(value)


def format_money(fen: int) -> str:
    """'1,234.50' (negative: '-1,234.50')."""
    yuan, cents = divmod(abs(fen), 100)
    return f"{'-' if fen < 0 else ''}{yuan:,}.{cents:02d}"


def fen_to_yuan_decimal(fen: int) -> Decimal:
    """Decimal('1234.50'): for Excel cells and arithmetic that must stay exact."""
    return Decimal(fen).scaleb(-2)


# ---------------------------------------------------------------- 人民币大写

_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_PLACE_UNITS = ("", "拾", "佰", "仟")
_SECTION_UNITS = ("", "万", "亿")


def _integer_capitals(yuan: int) -> str:
    """Yuan in capitals, reading digits from the top.

    Any run of zeros followed by a non-zero digit becomes one 零 (壹万零伍, 壹亿零壹佰);
    万/亿 is written after each four-digit section that has a non-zero digit.
    """
    digits = str(yuan)
    parts: list[str] = []
    zero_pending = False
    section_has_digit = False
    for index, char in enumerate(digits):
        place = len(digits) - 1 - index
        digit = int(char)
        if digit:
            if zero_pending:
                parts.append("零")
            parts.append(_DIGITS[digit] + _PLACE_UNITS[place % 4])
            zero_pending = False
            section_has_digit = True
        else:
            zero_pending = True
        if place % 4 == 0:
            if section_has_digit:
                parts.append(_SECTION_UNITS[place // 4])
            section_has_digit = False
    return "".join(parts)


def _fraction_capitals(yuan: int, jiao: int, fen: int) -> str:
    if not jiao and not fen:
        return "整"
    # 零 marks skipped places after the yuan: 壹拾万元零壹角, 壹元零伍分; none without yuan.
    needs_zero = yuan > 0 and (yuan % 10 == 0 or jiao == 0)
    return (
        ("零" if needs_zero else "")
        + (_DIGITS[jiao] + "角" if jiao else "")
        + (_DIGITS[fen] + "分" if fen else "")
    )


def money_in_capitals(fen: int) -> str:
    """人民币大写: 壹万零伍元整, 壹拾万元零壹角, 玖角捌分, 零元整, 负伍元整."""
    if abs(fen) > MAX_FEN:
        raise _error("金额过大，无法写成大写")
    if fen == 0:
        return "零元整"
    yuan, cents = divmod(abs(fen), 100)
    jiao, fen_digit = divmod(cents, 10)
    text = (_integer_capitals(yuan) + "元") if yuan else ""
    return ("负" if fen < 0 else "") + text + _fraction_capitals(yuan, jiao, fen_digit)


def money_and_goods(amount: int, goods_value: int = 0) -> str:
    """'1,300.00 元' or '1,300.00 元，实物折合 150.00 元': money and goods apart, as the printed
    发放表 shows them (a sum of both would not match any paper)."""
    text = f"{format_money(amount)} 元"
    return text + (f"，实物折合 {format_money(goods_value)} 元" if goods_value else "")
