"""谁在办理: the clerk (工会专干) working now, asked once per start, or remembered on this PC.

Her name — not the OS login — is the 经办人 of what she enters, the 制表 on every printout and the
操作人 in the 操作日志 (the OS login goes beside it there). The office settings keep the clerks'
names (``core.store.auth``); this PC remembers the last person, and, if she ticks the box, does
not ask again at the next start. 文件 → 经办人… changes the person or the list at any time.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QPlainTextEdit, QVBoxLayout, QWidget,
)

from ...core.errors import UserError
from ...core.store import auth
from ...core.store.connection import Store

LAST_KEY = "clerk/last"
REMEMBER_KEY = "clerk/remember"


def last_clerk() -> str:
    return str(QSettings().value(LAST_KEY, "") or "")


def remembered() -> bool:
    return str(QSettings().value(REMEMBER_KEY, "false")).lower() in ("true", "1")


class ClerkDialog(QDialog):
    """Pick (or type) who is working, and keep the office's list of clerks."""

    def __init__(self, store: Store, parent: QWidget | None = None, *, at_start: bool = True):
        super().__init__(parent)
        self.store = store
        self.setWindowTitle("谁在办理" if at_start else "经办人")
        intro = QLabel("请选择现在办理业务的专干。这个姓名会作为经办人、打印件上的制表人，并记入操作日志。")
        intro.setWordWrap(True)
        names = auth.clerk_names(store)
        self.clerk_combo = QComboBox()
        self.clerk_combo.setEditable(True)
        self.clerk_combo.addItems(names)
        current = last_clerk() if at_start else store.user
        self.clerk_combo.setCurrentText(current if current in names or not names else names[0])
        self.clerk_combo.lineEdit().setPlaceholderText("姓名")
        self.names_edit = QPlainTextEdit("\n".join(names))
        self.names_edit.setPlaceholderText("每行一个姓名")
        self.names_edit.setMinimumHeight(90)
        self.remember_box = QCheckBox("本机记住此人，下次启动不再询问")
        self.remember_box.setChecked(remembered())
        self.error = QLabel()
        self.error.setStyleSheet("color: #c00000;")
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow("经办人：", self.clerk_combo)
        form.addRow("本会专干名单：", self.names_edit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("确定")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("退出" if at_start else "取消")
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.remember_box)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)

    def submit(self) -> bool:
        """Act as the chosen clerk; a new name joins the office's list."""
        name = " ".join(self.clerk_combo.currentText().split())
        names = self.names_edit.toPlainText().splitlines()
        if name and name not in [" ".join(n.split()) for n in names]:
            names.append(name)
        try:
            auth.act_as(self.store, name)
            auth.set_clerk_names(self.store, names)
        except UserError as err:
            self.error.setText(str(err))
            return False
        settings = QSettings()
        settings.setValue(LAST_KEY, self.store.user)
        settings.setValue(REMEMBER_KEY, self.remember_box.isChecked())
        self.accept()
        return True


def ask_clerk(store: Store, parent: QWidget | None = None) -> bool:
    """At start: the remembered clerk of this PC, or ask. False when the clerk chose 退出."""
    if remembered() and last_clerk():
        auth.act_as(store, last_clerk())
        return True
    dialog = ClerkDialog(store, parent)
    return dialog.exec() == QDialog.DialogCode.Accepted
