"""The 签到名单 page of the activity dialog: find members as in the 会员 tab and list who came.

Search takes names, pinyin or initials, ID or phone fragments (core ``members.search_member_ids``),
optionally within one org. Double-click or 加入 puts the picked members on the list; a member
already on it is refused with a message, never listed twice. Nothing is written until the dialog
saves, so 取消 leaves the stored list as it was.
"""

from __future__ import annotations

from typing import Any, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...core.orgs.lifecycle import former_name_choices
from ...core.members import records as members
from ...core.orgs import records as orgs
from ...core.members.records import MemberFilter
from ...core.values.phones import mask_phone
from ...core.store.connection import Store
from ..widgets.form_helpers import debounced, fill_org_combo, fit_placeholder, prepare_error_label
from ..widgets.table_models import ALIGN_CENTER, Column, LazyTableModel

MAX_NAMES_IN_MESSAGE = 3


def _columns() -> list[Column]:
    return [
        Column("name", "姓名", lambda r: r["name"], 80),
        Column("gender", "性别", lambda r: r.get("gender") or "", 40, ALIGN_CENTER),
        Column("org", "单位", lambda r: r.get("org_name") or "", 170),
        Column("phone", "手机", lambda r: mask_phone(r.get("phone")), 110),
    ]


class _ListModel(LazyTableModel):
    """Rows held in memory (the attendance list), in the order they were added."""

    def __init__(self, parent=None):
        self.rows: dict[int, dict[str, Any]] = {}
        super().__init__(_columns(), lambda ids: [self.rows[i] for i in ids if i in self.rows], parent=parent)

    def set_rows(self, rows: Sequence[dict[str, Any]]) -> None:
        self.rows = {r["id"]: r for r in rows}
        self.set_ids([r["id"] for r in rows])


