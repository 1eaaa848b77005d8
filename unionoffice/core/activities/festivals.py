"""Festivals and the office's closed days, for planning next year's activities.

Lunar festivals (元宵、端午、中秋…) fall on a different Gregorian day every year; their dates come
from ``lunardate`` (a maintained lunar calendar). Public holidays and 调休 workdays are set by the
State Council each November; ``chinese_calendar`` carries them for the years published so far,
and a year it does not know yet is said to be unknown rather than guessed.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

# name → (lunar month, lunar day); day 0 is the last day of the month before the next new year (除夕)
LUNAR = {
    "春节": (1, 1), "元宵": (1, 15), "端午": (5, 5), "七夕": (7, 7), "中秋": (8, 15),
    "重阳": (9, 9), "腊八": (12, 8), "小年": (12, 23), "除夕": (0, 0),
}
# spoken names → festival (a title like “闹元宵猜灯谜” or “敬老重阳宴” finds its festival)
ALIASES = {"元宵节": "元宵", "灯节": "元宵", "端午节": "端午", "端阳": "端午", "中秋节": "中秋",
           "重阳节": "重阳", "敬老节": "重阳", "七夕节": "七夕", "腊八节": "腊八", "年三十": "除夕",
           "大年三十": "除夕", "新春": "春节"}
# Solar terms an office marks (冬至 dumplings, 清明 remembrance): their dates come from the same
# holiday library's solar-term table, which moves them between the 4th–6th, 20th–23rd of a month.
SOLAR_TERMS = ("立春", "清明", "立夏", "夏至", "立秋", "立冬", "冬至")
FESTIVAL_NAMES = tuple(LUNAR) + SOLAR_TERMS
EXACT_OFFSET_DAYS = 3  # the eve or the day after stays exactly that
MAX_OFFSET_DAYS = 45  # an activity this close to its festival keeps its distance to it (送春联 three weeks before 春节)


def festival_of(title: str, festival: str = "") -> str | None:
    """The festival (lunar, or a solar term) an activity is tied to: its 节日 field, else one named in
    its title."""
    for text in (festival.strip(), title):
        if not text:
            continue
        for name in sorted([*LUNAR, *ALIASES, *SOLAR_TERMS], key=len, reverse=True):
            if name in text:
                return ALIASES.get(name, name)
    return None


def festival_date(name: str, year: int) -> datetime.date:
    """The Gregorian date of festival ``name`` (lunar, or a solar term) in Gregorian ``year``."""
    if name in SOLAR_TERMS:
        return _solar_term(name, year)
    from lunardate import LunarDate

    month, day = LUNAR[name]
    if name == "除夕":  # the eve of next lunar new year, which falls in January/February of year + 1…
        eve = LunarDate(year, 1, 1).to_solar_date() - datetime.timedelta(days=1)
        return eve if eve.year == year else LunarDate(year + 1, 1, 1).to_solar_date() - datetime.timedelta(days=1)
    return LunarDate(year, month, day).to_solar_date()


def _solar_term(name: str, year: int) -> datetime.date:
    import chinese_calendar

    terms = chinese_calendar.get_solar_terms(datetime.date(year, 1, 1), datetime.date(year, 12, 31))
    return next(day for day, term in terms if term == name)


def unknown_festival(festival: str) -> bool:
    """A 节日 typed into the field that no calendar here knows (the copy then keeps the weekday)."""
    text = (festival or "").strip()
    return bool(text) and festival_of("", text) is None


def moved_to_festival(day: datetime.date, name: str, to_year: int) -> datetime.date | None:
    """``day`` moved with festival ``name`` into ``to_year``: on the festival (or its eve) keeps
    exactly its distance to it; further away (the Saturday a week before 端午) keeps the distance
    and then its weekday (a Saturday about a week before 端午 next year). None when ``day`` is too
    far from the festival to be tied to it."""
    festival = festival_date(name, day.year)
    offset = (day - festival).days
    if abs(offset) > MAX_OFFSET_DAYS:
        return None
    target = festival_date(name, to_year) + datetime.timedelta(days=offset)
    if abs(offset) > EXACT_OFFSET_DAYS:
        target += datetime.timedelta(days=(day.weekday() - target.weekday() + 3) % 7 - 3)
    return target


@dataclass(frozen=True)
class DayInfo:
    closed: bool | None  # None: the holiday plan of that year is not published yet
    text: str  # what the clerk reads: "国庆节假期", "周六", "调休上班日", "" …


def day_info(day: datetime.date) -> DayInfo:
    """Whether the office is closed on ``day`` (weekend or public holiday; 调休 counted)."""
    import chinese_calendar

    try:
        on_holiday, name = chinese_calendar.get_holiday_detail(day)
    except NotImplementedError:  # said once for the whole year (``holidays_published``), not per day
        return DayInfo(None, _weekday(day) if day.weekday() >= 5 else "")
    if on_holiday and name is not None:
        return DayInfo(True, f"{_holiday_cn(name)}假期")
    if on_holiday:
        return DayInfo(True, _weekday(day))
    if day.weekday() >= 5:
        return DayInfo(False, f"调休上班日（{_weekday(day)}）")
    return DayInfo(False, "")


def holidays_published(year: int) -> bool:
    """Whether the holiday library knows ``year``'s 放假安排 (published each November)."""
    return day_info(datetime.date(year, 6, 1)).closed is not None


def unpublished_note(year: int) -> str:
    return (f"{year} 年的节假日和调休安排尚未收录（国务院通常在上一年 11 月公布），"
            "新日期是否赶上节假日或调休请自行核对。")


_HOLIDAY_CN = {"New Year's Day": "元旦", "Spring Festival": "春节", "Tomb-sweeping Day": "清明节",
               "Labour Day": "劳动节", "Dragon Boat Festival": "端午节", "National Day": "国庆节",
               "Mid-autumn Festival": "中秋节", "Anti-Fascist 70th Day": "抗战胜利纪念日"}


def _holiday_cn(name: object) -> str:
    text = getattr(name, "value", None) or str(name)
    for english, chinese in _HOLIDAY_CN.items():
        if english.lower() in str(text).lower() or english.lower() in str(name).lower():
            return chinese
    return str(text)


def _weekday(day: datetime.date) -> str:
    return "周" + "一二三四五六日"[day.weekday()]
