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
    auth.set_password(store, "secret1")
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
    assert dialog.remove_button is None  # nothing to remove on a file that had no password


def test_change_and_remove_need_the_current_password(qtbot, protected):
    dialog = SetPasswordDialog(protected)
    qtbot.addWidget(dialog)
    dialog.current_edit.setText("wrong")
    assert not dialog.remove() and "当前密码不正确" in dialog.error.text()
    dialog.current_edit.setText("secret1")
    dialog.new_edit.setText("secret2")
    dialog.confirm_edit.setText("secret2")
    assert dialog.save() and dialog.result_text == "密码已更换。"
    again = SetPasswordDialog(protected)
    qtbot.addWidget(again)
    again.current_edit.setText("secret2")
    assert again.remove() and not auth.has_password(protected)


def test_menu_sets_a_password(window, monkeypatch, messages):
    def fake_exec(self):
        self.new_edit.setText("东湖2026")
        self.confirm_edit.setText("东湖2026")
        return QDialog.DialogCode.Accepted if self.save() else QDialog.DialogCode.Rejected

    monkeypatch.setattr(SetPasswordDialog, "exec", fake_exec)
    window.action_password.trigger()
    assert auth.check_password(window.store, "东湖2026")
    assert "下次打开程序时需要输入" in messages.of("information")[-1][2]


def test_opening_a_protected_file_asks_and_a_wrong_answer_keeps_the_current(window, store, tmp_path, monkeypatch):
    other = tmp_path / "other.db"
    with Store.open(other) as s:
        s.set_setting("office_name", "另一个街道总工会")
        auth.set_password(s, "secret1")
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
        auth.set_password(s, "secret1")
    monkeypatch.setattr(LoginDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    assert app_module.run_gui(Path(path)) == 1
    Store.open(path).close()  # and the file was let go
