"""A period as a clerk names it — a month, a quarter, a half-year, a year or two dates — in one row
of widgets. ``period()`` gives the core ``Period`` (or raises the Chinese UserError of a bad one)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLabel, QSpinBox, QWidget

from ...core.figures import catalogue as F
from ...core.values import dates

KINDS = ("月份", "季度", "半年", "年度", "自定义")
PARTS = {
    "月份": [f"{m}月" for m in range(1, 13)],
    "季度": ["第一季度", "第二季度", "第三季度", "第四季度"],
    "半年": ["上半年", "下半年"],
    "年度": [],
    "自定义": [],
}


class PeriodPicker(QWidget):
    changed = Signal()

    def __init__(self, kind: str = "年度", parent: QWidget | None = None):
        super().__init__(parent)
        today = dates.today()
        self.kind = QComboBox()
        self.kind.addItems(KINDS)
        self.year = QSpinBox()
        self.year.setRange(dates.MIN_YEAR, dates.MAX_YEAR)
        self.year.setValue(today.year)
        self.year.setSuffix(" 年")
        self.part = QComboBox()
        self.date_from, self.date_to = QDateEdit(), QDateEdit()
        for edit, day in ((self.date_from, dt.date(today.year, 1, 1)), (self.date_to, today)):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setDate(QDate(day.year, day.month, day.day))
        self.to_label = QLabel("至")
        box = QHBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        for w in (self.kind, self.year, self.part, self.date_from, self.to_label, self.date_to):
            box.addWidget(w)
        self.kind.currentTextChanged.connect(self._kind_changed)
        for signal in (self.year.valueChanged, self.part.currentIndexChanged, self.date_from.dateChanged,
                       self.date_to.dateChanged):
            signal.connect(lambda *_: self.changed.emit())
        self.kind.setCurrentText(kind)
        self._kind_changed(kind)

    def _kind_changed(self, kind: str) -> None:
        self.part.blockSignals(True)
        self.part.clear()
        self.part.addItems(PARTS[kind])
        month = dates.today().month
        self.part.setCurrentIndex({"月份": month - 1, "季度": (month - 1) // 3, "半年": (month - 1) // 6}.get(kind, 0))
        self.part.blockSignals(False)
        custom = kind == "自定义"
        self.part.setVisible(bool(PARTS[kind]))
        self.year.setVisible(not custom)
        for w in (self.date_from, self.to_label, self.date_to):
            w.setVisible(custom)
        self.changed.emit()

    def period(self) -> F.Period:
        kind, y, i = self.kind.currentText(), self.year.value(), self.part.currentIndex() + 1
        if kind == "月份":
            return F.month(y, i)
        if kind == "季度":
            return F.quarter(y, i)
        if kind == "半年":
            return F.half_year(y, i)
        if kind == "自定义":
            return F.make_period(self.date_from.date().toPython(), self.date_to.date().toPython())
        return F.year(y)

    def set_period(self, kind: str, year: int | None = None, part: int = 1,
                   start: dt.date | None = None, end: dt.date | None = None) -> None:
        """Pick a period as a clerk would (tests use this)."""
        self.kind.setCurrentText(kind)
        if year is not None:
            self.year.setValue(year)
        if PARTS[kind]:
            self.part.setCurrentIndex(part - 1)
        if start and end:
            self.date_from.setDate(QDate(start.year, start.month, start.day))
            self.date_to.setDate(QDate(end.year, end.month, end.day))
