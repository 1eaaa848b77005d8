"""Shared pieces of the period figures: the period itself, the catalogue entry of one figure, and
value formatting. ``figures.py`` puts the areas together; each ``figures_<area>.py`` computes its own.
"""

from __future__ import annotations

import datetime as _dt
import importlib.util
from dataclasses import dataclass
from typing import Any, Callable

from ..values import dates, money
from ..values.percent import format_rate
from ..errors import UserError
from ..store.connection import Store

NOT_ENABLED = "该模块尚未启用"

# units a figure can have: how it is formatted and written into a return
COUNT, RATE, FEN, TEXT = "count", "rate", "fen", "text"


@dataclass(frozen=True)
class Period:
    """A closed range of days ``start``–``end`` (both included) and how a clerk names it."""

    start: _dt.date
    end: _dt.date
    label: str

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise UserError(f"统计期间有误：结束日期 {self.end} 早于开始日期 {self.start}")

    @property
    def iso(self) -> tuple[str, str]:
        return self.start.isoformat(), self.end.isoformat()

    def last_year(self) -> "Period":
        """The same days one year earlier (2月29日 becomes 2月28日)."""
        start, end = dates.add_years(self.start, -1), dates.add_years(self.end, -1)
        return make_period(start, end)


def year(y: int) -> Period:
    return Period(_dt.date(y, 1, 1), _dt.date(y, 12, 31), f"{y}年")


def half_year(y: int, half: int) -> Period:
    if half not in (1, 2):
        raise UserError("半年只能是上半年（1）或下半年（2）")
    if half == 1:
        return Period(_dt.date(y, 1, 1), _dt.date(y, 6, 30), f"{y}年上半年")
    return Period(_dt.date(y, 7, 1), _dt.date(y, 12, 31), f"{y}年下半年")


def quarter(y: int, q: int) -> Period:
    if q not in (1, 2, 3, 4):
        raise UserError("季度只能是 1 到 4")
    start = _dt.date(y, 3 * q - 2, 1)
    return Period(start, _month_end(y, 3 * q), f"{y}年第{'一二三四'[q - 1]}季度")


def month(y: int, m: int) -> Period:
    if not 1 <= m <= 12:
        raise UserError("月份只能是 1 到 12")
    return Period(_dt.date(y, m, 1), _month_end(y, m), f"{y}年{m}月")


def year_to_date(today: _dt.date | None = None) -> Period:
    today = today or dates.today()
    return Period(_dt.date(today.year, 1, 1), today, f"{today.year}年1月1日至{today.month}月{today.day}日")


def make_period(start: Any, end: Any) -> Period:
    """A custom period from two dates in any form the date parser reads; named as a year,
    half, quarter or month when it is exactly one."""
    s, e = dates.parse_date(start), dates.parse_date(end)
    if s is None or e is None:
        raise UserError("请填写统计期间的开始日期和结束日期")
    for candidate in _named_periods(s.year):
        if candidate.start == s and candidate.end == e:
            return candidate
    label = f"{dates.format_date_cn(s)}至{dates.format_date_cn(e)}"
    return Period(s, e, label)


def _named_periods(y: int) -> list[Period]:
    return [year(y), half_year(y, 1), half_year(y, 2)] + [quarter(y, q) for q in range(1, 5)] + \
        [month(y, m) for m in range(1, 13)]


def _month_end(y: int, m: int) -> _dt.date:
    first_next = _dt.date(y + (m == 12), m % 12 + 1, 1)
    return first_next - _dt.timedelta(days=1)


@dataclass(frozen=True)
class Spec:
    """One figure in the catalogue: its dotted key, its Chinese name (both usable as
    placeholders), what it means, and its unit."""

    key: str
    cn: str
    meaning: str
    unit: str = COUNT
    # Other names a district form uses for this figure (单位总数, 单位数 …), for recognising forms.
    synonyms: tuple[str, ...] = ()
    # For a rate: the keys of its numerator and denominator, so that a rate summed over several
    # streets' returns is recomputed from its parts (never averaged).
    parts: tuple[str, str] | tuple[()] = ()


@dataclass(frozen=True)
class Breakdown:
    """A family of figures split by a category, e.g. ``disputes.by_kind.工伤``.

    ``categories`` lists the fixed categories (all of them appear, with 0 when none); a
    callable gives the categories found in the office file."""

    prefix: str
    cn: str
    meaning: str
    unit: str = COUNT
    categories: tuple[str, ...] | Callable[[Store], list[str]] = ()
    synonyms: tuple[str, ...] = ()

    def keys(self, store: Store | None = None) -> list[str]:
        cats = self.categories if isinstance(self.categories, tuple) else \
            (self.categories(store) if store is not None else [])
        return [f"{self.prefix}.{c}" for c in cats]


@dataclass(frozen=True)
class Area:
    """An area of the figures (组织建设, 帮扶, …) as one module provides it."""

    name: str  # 'orgs', 'hardship', 'activities', 'disputes'
    title: str  # 组织建设
    specs: tuple[Spec, ...]
    breakdowns: tuple[Breakdown, ...]
    compute: Callable[[Store, Period], dict[str, Any]]
    available: Callable[[Store], bool]


def core_module_exists(name: str) -> bool:
    """True when ``unionoffice.core.<name>`` is installed (its area has landed)."""
    return importlib.util.find_spec(f"unionoffice.core.{name}") is not None


def has_tables(store: Store, *tables: str) -> bool:
    found = {r[0] for r in store.query("SELECT name FROM sqlite_master WHERE type = 'table'")}
    return all(t in found for t in tables)


def ratio(part: int, whole: int) -> float | None:
    """part / whole, or None when nothing to divide by (shown as “—”, never as 0%)."""
    return part / whole if whole else None


def format_value(unit: str, value: Any) -> str:
    """How a figure reads in a table or a sentence: 1234 · 85.30% · 12,345.00元."""
    if value is None:
        return "—"
    if unit == RATE:
        return format_rate(value)
    if unit == FEN:
        return f"{money.format_money(int(value))}元"
    return str(value)
