"""The 劳动争议 tab: the dispute log (台账) with its deadlines in view.

The list shows every case with 案号, parties, type, scale, status, days open and the 15-day
mediation deadline; cases past the deadline are red, cases within 3 days of it yellow, and a
line above the list counts them (click it to list just those). Filters: status, type, respondent
org, year; the search box takes party names, pinyin initials, 案号 and phone fragments.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..widgets.personal import personal_title
from ...core.values import dates, money
from ...core.disputes import query as dispute_query, records as disputes
from ...core.disputes.query import DisputeFilter
from ...core.store.connection import Store
from ..widgets import runner
from .dialog import DUE_COLOUR, OVERDUE_COLOUR, DisputeDialog
from ..widgets.form_helpers import debounced, last_folder, remember_folder
from ..widgets.table_models import ALIGN_CENTER, ALIGN_RIGHT, Column, LazyTableModel
from ..widgets.record_list import RecordListMixin, record_table

SETTINGS_KEY = "disputesTab"
PDF_FILTER = "PDF 文件 (*.pdf)"
XLSX_FILTER = "Excel 工作簿 (*.xlsx)"
STATUS_CHOICES = ("未结案", "临近或超期", *disputes.STATUSES)


def row_colour(row: dict) -> QColor | None:
    """The whole row stands out: red past the mediation deadline, yellow within 3 days of it."""
    return {"overdue": OVERDUE_COLOUR, "due": DUE_COLOUR}.get(row.get("alert") or "")


def deadline_text(row: dict) -> str:
    alert = disputes.alert_text(row)
    return f"{row['deadline']}（{alert}）" if alert else row["deadline"]


def dispute_columns() -> list[Column]:
    def col(key, title, text, width, align=Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter):
        return Column(key, title, text, width, align, background=row_colour,
                      tooltip=lambda r: disputes.alert_text(r) or r.get("claim", "")[:200])

    return [
        col("case_no", "案号", lambda r: r["case_no"], 90, ALIGN_CENTER),
        col("received_date", "受理日期", lambda r: r["received_date"], 92, ALIGN_CENTER),
        col("applicants", "申请人", lambda r: r["applicant_label"], 130),
        col("respondent", "被申请人", lambda r: r["respondent_name"], 230),
        col("kind", "类型", lambda r: r["kind"], 100),
        col("workers", "人数", lambda r: f"{r['workers']}" + ("（集体）" if r["collective"] else ""), 78, ALIGN_RIGHT),
        col("amount", "金额（元）", lambda r: money.format_money(r["amount"]), 100, ALIGN_RIGHT),
        col("status", "状态", lambda r: r["status"], 70, ALIGN_CENTER),
        col("days_open", "已办天数", lambda r: str(r["days_open"]), 66, ALIGN_RIGHT),
        col("deadline", "调解期限", deadline_text, 170, ALIGN_CENTER),
    ]


class DisputesTab(RecordListMixin, QWidget):
    data_changed = Signal()

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.dialog: DisputeDialog | None = None  # the case form open right now (tests look at it)
        self.columns = dispute_columns()
        self.model = LazyTableModel(self.columns, lambda ids: dispute_query.disputes_by_ids(self.store, ids), parent=self)
        self._build()
        self._search_timer = debounced(self, self.run_search)
        self._connect()
        self.refresh()

    # -------------------------------------------------------------------- layout
    def _build(self) -> None:
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("disputeSearch")
        self.search_edit.setPlaceholderText("搜索案件：申请人或被申请人名称、拼音首字母、案号、电话   Ctrl+F")
        self.search_edit.setClearButtonEnabled(True)
        self.count_label = QLabel()
        self.alert_button = QPushButton()
        self.alert_button.setObjectName("deadlineAlert")
        self.alert_button.setFlat(True)
        self.alert_button.setToolTip("点击只列出临近期限或已超期的案件")
        top = QHBoxLayout()
        top.addWidget(self.search_edit, 1)
        top.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(self._build_filters())
        layout.addWidget(self.alert_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addLayout(self._build_buttons())
        self.view = self._build_view()
        layout.addWidget(self.view, 1)

    def _build_filters(self) -> QHBoxLayout:
        self.status_filter = QComboBox()
        self.status_filter.addItem("全部状态", None)
        for status in STATUS_CHOICES:
            self.status_filter.addItem(status, status)
        self.kind_filter = QComboBox()
        self.kind_filter.addItem("全部类型", None)
        for kind in disputes.KINDS:
            self.kind_filter.addItem(kind, kind)
        self.org_filter = QComboBox()
        self.org_filter.setMinimumWidth(160)
        self.year_filter = QComboBox()
        self.clear_filters_button = QPushButton("清除筛选")
        row = QHBoxLayout()
        for title, widget in (("状态：", self.status_filter), ("类型：", self.kind_filter),
                              ("被申请人单位：", self.org_filter), ("年度：", self.year_filter)):
            row.addWidget(QLabel(title))
            row.addWidget(widget)
        row.addWidget(self.clear_filters_button)
        row.addStretch(1)
        return row

    def _build_buttons(self) -> QHBoxLayout:
        self.new_button = QPushButton("登记新案件 (Ctrl+N)")
        self.edit_button = QPushButton("查看/办理")
        self.delete_button = QPushButton("删除 (Del)")
        self.print_form_button = QPushButton("打印登记表…")
        self.selection_buttons = ("edit_button", "delete_button", "print_form_button")
        self.print_register_button = QPushButton("打印台账…")
        self.export_button = QPushButton("导出…")
        self.recycle_button = QPushButton("回收站")
        self.recycle_button.setCheckable(True)
        self.recycle_button.setToolTip("列出已删除的案件，可以恢复")
        self.print_register_button.setToolTip("按所选年度（未选则本年）打印劳动争议台账")
        self.export_button.setToolTip("把全部案件导出为 Excel")
        row = QHBoxLayout()
        for button in (self.new_button, self.edit_button, self.delete_button):
            row.addWidget(button)
        row.addStretch(1)
        for button in (self.print_form_button, self.print_register_button, self.export_button, self.recycle_button):
            row.addWidget(button)
        return row

    def _build_view(self) -> QTableView:
        return record_table(self.model, "disputeTable", SETTINGS_KEY, [c.width for c in self.columns])

    def _connect(self) -> None:
        self.search_edit.textChanged.connect(lambda _text: self._search_timer.start())
        for combo in self._filters():
            combo.currentIndexChanged.connect(self.run_search)
        self.clear_filters_button.clicked.connect(self.clear_filters)
        self.alert_button.clicked.connect(self.show_alerts)
        self.new_button.clicked.connect(self.new_case)
        self.edit_button.clicked.connect(self.edit_current)
        self.delete_button.clicked.connect(self.delete_selected)
        self.print_form_button.clicked.connect(self.print_selected_form)
        self.print_register_button.clicked.connect(self.print_register)
        self.export_button.clicked.connect(self.export_cases)
        self.recycle_button.toggled.connect(self._toggle_recycle_bin)
        self.view.doubleClicked.connect(lambda index: self.open_case(self.model.id_at(index.row())))
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        # Window-wide while this tab is the one shown (a hidden tab's shortcuts don't fire), so
        # Ctrl+N works right after clicking the tab; Del only with focus in the tab, for safety.
        for keys, slot in ((QKeySequence("Ctrl+N"), self.new_case), (QKeySequence("Ctrl+F"), self.focus_search),
                           (QKeySequence("Ctrl+P"), self.print_selected_form)):
            QShortcut(keys, self, activated=slot, context=Qt.ShortcutContext.WindowShortcut)
        QShortcut(QKeySequence(Qt.Key.Key_Delete), self, activated=self.delete_selected,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            QShortcut(QKeySequence(key), self.view, activated=self.edit_current, context=Qt.ShortcutContext.WidgetShortcut)

    def _filters(self) -> list[QComboBox]:
        return [self.status_filter, self.kind_filter, self.org_filter, self.year_filter]

    # ------------------------------------------------------------ tab protocol
    def set_store(self, store: Store) -> None:
        self.store = store

    def refresh(self) -> None:
        """Reload the filter choices, the deadline line and the rows (selection kept)."""
        self._fill_choice(self.org_filter, "全部单位", dispute_query.respondent_orgs(self.store))
        years = [(y, f"{y}年") for y in dispute_query.dispute_years(self.store)]
        self._fill_choice(self.year_filter, "全部年度", years)
        self.model.invalidate()
        self.run_search()

    @staticmethod
    def _fill_choice(combo: QComboBox, all_label: str, choices) -> None:
        keep = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(all_label, None)
        for value, label in choices:
            combo.addItem(label, value)
        index = combo.findData(keep)
        combo.setCurrentIndex(max(index, 0))
        combo.blockSignals(False)

    # ---------------------------------------------------------------- searching
    def current_filter(self) -> DisputeFilter:
        return DisputeFilter(status=self.status_filter.currentData(), kind=self.kind_filter.currentData(),
                             org_id=self.org_filter.currentData(), year=self.year_filter.currentData(),
                             recycle_bin=self.recycle_button.isChecked())

    def _toggle_recycle_bin(self, on: bool) -> None:
        """The same list, showing deleted cases; 删除 becomes 恢复所选 meanwhile."""
        self.delete_button.setText("恢复所选" if on else "删除 (Del)")
        self.new_button.setEnabled(not on)
        self.run_search()

    def run_search(self) -> None:
        self._search_timer.stop()
        keep = self.selected_ids()
        ids = dispute_query.search_dispute_ids(self.store, self.search_edit.text().strip(), self.current_filter())
        self.model.set_ids(ids)
        self.count_label.setText(f"共 {len(ids):,} 件")
        self._show_alert_line()
        self.select_ids(keep)
        self._update_buttons()

    def _show_alert_line(self) -> None:
        rows = disputes.deadline_warnings(self.store)
        overdue = sum(1 for r in rows if r["alert"] == "overdue")
        due = len(rows) - overdue
        self.alert_button.setVisible(bool(rows))
        self.alert_button.setText(f"⚠ 调解期限提醒：已超期 {overdue} 件，3 天内到期 {due} 件（点击查看）")
        self.alert_button.setStyleSheet("color: #842029; font-weight: bold;" if overdue else "color: #664d03;")

    def show_alerts(self) -> None:
        self.status_filter.setCurrentIndex(self.status_filter.findData("临近或超期"))

    def clear_filters(self) -> None:
        for combo in self._filters():
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.run_search()

    def shown_rows(self) -> list[dict]:
        """The rows of the list, in order (tests; fetches every page)."""
        return [self.model.row_dict(r) for r in range(self.model.rowCount())]

    # ------------------------------------------------------------------ records
    def new_case(self) -> DisputeDialog:
        return self._show_dialog(DisputeDialog(self.store, None, self))

    def edit_current(self) -> DisputeDialog | None:
        return self.open_case(self.current_id())

    def open_case(self, dispute_id: int | None) -> DisputeDialog | None:
        if dispute_id is None or disputes.get_dispute(self.store, dispute_id) is None:
            return None
        return self._show_dialog(DisputeDialog(self.store, dispute_id, self))

    def _after_save(self, dispute_id: int) -> None:
        self.refresh()
        self.select_ids([dispute_id])
        self.data_changed.emit()

    def delete_selected(self) -> int:
        ids = self.selected_ids()
        if not ids:
            return 0
        if self.recycle_button.isChecked():
            return self._restore(ids)
        numbers = "、".join(self.model.row_dict(self.model.row_of(i))["case_no"] for i in ids[:3])
        more = f"等 {len(ids)} 件" if len(ids) > 3 else ""
        answer = QMessageBox.question(
            self, "删除案件", f"将把案件 {numbers}{more} 移入回收站，案号不会再分配给其他案件。确定吗？",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return 0
        n = disputes.delete_disputes(self.store, ids)
        self.refresh()
        self.data_changed.emit()
        return n

    def _restore(self, ids: list[int]) -> int:
        n = disputes.restore_disputes(self.store, ids)
        self.refresh()
        self.data_changed.emit()
        return n

    # ------------------------------------------------------- printing / export
    def print_selected_form(self):
        dispute_id = self.current_id()
        return print_case_form(self, self.store, dispute_id) if dispute_id else None

    def register_period(self) -> tuple[date, date]:
        year = self.year_filter.currentData() or dates.today().year
        return date(year, 1, 1), date(year, 12, 31)

    def print_register(self):
        start, end = self.register_period()
        path = _ask_path(self, "打印劳动争议台账", f"劳动争议台账-{start.year}年.pdf", PDF_FILTER, "print")
        if path is None:
            return None

        def work(ws, progress):
            from ...printing.dispute_forms import write_register

            progress(0, 0, "正在生成台账…")
            return write_register(ws, path, start, end)

        return _start(self, "打印台账", work, f"已生成劳动争议台账：\n{path}")

    def export_cases(self):
        path = _ask_path(self, "导出劳动争议案件", f"劳动争议台账-{date.today():%Y%m%d}.xlsx", XLSX_FILTER, "export")
        if path is None:
            return None

        def work(ws, progress):
            from ...exchange.exports.disputes import export_disputes

            progress(0, 0, "正在导出…")
            return export_disputes(ws, path)

        return _start(self, "导出劳动争议案件", work, f"已导出到：\n{path}")


def _ask_path(parent: QWidget, title: str, default_name: str, file_filter: str, folder_key: str) -> Path | None:
    store: Store = parent.store if hasattr(parent, "store") else None
    default = Path(last_folder(folder_key, store.path.parent if store else None)) / default_name
    name, _ = QFileDialog.getSaveFileName(parent, personal_title(title), str(default), file_filter)
    if not name:
        return None
    suffix = ".pdf" if "pdf" in file_filter else ".xlsx"
    path = Path(name) if name.lower().endswith(suffix) else Path(name + suffix)
    remember_folder(folder_key, path)
    return path


def _start(parent: QWidget, title: str, work, done_text: str) -> runner.Operation:
    op = runner.Operation(parent, title, runner.with_worker_store(parent.store, work),
                          on_success=lambda _result: QMessageBox.information(parent, f"{title}完成", done_text))
    return op.start()


def print_case_form(parent: QWidget, store: Store, dispute_id: int):
    """Ask where to save the 劳动争议调解登记表 of one case and write it in the background."""
    case = disputes.get_dispute(store, dispute_id)
    if case is None:
        return None
    path = _ask_path(parent, "打印调解登记表", f"调解登记表-{case['case_no']}.pdf", PDF_FILTER, "print")
    if path is None:
        return None

    def work(ws, progress):
        from ...printing.dispute_forms import write_case_form

        progress(0, 0, "正在生成登记表…")
        return write_case_form(ws, path, dispute_id)

    op = runner.Operation(parent, "打印调解登记表", runner.with_worker_store(store, work),
                          on_success=lambda _r: QMessageBox.information(parent, "打印调解登记表完成", f"已生成：\n{path}"))
    return op.start()
