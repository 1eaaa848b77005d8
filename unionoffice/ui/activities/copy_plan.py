"""生成下一年计划: a preview of the copies, source year named, every new date editable.

Each row shows the activity, its date in the source year, the proposed date (a lunar festival's
date in the new year, else the same weekday) and why, and what the clerk should know about the
date: a day the office is closed, a year whose holidays are not published yet, a date already past.
Nothing is written until 生成计划.
"""

from __future__ import annotations

import datetime

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core.activities import festivals, plan as activity_plan
from ...core.errors import UserError
from ...core.store.connection import Store
from ...core.values import dates
from ..widgets import errors

COLUMNS = ("复制", "活动", "原日期", "新日期（可改）", "依据", "提示")


def _qdate(day: datetime.date) -> QDate:
    return QDate(day.year, day.month, day.day)


class CopyPlanDialog(QDialog):
    """Open with ``.open()``; ``copied(result, to_year)`` fires after the copies were made."""

    copied = Signal(object, int)

    def __init__(self, store: Store, source_year: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.proposals: list[activity_plan.Proposal] = []
        self.setWindowTitle("生成下一年计划")
        self.resize(960, 520)
        self.year_spin = QSpinBox()
        self.year_spin.setRange(dates.MIN_YEAR, dates.MAX_YEAR - 1)
        self.year_spin.setValue(source_year)
        self.year_spin.setSuffix(" 年")
        self.target_label = QLabel()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(len(COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("生成计划")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        self.buttons.accepted.connect(self.copy)
        self.buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(QLabel("复制哪一年的“每年举办”活动："))
        top.addWidget(self.year_spin)
        top.addWidget(self.target_label, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        self.year_spin.valueChanged.connect(lambda _v: self.load())
        self.load()

    @property
    def source_year(self) -> int:
        return self.year_spin.value()

    @property
    def target_year(self) -> int:
        return self.source_year + 1

    def load(self) -> None:
        self.target_label.setText(f" → 生成 {self.target_year} 年的计划")
        self.proposals = activity_plan.plan_copy(self.store, self.source_year, self.target_year)
        self.table.setRowCount(len(self.proposals))
        for row, p in enumerate(self.proposals):
            self._fill_row(row, p)
        self.table.resizeColumnsToContents()
        fresh = sum(not p.already_copied for p in self.proposals)
        if not self.proposals:
            self.summary.setText(f"{self.source_year} 年没有标为“每年举办”的活动。请在活动中勾选“每年举办”后再生成。")
        else:
            self.summary.setText(
                f"把 {self.source_year} 年标为“每年举办”的 {len(self.proposals)} 项活动复制到 {self.target_year} 年"
                f"（{fresh} 项可复制）。与农历节日相关的活动按 {self.target_year} 年的节日日期，其余取同一天附近的同一星期几；"
                "每个新日期都可以修改。复制后状态为“计划”，不带签到名单、人次和经费。"
                + ("" if festivals.holidays_published(self.target_year) else "\n" + festivals.unpublished_note(self.target_year)))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(fresh > 0)

    def _fill_row(self, row: int, p: activity_plan.Proposal) -> None:
        check = QTableWidgetItem("已生成过" if p.already_copied else "")
        check.setFlags(Qt.ItemFlag.ItemIsEnabled | (Qt.ItemFlag.NoItemFlags if p.already_copied
                                                    else Qt.ItemFlag.ItemIsUserCheckable))
        if not p.already_copied:
            check.setCheckState(Qt.CheckState.Checked)
        self.table.setItem(row, 0, check)
        self.table.setItem(row, 1, QTableWidgetItem(p.title))
        weekday = "一二三四五六日"[p.source_start.weekday()]
        self.table.setItem(row, 2, QTableWidgetItem(f"{dates.format_date_cn(p.source_start.isoformat())}（周{weekday}）"))
        edit = QDateEdit(_qdate(p.new_start))
        edit.setLocale(QLocale(QLocale.Language.Chinese, QLocale.Country.China))  # 周六, not Sat
        edit.setDisplayFormat("yyyy-MM-dd ddd")
        edit.setCalendarPopup(True)
        edit.setDateRange(QDate(self.target_year, 1, 1), QDate(self.target_year, 12, 31))
        edit.setEnabled(not p.already_copied)
        edit.dateChanged.connect(lambda _d, r=row: self._show_notes(r))
        self.table.setCellWidget(row, 3, edit)
        self.table.setItem(row, 4, QTableWidgetItem(p.reason))
        self.table.setItem(row, 5, QTableWidgetItem())
        self._show_notes(row)

    def new_date(self, row: int) -> datetime.date:
        return self.table.cellWidget(row, 3).date().toPython()

    def set_new_date(self, row: int, day: datetime.date) -> None:
        self.table.cellWidget(row, 3).setDate(_qdate(day))

    def notes(self, row: int) -> str:
        return self.table.item(row, 5).text()

    def _show_notes(self, row: int) -> None:
        p = self.proposals[row]
        notes = activity_plan.date_notes(self.new_date(row), p.source_start)
        item = self.table.item(row, 5)
        item.setText("；".join(notes))
        item.setForeground(Qt.GlobalColor.darkRed if any("不上班" in n or "已过" in n for n in notes)
                           else Qt.GlobalColor.black)

    def chosen(self) -> dict[int, datetime.date]:
        return {p.source_id: self.new_date(row) for row, p in enumerate(self.proposals)
                if not p.already_copied and self.table.item(row, 0).checkState() == Qt.CheckState.Checked}

    def copy(self) -> activity_plan.CopyResult | None:
        try:
            result = activity_plan.copy_recurring(self.store, self.source_year, self.target_year, self.chosen())
        except UserError as err:
            errors.show_user_error(self, err, "无法生成计划")
            return None
        QMessageBox.information(self, "生成下一年计划", result.message(self.source_year, self.target_year))
        self.copied.emit(result, self.target_year)
        self.accept()
        return result
