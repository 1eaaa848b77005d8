"""The login at start and 文件 → 设置密码…, as a clerk uses them."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QDialog

from unionoffice import app as app_module
from unionoffice.core.store import auth
from unionoffice.core.members import records as members
from unionoffice.core.store.connection import Store
from unionoffice.ui.shell import password_dialog
from unionoffice.ui.shell.password_dialog import LoginDialog, SetPasswordDialog


@pytest.fixture
def protected(store):
    """A file whose password was set before the program encrypted: the hash only, a plain file."""
    store.set_setting(auth.PASSWORD_KEY, auth.hash_password("secret1"))
    return store


@pytest.fixture
def encrypted(store):
    auth.set_password(store, "secret1")
    assert store.encrypted
    return store


def login_dialog(qtbot, store) -> LoginDialog:
    dialog = LoginDialog(store)
    qtbot.addWidget(dialog)
    return dialog


def test_wrong_password_is_refused_and_counted(qtbot, protected):
    dialog = login_dialog(qtbot, protected)
    dialog.user_edit.setText("李专干")
    dialog.password_edit.setText("nope")
    assert not dialog.try_login()
    assert "密码不正确" in dialog.error.text() and "还可以试 4 次" in dialog.error.text()
    assert dialog.password_edit.text() == ""  # typed again, not edited
    dialog.password_edit.setText("secret1")
    assert dialog.try_login() and dialog.result() == QDialog.DialogCode.Accepted


def test_too_many_wrong_tries_close_the_door(qtbot, protected):
    dialog = login_dialog(qtbot, protected)
    for _ in range(password_dialog.MAX_ATTEMPTS):
        dialog.password_edit.setText("nope")
        dialog.try_login()
    assert dialog.result() == QDialog.DialogCode.Rejected


def test_a_user_name_is_required(qtbot, protected):
    dialog = login_dialog(qtbot, protected)
    dialog.user_edit.setText("  ")
    dialog.password_edit.setText("secret1")
    assert not dialog.try_login() and "用户名" in dialog.error.text()


def fake_login(monkeypatch, user: str, password: str):
    def fake_exec(self):
        self.user_edit.setText(user)
        self.password_edit.setText(password)
        return QDialog.DialogCode.Accepted if self.try_login() else QDialog.DialogCode.Rejected

    monkeypatch.setattr(LoginDialog, "exec", fake_exec)


def test_login_name_goes_into_the_audit_rows(protected, monkeypatch):
    fake_login(monkeypatch, "王专干", "secret1")
    assert password_dialog.login(protected)
    members.create_member(protected, {"name": "张三", "id_number": "11010519491231002X"})
    assert protected.scalar("SELECT user FROM audit WHERE table_name = 'members'") == "王专干"


def test_no_password_no_question(store):
    assert password_dialog.login(store)  # a modal here would fail the test (conftest)


def test_an_encrypted_file_is_not_asked_twice(encrypted):
    assert password_dialog.login(encrypted)  # its password opened it already


def test_set_password_dialog_checks_the_repeat(qtbot, store):
    dialog = SetPasswordDialog(store)
    qtbot.addWidget(dialog)
    dialog.new_edit.setText("secret1")
    dialog.confirm_edit.setText("secret2")
    assert not dialog.save() and "不一致" in dialog.error.text()
    dialog.new_edit.setText("123")
    dialog.confirm_edit.setText("123")
    assert not dialog.save() and "太短" in dialog.error.text()
    dialog.new_edit.setText("secret1")
    dialog.confirm_edit.setText("secret1")
    assert dialog.save() and auth.check_password(store, "secret1")
    assert store.encrypted and "加密" in dialog.result_text
    assert dialog.remove_button is None  # nothing to remove on a file that had no password


def test_change_and_remove_need_the_current_password(qtbot, encrypted, monkeypatch):
    monkeypatch.setattr(password_dialog.QMessageBox, "question",
                        lambda *a, **k: password_dialog.QMessageBox.StandardButton.Yes)
    dialog = SetPasswordDialog(encrypted)
    qtbot.addWidget(dialog)
    dialog.current_edit.setText("wrong")
    assert not dialog.remove() and "当前密码不正确" in dialog.error.text()
    dialog.current_edit.setText("secret1")
    dialog.new_edit.setText("secret2")
    dialog.confirm_edit.setText("secret2")
    assert dialog.save() and dialog.result_text.startswith("密码已更换")
    again = SetPasswordDialog(encrypted)
    qtbot.addWidget(again)
    again.current_edit.setText("secret2")
    assert again.remove() and not auth.has_password(encrypted)
    assert not encrypted.encrypted and "不再加密" in again.result_text


def test_removing_the_password_asks_first(qtbot, encrypted, monkeypatch):
    monkeypatch.setattr(password_dialog.QMessageBox, "question",
                        lambda *a, **k: password_dialog.QMessageBox.StandardButton.No)
    dialog = SetPasswordDialog(encrypted)
    qtbot.addWidget(dialog)
    dialog.current_edit.setText("secret1")
    assert not dialog.remove()
    assert encrypted.encrypted and auth.has_password(encrypted)


def test_menu_sets_a_password(window, monkeypatch, messages):
    def fake_exec(self):
        self.new_edit.setText("东湖2026")
        self.confirm_edit.setText("东湖2026")
        return QDialog.DialogCode.Accepted if self.save() else QDialog.DialogCode.Rejected

    monkeypatch.setattr(SetPasswordDialog, "exec", fake_exec)
    window.action_password.trigger()
    assert auth.check_password(window.store, "东湖2026") and window.store.encrypted
    assert "已用新密码加密" in messages.of("information")[-1][2]
    assert window.store.counts() is not None  # the window goes on working on the re-keyed file


def fake_open_password(monkeypatch, answers: list):
    """The encrypted file's password dialog answers from ``answers`` (None = 取消)."""
    asked = []

    def fake(err, parent=None):
        asked.append(err)
        return answers.pop(0)

    monkeypatch.setattr(password_dialog, "ask_open_password", fake)
    return asked


