"""Dates: what clerks type and Excel stores → datetime.date → ISO / 2026年11月24日."""

import datetime
import re

import pytest
from hypothesis import assume, given, strategies as st

from unionoffice.core.values import dates
from unionoffice.core.values.dates import add_years, format_date_cn, parse_date, to_iso
from unionoffice.core.errors import ValueFormatError

D = datetime.date
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2019-05-01", D(2019, 5, 1)),
        ("2019-5-1", D(2019, 5, 1)),
        ("2019/5/1", D(2019, 5, 1)),
        ("2019/05/01", D(2019, 5, 1)),
        ("2019.5.1", D(2019, 5, 1)),
        ("2019.05.01", D(2019, 5, 1)),
        ("2019年5月1日", D(2019, 5, 1)),
        ("2019年05月01日", D(2019, 5, 1)),
        ("2019年5月1号", D(2019, 5, 1)),
        ("2019 年 5 月 1 日", D(2019, 5, 1)),
        ("2019年5月", D(2019, 5, 1)),
        ("2019年12月", D(2019, 12, 1)),
        ("2019/05", D(2019, 5, 1)),
        ("2019-05", D(2019, 5, 1)),
        ("2019.5", D(2019, 5, 1)),
        ("201905", D(2019, 5, 1)),
        ("20190501", D(2019, 5, 1)),
        ("２０１９－０５－０１", D(2019, 5, 1)),
        ("２０１９年５月１日", D(2019, 5, 1)),
        ("２０１９０５０１", D(2019, 5, 1)),
        ("  2019-05-01  ", D(2019, 5, 1)),
        ("\u30002019-05-01\u3000", D(2019, 5, 1)),
        ("2019-05-01 00:00:00", D(2019, 5, 1)),
        ("2019-05-01 13:45", D(2019, 5, 1)),
        ("2019-05-01T13:45:10.123", D(2019, 5, 1)),
        ("2019/5/1 8:05", D(2019, 5, 1)),
        ("2000-02-29", D(2000, 2, 29)),
        ("1900-01-01", D(1900, 1, 1)),
        ("2100-12-31", D(2100, 12, 31)),
        (datetime.datetime(2019, 5, 1, 23, 59), D(2019, 5, 1)),
        (D(2019, 5, 1), D(2019, 5, 1)),
        # Excel serials (1900 date system).
        (43586, D(2019, 5, 1)),
        (43586.0, D(2019, 5, 1)),
        (43586.99, D(2019, 5, 1)),  # the time of day is dropped
        (36526, D(2000, 1, 1)),
        (44197, D(2021, 1, 1)),
        (1, D(1900, 1, 1)),
        (59, D(1900, 2, 28)),
        (61, D(1900, 3, 1)),  # after Excel's fake 1900-02-29
        (73415, D(2100, 12, 31)),
        # Dates typed as plain numbers land in Excel as numbers too.
        (20190501, D(2019, 5, 1)),
        (20190501.0, D(2019, 5, 1)),
        (201905, D(2019, 5, 1)),
        # Empty.
        (None, None),
        ("", None),
        ("   ", None),
    ],
)
def test_parse(raw, expected):
    assert parse_date(raw) == expected


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        ("2019-02-30", "2019年2月没有 30 日"),
        ("2019-02-29", "2019年2月没有 29 日"),
        ("2019-04-31", "没有 31 日"),
        ("2019-05-00", "没有 0 日"),
        ("2019年13月", "没有 13 月"),
        ("2019-00-01", "没有 0 月"),
        ("20191301", "没有 13 月"),
        ("abc", "无法识别的日期“abc”"),
        ("19.5.1", "无法识别的日期"),  # two-digit year: not guessed
        ("2019", "无法识别的日期"),
        ("2019-05/01", "无法识别的日期"),  # mixed separators
        ("5/1/2019", "无法识别的日期"),  # month-first is ambiguous
        ("1899-12-31", "年份 1899"),
        ("2101-01-01", "年份 2101"),
        (60, "1900年2月29日"),
        (0, "无法把数字 0 当作日期"),
        (-1, "无法把数字 -1 当作日期"),
        (2958466, "无法把数字"),
        (2958465, "不在 1900–2100 之间"),  # 9999-12-31: a real serial, but not plausible
        (100000, "不在 1900–2100 之间"),
        (float("nan"), "无法识别的日期数字"),
        (float("inf"), "无法识别的日期数字"),
        (True, "是/否"),
        ([2019], "无法识别的日期"),
    ],
)
def test_parse_refuses(raw, words):
    with pytest.raises(ValueFormatError) as info:
        parse_date(raw)
    assert words in str(info.value)
    assert CJK.search(str(info.value))
    assert info.value.field == "date"


