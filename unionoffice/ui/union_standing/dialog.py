"""The form of one union's year (规范化建设与民主管理): the yearly standing, and beside it the
union's facilities (职工之家/书屋/服务点) and officers, each added, corrected (修改所选), ended (离任) or
removed on its own."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QListWidget,
    QListWidgetItem, QPushButton, QTabWidget, QVBoxLayout, QWidget,
)

from ...core.errors import UserError
from ...core.orgs.records import get_org
from ...core.store.connection import Store
from ...core.union_standing import records as standing
from ...core.values import dates
from ...core.values.money import format_money


def _officer_text(o: dict[str, Any]) -> str:
    """主席  王五  2021-01-01 至 2025-06-30（已离任）"""
    term = o["since"] or ""
    if o["until"]:
        term = f"{term} 至 {o['until']}（已离任）".strip()
    return f"{o['role']}  {o['name']}  {term}".rstrip()


def _combo(items) -> QComboBox:
    combo = QComboBox()
    combo.addItems(["", *items])
    return combo


class StandingDialog(QDialog):
    saved = Signal(int)

    def __init__(self, store: Store, org_id: int, year: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.store, self.org_id, self.year = store, org_id, year
        name = (get_org(store, org_id) or {}).get("name", "")
        self.setWindowTitle(f"{name} · {year}年规范化建设与民主管理")
        self.setMinimumWidth(560)
        self.edits: dict[str, QWidget] = {}
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        tabs = QTabWidget()
        tabs.addTab(self._standing_page(), f"{year}年情况")
        tabs.addTab(self._facilities_page(), "职工之家/书屋/服务点")
        tabs.addTab(self._officers_page(), "工会委员")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("保存年度情况")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self._load(standing.standing_as_of(store, org_id, year))

    def _standing_page(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        for f in standing.STANDING_FIELDS:
            if f.kind == "flag":
                widget: QWidget = QCheckBox("是")
            elif f.kind == "choice":
                widget = _combo(f.choices)
            else:
                widget = QLineEdit()
                if f.kind == "date":
                    widget.setPlaceholderText("如 2026-04-01")
            self.edits[f.name] = widget
            form.addRow(f"{f.label}：", widget)
        self.carried_note = QLabel()
        form.addRow(self.carried_note)
        return page

    def _load(self, row: dict[str, Any] | None) -> None:
        if row is None:
            return
        if row["carried"]:
            self.carried_note.setText(f"本年度尚未登记，以下为 {row['year']} 年的情况，保存即登记为 {self.year} 年。")
        for f in standing.STANDING_FIELDS:
            w, value = self.edits[f.name], row[f.name]
            if isinstance(w, QCheckBox):
                w.setChecked(bool(value))
            elif isinstance(w, QComboBox):
                w.setCurrentText(value or "")
            elif f.kind == "money":
                w.setText(format_money(value) if value else "")
            else:
                w.setText("" if value is None else str(value))

    def values(self) -> dict[str, Any]:
        out = {}
        for name, w in self.edits.items():
            if isinstance(w, QCheckBox):
                out[name] = 1 if w.isChecked() else 0
            elif isinstance(w, QComboBox):
                out[name] = w.currentText()
            else:
                out[name] = w.text()
        return out

    def save(self) -> bool:
        try:
            row_id = standing.save_standing(self.store, self.org_id, self.year, self.values())
        except UserError as exc:
            self.error.setText(str(exc))
            return False
        self.saved.emit(row_id)
        self.accept()
        return True

    # ----------------------------------------------------- facilities and officers
    def _facilities_page(self) -> QWidget:
        self.facility_list = QListWidget()
        self.facility_kind = QComboBox()
        self.facility_kind.addItems(standing.FACILITY_KINDS)
        self.facility_name, self.facility_date = QLineEdit(), QLineEdit(dates.to_iso(dates.today()))
        self.facility_level = _combo(standing.LEVELS)
        self.facility_name.setPlaceholderText("名称（可不填）")
        add, remove = QPushButton("添加"), QPushButton("删除所选")
        self.facility_edit_button = QPushButton("修改所选…")
        add.clicked.connect(self.add_facility)
        remove.clicked.connect(lambda: self._remove(self.facility_list, standing.delete_facilities,
                                                    self._fill_facilities))
        self.facility_edit_button.clicked.connect(self.edit_facility)
        self.facility_list.itemDoubleClicked.connect(lambda _i: self.edit_facility())
        self._fill_facilities()
        return self._list_page(self.facility_list, [self.facility_kind, self.facility_name, self.facility_level,
                                                    self.facility_date, add, self.facility_edit_button, remove])

    def _officers_page(self) -> QWidget:
        self.officer_list = QListWidget()
        self.officer_role = QComboBox()
        self.officer_role.addItems(standing.OFFICER_ROLES)
        self.officer_name, self.officer_since = QLineEdit(), QLineEdit()
        self.officer_name.setPlaceholderText("姓名")
        self.officer_since.setPlaceholderText("任职日期")
        add, remove = QPushButton("添加"), QPushButton("删除所选")
        self.officer_edit_button, self.officer_end_button = QPushButton("修改所选…"), QPushButton("登记离任…")
        add.clicked.connect(self.add_officer)
        remove.clicked.connect(lambda: self._remove(self.officer_list, standing.delete_officers, self._fill_officers))
        self.officer_edit_button.clicked.connect(lambda: self.edit_officer())
        self.officer_end_button.clicked.connect(lambda: self.edit_officer(ending=True))
        self.officer_list.itemDoubleClicked.connect(lambda _i: self.edit_officer())
        self._fill_officers()
        return self._list_page(self.officer_list, [self.officer_role, self.officer_name, self.officer_since, add,
                                                   self.officer_edit_button, self.officer_end_button, remove])

    @staticmethod
    def _list_page(listing: QListWidget, row_widgets: list[QWidget]) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(listing)
        row = QHBoxLayout()
        for w in row_widgets:
            row.addWidget(w)
        layout.addLayout(row)
        return page

    def _fill(self, listing: QListWidget, rows: list[tuple[int, str]]) -> None:
        listing.clear()
        for rid, text in rows:
            item = QListWidgetItem(text)
            item.setData(256, rid)
            listing.addItem(item)

    def _fill_facilities(self) -> None:
        self._fill(self.facility_list, [(f["id"], f"{f['set_up_date']}  {f['kind']}  {f['name']}"
                                         f"{'（' + f['level'] + '级）' if f['level'] else ''}")
                                        for f in standing.facilities_of(self.store, self.org_id)])

    def _fill_officers(self) -> None:
        self._fill(self.officer_list, [(o["id"], _officer_text(o))
                                       for o in standing.officers_of(self.store, self.org_id)])

    # ------------------------------------------------------------- edit forms
    def _selected(self, listing: QListWidget) -> int | None:
        items = listing.selectedItems() or ([listing.currentItem()] if listing.currentItem() else [])
        if not items:
            self.error.setText("请先在列表中选择一条记录")
            return None
        return int(items[0].data(256))

    def edit_facility(self) -> QDialog | None:
        from .parts import FacilityDialog

        rid = self._selected(self.facility_list)
        return None if rid is None else self._sub(FacilityDialog(self.store, rid, self), self._fill_facilities)

    def edit_officer(self, *, ending: bool = False) -> QDialog | None:
        from .parts import OfficerDialog

        rid = self._selected(self.officer_list)
        if rid is None:
            return None
        return self._sub(OfficerDialog(self.store, rid, self, ending=ending), self._fill_officers)

    def _sub(self, dialog: QDialog, refill) -> QDialog:
        self.error.clear()
        self.sub_dialog = dialog

        def done(_rid: int) -> None:
            refill()
            self.saved.emit(0)

        dialog.saved.connect(done)
        dialog.open()
        return dialog

    def add_facility(self) -> None:
        self._try(lambda: standing.add_facility(self.store, self.org_id, {
            "kind": self.facility_kind.currentText(), "name": self.facility_name.text(),
            "level": self.facility_level.currentText(), "set_up_date": self.facility_date.text()}),
            self._fill_facilities)

    def add_officer(self) -> None:
        self._try(lambda: standing.add_officer(self.store, self.org_id, {
            "role": self.officer_role.currentText(), "name": self.officer_name.text(),
            "since": self.officer_since.text()}), self._fill_officers)

    def _try(self, action, refill) -> None:
        try:
            action()
        except UserError as exc:
            self.error.setText(str(exc))
            return
        self.error.clear()
        refill()
        self.saved.emit(0)

    def _remove(self, listing: QListWidget, delete, refill) -> None:
        ids = [i.data(256) for i in listing.selectedItems()]
        if ids:
            delete(self.store, ids)
            refill()
            self.saved.emit(0)
