"""The login asked at start when the office file has a password, and 文件 → 设置密码….

The name typed at login goes into every audit row (``store.set_user``); without a password the
OS login name is used. Checking and storing the password is ``core.auth``'s job.
"""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QInputDialog,
    QMessageBox,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...core.store import auth
from ...core.errors import UserError
from ...core.store.connection import Store
from ...core.store.driver import PasswordError

MAX_ATTEMPTS = 5
LAST_USER_KEY = "login/lastUser"


def _password_edit(placeholder: str = "") -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setPlaceholderText(placeholder)
    return edit


def _error_label() -> QLabel:
    label = QLabel()
    label.setObjectName("errorLabel")
    label.setStyleSheet("color: #c00000;")
    label.setWordWrap(True)
    label.hide()
    return label


def _build_name_password(dialog: QDialog, intro_text: str, user: str, button_texts: tuple[str, str],
                         on_ok) -> None:
    """用户名 + 密码 form shared by the login and the encrypted file's prompt: sets
    ``dialog.user_edit``, ``dialog.password_edit`` and ``dialog.error``."""
    intro = QLabel(intro_text)
    intro.setWordWrap(True)
    dialog.user_edit = QLineEdit(user)
    dialog.user_edit.setPlaceholderText("会记入操作日志")
    dialog.password_edit = _password_edit()
    dialog.error = _error_label()
    form = QFormLayout()
    form.addRow("用户名：", dialog.user_edit)
    form.addRow("密码：", dialog.password_edit)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(button_texts[0])
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(button_texts[1])
    buttons.accepted.connect(on_ok)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(intro)
    layout.addLayout(form)
    layout.addWidget(dialog.error)
    layout.addWidget(buttons)


class LoginDialog(QDialog):
    """用户名 + 密码; accepts only the right password, gives up after a few wrong ones."""

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.attempts = 0
        self.setWindowTitle("登录")
        office = store.office_name or store.path.name
        _build_name_password(self, f"「{office}」的数据设置了打开密码。请输入您的姓名和密码。",
                             str(QSettings().value(LAST_USER_KEY, "") or store.user), ("登录", "退出"), self.try_login)
        self.setMinimumWidth(400)
        self.password_edit.setFocus()

    def user_name(self) -> str:
        return self.user_edit.text().strip()

    def try_login(self) -> bool:
        if not self.user_name():
            return self._refuse("请填写用户名（会记入操作日志）")
        if auth.check_password(self.store, self.password_edit.text()):
            QSettings().setValue(LAST_USER_KEY, self.user_name())
            self.accept()
            return True
        self.attempts += 1
        self.password_edit.clear()
        left = MAX_ATTEMPTS - self.attempts
        if left <= 0:
            self.reject()
            return False
        return self._refuse(f"密码不正确，请重新输入（还可以试 {left} 次）。")

    def _refuse(self, text: str) -> bool:
        self.error.setText(text)
        self.error.show()
        return False


