"""The month grid of the 活动日历 tab: a week per row, each day's activities as coloured chips.

Chips are coloured by kind; a planned activity is a light tint with a solid bar, a held one is
solid with a ✓, a cancelled one is grey and struck through. Today's number sits in a filled
circle. Click a day to see its agenda, double-click a chip to edit it, double-click an empty day
to plan an activity there, and drag a chip to another day to reschedule it. Everything is painted
by this one widget (a month has a few dozen activities, not thousands).
"""

from __future__ import annotations

import datetime
import html
from dataclasses import dataclass
from typing import Any, Callable, Sequence

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QApplication, QSizePolicy, QToolTip, QWidget

from ...core.activities import records as activities
from ...core.values import dates

WEEKDAYS = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")
HEADER_H = 26
DAY_LINE_H = 20
CHIP_H = 19
CHIP_GAP = 2
GRID = QColor("#c8ccd2")
TODAY = QColor("#d9480f")
SELECTED = QColor("#e3eefb")
OTHER_MONTH = QColor("#f3f4f6")
WEEKEND = QColor("#fbfaf6")


def visible_range(year: int, month: int) -> tuple[datetime.date, datetime.date]:
    """Monday of the week of the 1st to the Sunday of the week of the last day."""
    first, last = activities.month_range(year, month)
    start = first - datetime.timedelta(days=first.weekday())
    end = last + datetime.timedelta(days=6 - last.weekday())
    return start, end


@dataclass
class Chip:
    activity: dict[str, Any]
    day: datetime.date
    rect: QRectF