def test_opening_an_encrypted_file_asks_its_password_first(window, store, tmp_path, monkeypatch):
    other = tmp_path / "other.db"
    with Store.open(other) as s:
        s.set_setting("office_name", "另一个街道总工会")
        auth.set_password(s, "secret1")
    from unionoffice.core.store import driver

    driver.forget_all()
    asked = fake_open_password(monkeypatch, [("王专干", "wrong11"), None])
    assert not window.open_file(other)
    assert window.store is store and [e.tried for e in asked] == [False, True]
    asked = fake_open_password(monkeypatch, [("王专干", "secret1")])
    assert window.open_file(other)
    assert window.store.user == "王专干" and window.store.office_name == "另一个街道总工会"


def test_opening_a_protected_file_asks_and_a_wrong_answer_keeps_the_current(window, store, tmp_path, monkeypatch):
    other = tmp_path / "other.db"
    with Store.open(other) as s:
        s.set_setting("office_name", "另一个街道总工会")
        s.set_setting(auth.PASSWORD_KEY, auth.hash_password("secret1"))  # from before encryption
    fake_login(monkeypatch, "王专干", "wrong")
    assert not window.open_file(other)
    assert window.store is store
    fake_login(monkeypatch, "王专干", "secret1")
    assert window.open_file(other)
    assert window.store.user == "王专干"


@pytest.fixture
def restore_app_names():
    app = QApplication.instance()
    names = app.organizationName(), app.applicationName()
    yield
    app.setOrganizationName(names[0])
    app.setApplicationName(names[1])


