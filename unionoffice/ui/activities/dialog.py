"""The activity form: plan or record one activity, with its attendance list and attachments.

Everything on the three pages is saved by one core call in one transaction; a refused value is
shown in red beside its field (the page holding it is brought forward) and nothing is written.
While there is an attendance list, 实际人次 follows it (plus 名单外人数, those who signed the blank
rows) and can't be typed. Return in a field never saves: only 保存 or Ctrl+S (on every page) do;
取消 on a filled-in new activity asks before throwing it away.
"""

from __future__ import annotations

import datetime
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...core.orgs.lifecycle import former_name_choices
from ...core.activities import records as activities
from ...core.activities.festivals import FESTIVAL_NAMES
from ...core.values import dates, money
from ...core.orgs import records as orgs
from ...core.errors import UserError
from ...core.store.connection import Store
from ..widgets import errors
from .attachments import AttachmentsPage
from .attendance_editor import AttendanceEditor
from ..widgets.form_helpers import FieldMessages, fill_org_combo, org_combo_value

PAGE_OF_FIELD = {"attendance": 1, "attachments": 2}
TIME_PLACEHOLDER = "如 09:30，可不填"
TIME_FIELDS = ("start_time", "end_time")


def _qdate(iso: str) -> QDate:
    day = datetime.date.fromisoformat(iso)
    return QDate(day.year, day.month, day.day)


def _iso(edit: QDateEdit) -> str:
    return edit.date().toString("yyyy-MM-dd")


