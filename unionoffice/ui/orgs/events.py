"""The 变更记录 page of the org form: the org's dated events (成立, 建会, 换届, 更名, 合并, 迁出, 注销)
and its head-count history, and a place to record either (core: ``core.orgs.lifecycle``; the same
as ``unionoffice org-event``)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core.errors import UserError
from ...core.orgs import lifecycle
from ...core.orgs.records import get_org
from ...core.store.connection import Store
from ..widgets.form_helpers import prepare_error_label, setup_date_edit

HEADERS = ("日期", "变更", "内容", "原因")
CHOOSE = "（请选择）"
NEW_VALUE_HINTS = {"更名": "填更名后的新名称", "合并": "填并入的单位名称"}


class OrgEventsPage(QWidget):
    """Emits ``changed`` after an event or a head-count is recorded (the register may have changed)."""

    changed = Signal()

    def __init__(self, store: Store, org_id: int | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.store, self.org_id = store, org_id
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.kind = QComboBox()  # no kind chosen at first: a 注销 is never one click away
        self.kind.addItem(CHOOSE)
        self.kind.addItems(lifecycle.EVENT_KINDS)
        self.date, self.reason, self.new_value = QLineEdit(), QLineEdit(), QLineEdit()
        setup_date_edit(self.date)
        self.kind.currentTextChanged.connect(self._kind_chosen)
        self._kind_chosen(CHOOSE)
        self.record_button = QPushButton("登记变更")
        self.withdraw_button = QPushButton("撤销所选变更…")
        self.withdraw_button.setToolTip("登记错了的成立、注销、迁出、合并，或最近一次更名（名称改回原名）；"
                                        "换届、建会请在“基层工会”页直接更正")
        self.count_date = QLineEdit()
        setup_date_edit(self.count_date)
        self.counts = [QSpinBox() for _ in range(3)]
        for spin in self.counts:
            spin.setRange(0, 1_000_000)
        self.count_button = QPushButton("登记人数")
        self.error = QLabel()
        prepare_error_label(self.error)
        self._layout()
        self.record_button.clicked.connect(self.record_event)
        self.withdraw_button.clicked.connect(self.withdraw_selected)
        self.count_button.clicked.connect(self.record_headcount)
        self.reload()

    def _layout(self) -> None:
        box = QGroupBox("登记一项变更")
        grid = QGridLayout(box)
        for col, (label, widget) in enumerate((("类别", self.kind), ("日期", self.date), ("原因", self.reason),
                                               ("新名称", self.new_value))):
            grid.addWidget(QLabel(label), 0, col * 2)
            grid.addWidget(widget, 0, col * 2 + 1)
        grid.addWidget(self.record_button, 0, 8)
        counts = QGroupBox("补登某一日期的职工人数（往期报表按当时人数统计）")
        cgrid = QGridLayout(counts)
        for col, (label, widget) in enumerate((("日期", self.count_date), ("职工", self.counts[0]),
                                               ("女职工", self.counts[1]), ("农民工", self.counts[2]))):
            cgrid.addWidget(QLabel(label), 0, col * 2)
            cgrid.addWidget(widget, 0, col * 2 + 1)
        cgrid.addWidget(self.count_button, 0, 8)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)
        under = QHBoxLayout()
        under.addStretch(1)
        under.addWidget(self.withdraw_button)
        layout.addLayout(under)
        layout.addWidget(box)
        layout.addWidget(counts)
        layout.addWidget(self.error)

    def reload(self) -> None:
        saved = self.org_id is not None
        for w in (self.record_button, self.count_button, self.withdraw_button):
            w.setEnabled(saved)
        if not saved:
            self.note.setText("请先保存单位，再登记它的变更。")
            return
        ended = lifecycle.ended_on(self.store, self.org_id)
        kind = next((e["kind"] for e in lifecycle.events(self.store, self.org_id)
                     if e["date"] == ended and e["kind"] in lifecycle.ENDING_KINDS), "")
        self.note.setText(f"本单位已于 {ended} {kind}，此后的统计不再计入。" if ended else
                          "注销、迁出、合并后，往后期间的统计不再计入本单位；之前的期间照常计入。")
        rows = [(e["date"], e["kind"], f"{e['old_value']} → {e['new_value']}" if e["old_value"] else e["new_value"],
                 e["reason"]) for e in lifecycle.events(self.store, self.org_id)]
        rows += [(h["date"], "人数", f"职工{h['workers']}人，女职工{h['women_workers']}人，农民工{h['migrant_workers']}人",
                  "") for h in lifecycle.headcounts(self.store, self.org_id)]
        rows.sort(key=lambda r: r[0])
        self.table.setRowCount(len(rows))
        for r, cells in enumerate(rows):
            for c, text in enumerate(cells):
                self.table.setItem(r, c, QTableWidgetItem(text))

    def _kind_chosen(self, kind: str) -> None:
        """Only 更名 and 合并 take a new name; the box says what to write there."""
        self.new_value.setEnabled(kind in NEW_VALUE_HINTS)
        self.new_value.setPlaceholderText(NEW_VALUE_HINTS.get(kind, "（更名、合并时填写）"))

    def _show_row(self, day: str, kind: str) -> None:
        """The event just recorded, selected and scrolled into view (the list is long with head-counts)."""
        for r in range(self.table.rowCount()):
            if self.table.item(r, 0).text() == day and self.table.item(r, 1).text() == kind:
                self.table.selectRow(r)
                self.table.scrollToItem(self.table.item(r, 0))
                return

    def rows(self) -> list[tuple[str, ...]]:
        return [tuple(self.table.item(r, c).text() for c in range(len(HEADERS))) for r in range(self.table.rowCount())]

    def record_event(self) -> bool:
        kind = self.kind.currentText()
        if kind == CHOOSE:
            return self._fail("请先选择变更类别（成立、建会、换届、更名、合并、迁出、注销）")
        if kind in lifecycle.ENDING_KINDS and not self._ending_confirmed(kind):
            return False
        done = self._do(lambda: lifecycle.record_event(
            self.store, self.org_id, kind, self.date.text().strip(),
            reason=self.reason.text(), new_value=self.new_value.text()), (self.date, self.reason, self.new_value))
        if done:
            events = lifecycle.events(self.store, self.org_id)
            latest = max(events, key=lambda e: e.get("id", 0), default=None)
            if latest is not None:
                self._show_row(latest["date"], latest["kind"])
        return done

    def _ending_confirmed(self, kind: str) -> bool:
        name = get_org(self.store, self.org_id)["name"]
        answer = QMessageBox.question(
            self, f"登记{kind}", f"登记“{name}”于 {self.date.text().strip()} {kind}？\n"
            f"{kind}日期之后的期间，统计和报表不再计入本单位，也不能再给它登记换届、更名等变更"
            "（登记错了可选中该行，点“撤销所选变更”）。")
        return answer == QMessageBox.StandardButton.Yes

    def withdraw_selected(self) -> bool:
        """The selected event, recorded by mistake, withdrawn after the clerk says yes."""
        row = self.table.currentRow()
        if row < 0 or not self.table.item(row, 1) or self.table.item(row, 1).text() == "人数":
            return self._fail("请先在上面的列表中选中要撤销的变更（人数记录不能撤销）")
        day, kind = self.table.item(row, 0).text(), self.table.item(row, 1).text()
        extra = "，单位名称改回原名" if kind == "更名" else ""
        answer = QMessageBox.question(self, "撤销变更", f"撤销 {day} 的{kind}记录{extra}？\n"
                                      "只用于登记错了的情况；撤销记入操作日志。")
        if answer != QMessageBox.StandardButton.Yes:
            return False
        return self._do(lambda: lifecycle.withdraw_event(self.store, self.org_id, kind, day), ())

    def _fail(self, text: str) -> bool:
        self.error.setText(text)
        self.error.setVisible(True)
        return False

    def record_headcount(self) -> bool:
        return self._do(lambda: lifecycle.record_headcount(
            self.store, self.org_id, self.count_date.text().strip(), *(s.value() for s in self.counts)),
            (self.count_date,))

    def _do(self, action, edits) -> bool:
        self.error.setText("")
        self.error.setVisible(False)
        try:
            action()
        except UserError as err:
            self.error.setText(str(err))
            self.error.setVisible(True)
            return False
        for edit in edits:
            edit.clear()
        self.reload()
        self.changed.emit()
        return True
