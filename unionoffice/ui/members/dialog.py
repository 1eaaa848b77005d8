"""The member record (会员): add or edit one member, and on an existing one its membership life.

Typing a 身份证号 fills 出生日期 and 性别 at once and says beside the field what is wrong with it;
an ID that is already on the roll offers to open that member instead of adding a second one.
The full ID of an existing member is shown only after 显示 (DESIGN §10).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...core.orgs.lifecycle import former_name_choices
from ...core.values import dates
from ...core.members import records as members
from ...core.orgs import records as orgs
from ...core.errors import UserError, ValueFormatError
from ...core.values.ids import id_birth_date, id_gender, mask_id_number, normalize_id_number
from ...core.values.phones import mask_phone
from ...core.store.connection import Store
from ..widgets.form_helpers import (
    FieldMessages,
    fill_org_combo,
    org_combo_value,
    read_date,
    set_combo_by_data,
    setup_date_edit,
)
from .history import MemberHistory, status_text

ETHNICITIES = ("汉族", "壮族", "回族", "满族", "维吾尔族", "苗族", "彝族", "土家族", "藏族", "蒙古族", "侗族", "瑶族", "白族",
               "朝鲜族", "其他")
POLITICS = ("中共党员", "中共预备党员", "共青团员", "民主党派", "群众")
EDUCATION = ("研究生", "大学本科", "大学专科", "中专/技校", "高中", "初中", "小学及以下")
TEXT_FIELDS = ("name", "phone", "member_no")
COMBO_TEXT_FIELDS = ("ethnicity", "politics", "education")
CHOICE_FIELDS = ("model_worker", "hukou")
FLAG_FIELDS = ("is_migrant", "is_retired")


class MemberDialog(QDialog):
    """Open with ``.open()`` (window-modal, non-blocking); listen to ``saved``/``open_existing``."""

    saved = Signal(int)  # the member's id, after a save or a membership change
    open_existing = Signal(int)  # the clerk chose to open the member who already has this ID

    def __init__(self, store: Store, member_id: int | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.member_id = member_id
        self.original: dict[str, Any] = members.get_member(store, member_id) if member_id else {}
        self.id_revealed = member_id is None
        self.phone_changed = False  # a new phone typed over the masked one (before 显示)
        self.duplicate: dict[str, Any] | None = None
        self.setWindowTitle(f"会员：{self.original['name']}" if member_id else "新增会员")
        self.resize(820, 600)
        self._build()
        self._load()
        self._typed_personal = False  # the ID or the phone edited by hand (not shown by 显示)
        self.id_edit.textEdited.connect(self._personal_typed)
        self.phone_edit.textEdited.connect(self._personal_typed)
        self._loaded = self._form_state()
        QShortcut(QKeySequence("Ctrl+S"), self, activated=self.save)

    # -------------------------------------------------------------------- layout
    def _build(self) -> None:
        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_form(), "基本信息")
        self.history: MemberHistory | None = None
        if self.member_id:
            self.history = MemberHistory(self.store, self.member_id)
            self.history.changed.connect(self._on_membership_changed)
            self.tabs.addTab(self.history, "会籍与历史")
            from ..honours.member_page import MemberHonoursPage  # the honours area's page on the person

            self.tabs.addTab(MemberHonoursPage(self.store, self.member_id), "荣誉与服务卡")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText("保存 (Ctrl+S)")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消" if not self.member_id else "关闭")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.messages_general)
        layout.addWidget(self.buttons)

    def _build_form(self) -> QWidget:
        page = QWidget()
        self.grid = QGridLayout(page)
        self.grid.setColumnStretch(2, 1)
        self.edits: dict[str, QWidget] = {}
        errors: dict[str, QLabel] = {}
        self._row = 0

        def add(field: str, label: str, widget: QWidget, extra: QWidget | None = None) -> None:
            self.edits[field] = widget
            errors[field] = QLabel()
            holder: QWidget = widget
            if extra is not None:
                holder = QWidget()
                box = QHBoxLayout(holder)
                box.setContentsMargins(0, 0, 0, 0)
                box.addWidget(widget, 1)
                box.addWidget(extra)
            self.grid.addWidget(QLabel(label), self._row, 0)
            self.grid.addWidget(holder, self._row, 1)
            self.grid.addWidget(errors[field], self._row, 2)
            self._row += 1

        self.name_edit = QLineEdit()
        add("name", "姓名：", self.name_edit)
        self.id_edit = QLineEdit()
        self.id_edit.setPlaceholderText("18 位身份证号，输入后自动填写出生日期和性别")
        self.id_edit.setMaxLength(24)
        self.reveal_button = QPushButton("显示")
        self.reveal_button.setToolTip("显示完整的身份证号和手机号（平时只显示部分数字）")
        self.reveal_button.clicked.connect(self.reveal_id)
        self.reveal_button.setVisible(bool(self.member_id))
        add("id_number", "身份证号：", self.id_edit, self.reveal_button)
        self.open_existing_button = QPushButton("打开已有会员")
        self.open_existing_button.setVisible(False)
        self.open_existing_button.clicked.connect(self._open_duplicate)
        self.grid.addWidget(self.open_existing_button, self._row - 1, 3)
        self.birth_label = QLabel("（由身份证号自动得出）")
        add("birth_date", "出生日期：", self.birth_label)
        self.gender_label = QLabel()
        self.gender_label.setToolTip("由身份证号第 17 位自动得出")
        add("gender", "性别：", self.gender_label)
        for field, label, choices in (("ethnicity", "民族：", ETHNICITIES), ("politics", "政治面貌：", POLITICS),
                                      ("education", "学历：", EDUCATION)):
            combo = QComboBox()
            combo.setEditable(True)
            combo.addItems(["", *choices])
            add(field, label, combo)
        self.phone_edit = QLineEdit()
        self.phone_edit.setPlaceholderText("手机号或座机（区号-号码）")
        add("phone", "手机：", self.phone_edit)
        self.org_combo = QComboBox()
        self.org_combo.setMinimumWidth(300)
        add("org_id", "所在单位：", self.org_combo)
        self.joined_edit = QLineEdit()
        setup_date_edit(self.joined_edit)
        add("joined_date", "入会日期：", self.joined_edit)
        add("member_no", "会员证号：", QLineEdit())
        self.status_label = QLabel()
        add("status", "会籍状态：", self.status_label)
        flags = QWidget()
        box = QHBoxLayout(flags)
        box.setContentsMargins(0, 0, 0, 0)
        self.migrant_check = QCheckBox("农民工")
        self.retired_check = QCheckBox("退休（保留会籍）")
        box.addWidget(self.migrant_check)
        box.addWidget(self.retired_check)
        box.addStretch(1)
        self.edits["is_migrant"], self.edits["is_retired"] = self.migrant_check, self.retired_check
        self.grid.addWidget(QLabel("身份："), self._row, 0)
        self.grid.addWidget(flags, self._row, 1)
        self._row += 1
        model = QComboBox()
        model.addItem("否", "")
        for level in members.MODEL_WORKER_LEVELS:
            model.addItem(f"{level}劳模", level)
        model.setToolTip("劳模级别来自「评先评优」登记（取最高一级）；在此选择级别会登记一项劳模荣誉，\n"
                         "在此改为“否”不会删除登记，撤销请到「评先评优」中删除该荣誉")
        add("model_worker", "劳模：", model)
        hukou = QComboBox()
        hukou.addItem("", "")
        for value in members.HUKOU:
            hukou.addItem(value, value)
        add("hukou", "户籍：", hukou)
        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setFixedHeight(max(60, self.notes_edit.minimumSizeHint().height()))  # never below its hint
        add("notes", "备注：", self.notes_edit)
        self.grid.setRowStretch(self._row, 1)
        self.messages_general = QLabel()
        self.messages = FieldMessages(errors, self.messages_general)
        self.id_edit.textChanged.connect(self.check_id)
        return page

    # ------------------------------------------------------------------- loading
    def _load(self) -> None:
        m = self.original
        fill_org_combo(self.org_combo, orgs.org_choices(self.store), "（未填写）", m.get("org_id"),
                       former=former_name_choices(self.store))
        self.status_label.setText(status_text(m).split("    ")[0] if m else "正常（新会员）")
        if not m:
            return
        self.name_edit.setText(m["name"])
        self.id_edit.setText(mask_id_number(m.get("id_number")))
        self.id_edit.setReadOnly(True)
        # personal data: in full only after 显示; a new number may be typed over the masked one
        self.phone_edit.setText(mask_phone(m.get("phone")))
        self.phone_edit.setToolTip("平时只显示部分数字。直接输入新号码即可替换；点“显示”可查看、修改完整号码")
        self.phone_edit.textEdited.connect(self._phone_typed)
        self.phone_edit.installEventFilter(self)
        self.edits["member_no"].setText(m.get("member_no") or "")
        for field in COMBO_TEXT_FIELDS:
            self.edits[field].setCurrentText(m.get(field) or "")
        for field in CHOICE_FIELDS:
            set_combo_by_data(self.edits[field], m.get(field) or "")
        self.migrant_check.setChecked(bool(m.get("is_migrant")))
        self.retired_check.setChecked(bool(m.get("is_retired")))
        self.joined_edit.setText(m.get("joined_date") or "")
        self.notes_edit.setPlainText(m.get("notes") or "")
        self._show_derived(m.get("birth_date"), m.get("gender") or "")
        self.org_combo.setEnabled(False)
        self.org_combo.setToolTip("更换单位请在「会籍与历史」页办理转入/转出，以便留下记录")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        """Entering the masked phone selects it all, so that typing replaces it rather than
        editing around the ****."""
        if watched is self.phone_edit and event.type() == QEvent.Type.FocusIn and self._phone_masked():
            QTimer.singleShot(0, self.phone_edit.selectAll)
        return super().eventFilter(watched, event)

    def _phone_masked(self) -> bool:
        return bool(self.member_id) and not self.id_revealed and not self.phone_changed

    def _phone_typed(self) -> None:
        if not self.id_revealed:
            self.phone_changed = True

    def reveal_id(self) -> None:
        """Show the full ID (and allow correcting it); the list keeps showing it masked."""
        if self.id_revealed:
            return
        self.id_revealed = True
        self.id_edit.setReadOnly(False)
        self.id_edit.setText(self.original.get("id_number") or "")
        self.phone_edit.setReadOnly(False)
        self.phone_edit.setText(self.original.get("phone") or "")
        self.reveal_button.setEnabled(False)

    # ----------------------------------------------------------- the live ID check
    def check_id(self) -> None:
        """Derive birth date and gender, or say what is wrong, as the clerk types."""
        if not self.id_revealed:
            return
        self.messages.clear("id_number")
        self._set_duplicate(None)
        text = "".join(self.id_edit.text().split())
        if not text:
            self._show_derived(None, "")
            return
        if len(text) < 18 and len(text) != 15:
            self._show_typing(text)
            return
        try:
            id18 = normalize_id_number(text)
        except ValueFormatError as err:
            if len(text) == 15:  # most likely 15 of 18 digits typed so far, not an old 15-digit ID
                self._show_typing(text)
            else:
                self._show_derived(None, "")
                self.messages.show("id_number", str(err))
            return
        self._show_derived(id_birth_date(id18), id_gender(id18))
        existing = members.find_by_id_number(self.store, id18)
        if existing and existing["id"] != self.member_id:
            self._set_duplicate(existing)

    def _show_typing(self, text: str) -> None:
        self._show_derived(None, "")
        self.messages.show("id_number", f"已输入 {len(text)} 位，身份证号共 18 位", hint=True)

    def _show_derived(self, birth: Any, gender: str) -> None:
        self.birth_label.setText(dates.format_date_cn(birth) if birth else "（由身份证号自动得出）")
        self.gender_label.setText(gender or "（由身份证号自动得出）")

    def _set_duplicate(self, existing: dict[str, Any] | None) -> None:
        self.duplicate = existing
        self.open_existing_button.setVisible(existing is not None)
        if existing:
            self.messages.show("id_number", duplicate_text(existing))

    def _open_duplicate(self) -> None:
        if self.duplicate:
            self._hand_over(self.duplicate)

    def _hand_over(self, existing: dict[str, Any]) -> None:
        """Close this form and let the tab open the member who has this ID."""
        if existing.get("deleted_at"):
            members.restore_members(self.store, [existing["id"]])
        self.handed_over = True  # the clerk chose the existing member: nothing here to keep
        self.open_existing.emit(existing["id"])
        self.reject()

    # -------------------------------------------------------------------- saving
    def values(self) -> dict[str, Any]:
        """What the form holds, as core field values (dates read; errors name the field)."""
        out: dict[str, Any] = {"name": self.name_edit.text(), "member_no": self.edits["member_no"].text()}
        if self.id_revealed:  # masked values are never written back
            out["id_number"] = self.id_edit.text()
            out["phone"] = self.phone_edit.text()
        elif self.phone_changed:  # a new number typed over the masked one
            if "*" in self.phone_edit.text():
                raise ValueFormatError("手机号里还有 * 号：要换号码请把整个号码重新输入，或先点“显示”再修改", field="phone")
            out["phone"] = self.phone_edit.text()
        for field in COMBO_TEXT_FIELDS:
            out[field] = self.edits[field].currentText()
        for field in CHOICE_FIELDS:
            out[field] = self.edits[field].currentData()
        out["is_migrant"] = int(self.migrant_check.isChecked())
        out["is_retired"] = int(self.retired_check.isChecked())
        out["joined_date"] = read_date(self.joined_edit, "joined_date", "入会日期")
        out["notes"] = self.notes_edit.toPlainText()
        if not self.member_id:
            out["org_id"] = org_combo_value(self.org_combo)
        return out

    def _typed_anything(self) -> bool:
        texts = (self.name_edit.text(), self.id_edit.text(), self.phone_edit.text(),
                 self.edits["member_no"].text(), self.notes_edit.toPlainText())
        return any(t.strip() for t in texts)

    def _personal_typed(self) -> None:
        self._typed_personal = True

    def _form_state(self) -> tuple:
        """What the clerk can change on 基本信息, to tell an edit she hasn't saved (the ID and
        phone by ``_typed_personal``: 显示 changes their text without any edit)."""
        return (self.name_edit.text(), self.edits["member_no"].text(), self.joined_edit.text(),
                self.notes_edit.toPlainText(), self.migrant_check.isChecked(), self.retired_check.isChecked(),
                *(self.edits[f].currentText() for f in COMBO_TEXT_FIELDS),
                *(self.edits[f].currentIndex() for f in CHOICE_FIELDS), self.org_combo.currentIndex())

    def _unsaved(self) -> bool:
        if getattr(self, "handed_over", False):
            return False
        if not self.member_id:
            return self._typed_anything()
        return self._typed_personal or self._form_state() != self._loaded

    def reject(self) -> None:
        """取消/关闭 or Esc on a form with changes not saved asks before throwing them away."""
        if self._unsaved():
            title, text = (("放弃新增会员", "填写的内容还没有保存，确定放弃吗？") if not self.member_id
                           else ("放弃修改", "对这位会员的修改还没有保存，确定关闭吗？"))
            answer = QMessageBox.question(self, title, text,
                                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                          QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                return
        super().reject()

    def save(self) -> bool:
        """Save the form; problems are shown beside their fields. True when saved."""
        self.messages.clear()
        self.check_id()  # the ID's own problem stays beside it whatever else core reports
        try:
            data = self.values()
            if self.member_id:
                member_id = self._update(data)
            else:
                member_id = self._create(data)
        except UserError as err:
            self.messages.show_error(err)
            return False
        if member_id is None:
            return False
        self.member_id = member_id
        self.saved.emit(member_id)
        self.accept()
        return True

    def _create(self, data: dict[str, Any]) -> int | None:
        existing = members.find_by_id_number(self.store, data.get("id_number"))
        if existing:
            if self._ask_open_existing(existing):
                self._hand_over(existing)
            else:
                self.messages.show("id_number", duplicate_text(existing))
            return None
        return members.create_member(self.store, data)

    def _ask_open_existing(self, existing: dict[str, Any]) -> bool:
        where = "它在回收站中，打开前会先恢复。" if existing.get("deleted_at") else ""
        answer = QMessageBox.question(
            self, "会员已存在",
            f"身份证号 {mask_id_number(existing['id_number'])} 已是会员“{existing['name']}”"
            f"（{existing.get('org_name') or '未填单位'}）。{where}\n\n是否打开这名会员的记录，而不是重复新增？",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes)
        return answer == QMessageBox.StandardButton.Yes

    def _update(self, data: dict[str, Any]) -> int:
        before = self.original
        changes = {}
        for key, value in members.validate_member(data).items():
            if key in ("name_pinyin", "name_initials"):
                continue
            old = before.get(key)
            if (old or None) != (value or None):
                changes[key] = value
        if "name" in changes:
            changes["name"] = data["name"]
        if changes:
            members.update_member(self.store, self.member_id, changes)
        return self.member_id

    def _on_membership_changed(self) -> None:
        self.original = members.get_member(self.store, self.member_id) or self.original
        self.status_label.setText(status_text(self.original).split("    ")[0])
        self.saved.emit(self.member_id)

    def error_text(self, field: str | None) -> str:
        """The message shown beside ``field`` (tests)."""
        return self.messages.text(field)


def duplicate_text(existing: dict[str, Any]) -> str:
    where = "，在回收站中" if existing.get("deleted_at") else ""
    org = existing.get("org_name") or "未填单位"
    return f"该身份证号已是会员“{existing['name']}”（{org}{where}），不能重复新增"
