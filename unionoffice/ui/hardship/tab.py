"""The 困难帮扶 tab: 困难职工档案 (files list, search, filters, review due) and 慰问活动/帮扶记录
(campaigns, recipients, printing). The 工作台 opens records here through ``open_hardship_file``
and ``open_campaign``.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QFileDialog, QHBoxLayout, QLabel, QLineEdit, QMenu, QMessageBox, QPushButton,
    QTableView, QTabWidget, QToolButton, QVBoxLayout, QWidget,
)

from ..widgets.personal import personal_title
from ...core.hardship import records as hardship
from ...core.errors import UserError
from ...core.hardship.query import (
    HardshipFilter,
    get_hardship_file,
    hardship_files_by_ids,
    hardship_summary,
    search_hardship_ids,
)
from ...core.values.money import format_money
from ...core.store.connection import Store
from ..assistance.campaign_panel import CampaignPanel
from ..widgets.form_helpers import (
    connect_header_saving,
    debounced,
    last_folder,
    remember_folder,
    restore_header,
    shrinkable,
)
from ..widgets.errors import show_user_error
from .actions import CategoriesDialog, CloseFileDialog, ReviewDialog, SinglePaymentDialog
from .dialog import HardshipDialog
from ..members.tab import start_export
from ..widgets.table_models import ALIGN_CENTER, ALIGN_RIGHT, Column, LazyTableModel

SETTINGS_KEY = "hardshipFiles"
XLSX_FILTER = "Excel 工作簿 (*.xlsx)"
OVERDUE_COLOUR = QColor("#f8d7da")
DUE_SOON_COLOUR = QColor("#fff3cd")
CLOSED_COLOUR = QColor("#eeeeee")
REVIEW_CHOICES = (("复核：全部", None), ("30 天内到期（含逾期）", 30), ("已逾期", -1))


def review_colour(row: dict) -> QColor | None:
    if row["status"] != "在档":
        return CLOSED_COLOUR
    if row["review_overdue"]:
        return OVERDUE_COLOUR
    return DUE_SOON_COLOUR if row["days_to_review"] is not None and row["days_to_review"] <= 30 else None


def review_text(row: dict) -> str:
    if row["status"] != "在档":
        return f"{row['status']} {row.get('status_date') or ''}"
    days = row["days_to_review"]
    return f"{row['next_review_date']}（逾期 {-days} 天）" if days < 0 else row["next_review_date"]


def file_columns() -> list[Column]:
    return [
        Column("file_no", "档案编号", lambda r: r["file_no"], 86),
        Column("name", "姓名", lambda r: r["name"], 70),
        Column("gender", "性别", lambda r: r.get("gender") or "", 40, ALIGN_CENTER),
        Column("id_number", "身份证号", lambda r: r["id_number_masked"], 150),
        Column("org", "工作单位", lambda r: r["org_display"], 200),
        Column("category", "困难类别", lambda r: r["category"], 72, ALIGN_CENTER),
        Column("level", "层级", lambda r: r["level"], 44, ALIGN_CENTER),
        Column("causes", "致困原因", lambda r: r["causes_text"], 150),
        Column("per_capita", "月人均收入", lambda r: format_money(r["per_capita_income"]), 86, ALIGN_RIGHT),
        Column("status", "状态", lambda r: r["status"], 50, ALIGN_CENTER),
        Column("review", "下次复核", review_text, 170, ALIGN_CENTER, background=review_colour,
               tooltip=lambda r: "复核已逾期" if r["review_overdue"] else ""),
    ]


class FilesPanel(QWidget):
    data_changed = Signal()

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.dialog: QWidget | None = None
        self.columns = file_columns()
        self.model = LazyTableModel(self.columns, lambda ids: hardship_files_by_ids(self.store, ids), parent=self)
        self._build()
        self._timer = debounced(self, self.run_search)
        self._connect()

    def _build(self) -> None:
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("hardshipSearch")
        self.search_edit.setPlaceholderText("搜索档案：姓名、拼音或首字母、身份证号或档案编号的一段   Ctrl+F")
        self.search_edit.setClearButtonEnabled(True)
        self.count_label = QLabel()
        top = QHBoxLayout()
        top.addWidget(self.search_edit, 1)
        top.addWidget(self.count_label)
        self.category_filter = self._combo("全部类别", hardship.categories(self.store))
        self.level_filter = self._combo("全部层级", hardship.LEVELS)
        self.status_filter = self._combo("全部状态", hardship.STATUSES)
        self.status_filter.setCurrentIndex(1)  # 在档 first: what a clerk works on
        self.cause_filter = self._combo("全部原因", hardship.CAUSES)
        self.review_filter = shrinkable(QComboBox(), 6)
        for text, value in REVIEW_CHOICES:
            self.review_filter.addItem(text, value)
        for combo, tip in ((self.category_filter, "困难类别"), (self.level_filter, "建档层级"),
                           (self.status_filter, "档案状态：在档 / 脱困 / 撤档"), (self.cause_filter, "致困原因（主要或其他）"),
                           (self.review_filter, "年度复核到期情况")):
            combo.setToolTip(f"按{tip}筛选")
        filters = QHBoxLayout()
        for widget in (self.category_filter, self.level_filter, self.status_filter, self.cause_filter,
                       self.review_filter):
            filters.addWidget(widget)
        filters.addStretch(1)
        self.new_button = QPushButton("新建档案")
        self.new_button.setToolTip("新建困难职工档案 (Ctrl+N)")
        self.edit_button = QPushButton("查看/修改")
        self.review_button = QPushButton("年度复核…")
        self.close_button = QPushButton("脱困/撤档…")
        self.pay_button = QPushButton("单笔慰问…")
        self.pay_button.setToolTip("给所选档案的职工发一笔不属于慰问活动的慰问（如生病住院）")
        self.delete_button = QPushButton("删除")
        self.delete_button.setToolTip("误建的档案移入回收站；已有帮扶记录的档案不能删除，请改为脱困或撤档")
        self.more_button = QToolButton()  # the rarely used actions, so the bar fits a small screen
        self.more_button.setText("更多")
        self.more_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.more_button)
        self.recycle_action = menu.addAction("回收站…", self.open_recycle_bin)
        self.categories_action = menu.addAction("困难类别设置…", self.edit_categories)
        self.more_button.setMenu(menu)
        self.export_button = QPushButton("导出档案…")
        self.export_button.setToolTip("把当前搜索和筛选出的档案导出为 Excel（银行账号打码）")
        buttons = QHBoxLayout()
        for button in (self.new_button, self.edit_button, self.review_button, self.close_button, self.pay_button,
                       self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        for button in (self.export_button, self.more_button):
            buttons.addWidget(button)
        self.view = QTableView()
        self.view.setObjectName("hardshipTable")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().setDefaultSectionSize(24)
        self.view.horizontalHeader().setStretchLastSection(True)
        restore_header(self.view, SETTINGS_KEY, [c.width for c in self.columns])
        connect_header_saving(self.view, SETTINGS_KEY)
        self.summary_label = QLabel()
        self.summary_label.setObjectName("hardshipSummary")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addLayout(buttons)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.summary_label)

    def _combo(self, any_text: str, values) -> QComboBox:
        combo = shrinkable(QComboBox(), 5)
        combo.addItem(any_text, None)
        for value in values:
            combo.addItem(value, value)
        return combo

    def _connect(self) -> None:
        self.search_edit.textChanged.connect(lambda _t: self._timer.start())
        for combo in (self.category_filter, self.level_filter, self.status_filter, self.cause_filter,
                      self.review_filter):
            combo.currentIndexChanged.connect(self.run_search)
        self.new_button.clicked.connect(self.new_file)
        self.edit_button.clicked.connect(lambda: self.open_file(self.current_id()))
        self.review_button.clicked.connect(lambda: self._action(ReviewDialog))
        self.close_button.clicked.connect(lambda: self._action(CloseFileDialog))
        self.pay_button.clicked.connect(self.single_payment)
        self.export_button.clicked.connect(self.export_files)
        self.delete_button.clicked.connect(self.delete_current)
        self.view.doubleClicked.connect(lambda index: self.open_file(self.model.id_at(index.row())))
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        scope = Qt.ShortcutContext.WidgetWithChildrenShortcut
        QShortcut(QKeySequence("Ctrl+N"), self, activated=self.new_file, context=scope)
        QShortcut(QKeySequence("Ctrl+F"), self, activated=self.search_edit.setFocus, context=scope)
        QShortcut(QKeySequence(Qt.Key.Key_Delete), self.view, activated=self.delete_current,
                  context=Qt.ShortcutContext.WidgetShortcut)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            QShortcut(QKeySequence(key), self.view, activated=lambda: self.open_file(self.current_id()),
                      context=Qt.ShortcutContext.WidgetShortcut)

    def refresh(self) -> None:
        self.model.invalidate()
        self._refill_categories()  # also searches again

    # ---------------------------------------------------------------- searching
    def current_filter(self) -> HardshipFilter:
        review = self.review_filter.currentData()
        return HardshipFilter(category=self.category_filter.currentData(), level=self.level_filter.currentData(),
                              status=self.status_filter.currentData(), cause=self.cause_filter.currentData(),
                              review_due_days=review if review and review > 0 else None, overdue=review == -1)

    def run_search(self) -> None:
        self._timer.stop()
        keep = self.current_id()
        self.model.set_ids(search_hardship_ids(self.store, self.search_edit.text().strip(), self.current_filter()))
        self.count_label.setText(f"共 {self.model.rowCount():,} 份")
        if keep is not None:
            self.select_id(keep)
        summary = hardship_summary(self.store)
        by_status = summary["by_status"]
        parts = "、".join(f"{k} {v}" for k, v in summary["by_category"].items())
        self.summary_label.setText(
            f"在档 {summary['active']} 份（{parts or '无'}）；已脱困 {by_status.get('脱困', 0)} 份，"
            f"撤档 {by_status.get('撤档', 0)} 份；复核逾期 {summary['overdue']} 份（红色标出）")
        self._update_buttons()

    def shown_names(self) -> list[str]:
        return [self.model.row_dict(r)["name"] for r in range(self.model.rowCount())]

    def current_id(self) -> int | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.id_at(rows[0].row()) if rows else None

    def select_id(self, file_id: int) -> None:
        row = self.model.row_of(file_id)
        if row >= 0:
            self.view.selectRow(row)
            self.view.scrollTo(self.model.index(row, 0))

    def _update_buttons(self) -> None:
        file_id = self.current_id()
        row = self.model.row_dict(self.model.row_of(file_id)) if file_id is not None else None
        active = bool(row and row["status"] == "在档")
        self.edit_button.setEnabled(row is not None)
        self.review_button.setEnabled(active)
        self.close_button.setEnabled(active)
        self.pay_button.setEnabled(row is not None)
        self.delete_button.setEnabled(row is not None)

    # ----------------------------------------------------------------- actions
    def new_file(self) -> HardshipDialog:
        return self._show(HardshipDialog(self.store, None, self))

    def open_file(self, file_id: int | None) -> HardshipDialog | None:
        if file_id is None or get_hardship_file(self.store, file_id) is None:
            return None
        return self._show(HardshipDialog(self.store, file_id, self))

    def _show(self, dialog):
        self.dialog = dialog
        signal = getattr(dialog, "saved", None) or dialog.done_with
        signal.connect(self._after_change)
        if hasattr(dialog, "closed_or_reviewed"):
            dialog.closed_or_reviewed.connect(self._after_change)
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        dialog.open()
        return dialog

    def _action(self, cls):
        file_id = self.current_id()
        return self._show(cls(self.store, file_id, self)) if file_id is not None else None

    def single_payment(self) -> SinglePaymentDialog | None:
        file_id = self.current_id()
        if file_id is None:
            return None
        return self._show(SinglePaymentDialog(self.store, {"hardship_file_id": file_id}, self))

    def _after_change(self, file_id: int) -> None:
        self.model.invalidate()
        self.run_search()
        if self.model.row_of(file_id) < 0 and self.status_filter.currentData():
            self.status_filter.setCurrentIndex(0)  # e.g. just closed: keep it in sight under 全部状态
        self.select_id(file_id)
        self.data_changed.emit()

    def delete_current(self) -> int:
        file_id = self.current_id()
        if file_id is None:
            return 0
        row = self.model.row_dict(self.model.row_of(file_id))
        answer = QMessageBox.question(
            self, "删除困难档案", f"将把 {row['name']}（{row['file_no']}）的档案移入回收站，可在“回收站”中恢复。\n"
            "已脱困或不再帮扶的，请用“脱困/撤档”而不是删除。确定删除吗？",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return 0
        try:
            n = hardship.delete_hardship_files(self.store, [file_id])
        except UserError as err:
            show_user_error(self, err, "不能删除")
            return 0
        self.refresh()
        self.data_changed.emit()
        return n

    def open_recycle_bin(self):
        from ..members.recycle_bin import DELETED_AT, BinKind, RecycleBinDialog

        kind = BinKind("困难档案回收站", "份", [*self.columns[:5], DELETED_AT],
                       lambda s: search_hardship_ids(s, "", HardshipFilter(recycle_bin=True)),
                       hardship_files_by_ids, hardship.restore_hardship_files, hardship.purge_hardship_files)
        dialog = RecycleBinDialog(self.store, self, kind)
        dialog.changed.connect(lambda: (self.refresh(), self.data_changed.emit()))
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        self.dialog = dialog
        dialog.open()
        return dialog

    def edit_categories(self) -> CategoriesDialog:
        dialog = CategoriesDialog(self.store, self)
        dialog.done_with.connect(lambda _n: self._refill_categories())
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        self.dialog = dialog
        dialog.open()
        return dialog

    def _refill_categories(self) -> None:
        keep = self.category_filter.currentData()
        self.category_filter.blockSignals(True)
        self.category_filter.clear()
        self.category_filter.addItem("全部类别", None)
        for value in hardship.categories(self.store):
            self.category_filter.addItem(value, value)
        self.category_filter.setCurrentIndex(max(0, self.category_filter.findData(keep)))
        self.category_filter.blockSignals(False)
        self.run_search()

    def export_files(self):
        default = Path(last_folder("export", self.store.path.parent)) / f"困难职工档案-{date.today():%Y%m%d}.xlsx"
        name, _ = QFileDialog.getSaveFileName(self, personal_title("导出困难职工档案（当前搜索与筛选）"), str(default), XLSX_FILTER)
        if not name:
            return None
        path = Path(name) if name.lower().endswith(".xlsx") else Path(name + ".xlsx")
        remember_folder("export", path)
        text, filt = self.search_edit.text().strip(), self.current_filter()

        def work(ws, progress):
            from ...exchange.exports.assistance import export_hardship

            return export_hardship(ws, path, text=text, filt=filt,
                                   progress=lambda done, total=0, *_: progress(done, total, f"正在导出第 {done:,} 行"))

        return start_export(self, "导出困难职工档案", path, self.store, work, unit="份")


class HardshipTab(QTabWidget):
    """困难帮扶: the files and the campaigns, as two pages."""

    data_changed = Signal()

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.files = FilesPanel(store, self)
        self.campaigns = CampaignPanel(store, self)
        self.addTab(self.files, "困难职工档案")
        self.addTab(self.campaigns, "慰问活动 / 帮扶记录")
        self.files.data_changed.connect(lambda: self._changed(self.campaigns))
        self.campaigns.data_changed.connect(lambda: self._changed(self.files))
        self.refresh()

    def _changed(self, other) -> None:
        """One page changed records: the other page shows them too (e.g. a payment made from a file)."""
        other.refresh()
        self.data_changed.emit()

    def set_store(self, store: Store) -> None:
        self.store = store
        self.files.store = store
        self.campaigns.set_store(store)

    def refresh(self) -> None:
        self.files.refresh()
        self.campaigns.refresh()

    def open_hardship_file(self, file_id: int):
        self.setCurrentWidget(self.files)
        self.files.status_filter.setCurrentIndex(0)
        self.files.select_id(file_id)
        return self.files.open_file(file_id)

    open_file = open_hardship_file

    def open_campaign(self, campaign_id: int):
        self.setCurrentWidget(self.campaigns)
        return self.campaigns.select_campaign(campaign_id)

