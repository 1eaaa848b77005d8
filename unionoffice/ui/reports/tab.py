"""The 报表 tab: pick a period (year, half-year, quarter, month or custom dates), read the figures
grouped by area beside the same period last year, with simple bar charts, and export the summary
as PDF, Excel or a drafted Word 工作总结 (the same files ``unionoffice report summary`` writes)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core.values import dates
from ...core.figures import catalogue as F
from ...core.figures import view as V
from ...core.errors import UserError
from ...core.store.connection import Store
from ..widgets import runner
from .bar_chart import BarChart
from ..widgets.form_helpers import last_folder, remember_folder

KINDS = ("年度", "半年", "季度", "月份", "自定义")
PARTS = {
    "年度": [],
    "半年": ["上半年", "下半年"],
    "季度": ["第一季度", "第二季度", "第三季度", "第四季度"],
    "月份": [f"{m}月" for m in range(1, 13)],
    "自定义": [],
}
EXPORTS = {"pdf": ("PDF 报告（含图表）", "PDF 文件 (*.pdf)", ".pdf"),
           "xlsx": ("Excel 汇总表", "Excel 工作簿 (*.xlsx)", ".xlsx"),
           "docx": ("Word 工作总结初稿", "Word 文档 (*.docx)", ".docx")}
FOLDER_KEY = "reportsTab"


class ReportsTab(QWidget):
    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.figures: F.Figures | None = None
        self.last_year: F.Figures | None = None
        self.tables: dict[str, QTableWidget] = {}
        self.charts: list[BarChart] = []
        self._build()
        self.refresh()

    # ----------------------------------------------------------------- layout
    def _build(self) -> None:
        today = dates.today()
        self.kind = QComboBox()
        self.kind.addItems(KINDS)
        self.kind.setObjectName("periodKind")
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(today.year)
        self.year.setSuffix(" 年")
        self.part = QComboBox()
        self.date_from, self.date_to = QDateEdit(), QDateEdit()
        for edit, day in ((self.date_from, dt.date(today.year, 1, 1)), (self.date_to, today)):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setDate(QDate(day.year, day.month, day.day))
        self.show_button = QPushButton("统计")
        self.period_label = QLabel()
        self.period_label.setObjectName("periodLabel")
        self.period_label.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.period_label.setWordWrap(True)  # a long custom period must not widen the window
        self.export_buttons = {k: QPushButton(f"导出{title}") for k, (title, _f, _s) in EXPORTS.items()}

        self.to_label = QLabel("至")
        bar = QHBoxLayout()
        for w in (QLabel("统计期间："), self.kind, self.year, self.part, self.date_from, self.to_label, self.date_to,
                  self.show_button):
            bar.addWidget(w)
        bar.addStretch(1)
        exports = QHBoxLayout()
        exports.addWidget(self.period_label, 1)
        for button in self.export_buttons.values():
            exports.addWidget(button)
        self.return_button = QPushButton("区总工会报表…")
        self.return_button.setToolTip("用区总工会下发的 Excel 报表（或程序自带的模板）自动填入本期数据")
        exports.addWidget(self.return_button)

        self.body = QWidget()
        self.body_layout = QVBoxLayout(self.body)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.body)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addLayout(exports)
        layout.addWidget(scroll, 1)

        self.kind.currentTextChanged.connect(self._kind_changed)
        self.show_button.clicked.connect(self.refresh)
        self.year.valueChanged.connect(self.refresh)
        self.part.currentIndexChanged.connect(self.refresh)
        self.return_button.clicked.connect(lambda: self.district_return_dialog().exec())
        for key, button in self.export_buttons.items():
            button.clicked.connect(lambda _=False, k=key: self.export_dialog(k))
        self._kind_changed(self.kind.currentText())

    def _kind_changed(self, kind: str) -> None:
        self.part.blockSignals(True)
        self.part.clear()
        self.part.addItems(PARTS[kind])
        if kind == "季度":
            self.part.setCurrentIndex((dates.today().month - 1) // 3)
        elif kind == "月份":
            self.part.setCurrentIndex(dates.today().month - 1)
        self.part.blockSignals(False)
        custom = kind == "自定义"
        self.part.setVisible(bool(PARTS[kind]))
        self.year.setVisible(not custom)
        for w in (self.date_from, self.to_label, self.date_to):
            w.setVisible(custom)
        self.refresh()

    # ----------------------------------------------------------------- period
    def period(self) -> F.Period:
        kind, y, i = self.kind.currentText(), self.year.value(), self.part.currentIndex() + 1
        if kind == "半年":
            return F.half_year(y, i)
        if kind == "季度":
            return F.quarter(y, i)
        if kind == "月份":
            return F.month(y, i)
        if kind == "自定义":
            return F.make_period(self.date_from.date().toPython(), self.date_to.date().toPython())
        return F.year(y)

    def set_period(self, kind: str, year: int | None = None, part: int = 1,
                   start: dt.date | None = None, end: dt.date | None = None) -> None:
        """Pick a period as a clerk would (tests use this)."""
        self.kind.setCurrentText(kind)
        if year is not None:
            self.year.blockSignals(True)
            self.year.setValue(year)
            self.year.blockSignals(False)
        if PARTS[kind]:
            self.part.blockSignals(True)
            self.part.setCurrentIndex(part - 1)
            self.part.blockSignals(False)
        if start and end:
            self.date_from.setDate(QDate(start.year, start.month, start.day))
            self.date_to.setDate(QDate(end.year, end.month, end.day))
        self.refresh()

    # ---------------------------------------------------------------- content
    def set_store(self, store: Store) -> None:
        self.store = store

    def refresh(self) -> None:
        try:
            period = self.period()
        except UserError as exc:
            # the figures of the last good period must not stand under an error about this one
            self.figures = self.last_year = None
            self._show([])
            self.period_label.setText(str(exc))
            self._enable_exports(False)
            return
        self._enable_exports(True)
        self.figures, self.last_year = F.compare(self.store, period)
        ly = period.last_year()
        self.period_label.setText(f"{period.label}（{period.start} 至 {period.end}），与上年同期 "
                                  f"{ly.start} 至 {ly.end} 比较")
        self._show(V.sections(self.figures, self.last_year))

    def _enable_exports(self, on: bool) -> None:
        for button in self.export_buttons.values():
            button.setEnabled(on)
            button.setToolTip("" if on else "统计期间有误，请先改正期间")

    def _show(self, sections: list[V.Section]) -> None:
        while self.body_layout.count():
            item = self.body_layout.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.tables, self.charts = {}, []
        for sec in sections:
            heading = QLabel(sec.title)
            heading.setStyleSheet("font-size: 15px; font-weight: bold; margin-top: 8px;")
            self.body_layout.addWidget(heading)
            for note in sec.notes:
                label = QLabel(note)
                label.setObjectName("notEnabledNote")
                label.setStyleSheet("color: #a05a00;")
                self.body_layout.addWidget(label)
            if not sec.rows:
                continue
            # the table on the left, the section's charts beside it
            row = QHBoxLayout()
            self.tables[sec.title] = self._table(sec)
            row.addWidget(self.tables[sec.title], 0, Qt.AlignmentFlag.AlignTop)
            charts = QVBoxLayout()
            for chart in sec.charts:
                last = self.last_year.breakdown(_prefix_of(chart)) if self.last_year else {}
                widget = BarChart(chart.title, chart.data, lambda v, u=chart.unit: V.chart_value_text(u, v),
                                  {k: v for k, v in last.items() if k in chart.data and v})
                self.charts.append(widget)
                charts.addWidget(widget)
            charts.addStretch(1)
            row.addLayout(charts, 1)
            holder = QWidget()
            holder.setLayout(row)
            self.body_layout.addWidget(holder)
        self.body_layout.addStretch(1)

    def _table(self, sec: V.Section) -> QTableWidget:
        table = QTableWidget(len(sec.rows), 4)
        table.setHorizontalHeaderLabels(("项目", "本期", "上年同期", "增减"))
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().setDefaultSectionSize(22)
        widths = (240, 125, 125, 140)
        for col, width in enumerate(widths):
            table.setColumnWidth(col, width)
        table.setFixedWidth(sum(widths) + 4)
        for row, r in enumerate(sec.rows):
            label = QTableWidgetItem(("　　" if r.indent else "") + r.label)
            if r.indent:
                label.setForeground(QColor("#555"))
            table.setItem(row, 0, label)
            for col, text in ((1, r.now), (2, r.last), (3, self._change(r))):
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                table.setItem(row, col, item)
        height = table.horizontalHeader().height() + sum(table.rowHeight(i) for i in range(table.rowCount())) + 4
        table.setFixedHeight(height)
        table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        return table

    def _change(self, row: V.Row) -> str:
        """+12 / -3 / +1.25个百分点 / +1,000.00元 beside last year; '' when not comparable."""
        return V.change_text(row, self.last_year)

    def table_rows(self, title: str) -> list[tuple[str, ...]]:
        table = self.tables[title]
        return [tuple(table.item(r, c).text() for c in range(4)) for r in range(table.rowCount())]

    def notes(self) -> list[str]:
        return [w.text() for w in self.body.findChildren(QLabel, "notEnabledNote")]

    # ----------------------------------------------------------------- export
    def district_return_dialog(self):
        """The 区总工会报表 dialog, its period taken from the tab when it is a year or a half."""
        from .district_return import DistrictReturnDialog

        kind, half = self.kind.currentText(), None
        if kind == "半年":
            half = self.part.currentIndex() + 1
        return DistrictReturnDialog(self.store, self.year.value(), half, self)

    def export_dialog(self, kind: str) -> None:
        title, file_filter, suffix = EXPORTS[kind]
        period = self.period()
        default = Path(last_folder(FOLDER_KEY)) / f"{self.store.office_name}{period.label}{title}{suffix}"
        path, _ = QFileDialog.getSaveFileName(self, f"导出{title}", str(default), file_filter)
        if path:
            remember_folder(FOLDER_KEY, path)
            self.export(kind, Path(path).with_suffix(suffix) if not path.lower().endswith(suffix) else Path(path))

    def export(self, kind: str, path: Path) -> runner.Operation:
        """Write the file off the UI thread (its own connection), then say where it went."""
        from ...commands.report import writer

        period, suffix, title = self.period(), EXPORTS[kind][2], EXPORTS[kind][0]

        def work(store, progress):
            progress(0, 0, f"正在生成{title}…")
            return writer(suffix)(store, period, path)

        op = runner.Operation(self, f"导出{title}", runner.with_worker_store(self.store, work),
                              on_success=lambda out: QMessageBox.information(self, "导出完成", f"已保存到：\n{out}"))
        return op.start()


def _prefix_of(chart: V.Chart) -> str:
    for charts in V.CHARTS.values():
        for prefix, title in charts:
            if title == chart.title:
                return prefix
    return ""
