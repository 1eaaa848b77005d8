"""The membership life of one member, on its record: 转入/转出, 保留/退会/开除/去世/恢复正常, and
the history of everything that happened to the record (membership events plus field changes
from the audit trail)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core.orgs.lifecycle import former_name_choices
from ...core.store import audit
from ...core.values import dates
from ...core.members import records as members
from ...core.orgs import records as orgs
from ...core.errors import UserError, ValueFormatError
from ...core.values.ids import mask_id_number
from ...core.store.connection import Store
from ..widgets.form_helpers import FieldMessages, fill_org_combo, org_combo_value, read_date, setup_date_edit

# (what the clerk picks, the new status or None for a transfer within the street)
ACTIONS: tuple[tuple[str, str | None], ...] = (
    ("转到本街道其他单位（转入/转出）", None),
    ("保留会籍", "保留"),
    ("转出（调离本街道）", "转出"),
    ("退会", "退会"),
    ("开除", "开除"),
    ("去世", "去世"),
    ("恢复正常", "正常"),
)
FIELD_LABELS = {f.name: f.label for f in members.MEMBER_FIELDS}
# Shown through membership events already; the audit rows for them would only repeat it.
EVENT_FIELDS = {"org_id", "status", "status_date", "status_reason"}
HISTORY_HEADERS = ("日期", "事项", "内容", "操作人")


class MemberHistory(QWidget):
    """The 会籍与历史 page of the member dialog. Actions take effect at once."""

    changed = Signal()

    def __init__(self, store: Store, member_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.member_id = member_id
        self.status_label = QLabel()
        self._build_actions()
        self.table = self._make_table()
        layout = QVBoxLayout(self)
        layout.addWidget(self.status_label)
        layout.addWidget(self.action_box)
        layout.addWidget(QLabel("会籍历史与修改记录："))
        layout.addWidget(self.table, 1)
        self.reload()

    # ---------------------------------------------------------------- the form
    def _build_actions(self) -> None:
        self.action_box = QGroupBox("办理会籍变动（办理后立即生效，并记入历史）")
        self.action_combo = QComboBox()
        for text, status in ACTIONS:
            self.action_combo.addItem(text, status)
        self.org_combo = QComboBox()
        self.org_combo.setMinimumWidth(280)
        self.date_edit = QLineEdit(dates.today().isoformat())
        setup_date_edit(self.date_edit)
        self.reason_edit = QLineEdit()
        self.reason_edit.setPlaceholderText("原因（退会、开除、去世必填）")
        self.apply_button = QPushButton("办理")
        self.apply_button.clicked.connect(self.apply)
        errors = {name: QLabel() for name in ("org_id", "event_date", "status_reason")}
        self.messages = FieldMessages({**errors, "status_date": errors["event_date"], "date": errors["event_date"]},
                                      QLabel())
        grid = QGridLayout(self.action_box)
        rows = (("变动事项：", self.action_combo, self.messages.general),
                ("转入单位：", self.org_combo, errors["org_id"]),
                ("日期：", self.date_edit, errors["event_date"]),
                ("原因：", self.reason_edit, errors["status_reason"]))
        for row, (label, widget, error) in enumerate(rows):
            grid.addWidget(QLabel(label), row, 0)
            grid.addWidget(widget, row, 1)
            grid.addWidget(error, row, 2)
        grid.addWidget(self.apply_button, len(rows), 1)
        grid.setColumnStretch(2, 1)
        self.org_label = grid.itemAtPosition(1, 0).widget()
        self.action_combo.currentIndexChanged.connect(self._on_action_changed)

    def _on_action_changed(self) -> None:
        transfer = self.action_combo.currentData() is None
        self.org_combo.setEnabled(transfer)
        self.org_label.setEnabled(transfer)
        self.messages.clear()

    def select_action(self, status: str | None) -> None:
        """Pick the action by its target status (None: transfer)."""
        for index in range(self.action_combo.count()):
            if self.action_combo.itemData(index) == status:
                self.action_combo.setCurrentIndex(index)
                return

    def apply(self) -> bool:
        """Carry out the chosen change; messages appear beside the fields. True when done."""
        self.messages.clear()
        status = self.action_combo.currentData()
        reason = self.reason_edit.text().strip()
        try:
            day = read_date(self.date_edit, "event_date", "日期")
            if day is None:
                raise ValueFormatError("请填写日期", field="event_date")
            if status is None:
                to_org = org_combo_value(self.org_combo, label="转入单位")
                if to_org is None:
                    raise ValueFormatError("请选择转入的单位", field="org_id")
                members.transfer_member(self.store, self.member_id, to_org, day, reason)
            else:
                members.change_status(self.store, self.member_id, status, day, reason)
        except UserError as err:
            self.messages.show_error(err)
            return False
        self.reason_edit.clear()
        self.reload()
        self.changed.emit()
        return True

    # -------------------------------------------------------------- the history
    def _make_table(self) -> QTableWidget:
        table = QTableWidget(0, len(HISTORY_HEADERS))
        table.setHorizontalHeaderLabels(HISTORY_HEADERS)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.verticalHeader().setVisible(False)
        table.setWordWrap(True)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        return table

    def reload(self) -> None:
        member = members.get_member(self.store, self.member_id) or {}
        self.status_label.setText(status_text(member))
        fill_org_combo(self.org_combo, [c for c in orgs.org_choices(self.store) if c[0] != member.get("org_id")],
                       "（请选择转入单位）", former=former_name_choices(self.store))
        entries = history_entries(self.store, self.member_id)
        self.table.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            for col, key in enumerate(("date", "what", "detail", "user")):
                self.table.setItem(row, col, QTableWidgetItem(entry[key]))
        self.table.resizeRowsToContents()

    def history_texts(self) -> list[str]:
        """Each history row as one line (tests; copy-paste)."""
        return [" ".join(self.table.item(r, c).text() for c in range(self.table.columnCount()))
                for r in range(self.table.rowCount())]


def status_text(member: dict[str, Any]) -> str:
    status = member.get("status") or "正常"
    text = f"当前会籍状态：{status}"
    if member.get("status_date") and status != "正常":
        text += f"（{dates.format_date_cn(member['status_date'])}"
        text += f"，{member['status_reason']}）" if member.get("status_reason") else "）"
    if member.get("org_name"):
        text += f"    所在单位：{member['org_name']}"
    return text


# ----------------------------------------------------------- merging the two sources
def history_entries(store: Store, member_id: int) -> list[dict[str, str]]:
    """Membership events and field changes of one member, oldest first."""
    entries = [_event_entry(e) for e in members.member_events(store, member_id)]
    org_names = dict(orgs.org_choices(store))
    for row in audit.history(store.conn, "members", member_id):
        entry = _audit_entry(row, org_names)
        if entry is not None:
            entries.append(entry)
    entries.sort(key=lambda e: e["sort"])
    return entries


def _event_entry(event: dict[str, Any]) -> dict[str, str]:
    kind = event["kind"]
    if kind == "转入":
        detail = f"从“{event['from_org'] or '（无单位）'}”转到“{event['to_org'] or '（无单位）'}”"
        what = "转入/转出"
    elif kind == "入会":
        detail = f"加入“{event['to_org']}”" if event.get("to_org") else "入会"
        what = "入会"
    else:
        detail = f"{event.get('old_status') or ''} → {event.get('new_status') or ''}"
        what = f"会籍变为{event.get('new_status')}" if event.get("new_status") else kind
    if event.get("reason"):
        detail += f"；原因：{event['reason']}"
    return {"date": event["event_date"], "what": what, "detail": detail, "user": "",
            "sort": f"{event['event_date']} 1 {event['created_at']}"}


def _audit_entry(row: dict[str, Any], org_names: dict[int, str]) -> dict[str, str] | None:
    if row["action"] == "insert":
        detail = "录入本系统"
    elif row["action"] == "update":
        changes = {k: v for k, v in audit.changed_fields(row).items()
                   if k not in EVENT_FIELDS and k in FIELD_LABELS}
        if not changes:
            return None
        detail = "；".join(f"{FIELD_LABELS[k]}：{_shown(k, old, org_names)} → {_shown(k, new, org_names)}"
                          for k, (old, new) in changes.items())
    else:
        detail = ""
    return {"date": row["at"][:10], "what": row["action_label"], "detail": detail, "user": row["user"],
            "sort": f"{row['at'][:10]} 2 {row['at']}"}


def _shown(field: str, value: Any, org_names: dict[int, str]) -> str:
    if value in (None, ""):
        return "（空）"
    if field == "id_number":
        return mask_id_number(str(value))
    if field == "org_id":
        return org_names.get(value, str(value))
    if field in ("is_migrant", "is_retired"):
        return "是" if value else "否"
    return str(value)
