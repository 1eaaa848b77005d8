"""The 会员 tab: the member roll with search as you type, filters, and the clerk's actions on it.

The list is a ``LazyTableModel`` over the ids core returns for the current search and filters,
so 100,000 members cost one integer each until a page is painted.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
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

from ..widgets.personal import PERSONAL_ADVICE, personal_title
from ...core.orgs.lifecycle import former_name_choices
from ...core.members import records as members
from ...core.orgs import records as orgs
from ...core.members.records import MemberFilter
from ...core.store.connection import Store
from ..widgets import runner
from ..widgets.form_helpers import debounced, fill_org_combo, last_folder, remember_folder, shrinkable
from .dialog import MemberDialog
from .recycle_bin import RecycleBinDialog
from ..widgets.table_models import LazyTableModel, member_columns
from ..widgets.record_list import RecordListMixin, button_row, record_table

SETTINGS_KEY = "membersTab"
XLSX_FILTER = "Excel 工作簿 (*.xlsx)"


class MembersTab(RecordListMixin, QWidget):
    data_changed = Signal()

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.dialog: MemberDialog | None = None  # the member form open right now (tests look at it)
        self.columns = member_columns()
        self.model = LazyTableModel(self.columns, self._fetch, parent=self)
        self._build()
        self._search_timer = debounced(self, self.run_search)
        self._connect()
        self.refresh()

    # -------------------------------------------------------------------- layout
    def _build(self) -> None:
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("memberSearch")
        self.search_edit.setPlaceholderText("搜索会员：姓名、拼音或首字母（如 zgf）、身份证号或手机号的一段   Ctrl+F")
        self.search_edit.setClearButtonEnabled(True)
        self.count_label = QLabel()
        self.count_label.setToolTip("按当前搜索和筛选列出的会员记录数（会籍状态为“全部状态”时含退会、转出等），不是在册会员数")
        self.count_label.setObjectName("memberCount")
        top = QHBoxLayout()
        top.addWidget(self.search_edit, 1)
        top.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(self._build_filters())
        layout.addLayout(self._build_buttons())
        self.view = self._build_view()
        layout.addWidget(self.view, 1)

    def _build_filters(self) -> QHBoxLayout:
        self.org_filter = shrinkable(QComboBox(), 8)
        self.org_filter.setMaximumWidth(420)
        self.status_filter = shrinkable(QComboBox(), 5)
        self.status_filter.addItem("全部状态", None)
        for status in members.STATUSES:
            self.status_filter.addItem(status, status)
        self.migrant_check = QCheckBox("农民工")
        self.female_check = QCheckBox("女")
        self.model_worker_check = QCheckBox("劳模")
        self.retired_check = QCheckBox("退休")
        self.clear_filters_button = QPushButton("清除筛选")
        row = QHBoxLayout()
        row.addWidget(QLabel("所在单位："))
        row.addWidget(self.org_filter, 3)
        row.addWidget(QLabel("会籍状态："))
        row.addWidget(self.status_filter)
        for check in (self.migrant_check, self.female_check, self.model_worker_check, self.retired_check):
            row.addWidget(check)
        row.addWidget(self.clear_filters_button)
        row.addStretch(1)
        return row

    def _build_buttons(self) -> QHBoxLayout:
        self.new_button = QPushButton("新增会员 (Ctrl+N)")
        self.edit_button = QPushButton("查看/修改")
        self.delete_button = QPushButton("删除 (Del)")
        self.import_button = QPushButton("导入…")
        self.export_button = QPushButton("导出…")
        self.recycle_button = QPushButton("回收站")
        self.import_button.setToolTip("从 Excel 会员名册导入")
        self.export_button.setToolTip("把当前搜索和筛选出的会员导出为 Excel")
        return button_row([self.new_button, self.edit_button, self.delete_button],
                          [self.import_button, self.export_button, self.recycle_button])

    def _build_view(self) -> QTableView:
        view = record_table(self.model, "memberTable", SETTINGS_KEY, [c.width for c in self.columns])
        view.setAlternatingRowColors(True)
        view.verticalHeader().setMinimumWidth(48)  # row numbers up to 100,000
        return view

    def _connect(self) -> None:
        self.search_edit.textChanged.connect(lambda _text: self._search_timer.start())
        self.org_filter.currentIndexChanged.connect(self.run_search)
        self.status_filter.currentIndexChanged.connect(self.run_search)
        for check in (self.migrant_check, self.female_check, self.model_worker_check, self.retired_check):
            check.toggled.connect(self.run_search)
        self.clear_filters_button.clicked.connect(self.clear_filters)
        self.new_button.clicked.connect(self.new_member)
        self.edit_button.clicked.connect(self.edit_current)
        self.delete_button.clicked.connect(self.delete_selected)
        self.import_button.clicked.connect(self.import_members)
        self.export_button.clicked.connect(self.export_members)
        self.recycle_button.clicked.connect(self.open_recycle_bin)
        self.view.doubleClicked.connect(lambda index: self.open_member(self.model.id_at(index.row())))
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        scope = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for keys, slot in ((QKeySequence("Ctrl+N"), self.new_member), (QKeySequence("Ctrl+F"), self.focus_search),
                           (QKeySequence(Qt.Key.Key_Delete), self.delete_selected)):
            QShortcut(keys, self, activated=slot, context=scope)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            QShortcut(QKeySequence(key), self.view, activated=self.edit_current, context=Qt.ShortcutContext.WidgetShortcut)

    # ------------------------------------------------------------ tab protocol
    def set_store(self, store: Store) -> None:
        self.store = store

    def refresh(self) -> None:
        """Reload the org list of the filter and the rows, keeping the selection where possible."""
        fill_org_combo(self.org_filter, orgs.org_choices(self.store), "全部单位", self.org_filter.currentData(),
                       former=former_name_choices(self.store))
        self.run_search()

    # ---------------------------------------------------------------- searching
    def _fetch(self, ids):
        return members.members_by_ids(self.store, ids)

    def current_filter(self) -> MemberFilter:
        return MemberFilter(
            org_id=self.org_filter.currentData() if self.org_filter.currentIndex() > 0 else None,
            status=self.status_filter.currentData(),
            migrant=self.migrant_check.isChecked(),
            female=self.female_check.isChecked(),
            model_worker=self.model_worker_check.isChecked(),
            retired=self.retired_check.isChecked(),
        )

    def search_text(self) -> str:
        return self.search_edit.text().strip()

    def run_search(self) -> None:
        self._search_timer.stop()
        keep = self.selected_ids()
        self.model.set_ids(members.search_member_ids(self.store, self.search_text(), self.current_filter()))
        self.count_label.setText(f"共 {self.model.rowCount():,} 人")
        self.select_ids(keep)
        self._update_buttons()

    def clear_filters(self) -> None:
        for widget in (self.org_filter, self.status_filter, *self._checks()):
            widget.blockSignals(True)
        self.org_filter.setCurrentIndex(0)
        self.status_filter.setCurrentIndex(0)
        for check in self._checks():
            check.setChecked(False)
        for widget in (self.org_filter, self.status_filter, *self._checks()):
            widget.blockSignals(False)
        self.run_search()

    def _checks(self) -> list[QCheckBox]:
        return [self.migrant_check, self.female_check, self.model_worker_check, self.retired_check]

    def shown_names(self) -> list[str]:
        """Names of the rows in the list, in order (tests; fetches every page)."""
        return [self.model.row_dict(r)["name"] for r in range(self.model.rowCount())]

    # ------------------------------------------------------------------ records
    def new_member(self) -> MemberDialog:
        return self._show_dialog(MemberDialog(self.store, None, self))

    def edit_current(self) -> MemberDialog | None:
        member_id = self.current_id()
        return self.open_member(member_id) if member_id is not None else None

    def open_member(self, member_id: int | None) -> MemberDialog | None:
        if member_id is None or members.get_member(self.store, member_id) is None:
            return None
        return self._show_dialog(MemberDialog(self.store, member_id, self))

    def _show_dialog(self, dialog: MemberDialog) -> MemberDialog:
        dialog.open_existing.connect(self._open_existing)  # a duplicate ID hands over to that member
        return super()._show_dialog(dialog)

    def _open_existing(self, member_id: int) -> None:
        self.refresh()
        self.data_changed.emit()  # it may have come back from the recycle bin
        self.open_member(member_id)

    def _after_save(self, member_id: int) -> None:
        self.model.invalidate()
        self.run_search()
        self.select_ids([member_id])
        self.data_changed.emit()

    def delete_selected(self) -> int:
        ids = self.selected_ids()
        if not ids:
            return 0
        names = "、".join(self.model.row_dict(self.model.row_of(i))["name"] for i in ids[:3])
        more = f"等 {len(ids)} 人" if len(ids) > 3 else ""
        answer = QMessageBox.question(
            self, "删除会员", f"将把 {names}{more} 移入回收站。\n可以在「回收站」中恢复。确定吗？",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return 0
        n = members.delete_members(self.store, ids)
        self.run_search()
        self.data_changed.emit()
        return n

    def open_recycle_bin(self) -> RecycleBinDialog:
        dialog = RecycleBinDialog(self.store, self)
        dialog.changed.connect(self._after_bulk_change)
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        self.recycle_bin = dialog
        dialog.open()
        return dialog

    def _after_bulk_change(self, *_args) -> None:
        self.model.invalidate()
        self.refresh()
        self.data_changed.emit()

    # ----------------------------------------------------------- import / export
    def import_members(self):
        from ..imports.wizard import ImportWizard

        wizard = ImportWizard(self.store, "members", self)
        wizard.imported.connect(self._after_bulk_change)
        wizard.finished.connect(lambda _r: wizard.deleteLater())
        self.import_wizard = wizard
        wizard.open()
        return wizard

    def export_members(self) -> runner.Operation | None:
        default = Path(last_folder("export", self.store.path.parent)) / f"会员名册-{date.today():%Y%m%d}.xlsx"
        name, _ = QFileDialog.getSaveFileName(self, personal_title("导出会员（当前搜索与筛选）"), str(default), XLSX_FILTER)
        if not name:
            return None
        path = Path(name) if name.lower().endswith(".xlsx") else Path(name + ".xlsx")
        remember_folder("export", path)
        text, filt = self.search_text(), self.current_filter()  # read here: the job runs off the UI thread
        return start_export(self, "导出会员", path, self.store,
                            lambda ws, p: _export_members(ws, path, text, filt, p), unit="人")


def _export_members(store: Store, path: Path, text: str, filt: MemberFilter, progress) -> int:
    from ...exchange.exports.rolls import export_members

    return export_members(store, path, text=text, filt=filt,
                          progress=lambda done, total=0, *_: progress(done, total, f"正在导出第 {done:,} 行"))


def start_export(parent: QWidget, title: str, path: Path, store: Store, work, unit: str) -> runner.Operation:
    """Run an export in the background; say where the file went when it is done."""

    def done(rows: int) -> None:
        QMessageBox.information(parent, f"{title}完成", f"已导出 {rows:,} {unit}到：\n{path}\n\n{PERSONAL_ADVICE}")

    op = runner.Operation(parent, title, runner.with_worker_store(store, work), on_success=done)
    return op.start()
