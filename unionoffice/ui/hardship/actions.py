"""What a clerk does to a hardship file besides editing it: the yearly review (复核), closing it
(脱困/撤档) or reopening it, a single payment outside any campaign (e.g. a hospital visit), and a
correcting entry (更正/冲正) for a payment already printed and locked.

All dialogs here open with ``.open()`` and report through ``done_with(id)``; the work is done by
core, whose messages are shown beside the field they name.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QDialog, QDialogButtonBox, QGridLayout, QHBoxLayout, QLabel, QLineEdit,
    QMessageBox, QPlainTextEdit, QPushButton, QSpinBox, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from ...core.assistance import records as assistance
from ...core.values import dates
from ...core.hardship import records as hardship
from ...core.assistance.query import person_assistance_this_year
from ...core.errors import UserError, ValueFormatError
from ...core.hardship.query import get_hardship_file
from ...core.values.money import format_money, money_and_goods
from ...core.store.connection import Store
from ..widgets.form_helpers import FieldMessages, read_date, setup_date_edit
from ..members.search_box import MemberSearch


class FormDialog(QDialog):
    """A small grid form with a message label beside each field and 确定/取消."""

    done_with = Signal(int)

    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(520)
        self.grid = QGridLayout()
        self.grid.setColumnStretch(1, 1)
        self.labels: dict[str, QLabel] = {}
        self.general = QLabel()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("确定")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        layout.addLayout(self.grid)
        layout.addWidget(self.general)
        layout.addWidget(self.buttons)
        self.messages: FieldMessages | None = None

    def add(self, field: str, label: str, widget: QWidget) -> QWidget:
        row = self.grid.rowCount()
        self.labels[field] = QLabel()
        self.grid.addWidget(QLabel(label), row, 0)
        self.grid.addWidget(widget, row, 1)
        self.grid.addWidget(self.labels[field], row + 1, 1)
        return widget

    def finish(self) -> None:
        self.messages = FieldMessages(self.labels, self.general)

    def submit(self) -> bool:
        self.messages.clear()
        try:
            record_id = self.apply()
        except ValueFormatError as err:
            self.messages.show_error(err)
            return False
        except UserError as err:
            self.messages.show(None, str(err))
            return False
        self.done_with.emit(record_id)
        self.accept()
        return True

    def apply(self) -> int:  # pragma: no cover - every form overrides it
        raise NotImplementedError


def _date_edit(value: str = "") -> QLineEdit:
    edit = QLineEdit(value)
    setup_date_edit(edit)
    return edit


class ReviewDialog(FormDialog):
    """复核: date, reviewer, notes, and the figures that changed since the last review."""

    def __init__(self, store: Store, file_id: int, parent: QWidget | None = None):
        super().__init__("年度复核", parent)
        self.store, self.file_id = store, file_id
        row = get_hardship_file(store, file_id)
        self.intro.setText(f"{row['name']}（{row['file_no']}），下次复核日期 {row['next_review_date']}。"
                           "情况有变化的，在下面直接改成复核后的数字。")
        self.date_edit = self.add("review_date", "复核日期", _date_edit(dates.today().isoformat()))
        self.reviewer_edit = self.add("reviewer", "复核人", QLineEdit(store.user or ""))
        self.category_combo = QComboBox()
        self.category_combo.addItems(hardship.categories(store))
        self.category_combo.setCurrentText(row["category"])
        self.add("category", "困难类别", self.category_combo)
        self.size_spin = QSpinBox()
        self.size_spin.setRange(1, hardship.MAX_HOUSEHOLD)
        self.size_spin.setValue(row["household_size"])
        self.add("household_size", "家庭人口", self.size_spin)
        self.income_edit = self.add("household_income", "家庭月收入（元）", QLineEdit(format_money(row["household_income"])))
        self.notes_edit = self.add("notes", "复核意见", QLineEdit())
        self.before = row
        self.finish()

    def apply(self) -> int:
        changes: dict[str, Any] = {}
        if self.category_combo.currentText() != self.before["category"]:
            changes["category"] = self.category_combo.currentText()
        if self.size_spin.value() != self.before["household_size"]:
            changes["household_size"] = self.size_spin.value()
        if self.income_edit.text().strip() != format_money(self.before["household_income"]):
            changes["household_income"] = self.income_edit.text()
        return hardship.add_review(self.store, self.file_id, review_date=self.date_edit.text(),
                                   reviewer=self.reviewer_edit.text(), notes=self.notes_edit.text(), changes=changes)


class CloseFileDialog(FormDialog):
    """脱困/撤档 (or, for a closed file, 恢复在档) with date and reason."""

    def __init__(self, store: Store, file_id: int, parent: QWidget | None = None, *, reopen: bool = False):
        super().__init__("恢复在档" if reopen else "脱困 / 撤档", parent)
        self.store, self.file_id, self.reopen = store, file_id, reopen
        row = get_hardship_file(store, file_id)
        self.intro.setText(f"{row['name']}（{row['file_no']}）" + (
            "重新陷入困难，恢复为在档。" if reopen else "：档案关闭后仍可查阅，在列表中按“状态”筛选可找到。"))
        self.status_combo = QComboBox()
        self.status_combo.addItems(hardship.CLOSED_STATUSES)
        if not reopen:
            self.add("status", "关闭为", self.status_combo)
        self.date_edit = self.add("status_date", "日期", _date_edit(dates.today().isoformat()))
        self.reason_edit = self.add("status_reason", "原因", QLineEdit())
        self.reason_edit.setPlaceholderText("如：已再就业，家庭收入超过标准")
        self.finish()

    def apply(self) -> int:
        if self.reopen:
            hardship.reopen_file(self.store, self.file_id, self.date_edit.text(), self.reason_edit.text())
        else:
            hardship.close_file(self.store, self.file_id, self.status_combo.currentText(), self.date_edit.text(),
                                self.reason_edit.text())
        return self.file_id


class SinglePaymentDialog(FormDialog):
    """A payment outside any campaign, for a filed worker, a member, or a member found here."""

    def __init__(self, store: Store, person: dict[str, Any] | None = None, parent: QWidget | None = None):
        super().__init__("单笔慰问（不属于慰问活动）", parent)
        self.store, self.person = store, person
        self.search = None
        if person is None:
            self.search = MemberSearch(store)
            self.search.picked.connect(self.pick_member)
            self.grid.addWidget(self.search, 0, 0, 1, 2)
        self.who = QLabel()
        self.grid.addWidget(self.who, 1, 0, 1, 2)
        self.kind_combo, self.source_combo, self.method_combo = QComboBox(), QComboBox(), QComboBox()
        self.kind_combo.addItems(assistance.KINDS)
        self.kind_combo.setCurrentText("生病住院慰问")
        self.source_combo.addItems(assistance.FUNDING_SOURCES)
        self.source_combo.setCurrentText("街道总工会")
        self.method_combo.addItems(assistance.METHODS)
        self.add("kind", "慰问类别", self.kind_combo)
        self.add("funding_source", "资金来源", self.source_combo)
        self.date_edit = self.add("paid_date", "发放日期", _date_edit(dates.today().isoformat()))
        self.amount_edit = self.add("amount", "金额（元）", QLineEdit())
        self.goods_edit = self.add("goods", "实物", QLineEdit())
        self.goods_value_edit = self.add("goods_value", "实物折合金额（元）", QLineEdit())
        self.add("method", "发放方式", self.method_combo)
        self.notes_edit = self.add("notes", "备注", QLineEdit())
        self.labels["id_number"] = self.labels["name"] = self.labels["member_id"] = self.labels["hardship_file_id"] = QLabel()
        self.grid.addWidget(self.labels["name"], 2, 0, 1, 2)
        self.finish()
        self._show_person()

    def pick_member(self, member_id: int) -> None:
        self.person = {"member_id": member_id}
        self._show_person()

    def _show_person(self) -> None:
        if not self.person:
            self.who.setText("请先在上面找到并双击选中要慰问的会员")
            return
        try:
            resolved = assistance.resolve_person(self.store, self.person)
            seen = person_assistance_this_year(self.store, resolved)
        except (UserError, ValueFormatError) as err:
            self.who.setText(str(err))
            return
        self.who.setText(f"慰问对象：{assistance.person_label(resolved)}  {resolved['org_name']}\n"
                         f"{seen['year']} 年已获帮扶 {seen['count']} 次，合计 {money_and_goods(seen['amount'], seen['goods_value'])}")

    def apply(self) -> int:
        if not self.person:
            raise ValueFormatError("请先选中要慰问的会员", field="name")
        data = {"kind": self.kind_combo.currentText(), "funding_source": self.source_combo.currentText(),
                "paid_date": read_date(self.date_edit, "paid_date", "发放日期") or "",
                "amount": self.amount_edit.text(), "goods": self.goods_edit.text(),
                "goods_value": self.goods_value_edit.text(), "method": self.method_combo.currentText(),
                "notes": self.notes_edit.text()}
        return assistance.add_single_payment(self.store, self.person, data)


class CorrectionDialog(FormDialog):
    """更正/冲正 a locked payment: the net amount it should have been, and why."""

    def __init__(self, store: Store, assistance_id: int, parent: QWidget | None = None):
        super().__init__("更正 / 冲正已锁定的慰问", parent)
        self.store, self.assistance_id = store, assistance_id
        row = assistance.get_assistance(store, assistance_id)
        original = row["reversal_of"] or assistance_id
        amount, goods = assistance.net_of(store, original)
        self.intro.setText(f"{row['name']}的这笔慰问已打印交签领，不能直接修改。\n"
                           f"现在的净额：{format_money(amount)} 元" + (f"，实物折合 {format_money(goods)} 元" if goods else "")
                           + "。\n填写更正后应得的金额（填 0 即全额冲正），系统另记一笔差额，并在下次打印时印出。")
        self.amount_edit = self.add("amount", "更正后金额（元）", QLineEdit(format_money(amount)))
        self.reason_edit = self.add("notes", "更正原因", QLineEdit())
        self.reason_edit.setPlaceholderText("如：金额录错，应为 500 元")
        home = assistance.default_correction_day(store, assistance.get_assistance(store, original))
        self.date_edit = self.add("paid_date", "更正日期", _date_edit(home))
        self.date_edit.setToolTip(f"默认为原发放日期 {home}：更正计入这个日期所在年份的统计，收据按这一年编号")
        self.finish()

    def apply(self) -> int:
        day = read_date(self.date_edit, "paid_date", "更正日期")
        work = lambda ok: assistance.correct_assistance(  # noqa: E731
            self.store, self.assistance_id, reason=self.reason_edit.text(), amount=self.amount_edit.text(),
            on=day, other_year_ok=ok)
        try:
            return work(False)
        except assistance.OtherYearError as err:
            answer = QMessageBox.question(self, "更正日期不在原发放年份", str(err).replace("请确认后再保存", "确定使用这个日期吗？"),
                                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                          QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                raise
            return work(True)


class CategoriesDialog(FormDialog):
    """困难类别 as the office uses them, one per line (a category still in use cannot be removed)."""

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__("困难类别设置", parent)
        self.store = store
        self.intro.setText("每行一个困难类别，按这里的顺序出现在表单和筛选中。仍有档案在用的类别不能删除。")
        self.edit = self.add("category", "困难类别", QPlainTextEdit("\n".join(hardship.categories(store))))
        self.finish()

    def apply(self) -> int:
        values = self.edit.toPlainText().splitlines()
        hardship.set_categories(self.store, values)
        return len(hardship.categories(self.store))


class FileStatusPage(QWidget):
    """The 复核与状态 page of a file: status, reviews, this year's assistance and the actions."""

    changed = Signal()

    def __init__(self, store: Store, file_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.store, self.file_id = store, file_id
        self.dialog: QDialog | None = None
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.review_button = QPushButton("年度复核…")
        self.close_button = QPushButton("脱困 / 撤档…")
        self.reopen_button = QPushButton("恢复在档…")
        self.pay_button = QPushButton("单笔慰问…")
        self.pay_button.setToolTip("不属于慰问活动的一笔慰问，如生病住院慰问")
        buttons = QHBoxLayout()
        for button in (self.review_button, self.close_button, self.reopen_button, self.pay_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.reviews_table = _table(("复核日期", "复核人", "变化", "复核意见"))
        self.paid_label = QLabel()
        self.paid_table = _table(("发放日期", "类别", "慰问活动", "金额", "实物", "状态"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.status_label)
        layout.addLayout(buttons)
        layout.addWidget(QLabel("复核记录："))
        layout.addWidget(self.reviews_table, 1)
        layout.addWidget(self.paid_label)
        layout.addWidget(self.paid_table, 1)
        self.review_button.clicked.connect(lambda: self._open(ReviewDialog(self.store, self.file_id, self)))
        self.close_button.clicked.connect(lambda: self._open(CloseFileDialog(self.store, self.file_id, self)))
        self.reopen_button.clicked.connect(
            lambda: self._open(CloseFileDialog(self.store, self.file_id, self, reopen=True)))
        self.pay_button.clicked.connect(lambda: self._open(
            SinglePaymentDialog(self.store, {"hardship_file_id": self.file_id}, self)))
        self.reload()

    def _open(self, dialog: FormDialog) -> FormDialog:
        self.dialog = dialog
        dialog.done_with.connect(lambda _id: (self.reload(), self.changed.emit()))
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        dialog.open()
        return dialog

    def reload(self) -> None:
        row = get_hardship_file(self.store, self.file_id)
        active = row["status"] == "在档"
        if active:
            due = row["days_to_review"]
            when = f"已逾期 {-due} 天" if due < 0 else f"还有 {due} 天"
            self.status_label.setText(f"状态：在档。下次复核日期 {row['next_review_date']}（{when}）。")
            self.status_label.setStyleSheet("color: #c0392b; font-weight: bold;" if due < 0 else "")
        else:
            self.status_label.setText(f"状态：{row['status']}（{row['status_date']}），原因：{row['status_reason']}")
            self.status_label.setStyleSheet("")
        self.review_button.setEnabled(active)
        self.close_button.setEnabled(active)
        self.reopen_button.setEnabled(not active)
        _fill(self.reviews_table, [(r["review_date"], r["reviewer"], r["changes"], r["notes"]) for r in row["reviews"]])
        seen = person_assistance_this_year(self.store, row["id_number"])
        self.paid_label.setText(f"{seen['year']} 年已获帮扶 {seen['count']} 次，合计 "
                                f"{money_and_goods(seen['amount'], seen['goods_value'])}：")
        _fill(self.paid_table, [(r["paid_date"], r["kind"], r.get("campaign_name") or "（单笔）",
                                 format_money(r["amount"]), r["goods"], r["status"]) for r in seen["rows"]])


def _table(headers: tuple[str, ...]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(list(headers))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.horizontalHeader().setStretchLastSection(True)
    table.verticalHeader().setVisible(False)
    return table


def _fill(table: QTableWidget, rows: list[tuple]) -> None:
    table.setRowCount(len(rows))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            item = QTableWidgetItem(str(value or ""))
            if c == 3 and table.columnCount() == 6:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(r, c, item)
