"""The form of one honour (荣誉): to a person (on the roll by 身份证号, or by name) or to an org."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox, QCompleter, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QMessageBox, QVBoxLayout,
    QWidget,
)

from ...core.errors import UserError
from ...core.honours import records as honours
from ...core.members.records import get_member
from ...core.orgs.lifecycle import former_name_choices, org_by_name
from ...core.orgs.records import live_org_names
from ...core.store.connection import Store
from ...core.values import dates


class HonourDialog(QDialog):
    saved = Signal(int)

    def __init__(self, store: Store, honour_id: int | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.store, self.honour_id = store, honour_id
        self.setWindowTitle("修改荣誉" if honour_id else "登记荣誉")
        self.setMinimumWidth(460)
        self.kind = QComboBox()
        self.kind.addItems(honours.KINDS)
        self.category = QComboBox()
        self.level = QComboBox()
        self.level.addItems(honours.LEVELS)
        self.level.setCurrentText("区")
        self.year = QLineEdit(str(dates.today().year))
        self.awarded = QLineEdit()
        self.awarded.setPlaceholderText("如 2026-04-28，可不填")
        self.issuer = QLineEdit()
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText("如 罗湖区劳动模范（不填则同类别）")
        self.person = QLineEdit()
        self.id_number = QLineEdit()
        self.id_number.setPlaceholderText("会员填身份证号，荣誉会显示在其会员记录上")
        self.org = _org_picker(store)
        self.place = QComboBox()
        self.place.addItems(("", *honours.PLACES))
        self.notes = QLineEdit()
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        self._layout()
        self.kind.currentTextChanged.connect(self._kind_changed)
        self._kind_changed(self.kind.currentText())
        if honour_id:
            self._load(honours.get_honour(store, honour_id) or {})

    def _layout(self) -> None:
        form = QFormLayout()
        for label, widget in (("对象：", self.kind), ("荣誉类别：", self.category), ("级别：", self.level),
                              ("年度：", self.year), ("授予日期：", self.awarded), ("授予机关：", self.issuer),
                              ("荣誉称号：", self.title_edit), ("获奖人姓名：", self.person),
                              ("身份证号：", self.id_number), ("单位/工会：", self.org), ("竞赛名次：", self.place),
                              ("备注：", self.notes)):
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

    def _kind_changed(self, kind: str) -> None:
        current = self.category.currentText()
        self.category.clear()
        self.category.addItems(honours.PERSON_CATEGORIES if kind == "个人" else honours.ORG_CATEGORIES)
        if current:
            self.category.setCurrentText(current)
        for widget in (self.person, self.id_number):
            widget.setEnabled(kind == "个人")

    def _load(self, h: dict[str, Any]) -> None:
        self.kind.setCurrentText(h.get("recipient_kind", "个人"))
        self.category.setCurrentText(h.get("category", ""))
        self.level.setCurrentText(h.get("level", "区"))
        self.year.setText(str(h.get("year") or ""))
        if not h.get("year"):  # moved from the roll without one: the clerk reads it off the papers
            self.year.setPlaceholderText("年度不详：请按表彰文件填写（不填无法计入期间统计）")
        self.awarded.setText(h.get("awarded_date") or "")
        self.issuer.setText(h.get("issuer", ""))
        self.title_edit.setText(h.get("title", ""))
        self.person.setText(h.get("person_name", ""))
        if h.get("member_id"):
            self.id_number.setText((get_member(self.store, h["member_id"]) or {}).get("id_number") or "")
        self.org.setCurrentText(h.get("org_name", ""))
        self.place.setCurrentText(h.get("place", ""))
        self.notes.setText(h.get("notes", ""))

    def values(self) -> dict[str, Any]:
        return {"recipient_kind": self.kind.currentText(), "category": self.category.currentText(),
                "level": self.level.currentText(), "year": self.year.text(), "awarded_date": self.awarded.text(),
                "issuer": self.issuer.text(), "title": self.title_edit.text(), "person_name": self.person.text(),
                "id_number": self.id_number.text(), "org_name": self.org.currentText().split(FORMER_MARK)[0],
                "place": self.place.currentText(), "notes": self.notes.text()}

    def save(self) -> bool:
        if not self._off_register_confirmed():
            return False
        try:
            if self.honour_id:
                honours.update_honour(self.store, self.honour_id, self.values())
            else:
                self.honour_id = honours.create_honour(self.store, self.values())
        except UserError as exc:
            self.error.setText(str(exc))
            return False
        self.saved.emit(self.honour_id)
        self.accept()
        return True

    def _off_register_confirmed(self) -> bool:
        """A collective honour names an org the register does not know (a part typed, a typo, or a
        班组 that is no org): asked first, since it then shows on no org's form."""
        name = self.values()["org_name"].strip()
        if self.kind.currentText() != "集体" or not name or org_by_name(self.store, name) is not None:
            return True
        answer = QMessageBox.question(
            self, "单位不在台账中", f"“{name}”不在单位台账中（也不是哪个单位的曾用名），这项荣誉不会显示在任何单位上。\n"
            "如是台账中的单位，请点“否”，在“单位/工会”中输入名称的一部分，再从列表中选择；班组、车间等不在台账中的集体，点“是”照此保存。")
        return answer == QMessageBox.StandardButton.Yes


FORMER_MARK = "（曾用名，"


def _org_picker(store: Store) -> QComboBox:
    """Editable (a 班组 may be no org on the register); typing part of a name, today's or a former one,
    lists the orgs that contain it. A former name is kept as written: the honour was given under it."""
    combo = QComboBox()
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    combo.addItem("")
    combo.addItems(live_org_names(store))
    for _org_id, old, current in former_name_choices(store):
        combo.addItem(f"{old}{FORMER_MARK}现名 {current}）")
    completer = QCompleter(combo.model(), combo)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    combo.setCompleter(completer)
    return combo
