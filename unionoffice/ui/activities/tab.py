"""The 活动日历 tab: the month grid beside the selected day's agenda, or a list for busy months.

Move between months and years with the arrows, the year and month boxes, PageUp/PageDown or
今天. Ctrl+N plans a new activity (on the selected day), double-click edits, Del moves the
selected activity to the recycle bin, Ctrl+P prints its sign-in sheet. Dragging a chip to another
day reschedules it. Printing and export run in the background and say where the file went.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QIcon, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...core.activities import plan as activity_plan, records as activities
from ...core.values import dates
from ...core.errors import UserError
from ...core.store.connection import Store
from ..widgets import errors, runner
from .copy_plan import CopyPlanDialog
from .dialog import ActivityDialog
from .models import ActivityListModel, kind_colour
from .tools import ActivityBinDialog, KindsDialog
from ..widgets.form_helpers import connect_header_saving, last_folder, remember_folder, restore_header
from .month_view import MonthView, visible_range
from ..widgets.record_list import RecordListMixin

SETTINGS_KEY = "activitiesTab"
WEEKDAY_NAMES = "一二三四五六日"


def _tool(text: str, tip: str) -> QToolButton:
    """Text buttons of the toolbar: as narrow as their text, so the tab fits a small screen."""
    button = QToolButton(text=text)
    button.setToolTip(tip)
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    return button


def chip_icon(kind: str) -> QIcon:
    pixmap = QPixmap(12, 12)
    pixmap.fill(kind_colour(kind))
    return QIcon(pixmap)


class ActivitiesTab(RecordListMixin, QWidget):
    data_changed = Signal()

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.dialog: ActivityDialog | None = None  # the form open right now (tests look at it)
        today = dates.today()
        self.year, self.month, self.selected_day = today.year, today.month, today
        self.selected_id: int | None = None
        self.month_rows: list[dict[str, Any]] = []
        self._build()
        self._connect()
        self.refresh()

    # ------------------------------------------------------------------ layout
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.addLayout(self._build_bar())
        self.month_view = MonthView(kind_colour)
        self.month_view.setObjectName("monthView")
        self.agenda_title = QLabel()
        self.agenda_title.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.agenda = QListWidget()
        self.agenda.setObjectName("agenda")
        self.agenda.setWordWrap(True)
        self.agenda.setSpacing(2)
        self.day_new_button = QPushButton("在这天新建活动")
        self.edit_button = QPushButton("修改…")
        self.month_summary = QLabel()
        self.month_summary.setWordWrap(True)
        self.month_summary.setStyleSheet("color: #444;")
        self.legend = QLabel()
        self.legend.setWordWrap(True)
        side = QWidget()
        side_box = QVBoxLayout(side)
        side_box.setContentsMargins(6, 0, 0, 0)
        side_box.addWidget(self.agenda_title)
        side_box.addWidget(self.agenda, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.day_new_button)
        buttons.addWidget(self.edit_button)
        side_box.addLayout(buttons)
        side_box.addWidget(self.month_summary)
        side_box.addWidget(self.legend)
        self.splitter = QSplitter()
        self.splitter.addWidget(self.month_view)
        self.splitter.addWidget(side)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([900, 320])
        self.list_model = ActivityListModel(self)
        self.list_view = QTableView()
        self.list_view.setObjectName("activityList")
        self.list_view.setModel(self.list_model)
        self.list_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list_view.verticalHeader().setDefaultSectionSize(24)
        self.list_view.horizontalHeader().setStretchLastSection(True)
        restore_header(self.list_view, SETTINGS_KEY, [c.width for c in self.list_model.columns])
        connect_header_saving(self.list_view, SETTINGS_KEY)
        self.list_totals = QLabel()
        list_page = QWidget()
        list_box = QVBoxLayout(list_page)
        list_box.setContentsMargins(0, 0, 0, 0)
        filters = QHBoxLayout()
        filters.addWidget(QLabel("范围："))
        filters.addWidget(self.scope_combo)
        filters.addWidget(self.search_edit, 1)
        list_box.addLayout(filters)
        list_box.addWidget(self.list_view, 1)
        list_box.addWidget(self.list_totals)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.splitter)
        self.stack.addWidget(list_page)
        layout.addWidget(self.stack, 1)
        self.notice = QLabel()
        self.notice.setObjectName("activityNotice")
        self.notice.setStyleSheet("color: #1c64b8;")
        self.notice.setMinimumHeight(self.notice.fontMetrics().height() + 4)  # the grid doesn't jump when it speaks
        layout.addWidget(self.notice)

    def _build_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.prev_button = QToolButton(text="◀")
        self.prev_button.setToolTip("上个月 (PageUp)")
        self.next_button = QToolButton(text="▶")
        self.next_button.setToolTip("下个月 (PageDown)")
        self.year_spin = QSpinBox()
        self.year_spin.setRange(dates.MIN_YEAR + 100, dates.MAX_YEAR)
        self.year_spin.setSuffix(" 年")
        self.month_combo = QComboBox()
        self.month_combo.addItems([f"{m} 月" for m in range(1, 13)])
        self.today_button = _tool("今天", "回到本月，选中今天")
        self.month_mode = QToolButton(text="月历", checkable=True, checked=True)
        self.list_mode = QToolButton(text="列表", checkable=True)
        self.mode_group = QButtonGroup(self)
        for i, button in enumerate((self.month_mode, self.list_mode)):
            self.mode_group.addButton(button, i)
        self.scope_combo = QComboBox()
        self.scope_combo.addItems(["本月", "全年"])
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText("筛选：活动名称、地点、组织者或类别")
        self.search_edit.setClearButtonEnabled(True)
        self.new_button = _tool("新建活动", "在所选的日子新建活动 (Ctrl+N)")
        self.print_button = _tool("打印", "打印签到表 (Ctrl+P) 或本月活动安排表")
        self.print_menu = QMenu(self)
        self.print_signin_action = self.print_menu.addAction("所选活动的签到表…", self.print_signin)
        self.print_month_action = self.print_menu.addAction("本月活动安排表…", self.print_month)
        self.print_button.setMenu(self.print_menu)
        self.print_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.export_button = _tool("导出 Excel…", "把本年度的活动导出为 Excel 台账")
        self.more_button = _tool("更多", "")
        self.more_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        more = QMenu(self)
        self.copy_action = more.addAction("生成下一年计划（复制每年举办的活动）…", self.copy_to_next_year)
        more.addAction("活动类别…", self.edit_kinds)
        more.addAction("活动回收站…", self.open_recycle_bin)
        self.more_button.setMenu(more)
        for widget in (self.prev_button, self.year_spin, self.month_combo, self.next_button, self.today_button):
            bar.addWidget(widget)
        bar.addSpacing(12)
        for widget in (self.month_mode, self.list_mode):
            bar.addWidget(widget)
        bar.addStretch(1)
        for widget in (self.new_button, self.print_button, self.export_button, self.more_button):
            bar.addWidget(widget)
        return bar

    def _connect(self) -> None:
        self.prev_button.clicked.connect(lambda: self.step_month(-1))
        self.next_button.clicked.connect(lambda: self.step_month(1))
        self.today_button.clicked.connect(self.go_today)
        self.year_spin.valueChanged.connect(lambda y: self.show_month(y, self.month))
        self.month_combo.currentIndexChanged.connect(lambda i: self.show_month(self.year, i + 1))
        self.mode_group.idClicked.connect(self.set_mode)
        self.scope_combo.currentIndexChanged.connect(lambda _i: self._fill_list())
        self.search_edit.textChanged.connect(lambda _t: self._fill_list())
        self.new_button.clicked.connect(lambda: self.new_activity())
        self.day_new_button.clicked.connect(lambda: self.new_activity(self.selected_day))
        self.edit_button.clicked.connect(lambda: self.open_activity(self.selected_id))
        self.export_button.clicked.connect(self.export)
        self.month_view.day_clicked.connect(self.select_day)
        self.month_view.activity_clicked.connect(self._select_activity)
        self.month_view.activity_activated.connect(self.open_activity)
        self.month_view.day_double_clicked.connect(self.new_activity)
        self.month_view.activity_moved.connect(self.move_activity)
        self.agenda.currentItemChanged.connect(
            lambda item, _old: item is not None and self._select_activity(item.data(Qt.ItemDataRole.UserRole)))
        self.agenda.itemDoubleClicked.connect(lambda item: self.open_activity(item.data(Qt.ItemDataRole.UserRole)))
        self.list_view.doubleClicked.connect(lambda index: self.open_activity(self.list_model.id_at(index.row())))
        self.list_view.clicked.connect(lambda index: self._select_activity(self.list_model.id_at(index.row())))
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for keys, slot in (("Ctrl+N", lambda: self.new_activity(self.selected_day)), ("Del", self.delete_selected),
                           ("Ctrl+P", self.print_signin), ("PgUp", lambda: self.step_month(-1)),
                           ("PgDown", lambda: self.step_month(1))):
            QShortcut(QKeySequence(keys), self, activated=slot, context=context)

    # ------------------------------------------------------------ navigation
    def set_store(self, store: Store) -> None:
        if self.dialog is not None:  # its edits belong to the file being closed (no 放弃？ question)
            self.dialog.done(QDialog.DialogCode.Rejected)
        self.store = store
        self.selected_id = None

    def refresh(self) -> None:
        first, last = visible_range(self.year, self.month)
        self.month_rows = activities.activities_between(self.store, first, last)
        for widget, value in ((self.year_spin, self.year), (self.month_combo, self.month - 1)):
            widget.blockSignals(True)
            widget.setValue(value) if isinstance(widget, QSpinBox) else widget.setCurrentIndex(value)
            widget.blockSignals(False)
        self.month_view.set_month(self.year, self.month, self.month_rows, today=dates.today(),
                                  selected=self.selected_day)
        self._fill_agenda()
        self._fill_summary()
        self._fill_list()

    def show_month(self, year: int, month: int, *, day: datetime.date | None = None) -> None:
        self.year, self.month = year, month
        if day is None:
            last = activities.month_range(year, month)[1].day
            day = datetime.date(year, month, min(self.selected_day.day, last))
        self.selected_day = day
        self.refresh()

    def step_month(self, step: int) -> None:
        index = self.year * 12 + self.month - 1 + step
        self.show_month(index // 12, index % 12 + 1)

    def go_today(self) -> None:
        today = dates.today()
        self.show_month(today.year, today.month, day=today)

    def select_day(self, day: datetime.date) -> None:
        if (day.year, day.month) != (self.year, self.month):
            self.show_month(day.year, day.month, day=day)
            return
        self.selected_day = day
        self.month_view.set_selected(day)
        self._fill_agenda()

    def set_mode(self, mode: int) -> None:
        self.stack.setCurrentIndex(mode)
        (self.list_mode if mode else self.month_mode).setChecked(True)

    def _select_activity(self, activity_id: int | None) -> None:
        self.selected_id = activity_id
        self.month_view.set_selected_activity(activity_id)
        self.edit_button.setEnabled(activity_id is not None)
        for row in range(self.agenda.count()):
            item = self.agenda.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == activity_id and self.agenda.currentItem() is not item:
                self.agenda.blockSignals(True)
                self.agenda.setCurrentItem(item)
                self.agenda.blockSignals(False)

    # ------------------------------------------------------------- the panels
    def day_rows(self, day: datetime.date) -> list[dict[str, Any]]:
        iso = day.isoformat()
        return [r for r in self.month_rows if r["start_date"] <= iso <= r["end_date"]]

    def _fill_agenda(self) -> None:
        day = self.selected_day
        mark = "（今天）" if day == dates.today() else ""
        self.agenda_title.setText(f"{day.month}月{day.day}日 星期{WEEKDAY_NAMES[day.weekday()]}{mark}")
        self.agenda.blockSignals(True)
        self.agenda.clear()
        rows = self.day_rows(day)
        for row in rows:
            item = QListWidgetItem(chip_icon(row["kind"]), agenda_text(row))
            item.setData(Qt.ItemDataRole.UserRole, row["id"])
            if row["status"] == "取消":
                item.setForeground(QColor("#888"))
            self.agenda.addItem(item)
        if not rows:
            empty = QListWidgetItem("这天没有活动。双击月历中的日子或按 Ctrl+N 新建。")
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.agenda.addItem(empty)
        self.agenda.blockSignals(False)
        self._select_activity(rows[0]["id"] if len(rows) == 1 else (
            self.selected_id if self.selected_id in {r["id"] for r in rows} else None))

    def _fill_summary(self) -> None:
        first, last = activities.month_range(self.year, self.month)
        rows = [r for r in self.month_rows if r["start_date"] >= first.isoformat() and r["start_date"] <= last.isoformat()]
        held = [r for r in rows if r["status"] == "已举办"]
        self.month_summary.setText(
            f"{self.month}月共 {len(rows)} 项活动：已举办 {len(held)} 项（{sum(r['headcount'] or 0 for r in held):,} 人次），"
            f"计划 {sum(r['status'] == '计划' for r in rows)} 项，取消 {sum(r['status'] == '取消' for r in rows)} 项。")
        kinds = activities.activity_kinds(self.store)
        self.legend.setText("　".join(f"<span style='color:{kind_colour(k).name()}'>■</span>{k}" for k in kinds)
                            + "<br><span style='color:#666'>浅色＝计划　深色✓＝已举办　灰色删除线＝取消</span>")

    def _fill_list(self) -> None:
        if self.scope_combo.currentIndex() == 1:
            first, last = datetime.date(self.year, 1, 1), datetime.date(self.year, 12, 31)
        else:
            first, last = activities.month_range(self.year, self.month)
        rows = activities.activities_between(self.store, first, last, text=self.search_edit.text())
        self.list_model.set_rows(rows)
        self.list_totals.setText(self.list_model.totals_text())

    # ------------------------------------------------------------- records
    def new_activity(self, day: datetime.date | None = None) -> ActivityDialog:
        return self._show_dialog(ActivityDialog(self.store, None, self, day=day or self.selected_day))

    def open_activity(self, activity_id: int | None) -> ActivityDialog | None:
        """The edit form; the calendar first turns to the activity's day (e.g. opened from 工作台)."""
        row = activities.get_activity(self.store, activity_id) if activity_id is not None else None
        if row is None:
            return None
        start = datetime.date.fromisoformat(row["start_date"])
        if row["deleted_at"] is None and not any(r["id"] == activity_id for r in self.month_rows):
            self.show_month(start.year, start.month, day=start)
        self._select_activity(activity_id)
        return self._show_dialog(ActivityDialog(self.store, activity_id, self))

    def _after_save(self, activity_id: int) -> None:
        row = activities.get_activity(self.store, activity_id)
        self.selected_id = activity_id
        if row:
            self.show_month(*map(int, row["start_date"].split("-")[:2]), day=datetime.date.fromisoformat(row["start_date"]))
        self.data_changed.emit()

    def move_activity(self, activity_id: int, new_start: datetime.date) -> bool:
        row = activities.get_activity(self.store, activity_id)
        try:
            activities.move_activity(self.store, activity_id, new_start)
        except UserError as err:
            errors.show_user_error(self, err, "无法改期")
            return False
        self.selected_day, self.selected_id = new_start, activity_id
        self.refresh()
        self.notice.setText(f"已把“{row['title']}”从 {dates.format_date_cn(row['start_date'])} 改到 "
                            f"{dates.format_date_cn(new_start)}。")
        self.data_changed.emit()
        return True

    def delete_selected(self) -> int:
        row = activities.get_activity(self.store, self.selected_id) if self.selected_id else None
        if row is None or row["deleted_at"]:
            return 0
        answer = QMessageBox.question(
            self, "删除活动", f"将把“{row['title']}”（{activities.when_text(row)}）移入活动回收站，可以恢复。确定吗？",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return 0
        n = activities.delete_activities(self.store, [row["id"]])
        self.selected_id = None
        self.refresh()
        self.data_changed.emit()
        return n

    def copy_to_next_year(self) -> CopyPlanDialog:
        """The preview of next year's plan from the year the clerk most likely means (named in it,
        changeable) — never simply the year on screen."""
        dialog = CopyPlanDialog(self.store, activity_plan.default_source_year(self.store), self)
        dialog.copied.connect(self._after_copy)
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        self.copy_dialog = dialog
        dialog.open()
        return dialog

    def _after_copy(self, _result, target: int) -> None:
        self.set_mode(1)
        self.scope_combo.setCurrentIndex(1)
        self.show_month(target, 1)
        self.data_changed.emit()

    def edit_kinds(self) -> KindsDialog:
        dialog = KindsDialog(self.store, self)
        dialog.saved.connect(self.refresh)
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        self.kinds_dialog = dialog
        dialog.open()
        return dialog

    def open_recycle_bin(self) -> ActivityBinDialog:
        dialog = ActivityBinDialog(self.store, self)
        dialog.changed.connect(lambda: (self.refresh(), self.data_changed.emit()))
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        self.recycle_bin = dialog
        dialog.open()
        return dialog

    # ------------------------------------------------------- printing, export
    def _ask_path(self, title: str, name: str, pattern: str) -> Path | None:
        default = Path(last_folder("activityOutput", self.store.path.parent)) / name
        chosen, _ = QFileDialog.getSaveFileName(self, title, str(default), pattern)
        if not chosen:
            return None
        suffix = pattern.split("*")[1].split(")")[0]
        path = Path(chosen) if chosen.lower().endswith(suffix) else Path(chosen + suffix)
        remember_folder("activityOutput", path)
        return path

    def print_signin(self) -> runner.Operation | None:
        row = activities.get_activity(self.store, self.selected_id) if self.selected_id else None
        if row is None:
            QMessageBox.information(self, "打印签到表", "请先在月历或列表中点选一项活动。")
            return None
        path = self._ask_path("保存签到表", f"签到表-{row['title']}-{row['start_date']}.pdf", "PDF 文件 (*.pdf)")
        if path is None:
            return None
        activity_id = row["id"]

        def work(store, progress):
            from ...printing.activity_sheets import write_signin_sheet

            return write_signin_sheet(store, activity_id, path)

        return self._run("打印签到表", work, path)

    def print_month(self) -> runner.Operation | None:
        year, month = self.year, self.month
        path = self._ask_path("保存本月活动安排表", f"活动安排-{year}年{month}月.pdf", "PDF 文件 (*.pdf)")
        if path is None:
            return None

        def work(store, progress):
            from ...printing.activity_sheets import write_month_schedule

            return write_month_schedule(store, year, month, path)

        return self._run("打印活动安排表", work, path)

    def export(self) -> runner.Operation | None:
        year = self.year
        path = self._ask_path("导出活动", f"活动台账-{year}年.xlsx", "Excel 工作簿 (*.xlsx)")
        if path is None:
            return None

        def work(store, progress):
            from ...exchange.exports.activities import export_activities

            return export_activities(store, path, year=year)

        return self._run("导出活动", work, path)

    def _run(self, title: str, work, path: Path) -> runner.Operation:
        def done(_result) -> None:
            self.notice.setText(f"{title}完成：{path}")
            QMessageBox.information(self, f"{title}完成", f"已保存到：\n{path}")

        op = runner.Operation(self, title, runner.with_worker_store(self.store, work), on_success=done)
        self.operation = op
        return op.start()


def agenda_text(row: dict[str, Any]) -> str:
    time = activities.when_text(row).split(" ", 1)[1] if " " in activities.when_text(row) else ""
    if row["start_date"] != row["end_date"]:
        time = activities.when_text(row)
    first = f"{time}  {row['title']}" if time else row["title"]
    facts = [row["kind"], row["status"]]
    if row.get("location"):
        facts.append(row["location"])
    if row["status"] == "已举办":
        facts.append(f"{row['headcount'] if row['headcount'] is not None else '?'} 人次")
    elif row.get("planned_headcount") is not None:
        facts.append(f"计划 {row['planned_headcount']} 人次")
    return f"{first}\n{' · '.join(facts)}"
