"""The 工作台 tab (the first thing a clerk sees): today's reminders, each opening its record, and
the headline figures of the year so far."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core.values import dates
from ...core.figures import catalogue as F
from ...core.figures import view as V
from ...core.dashboard import integrity
from ...core.dashboard import reminders as R
from ...core.store.connection import Store

WEEKDAYS = "一二三四五六日"
LEVEL_COLOURS = {R.OVERDUE: QColor("#f8d0d0"), R.DUE: QColor("#fff1c2"), R.INFO: None}
# kind → methods a tab may offer to open one record, tried in order
OPENERS = {
    "dispute": ("open_record", "open_case"),
    "org": ("open_record", "open_org"),
    "contract": ("open_record", "open_org"),  # a contract is shown on its org
    "activity": ("open_record", "open_activity"),
    "hardship": ("open_hardship_file", "open_file", "open_record"),
    "fees": ("open_org",),  # the org's line in the 工会经费 tab
    "campaign": ("open_campaign",),
    "honour_year": ("show_without_year",),  # the honours register filtered to 劳模 without a year
}
COLUMNS = ("状态", "类别", "事项", "日期")


class _IntegrityReady(QObject):
    """Carries the integrity check's result from its thread to the GUI thread."""
    ready = Signal(object, object)


class DashboardTab(QWidget):
    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.items: list[R.Reminder] = []
        self.integrity_done = False
        self._integrity_thread: threading.Thread | None = None
        self._integrity_signal = _IntegrityReady(self)
        self._integrity_signal.ready.connect(self._show_integrity)
        self._build()
        self.refresh()

    # ----------------------------------------------------------------- layout
    def _build(self) -> None:
        self.today_label = QLabel()
        self.today_label.setObjectName("todayLabel")
        font = self.today_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.today_label.setFont(font)
        self.figures_title = QLabel()
        self.figures_box = QGridLayout()
        self.figures_box.setHorizontalSpacing(12)
        tiles = QFrame()
        tiles.setLayout(self.figures_box)
        tiles.setObjectName("headlineFigures")

        self.integrity_label = QLabel()
        self.integrity_label.setObjectName("integrityWarning")
        self.integrity_label.setWordWrap(True)
        self.integrity_label.setStyleSheet("color: #9c0006; background: #ffc7ce; padding: 6px; font-weight: bold;")
        self.integrity_label.setVisible(False)
        self.summary_label = QLabel()
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("reminderTable")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for col, width in ((0, 80), (1, 110), (3, 100)):
            self.table.setColumnWidth(col, width)
        self.table.doubleClicked.connect(lambda index: self.open_reminder(index.row()))
        self.open_button = QPushButton("打开所选事项")
        self.open_button.clicked.connect(lambda: self.open_reminder(self.table.currentRow()))
        self.refresh_button = QPushButton("刷新")
        self.refresh_button.clicked.connect(self.refresh)

        buttons = QHBoxLayout()
        buttons.addWidget(self.summary_label, 1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.today_label)
        layout.addWidget(self.integrity_label)
        layout.addWidget(self.figures_title)
        layout.addWidget(tiles)
        layout.addSpacing(6)
        reminders_title = QLabel("今日提醒（双击一行打开对应记录）")
        reminders_title.setStyleSheet("font-weight: bold;")
        layout.addWidget(reminders_title)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)

    # ---------------------------------------------------------------- content
    def set_store(self, store: Store) -> None:
        self.store = store

    def refresh(self) -> None:
        today = dates.today()
        office = self.store.office_name
        self.today_label.setText(f"{office}　今天是{dates.format_date_cn(today)}　星期{WEEKDAYS[today.weekday()]}")
        self._fill_figures(F.compute(self.store, F.year_to_date(today)))
        self.items = R.reminders(self.store, today)
        self._fill_reminders()
        self.check_integrity()

    # -------------------------------------------------------------- integrity
    def check_integrity(self) -> None:
        """Walk the sealed audit off the UI thread (every audit row is read: ~1 s for a large
        office) on its own connection; the red warning appears when it is done."""
        if self._integrity_thread is not None and self._integrity_thread.is_alive():
            return
        store, today = self.store, dates.today()
        self.integrity_done = False

        def work() -> None:
            try:
                worker = store.open_worker()
                try:
                    lines = integrity.warnings(worker, today)
                finally:
                    worker.close()
            except Exception as exc:  # noqa: BLE001 - a check that cannot run is said, not raised
                lines = [f"无法核对操作日志封存链：{exc}"]
            self._integrity_signal.ready.emit(store, lines)

        self._integrity_thread = threading.Thread(target=work, name="integrity-check", daemon=True)
        self._integrity_thread.start()

    def _show_integrity(self, store: Store, lines: list[str]) -> None:
        if store is not self.store:
            return  # the window moved to another file meanwhile
        self.integrity_label.setText("\n".join(lines))
        self.integrity_label.setVisible(bool(lines))
        self.integrity_done = True

    def _fill_figures(self, figures: F.Figures) -> None:
        self.figures_title.setText(f"本年数据（{figures.period.label}）")
        while self.figures_box.count():
            old = self.figures_box.takeAt(0).widget()
            old.setParent(None)  # gone at once, not at the next event loop turn
            old.deleteLater()
        tiles = V.headline(figures)
        per_row = (len(tiles) + 1) // 2  # two even rows, however many tiles the areas give
        for i, (label, value) in enumerate(tiles):
            tile = QLabel(f"<div style='color:#555'>{label}</div>"
                          f"<div style='font-size:17px; font-weight:bold; color:#1f4e79'>{value}</div>")
            if value == F.NOT_ENABLED:
                tile.setText(f"<div style='color:#555'>{label}</div><div style='color:#999'>{value}</div>")
            elif label == "入会率" and (figures.get("members.membership_rate") or 0) > 1:
                # more members than the ledger's workers: out-of-date 职工人数, never good news
                tile.setText(f"<div style='color:#555'>{label}</div>"
                             f"<div style='font-size:17px; font-weight:bold; color:#b00020'>{value}</div>")
                tile.setToolTip("会员比单位台账的职工人数还多，请到“单位”页核对各单位的职工人数")
            tile.setObjectName(f"headline:{label}")
            tile.setFrameShape(QFrame.Shape.StyledPanel)
            tile.setMinimumWidth(90)
            self.figures_box.addWidget(tile, i // per_row, i % per_row)

    def _fill_reminders(self) -> None:
        self.table.setRowCount(len(self.items))
        for row, r in enumerate(self.items):
            values = (r.status_text, r.category, r.text, r.when)
            for col, text in enumerate(values):
                item = QTableWidgetItem(text)
                colour = LEVEL_COLOURS[r.level]
                if colour is not None:
                    item.setBackground(colour)
                if col == 0 and r.level == R.OVERDUE:
                    font = QFont(item.font())
                    font.setBold(True)
                    item.setFont(font)
                self.table.setItem(row, col, item)
        overdue = sum(r.level == R.OVERDUE for r in self.items)
        self.summary_label.setText(f"共 {len(self.items)} 项，其中已超期 {overdue} 项" if self.items
                                   else "今天没有需要提醒的事项。")
        self.open_button.setEnabled(bool(self.items))

    # ---------------------------------------------------------------- opening
    def reminder_texts(self) -> list[str]:
        return [self.table.item(r, 2).text() for r in range(self.table.rowCount())]

    def open_reminder(self, row: int) -> QWidget | None:
        """Switch to the tab that shows the reminder's record and ask it to open the record."""
        if not 0 <= row < len(self.items):
            return None
        reminder = self.items[row]
        window = self.window()
        try:
            tab = window.show_tab(reminder.tab)  # a register inside 登记簿 too
        except (AttributeError, KeyError):  # not inside the main window, or the tab is missing
            return None
        for name in OPENERS.get(reminder.kind, ()):
            opener = getattr(tab, name, None)
            if callable(opener):
                opener(reminder.record_id)
                break
        return tab
