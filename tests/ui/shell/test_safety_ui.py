"""The window's side of data safety: automatic backups, a damaged file met at start or while open,
the backup folder setting and the kinds of backup in the 恢复 list."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QLabel

from unionoffice import app as app_module
from unionoffice.app import create_main_window
from unionoffice.core.store import backup
from unionoffice.core.demo.office import generate_demo
from unionoffice.core.store.connection import Store
from unionoffice.ui.shell import dialogs
from unionoffice.ui.shell.dialogs import BackupListDialog, BackupSettingsDialog, DamagedFileDialog


@pytest.fixture
def restore_app_names():
    app = QApplication.instance()
    names = app.organizationName(), app.applicationName()
    yield
    app.setOrganizationName(names[0])
    app.setApplicationName(names[1])


def demo_office(path: Path, members: int = 120) -> Path:
    with Store.open(path) as store:
        generate_demo(store, members=members, seed=2)
        backup.make_backup(store)
    return path


def damage_middle(path: Path) -> None:
    with open(path, "r+b") as f:
        f.seek(4096 * 3)
        f.write(b"\xa5" * 4096 * 6)


# ------------------------------------------------------------------ automatic
def test_window_backs_up_automatically_on_opening(qtbot, store):
    win = create_main_window(store, auto_backup=True)
    qtbot.addWidget(win)
    qtbot.waitUntil(lambda: "已自动备份" in win.statusBar().currentMessage(), timeout=10000)
    autos = [b for b in backup.list_backups(store.path) if b.kind == "自动备份"]
    assert len(autos) == 1 and autos[0].ok
    assert not win.auto_backup.run_if_due()  # once a day: nothing more due today
    win.close()


def test_test_windows_make_no_backups_unless_asked(window, store):
    assert window.auto_backup is None and backup.list_backups(store.path) == []


def test_damage_found_by_the_automatic_backup_offers_the_good_copy(qtbot, store, monkeypatch, messages):
    from unionoffice.core.store.connection import DamagedFileError
    from unionoffice.ui.shell import backup_timer

    store.execute("INSERT INTO orgs(name) VALUES ('备份里的单位')")
    good = backup.make_backup(store)
    store.execute("INSERT INTO orgs(name) VALUES ('备份后的单位')")

    def damaged(worker, **kwargs):
        raise DamagedFileError(f"数据库文件 {worker.path.name} 已损坏（完整性检查：页面错误）", path=worker.path)

    offered = []
    monkeypatch.setattr(backup_timer, "auto_backup", damaged)
    monkeypatch.setattr(dialogs, "ask_damaged", lambda message, info, parent=None, **k: offered.append(
        (message, info)) or "restore")
    win = create_main_window(store, auto_backup=True)
    qtbot.addWidget(win)
    qtbot.waitUntil(lambda: bool(messages.of("information")), timeout=15000)
    message, info = offered[0]
    assert "已损坏" in message and info.path == good
    assert "已恢复" in messages.of("information")[-1][2]
    assert [r[0] for r in win.store.query("SELECT name FROM orgs")] == ["备份里的单位"]
    win.close()


def test_damage_met_while_building_the_window_at_start(tmp_path, monkeypatch, restore_app_names, messages):
    path = demo_office(tmp_path / "office.db")
    damage_middle(path)  # the header is fine: the file opens, the tabs meet the damage
    asked = []
    monkeypatch.setattr(app_module, "ask_damaged_at_start", lambda err, good: asked.append(str(err)) or "restore")
    monkeypatch.setattr(QApplication, "exec", staticmethod(lambda: 0))
    assert app_module.run_gui(path) == 0
    assert "已损坏" in asked[0]
    with Store.open(path) as store:
        assert store.counts()["members"] == 120


# ------------------------------------------------------------- at program start
def test_damaged_file_at_start_is_restored_from_the_backup(tmp_path, monkeypatch, restore_app_names, messages):
    path = demo_office(tmp_path / "office.db")
    os.truncate(path, path.stat().st_size // 2)
    asked = []
    monkeypatch.setattr(app_module, "ask_damaged_at_start", lambda err, good: asked.append((str(err), good)) or "restore")
    windows = []
    real = app_module.create_main_window
    monkeypatch.setattr(app_module, "create_main_window", lambda s, **k: windows.append(real(s, **k)) or windows[-1])
    monkeypatch.setattr(QApplication, "exec", staticmethod(lambda: 0))
    assert app_module.run_gui(path) == 0
    assert "已损坏" in asked[0][0] and asked[0][1] is not None
    assert "损坏的文件已原样另存" in messages.of("information")[-1][2]
    (win,) = windows
    assert win.store.conn is None  # closed by run_gui on the way out
    with Store.open(path) as store:
        assert store.counts()["members"] == 120


def test_damaged_file_at_start_can_be_left_for_another(tmp_path, monkeypatch, restore_app_names):
    path = tmp_path / "notes.db"
    path.write_text("这不是数据库" * 500, encoding="utf-8")
    other = tmp_path / "other.db"
    Store.open(other).close()
    answers = iter(["open"])
    monkeypatch.setattr(app_module, "ask_damaged_at_start", lambda err, good: next(answers, "quit"))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(other), "")))
    monkeypatch.setattr(QApplication, "exec", staticmethod(lambda: 0))
    monkeypatch.setattr(app_module, "create_main_window",
                        lambda s, **k: create_main_window(s, ask_office_name=False))
    assert app_module.run_gui(path) == 0
    assert path.read_text(encoding="utf-8").startswith("这不是数据库")  # untouched


def test_damaged_file_at_start_quit(tmp_path, monkeypatch, restore_app_names):
    path = tmp_path / "empty.db"
    demo_office(path)
    os.truncate(path, 0)
    monkeypatch.setattr(app_module, "ask_damaged_at_start", lambda err, good: "quit")
    assert app_module.run_gui(path) == 1
    assert path.stat().st_size == 0


def test_damaged_dialog_offers_restore_only_with_a_backup(qtbot, tmp_path):
    path = demo_office(tmp_path / "office.db")
    good = backup.latest_good_backup(path)
    with_copy = DamagedFileDialog("数据库文件 office.db 已损坏", good)
    without = DamagedFileDialog("数据库文件 office.db 已损坏", None)
    for d in (with_copy, without):
        qtbot.addWidget(d)
    assert with_copy.restore_button.isEnabled() and "最近一个完好的备份" in with_copy.message_label.text()
    assert "会员 120 人" in with_copy.message_label.text()
    assert not without.restore_button.isEnabled() and "没有找到可用的备份" in without.message_label.text()
    assert [b.text() for b in (with_copy.restore_button, with_copy.open_button, with_copy.quit_button)] == [
        "从备份恢复", "打开其他文件…", "退出"]


def test_opening_a_damaged_file_from_the_menu_keeps_the_current_one(window, store, tmp_path, monkeypatch):
    path = demo_office(tmp_path / "other" / "damaged.db")
    os.truncate(path, 100)
    monkeypatch.setattr(dialogs, "ask_damaged", lambda *a, **k: "quit")
    assert not window.open_file(path)
    assert window.store is store
    monkeypatch.setattr(dialogs, "ask_damaged", lambda *a, **k: "restore")
    assert window.open_file(path)
    assert window.store.path == path.resolve() and window.store.counts()["members"] == 120


# ------------------------------------------------------------------ settings, list
def test_backup_folder_setting(window, store, tmp_path, monkeypatch):
    target = tmp_path / "移动硬盘"

    def fake_exec(self):
        self.folder_edit.setText(str(target))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(BackupSettingsDialog, "exec", fake_exec)
    assert window.backup_settings()
    assert window.backup_now().parent == target
    assert "移动硬盘" in window.statusBar().currentMessage()


def test_backup_list_names_each_kind(qtbot, store):
    backup.make_backup(store)
    backup.auto_backup(store)
    backup.make_backup(store, label=backup.BEFORE_RESTORE_LABEL)
    dialog = BackupListDialog(backup.list_backups(store.path))
    qtbot.addWidget(dialog)
    kinds = {dialog.table.item(r, 5).text() for r in range(dialog.table.rowCount())}
    assert kinds == {"手动备份", "自动备份", "恢复前的安全副本"}
    assert any("7 天每天 1 个" in label.text() for label in dialog.findChildren(QLabel))
