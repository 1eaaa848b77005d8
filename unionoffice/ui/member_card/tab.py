"""The 会员服务卡 tab: members' 信息采集 / 制卡 dates and card numbers, this year's and cumulative
counts on top, a form to record one member's card, and the card office's list imported."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QMessageBox, QPushButton, QVBoxLayout, QWidget

from ...core.errors import UserError
from ...core.figures import catalogue
from ...core.member_card import records as cards
from ...core.store.connection import Store
from ...core.values.ids import mask_id_number
from ..widgets.record_list import button_row
from ..widgets.register_io import export_to_file, import_from_file
from ..widgets.register_tab import RegisterTabMixin
from ..widgets.simple_form import FormField, SimpleForm
from ..widgets.simple_table import SimpleTable

FOLDER_KEY = "cardsTab"
COLUMNS = (("姓名", lambda c: c["name"], 90), ("身份证号", lambda c: mask_id_number(c["id_number"]), 160),
           ("所在单位", lambda c: c["org_name"], 240), ("信息采集日期", lambda c: c["collected_date"] or "", 100),
           ("制卡日期", lambda c: c["made_date"] or "", 100), ("卡号", lambda c: c["card_no"], 120))


CARD_FIELDS = [FormField("id_number", "会员身份证号："), FormField("collected_date", "信息采集日期：", "date"),
               FormField("made_date", "制卡日期：", "date"), FormField("card_no", "卡号：")]


def card_form(store: Store, card: dict[str, Any] | None, parent: QWidget | None = None) -> SimpleForm:
    """One member's card: found by 身份证号 (fixed once recorded); blank dates keep what is recorded."""

    def save(v: dict[str, Any]) -> int:
        member = cards.member_by_id_number(store, v["id_number"])
        old = None if card else cards.card_of_member(store, member["id"])
        if old is not None and not _replace_ok(form, member, old):
            raise UserError(f"未保存：{member['name']} 原有的服务卡保持不变")
        return cards.save_card(store, member["id"], {k: v[k] for k in ("collected_date", "made_date", "card_no")})

    form = SimpleForm(parent, "登记会员服务卡", CARD_FIELDS, save, card)
    form.widgets["id_number"].setReadOnly(bool(card))
    return form


def _replace_ok(parent: QWidget, member: dict[str, Any], old: dict[str, Any]) -> bool:
    """A new registration for a member who already has a card replaces it: ask first, naming both."""
    text = (f"{member['name']} 已有服务卡 {old['card_no'] or '（未填卡号）'}"
            f"（采集 {old['collected_date'] or '—'}，制卡 {old['made_date'] or '—'}）。\n"
            "要用本次登记的内容替换它吗？")
    return QMessageBox.question(parent, "替换服务卡", text) == QMessageBox.StandardButton.Yes


class CardsTab(RegisterTabMixin, QWidget):
    data_changed = Signal()

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.dialog: SimpleForm | None = None
        self.summary = QLabel()
        self.summary.setObjectName("cardSummary")
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText("姓名、身份证号、卡号")
        self.table = SimpleTable(COLUMNS, "cardsTable")
        self.add_button, self.edit_button = QPushButton("登记服务卡…"), QPushButton("修改…")
        self.delete_button = QPushButton("删除（移入回收站）")
        self.import_button, self.export_button = QPushButton("导入制卡名单…"), QPushButton("导出 Excel…")
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.search_edit)
        layout.addWidget(self.table)
        layout.addLayout(button_row([self.add_button, self.edit_button, self.delete_button],
                                    [self.import_button, self.export_button]))
        self.add_button.clicked.connect(lambda: self.open_form(None))
        self.edit_button.clicked.connect(self._edit_selected)
        self.table.doubleClicked.connect(lambda _i: self._edit_selected())
        self.delete_button.clicked.connect(self.delete_selected)
        self.import_button.clicked.connect(self.import_list)
        self.export_button.clicked.connect(self.export)
        self.search_edit.textChanged.connect(lambda _t: self.refresh())
        self.refresh()

    def set_store(self, store: Store) -> None:
        self.store = store

    def refresh(self) -> None:
        self.rows = cards.list_cards(self.store, text=self.search_edit.text())
        self.table.set_rows(self.rows)
        f = catalogue.compute(self.store, catalogue.year_to_date())
        self.summary.setText(f"今年采集信息 {f.get('cards.collected', 0)} 人，制卡 {f.get('cards.made', 0)} 人；"
                             f"累计采集信息 {f.get('cards.collected_total', 0)} 人，制卡 {f.get('cards.made_total', 0)} 人")

    def open_form(self, card: dict[str, Any] | None) -> SimpleForm:
        return self._open(card_form(self.store, card, self))

    def _edit_selected(self) -> None:
        ids = self.table.selected_ids()
        if ids:
            self.open_form(next(r for r in self.rows if r["id"] == ids[0]))

    def delete_selected(self) -> None:
        self._delete_chosen(self.table, cards.delete_cards, "删除服务卡登记", "条服务卡登记")

    def import_list(self) -> None:
        from ...exchange.importing.areas import import_cards

        def read(path: str) -> str:
            n = import_cards(self.store, path)
            return f"新登记 {n.get('new', 0)} 人，更新 {n.get('changed', 0)} 人，无变化 {n.get('same', 0)} 人。"

        if import_from_file(self, FOLDER_KEY, read, "制卡名单"):
            self._changed()

    def export(self) -> None:
        from ...exchange.exports.member_cards import export_cards

        export_to_file(self, FOLDER_KEY, "会员服务卡登记表.xlsx", lambda p: export_cards(self.store, p), "会员服务卡")