def login(store: Store, parent: QWidget | None = None) -> bool:
    """Ask for name and password when ``store`` has a password; True when the clerk may go on.
    An encrypted file was opened with its password already (``ask_open_password``)."""
    if not auth.has_password(store) or store.encrypted:
        return True
    dialog = LoginDialog(store, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    store.set_user(dialog.user_name())
    offer_encryption(store, dialog.password_edit.text(), parent)
    return True


def offer_encryption(store: Store, password: str, parent: QWidget | None = None) -> bool:
    """A file whose password was set before the program encrypted: offer to encrypt it now with
    the password just typed (a backup is taken first). True when it was encrypted."""
    if store.encrypted or store.read_only or not password:
        return False
    answer = QMessageBox.question(
        parent, "加密数据库", "这个数据库设了打开密码，但文件本身还没有加密：用别的软件仍能读出身份证号、银行账号等。\n\n"
        "现在用刚才输入的密码加密数据库和以后的备份吗？（先自动备份一次，大的数据库需要半分钟左右）",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes)
    if answer != QMessageBox.StandardButton.Yes:
        return False
    try:
        with _busy(parent) as step:
            done = auth.set_password(store, password, current=password, progress=step)
    except UserError as err:
        QMessageBox.warning(parent, "没有加密", str(err))
        return False
    QMessageBox.information(parent, "已加密", done)
    return True


class SetPasswordDialog(QDialog):
    """Set, change or remove the opening password (changing and removing need the current one)."""

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.had_password = auth.has_password(store)
        self.result_text = ""
        self.setWindowTitle("更换或取消打开密码" if self.had_password else "设置打开密码")
        intro = QLabel(
            ("这个数据库已经设了打开密码。可以更换新密码，或者不再使用密码（数据库将不再加密）。\n"
             if self.had_password else "设置后，每次打开本程序都要输入密码，输入的用户名会记入操作日志。\n")
            +
            "数据库文件和此后的每一份备份都用这个密码加密：没有密码，别的软件读不出任何内容。\n"
            "设置、更换或取消前，程序会先自动备份一次（这份备份仍用原来的密码，或没有加密）。\n"
            f"密码至少 {auth.MIN_LENGTH} 个字符。忘记密码将无法打开数据和备份，任何人都找不回，请务必牢记。"
        )
        intro.setWordWrap(True)
        self.current_edit = _password_edit()
        self.new_edit = _password_edit()
        self.confirm_edit = _password_edit()
        form = QFormLayout()
        if self.had_password:
            form.addRow("当前密码：", self.current_edit)
        form.addRow("新密码：", self.new_edit)
        form.addRow("再输入一次：", self.confirm_edit)
        self.error = _error_label()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText("保存密码")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        self.remove_button: QPushButton | None = None
        if self.had_password:
            self.remove_button = self.buttons.addButton("不再使用密码", QDialogButtonBox.ButtonRole.DestructiveRole)
            self.remove_button.clicked.connect(self.remove)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(440)

    def save(self) -> bool:
        self.error.hide()
        if self.new_edit.text() != self.confirm_edit.text():
            return self._refuse("两次输入的新密码不一致")
        try:
            with _busy(self) as step:
                self.result_text = auth.set_password(self.store, self.new_edit.text(),
                                                     current=self.current_edit.text(), progress=step)
        except UserError as err:
            return self._refuse(str(err))
        self.accept()
        return True

    def remove(self) -> bool:
        self.error.hide()
        if not self.current_edit.text():
            return self._refuse("请先输入当前密码")
        if not auth.check_password(self.store, self.current_edit.text()):
            return self._refuse("当前密码不正确")
        answer = QMessageBox.question(
            self, "取消密码", "取消密码后，数据库和此后的备份都不再加密，任何能拿到文件的人都能读出身份证号、"
            "银行账号等个人信息。确定要取消吗？",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return False
        try:
            with _busy(self) as step:
                self.result_text = auth.remove_password(self.store, current=self.current_edit.text(), progress=step)
        except UserError as err:
            return self._refuse(str(err))
        self.accept()
        return True

    def _refuse(self, text: str) -> bool:
        self.error.setText(text)
        self.error.show()
        return False


def change_password(store: Store, parent: QWidget | None = None) -> str:
    """Run 设置密码…; returns what was done ('' when cancelled)."""
    dialog = SetPasswordDialog(store, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return ""
    return dialog.result_text


@contextmanager
def _busy(parent: QWidget | None) -> Iterator[Callable[[str], None]]:
    """Encrypting copies the whole file (half a minute for a large office): a window that says which
    step it is on, repainted between the steps (the steps themselves can't be interrupted)."""
    dialog = QProgressDialog("正在准备…", None, 0, 0, parent)
    dialog.setWindowTitle("正在更改密码，请勿关闭程序")
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.setMinimumDuration(0)
    dialog.setMinimumWidth(380)
    dialog.show()
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)

    def step(text: str) -> None:
        dialog.setLabelText(text)
        QApplication.processEvents()

    step("正在准备…")
    try:
        yield step
    finally:
        QGuiApplication.restoreOverrideCursor()
        dialog.close()
        dialog.deleteLater()


class OpenPasswordDialog(QDialog):
    """用户名 + 密码 for an encrypted file, asked before it can be opened at all."""

    def __init__(self, err: PasswordError, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("输入密码")
        _build_name_password(self, f"数据库文件「{err.path.name}」已加密。请输入您的姓名和打开密码。",
                             str(QSettings().value(LAST_USER_KEY, "") or ""), ("打开", "取消"), self.try_accept)
        if err.tried:
            self.error.setText("密码不正确，请重新输入（注意大小写和输入法的全角/半角）。"
                               "如果确认密码无误仍打不开，文件可能已损坏，请联系技术支持。")
            self.error.show()
        self.setMinimumWidth(420)
        (self.password_edit if self.user_edit.text() else self.user_edit).setFocus()

    def try_accept(self) -> bool:
        if not self.user_edit.text().strip():
            self.error.setText("请填写用户名（会记入操作日志）")
        elif not self.password_edit.text():
            self.error.setText("请输入密码")
        else:
            QSettings().setValue(LAST_USER_KEY, self.user_edit.text().strip())
            self.accept()
            return True
        self.error.show()
        return False


def ask_open_password(err: PasswordError, parent: QWidget | None = None) -> tuple[str, str] | None:
    """(name, password) for an encrypted file, or None when the clerk cancels (a seam for tests)."""
    dialog = OpenPasswordDialog(err, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.user_edit.text().strip(), dialog.password_edit.text()


def ask_backup_password(text: str, parent: QWidget | None = None) -> str | None:
    """The password an encrypted backup was made with (None: cancelled)."""
    password, ok = QInputDialog.getText(parent, "备份的密码", text + "\n\n制作这份备份时的数据库密码：",
                                        QLineEdit.EchoMode.Password)
    return password if ok and password else None