class ActivityDialog(QDialog):
    """Open with ``.open()``; ``saved(id)`` fires after a successful save."""

    saved = Signal(int)

    def __init__(self, store: Store, activity_id: int | None = None, parent: QWidget | None = None, *,
                 day: datetime.date | None = None):
        super().__init__(parent)
        self.store = store
        self.activity_id = activity_id
        self.original: dict[str, Any] = activities.get_activity(store, activity_id) if activity_id else {}
        self.setWindowTitle(f"活动：{self.original['title']}" if activity_id else "新建活动")
        self.resize(900, 640)
        self._build()
        self._load(day or dates.today())
        save_keys = QShortcut(QKeySequence("Ctrl+S"), self, activated=self.save)
        save_keys.setContext(Qt.ShortcutContext.WindowShortcut)  # on every page, whatever has focus
        for button in self.buttons.buttons():  # Return in a search box must not press 保存
            button.setAutoDefault(False)
            button.setDefault(False)
        self._pristine = self.values()
        self.title_edit.setFocus()

    # ------------------------------------------------------------------ layout
    def _build(self) -> None:
        self.tabs = QTabWidget()
        self.attendance = AttendanceEditor(self.store)
        self.attachments = AttachmentsPage(self.store)
        self.general = QLabel()
        self.tabs.addTab(self._build_form(), "基本信息")
        self.tabs.addTab(self.attendance, "签到名单")
        self.tabs.addTab(self.attachments, "附件")
        self.attendance.changed.connect(self._on_attendance_changed)
        self.attachments.changed.connect(lambda n: self.tabs.setTabText(2, f"附件（{n}）" if n else "附件"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText("保存 (Ctrl+S)")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.general)
        layout.addWidget(self.buttons)
        labels = {f: QLabel() for f in ("title", "kind", "status", "start", "end", "location", "organiser",
                                        "partners", "planned_headcount", "headcount", "walk_ins", "cost",
                                        "funding_source", "festival")}
        for field, label in labels.items():
            self.grid.addWidget(label, self._rows[field], 2)
        labels.update(start_date=labels["start"], start_time=labels["start"], end_date=labels["end"],
                      end_time=labels["end"], attendance=self.attendance.message, attachments=self.attachments.message)
        self.messages = FieldMessages(labels, self.general)

    def _build_form(self) -> QWidget:
        page = QWidget()
        self.grid = QGridLayout(page)
        self.grid.setColumnStretch(1, 3)
        self.grid.setColumnStretch(2, 2)
        self._rows: dict[str, int] = {}
        hints = activities.suggestions(self.store)
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText("如：三八妇女节插花沙龙")
        self.kind_combo = QComboBox()
        self.status_combo = QComboBox()
        self.status_combo.addItems(activities.STATUSES)
        self.start_date, self.start_time = self._date_edit(), self._time_edit()
        self.end_date, self.end_time = self._date_edit(), self._time_edit()
        self.start_date.dateChanged.connect(self._start_moved)
        for edit in (self.start_time, self.end_time):
            edit.textChanged.connect(lambda _t: self._recheck_times())
        self._last_start = self.start_date.date()
        self.location_combo = self._editable(hints["location"], "如：街道职工之家")
        self.organiser_combo = self._editable(hints["organiser"] or [self.store.office_name], "")
        self.planned_edit = QLineEdit()
        self.planned_edit.setPlaceholderText("预计参加人次")
        self.headcount_edit = QLineEdit()
        self.headcount_edit.setPlaceholderText("活动后填写")
        self.headcount_note = QLabel()
        self.headcount_note.setStyleSheet("color: #666;")
        self.walk_ins_edit = QLineEdit()
        self.walk_ins_edit.setObjectName("walkInsEdit")
        self.walk_ins_edit.setPlaceholderText("签到表空白行上的名单外参加者人数")
        self.walk_ins_edit.textChanged.connect(lambda _t: self._on_attendance_changed(len(self.attendance.member_ids())))
        self.festival_combo = self._editable(list(FESTIVAL_NAMES), "如 元宵、端午、中秋；生成下一年计划时按节日定日期")
        self.cost_edit = QLineEdit()
        self.cost_edit.setPlaceholderText("元，如 1200.50")
        self.funding_combo = self._editable(list(dict.fromkeys([*activities.FUNDING_SOURCES, *hints["funding_source"]])), "")
        self.recurring_check = QCheckBox("每年举办（“生成下一年计划”时会复制到下一年）")
        self.description_edit = QPlainTextEdit()
        self.description_edit.setPlaceholderText("活动内容、备注")
        for field, label, widget in (
            ("title", "活动名称：", self.title_edit), ("kind", "类别：", self.kind_combo),
            ("status", "状态：", self.status_combo),
            ("start", "开始：", self._pair(self.start_date, self.start_time)),
            ("end", "结束：", self._pair(self.end_date, self.end_time)),
            ("location", "地点：", self.location_combo), ("organiser", "组织者：", self.organiser_combo),
            ("partners", "合作单位：", self._build_partners()),
            ("planned_headcount", "计划人次：", self.planned_edit),
            ("headcount", "实际人次：", self._pair(self.headcount_edit, self.headcount_note)),
            ("walk_ins", "名单外人数：", self.walk_ins_edit),
            ("cost", "经费（元）：", self.cost_edit), ("funding_source", "经费来源：", self.funding_combo),
            ("recurring", "", self.recurring_check), ("festival", "节日：", self.festival_combo),
            ("description", "活动内容：", self.description_edit),
        ):
            row = self.grid.rowCount()
            self._rows[field] = row
            self.grid.addWidget(QLabel(label), row, 0, Qt.AlignmentFlag.AlignTop if field in ("partners", "description")
                                else Qt.AlignmentFlag.AlignVCenter)
            self.grid.addWidget(widget, row, 1)
        return page

    def _build_partners(self) -> QWidget:
        holder = QWidget()
        box = QVBoxLayout(holder)
        box.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.partner_combo = QComboBox()
        fill_org_combo(self.partner_combo, orgs.org_choices(self.store), "", former=former_name_choices(self.store))
        self.partner_add = QPushButton("添加")
        self.partner_remove = QPushButton("移除")
        row.addWidget(self.partner_combo, 1)
        row.addWidget(self.partner_add)
        row.addWidget(self.partner_remove)
        self.partner_list = QListWidget()
        self.partner_list.setMaximumHeight(max(64, self.partner_list.minimumSizeHint().height()))
        box.addLayout(row)
        box.addWidget(self.partner_list)
        self.partner_add.clicked.connect(self.add_partner)
        self.partner_remove.clicked.connect(lambda: [self.partner_list.takeItem(self.partner_list.row(i))
                                                     for i in self.partner_list.selectedItems()])
        return holder

    @staticmethod
    def _date_edit() -> QDateEdit:
        edit = QDateEdit()
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setMinimumWidth(130)
        return edit

    @staticmethod
    def _time_edit() -> QLineEdit:
        edit = QLineEdit()
        edit.setPlaceholderText(TIME_PLACEHOLDER)
        edit.setMaximumWidth(130)
        return edit

    @staticmethod
    def _editable(items: list[str], placeholder: str) -> QComboBox:
        combo = QComboBox()
        combo.setEditable(True)
        combo.addItems([""] + [i for i in items if i])
        combo.lineEdit().setPlaceholderText(placeholder)
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        return combo

    @staticmethod
    def _pair(first: QWidget, second: QWidget) -> QWidget:
        holder = QWidget()
        box = QHBoxLayout(holder)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(first)
        box.addWidget(second, 1)
        return holder

    # ------------------------------------------------------------------- data
    def _load(self, day: datetime.date) -> None:
        a = self.original
        kinds = activities.activity_kinds(self.store)
        if a and a["kind"] not in kinds:
            kinds.append(a["kind"])
        self.kind_combo.addItems(kinds)
        if not a:
            self.start_date.setDate(QDate(day.year, day.month, day.day))
            self.end_date.setDate(self.start_date.date())
            self.organiser_combo.setCurrentText(self.store.office_name)
            self.attachments.set_saved([])
            return
        self.title_edit.setText(a["title"])
        self.kind_combo.setCurrentText(a["kind"])
        self.status_combo.setCurrentText(a["status"])
        self.start_date.setDate(_qdate(a["start_date"]))
        self.end_date.setDate(_qdate(a["end_date"]))
        self.start_time.setText(a["start_time"] or "")
        self.end_time.setText(a["end_time"] or "")
        self.location_combo.setCurrentText(a["location"])
        self.organiser_combo.setCurrentText(a["organiser"])
        for org_id, name in zip(a["partner_ids"], a["partner_names"].split("、") if a["partner_names"] else []):
            self._add_partner_item(org_id, name)
        self.planned_edit.setText("" if a["planned_headcount"] is None else str(a["planned_headcount"]))
        self.headcount_edit.setText("" if a["headcount"] is None else str(a["headcount"]))
        self.walk_ins_edit.setText(str(a["walk_ins"]) if a.get("walk_ins") else "")
        self.festival_combo.setCurrentText(a.get("festival") or "")
        self.cost_edit.setText(money.format_money(a["cost"]).replace(",", "") if a["cost"] else "")
        self.funding_combo.setCurrentText(a["funding_source"])
        self.recurring_check.setChecked(bool(a["recurring"]))
        self.description_edit.setPlainText(a["description"])
        self.attendance.set_members(activities.attendance_of(self.store, a["id"]))
        self.attachments.set_saved(a["attachments"])

    def _start_moved(self, new: QDate) -> None:
        """The end follows the start, keeping the activity's length."""
        length = self._last_start.daysTo(self.end_date.date())
        if length >= 0:
            self.end_date.setDate(new.addDays(length))
        self._last_start = new

    def _recheck_times(self) -> None:
        """A time refused on saving: its message follows the boxes as the clerk corrects them —
        gone once the times read (and the end is not before the start), else saying what is wrong
        now; never a stale “无法识别” under a time already put right."""
        stale = [f for f in TIME_FIELDS if self.messages.showing_for(f)]
        if not stale:
            return
        try:
            activities.check_when(self.values())
            error = None
        except UserError as err:
            error = err
        for field in stale:
            self.messages.clear(field)
        if error is not None and getattr(error, "field", None) in stale:
            self.messages.show_error(error)

    def _on_attendance_changed(self, n: int) -> None:
        self.tabs.setTabText(1, f"签到名单（{n}）" if n else "签到名单")
        self.headcount_edit.setEnabled(n == 0)
        if n:
            walk_ins = self._walk_ins()
            self.headcount_edit.setText(str(n + walk_ins))
            self.headcount_note.setText(f"签到名单 {n} + 名单外 {walk_ins}" if walk_ins else "随签到名单（可加名单外人数）")
        else:
            self.headcount_note.setText("开放式活动直接填写")

    def _walk_ins(self) -> int:
        """The typed 名单外人数 for the live sum; a bad value counts 0 here and is refused on saving."""
        try:
            return activities.parse_headcount(self.walk_ins_edit.text(), "walk_ins") or 0
        except UserError:
            return 0

    def add_partner(self) -> None:
        try:
            org_id = org_combo_value(self.partner_combo, "partners", "合作单位")
        except UserError as err:
            self.messages.show_error(err, "partners")
            return
        self.messages.clear("partners")
        if org_id is None or org_id in self.partner_ids():
            return
        self._add_partner_item(org_id, self.partner_combo.currentText().strip())
        self.partner_combo.setCurrentIndex(0)

    def _add_partner_item(self, org_id: int, name: str) -> None:
        item = QListWidgetItem(name)
        item.setData(Qt.ItemDataRole.UserRole, org_id)
        self.partner_list.addItem(item)

    def partner_ids(self) -> list[int]:
        return [self.partner_list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.partner_list.count())]

    def values(self) -> dict[str, Any]:
        """The form as core expects it; cost stays text (yuan) so core can refuse bad money."""
        return {
            "title": self.title_edit.text(), "kind": self.kind_combo.currentText(),
            "status": self.status_combo.currentText(),
            "start_date": _iso(self.start_date), "start_time": self.start_time.text(),
            "end_date": _iso(self.end_date), "end_time": self.end_time.text(),
            "location": self.location_combo.currentText(), "organiser": self.organiser_combo.currentText(),
            "planned_headcount": self.planned_edit.text(),
            "headcount": self.headcount_edit.text(), "walk_ins": self.walk_ins_edit.text(),
            "cost": self.cost_edit.text(), "festival": self.festival_combo.currentText(),
            "funding_source": self.funding_combo.currentText(),
            "recurring": self.recurring_check.isChecked(), "description": self.description_edit.toPlainText(),
        }

    # ------------------------------------------------------------------- save
    def save(self) -> bool:
        self.messages.clear()
        self.attendance.show_message("")
        self.attachments.show_message("")
        related = {"partner_ids": self.partner_ids(), "attendance": self.attendance.member_ids(),
                   "attachments": list(self.attachments.pending)}
        try:
            if self.activity_id:
                activities.update_activity(self.store, self.activity_id, self.values(),
                                           removed_attachments=self.attachments.removed, **related)
            else:
                self.activity_id = activities.create_activity(self.store, self.values(), **related)
        except UserError as err:
            self.show_error(err)
            return False
        except Exception as exc:  # noqa: BLE001 - logged and reported; the form stays open
            errors.report_exception(exc, self, "保存活动")
            return False
        self.saved.emit(self.activity_id)
        self.accept()
        return True

    # ------------------------------------------------------------ keys, closing
    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        """Return/Enter in a field (the member search above all) does not save or close the form."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
            event.accept()
            return
        super().keyPressEvent(event)

    def is_dirty(self) -> bool:
        return (self.values() != self._pristine or bool(self.attendance.member_ids()) or bool(self.partner_ids())
                or bool(self.attachments.pending))

    def reject(self) -> None:
        """取消 (or Esc) on a new activity that has been filled in asks before discarding it."""
        if self.activity_id is None and self.is_dirty():
            answer = QMessageBox.question(self, "放弃新建活动", "填写的内容还没有保存，确定放弃吗？",
                                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                          QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                return
        super().reject()

    def show_error(self, err: UserError) -> None:
        field = getattr(err, "field", None)
        self.messages.show_error(err)
        self.tabs.setCurrentIndex(PAGE_OF_FIELD.get(field or "", 0))

    def error_text(self, field: str | None) -> str:
        return self.messages.text(field)

