"""The payments (实缴) of one org in a fee period: each with date, amount, 计费依据, way and where
it came from (手工 or the tax office's list); one entered by mistake can be deleted (to the recycle
bin, logged)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QHBoxLayout, QMessageBox, QPushButton, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from ...core.errors import UserError
from ...core.fees import records as fees
from ...core.store.connection import Store
from ...core.values.money import format_money
from ..widgets.errors import show_user_error

HEADERS = ("缴纳日期", "所属期", "金额（元）", "计费依据（元）", "缴纳方式", "来源", "备注")


class PaymentsDialog(QDialog):
    saved = Signal(int)  # a payment was deleted

    def __init__(self, parent: QWidget | None, store: Store, org_id: int, org_name: str, fp: fees.FeePeriod):
        super().__init__(parent)
        self.store, self.org_id, self.fp = store, org_id, fp
        self.setWindowTitle(f"{org_name} {fp.label}缴款明细")
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.delete_button = QPushButton("删除所选缴款")
        self.delete_button.clicked.connect(lambda _c=False: self.delete_selected())
        close = QPushButton("关闭")
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.resize(760, 320)
        self.load()

    def load(self) -> None:
        self.payments = fees.payments_of_org(self.store, self.org_id, *self.fp.period.iso)
        self.table.setRowCount(len(self.payments))
        for row, p in enumerate(self.payments):
            cells = (p["paid_date"], p["period"], format_money(p["amount"]),
                     "" if p["base"] is None else format_money(p["base"]), p["method"], p["source"], p["notes"])
            for col, text in enumerate(cells):
                self.table.setItem(row, col, QTableWidgetItem(text))
        self.delete_button.setEnabled(bool(self.payments))

    def delete_selected(self) -> bool:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        if not rows:
            return False
        chosen = [self.payments[r] for r in rows]
        total = sum(p["amount"] for p in chosen)
        note = "（来自税务代收明细的缴款，再次导入该明细时会重新计入）" if any(p["source_key"] for p in chosen) else ""
        if QMessageBox.question(self, "删除缴款", f"删除所选 {len(chosen)} 笔缴款，共 {format_money(total)} 元？{note}") \
                != QMessageBox.StandardButton.Yes:
            return False
        try:
            with self.store.atomic():
                for p in chosen:
                    fees.delete_payment(self.store, p["id"])
        except UserError as err:
            show_user_error(self, err)
            return False
        self.load()
        self.saved.emit(0)
        return True