class MonthView(QWidget):
    day_clicked = Signal(object)  # datetime.date
    day_double_clicked = Signal(object)  # datetime.date: plan a new activity there
    activity_clicked = Signal(int)
    activity_activated = Signal(int)  # double-click: open the edit dialog
    activity_moved = Signal(int, object)  # activity id, its new start date (dragged)

    def __init__(self, colour_of: Callable[[str], QColor], parent: QWidget | None = None):
        super().__init__(parent)
        self.colour_of = colour_of
        self.year, self.month = dates.today().year, dates.today().month
        self.today = dates.today()
        self.selected: datetime.date | None = None
        self.selected_activity: int | None = None  # outlined, so the clerk sees what Del/Ctrl+P act on
        self._by_day: dict[datetime.date, list[dict[str, Any]]] = {}
        self.chips: list[Chip] = []
        self.more: dict[datetime.date, QRectF] = {}  # "还有 N 项" labels
        self._press: tuple[QPointF, Chip | None] | None = None
        self._drag_target: datetime.date | None = None
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setMinimumSize(380, 300)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName("月历")

    # ------------------------------------------------------------------- data
    def set_month(self, year: int, month: int, rows: Sequence[dict[str, Any]], *,
                  today: datetime.date | None = None, selected: datetime.date | None = None) -> None:
        self.year, self.month = year, month
        self.today = today or dates.today()
        self.selected = selected
        first, last = visible_range(year, month)
        self._by_day = {}
        for row in rows:
            day = max(first, datetime.date.fromisoformat(row["start_date"]))
            end = min(last, datetime.date.fromisoformat(row["end_date"]))
            while day <= end:
                self._by_day.setdefault(day, []).append(row)
                day += datetime.timedelta(days=1)
        self._layout()
        self.update()

    def set_selected(self, day: datetime.date | None) -> None:
        self.selected = day
        self.update()

    def set_selected_activity(self, activity_id: int | None) -> None:
        self.selected_activity = activity_id
        self.update()

    def days(self) -> list[datetime.date]:
        first, last = visible_range(self.year, self.month)
        return [first + datetime.timedelta(days=i) for i in range((last - first).days + 1)]

    def titles_on(self, day: datetime.date) -> list[str]:
        """What the clerk reads on that day (chips drawn, for tests and accessibility)."""
        return [c.activity["title"] for c in self.chips if c.day == day]

    # ----------------------------------------------------------------- layout
    def _weeks(self) -> int:
        return len(self.days()) // 7

    def cell_rect(self, day: datetime.date) -> QRectF:
        first, _ = visible_range(self.year, self.month)
        index = (day - first).days
        w = (self.width() - 1) / 7
        h = (self.height() - HEADER_H - 1) / self._weeks()
        return QRectF((index % 7) * w, HEADER_H + (index // 7) * h, w, h)

    def day_at(self, pos: QPointF) -> datetime.date | None:
        if pos.y() < HEADER_H or pos.x() < 0 or pos.x() >= self.width():
            return None
        for day in self.days():
            if self.cell_rect(day).contains(pos):
                return day
        return None

    def chip_at(self, pos: QPointF) -> Chip | None:
        return next((c for c in self.chips if c.rect.contains(pos)), None)

    def _layout(self) -> None:
        self.chips, self.more = [], {}
        for day in self.days():
            rows = self._by_day.get(day, [])
            cell = self.cell_rect(day)
            room = max(0, int((cell.height() - DAY_LINE_H - 2) // (CHIP_H + CHIP_GAP)))
            shown = rows if len(rows) <= room else rows[: max(0, room - 1)]
            for i, row in enumerate(shown):
                top = cell.top() + DAY_LINE_H + i * (CHIP_H + CHIP_GAP)
                self.chips.append(Chip(row, day, QRectF(cell.left() + 3, top, cell.width() - 6, CHIP_H)))
            if len(shown) < len(rows):
                top = cell.top() + DAY_LINE_H + len(shown) * (CHIP_H + CHIP_GAP)
                self.more[day] = QRectF(cell.left() + 3, top, cell.width() - 6, CHIP_H)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        self._layout()
        super().resizeEvent(event)

    # ---------------------------------------------------------------- painting
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._paint_header(p)
        for day in self.days():
            self._paint_cell(p, day)
        for chip in self.chips:
            self._paint_chip(p, chip)
        small = QFont(self.font())
        small.setPointSizeF(max(7.0, self.font().pointSizeF() - 1))
        p.setFont(small)
        p.setPen(QColor("#555"))
        for day, rect in self.more.items():
            extra = len(self._by_day[day]) - len([c for c in self.chips if c.day == day])
            p.drawText(rect.adjusted(4, 0, 0, 0), Qt.AlignmentFlag.AlignVCenter, f"还有 {extra} 项…")
        p.end()

    def _paint_header(self, p: QPainter) -> None:
        w = (self.width() - 1) / 7
        p.fillRect(QRectF(0, 0, self.width(), HEADER_H), QColor("#eef1f5"))
        for i, name in enumerate(WEEKDAYS):
            p.setPen(QColor("#b03a2e") if i >= 5 else QColor("#333"))
            p.drawText(QRectF(i * w, 0, w, HEADER_H), Qt.AlignmentFlag.AlignCenter, name)

    def _paint_cell(self, p: QPainter, day: datetime.date) -> None:
        rect = self.cell_rect(day)
        in_month = day.month == self.month
        fill = SELECTED if day == self.selected else (OTHER_MONTH if not in_month else
                                                      (WEEKEND if day.weekday() >= 5 else QColor("white")))
        p.fillRect(rect, fill)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.setPen(QPen(GRID, 1))
        p.drawRect(rect)
        if day == self._drag_target:
            p.setPen(QPen(QColor("#1c64b8"), 2, Qt.PenStyle.DashLine))
            p.drawRect(rect.adjusted(2, 2, -2, -2))
        number = QRectF(rect.left() + 4, rect.top() + 2, 26, DAY_LINE_H - 3)
        if day == self.today:
            p.setBrush(TODAY)
            p.setPen(Qt.PenStyle.NoPen)
            p.drawEllipse(number.center(), 10, 8.5)
            p.setPen(QColor("white"))
        else:
            p.setPen(QColor("#333") if in_month else QColor("#aaa"))
        bold = QFont(self.font())
        bold.setBold(day == self.today or day == self.selected)
        p.setFont(bold)
        p.drawText(number, Qt.AlignmentFlag.AlignCenter, str(day.day))
        if day == self.today:
            p.setPen(TODAY)
            p.drawText(QRectF(number.right() + 2, number.top(), 40, number.height()),
                       Qt.AlignmentFlag.AlignVCenter, "今天")
        p.setFont(self.font())

    def _paint_chip(self, p: QPainter, chip: Chip) -> None:
        row, rect = chip.activity, chip.rect
        colour = self.colour_of(row["kind"])
        status = row["status"]
        font = QFont(self.font())
        font.setPointSizeF(max(7.0, self.font().pointSizeF() - 0.5))
        if status == "取消":
            p.setBrush(QColor("#e9e9e9"))
            p.setPen(Qt.PenStyle.NoPen)
            p.drawRoundedRect(rect, 3, 3)
            font.setStrikeOut(True)
            text_colour = QColor("#888")
        elif status == "已举办":
            p.setBrush(colour)
            p.setPen(Qt.PenStyle.NoPen)
            p.drawRoundedRect(rect, 3, 3)
            text_colour = QColor("white")
        else:
            tint = QColor(colour)
            tint.setAlpha(50)
            p.setBrush(tint)
            p.setPen(QPen(colour, 1))
            p.drawRoundedRect(rect, 3, 3)
            p.fillRect(QRectF(rect.left(), rect.top(), 4, rect.height()), colour)
            text_colour = QColor("#1d1d1d")
        dragged = self._press and self._press[1] is chip and self._drag_target is not None
        if dragged or row["id"] == self.selected_activity:
            p.setPen(QPen(QColor("#1c64b8") if dragged else QColor("#111"), 2))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRoundedRect(rect, 3, 3)
        p.setFont(font)
        p.setPen(text_colour)
        p.drawText(rect.adjusted(7, 0, -2, 0), Qt.AlignmentFlag.AlignVCenter,
                   p.fontMetrics().elidedText(chip_text(row, chip.day), Qt.TextElideMode.ElideRight,
                                              int(rect.width() - 9)))

    # ------------------------------------------------------------------ mouse
    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if event.button() != Qt.MouseButton.LeftButton:
            return
        pos = event.position()
        chip = self.chip_at(pos)
        self._press = (pos, chip)
        day = self.day_at(pos)
        if day is not None:
            self.set_selected(day)
            self.day_clicked.emit(day)
        if chip is not None:
            self.activity_clicked.emit(int(chip.activity["id"]))

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        pos = event.position()
        if self._press and self._press[1] is not None and event.buttons() & Qt.MouseButton.LeftButton:
            if (pos - self._press[0]).manhattanLength() >= QApplication.startDragDistance():
                self._drag_target = self.day_at(pos)
                self.setCursor(Qt.CursorShape.ClosedHandCursor)
                self.update()
            return
        chip = self.chip_at(pos)
        self.setCursor(Qt.CursorShape.PointingHandCursor if chip else Qt.CursorShape.ArrowCursor)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        press, target = self._press, self._drag_target
        self._press, self._drag_target = None, None
        self.unsetCursor()
        self.update()
        if not press or press[1] is None or target is None or target == press[1].day:
            return
        chip = press[1]
        start = datetime.date.fromisoformat(chip.activity["start_date"])
        self.activity_moved.emit(int(chip.activity["id"]), start + (target - chip.day))

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        pos = event.position()
        chip = self.chip_at(pos)
        if chip is not None:
            self.activity_activated.emit(int(chip.activity["id"]))
            return
        day = self.day_at(pos)
        if day is not None and day not in self.more:
            self.day_double_clicked.emit(day)

    def event(self, event) -> bool:
        if event.type() == event.Type.ToolTip:
            chip = self.chip_at(QPointF(event.pos()))
            if chip is not None:
                QToolTip.showText(event.globalPos(), tooltip_text(chip.activity), self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    # --------------------------------------------------------------- keyboard
    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        steps = {Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1, Qt.Key.Key_Up: -7, Qt.Key.Key_Down: 7}
        if event.key() in steps:
            base = self.selected or self.today
            day = base + datetime.timedelta(days=steps[event.key()])
            self.set_selected(day)
            self.day_clicked.emit(day)
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.selected:
            self.day_double_clicked.emit(self.selected)
            return
        super().keyPressEvent(event)


def chip_text(row: dict[str, Any], day: datetime.date) -> str:
    mark = "✓ " if row["status"] == "已举办" else ""
    if row["start_date"] != day.isoformat():
        return f"{mark}（续）{row['title']}"
    return f"{mark}{row['title']}"  # times are in the agenda and the tooltip; the title needs the room


def tooltip_text(row: dict[str, Any]) -> str:
    lines = [f"<b>{html.escape(row['title'])}</b>（{html.escape(row['kind'])}，{row['status']}）",
             activities.when_text(row)]
    if row.get("location"):
        lines.append(f"地点：{html.escape(row['location'])}")
    if row["status"] == "已举办":
        lines.append(f"人次：{row['headcount'] if row['headcount'] is not None else '未填'}")
    elif row.get("planned_headcount") is not None:
        lines.append(f"计划人次：{row['planned_headcount']}")
    lines.append("双击修改，拖到别的日子可改期")
    return "<br>".join(lines)
