"""A small horizontal bar chart painted by hand: one bar per category, its value written at the
end. Enough for the 报表 tab (members by org type, assistance by kind, disputes by type) without
pulling in QtCharts."""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

BAR = QColor("#3b6ea8")
LAST_YEAR = QColor("#b9c9dd")
ROW_HEIGHT = 22
TITLE_HEIGHT = 24


class BarChart(QWidget):
    def __init__(self, title: str, data: dict[str, Any], label: Callable[[Any], str] = str,
                 last_year: dict[str, Any] | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.title = title
        self.data = dict(data)
        # a category with no value last year (None: nothing was recorded then) gets no pale bar
        self.last_year = {k: v for k, v in (last_year or {}).items() if v is not None}
        self.label = label
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumHeight(self.sizeHint().height())

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        rows = max(1, len(self.data))
        return QSize(420, TITLE_HEIGHT + rows * ROW_HEIGHT + 8)

    def bars(self) -> list[tuple[str, Any]]:
        return list(self.data.items())

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt API
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        bold = p.font()
        bold.setBold(True)
        p.setFont(bold)
        p.drawText(QRectF(0, 0, self.width(), TITLE_HEIGHT), Qt.AlignmentFlag.AlignVCenter, self.title)
        p.setFont(self.font())
        if self.last_year:
            title_w = QFontMetrics(bold).horizontalAdvance(self.title)
            p.fillRect(QRectF(title_w + 14, TITLE_HEIGHT / 2 - 1, 14, 3), LAST_YEAR)
            p.setPen(QColor("#777"))
            p.drawText(QRectF(title_w + 32, 0, 200, TITLE_HEIGHT), Qt.AlignmentFlag.AlignVCenter, "上年同期")
        if not self.data:
            p.setPen(QColor("#888"))
            p.drawText(QRectF(0, TITLE_HEIGHT, self.width(), ROW_HEIGHT), Qt.AlignmentFlag.AlignVCenter, "本期无数据")
            return
        metrics = QFontMetrics(self.font())
        label_w = max(metrics.horizontalAdvance(k) for k in self.data) + 10
        value_w = max(metrics.horizontalAdvance(self.label(v)) for v in self.data.values()) + 12
        top = max([*self.data.values(), *self.last_year.values(), 1])
        span = max(10, self.width() - label_w - value_w)
        for i, (key, value) in enumerate(self.data.items()):
            y = TITLE_HEIGHT + i * ROW_HEIGHT
            p.setPen(QColor("#333"))
            p.drawText(QRectF(0, y, label_w - 8, ROW_HEIGHT), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, key)
            if key in self.last_year:  # a thin pale bar behind: the same period last year
                p.fillRect(QRectF(label_w, y + ROW_HEIGHT - 6, span * self.last_year[key] / top, 3), LAST_YEAR)
            width = span * value / top
            p.fillRect(QRectF(label_w, y + 4, max(width, 1), ROW_HEIGHT - 11), BAR)
            p.drawText(QRectF(label_w + width + 4, y, value_w, ROW_HEIGHT), Qt.AlignmentFlag.AlignVCenter,
                       self.label(value))
        p.end()
