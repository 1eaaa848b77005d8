"""Adding recipients to a campaign: candidates from a filter (在档 hardship files of a category,
the members of one org, or members picked one by one), each shown with what they already
received in the campaign's year (drafts on other lists included) and, in orange, the other lists
of the same kind with their amounts; adding such people asks first; people already in the campaign are marked and left unticked. Adding is all
or nothing — if core refuses one (e.g. already in the list) nothing is added and its message is
shown here.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QLineEdit, QMessageBox, QPushButton,
    QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from ...core.orgs.lifecycle import former_name_choices
from ...core.assistance import campaigns
from ...core.hardship import records as hardship
from ...core.orgs import records as orgs
from ...core.errors import UserError, ValueFormatError
from ...core.values.money import format_money, money_and_goods
from ...core.store.connection import Store
from ..widgets.form_helpers import ERROR_STYLE, fill_org_combo, fit_placeholder
from ..members.search_box import MemberSearch

SOURCES = ("在档困难职工档案", "某单位的会员", "逐个挑选会员")
HEADERS = ("选", "姓名", "身份证号", "工作单位", "困难类别", "当年已获帮扶", "同类已发（名单、金额）", "说明")
IN_CAMPAIGN_COLOUR = QColor("#e0e0e0")
SAME_KIND_COLOUR = QColor("#fde2c8")


def history_text(person: dict[str, Any]) -> str:
    if not person["this_year_count"]:
        return "无"
    return f"{person['this_year_count']} 次，{money_and_goods(person['this_year_amount'], person['this_year_goods'])}"


class RecipientPicker(QDialog):
    added = Signal(int)  # how many rows were added

    def __init__(self, store: Store, campaign_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.store, self.campaign_id = store, campaign_id
        self.campaign = campaigns.get_campaign(store, campaign_id)
        self.people: list[dict[str, Any]] = []
        self.setWindowTitle(f"添加慰问对象：{self.campaign['name']}")
        self.resize(960, 620)
        self._build()
        self.load()

    def _build(self) -> None:
        self.source_combo = QComboBox()
        self.source_combo.addItems(SOURCES)
        self.category_combo, self.level_combo = QComboBox(), QComboBox()
        self.category_combo.addItem("全部类别", None)
        for c in hardship.categories(self.store):
            self.category_combo.addItem(c, c)
        self.category_combo.setCurrentText("深度困难")
        self.level_combo.addItem("全部层级", None)
        for level in hardship.LEVELS:
            self.level_combo.addItem(level, level)
        files_box = _row(QLabel("困难类别："), self.category_combo, QLabel("层级："), self.level_combo)
        self.org_combo = QComboBox()
        fill_org_combo(self.org_combo, orgs.org_choices(self.store), "（请选择单位）",
                       former=former_name_choices(self.store))
        self.org_combo.setMinimumWidth(360)
        org_box = _row(QLabel("单位："), self.org_combo)
        self.search = MemberSearch(self.store, "找会员：姓名、拼音首字母或身份证号；双击加入候选名单")
        self.search.picked.connect(self.add_member)
        # the filter of each source, only the chosen one shown; hidden pages take no room, and the
        # layout grows when the member search shows its results (a stack of fixed height squashed
        # the search box and its result list to a few pixels)
        self.pages = (files_box, org_box, self.search)
        self.filters = QWidget()
        filters_layout = QVBoxLayout(self.filters)
        filters_layout.setContentsMargins(0, 0, 0, 0)
        for page in self.pages:
            filters_layout.addWidget(page)
        self._show_page(0)
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(list(HEADERS))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        for col, width in enumerate((34, 80, 150, 200, 76, 110, 190)):
            self.table.setColumnWidth(col, width)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.all_button, self.none_button = QPushButton("全选"), QPushButton("全不选")
        self.all_button.clicked.connect(lambda: self.set_all(True))
        self.none_button.clicked.connect(lambda: self.set_all(False))
        self.amount_edit = QLineEdit()
        self.amount_edit.setPlaceholderText(f"标准金额 {format_money(self.campaign['standard_amount'])}")
        self.amount_edit.setMaximumWidth(fit_placeholder(self.amount_edit).minimumWidth() + 40)
        self.count_label = QLabel()
        self.count_label.setObjectName("pickerCount")
        self.count_label.setWordWrap(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("添加所选")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("关闭")
        self.buttons.accepted.connect(self.add_checked)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(_hbox(QLabel("从哪里选："), self.source_combo, stretch=True))
        layout.addWidget(self.filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)  # a line of its own: it must be read whole, beside nothing
        layout.addLayout(_hbox(self.all_button, self.none_button, stretch=True,
                               tail=(QLabel("每人金额（元）："), self.amount_edit)))
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.source_combo.currentIndexChanged.connect(self._source_changed)
        for combo in (self.category_combo, self.level_combo, self.org_combo):
            combo.currentIndexChanged.connect(self.load)
        self.table.itemChanged.connect(lambda _i: self._count())

    def _show_page(self, index: int) -> None:
        for i, page in enumerate(self.pages):
            page.setVisible(i == index)

    def _source_changed(self, index: int) -> None:
        self._show_page(index)
        self.people = []
        self.load()

    # ---------------------------------------------------------------- candidates
    def load(self) -> None:
        """Candidates for the chosen source (the hand-picked list keeps what was picked)."""
        source = self.source_combo.currentIndex()
        if source == 0:
            people = campaigns.hardship_candidates(self.store, category=self.category_combo.currentData(),
                                                   level=self.level_combo.currentData())
        elif source == 1:
            org_id = self.org_combo.currentData()
            people = campaigns.org_candidates(self.store, org_id) if org_id else []
        else:
            people = campaigns.member_candidates(self.store, [p["member_id"] for p in self.people])
        self.people = campaigns.annotate_candidates(self.store, self.campaign_id, people)
        self._fill()

    def add_member(self, member_id: int) -> None:
        if any(p.get("member_id") == member_id for p in self.people):
            return
        self.people.append({"member_id": member_id})
        self.load()

    def _fill(self) -> None:
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.people))
        for row, person in enumerate(self.people):
            check = QTableWidgetItem()
            check.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            check.setCheckState(Qt.CheckState.Unchecked if person["in_campaign"] else Qt.CheckState.Checked)
            self.table.setItem(row, 0, check)
            note = "已在名单" if person["in_campaign"] else ("同类重复，请核对" if person["same_kind"] else "")
            values = (person["name"], person["id_number_masked"], person["org_name"], person.get("category") or "",
                      history_text(person), person["same_kind"], note)
            for col, value in enumerate(values, start=1):
                item = QTableWidgetItem(value)
                if person["in_campaign"]:
                    item.setBackground(QBrush(IN_CAMPAIGN_COLOUR))
                elif person["same_kind"]:
                    item.setBackground(QBrush(SAME_KIND_COLOUR))
                self.table.setItem(row, col, item)
        self.table.blockSignals(False)
        self._count()

    def _confirm_duplicates(self, warnings: list[str]) -> bool:
        answer = QMessageBox.question(self, "可能重复发放", _confirm_text(self.campaign, warnings),
                                     QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                     QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def _count(self) -> None:
        self.count_label.setText(count_text(self.people, self.checked()))
        ticked_in = any(p["in_campaign"] for p in self.checked())
        self.count_label.setStyleSheet(ERROR_STYLE if ticked_in else "")

    def set_all(self, on: bool) -> None:
        state = Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
        self.table.blockSignals(True)
        for row, person in enumerate(self.people):
            if not (on and person["in_campaign"]):
                self.table.item(row, 0).setCheckState(state)
        self.table.blockSignals(False)
        self._count()

    def set_checked(self, row: int, on: bool) -> None:
        self.table.item(row, 0).setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def checked(self) -> list[dict[str, Any]]:
        return [p for row, p in enumerate(self.people)
                if self.table.item(row, 0) and self.table.item(row, 0).checkState() == Qt.CheckState.Checked]

    # --------------------------------------------------------------------- adding
    def add_checked(self) -> int:
        """Add every ticked person (core refuses the whole batch if one is already in the list)."""
        chosen = self.checked()
        self.message.clear()
        if not chosen:
            self.message.setText("没有勾选任何人")
            return 0
        people = [{"hardship_file_id": p["hardship_file_id"]} if p.get("hardship_file_id")
                  else {"member_id": p["member_id"]} for p in chosen]
        amount = self.amount_edit.text().strip() or None
        try:
            warnings = campaigns.duplicate_warnings(self.store, self.campaign_id, people)
            if warnings and not self._confirm_duplicates(warnings):
                self.message.setText("未添加。已获同类帮扶的人可取消勾选后再添加。")
                return 0
            result = campaigns.add_recipients(self.store, self.campaign_id, people, amount=amount)
        except (UserError, ValueFormatError) as err:
            self.message.setText(str(err))
            return 0
        n = len(result["added"])
        self.added.emit(n)
        self.accept()
        return n


def count_text(people: list[dict[str, Any]], ticked: list[dict[str, Any]]) -> str:
    """What 添加所选 will do, in the clerk's words:
    候选 5 人，其中 2 人已在本名单中（灰色）；已勾选 3 人，将添加 3 人.
    Someone ticked who is already on this list makes core refuse the whole batch: said so here."""
    listed = sum(1 for p in people if p["in_campaign"])
    ticked_in = sum(1 for p in ticked if p["in_campaign"])
    text = f"候选 {len(people)} 人" + (f"，其中 {listed} 人已在本名单中（灰色）" if listed else "")
    text += f"；已勾选 {len(ticked)} 人"
    if ticked_in:
        text += f"，其中 {ticked_in} 人已在本名单中，请取消勾选，否则无法添加"
    elif ticked:
        text += f"，将添加 {len(ticked)} 人"
    return text


def _confirm_text(campaign: dict[str, Any], warnings: list[str]) -> str:
    shown = warnings[:12] + ([f"……等共 {len(warnings)} 人"] if len(warnings) > 12 else [])
    return (f"以下 {len(warnings)} 人 {campaign['campaign_date'][:4]} 年已获{campaign['kind']}：\n\n" + "\n".join(shown)
            + "\n\n仍要把他们加入本名单吗？（定稿打印前还会再核对一次）")


def _row(*widgets: QWidget) -> QWidget:
    box = QWidget()
    box.setLayout(_hbox(*widgets, stretch=True))
    box.layout().setContentsMargins(0, 0, 0, 0)
    return box


def _hbox(*widgets: QWidget, stretch: bool = False, tail: tuple = ()) -> QHBoxLayout:
    layout = QHBoxLayout()
    for widget in widgets:
        layout.addWidget(widget)
    if stretch:
        layout.addStretch(1)
    for widget in tail:
        layout.addWidget(widget)
    return layout
