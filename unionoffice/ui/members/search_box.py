"""A small "find a member" box: type part of a name, pinyin, initials or 身份证号, pick from the list.

Used by the hardship file form (link the file to a member), the single payment dialog and the
recipient picker (hand-picked members). Shows at most ``LIMIT`` matches so typing stays instant.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from ...core.members import records as members
from ...core.values.ids import mask_id_number
from ...core.store.connection import Store
from ..widgets.form_helpers import debounced

LIMIT = 50


def member_line(row: dict) -> str:
    """'张三  440303********1234  某某公司' as the list shows a member."""
    return f"{row['name']}  {mask_id_number(row.get('id_number')) or '（无身份证号）'}  {row.get('org_name') or ''}"


class MemberSearch(QWidget):
    picked = Signal(int)  # a member id, on double-click or Enter

    def __init__(self, store: Store, placeholder: str = "查找会员：姓名、拼音首字母或身份证号的一段",
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(placeholder)
        self.edit.setClearButtonEnabled(True)
        self.results = QListWidget()
        self.results.setMaximumHeight(140)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        layout.addWidget(self.results)
        self.results.setVisible(False)  # shown once something is typed: the form stays compact
        self._timer = debounced(self, self.search)
        self.edit.textChanged.connect(lambda _t: self._timer.start())
        self.edit.returnPressed.connect(self._pick_first)
        self.results.itemActivated.connect(self._emit)
        self.results.itemDoubleClicked.connect(self._emit)

    def search(self) -> list[int]:
        """Fill the list with the first matches of what is typed; returns their ids."""
        self._timer.stop()
        self.results.clear()
        text = self.edit.text().strip()
        self.results.setVisible(bool(text))
        if not text:
            return []
        ids = members.search_member_ids(self.store, text)[:LIMIT]
        for row in members.members_by_ids(self.store, ids):
            item = QListWidgetItem(member_line(row))
            item.setData(Qt.ItemDataRole.UserRole, row["id"])
            self.results.addItem(item)
        if not ids:
            self.results.addItem("（没有找到）")
        return ids

    def selected_ids(self) -> list[int]:
        out = []
        for item in self.results.selectedItems():
            value = item.data(Qt.ItemDataRole.UserRole)
            if value is not None:
                out.append(int(value))
        return out

    def _pick_first(self) -> None:
        self.search()
        if self.results.count() and self.results.item(0).data(Qt.ItemDataRole.UserRole) is not None:
            self._emit(self.results.item(0))

    def _emit(self, item: QListWidgetItem) -> None:
        value = item.data(Qt.ItemDataRole.UserRole)
        if value is not None:
            self.picked.emit(int(value))
