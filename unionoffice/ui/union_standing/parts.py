"""Edit forms of one facility (职工之家/书屋/服务点) and one officer (incl. 离任), opened from the
union's 规范化建设 form. Same core functions as ``unionoffice standing facility-edit/officer-edit/
officer-end``."""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget,
)

from ...core.errors import UserError
from ...core.store.connection import Store
from ...core.union_standing import records as standing
from ..widgets.form_helpers import setup_date_edit


class _RecordDialog(QDialog):
    """A small form: rows of (label, widget), an error line, 保存/取消; ``save`` runs ``write``."""

    saved = Signal(int)

    def __init__(self, title: str, rows: list[tuple[str, QWidget]], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(420)
        self.error = QLabel()
        self.error.setObjectName("recordError")
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        form = QFormLayout()
        for label, widget in rows:
            form.addRow(label, widget)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("保存")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.write: Callable[[], None] = lambda: None
        self.record_id = 0

    def save(self) -> bool:
        try:
            self.write()
        except UserError as exc:
            self.error.setText(str(exc))
            return False
        self.saved.emit(self.record_id)
        self.accept()
        return True


def _combo(items, current: str = "", blank: bool = False) -> QComboBox:
    combo = QComboBox()
    combo.addItems(["", *items] if blank else list(items))
    combo.setCurrentText(current or "")
    return combo


def _date(value: Any) -> QLineEdit:
    edit = QLineEdit(value or "")
    setup_date_edit(edit)
    return edit


class FacilityDialog(_RecordDialog):
    def __init__(self, store: Store, facility_id: int, parent: QWidget | None = None):
        f = standing.get_facility(store, facility_id)
        if f is None:
            raise UserError("要修改的阵地记录不存在，可能已被删除")
        self.kind = _combo(standing.FACILITY_KINDS, f["kind"])
        self.name, self.date, self.notes = QLineEdit(f["name"]), _date(f["set_up_date"]), QLineEdit(f["notes"])
        self.level = _combo(standing.LEVELS, f["level"], blank=True)
        super().__init__(f"修改{f['kind']}：{f['name']}", [("类型：", self.kind), ("名称：", self.name),
                                                         ("命名级别：", self.level), ("建立日期：", self.date),
                                                         ("备注：", self.notes)], parent)
        self.record_id = facility_id
        self.write = lambda: standing.update_facility(store, facility_id, {
            "kind": self.kind.currentText(), "name": self.name.text(), "level": self.level.currentText(),
            "set_up_date": self.date.text(), "notes": self.notes.text()})


class OfficerDialog(_RecordDialog):
    """An officer's role, name, phone and term; 离任日期 ends the term without deleting the record."""

    def __init__(self, store: Store, officer_id: int, parent: QWidget | None = None, *, ending: bool = False):
        o = standing.get_officer(store, officer_id)
        if o is None:
            raise UserError("要修改的工会委员记录不存在，可能已被删除")
        self.role = _combo(standing.OFFICER_ROLES, o["role"])
        self.name, self.phone = QLineEdit(o["name"]), QLineEdit(o["phone"])
        self.since, self.until = _date(o["since"]), _date(o["until"])
        title = f"{'登记离任' if ending else '修改工会委员'}：{o['role']} {o['name']}"
        super().__init__(title, [("职务：", self.role), ("姓名：", self.name), ("联系电话：", self.phone),
                                 ("任职日期：", self.since), ("离任日期：", self.until)], parent)
        self.record_id = officer_id
        if ending:
            self.until.setFocus()
            self.write = lambda: standing.end_officer(store, officer_id, self.until.text())
            for w in (self.role, self.name, self.phone, self.since):
                w.setEnabled(False)
        else:
            self.write = lambda: standing.update_officer(store, officer_id, {
                "role": self.role.currentText(), "name": self.name.text(), "phone": self.phone.text(),
                "since": self.since.text(), "until": self.until.text()})
