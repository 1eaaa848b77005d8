"""The org form's 荣誉与曾用名 page: the collective honours given to the org or its union (示范/先进/
合格工会, 工人先锋号, 安康杯 …, from the honours register) and the names it had before a 更名."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QListWidget, QVBoxLayout, QWidget

from ...core.honours.records import honour_label, honours_of_org
from ...core.orgs.lifecycle import former_names
from ...core.store.connection import Store


def former_names_text(store: Store, org_id: int) -> str:
    """曾用名：旧名（至 2025-03-01 更名）、… — '' when the org was never renamed."""
    names = former_names(store, org_id)
    if not names:
        return ""
    return "曾用名：" + "、".join(f"{n['name']}（{n['until']} 更名）" for n in names)


class OrgHonoursPage(QWidget):
    def __init__(self, store: Store, org_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.store, self.org_id = store, org_id
        self.honour_list = QListWidget()
        self.honour_list.setObjectName("orgHonours")
        self.former_list = QListWidget()
        self.former_list.setObjectName("orgFormerNames")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("集体荣誉（来自评先评优登记，含以曾用名登记的）："))
        layout.addWidget(self.honour_list, 2)
        layout.addWidget(QLabel("曾用名（在“变更记录”中登记更名后保留，查找和导入时仍能按曾用名找到本单位）："))
        layout.addWidget(self.former_list, 1)
        self.reload()

    def reload(self) -> None:
        self.honour_list.clear()
        for h in honours_of_org(self.store, self.org_id):
            self.honour_list.addItem(honour_label(h))
        if not self.honour_list.count():
            self.honour_list.addItem("（无）")
        self.former_list.clear()
        for n in former_names(self.store, self.org_id):
            reason = f"，{n['reason']}" if n["reason"] else ""
            self.former_list.addItem(f"{n['name']}（{n['until']} 更名{reason}）")
        if not self.former_list.count():
            self.former_list.addItem("（无）")
