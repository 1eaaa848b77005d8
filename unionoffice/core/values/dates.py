"""Dates: read what clerks type or Excel stores, keep ISO ``YYYY-MM-DD``, show ``2026年11月24日``."""

from __future__ import annotations

import datetime
import math
import re
import time
import unicodedata

from ..errors import ValueFormatError

FIELD = "date"
MIN_YEAR = 1900
MAX_YEAR = 2100

# Excel's 1900 date system counts 1900-01-01 as 1 and pretends 1900-02-29 (serial 60) existed,
# so serials from 61 on are one day ahead of a plain count from 1899-12-31.
_EXCEL_EPOCH_BEFORE_BUG = datetime.date(1899, 12, 31)
_EXCEL_EPOCH_AFTER_BUG = datetime.date(1899, 12, 30)
_EXCEL_FAKE_LEAP_DAY = 60
_EXCEL_MAX_SERIAL = 2958465  # 9999-12-31, Excel's last date

# Excel and databases add a time of day to dates ("2019-05-01 00:00:00"); it is dropped.
_TIME_SUFFIX = re.compile(r"(?:\s+|T)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?$")
_SEPARATED = re.compile(r"^(?P<y>\d{4})(?P<sep>[-/.])(?P<m>\d{1,2})(?:(?P=sep)(?P<d>\d{1,2}))?$")
_CHINESE = re.compile(r"^(?P<y>\d{4})年(?P<m>\d{1,2})月(?:(?P<d>\d{1,2})[日号]?)?$")
_COMPACT = re.compile(r"^(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})?$")  # 20190501, 201905


_DAY: tuple[float, float, datetime.date] = (0.0, 0.0, datetime.date.min)  # [start, end) of the local day


def today() -> datetime.date:
    """The current date; tests monkeypatch this one function to freeze time.

    Remembered until the local day ends (or the clock is set back before it began): an import
    of 50,000 members asks 80,000 times, and the clock is cheaper to read than the calendar."""
    global _DAY
    start, end, day = _DAY
    now = time.time()
    if start <= now < end:
        return day
    day = datetime.date.today()
    midnight = datetime.datetime.combine(day, datetime.time())
    _DAY = (midnight.timestamp(), (midnight + datetime.timedelta(days=1)).timestamp(), day)
    return day


def _error(message: str) -> ValueFormatError:
    return ValueFormatError(message, field=FIELD)


def _build(year: int, month: int, day: int) -> datetime.date:
    """A real date from parts, or an error that names the wrong part."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise _error(f"年份 {year} 不在 {MIN_YEAR}–{MAX_YEAR} 之间，请核对")
    if not 1 <= month <= 12:
        raise _error(f"月份不对：没有 {month} 月，应在 1–12 之间")
    try:
        return datetime.date(year, month, day)
    except ValueError:
        raise _error(f"日期不存在：{year}年{month}月没有 {day} 日") from None


def _from_excel_serial(serial: int | float) -> datetime.date:
    whole = math.floor(serial)  # a time of day after the point is dropped
    if whole == _EXCEL_FAKE_LEAP_DAY:
        raise _error("Excel 日期数字 60 表示不存在的 1900年2月29日，请核对")
    if not 1 <= whole <= _EXCEL_MAX_SERIAL:
        raise _error(f"无法把数字 {serial} 当作日期，请写成 2019-05-01 这样的格式")
    epoch = _EXCEL_EPOCH_BEFORE_BUG if whole < _EXCEL_FAKE_LEAP_DAY else _EXCEL_EPOCH_AFTER_BUG
    result = epoch + datetime.timedelta(days=whole)
    if not MIN_YEAR <= result.year <= MAX_YEAR:
        raise _error(f"Excel 日期数字 {serial} 对应 {result.year} 年，不在 {MIN_YEAR}–{MAX_YEAR} 之间")
    return result


def _from_number(value: int | float) -> datetime.date:
    # A date typed as 20190501 or 201905 lands in Excel as a plain number, far beyond any
    # plausible serial (2100-12-31 is 73415), so read those digits as the date they show.
    if not math.isfinite(value):
        raise _error("无法识别的日期数字")
    if value == int(value) and len(str(int(value))) in (6, 8):
        return _from_text(str(int(value)))
    if MIN_YEAR <= value < MAX_YEAR + 1:
        # As a serial this is a day in 1905; what the clerk typed was a year, or "2019.5"
        # (May — or October, since 2019.10 is the same number): never guess which.
        if value == int(value):
            raise _error(f"“{int(value)}”只有年份，请写出月份，如 {int(value)}-05-01 或 {int(value)}年5月")
        raise _error(f"“{value:g}”被 Excel 存成了数字（2019.10 会变成 2019.1），看不出是几月，"
                     "请把该列设为文本，写成 2019-05-01 或 2019年5月")
    return _from_excel_serial(value)


# What clerks write in a cell they have no date for: read as no date, not as an error.
NO_VALUE = frozenset({"无", "暂无", "没有", "空", "未知", "不详", "/", "\\", "-", "--", "—", "——", "－"})


def _from_text(value: str) -> datetime.date | None:
    # NFKC leaves ASCII as it is; a time needs a colon; a roll's 50,000 dates skip what they can
    text = (value if value.isascii() else unicodedata.normalize("NFKC", value)).strip()
    if not text or text in NO_VALUE:
        return None
    if ":" in text:
        text = _TIME_SUFFIX.sub("", text)
    text = "".join(text.split())
    for pattern in (_SEPARATED, _CHINESE, _COMPACT):
        match = pattern.match(text)
        if match:
            # A month without a day ("2019年5月", "2019/05") means its first day.
            return _build(int(match["y"]), int(match["m"]), int(match["d"] or 1))
    raise _error(f"无法识别的日期“{value.strip()}”，请写成 2019-05-01 这样的格式")


def parse_date(value: object) -> datetime.date | None:
    """A date from text, a date/datetime or an Excel serial; None when empty."""
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, bool):
        raise _error("无法把“是/否”当作日期")
    if isinstance(value, int | float):
        return _from_number(value)
    if isinstance(value, str):
        return _from_text(value)
    raise _error(f"无法识别的日期“{value}”")


def to_iso(value: object) -> str:
    """'YYYY-MM-DD' for storage; '' when empty."""
    parsed = parse_date(value)
    return parsed.isoformat() if parsed else ""


def format_date_cn(value: object) -> str:
    """'2026年11月24日' from a date or ISO text; '' when empty."""
    parsed = parse_date(value)
    return f"{parsed.year}年{parsed.month}月{parsed.day}日" if parsed else ""


def add_years(d: datetime.date, years: int) -> datetime.date:
    """Same day ``years`` later (e.g. a union term); 2月29日 falls back to 2月28日."""
    try:
        return d.replace(year=d.year + years)
    except ValueError:
        return d.replace(year=d.year + years, day=28)