def test_run_gui_quits_when_the_login_is_cancelled(tmp_path, monkeypatch, restore_app_names):
    path = tmp_path / "office.db"
    with Store.open(path) as s:
        s.set_setting(auth.PASSWORD_KEY, auth.hash_password("secret1"))
    monkeypatch.setattr(LoginDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    assert app_module.run_gui(Path(path)) == 1
    Store.open(path).close()  # and the file was let go


def test_start_on_an_encrypted_file_asks_name_and_password(tmp_path, monkeypatch):
    from unionoffice.core.store import driver

    path = tmp_path / "office.db"
    with Store.open(path) as s:
        auth.set_password(s, "secret1")
    driver.forget_all()
    answers = [("李专干", "nope123"), ("李专干", "secret1")]
    monkeypatch.setattr(app_module, "ask_open_password", lambda err: answers.pop(0))
    store = app_module.open_store_interactively(path)
    try:
        assert store is not None and store.encrypted and store.user == "李专干"
        assert app_module.login(store)  # not asked again
    finally:
        store.close()


def test_cancelling_the_password_offers_another_file(tmp_path, monkeypatch):
    from unionoffice.core.store import driver

    path = tmp_path / "office.db"
    with Store.open(path) as s:
        auth.set_password(s, "secret1")
    driver.forget_all()
    monkeypatch.setattr(app_module, "ask_open_password", lambda err: None)
    offered = []
    monkeypatch.setattr(app_module, "offer_other_file", lambda err, p: offered.append(str(err)))
    assert app_module.open_store_interactively(path) is None
    assert "已加密" in offered[0]


def test_open_password_dialog_needs_name_and_password(qtbot, tmp_path):
    from unionoffice.core.store.driver import PasswordError

    dialog = password_dialog.OpenPasswordDialog(PasswordError(tmp_path / "o.db", tried=True))
    qtbot.addWidget(dialog)
    assert "密码不正确" in dialog.error.text()
    dialog.user_edit.setText("")
    dialog.password_edit.setText("x")
    assert not dialog.try_accept() and "用户名" in dialog.error.text()
    dialog.user_edit.setText("王专干")
    dialog.password_edit.setText("")
    assert not dialog.try_accept() and "请输入密码" in dialog.error.text()
    dialog.password_edit.setText("secret1")
    assert dialog.try_accept()


def test_restoring_a_backup_under_an_older_password_asks_for_it(window, store, monkeypatch, messages):
    from unionoffice.core.store import backup, driver
    from unionoffice.ui.shell.dialogs import BackupListDialog

    auth.set_password(store, "secret1")
    backup.make_backup(store, label="旧密码")
    auth.set_password(store, "secret2", current="secret1")
    driver.forget_all()
    driver.remember("secret2")  # the clerk typed today's password only
    oldest = [b.path for b in backup.list_backups(store.path) if "旧密码" in b.path.name][0]

    def pick_old(self):
        self.select_row([b.path for b in self.backups].index(oldest))
        assert self.restore_button.isEnabled() and "已加密" in self.table.item(self.table.currentRow(), 3).text()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(BackupListDialog, "exec", pick_old)
    monkeypatch.setattr(password_dialog.QMessageBox, "question",
                        lambda *a, **k: password_dialog.QMessageBox.StandardButton.Yes)
    asked = []
    answers = ["wrong11", "secret1"]
    monkeypatch.setattr(password_dialog, "ask_backup_password", lambda text, parent=None: (asked.append(text), answers.pop(0))[1])
    assert window.restore_from_backup()
    assert len(asked) == 2 and "密码不对" in asked[1]
    assert window.store.encrypted and window.store.password == "secret1"
    assert "制作备份时的密码" in messages.calls[-1][2]


def test_logging_into_a_file_from_before_encryption_offers_to_encrypt_it(protected, monkeypatch, messages):
    fake_login(monkeypatch, "王专干", "secret1")
    assert password_dialog.login(protected)
    assert protected.encrypted and auth.check_password(protected, "secret1")
    assert messages.of("question")[0][1] == "加密数据库" and "已用新密码加密" in messages.of("information")[-1][2]


def test_declining_leaves_the_old_file_plain(protected, monkeypatch, messages):
    messages.answer = password_dialog.QMessageBox.StandardButton.No
    fake_login(monkeypatch, "王专干", "secret1")
    assert password_dialog.login(protected)
    assert not protected.encrypted and auth.has_password(protected)
