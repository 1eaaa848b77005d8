"""The period figures of DESIGN §8, for any period, as the records stood in it.

Each area computes its own figures in ``figures_<area>.py`` (whose docstrings define every figure
exactly); this module puts them together, keyed by dotted names such as ``members.total`` that
also serve as placeholders in district returns (``{{members.total}}``, or by Chinese name
``{{会员人数}}``). An area whose part of the program has not landed yet is **absent** from the
figures and named in ``Figures.missing`` with the note “该模块尚未启用” — never shown as zeros.

Values: counts are ints, rates are floats 0–1 (None when there is nothing to divide by), money is
integer fen, text is str.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..activities import figures as figures_activities
from ..fundraising import figures as figures_fundraising
from ..honours import figures as figures_honours
from ..member_card import figures as figures_member_card
from ..union_standing import figures as figures_standing
from ..disputes import figures as figures_disputes
from ..employment_aid import figures as figures_employment
from ..fees import figures as figures_fees
from ..hardship import figures as figures_hardship
from ..mutual_aid import figures as figures_mutual_aid
from ..orgs import figures as figures_orgs
from .base import (
    COUNT,
    FEN,
    NOT_ENABLED,
    RATE,
    TEXT,
    Area,
    Breakdown,
    Period,
    format_value,
    half_year,
    make_period,
    month,
    quarter,
    year,
    year_to_date,
)
from ..store.connection import Store

__all__ = ["Figures", "compute", "catalogue", "Period", "year", "half_year", "quarter", "month", "make_period",
           "year_to_date", "SECTIONS", "NOT_ENABLED", "COUNT", "RATE", "FEN", "TEXT", "format_value"]

AREAS: tuple[Area, ...] = (
    figures_orgs.AREA,
    figures_disputes.AREA,
    figures_hardship.HARDSHIP,
    figures_hardship.ASSISTANCE,
    figures_activities.AREA,
    figures_standing.AREA,
    figures_employment.AREA,
    figures_honours.AREA,
    figures_member_card.AREA,
    figures_fundraising.AREA,
    figures_fees.AREA,
    figures_mutual_aid.AREA,
)
AREA_BY_NAME = {a.name: a for a in AREAS}

# The sections of a work summary, in the order the district expects them.
SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("组织建设", ("orgs",)),
    ("维权", ("disputes",)),
    ("帮扶", ("hardship", "assistance")),
    ("活动", ("activities",)),
    ("民主管理与评先评优", ("standing", "honours")),
    ("就业援助与会员服务", ("employment", "cards", "fundraising")),
    ("工会经费", ("fees",)),
    ("互助保障", ("mutual_aid",)),
)


@dataclass
class Figures:
    """The figures of one period. ``values`` holds only enabled areas; ``missing`` maps each area
    not yet enabled to its note."""

    period: Period
    values: dict[str, Any] = field(default_factory=dict)
    missing: dict[str, str] = field(default_factory=dict)

    def __getitem__(self, key: str) -> Any:
        return self.values[key]

    def get(self, key: str, default: Any = None) -> Any:
        return self.values.get(key, default)

    def enabled(self, area: str) -> bool:
        return area not in self.missing

    def text(self, key: str) -> str:
        """The value formatted as a clerk reads it (1234 · 85.30% · 12,345.00元 · —)."""
        return format_value(unit_of(key), self.values.get(key))

    def breakdown(self, prefix: str) -> dict[str, Any]:
        """{category: value} of one breakdown, e.g. ``disputes.by_kind``, in catalogue order."""
        cut = len(prefix) + 1
        return {k[cut:]: v for k, v in self.values.items() if k.startswith(prefix + ".")}


def compute(store: Store, period: Period) -> Figures:
    """All figures of ``period``. Fast enough for 100k members (one scan per table)."""
    out = Figures(period)
    for area in AREAS:
        if area.available(store):
            out.values.update(area.compute(store, period))
        else:
            out.missing[area.name] = NOT_ENABLED
    return out


def compare(store: Store, period: Period) -> tuple[Figures, Figures]:
    """The period and the same days one year earlier (同期)."""
    return compute(store, period), compute(store, period.last_year())


# ----------------------------------------------------------------- catalogue


@dataclass(frozen=True)
class Entry:
    """One placeholder a return may use."""

    key: str
    cn: str
    meaning: str
    unit: str
    area: str


def catalogue(store: Store | None = None) -> list[Entry]:
    """Every figure by dotted key and Chinese name. Without a store, breakdowns whose categories
    are configured per office (活动类型, 困难类别) list only their prefix as ``prefix.<类别>``."""
    out: list[Entry] = []
    for area in AREAS:
        out += [Entry(s.key, s.cn, s.meaning, s.unit, area.name) for s in area.specs]
        for b in area.breakdowns:
            cats = _categories(b, store, area)
            if cats is None:
                out.append(Entry(f"{b.prefix}.<类别>", f"{b.cn}.<类别>", b.meaning, b.unit, area.name))
            else:
                out += [Entry(f"{b.prefix}.{c}", f"{b.cn}.{c}", f"{b.meaning}：{c}", b.unit, area.name)
                        for c in cats]
    return out


def _categories(b: Breakdown, store: Store | None, area: Area) -> list[str] | None:
    if isinstance(b.categories, tuple):
        return list(b.categories)
    if store is None or not area.available(store):
        return None
    return b.categories(store)


def unit_of(key: str) -> str:
    for area in AREAS:
        for s in area.specs:
            if s.key == key:
                return s.unit
        for b in area.breakdowns:
            if key.startswith(b.prefix + "."):
                return b.unit
    return COUNT


def resolve_name(name: str) -> tuple[str, str] | None:
    """A placeholder name (dotted key or Chinese name, breakdowns as ``name.类别``) →
    (dotted key, area name); None when no figure has that name."""
    name = name.strip()
    for area in AREAS:
        for s in area.specs:
            if name in (s.key, s.cn):
                return s.key, area.name
        for b in area.breakdowns:
            for prefix in (b.prefix, b.cn):
                category = name[len(prefix) + 1:] if name.startswith(prefix + ".") else ""
                fixed = isinstance(b.categories, tuple)
                if category and (not fixed or category in b.categories):
                    return f"{b.prefix}.{category}", area.name
    return _by_synonym(name)


def _by_synonym(name: str) -> tuple[str, str] | None:
    """A name a district form uses for a figure (工会经费计提, 上缴经费, 安康保险 …)."""
    for area in AREAS:
        for s in area.specs:
            if name in s.synonyms:
                return s.key, area.name
    return None
