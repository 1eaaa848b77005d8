"""The editable list of a campaign's recipients (or of single payments), in sheet order.

Amount, goods, goods value and remarks are edited in place; each edit goes straight to core
(``update_assistance``), which refuses locked rows — the model also makes them read-only and
grey, so the clerk sees at once which rows are on signed paper.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from ...core.assistance import records as assistance
from ...core.errors import UserError, ValueFormatError
from ...core.values.money import format_money

LOCKED_COLOUR = QColor("#ececec")
CORRECTION_COLOUR = QColor("#fdebd0")
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
CENTER = Qt.AlignmentFlag.AlignCenter


def money_or_blank(fen: int) -> str:
    return format_money(fen) if fen else ""


def state_text(row: dict[str, Any]) -> str:
    if row["locked"]:
        return f"已锁定·{row['status']}"
    return row["status"]


@dataclass(frozen=True)
class Col:
    key: str
    title: str
    text: Callable[[dict[str, Any]], str]
    width: int
    align: Qt.AlignmentFlag = LEFT
    edit: str | None = None  # the core field this column edits


COLUMNS = (
    Col("seq", "序号", lambda r: str(r.get("seq") or ""), 40, CENTER),
    Col("name", "姓名", lambda r: r["name"], 62),
    Col("id_number", "身份证号", lambda r: r["id_number_masked"], 140),
    Col("org", "工作单位", lambda r: r["org_name"], 160),
    Col("category", "困难类别", lambda r: r["category"], 66, CENTER),
    Col("amount", "金额（元）", lambda r: format_money(r["amount"]), 82, RIGHT, "amount"),
    Col("goods", "实物", lambda r: r["goods"], 80, LEFT, "goods"),
    Col("goods_value", "实物折合", lambda r: money_or_blank(r["goods_value"]), 70, RIGHT, "goods_value"),
    Col("state", "状态", state_text, 90, CENTER),
    Col("remark", "备注", lambda r: r.get("remark") or r["notes"], 170, LEFT, "notes"),
)


class RecipientsModel(QAbstractTableModel):
    edit_failed = Signal(str)  # core's message when an edit is refused
    edited = Signal(int)  # the assistance id changed

    def __init__(self, store, parent=None):
        super().__init__(parent)
        self.store = store
        self.rows: list[dict[str, Any]] = []

    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def row_dict(self, row: int) -> dict[str, Any] | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def row_of(self, assistance_id: int) -> int:
        return next((i for i, r in enumerate(self.rows) if r["id"] == assistance_id), -1)

    def column_of(self, key: str) -> int:
        return next(i for i, c in enumerate(COLUMNS) if c.key == key)

    # ------------------------------------------------------------------ Qt API
    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section].title
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, col = self.rows[index.row()], COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return col.text(row)
        if role == Qt.ItemDataRole.EditRole:
            if col.key in ("amount", "goods_value"):
                return format_money(row[col.key]).replace(",", "")
            return row["notes"] if col.key == "remark" else col.text(row)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(col.align)
        if role == Qt.ItemDataRole.BackgroundRole:
            if row["is_correction"]:
                return QBrush(CORRECTION_COLOUR)
            return QBrush(LOCKED_COLOUR) if row["locked"] else None
        if role == Qt.ItemDataRole.ToolTipRole:
            if row["locked"]:
                return "已打印交签领，已锁定：不能修改或删除；如有错误请点“更正/冲正…”"
            return "双击金额、实物或备注可直接修改" if col.edit else None
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.is_editable(index.row(), index.column()):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def is_editable(self, row: int, column: int) -> bool:
        record = self.rows[row]
        return bool(COLUMNS[column].edit) and not record["locked"] and not record["is_correction"]

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or not self.is_editable(index.row(), index.column()):
            return False
        record = self.rows[index.row()]
        field = COLUMNS[index.column()].edit
        changes = {field: value}
        if field == "goods_value":  # core checks goods text and value together within one change
            changes["goods"] = record["goods"]
        try:
            assistance.update_assistance(self.store, record["id"], changes)
        except (UserError, ValueFormatError) as err:
            self.edit_failed.emit(str(err))
            return False
        self.edited.emit(record["id"])
        return True
