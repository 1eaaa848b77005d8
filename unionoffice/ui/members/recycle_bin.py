"""回收站: deleted members (and orgs) wait here; the clerk restores them or empties the bin."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...core.members import records as members
from ...core.orgs import query as org_query, records as orgs
from ...core.errors import UserError
from ...core.members.records import MemberFilter
from ...core.orgs.query import OrgFilter
from ...core.store.connection import Store
from ..widgets.errors import show_user_error
from ..widgets.table_models import Column, LazyTableModel, member_columns, org_columns

DELETED_AT = Column("deleted_at", "删除时间", lambda r: (r.get("deleted_at") or "")[:16], 140)


@dataclass(frozen=True)
class BinKind:
    """What one recycle bin holds and how core restores or purges it."""

    title: str
    unit: str  # 人 / 个单位
    columns: list[Column]
    ids: Callable[[Store], list[int]]
    fetch: Callable[[Store, Sequence[int]], list[dict]]
    restore: Callable[[Store, list[int]], int]
    purge: Callable[[Store, list[int]], int] | None  # None: this bin can't be emptied


MEMBERS_BIN = BinKind(
    "会员回收站", "人", [*member_columns()[:5], DELETED_AT],
    lambda s: members.search_member_ids(s, "", MemberFilter(recycle_bin=True)),
    members.members_by_ids, members.restore_members, members.purge_members)
ORGS_BIN = BinKind(
    "单位回收站", "个单位", [*org_columns()[:4], DELETED_AT],
    lambda s: org_query.search_org_ids(s, "", OrgFilter(recycle_bin=True)),
    org_query.orgs_by_ids, orgs.restore_orgs, None)


class RecycleBinDialog(QDialog):
    """Lists deleted members; 恢复所选 / 彻底删除所选 / 清空回收站. Emits ``changed`` after each."""

    changed = Signal()

    def __init__(self, store: Store, parent: QWidget | None = None, kind: BinKind = MEMBERS_BIN):
        super().__init__(parent)
        self.store = store
        self.kind = kind
        self.setWindowTitle(kind.title)
        self.resize(900, 480)
        columns = kind.columns
        self.model = LazyTableModel(columns, lambda ids: kind.fetch(self.store, ids), parent=self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.verticalHeader().setDefaultSectionSize(24)
        for column, spec in enumerate(columns):
            self.view.setColumnWidth(column, spec.width)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.count_label = QLabel()
        self.restore_button = QPushButton("恢复所选")
        self.purge_button = QPushButton("彻底删除所选…")
        self.empty_button = QPushButton("清空回收站…")
        self.close_button = QPushButton("关闭")
        self.restore_button.clicked.connect(self.restore_selected)
        self.purge_button.clicked.connect(self.purge_selected)
        self.empty_button.clicked.connect(self.empty)
        self.close_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        for button in (self.restore_button, self.purge_button, self.empty_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        what = kind.title.removesuffix("回收站")
        note = "可以恢复；彻底删除后不能找回。" if kind.purge else "可以恢复。"
        layout.addWidget(QLabel(f"被删除的{what}先放在回收站里，{note}"))
        self.purge_button.setVisible(kind.purge is not None)
        self.empty_button.setVisible(kind.purge is not None)
        layout.addWidget(self.count_label)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.reload()

    def reload(self) -> None:
        self.model.set_ids(self.kind.ids(self.store))
        self.count_label.setText(f"回收站中共 {self.model.rowCount():,} {self.kind.unit}")
        self._update_buttons()

    def selected_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()})
        return [self.model.id_at(r) for r in rows if self.model.id_at(r) is not None]

    def select_ids(self, ids: list[int]) -> None:
        self.view.clearSelection()
        mode = self.view.selectionModel()
        for record_id in ids:
            row = self.model.row_of(record_id)
            if row >= 0:
                mode.select(self.model.index(row, 0), mode.SelectionFlag.Select | mode.SelectionFlag.Rows)

    def _update_buttons(self) -> None:
        chosen = bool(self.view.selectionModel().selectedRows())
        self.restore_button.setEnabled(chosen)
        self.purge_button.setEnabled(chosen)
        self.empty_button.setEnabled(self.model.rowCount() > 0)

    def restore_selected(self) -> int:
        ids = self.selected_ids()
        if not ids:
            return 0
        try:
            n = self.kind.restore(self.store, ids)
        except UserError as err:
            show_user_error(self, err, "无法恢复")
            return 0
        self.reload()
        self.changed.emit()
        return n

    def purge_selected(self) -> int:
        ids = self.selected_ids()
        if not ids or not self._confirm(f"将彻底删除所选的 {len(ids)} {self.kind.unit}及其记录，删除后不能恢复。确定吗？"):
            return 0
        return self._purge(ids)

    def empty(self) -> int:
        ids = self.model.ids()
        if not ids or not self._confirm(f"将彻底删除回收站中的全部 {len(ids):,} {self.kind.unit}，删除后不能恢复。确定要清空回收站吗？"):
            return 0
        return self._purge(ids)

    def _purge(self, ids: list[int]) -> int:
        n = self.kind.purge(self.store, ids)
        self.reload()
        self.changed.emit()
        return n

    def _confirm(self, text: str) -> bool:
        answer = QMessageBox.question(self, "确认彻底删除", text,
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes
