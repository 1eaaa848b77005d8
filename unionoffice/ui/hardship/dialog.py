"""The hardship file form (困难职工档案): one person's file, new or existing.

The person is either a member picked from the roll (name, 身份证号, 性别 and 单位 then come from
the roll) or a worker typed in. 月人均收入 follows the household income and size as they are
typed. The bank account is shown masked until 显示 is pressed (DESIGN §10). A closed file
(脱困/撤档) stays readable and says so at the top; reviews and closing are on the 复核与状态 page.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QPushButton,
    QSpinBox, QTableWidget, QTableWidgetItem, QTabWidget, QVBoxLayout, QWidget,
)

from ...core.orgs.lifecycle import former_name_choices
from ...core.hardship import records as hardship
from ...core.orgs import records as orgs
from ...core.assistance.query import person_assistance_this_year
from ...core.errors import UserError, ValueFormatError
from ...core.hardship.query import get_hardship_file
from ...core.values.ids import mask_id_number
from ...core.members.records import get_member
from ...core.values.money import format_money, money_and_goods, parse_money
from ...core.store.connection import Store
from ..widgets.form_helpers import (
    FieldMessages,
    fill_org_combo,
    org_combo_value,
    read_date,
    set_combo_by_data,
    setup_date_edit,
)
from ..members.search_box import MemberSearch, member_line

HOUSEHOLD_COLUMNS = (("name", "姓名"), ("relation", "与本人关系"), ("birth_date", "出生日期"), ("age", "年龄"),
                     ("occupation", "职业/学校"), ("health", "健康状况"))
PERSON_FIELDS = ("name", "id_number", "gender", "phone", "org_id", "org_name")
PAGE_OF = {**{f: 0 for f in ("member_id", "file_no", *PERSON_FIELDS, "category", "level", "main_cause",
                             "other_causes")},
           **{f: 1 for f in ("household_size", "household_income", "health", "housing", "household")},
           **{f: 2 for f in ("bank_name", "bank_branch", "bank_account", "filed_by", "checked_by", "filed_date",
                             "last_review_date", "notes")}}


def status_banner(row: dict[str, Any]) -> str:
    """'已脱困（2026-03-01：再就业）' for a closed file, '' for one 在档."""
    if row.get("status", "在档") == "在档":
        return ""
    return f"本档案已{row['status']}（{row.get('status_date') or ''}：{row.get('status_reason') or ''}），仅供查阅和更正"


class HardshipDialog(QDialog):
    """Open with ``.open()``; ``saved(file_id)`` after each successful save."""

    saved = Signal(int)
    closed_or_reviewed = Signal(int)

    def __init__(self, store: Store, file_id: int | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.file_id = file_id
        self.original: dict[str, Any] = get_hardship_file(store, file_id) or {} if file_id else {}
        self.member_id: int | None = self.original.get("member_id")
        self.setWindowTitle(f"困难职工档案：{self.original['name']}（{self.original['file_no']}）" if file_id
                            else "新建困难职工档案")
        self.resize(900, 640)
        self._build()
        self._load()
        QShortcut(QKeySequence("Ctrl+S"), self, activated=self.save)

    # -------------------------------------------------------------------- layout
    def _build(self) -> None:
        self.banner = QLabel()
        self.banner.setStyleSheet("background: #eef2f7; color: #2c3e50; padding: 6px; font-weight: bold;")
        self.banner.setVisible(False)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._person_page(), "基本情况")
        self.tabs.addTab(self._household_page(), "家庭与收入")
        self.tabs.addTab(self._bank_page(), "银行与建档")
        self.status_page = None
        if self.file_id:
            from .actions import FileStatusPage

            self.status_page = FileStatusPage(self.store, self.file_id, self)
            self.status_page.changed.connect(self._after_status_change)
            self.tabs.addTab(self.status_page, "复核与状态")
        self.general_error = QLabel()
        self.messages = FieldMessages(self.error_labels, self.general_error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText("保存 (Ctrl+S)")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("关闭" if self.file_id else "取消")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)

    def _grid(self) -> tuple[QWidget, QGridLayout]:
        page = QWidget()
        grid = QGridLayout(page)
        grid.setColumnStretch(1, 1)
        return page, grid

    def _row(self, grid: QGridLayout, row: int, field: str, label: str, widget: QWidget) -> None:
        self.error_labels = getattr(self, "error_labels", {})
        error = QLabel()
        self.error_labels[field] = error
        grid.addWidget(QLabel(label), row, 0)
        grid.addWidget(widget, row, 1)
        grid.addWidget(error, row, 2)

    def _person_page(self) -> QWidget:
        page, grid = self._grid()
        self.member_label = QLabel()
        self.unlink_button = QPushButton("不关联会员（手工填写）")
        self.unlink_button.clicked.connect(lambda: self.link_member(None))
        self.member_search = MemberSearch(self.store, "关联会员：输入姓名、拼音首字母或身份证号，双击选中")
        self.member_search.picked.connect(self.link_member)
        link = QHBoxLayout()
        link.addWidget(self.member_label, 1)
        link.addWidget(self.unlink_button)
        grid.addLayout(link, 0, 0, 1, 3)
        grid.addWidget(self.member_search, 1, 0, 1, 3)
        self.file_no_edit = QLineEdit()
        self.file_no_edit.setPlaceholderText("留空则自动编号，如 2026-0001")
        self.name_edit, self.id_edit, self.phone_edit, self.org_name_edit = (QLineEdit() for _ in range(4))
        self.gender_combo = QComboBox()
        self.gender_combo.addItem("（按身份证号）", "")
        for g in ("男", "女"):
            self.gender_combo.addItem(g, g)
        self.org_combo = QComboBox()
        fill_org_combo(self.org_combo, orgs.org_choices(self.store), "（未登记单位，见下一行）",
                       former=former_name_choices(self.store))
        self.org_name_edit.setPlaceholderText("单位不在台账中时填写单位名称")
        self.show_id_button = QPushButton("显示")
        self.show_id_button.setToolTip("显示完整身份证号（核对或修改时）")
        self.show_id_button.clicked.connect(self.reveal_id)
        id_row = QHBoxLayout()
        id_row.setContentsMargins(0, 0, 0, 0)
        id_row.addWidget(self.id_edit, 1)
        id_row.addWidget(self.show_id_button)
        id_box = QWidget()
        id_box.setLayout(id_row)
        self.category_combo, self.level_combo, self.cause_combo = QComboBox(), QComboBox(), QComboBox()
        self.category_combo.addItems(hardship.categories(self.store))
        self.level_combo.addItems(hardship.LEVELS)
        self.cause_combo.addItems(hardship.CAUSES)
        self.other_combos = [QComboBox() for _ in range(hardship.MAX_OTHER_CAUSES)]
        others = QHBoxLayout()
        for combo in self.other_combos:
            combo.addItem("（无）", "")
            for cause in hardship.CAUSES:
                combo.addItem(cause, cause)
            others.addWidget(combo)
        others_box = QWidget()
        others_box.setLayout(others)
        others.setContentsMargins(0, 0, 0, 0)
        rows = (("file_no", "档案编号", self.file_no_edit), ("name", "姓名", self.name_edit),
                ("id_number", "身份证号", id_box), ("gender", "性别", self.gender_combo),
                ("phone", "联系电话", self.phone_edit), ("org_id", "工作单位", self.org_combo),
                ("org_name", "未登记单位名称", self.org_name_edit), ("category", "困难类别", self.category_combo),
                ("level", "建档层级", self.level_combo), ("main_cause", "主要致困原因", self.cause_combo),
                ("other_causes", "其他原因（至多3项）", others_box))
        for i, (field, label, widget) in enumerate(rows, start=2):
            self._row(grid, i, field, label, widget)
        self.error_labels["member_id"] = self.error_labels["name"]
        grid.setRowStretch(len(rows) + 2, 1)
        return page

    def _household_page(self) -> QWidget:
        page, grid = self._grid()
        self.size_spin = QSpinBox()
        self.size_spin.setRange(1, hardship.MAX_HOUSEHOLD)
        self.size_spin.setSuffix(" 人")
        self.income_edit = QLineEdit()
        self.income_edit.setPlaceholderText("元/月，如 3200")
        self.per_capita_label = QLabel()
        self.per_capita_label.setObjectName("perCapitaLabel")
        self.health_combo, self.housing_combo = QComboBox(), QComboBox()
        for combo, items in ((self.health_combo, hardship.HEALTH_CHOICES), (self.housing_combo, hardship.HOUSING_CHOICES)):
            combo.setEditable(True)
            combo.addItems(["", *items])
        income_row = QHBoxLayout()
        income_row.addWidget(self.income_edit)
        income_row.addWidget(self.per_capita_label, 1)
        income_box = QWidget()
        income_box.setLayout(income_row)
        income_row.setContentsMargins(0, 0, 0, 0)
        self._row(grid, 0, "household_size", "家庭人口", self.size_spin)
        self._row(grid, 1, "household_income", "家庭月收入（元）", income_box)
        self._row(grid, 2, "health", "健康状况", self.health_combo)
        self._row(grid, 3, "housing", "住房", self.housing_combo)
        self.household_table = QTableWidget(0, len(HOUSEHOLD_COLUMNS))
        self.household_table.setHorizontalHeaderLabels([t for _k, t in HOUSEHOLD_COLUMNS])
        self.household_table.horizontalHeader().setStretchLastSection(True)
        add, remove = QPushButton("添加家庭成员"), QPushButton("删除所选成员")
        add.clicked.connect(lambda: self.add_household_row({}))
        remove.clicked.connect(self._remove_household_rows)
        buttons = QHBoxLayout()
        buttons.addWidget(QLabel("家庭成员（可不列本人；填了出生日期的，年龄自动计算）："))
        buttons.addStretch(1)
        buttons.addWidget(add)
        buttons.addWidget(remove)
        grid.addLayout(buttons, 4, 0, 1, 3)
        grid.addWidget(self.household_table, 5, 0, 1, 3)
        self.error_labels["household"] = QLabel()
        grid.addWidget(self.error_labels["household"], 6, 0, 1, 3)
        self.size_spin.valueChanged.connect(self.update_per_capita)
        self.income_edit.textChanged.connect(self.update_per_capita)
        return page

    def _bank_page(self) -> QWidget:
        page, grid = self._grid()
        self.bank_name_edit, self.bank_branch_edit, self.account_edit = QLineEdit(), QLineEdit(), QLineEdit()
        self.account_masked = QLabel()
        self.show_account_button = QPushButton("显示")
        self.show_account_button.setToolTip("显示完整银行账号（仅在需要核对或修改时）")
        self.show_account_button.clicked.connect(self.reveal_account)
        account = QHBoxLayout()
        account.setContentsMargins(0, 0, 0, 0)
        account.addWidget(self.account_masked)
        account.addWidget(self.account_edit, 1)
        account.addWidget(self.show_account_button)
        account_box = QWidget()
        account_box.setLayout(account)
        self.filed_by_edit, self.checked_by_edit = QLineEdit(), QLineEdit()
        self.filed_date_edit, self.review_date_edit = QLineEdit(), QLineEdit()
        for edit in (self.filed_date_edit, self.review_date_edit):
            setup_date_edit(edit)
        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setMaximumHeight(90)
        rows = (("bank_name", "收款银行", self.bank_name_edit), ("bank_branch", "开户行", self.bank_branch_edit),
                ("bank_account", "银行账号", account_box), ("filed_by", "建档人", self.filed_by_edit),
                ("checked_by", "审核人", self.checked_by_edit), ("filed_date", "建档日期", self.filed_date_edit),
                ("last_review_date", "上次复核日期", self.review_date_edit), ("notes", "备注", self.notes_edit))
        for i, (field, label, widget) in enumerate(rows):
            self._row(grid, i, field, label, widget)
        grid.setRowStretch(len(rows), 1)
        return page

    # ---------------------------------------------------------------------- load
    def _load(self) -> None:
        row = self.original
        self.banner.setText(status_banner(row))
        self.banner.setVisible(bool(self.banner.text()))
        self.file_no_edit.setText(row.get("file_no", ""))
        self.name_edit.setText(row.get("name", ""))
        self.id_revealed = not row
        self.id_edit.setText(mask_id_number(row["id_number"]) if row else "")
        set_combo_by_data(self.gender_combo, row.get("gender") or "")
        self.phone_edit.setText(row.get("phone") or "")
        set_combo_by_data(self.org_combo, row.get("org_id"))
        self.org_name_edit.setText(row.get("org_name") or "")
        for combo, key in ((self.category_combo, "category"), (self.level_combo, "level"),
                           (self.cause_combo, "main_cause")):
            if row.get(key):
                combo.setCurrentText(row[key])
        if not row:
            self.level_combo.setCurrentText("街道")
        for combo, cause in zip(self.other_combos, row.get("other_causes_list", [])):
            set_combo_by_data(combo, cause)
        self.size_spin.setValue(row.get("household_size") or 1)
        self.income_edit.setText(format_money(row["household_income"]) if row.get("household_income") else "")
        self.health_combo.setCurrentText(row.get("health") or "")
        self.housing_combo.setCurrentText(row.get("housing") or "")
        for member in row.get("household", []):
            self.add_household_row(member)
        self.bank_name_edit.setText(row.get("bank_name") or "")
        self.bank_branch_edit.setText(row.get("bank_branch") or "")
        self.account_edit.setText(row.get("bank_account") or "")
        self.filed_by_edit.setText(row.get("filed_by") or self.store.user or "")
        self.checked_by_edit.setText(row.get("checked_by") or "")
        self.filed_date_edit.setText(row.get("filed_date") or "")
        self.review_date_edit.setText(row.get("last_review_date") or "")
        self.notes_edit.setPlainText(row.get("notes") or "")
        self._show_account(not row.get("bank_account"))
        self.link_member(self.member_id, fill=False)
        self.update_per_capita()

    def link_member(self, member_id: int | None, fill: bool = True) -> None:
        """Tie the file to a member of the roll (their person fields are then read-only), or untie it."""
        member = get_member(self.store, member_id) if member_id else None
        self.member_id = member["id"] if member else None
        if member:
            self.member_label.setText(f"已关联会员：{member_line({**member, 'org_name': self._org_name(member)})}")
            if fill:
                self.name_edit.setText(member["name"])
                self.id_edit.setText(mask_id_number(member.get("id_number")))
                self.id_revealed = False
                set_combo_by_data(self.gender_combo, member.get("gender") or "")
                set_combo_by_data(self.org_combo, member.get("org_id"))
                self.phone_edit.setText(member.get("phone") or "")
        else:
            self.member_label.setText("未关联会员：姓名、身份证号、单位手工填写（非会员职工）")
            if fill:  # typed in from now on
                self.id_revealed = True
                self.id_edit.setText(self.original.get("id_number", ""))
        for widget in (self.name_edit, self.id_edit, self.gender_combo, self.org_combo, self.org_name_edit):
            widget.setEnabled(member is None)
        self.id_edit.setReadOnly(not self.id_revealed)
        self.show_id_button.setVisible(member is None and not self.id_revealed)
        self.unlink_button.setEnabled(member is not None)
        self.member_search.setVisible(member is None)

    def _org_name(self, member: dict[str, Any]) -> str:
        index = self.org_combo.findData(member.get("org_id"))
        return self.org_combo.itemText(index) if index > 0 else ""

    def add_household_row(self, member: dict[str, Any]) -> int:
        row = self.household_table.rowCount()
        self.household_table.insertRow(row)
        for col, (key, _title) in enumerate(HOUSEHOLD_COLUMNS):
            value = member.get(key)
            self.household_table.setItem(row, col, QTableWidgetItem("" if value is None else str(value)))
        return row

    def _remove_household_rows(self) -> None:
        for row in sorted({i.row() for i in self.household_table.selectedIndexes()}, reverse=True):
            self.household_table.removeRow(row)

    def household_rows(self) -> list[dict[str, str]]:
        out = []
        for row in range(self.household_table.rowCount()):
            values = {key: (self.household_table.item(row, col).text().strip()
                            if self.household_table.item(row, col) else "")
                      for col, (key, _t) in enumerate(HOUSEHOLD_COLUMNS)}
            if any(values.values()):
                out.append(values)
        return out

    def update_per_capita(self) -> str:
        """月人均收入 as typed so far, shown beside the income box."""
        text = self.income_edit.text().strip()
        try:
            fen = parse_money(text) if text else 0
            shown = f"月人均收入：{format_money(hardship.per_capita_income(fen, self.size_spin.value()))} 元"
        except ValueFormatError:
            shown = "月人均收入：（请填写正确的金额）"
        self.per_capita_label.setText(shown)
        return shown

    def reveal_id(self) -> None:
        self.id_revealed = True
        self.id_edit.setText(self.original.get("id_number", ""))
        self.id_edit.setReadOnly(False)
        self.show_id_button.setVisible(False)

    def _show_account(self, revealed: bool) -> None:
        self.account_revealed = revealed
        self.account_edit.setVisible(revealed)
        self.account_masked.setVisible(not revealed)
        self.account_masked.setText(hardship.mask_account(self.original.get("bank_account")))
        self.show_account_button.setVisible(not revealed)

    def reveal_account(self) -> None:
        self._show_account(True)

    # ---------------------------------------------------------------------- save
    def collect(self) -> dict[str, Any]:
        """The form as core's field names (raises ValueFormatError for a date or org it cannot read)."""
        data: dict[str, Any] = {
            "file_no": self.file_no_edit.text(), "phone": self.phone_edit.text(),
            "category": self.category_combo.currentText(), "level": self.level_combo.currentText(),
            "main_cause": self.cause_combo.currentText(),
            "other_causes": [c.currentData() for c in self.other_combos if c.currentData()],
            "household_size": self.size_spin.value(), "household_income": self.income_edit.text(),
            "health": self.health_combo.currentText(), "housing": self.housing_combo.currentText(),
            "household": self.household_rows(), "bank_name": self.bank_name_edit.text(),
            "bank_branch": self.bank_branch_edit.text(), "filed_by": self.filed_by_edit.text(),
            "checked_by": self.checked_by_edit.text(), "notes": self.notes_edit.toPlainText(),
            "filed_date": read_date(self.filed_date_edit, "filed_date", "建档日期") or "",
            "last_review_date": read_date(self.review_date_edit, "last_review_date", "上次复核日期"),
        }
        if self.account_revealed:  # a masked account is left as it is
            data["bank_account"] = self.account_edit.text()
        if self.member_id:
            data["member_id"] = self.member_id
        else:
            data.update(member_id=None, name=self.name_edit.text(),
                        org_id=org_combo_value(self.org_combo, "org_id", "工作单位"),
                        org_name=self.org_name_edit.text())
            if self.id_revealed:
                data["id_number"] = self.id_edit.text()
            elif self.original.get("member_id"):  # unlinking: the file keeps the member's number
                data["id_number"] = self.original["id_number"]
            if self.gender_combo.currentData():
                data["gender"] = self.gender_combo.currentData()
        if not self.file_id:
            data = {k: v for k, v in data.items() if v not in (None, "")}
        return data

    def save(self) -> bool:
        self.messages.clear()
        try:
            data = self.collect()
            if self.file_id:
                if not self.original.get("member_id") and not self.member_id:
                    data.pop("member_id", None)
                hardship.update_hardship_file(self.store, self.file_id, data)
            else:
                self.file_id = hardship.create_hardship_file(self.store, data)
        except ValueFormatError as err:
            field = err.field if err.field in self.error_labels else None
            self.messages.show_error(err)
            if field in PAGE_OF:
                self.tabs.setCurrentIndex(PAGE_OF[field])
            return False
        except UserError as err:
            self.messages.show(None, str(err))
            return False
        self.saved.emit(self.file_id)
        self.accept()
        return True

    def _after_status_change(self) -> None:
        self.original = get_hardship_file(self.store, self.file_id) or self.original
        self.banner.setText(status_banner(self.original))
        self.banner.setVisible(bool(self.banner.text()))
        self.review_date_edit.setText(self.original.get("last_review_date") or "")
        self.closed_or_reviewed.emit(self.file_id)


def this_year_text(store: Store, id_number: str) -> str:
    """'今年已获帮扶 2 次，合计 1,300.00 元' for the person with this 身份证号."""
    try:
        seen = person_assistance_this_year(store, id_number)
    except (ValueFormatError, UserError):
        return ""
    return f"{seen['year']} 年已获帮扶 {seen['count']} 次，合计 {money_and_goods(seen['amount'], seen['goods_value'])}"

