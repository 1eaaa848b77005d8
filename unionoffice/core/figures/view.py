"""The figures laid out as a clerk reads them: sections (组织建设, 维权, 帮扶, 活动), rows of
label · this period · same period last year, and the charts each section shows. The 报表 tab,
the summary PDF and the summary workbook all read this, so they always say the same thing.
"""

from __future__ import annotations

import cn2an

from dataclasses import dataclass, field
from typing import Any

from .catalogue import AREA_BY_NAME, FEN, RATE, SECTIONS, Figures, format_value, unit_of
from ..values.percent import format_points
from .base import NOT_ENABLED

# (breakdown prefix, chart title) per area: members by org type, assistance by kind, disputes by type…
CHARTS = {
    "orgs": [("members.by_org_category", "会员按单位类别（人）")],
    "disputes": [("disputes.by_kind", "受理争议按类型（件）")],
    "assistance": [("assistance.amount_by_kind", "帮扶金额按慰问类别（元）"),
                   ("assistance.amount_by_source", "帮扶金额按资金来源（元）")],
    "hardship": [("hardship.by_level", "在档困难职工按层级（户）")],
    "activities": [("activities.headcount_by_kind", "活动人次按类型")],
}
# breakdowns shown as indented rows under the section's table (the rest only in charts)
DETAIL_ROWS = {
    "disputes": ["disputes.by_kind"],
    "hardship": ["hardship.by_level", "hardship.by_category"],
    "assistance": ["assistance.count_by_kind", "assistance.amount_by_kind", "assistance.amount_by_source"],
    "activities": ["activities.by_kind", "activities.headcount_by_kind"],
    "mutual_aid": ["mutual_aid.by_plan"],
}
HIDDEN = {"office.name", "district.name", "period.from", "period.to", "period.label"}


@dataclass
class Row:
    label: str
    key: str
    now: str
    last: str = ""
    indent: bool = False
    value: Any = None  # the raw value (int / float rate / fen)


@dataclass
class Chart:
    title: str
    unit: str
    data: dict[str, Any]  # category → raw value, zeros left out


@dataclass
class Section:
    title: str
    rows: list[Row] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # e.g. “困难职工档案：该模块尚未启用”


def sections(now: Figures, last: Figures | None = None) -> list[Section]:
    out = []
    for number, (title, areas) in enumerate(SECTIONS):
        sec = Section(f"{cn2an.an2cn(number + 1)}、{title}")
        for name in areas:
            area = AREA_BY_NAME[name]
            if not now.enabled(name):
                sec.notes.append(f"{area.title}：{NOT_ENABLED}")
                continue
            sec.rows += [_row(s.cn, s.key, now, last) for s in area.specs if s.key not in HIDDEN]
            for prefix in DETAIL_ROWS.get(name, []):
                cn = next(b.cn for b in area.breakdowns if b.prefix == prefix)
                # only categories with something in either period: a column of zeros hides the figures
                sec.rows += [_row(f"{cn}：{cat}", f"{prefix}.{cat}", now, last, indent=True)
                             for cat, value in now.breakdown(prefix).items()
                             if value or (last is not None and last.get(f"{prefix}.{cat}"))]
            for prefix, chart_title in CHARTS.get(name, []):
                data = {k: v for k, v in now.breakdown(prefix).items() if v}
                sec.charts.append(Chart(chart_title, unit_of(prefix + ".x"), data))
        out.append(sec)
    return out


def _row(label: str, key: str, now: Figures, last: Figures | None, indent: bool = False) -> Row:
    last_text = last.text(key) if last is not None and key in last.values else ""
    return Row(label, key, now.text(key), last_text, indent, now.get(key))


def headline(now: Figures) -> list[tuple[str, str]]:
    """The handful of figures the 工作台 shows for the year so far."""
    # 在册: on the register at the period's end — not every record in the file (the status bar's)
    keys = [("在册单位（不含工联会）", "orgs.total"), ("建会率", "orgs.unionisation_rate"), ("在册会员", "members.total"),
            ("入会率", "members.membership_rate"), ("新入会", "members.new"),
            ("在档困难职工", "hardship.on_file"), ("帮扶人次", "assistance.count"), ("帮扶金额", "assistance.amount"),
            ("举办活动", "activities.held"), ("活动人次", "activities.headcount"),
            ("受理争议", "disputes.received"), ("调解成功率", "disputes.success_rate"),
            ("追回金额", "disputes.recovered")]
    out = []
    for label, key in keys:
        area = key.split(".")[0]
        area = {"members": "orgs", "workers": "orgs"}.get(area, area)
        out.append((label, now.text(key) if now.enabled(area) else NOT_ENABLED))
    return out


def chart_value_text(unit: str, value: Any) -> str:
    return format_value(unit, value).removesuffix("元")


def change_text(row: Row, last: Figures | None) -> str:
    """增减 beside last year, as the 报表 tab and the summary PDF show it: +12 / -3 / +1.25个百分点 /
    +1,000.00元 / 持平; '' when not comparable."""
    if last is None or row.key not in last.values or row.value is None:
        return ""
    before = last.get(row.key)
    if before is None or isinstance(row.value, str):
        return ""
    diff = row.value - before
    unit = unit_of(row.key)
    if unit == RATE:
        return format_points(diff)
    if unit == FEN:
        return ("+" if diff > 0 else "-") + format_value(FEN, abs(diff)) if diff else "持平"
    return f"{diff:+d}" if diff else "持平"
