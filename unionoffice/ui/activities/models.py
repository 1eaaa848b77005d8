"""What the activity views share: the colour of each kind and the columns of the activity list."""

from __future__ import annotations

import datetime
import zlib
from typing import Any, Sequence

from PySide6.QtGui import QColor

from ...core.values import money
from ..widgets.table_models import ALIGN_CENTER, ALIGN_RIGHT, Column, LazyTableModel

# Fixed colours for the default kinds, so 文体 is always orange on every PC and printout.
KIND_COLOURS = {
    "文体": "#e8590c", "培训": "#1971c2", "技能竞赛": "#7048e8", "讲座": "#0c8599",
    "慰问走访": "#c92a2a", "会议": "#495057", "志愿服务": "#2f9e44", "其他": "#868e96",
}
# Kinds the clerk adds get one of these, chosen by a stable hash of the name.
EXTRA_COLOURS = ("#d6336c", "#5c940d", "#e67700", "#3b5bdb", "#0b7285", "#862e9c", "#a61e4d", "#2b8a3e")
STATUS_COLOURS = {"计划": None, "已举办": QColor("#e6f4ea"), "取消": QColor("#eeeeee")}
WEEKDAY_SHORT = "一二三四五六日"


def kind_colour(kind: str) -> QColor:
    code = KIND_COLOURS.get(kind) or EXTRA_COLOURS[zlib.crc32(kind.encode("utf-8")) % len(EXTRA_COLOURS)]
    return QColor(code)


def date_text(row: dict[str, Any]) -> str:
    start = datetime.date.fromisoformat(row["start_date"])
    text = f"{start.isoformat()}（{WEEKDAY_SHORT[start.weekday()]}）"
    if row["end_date"] != row["start_date"]:
        end = datetime.date.fromisoformat(row["end_date"])
        text += f" 至 {end.month}-{end.day:02d}"
    return text


def time_text(row: dict[str, Any]) -> str:
    start, end = row.get("start_time") or "", row.get("end_time") or ""
    return f"{start}–{end}" if start and end else start


def headcount_text(row: dict[str, Any]) -> str:
    listed = row.get("attendance_count") or 0
    if row["status"] != "已举办":  # before the day a list is who signed up, not who came
        return f"报名 {listed}" if listed else ""
    if row.get("headcount") is None:
        return ""
    return f"{row['headcount']}（名单）" if listed else str(row["headcount"])


def activity_columns() -> list[Column]:
    status_colour = lambda r: STATUS_COLOURS.get(r["status"])  # noqa: E731
    return [
        Column("date", "日期", date_text, 170),
        Column("time", "时间", time_text, 92, ALIGN_CENTER),
        Column("title", "活动名称", lambda r: r["title"], 220, tooltip=lambda r: r.get("description") or ""),
        Column("kind", "类别", lambda r: r["kind"], 70, ALIGN_CENTER, background=lambda r: _light(r["kind"])),
        Column("location", "地点", lambda r: r.get("location") or "", 140),
        Column("status", "状态", lambda r: r["status"], 60, ALIGN_CENTER, background=status_colour),
        Column("planned", "计划人次", lambda r: _num(r.get("planned_headcount")), 70, ALIGN_RIGHT),
        Column("headcount", "实际人次", headcount_text, 86, ALIGN_RIGHT),
        Column("cost", "经费(元)", lambda r: money.format_money(r["cost"]) if r["cost"] else "", 86, ALIGN_RIGHT),
        Column("partners", "合作单位", lambda r: r.get("partner_names") or "", 200),
    ]


def _num(value: Any) -> str:
    return "" if value is None else str(value)


def _light(kind: str) -> QColor:
    colour = kind_colour(kind)
    colour.setAlpha(60)
    return colour


class ActivityListModel(LazyTableModel):
    """The list view: a month's or a year's activities, all in memory (a few hundred at most)."""

    def __init__(self, parent=None):
        self._rows: dict[int, dict[str, Any]] = {}
        super().__init__(activity_columns(), self._fetch_rows, parent=parent)

    def set_rows(self, rows: Sequence[dict[str, Any]]) -> None:
        self._rows = {r["id"]: r for r in rows}
        self.set_ids([r["id"] for r in rows])

    def _fetch_rows(self, ids: Sequence[int]) -> list[dict[str, Any]]:
        return [self._rows[i] for i in ids if i in self._rows]

    def totals_text(self) -> str:
        rows = list(self._rows.values())
        held = [r for r in rows if r["status"] == "已举办"]
        people = sum(r["headcount"] or 0 for r in held)
        cost = sum(r["cost"] for r in held)
        return (f"共 {len(rows)} 项：已举办 {len(held)} 项，计划 {sum(r['status'] == '计划' for r in rows)} 项，"
                f"取消 {sum(r['status'] == '取消' for r in rows)} 项；已举办人次 {people:,}，经费 {money.format_money(cost)} 元")

