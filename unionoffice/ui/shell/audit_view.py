"""操作日志: who changed what and when, with before → after, filterable and exportable to Excel.

A window of its own (文件 → 操作日志…) over ``core.audit_query``. The list loads a page at a time
as the clerk scrolls; the panel below shows every changed field of the selected row. Personal
data (身份证号, phones, bank accounts) is masked unless 显示完整个人信息 is ticked.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QDate, QModelIndex, QSettings, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..widgets.personal import personal_title
from ...core.store import audit_query
from ...core.store.audit import ACTION_LABELS
from ...core.store.audit_query import AuditEntry, AuditFilter
from ...core.store.connection import Store
from ..widgets import runner

PAGE = 200
EXPORT_FOLDER_KEY = "lastFolder/export"
XLSX_FILTER = "Excel 工作簿 (*.xlsx)"


class AuditModel(QAbstractTableModel):
    HEADERS = ("时间", "操作人", "记录类型", "记录", "操作", "修改内容", "系统用户")

    def __init__(self, store: Store, parent=None):
        super().__init__(parent)
        self.store = store
        self.filt = AuditFilter()
        self.masked = True
        self.rows: list[AuditEntry] = []
        self._more = False

    def load(self, filt: AuditFilter, masked: bool) -> None:
        self.beginResetModel()
        self.filt, self.masked = filt, masked
        self.rows = audit_query.entries(self.store, filt, limit=PAGE, masked=masked)
        self._more = len(self.rows) == PAGE
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        entry = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cell(entry, index.column())
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 5:
            return entry.summary(2000)
        return None

    @staticmethod
    def cell(entry: AuditEntry, column: int) -> str:
        return (entry.at, entry.user, entry.table_label, entry.record, entry.action_label,
                entry.summary(160), entry.os_user)[column]

    def canFetchMore(self, parent=QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._more

    def fetchMore(self, parent=QModelIndex()) -> None:  # noqa: B008
        if not self.rows or self.store.conn is None:
            return
        page = audit_query.entries(self.store, self.filt, limit=PAGE, before_id=self.rows[-1].id, masked=self.masked)
        self._more = len(page) == PAGE
        if page:
            self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(page) - 1)
            self.rows.extend(page)
            self.endInsertRows()


class AuditLogDialog(QDialog):
    """The 操作日志 window. ``table``/``row_id`` open it on one record's history."""

    def __init__(self, store: Store, parent: QWidget | None = None, *, table: str | None = None,
                 row_id: int | None = None):
        super().__init__(parent)
        self.store = store
        self.row_id = row_id
        self.setWindowTitle("操作日志")
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.resize(1100, 680)
        self.model = AuditModel(store, self)
        self._build_filters(table)
        self._build_views()
        self._debounce = QTimer(self, singleShot=True, interval=300)
        self._debounce.timeout.connect(self.apply_filter)
        self._connect_filters()
        self.apply_filter()

    # ------------------------------------------------------------------ layout
    def _build_filters(self, table: str | None) -> None:
        self.table_combo = QComboBox()
        self.table_combo.addItem("全部", None)
        for name, label in audit_query.tables(self.store):
            self.table_combo.addItem(label, name)
        if table:
            index = self.table_combo.findData(table)
            if index < 0:
                self.table_combo.addItem(audit_query.table_label(table), table)
                index = self.table_combo.count() - 1
            self.table_combo.setCurrentIndex(index)
        self.record_edit = QLineEdit()
        self.record_edit.setPlaceholderText("姓名、单位名称、案号或身份证号")
        self.record_edit.setClearButtonEnabled(True)
        self.user_combo = QComboBox()
        self.user_combo.addItem("全部", None)
        for user in audit_query.users(self.store):
            self.user_combo.addItem(user, user)
        self.action_combo = QComboBox()
        self.action_combo.addItem("全部", None)
        for action, label in ACTION_LABELS.items():
            self.action_combo.addItem(label, action)
        self.date_check = QCheckBox("日期从")
        today = QDate.currentDate()
        self.from_edit = self._date_edit(today.addMonths(-1))
        self.to_edit = self._date_edit(today)
        self.full_check = QCheckBox("显示完整个人信息")
        self.full_check.setToolTip("默认隐藏身份证号、手机号、银行账号的中间部分")

    @staticmethod
    def _date_edit(value: QDate) -> QDateEdit:
        edit = QDateEdit(value)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setEnabled(False)
        return edit

    def _build_views(self) -> None:
        row1 = QHBoxLayout()
        for label, widget in (("记录类型：", self.table_combo), ("记录：", self.record_edit),
                              ("操作人：", self.user_combo), ("操作：", self.action_combo)):
            row1.addWidget(QLabel(label))
            row1.addWidget(widget, 2 if widget is self.record_edit else 1)
        row2 = QHBoxLayout()
        row2.addWidget(self.date_check)
        row2.addWidget(self.from_edit)
        row2.addWidget(QLabel("到"))
        row2.addWidget(self.to_edit)
        row2.addSpacing(16)
        row2.addWidget(self.full_check)
        row2.addStretch(1)
        self.count_label = QLabel()
        self.count_label.setObjectName("countLabel")
        row2.addWidget(self.count_label)
        self.view = self._make_view()
        self.detail = self._make_detail()
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.view)
        splitter.addWidget(self.detail)
        splitter.setSizes([420, 200])
        self.export_button = QPushButton("导出 Excel…")
        self.export_button.clicked.connect(self.export)
        close_button = QPushButton("关闭")
        close_button.clicked.connect(self.close)
        bottom = QHBoxLayout()
        bottom.addWidget(QLabel("操作日志只能追加，不能修改或删除。"))
        bottom.addStretch(1)
        bottom.addWidget(self.export_button)
        bottom.addWidget(close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(row1)
        layout.addLayout(row2)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)

    def _make_view(self) -> QTableView:
        view = QTableView()
        view.setModel(self.model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.verticalHeader().setVisible(False)
        view.setWordWrap(False)
        header = view.horizontalHeader()
        for column, width in enumerate((150, 80, 90, 200, 90)):
            view.setColumnWidth(column, width)
        header.setStretchLastSection(True)
        view.selectionModel().currentRowChanged.connect(lambda current, _prev: self.show_detail(current.row()))
        return view

    @staticmethod
    def _make_detail() -> QTableWidget:
        table = QTableWidget(0, 3)
        table.setHorizontalHeaderLabels(("字段", "修改前", "修改后"))
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        return table

    def _connect_filters(self) -> None:
        for combo in (self.table_combo, self.user_combo, self.action_combo):
            combo.currentIndexChanged.connect(self.apply_filter)
        self.record_edit.textChanged.connect(lambda _text: self._debounce.start())
        self.date_check.toggled.connect(self._dates_toggled)
        self.from_edit.dateChanged.connect(self.apply_filter)
        self.to_edit.dateChanged.connect(self.apply_filter)
        self.full_check.toggled.connect(self.apply_filter)

    def _dates_toggled(self, on: bool) -> None:
        self.from_edit.setEnabled(on)
        self.to_edit.setEnabled(on)
        self.apply_filter()

    # ----------------------------------------------------------------- filtering
    def current_filter(self) -> AuditFilter:
        dates_on = self.date_check.isChecked()
        return AuditFilter(
            table=self.table_combo.currentData(),
            row_id=self.row_id,
            text=self.record_edit.text().strip(),
            user=self.user_combo.currentData(),
            action=self.action_combo.currentData(),
            date_from=self.from_edit.date().toPython() if dates_on else None,
            date_to=self.to_edit.date().toPython() if dates_on else None,
        )

    def apply_filter(self) -> None:
        if self.store.conn is None:  # the file was closed under the window (switch, restore, quit)
            return
        filt = self.current_filter()
        self.model.load(filt, masked=not self.full_check.isChecked())
        total = audit_query.count_entries(self.store, filt)
        self.count_label.setText(f"共 {total:,} 条")
        self.export_button.setEnabled(total > 0)
        if self.model.rows:
            self.view.selectRow(0)
        else:
            self.show_detail(-1)

    def show_detail(self, row: int) -> None:
        entry = self.model.rows[row] if 0 <= row < len(self.model.rows) else None
        changes = entry.changes if entry else []
        self.detail.setRowCount(len(changes))
        for r, change in enumerate(changes):
            update = entry.action not in ("insert",)
            cells = (change.label, change.before if update else "", change.after if entry.action != "delete" else "")
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.detail.setItem(r, c, item)

    def visible_rows(self) -> list[list[str]]:
        """The list as the clerk sees it (for tests and a quick look)."""
        return [[AuditModel.cell(e, c) for c in range(len(AuditModel.HEADERS))] for e in self.model.rows]

    # ------------------------------------------------------------------- export
    def export(self) -> bool:
        folder = str(QSettings().value(EXPORT_FOLDER_KEY, "") or self.store.path.parent)
        name, _ = QFileDialog.getSaveFileName(self, personal_title("导出操作日志"), str(Path(folder) / "操作日志.xlsx"), XLSX_FILTER)
        if not name:
            return False
        path = Path(name) if name.lower().endswith(".xlsx") else Path(name + ".xlsx")
        QSettings().setValue(EXPORT_FOLDER_KEY, str(path.parent))
        filt, masked = self.current_filter(), not self.full_check.isChecked()

        def work(worker_store, progress):
            from ...exchange.exports.audit import export_audit

            return export_audit(worker_store, path, filt, masked=masked,
                                progress=lambda done, total: progress(done, total, f"已导出 {done:,} 条"))

        op = runner.Operation(self, "导出操作日志", runner.with_worker_store(self.store, work),
                              on_success=lambda n: QMessageBox.information(
                                  self, "导出完成", f"已导出 {n:,} 条操作日志到：\n{path}\n\n文件含个人信息，请妥善保管。"))
        op.start()
        self._export_op = op
        return True


def open_audit_log(store: Store, parent: QWidget | None = None, **kwargs) -> AuditLogDialog:
    """Show the 操作日志 window (not modal: the clerk can keep working beside it)."""
    dialog = AuditLogDialog(store, parent, **kwargs)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    dialog.show()
    return dialog
