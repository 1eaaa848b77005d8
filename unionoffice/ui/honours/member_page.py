"""The member form's 荣誉与服务卡 page: her honours from the register, her 劳模慰问, her service card."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QListWidget, QVBoxLayout, QWidget

from ...core.honours.records import honour_label, honours_of_member, model_worker_visits
from ...core.member_card.records import card_of_member
from ...core.store.connection import Store
from ...core.values.money import format_money


class MemberHonoursPage(QWidget):
    def __init__(self, store: Store, member_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.honour_list = QListWidget()
        self.honour_list.setObjectName("memberHonours")
        self.visit_list = QListWidget()
        self.card_label = QLabel()
        self.card_label.setObjectName("memberCard")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("荣誉（来自评先评优登记；劳模级别按此显示）："))
        layout.addWidget(self.honour_list)
        layout.addWidget(QLabel("劳模慰问："))
        layout.addWidget(self.visit_list)
        layout.addWidget(self.card_label)
        for h in honours_of_member(store, member_id):
            self.honour_list.addItem(honour_label(h))
        if not self.honour_list.count():
            self.honour_list.addItem("（无）")
        for v in model_worker_visits(store, member_id):
            self.visit_list.addItem(f"{v['paid_date']}  {format_money(v['amount'])} 元  {v['notes'] or ''}".rstrip())
        if not self.visit_list.count():
            self.visit_list.addItem("（无）")
        card = card_of_member(store, member_id)
        self.card_label.setText(
            f"会员服务卡：信息采集 {card['collected_date'] or '—'}，制卡 {card['made_date'] or '—'}，"
            f"卡号 {card['card_no'] or '—'}" if card else "会员服务卡：未登记")
