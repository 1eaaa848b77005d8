"""Who is working: asked once per start (or remembered on this PC); the name is the 经办人, the
制表 and the audit's 操作人, with the OS login beside it."""

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog

from unionoffice import app as app_module
from unionoffice.core.assistance import campaigns
from unionoffice.core.store import auth
from unionoffice.ui.shell.clerk_dialog import ClerkDialog, ask_clerk


def test_start_asks_who_is_working_and_the_name_acts_everywhere(store, monkeypatch):
    auth.set_clerk_names(store, ["张丽", "李娟"])
    QSettings().setValue("clerk/remember", False)
    shown = []

    def answer(dialog):
        shown.append(dialog.clerk_combo.count())
        dialog.clerk_combo.setCurrentText("李娟")
        dialog.remember_box.setChecked(True)
        return QDialog.DialogCode.Accepted if dialog.submit() else QDialog.DialogCode.Rejected

    monkeypatch.setattr(ClerkDialog, "exec", answer)
    assert app_module.login(store)
    assert shown == [2] and store.user == "李娟"
    cid = campaigns.create_campaign(store, {"kind": "金秋助学", "campaign_date": "2026-08-20", "funding_source": "市总"})
    assert campaigns.get_campaign(store, cid)["handler"] == "李娟"
    row = store.one("SELECT user, os_user FROM audit WHERE table_name = 'campaigns' AND row_id = ?", (cid,))
    assert row["user"] == "李娟" and row["os_user"] == store.os_user
    # the next start on this PC does not ask again
    monkeypatch.setattr(ClerkDialog, "exec", lambda self: (_ for _ in ()).throw(AssertionError("asked again")))
    store.set_user("别人")
    assert ask_clerk(store) and store.user == "李娟"


def test_a_new_name_joins_the_office_list_and_a_blank_one_is_refused(store, qtbot):
    dialog = ClerkDialog(store)
    qtbot.addWidget(dialog)
    dialog.clerk_combo.setCurrentText("  ")
    assert not dialog.submit() and "请填写经办人姓名" in dialog.error.text()
    dialog.clerk_combo.setCurrentText("王芳")
    assert dialog.submit()
    assert auth.clerk_names(store) == ["王芳"] and store.user == "王芳"


def test_quitting_the_question_quits(store, monkeypatch):
    QSettings().setValue("clerk/remember", False)
    monkeypatch.setattr(ClerkDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    assert not app_module.login(store)


def test_the_menu_changes_the_clerk(window):
    dialog = window.choose_clerk()
    dialog.clerk_combo.setCurrentText("赵敏")
    assert dialog.submit()
    assert window.store.user == "赵敏"
