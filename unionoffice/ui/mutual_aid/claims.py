"""The year's 互助金给付: who, when, plan, illness or cause, amount; one entered by mistake can be
deleted (to the recycle bin, logged)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QHBoxLayout, QLabel, QMessageBox, QPushButton,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from ...core.mutual_aid import records as aid
from ...core.store.connection import Store
from ...core.values.ids import mask_id_number
from ...core.values.money import format_money

HEADERS = ("给付日期", "姓名", "身份证号", "单位", "参保项目", "疾病或原因", "金额（元）")


class ClaimsDialog(QDialog):
    saved = Signal(int)  # a claim was deleted

    def __init__(self, parent: QWidget | None, store: Store, year: int):
        super().__init__(parent)
        self.store, self.year = store, year
        self.setWindowTitle(f"{year}年互助金给付")
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.total_label = QLabel()
        self.delete_button = QPushButton("删除所选给付")
        self.delete_button.clicked.connect(lambda _c=False: self.delete_selected())
        close = QPushButton("关闭")
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.delete_button)
        buttons.addWidget(self.total_label, 1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.resize(860, 380)
        self.load()

    def load(self) -> None:
        self.claims = aid.claims(self.store, f"{self.year}-01-01", f"{self.year}-12-31")
        self.table.setRowCount(len(self.claims))
        for row, c in enumerate(self.claims):
            cells = (c["claim_date"], c["person_name"], mask_id_number(c["id_number"]), c["org_name"], c["plan_name"],
                     c["cause"], format_money(c["amount"]))
            for col, text in enumerate(cells):
                self.table.setItem(row, col, QTableWidgetItem(text))
        total = sum(c["amount"] for c in self.claims)
        self.total_label.setText(f"共 {len(self.claims)} 人次，{format_money(total)} 元")
        self.delete_button.setEnabled(bool(self.claims))

    def delete_selected(self) -> bool:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        if not rows:
            return False
        chosen = [self.claims[r] for r in rows]
        if QMessageBox.question(self, "删除给付", f"删除所选 {len(chosen)} 笔互助金给付？") != QMessageBox.StandardButton.Yes:
            return False
        with self.store.atomic():
            for c in chosen:
                aid.delete_claim(self.store, c["id"])
        self.load()
        self.saved.emit(0)
        return True
