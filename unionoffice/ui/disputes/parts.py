"""Pieces of the dispute case form: the applicants editor (members from the roll or typed names)
and the respondent picker (an org from the register or a typed name)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core.members import records as members
from ...core.values.ids import mask_id_number
from ...core.values.phones import mask_phone
from ...core.store.connection import Store
from ..widgets.form_helpers import debounced

MEMBER_MATCHES = 30
MEMBER_ROLE = Qt.ItemDataRole.UserRole
FULL_PHONE_ROLE = Qt.ItemDataRole.UserRole + 1


class ApplicantsEditor(QWidget):
    """申请人: a small table (姓名 / 电话 / 来自) and a member finder beside it.

    Members picked from the roll keep their ``member_id`` (their name is not editable here);
    typed applicants are plain names. ``applicants()`` returns what core's create/update take.
    """

    changed = Signal()

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("applicantTable")
        self.table.setHorizontalHeaderLabels(("姓名", "电话", "来自"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(1, 130)
        self.table.setColumnWidth(2, 70)
        self.table.setMinimumHeight(110)
        self.table.setMaximumHeight(170)
        self.add_typed_button = QPushButton("添加（手工输入姓名）")
        self.remove_button = QPushButton("删除所选")
        self.finder = QLineEdit()
        self.finder.setObjectName("memberFinder")
        self.finder.setPlaceholderText("从会员名册查找：姓名、拼音首字母、身份证号或手机号")
        self.finder.setClearButtonEnabled(True)
        self.matches = QListWidget()
        self.matches.setObjectName("memberMatches")
        self.matches.setMaximumHeight(110)
        self.add_member_button = QPushButton("添加所选会员")
        self._build()
        self._timer = debounced(self, self.find_members)
        self.finder.textChanged.connect(lambda _t: self._timer.start())
        self.add_typed_button.clicked.connect(lambda: self.add_typed())
        self.remove_button.clicked.connect(self.remove_selected)
        self.add_member_button.clicked.connect(self.add_selected_member)
        self.matches.itemDoubleClicked.connect(lambda _item: self.add_selected_member())
        self.table.itemChanged.connect(lambda _item: self.changed.emit())

    def _build(self) -> None:
        left = QVBoxLayout()
        left.addWidget(self.table)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_typed_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        left.addLayout(buttons)
        right = QVBoxLayout()
        right.addWidget(self.finder)
        right.addWidget(self.matches)
        right.addWidget(self.add_member_button, 0, Qt.AlignmentFlag.AlignRight)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(left, 3)
        layout.addLayout(right, 2)

    # -------------------------------------------------------------- members
    def find_members(self) -> None:
        self._timer.stop()
        self.matches.clear()
        text = self.finder.text().strip()
        if not text:
            return
        ids = members.search_member_ids(self.store, text)[:MEMBER_MATCHES]
        for m in members.members_by_ids(self.store, ids):
            item = QListWidgetItem(f"{m['name']}  {mask_id_number(m.get('id_number'))}  {m.get('org_name') or ''}")
            item.setData(MEMBER_ROLE, m)
            self.matches.addItem(item)
        if self.matches.count():
            self.matches.setCurrentRow(0)

    def add_selected_member(self) -> None:
        item = self.matches.currentItem()
        if item is None:
            return
        m = item.data(MEMBER_ROLE)
        if m["id"] in [a.get("member_id") for a in self.applicants()]:
            return  # already listed
        self._drop_blank_rows()
        self._add_row(m["name"], m.get("phone") or "", m["id"])
        self.finder.clear()

    def _drop_blank_rows(self) -> None:
        """The empty typed row a new case starts with goes once a member is picked instead."""
        for row in reversed(range(self.table.rowCount())):
            name, phone = self.table.item(row, 0), self.table.item(row, 1)
            if name and not name.data(MEMBER_ROLE) and not name.text().strip() and not (phone and phone.text().strip()):
                self.table.removeRow(row)

    # ---------------------------------------------------------------- rows
    def add_typed(self, name: str = "", phone: str = "") -> None:
        self._add_row(name, phone, None)
        if not name:
            row = self.table.rowCount() - 1
            self.table.setCurrentCell(row, 0)
            self.table.editItem(self.table.item(row, 0))

    def _add_row(self, name: str, phone: str, member_id: int | None) -> None:
        self.table.blockSignals(True)
        row = self.table.rowCount()
        self.table.insertRow(row)
        name_item = QTableWidgetItem(name)
        name_item.setData(MEMBER_ROLE, member_id)
        origin = QTableWidgetItem("会员" if member_id else "手工")
        origin.setFlags(origin.flags() & ~Qt.ItemFlag.ItemIsEditable)
        if member_id:
            name_item.setFlags(name_item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            name_item.setToolTip("从会员名册选择的会员")
        self.table.setItem(row, 0, name_item)
        self.table.setItem(row, 1, masked_phone_item(phone))
        self.table.setItem(row, 2, origin)
        self.table.blockSignals(False)
        self.changed.emit()

    def remove_selected(self) -> None:
        for row in sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True):
            self.table.removeRow(row)
        self.changed.emit()

    def set_applicants(self, people: list[dict[str, Any]]) -> None:
        self.table.setRowCount(0)
        for person in people:
            self._add_row(person["name"], person.get("phone") or "", person.get("member_id"))

    def applicants(self) -> list[dict[str, Any]]:
        """Rows as core wants them; a typed row left empty is skipped."""
        out = []
        for row in range(self.table.rowCount()):
            name_item, phone_item = self.table.item(row, 0), self.table.item(row, 1)
            member_id = name_item.data(MEMBER_ROLE) if name_item else None
            name = name_item.text().strip() if name_item else ""
            phone = phone_of(phone_item)
            if member_id or name or phone:
                out.append({"member_id": member_id, "name": name, "phone": phone})
        return out


def masked_phone_item(phone: str) -> QTableWidgetItem:
    """A stored phone shows masked (personal data); typing over it replaces it."""
    item = QTableWidgetItem(mask_phone(phone))
    item.setData(FULL_PHONE_ROLE, phone)
    if phone:
        item.setToolTip("号码已部分隐藏；直接输入新号码即可修改")
    return item


def phone_of(item: QTableWidgetItem | None) -> str:
    """The full phone of a row: the stored one while the masked text is untouched."""
    if item is None:
        return ""
    text, full = item.text().strip(), item.data(FULL_PHONE_ROLE) or ""
    return full if full and text == mask_phone(full) else text


class RespondentPicker(QWidget):
    """被申请人: pick an org from the register (type part of its name) or type any name."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.combo = QComboBox()
        self.combo.setObjectName("respondentCombo")
        self.combo.setEditable(True)
        self.combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.combo.setMinimumWidth(320)
        self.combo.lineEdit().setPlaceholderText("从单位台账选择，或直接输入单位/个人名称")
        self.hint = QLabel()
        self.hint.setStyleSheet("color: #777;")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.combo, 1)
        layout.addWidget(self.hint)
        self.combo.currentTextChanged.connect(self._update_hint)

    def set_choices(self, choices: list[tuple[int, str]]) -> None:
        self.combo.blockSignals(True)
        self.combo.clear()
        for org_id, name in choices:
            self.combo.addItem(name, org_id)
        completer = QCompleter(self.combo.model(), self.combo)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.combo.setCompleter(completer)
        self.combo.setCurrentIndex(-1)
        self.combo.setEditText("")
        self.combo.blockSignals(False)

    def set_value(self, org_id: int | None, name: str) -> None:
        index = self.combo.findData(org_id) if org_id else -1
        if index >= 0:
            self.combo.setCurrentIndex(index)
        else:
            self.combo.setCurrentIndex(-1)
            self.combo.setEditText(name)
        self._update_hint()

    def value(self) -> tuple[int | None, str]:
        """(org id, name): an exact register name gives its org; anything else is a typed name."""
        text = self.combo.currentText().strip()
        index = self.combo.findText(text, Qt.MatchFlag.MatchExactly)
        return (self.combo.itemData(index), text) if index >= 0 and text else (None, text)

    def _update_hint(self, *_args: Any) -> None:
        org_id, text = self.value()
        self.hint.setText("" if org_id or not text else "不在单位台账中，按输入的名称登记")
        self.changed.emit()
