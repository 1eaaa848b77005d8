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

import datetime as _dt
import re
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
from ..values import dates
from . import labels as L
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

__all__ = ["Figures", "compute", "compute_last_year", "catalogue", "Period", "year", "half_year", "quarter", "month", "make_period",
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
    """The period and the same days one year earlier (同期), as every report shows them: an area
    with nothing recorded that far back reads “—” then, not 0 (see ``compute_last_year``)."""
    return compute(store, period), compute_last_year(store, period)


def compute_last_year(store: Store, period: Period) -> Figures:
    """The figures of the same days one year earlier, as a form's 上年数 (上年同期) column wants
    them. An area whose records don't reach back that far — nothing at all recorded up to the
    end of those days — has no previous-year value: its figures are None, shown “—”, rather than
    zeros the office never counted (it kept that year on paper, say). An area that has records
    from before but none in those days keeps its true zeros (no disputes last year is a 0)."""
    out = Figures(period.last_year())
    for area in AREAS:
        if not area.available(store):
            out.missing[area.name] = NOT_ENABLED
            continue
        values = area.compute(store, out.period)
        if _nothing_in(values) and _nothing_in(area.compute(store, _up_to(out.period))):
            values = {k: (v if unit_of(k) == TEXT else None) for k, v in values.items()}
        out.values.update(values)
    return out


def _nothing_in(values: dict[str, Any]) -> bool:
    """Every count and sum 0, every rate empty."""
    return not any(v for k, v in values.items() if unit_of(k) != TEXT)


def _up_to(period: Period) -> Period:
    """Everything recorded from the earliest date a record may carry to the end of ``period``."""
    return Period(_dt.date(dates.MIN_YEAR, 1, 1), period.end, f"截至{period.label}")


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


# ------------------------------------------------------- form labels → figures

# Shorter names clerks use for a category of a breakdown (送温暖 for 元旦春节送温暖); categories
# written "a/b" are also known by each part (欠薪 for 劳动报酬/欠薪).
CATEGORY_ALIASES: dict[str, tuple[str, ...]] = {
    "元旦春节送温暖": ("送温暖", "春节送温暖", "两节送温暖", "元旦春节慰问"),
    "金秋助学": ("助学",),
    "夏送清凉": ("送清凉",),
    "生病住院慰问": ("住院慰问",),
    "市": ("市级",), "区": ("区级",), "街道": ("街道级",),
}
_UNIT_OF_FAMILY = {L.MONEY_WAN: FEN, L.MONEY_YUAN: FEN, L.PERCENT: RATE, L.NUMBER: COUNT}


@dataclass(frozen=True)
class Candidate:
    key: str
    unit: str
    rank: int  # 0 name/key, 1 synonym, 2 category + name, 3 a bare category
    per_head: bool = False  # counted in 人次 (活动人次) rather than in events (活动次数)


def _spec_names(s) -> list[tuple[str, int]]:
    return [(s.key, 0), (s.cn, 0)] + [(n, 1) for n in s.synonyms]


def _category_names(category: str) -> list[str]:
    names = [category] + list(CATEGORY_ALIASES.get(category, ()))
    if "/" in category:
        names += [part for part in category.split("/") if len(part) > 1]
    return names


def label_index(store: Store | None = None) -> dict[str, list[Candidate]]:
    """Every name a form may use for a figure (normalised) → the figures it can mean, best first.
    Works for any Spec or Breakdown that lists ``synonyms``; breakdown categories are found as
    名称+类别 / 类别+名称 (金秋助学金额, 工伤争议件数) and, alone, as ``其中：工伤`` under a parent."""
    index: dict[str, list[Candidate]] = {}

    def add(name: str, key: str, unit: str, rank: int, per_head: bool = False) -> None:
        for form in {L.normalise(name), L.without_qualifiers(L.normalise(name))}:
            if form and all(c.key != key for c in index.setdefault(form, [])):
                index[form].append(Candidate(key, unit, rank, per_head))

    for area in AREAS:
        for s in area.specs:
            for name, rank in _spec_names(s):
                add(name, s.key, s.unit, rank)
        for b in area.breakdowns:
            per_head = "人次" in b.cn
            for c in _categories(b, store, area) or []:
                key = f"{b.prefix}.{c}"
                add(f"{b.cn}.{c}", key, b.unit, 0)
                for cat in _category_names(c):
                    for name in (b.cn,) + tuple(b.synonyms):
                        add(cat + name, key, b.unit, 2)
                        add(name + cat, key, b.unit, 2)
                    add(cat, key, b.unit, 3, per_head)
    for candidates in index.values():
        candidates.sort(key=lambda c: c.rank)
    return index


def match_label(label: str, *, unit: str | None = None, parent: str | None = None,
                index: dict[str, list[Candidate]] | None = None, store: Store | None = None,
                unit_text: str = "") -> str | None:
    """The figure a form's label names (dotted key), or None.

    ``unit`` is the unit family the form asks for (labels.MONEY_WAN / PERCENT / …) when known
    (``unit_text`` the unit as written, 人次 or 场) —
    it decides between 帮扶人次 and 帮扶金额 for ``其中：金秋助学``; ``parent`` is the key of the
    label this one is a part of (the row above a ``其中：`` row)."""
    index = index if index is not None else label_index(store)
    key = _match(label, unit, parent, index, unit_text)
    if key and parent and key.split(".")[0] != parent.split(".")[0]:
        # 其中：女职工 under 会员人数 means 女职工会员: try the label with the parent's noun
        noun = re.sub(r"(总人数|人数|总数|数)$", "", name_of(parent))
        closer = _match(L.normalise(label) + noun, unit, None, index, unit_text) if noun else None
        if closer and closer.split(".")[0] == parent.split(".")[0]:
            return closer
    return key


def _match(label: str, unit: str | None, parent: str | None, index: dict[str, list[Candidate]],
           unit_text: str) -> str | None:
    core = L.normalise(label)
    unit = unit or L.unit_in(label)
    found = next((index[v] for v in _variants(core) if v in index), []) or _category_within(core, index)
    wanted = _UNIT_OF_FAMILY.get(unit or "")
    fitting = [c for c in found if wanted is None or c.unit == wanted]
    if not fitting:
        return None
    best_rank = fitting[0].rank
    best = [c for c in fitting if c.rank == best_rank]
    if len(best) > 1:  # 文体活动（人次） is the 人次 of that kind, 文体活动（场） its number
        per_head = "人次" in L.flat(label + unit_text)
        best = [c for c in best if c.per_head == per_head] or best
    if len(best) > 1 and parent:
        stem = parent.rsplit(".", 1)[0] if parent.count(".") > 1 else parent
        related = [c for c in best if c.key.startswith(parent.split(".")[0] + ".")]
        closer = [c for c in related if c.key.startswith(stem)] or related
        best = closer or best
    if best_rank == 3 and parent is None and len(best) > 1:
        return None  # a bare category with nothing to say which family it belongs to
    return best[0].key


def _category_within(core: str, index: dict[str, list[Candidate]]) -> list[Candidate]:
    """送温暖慰问困难职工 → the figures of the category 送温暖 named inside it (names of three
    characters or more, the longest first), left for the unit to decide between 人次 and 金额."""
    names = [name for name, cands in index.items()
             if len(name) >= 3 and name in core and name != core and any(c.rank == 3 for c in cands)]
    if not names:
        return []
    longest = max(names, key=len)
    return [c for c in index[longest] if c.rank == 3]


def _variants(core: str) -> list[str]:
    """The label as written, then as clerks vary it: 期末/本期 dropped, 数量/个数/总数 for 数, the
    trailing 数 added or dropped (单位数量 → 单位数, 会员 → 会员数)."""
    out = [core, L.without_qualifiers(core)]
    for base in list(out):
        for old, new in (("数量", "数"), ("个数", "数"), ("总数", "数"), ("总额", "金额"), ("人数", "数")):
            if base.endswith(old):
                out.append(base[: -len(old)] + new)
        out.append(base[:-1] if base.endswith("数") and len(base) > 3 else base + "数")
    return list(dict.fromkeys(v for v in out if v))


def spec_of(key: str):
    """The Spec of a key (None for a breakdown's category)."""
    for area in AREAS:
        for s in area.specs:
            if s.key == key:
                return s
    return None


def name_of(key: str) -> str:
    """The Chinese name a clerk knows a figure by (帮扶金额.金秋助学 for a breakdown's category)."""
    spec = spec_of(key)
    if spec is not None:
        return spec.cn
    for area in AREAS:
        for b in area.breakdowns:
            if key.startswith(b.prefix + "."):
                return f"{b.cn}.{key[len(b.prefix) + 1:]}"
    return key
