"""The 单位/基层工会 tab: the org register with the live 建会率 and 入会率 above it.

Rows whose union term (换届) has run out are red, those due within 90 days yellow.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
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
from ...core.orgs import query as org_query, records as orgs
from ...core.errors import UserError
from ...core.values.percent import format_rate
from ...core.orgs.query import OrgFilter
from ...core.store.connection import Store
from ..widgets import runner
from ..widgets.errors import show_user_error
from ..widgets.form_helpers import debounced, last_folder, remember_folder, shrinkable
from ..members.tab import XLSX_FILTER, start_export
from .dialog import OrgDialog
from ..members.recycle_bin import ORGS_BIN, RecycleBinDialog
from ..widgets.table_models import LazyTableModel, org_columns
from ..widgets.record_list import RecordListMixin, button_row, record_table

SETTINGS_KEY = "orgsTab"
# "within N days" includes terms that have already run out (within the last year)
TERM_CHOICES = (("换届：不限", None), ("30 天内换届", 30), ("90 天内换届", 90), ("半年内换届", 180),
                ("一年内换届", 365))
KIND_CHOICES = (("单位和工联会", None), ("只看单位", False), ("只看工联会", True))


def percent(rate: float | None) -> str:
    return format_rate(rate)


def rates_text(r: dict) -> str:
    over = ("：会员比单位台账的职工人数还多，请核对各单位的职工人数"
            if r["membership_rate"] is not None and r["membership_rate"] > 1 else "")
    # 在册: not ended, 工联会 left out; not the list's count beside the search box (every record)
    return (f"建会率 {percent(r['unionisation_rate'])}（已建会 {r['covered_orgs']:,} / 在册单位 {r['orgs']:,}，"
            f"不含工联会）　　入会率 {percent(r['membership_rate'])}（在册会员 {r['members']:,} / "
            f"职工 {r['workers']:,}，均不含待补全单位{over}）")


class OrgsTab(RecordListMixin, QWidget):
    data_changed = Signal()

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.dialog: OrgDialog | None = None
        self.columns = org_columns()
        self.model = LazyTableModel(self.columns, lambda ids: org_query.orgs_by_ids(self.store, ids), parent=self)
        self._build()
        self._search_timer = debounced(self, self.run_search)
        self._connect()
        self.refresh()

    # -------------------------------------------------------------------- layout
    def _build(self) -> None:
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("orgSearch")
        self.search_edit.setPlaceholderText("搜索单位：名称（含曾用名）中的字、拼音或首字母、统一社会信用代码的一段   Ctrl+F")
        self.search_edit.setClearButtonEnabled(True)
        self.count_label = QLabel()
        self.count_label.setToolTip("按当前搜索和筛选列出的单位记录数（含工联会、已注销和待补全的单位），不是建会率里的在册单位数")
        self.rates_label = QLabel()
        self.rates_label.setObjectName("ratesLabel")
        self.rates_label.setStyleSheet("font-weight: bold; color: #1f4e79; padding: 2px 0;")
        top = QHBoxLayout()
        top.addWidget(self.search_edit, 1)
        top.addWidget(self.count_label)
        legend = QLabel("<span style='background:#f8d7da'>&nbsp;已过换届期&nbsp;</span> "
                        "<span style='background:#fff3cd'>&nbsp;90 天内换届&nbsp;</span>")
        head = QHBoxLayout()
        head.addWidget(self.rates_label, 1)
        head.addWidget(legend)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addLayout(top)
        layout.addLayout(self._build_filters())
        layout.addLayout(self._build_buttons())
        self.view = self._build_view()
        layout.addWidget(self.view, 1)

    def _build_filters(self) -> QHBoxLayout:
        self.community_filter = shrinkable(QComboBox(), 5)
        self.category_filter = shrinkable(QComboBox(), 5)
        self.category_filter.addItem("全部类别", None)
        for category in orgs.CATEGORIES:
            self.category_filter.addItem(category, category)
        self.mode_filter = shrinkable(QComboBox(), 6)
        self.mode_filter.addItem("全部建会方式", None)
        for mode in orgs.UNION_MODES:
            self.mode_filter.addItem(mode, mode)
        self.mode_filter.addItem(org_query.INCOMPLETE, org_query.INCOMPLETE)  # named by a member roll, not yet completed
        self.term_filter = shrinkable(QComboBox(), 6)
        self.term_filter.setToolTip("换届到期日在所选天数之内的单位，也包括一年内已经过期、尚未换届的")
        for text, days in TERM_CHOICES:
            self.term_filter.addItem(text, days)
        self.kind_filter = shrinkable(QComboBox(), 6)
        for text, value in KIND_CHOICES:
            self.kind_filter.addItem(text, value)
        self.clear_filters_button = QPushButton("清除筛选")
        row = QHBoxLayout()
        row.addWidget(QLabel("筛选："))
        for combo in self._filters():  # each says what it filters in its first entry (全部社区 …)
            row.addWidget(combo)
        row.addWidget(self.clear_filters_button)
        row.addStretch(1)
        return row

    def _build_buttons(self) -> QHBoxLayout:
        self.new_button = QPushButton("新增单位 (Ctrl+N)")
        self.edit_button = QPushButton("查看/修改")
        self.delete_button = QPushButton("删除 (Del)")
        self.import_button = QPushButton("导入…")
        self.export_button = QPushButton("导出…")
        self.recycle_button = QPushButton("回收站")
        self.import_button.setToolTip("从 Excel 单位台账导入")
        self.export_button.setToolTip("把当前搜索和筛选出的单位导出为 Excel")
        return button_row([self.new_button, self.edit_button, self.delete_button],
                          [self.import_button, self.export_button, self.recycle_button])

    def _build_view(self) -> QTableView:
        return record_table(self.model, "orgTable", SETTINGS_KEY, [c.width for c in self.columns])

    def _connect(self) -> None:
        self.search_edit.textChanged.connect(lambda _text: self._search_timer.start())
        for combo in self._filters():
            combo.currentIndexChanged.connect(self.run_search)
        self.clear_filters_button.clicked.connect(self.clear_filters)
        self.new_button.clicked.connect(self.new_org)
        self.edit_button.clicked.connect(self.edit_current)
        self.delete_button.clicked.connect(self.delete_selected)
        self.import_button.clicked.connect(self.import_orgs)
        self.export_button.clicked.connect(self.export_orgs)
        self.recycle_button.clicked.connect(self.open_recycle_bin)
        self.view.doubleClicked.connect(lambda index: self.open_org(self.model.id_at(index.row())))
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        scope = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for keys, slot in ((QKeySequence("Ctrl+N"), self.new_org), (QKeySequence("Ctrl+F"), self.focus_search),
                           (QKeySequence(Qt.Key.Key_Delete), self.delete_selected)):
            QShortcut(keys, self, activated=slot, context=scope)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            QShortcut(QKeySequence(key), self.view, activated=self.edit_current, context=Qt.ShortcutContext.WidgetShortcut)

    def _filters(self) -> list[QComboBox]:
        return [self.community_filter, self.category_filter, self.mode_filter, self.term_filter, self.kind_filter]

    # ------------------------------------------------------------ tab protocol
    def set_store(self, store: Store) -> None:
        self.store = store

    def refresh(self) -> None:
        keep = self.community_filter.currentData()
        self.community_filter.blockSignals(True)
        self.community_filter.clear()
        self.community_filter.addItem("全部社区", None)
        for community in org_query.communities(self.store):
            self.community_filter.addItem(community, community)
        self.community_filter.setCurrentIndex(max(self.community_filter.findData(keep), 0))
        self.community_filter.blockSignals(False)
        self.model.invalidate()
        self.run_search()

    # ---------------------------------------------------------------- searching
    def current_filter(self) -> OrgFilter:
        return OrgFilter(community=self.community_filter.currentData(), category=self.category_filter.currentData(),
                         union_mode=self.mode_filter.currentData(), term_expiring_days=self.term_filter.currentData(),
                         federations=self.kind_filter.currentData())

    def search_text(self) -> str:
        return self.search_edit.text().strip()

    def run_search(self) -> None:
        self._search_timer.stop()
        keep = self.selected_ids()
        self.model.set_ids(org_query.search_org_ids(self.store, self.search_text(), self.current_filter()))
        self.count_label.setText(f"共 {self.model.rowCount():,} 个")
        self.rates_label.setText(rates_text(org_query.rates(self.store)))
        self.select_ids(keep)
        self._update_buttons()

    def clear_filters(self) -> None:
        for combo in self._filters():
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.run_search()

    def shown_names(self) -> list[str]:
        return [self.model.row_dict(r)["name"] for r in range(self.model.rowCount())]

    # ------------------------------------------------------------------ records
    def new_org(self) -> OrgDialog:
        return self._show_dialog(OrgDialog(self.store, None, self))

    def edit_current(self) -> OrgDialog | None:
        org_id = self.current_id()
        return self.open_org(org_id) if org_id is not None else None

    def open_org(self, org_id: int | None) -> OrgDialog | None:
        if org_id is None or orgs.get_org(self.store, org_id) is None:
            return None
        return self._show_dialog(OrgDialog(self.store, org_id, self))

    def _after_save(self, org_id: int) -> None:
        self.refresh()
        self.select_ids([org_id])
        self.data_changed.emit()

    def delete_selected(self) -> int:
        ids = self.selected_ids()
        if not ids:
            return 0
        names = "、".join(self.model.row_dict(self.model.row_of(i))["name"] for i in ids[:3])
        more = f"等 {len(ids)} 个单位" if len(ids) > 3 else ""
        answer = QMessageBox.question(
            self, "删除单位", f"将把 {names}{more} 移入回收站。确定吗？",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return 0
        try:
            n = orgs.delete_orgs(self.store, ids)
        except UserError as err:
            show_user_error(self, err, "无法删除")
            return 0
        self.run_search()
        self.data_changed.emit()
        return n

    def open_recycle_bin(self) -> RecycleBinDialog:
        dialog = RecycleBinDialog(self.store, self, ORGS_BIN)
        dialog.changed.connect(self._after_bulk_change)
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        self.recycle_bin = dialog
        dialog.open()
        return dialog

    def _after_bulk_change(self, *_args) -> None:
        self.refresh()
        self.data_changed.emit()

    # ----------------------------------------------------------- import / export
    def import_orgs(self):
        from ..imports.wizard import ImportWizard

        wizard = ImportWizard(self.store, "orgs", self)
        wizard.imported.connect(self._after_bulk_change)
        wizard.finished.connect(lambda _r: wizard.deleteLater())
        self.import_wizard = wizard
        wizard.open()
        return wizard

    def export_orgs(self) -> runner.Operation | None:
        default = Path(last_folder("export", self.store.path.parent)) / f"单位台账-{date.today():%Y%m%d}.xlsx"
        name, _ = QFileDialog.getSaveFileName(self, personal_title("导出单位（当前搜索与筛选）"), str(default), XLSX_FILTER)
        if not name:
            return None
        path = Path(name) if name.lower().endswith(".xlsx") else Path(name + ".xlsx")
        remember_folder("export", path)
        text, filt = self.search_text(), self.current_filter()
        return start_export(self, "导出单位", path, self.store, lambda ws, p: _export_orgs(ws, path, text, filt, p),
                            unit="个单位")


def _export_orgs(store: Store, path: Path, text: str, filt: OrgFilter, progress) -> int:
    from ...exchange.exports.rolls import export_orgs

    return export_orgs(store, path, text=text, filt=filt,
                       progress=lambda done, total=0, *_: progress(done, total, f"正在导出第 {done:,} 行"))