@pytest.mark.parametrize(
    ("raw", "iso", "cn"),
    [
        (D(2026, 11, 24), "2026-11-24", "2026年11月24日"),
        ("2026-11-24", "2026-11-24", "2026年11月24日"),
        ("2026-01-05", "2026-01-05", "2026年1月5日"),
        (datetime.datetime(2026, 1, 5, 8, 0), "2026-01-05", "2026年1月5日"),
        (None, "", ""),
        ("", "", ""),
    ],
)
def test_to_iso_and_format_cn(raw, iso, cn):
    assert to_iso(raw) == iso
    assert format_date_cn(raw) == cn


@pytest.mark.parametrize(
    ("start", "years", "expected"),
    [
        (D(2020, 2, 29), 1, D(2021, 2, 28)),
        (D(2020, 2, 29), 4, D(2024, 2, 29)),
        (D(2020, 2, 29), -1, D(2019, 2, 28)),
        (D(2021, 3, 1), 5, D(2026, 3, 1)),
        (D(2021, 12, 31), 0, D(2021, 12, 31)),
    ],
)
def test_add_years(start, years, expected):
    assert add_years(start, years) == expected


def test_today_can_be_frozen(monkeypatch):
    assert dates.today() == datetime.date.today()
    monkeypatch.setattr(dates, "today", lambda: D(2030, 1, 1))
    assert dates.today() == D(2030, 1, 1)


# ---------------------------------------------------------------- properties

plausible = st.dates(D(1900, 1, 1), D(2100, 12, 31))


@given(plausible)
def test_written_forms_round_trip(day):
    forms = [
        day.isoformat(),
        f"{day.year}/{day.month}/{day.day}",
        f"{day.year}.{day.month:02d}.{day.day:02d}",
        f"{day.year}年{day.month}月{day.day}日",
        f"{day:%Y%m%d}",
        f"{day.isoformat()} 12:34:56",
        format_date_cn(day),
        to_iso(day),
    ]
    for form in forms:
        assert parse_date(form) == day, form
    assert parse_date(int(f"{day:%Y%m%d}")) == day


@given(plausible)
def test_month_only_means_the_first(day):
    first = day.replace(day=1)
    assert parse_date(f"{day.year}年{day.month}月") == first
    assert parse_date(f"{day.year}/{day.month:02d}") == first
    assert parse_date(f"{day:%Y%m}") == first


@given(st.dates(D(1900, 3, 1), D(2100, 12, 31)), st.floats(0, 0.999))
def test_excel_serials(day, time_of_day):
    # Excel counts days from 1899-12-30 once past its phantom 1900-02-29.
    serial = (day - D(1899, 12, 30)).days
    # 1900–2100 as a bare number is a year the clerk typed (a day in 1905 as a serial): refused,
    # see test_sheet_values.py
    assume(not dates.MIN_YEAR <= serial <= dates.MAX_YEAR)
    assert parse_date(serial) == day
    assert parse_date(serial + time_of_day) == day


@given(plausible, st.integers(-50, 50))
def test_add_years_keeps_month_and_day_where_possible(day, years):
    later = add_years(day, years)
    assert later.year == day.year + years
    assert later.month == day.month
    assert later.day == day.day or (day.month, day.day, later.day) == (2, 29, 28)
