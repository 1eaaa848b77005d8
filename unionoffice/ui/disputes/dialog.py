"""The dispute case (劳动争议案件): register a new case, then on the same form follow it through —
the dated steps of the timeline, status changes along the workflow, and the closing form.

A new case shows only 案件信息; once saved it gets its 案号 and the 办理过程 and 状态与结案 pages
appear, so a clerk can register a case and record the first steps without reopening it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...core.values import dates, money
from ...core.disputes import query as dispute_query, records as disputes
from ...core.disputes.records import NeedsConfirmation
from ...core.errors import UserError
from ...core.store.connection import Store
from .parts import ApplicantsEditor, RespondentPicker
from .printouts import print_case_form
from ..widgets.form_helpers import FieldMessages, prepare_error_label, read_date, setup_date_edit

OVERDUE_COLOUR = QColor("#f8d7da")
DUE_COLOUR = QColor("#fff3cd")
ALERT_STYLE = {"overdue": "background: #f8d7da; color: #842029;", "due": "background: #fff3cd; color: #664d03;"}


def _today() -> str:
    return dates.today().isoformat()


def _combo(items: tuple[str, ...], editable: bool = False) -> QComboBox:
    combo = QComboBox()
    combo.addItems(list(items))
    combo.setEditable(editable)
    return combo


def _yuan(fen: int | None) -> str:
    return money.format_money(fen) if fen else ""


class DisputeDialog(QDialog):
    """Open with ``.open()``; ``saved(id)`` fires after every change that reached the database."""

    saved = Signal(int)

    def __init__(self, store: Store, dispute_id: int | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.dispute_id = dispute_id
        self.case: dict[str, Any] = {}
        self.resize(940, 680)
        self.header = QLabel()
        self.header.setObjectName("caseHeader")
        self.header.setTextFormat(Qt.TextFormat.PlainText)
        self.header.setStyleSheet("font-size: 15px; padding: 4px;")
        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_case_page(), "案件信息")
        self.steps_page: QWidget | None = None
        self.status_page: QWidget | None = None
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText("保存案件信息 (Ctrl+S)")
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        self.print_button = self.buttons.addButton("打印登记表…", QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.print_button.clicked.connect(self.print_form)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.buttons)
        QShortcut(QKeySequence("Ctrl+S"), self, activated=self.save)
        self.respondent.set_choices(dispute_query.respondent_choices(store))
        if dispute_id:
            self._add_case_pages()
        self.reload()

    # ------------------------------------------------------------- 案件信息
    def _build_case_page(self) -> QWidget:
        page = QWidget()
        outer = QVBoxLayout(page)
        form = QFormLayout()
        outer.addLayout(form)
        outer.addStretch(1)  # spare height goes below the form, not between its rows
        labels: dict[str, QLabel] = {}

        def row(field: str, title: str, widget: QWidget) -> None:
            labels[field] = QLabel()
            holder = QWidget()
            box = QVBoxLayout(holder)
            box.setContentsMargins(0, 0, 0, 0)
            box.setSpacing(1)
            box.addWidget(widget)
            box.addWidget(labels[field])
            form.addRow(title, holder)

        top = QWidget()
        line = QHBoxLayout(top)
        line.setContentsMargins(0, 0, 0, 0)
        self.received_edit = QLineEdit()
        setup_date_edit(self.received_edit)
        self.source_combo = _combo(disputes.SOURCES)
        self.kind_combo = _combo(disputes.KINDS)
        for title, widget in (("受理日期", self.received_edit), ("来源", self.source_combo), ("争议类型", self.kind_combo)):
            line.addWidget(QLabel(title + "："))
            line.addWidget(widget)
        line.addStretch(1)
        row("received_date", "受理：", top)
        self.applicants = ApplicantsEditor(self.store)
        row("applicants", "申请人：", self.applicants)
        self.respondent = RespondentPicker()
        row("respondent_name", "被申请人：", self.respondent)
        size = QWidget()
        line = QHBoxLayout(size)
        line.setContentsMargins(0, 0, 0, 0)
        self.workers_spin = QSpinBox()
        self.workers_spin.setRange(0, 100000)  # 0 is refused with a message on saving, never made 1
        self.workers_spin.setValue(1)
        self.workers_spin.setSuffix(" 人")
        self.collective_label = QLabel()
        hint = self.collective_label.fontMetrics().horizontalAdvance("（10 人及以上为集体争议）")
        self.collective_label.setFixedWidth(hint + 8)  # the row must not shift when it says 集体争议
        self.amount_edit = QLineEdit()
        self.amount_edit.setPlaceholderText("元，如 86000 或 86,000.00")
        hint_width = self.amount_edit.fontMetrics().horizontalAdvance(self.amount_edit.placeholderText())
        self.amount_edit.setMinimumWidth(hint_width + 24)  # the whole hint shows, frame and margins included
        self.handler_edit = QLineEdit()
        self.handler_edit.setMaximumWidth(120)
        for title, widget in (("涉及人数", self.workers_spin), ("", self.collective_label), ("涉及金额", self.amount_edit),
                              ("承办人", self.handler_edit)):
            if title:
                line.addWidget(QLabel(title + "："))
            line.addWidget(widget)
        line.addStretch(1)
        row("workers", "规模：", size)
        self.claim_edit = QPlainTextEdit()
        self.claim_edit.setPlaceholderText("按申请人的原话记录诉求和事由")
        self.claim_edit.setFixedHeight(90)
        row("claim", "事由：", self.claim_edit)
        self.case_error = QLabel()
        form.addRow(self.case_error)
        self.messages = FieldMessages(labels, self.case_error)
        labels["amount"] = labels["workers"]
        labels["source"] = labels["kind"] = labels["received_date"]
        labels["respondent_org_id"] = labels["respondent_name"]
        self.workers_spin.valueChanged.connect(self._show_collective)
        self.applicants.changed.connect(self._applicants_changed)
        return page

    def _show_collective(self, workers: int) -> None:
        collective = workers >= disputes.COLLECTIVE_WORKERS
        self.collective_label.setText("集体争议" if collective else "（10 人及以上为集体争议）")
        self.collective_label.setStyleSheet("color: #c0392b; font-weight: bold;" if collective else "color: #777;")

    def _applicants_changed(self) -> None:
        count = len(self.applicants.applicants())
        if self.workers_spin.value() < count:
            self.workers_spin.setValue(count)

    # ------------------------------------------------------------ 办理过程
    def _add_case_pages(self) -> None:
        if self.steps_page is None:
            self.steps_page = self._build_steps_page()
            self.status_page = self._build_status_page()
            self.tabs.addTab(self.steps_page, "办理过程")
            self.tabs.addTab(self.status_page, "状态与结案")
        self.print_button.setEnabled(True)

    def _build_steps_page(self) -> QWidget:
        page = QWidget()
        self.steps_table = QTableWidget(0, 5)
        self.steps_table.setObjectName("stepsTable")
        self.steps_table.setHorizontalHeaderLabels(("日期", "办理事项", "经办人", "情况说明", "调解期限"))
        self.steps_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.steps_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.steps_table.verticalHeader().setVisible(False)
        self.steps_table.setColumnWidth(0, 100)
        self.steps_table.setColumnWidth(1, 110)
        self.steps_table.setColumnWidth(2, 80)
        self.steps_table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.step_date = QLineEdit(_today())
        setup_date_edit(self.step_date)
        self.step_action = _combo(disputes.STEP_ACTIONS[1:], editable=True)
        self.step_handler = QLineEdit()
        self.step_handler.setMaximumWidth(100)
        self.step_note = QLineEdit()
        self.step_note.setPlaceholderText("做了什么、结果如何")
        self.add_step_button = QPushButton("添加步骤")
        self.delete_step_button = QPushButton("删除所选步骤")
        self.step_error = QLabel()
        prepare_error_label(self.step_error)
        adder = QHBoxLayout()
        for title, widget in (("日期", self.step_date), ("事项", self.step_action), ("经办人", self.step_handler),
                              ("说明", self.step_note)):
            adder.addWidget(QLabel(title + "："))
            adder.addWidget(widget, 1 if widget is self.step_note else 0)
        adder.addWidget(self.add_step_button)
        layout = QVBoxLayout(page)
        layout.addWidget(self.steps_table, 1)
        layout.addLayout(adder)
        layout.addWidget(self.step_error)
        layout.addWidget(self.delete_step_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.add_step_button.clicked.connect(self.add_step)
        self.delete_step_button.clicked.connect(self.delete_step)
        return page

    # ---------------------------------------------------------- 状态与结案
    def _build_status_page(self) -> QWidget:
        page = QWidget()
        self.status_info = QLabel()
        self.status_info.setObjectName("statusInfo")
        self.status_info.setWordWrap(True)
        self.status_info.setTextFormat(Qt.TextFormat.PlainText)
        self.next_status = QComboBox()
        self.next_status.setObjectName("nextStatus")
        self.next_status.setMinimumWidth(160)
        self.next_status.setMaximumWidth(220)
        self.status_date = QLineEdit(_today())
        setup_date_edit(self.status_date)
        self.status_handler = QLineEdit()
        self.status_handler.setMaximumWidth(220)
        self.status_note = QLineEdit()
        self.status_note.setPlaceholderText("例如：双方在街道调解室达成一致")
        self.change_button = QPushButton("确认变更状态")
        self.change_button.setObjectName("changeStatusButton")
        self.closing_box = QGroupBox("结案登记")
        self.outcome_combo = _combo(("", *disputes.OUTCOME_SUGGESTIONS), editable=True)
        self.recovered_edit = QLineEdit()
        self.recovered_edit.setPlaceholderText("元；没有则留空")
        self.recovered_edit.setMaximumWidth(180)
        self.settlement_edit = QPlainTextEdit()
        self.settlement_edit.setPlaceholderText("调解协议的主要内容或处理情况")
        self.settlement_edit.setFixedHeight(80)
        closing = QFormLayout(self.closing_box)
        closing.addRow("处理结果：", self.outcome_combo)
        closing.addRow("追回金额：", self.recovered_edit)
        closing.addRow("协议/处理情况：", self.settlement_edit)
        self.status_error = QLabel()
        prepare_error_label(self.status_error)
        change = QFormLayout()
        change.addRow("改为：", self.next_status)
        change.addRow("日期：", self.status_date)
        change.addRow("经办人：", self.status_handler)
        change.addRow("说明：", self.status_note)
        layout = QVBoxLayout(page)
        layout.addWidget(self.status_info)
        layout.addLayout(change)
        layout.addWidget(self.closing_box)
        layout.addWidget(self.status_error)
        layout.addWidget(self.change_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        self.next_status.currentIndexChanged.connect(self._update_closing_box)
        self.change_button.clicked.connect(self.change_status)
        return page

    def _update_closing_box(self) -> None:
        status = self.next_status.currentData()
        self.closing_box.setVisible(status in disputes.CLOSED_STATUSES)
        self.closing_box.setTitle("撤回登记" if status == "撤回" else "结案登记")
        self.recovered_edit.setEnabled(status == "结案")
        if status == "撤回" and not self.outcome_combo.currentText():
            self.outcome_combo.setCurrentText("申请人撤回申请")

    # ------------------------------------------------------------------ loading
    def reload(self) -> None:
        """Show the case as stored (after opening, saving or any change)."""
        if not self.dispute_id:
            self.setWindowTitle("登记劳动争议案件")
            self.header.setText("新案件：保存后自动编排案号")
            self.received_edit.setText(_today())
            self.print_button.setEnabled(False)
            self._show_collective(1)
            self.applicants.add_typed()
            return
        self.case = disputes.get_dispute(self.store, self.dispute_id) or {}
        c = self.case
        self.setWindowTitle(f"劳动争议案件 {c['case_no']}")
        self._show_header(c)
        self.received_edit.setText(c["received_date"])
        self.source_combo.setCurrentText(c["source"])
        self.kind_combo.setCurrentText(c["kind"])
        self.applicants.set_applicants(c["applicants"])
        self.respondent.set_value(c["respondent_org_id"], c["respondent_name"])
        self.workers_spin.setValue(c["workers"])
        self._show_collective(c["workers"])
        self.amount_edit.setText(_yuan(c["amount"]))
        self.handler_edit.setText(c["handler"])
        self.claim_edit.setPlainText(c["claim"])
        self._fill_steps(c["steps"])
        self._fill_status(c)

    def _show_header(self, c: dict[str, Any]) -> None:
        alert = disputes.alert_text(c)
        parts = [f"案号 {c['case_no']}", f"状态：{c['status']}", f"受理 {c['received_date']}",
                 f"调解期限 {c['deadline']}" + (f"（{alert}）" if alert else ""), f"已办 {c['days_open']} 天"]
        self.header.setText("    ".join(parts))
        self.header.setStyleSheet("font-size: 15px; padding: 4px;" + ALERT_STYLE.get(c["alert"], ""))

    def _fill_steps(self, steps: list[dict[str, Any]]) -> None:
        self.steps_table.setRowCount(len(steps))
        for row, step in enumerate(steps):
            cells = (step["step_date"], step["action"], step["handler"], step["note"],
                     disputes.step_day_text(self.case.get("received_date") or "", step["step_date"]))
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, step["id"])
                if step["new_status"]:
                    item.setToolTip(f"状态变更为“{step['new_status']}”")
                self.steps_table.setItem(row, col, item)

    def _fill_status(self, c: dict[str, Any]) -> None:
        self.status_info.setText(status_summary(c))
        allowed = disputes.allowed_statuses(c["status"])
        self.next_status.blockSignals(True)
        self.next_status.clear()
        for status in allowed:
            self.next_status.addItem(status, status)
        self.next_status.blockSignals(False)
        for widget in (self.next_status, self.status_date, self.status_handler, self.status_note, self.change_button):
            widget.setEnabled(bool(allowed))
        self._update_closing_box()
        if not allowed:
            self.closing_box.setVisible(False)

    # ------------------------------------------------------------------ saving
    def case_values(self) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        org_id, name = self.respondent.value()
        data = {
            "received_date": read_date(self.received_edit, "received_date", "受理日期"),
            "source": self.source_combo.currentText(),
            "kind": self.kind_combo.currentText(),
            "respondent_org_id": org_id,
            "respondent_name": name,
            "workers": self.workers_spin.value(),
            "amount": self.amount_edit.text(),
            "handler": self.handler_edit.text(),
            "claim": self.claim_edit.toPlainText(),
        }
        return data, self.applicants.applicants()

    def save(self) -> bool:
        """Save 案件信息; problems are shown beside their fields. True when saved."""
        self.messages.clear()
        try:
            data, people = self.case_values()
            if self.dispute_id:
                disputes.update_dispute(self.store, self.dispute_id, data, people)
            else:
                self.dispute_id = disputes.create_dispute(self.store, data, people)
                self._add_case_pages()
        except UserError as err:
            self.messages.show_error(err)
            return False
        self.reload()
        self.saved.emit(self.dispute_id)
        return True

    def add_step(self) -> bool:
        self.step_error.setVisible(False)
        try:
            disputes.add_step(self.store, self.dispute_id, read_date(self.step_date, "step_date", "日期"),
                              self.step_action.currentText(), self.step_handler.text(), self.step_note.text())
        except UserError as err:
            self._show_error(self.step_error, err)
            return False
        self.step_note.clear()
        self._changed()
        return True

    def delete_step(self) -> None:
        rows = sorted({i.row() for i in self.steps_table.selectedIndexes()})
        if not rows:
            return
        step_id = self.steps_table.item(rows[0], 0).data(Qt.ItemDataRole.UserRole)
        try:
            disputes.delete_step(self.store, step_id)
        except UserError as err:
            self._show_error(self.step_error, err)
            return
        self._changed()

    def change_status(self, confirm_over_claim: bool = False) -> bool:
        """Apply the chosen status; a recovered amount above the claim is asked about first."""
        status = self.next_status.currentData()
        if not status:
            return False
        self.status_error.setVisible(False)
        try:
            disputes.change_status(
                self.store, self.dispute_id, status, read_date(self.status_date, "status_date", "日期"),
                handler=self.status_handler.text(), note=self.status_note.text(),
                outcome=self.outcome_combo.currentText(), recovered=self.recovered_edit.text(),
                settlement=self.settlement_edit.toPlainText(), confirm_over_claim=confirm_over_claim)
        except NeedsConfirmation as err:
            answer = QMessageBox.question(self, "请确认追回金额", f"{err}\n\n确定按此金额结案吗？",
                                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                          QMessageBox.StandardButton.No)
            if answer == QMessageBox.StandardButton.Yes:
                return self.change_status(confirm_over_claim=True)
            self._show_error(self.status_error, UserError("未保存：请核对追回金额"))
            return False
        except UserError as err:
            self._show_error(self.status_error, err)
            return False
        self.status_note.clear()
        self._changed()
        return True

    def _changed(self) -> None:
        self.reload()
        self.saved.emit(self.dispute_id)

    @staticmethod
    def _show_error(label: QLabel, err: Exception) -> None:
        label.setText(str(err))
        label.setVisible(True)

    # ---------------------------------------------------------------- printing
    def print_form(self):
        if self.dispute_id:
            return print_case_form(self, self.store, self.dispute_id)
        return None

    def error_text(self) -> str:
        """Every message currently shown on the form (tests)."""
        labels = [self.case_error, *self.messages.labels.values()]
        if self.steps_page is not None:
            labels += [self.step_error, self.status_error]
        return "\n".join(dict.fromkeys(label.text() for label in labels if label.text()))


def status_summary(c: dict[str, Any]) -> str:
    """What the 状态与结案 page says about where the case stands."""
    lines = [f"当前状态：{c['status']}", f"调解期限：{c['deadline']}（受理之日起 15 日）"]
    alert = disputes.alert_text(c)
    if alert:
        lines[-1] += f"，{alert}"
    if c.get("mediation_result"):
        lines.append(f"调解结果：{'调解成功' if c['mediation_result'] == '成功' else '调解不成'}（{c['mediated_date']}）")
    if c["status"] in disputes.CLOSED_STATUSES:
        lines.append(f"{'结案' if c['status'] == '结案' else '撤回'}日期：{c['closed_date']}    处理结果：{c['outcome']}")
        if c["status"] == "结案":
            lines.append(f"追回金额：{money.format_money(c['recovered'])} 元（涉及金额 {money.format_money(c['amount'])} 元）")
        if c.get("settlement"):
            lines.append(f"协议/处理情况：{c['settlement']}")
        lines.append("案件已办结，不能再变更状态。")
    elif c["status"] in disputes.MEDIATION_STATUSES:
        lines.append("结案前须先登记“调解成功”或“调解不成”（或申请人撤回）。")
    return "\n".join(lines)