class AttendanceEditor(QWidget):
    changed = Signal(int)  # how many are on the list now

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.results = LazyTableModel(_columns(), lambda ids: members.members_by_ids(self.store, ids), parent=self)
        self.listed = _ListModel(self)
        self._build()
        self._timer = debounced(self, self._search_if_open)
        self.search_edit.textChanged.connect(lambda _t: self._timer.start())
        self.org_combo.currentIndexChanged.connect(lambda _i: self.run_search())
        self.results_view.doubleClicked.connect(lambda _i: self.add_selected())
        self.add_button.clicked.connect(self.add_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        self.clear_button.clicked.connect(self.clear)
        self._update_count()

    # ------------------------------------------------------------------ layout
    def _build(self) -> None:
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("attendanceSearch")
        self.search_edit.setPlaceholderText("找会员：姓名、拼音首字母、身份证号或手机号的一段")
        self.search_edit.setClearButtonEnabled(True)
        fit_placeholder(self.search_edit)  # the hint says what can be typed: it must be read whole
        self.org_combo = QComboBox()
        fill_org_combo(self.org_combo, orgs.org_choices(self.store), "（全部单位）",
                       former=former_name_choices(self.store))
        self.results_view = self._view(self.results)
        self.results_label = QLabel("输入姓名或选择单位后，在这里列出会员。双击即加入签到名单。")
        self.results_label.setStyleSheet("color: #666;")
        self.add_button = QPushButton("加入签到名单 →")
        self.listed_view = self._view(self.listed)
        self.count_label = QLabel()
        self.count_label.setObjectName("attendanceCount")
        self.remove_button = QPushButton("移出所选")
        self.clear_button = QPushButton("清空名单")
        self.message = QLabel()
        self.message.setObjectName("attendanceMessage")
        prepare_error_label(self.message)

        left = QVBoxLayout()
        search_row = QHBoxLayout()
        search_row.addWidget(self.search_edit, 2)
        search_row.addWidget(self.org_combo, 1)
        left.addLayout(search_row)
        left.addWidget(self.results_label)
        left.addWidget(self.results_view, 1)
        left.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignRight)
        right = QVBoxLayout()
        right.addWidget(self.count_label)
        right.addWidget(self.listed_view, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.remove_button)
        buttons.addWidget(self.clear_button)
        right.addLayout(buttons)
        grid = QGridLayout(self)
        grid.addLayout(left, 0, 0)
        grid.addLayout(right, 0, 1)
        grid.addWidget(self.message, 1, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)

    @staticmethod
    def _view(model) -> QTableView:
        view = QTableView()
        view.setModel(model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.verticalHeader().setDefaultSectionSize(24)
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        view.horizontalHeader().setStretchLastSection(True)
        for column, spec in enumerate(model.columns):
            view.setColumnWidth(column, spec.width)
        return view

    # ------------------------------------------------------------------ search
    def _search_if_open(self) -> None:
        """Typing paused; a dialog closed meanwhile (its store may be closed too) searches nothing."""
        if self.window().isVisible():
            self.run_search()

    def run_search(self) -> None:
        text = self.search_edit.text().strip()
        org_id = self.org_combo.currentData()
        if not text and org_id is None:
            self.results.set_ids([])
            self.results_label.setText("输入姓名或选择单位后，在这里列出会员。双击即加入签到名单。")
            return
        ids = members.search_member_ids(self.store, text, MemberFilter(org_id=org_id))
        self.results.set_ids(ids)
        self.results_label.setText(f"找到 {len(ids):,} 名会员" if ids else "没有找到符合的会员")
        if ids:
            self.results_view.selectRow(0)

    # ------------------------------------------------------------------- list
    def set_members(self, rows: Sequence[dict[str, Any]]) -> None:
        """The stored list (rows from ``activities.attendance_of``)."""
        self.listed.set_rows([{**r, "id": r["member_id"]} for r in rows])
        self._update_count()

    def member_ids(self) -> list[int]:
        return self.listed.ids()

    def names(self) -> list[str]:
        return [self.listed.rows[i]["name"] for i in self.listed.ids()]

    def add_members(self, member_ids: Sequence[int]) -> int:
        """Put members on the list; those already on it are refused with a message. Returns how many added."""
        have = set(self.listed.ids())
        fresh = [i for i in dict.fromkeys(member_ids) if i not in have]
        repeated = [i for i in dict.fromkeys(member_ids) if i in have]
        rows = list(self.listed.rows.values()) + members.members_by_ids(self.store, fresh)
        self.listed.set_rows(rows)
        self._update_count()
        if repeated:
            names = "、".join(self.listed.rows[i]["name"] for i in repeated[:MAX_NAMES_IN_MESSAGE])
            more = f"等 {len(repeated)} 人" if len(repeated) > MAX_NAMES_IN_MESSAGE else ""
            self.show_message(f"{names}{more}已在签到名单中，同一人只能签到一次，未重复加入")
        else:
            self.show_message("")
        if fresh:
            self.listed_view.scrollToBottom()
        return len(fresh)

    def add_selected(self) -> int:
        rows = sorted({i.row() for i in self.results_view.selectionModel().selectedRows()})
        ids = [self.results.id_at(r) for r in rows]
        return self.add_members([i for i in ids if i is not None])

    def remove_selected(self) -> int:
        rows = {i.row() for i in self.listed_view.selectionModel().selectedRows()}
        gone = {self.listed.id_at(r) for r in rows}
        self.listed.set_rows([r for i, r in self.listed.rows.items() if i not in gone])
        self._update_count()
        return len(gone)

    def clear(self) -> None:
        self.listed.set_rows([])
        self._update_count()

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _update_count(self) -> None:
        n = len(self.listed.ids())
        self.count_label.setText(f"签到名单：{n} 人（实际人次随名单为 {n}）" if n else
                                 "签到名单：空（开放式活动可不列名单，直接在“基本信息”中填写实际人次）")
        self.remove_button.setEnabled(n > 0)
        self.clear_button.setEnabled(n > 0)
        self.changed.emit(n)
