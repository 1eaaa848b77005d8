"""The 附件 page of the activity dialog: photos and scanned sign-in sheets.

Files picked here are checked at once (missing, empty, over 50 MB → a message beside the list)
but copied into the attachment folder only when the dialog saves; removals also wait for the
save, so 取消 changes nothing.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any, Sequence

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core.activities import files as activity_files
from ...core.errors import UserError
from ...core.store.connection import Store
from ..widgets import errors
from ..widgets.form_helpers import last_folder, prepare_error_label, remember_folder

FILE_FILTER = "照片和扫描件 (*.jpg *.jpeg *.png *.gif *.bmp *.tif *.tiff *.pdf);;所有文件 (*)"


class AttachmentsPage(QWidget):
    changed = Signal(int)  # how many attachments the activity will have

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.saved: list[dict[str, Any]] = []  # rows from core, still attached
        self.removed: list[int] = []
        self.pending: list[Path] = []
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(("文件名", "大小", "状态"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        self.add_button = QPushButton("添加文件…")
        self.open_button = QPushButton("打开")
        self.save_as_button = QPushButton("另存为…")
        self.remove_button = QPushButton("移除")
        self.add_button.clicked.connect(self.choose_files)
        self.open_button.clicked.connect(self.open_selected)
        self.save_as_button.clicked.connect(self.save_selected_as)
        self.remove_button.clicked.connect(self.remove_selected)
        self.message = QLabel()
        self.message.setObjectName("attachmentsMessage")
        prepare_error_label(self.message)
        note = QLabel(f"附件保存在数据库旁的文件夹“{activity_files.attachments_dir(store).name}”中，"
                      "相同的文件只存一份，每次备份时一并备份；单个文件不超过 50 MB。")
        note.setWordWrap(True)
        note.setStyleSheet("color: #666;")
        buttons = QHBoxLayout()
        for button in (self.add_button, self.open_button, self.save_as_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addWidget(note)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self._fill()

    def set_saved(self, rows: Sequence[dict[str, Any]]) -> None:
        self.saved, self.removed, self.pending = list(rows), [], []
        self._fill()

    # ---------------------------------------------------------------- actions
    def choose_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self, "添加附件", last_folder("attachments"), FILE_FILTER)
        if names:
            remember_folder("attachments", names[0])
            self.add_files([Path(n) for n in names])

    def add_files(self, paths: Sequence[Path]) -> int:
        """Queue files for the save; a bad one is refused with a message, the good ones stay."""
        added, problems = 0, []
        for path in paths:
            try:
                activity_files.check_source(path)
            except UserError as err:
                problems.append(str(err))
                continue
            if path in self.pending:
                problems.append(f"“{path.name}”已在待添加的列表中")
                continue
            self.pending.append(path)
            added += 1
        self.show_message("；".join(problems))
        self._fill()
        return added

    def remove_selected(self) -> None:
        for row in sorted({i.row() for i in self.table.selectionModel().selectedRows()}, reverse=True):
            kind, item = self._entry(row)
            if kind == "saved":
                self.removed.append(item["id"])
                self.saved.remove(item)
            else:
                self.pending.remove(item)
        self._fill()

    def open_selected(self) -> Path | None:
        path = self._local_copy(Path(tempfile.mkdtemp(prefix="unionoffice-")))
        if path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        return path

    def save_selected_as(self) -> Path | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        kind, item = self._entry(rows[0].row())
        name = item["original_name"] if kind == "saved" else item.name
        target, _ = QFileDialog.getSaveFileName(self, "附件另存为", str(Path(last_folder("attachments")) / name))
        if not target:
            return None
        copy = self._local_copy(Path(tempfile.mkdtemp(prefix="unionoffice-")))
        if copy is None:
            return None
        Path(target).write_bytes(copy.read_bytes())
        remember_folder("attachments", target)
        return Path(target)

    def _local_copy(self, folder: Path) -> Path | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        kind, item = self._entry(rows[0].row())
        if kind == "pending":
            return item
        try:
            return activity_files.copy_out(self.store, item["id"], folder)
        except UserError as err:
            errors.show_user_error(self, err, "无法打开附件")
            return None

    # ---------------------------------------------------------------- display
    def _entry(self, row: int) -> tuple[str, Any]:
        if row < len(self.saved):
            return "saved", self.saved[row]
        return "pending", self.pending[row - len(self.saved)]

    def _fill(self) -> None:
        entries = [(r["original_name"], r["size_text"], "已保存" if r["present"] else "文件缺失") for r in self.saved]
        entries += [(p.name, _size(p), "待保存（按“保存”后加入）") for p in self.pending]
        self.table.setRowCount(len(entries))
        for row, cells in enumerate(entries):
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnToContents(1)
        self.table.resizeColumnToContents(2)
        self._update_buttons()
        self.changed.emit(len(entries))

    def _update_buttons(self) -> None:
        picked = bool(self.table.selectionModel().selectedRows())
        for button in (self.open_button, self.save_as_button, self.remove_button):
            button.setEnabled(picked)

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def file_names(self) -> list[str]:
        return [self.table.item(r, 0).text() for r in range(self.table.rowCount())]


def _size(path: Path) -> str:
    try:
        size = path.stat().st_size
    except OSError:
        return ""
    return f"{size / 1024 / 1024:.1f} MB" if size >= 1024 * 1024 else f"{max(1, size // 1024)} KB"
