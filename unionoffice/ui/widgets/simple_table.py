"""A plain read-only list for the short registers (荣誉, 服务卡, 捐款): rows of dicts shown in the
given columns, selection by record id. Registers of a few thousand rows need no lazy model."""

from __future__ import annotations

from typing import Any, Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QTableWidget, QTableWidgetItem

ColumnSpec = tuple[str, Callable[[dict[str, Any]], Any], int]  # title, text of a row, width


class SimpleTable(QTableWidget):
    def __init__(self, columns: Sequence[ColumnSpec], object_name: str):
        super().__init__(0, len(columns))
        self.columns = list(columns)
        self.ids: list[int] = []
        self.setObjectName(object_name)
        self.setHorizontalHeaderLabels([c[0] for c in columns])
        for i, (_t, _f, width) in enumerate(columns):
            self.setColumnWidth(i, width)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().setDefaultSectionSize(24)
        self.horizontalHeader().setStretchLastSection(True)

    def set_rows(self, rows: Sequence[dict[str, Any]]) -> None:
        self.setRowCount(0)
        self.setRowCount(len(rows))
        self.ids = [r["id"] for r in rows]
        for r, row in enumerate(rows):
            for c, (_t, text, _w) in enumerate(self.columns):
                value = text(row)
                item = QTableWidgetItem("" if value is None else str(value))
                if isinstance(value, int):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.setItem(r, c, item)

    def selected_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.selectionModel().selectedRows()})
        return [self.ids[r] for r in rows if r < len(self.ids)]

    def cell_text(self, row: int, column: int) -> str:
        item = self.item(row, column)
        return item.text() if item else ""
