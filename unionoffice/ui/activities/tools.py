"""Small dialogs of the 活动日历 tab: the kind list (活动类别) and the activity recycle bin."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...core.activities import records as activities
from ...core.errors import UserError
from ...core.store.connection import Store
from .models import ActivityListModel
from ..widgets.form_helpers import prepare_error_label


class KindsDialog(QDialog):
    """One kind per line; activities already filed under a removed kind keep it."""

    saved = Signal()

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.setWindowTitle("活动类别")
        self.edit = QPlainTextEdit("\n".join(activities.activity_kinds(store)))
        self.message = QLabel()
        prepare_error_label(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("保存")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        intro = QLabel("每行一个类别，按此顺序出现在活动表单中。删去的类别不会影响已登记的活动。")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(360, 380)

    def save(self) -> bool:
        try:
            activities.set_activity_kinds(self.store, self.edit.toPlainText().splitlines())
        except UserError as err:
            self.message.setText(str(err))
            self.message.setVisible(True)
            return False
        self.saved.emit()
        self.accept()
        return True


class ActivityBinDialog(QDialog):
    """Deleted activities wait here with their attendance and attachments; 恢复所选 brings them back."""

    changed = Signal()

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.setWindowTitle("活动回收站")
        self.resize(900, 420)
        self.model = ActivityListModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        for column, spec in enumerate(self.model.columns):
            self.view.setColumnWidth(column, spec.width)
        self.count_label = QLabel()
        self.restore_button = QPushButton("恢复所选")
        self.restore_button.clicked.connect(self.restore_selected)
        close = QPushButton("关闭")
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("被删除的活动连同签到名单和附件先放在这里，可以恢复。"))
        layout.addWidget(self.count_label)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self.reload()

    def reload(self) -> None:
        self.model.set_rows(activities.deleted_activities(self.store))
        self.count_label.setText(f"回收站中共 {self.model.rowCount()} 项活动")

    def select_all(self) -> None:
        self.view.selectAll()

    def restore_selected(self) -> int:
        rows = {i.row() for i in self.view.selectionModel().selectedRows()}
        ids = [self.model.id_at(r) for r in sorted(rows)]
        if not ids:
            return 0
        n = activities.restore_activities(self.store, ids)
        self.reload()
        self.changed.emit()
        return n
