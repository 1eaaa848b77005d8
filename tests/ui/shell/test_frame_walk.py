"""The window's frame as a hurried clerk walks it: the wrong file picked in 打开, a file that
went away, a second office, backups and restore — each ends with a clear Chinese word and the
office she was working on still open."""

from __future__ import annotations

import zipfile
from pathlib import Path

from PySide6.QtWidgets import QDialog, QFileDialog


def choose_file(monkeypatch, path: Path, which: str = "getOpenFileName") -> None:
    monkeypatch.setattr(QFileDialog, which, staticmethod(lambda *a, **k: (str(path), "")))


def test_picking_a_workbook_in_open_names_it_and_keeps_the_office(window, store, tmp_path, monkeypatch, messages):
    book = tmp_path / "数据 文件夹" / "会员 名册.xlsx"
    book.parent.mkdir()
    with zipfile.ZipFile(book, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/workbook.xml", "<workbook/>" + "".join(f"<c>{i}</c>" for i in range(400)))
    choose_file(monkeypatch, book)
    assert not window.open_file_dialog()  # no password asked: that would be a modal and fail here
    assert window.store is store
    text = messages.texts()
    assert "会员 名册.xlsx" in text and "Excel 工作簿" in text and "导入会员名册" in text
    assert "加密" not in text and "损坏" not in text



def office_file(path: Path, office: str) -> Path:
    from unionoffice.core.store.connection import Store

    path.parent.mkdir(parents=True, exist_ok=True)
    s = Store.open(path)
    s.set_setting("office_name", office)
    s.close()
    return path.resolve()


def test_a_file_on_an_unplugged_drive_comes_back_to_the_recent_menu(window, store, tmp_path):
    usb = office_file(tmp_path / "U盘" / "工会 2026.db", "U盘上的街道总工会")
    assert window.open_file(usb)
    assert window.open_file(store.path)
    (tmp_path / "U盘").rename(tmp_path / "拔出")  # the U盘 is taken out
    assert usb not in window.recent_menu_paths()
    assert window.open_file(office_file(tmp_path / "另一个.db", "另一个街道总工会"))
    (tmp_path / "拔出").rename(tmp_path / "U盘")  # plugged in again the next day
    assert window.recent_menu_paths()[:3] == [tmp_path.resolve() / "另一个.db", store.path, usb]


def test_on_a_new_pc_the_restore_list_lets_her_pick_the_backup_on_the_usb_stick(
        window, store, tmp_path, monkeypatch, messages):
    """README: 在新电脑上 … 文件 → 恢复…，选 U盘上的那个备份. The new office has no backups of its own."""
    from unionoffice.core.store.backup import make_backup
    from unionoffice.ui.shell.dialogs import BackupListDialog

    old_pc = office_file(tmp_path / "旧电脑" / "unionoffice.db", "旧电脑上的街道总工会")
    from unionoffice.core.store.connection import Store

    with Store.open(old_pc) as old:
        with old.atomic():
            for i in range(3):
                old.execute("INSERT INTO members(name) VALUES (?)", (f"会员{i}",))
        on_usb = make_backup(old, tmp_path / "U盘 E" / "备份")
    shown = []

    def clerk_picks_from_usb(dialog):
        shown.append(dialog.intro_label.text())
        choose_file(monkeypatch, on_usb)
        dialog.other_button.click()
        return QDialog.DialogCode.Accepted if dialog.restore_button.isEnabled() else QDialog.DialogCode.Rejected

    monkeypatch.setattr(BackupListDialog, "exec", clerk_picks_from_usb)
    assert window.restore_from_backup()
    assert "选择其他位置的备份" in shown[0]
    assert window.store.counts()["members"] == 3
    assert window.store.office_name == "旧电脑上的街道总工会"
    assert "恢复完成" in messages.texts()


def test_a_workbook_picked_as_the_backup_is_refused_plainly(qtbot, tmp_path, monkeypatch, messages):
    from unionoffice.ui.shell.dialogs import BackupListDialog

    book = tmp_path / "U盘" / "会员名册.xlsx"
    book.parent.mkdir()
    with zipfile.ZipFile(book, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/workbook.xml", "<workbook/>" + "".join(f"<c>{i}</c>" for i in range(400)))
    dialog = BackupListDialog([])
    qtbot.addWidget(dialog)
    choose_file(monkeypatch, book)
    assert dialog.choose_other() is None
    assert not dialog.restore_button.isEnabled()
    warning = messages.of("warning")[-1]
    assert "不能用这个文件恢复" in warning[1] and "已损坏" in warning[2]  # never "已加密（需要密码）"


def test_opening_an_automatic_backup_asks_first_and_no_keeps_the_office(window, store, tmp_path, messages):
    from unionoffice.core.store.backup import auto_backup

    with store.atomic():
        store.execute("INSERT INTO members(name) VALUES ('张三')")
    copy = auto_backup(store).path  # in 工会-备份, next to the office
    messages.answer = messages.answer.No
    assert not window.open_file(copy)
    assert window.store is store
    kind, title, text = messages.calls[-1]
    assert kind == "question" and title == "这是一份备份"
    assert copy.name in text and "工会.db" in text and "自动删除" in text and "文件 → 恢复" in text
    messages.answer = messages.answer.Yes  # she insists: it opens (read as she likes)
    assert window.open_file(copy)
    assert window.store.path == copy.resolve()


def test_an_ordinary_office_file_opens_without_the_backup_question(window, store, tmp_path, messages):
    other = office_file(tmp_path / "第二 街道 2026.db", "第二街道总工会")
    assert window.open_file(other)
    assert not messages.of("question")


def test_a_new_file_named_like_a_workbook_is_still_named_as_a_database(window, tmp_path, monkeypatch, messages):
    target = tmp_path / "新 建" / "2027年 会员名册.xlsx"
    target.parent.mkdir()
    choose_file(monkeypatch, target, "getSaveFileName")
    from unionoffice.ui.shell import dialogs

    monkeypatch.setattr(dialogs, "ask_office_name", lambda store, parent=None: False)  # 以后再说
    assert window.new_file()
    assert window.store.path == (target.parent / "2027年 会员名册.db").resolve()
    assert not target.exists()  # no database posing as an Excel file for Excel to refuse


def test_new_file_at_start_gets_the_db_ending_too(tmp_path, monkeypatch):
    from unionoffice import app as app_module

    choose_file(monkeypatch, tmp_path / "新 街道", "getSaveFileName")
    assert app_module.pick_file("new", tmp_path / "x.db") == tmp_path / "新 街道.db"


def test_about_names_the_backup_folder_she_chose(window, store, tmp_path, messages):
    from unionoffice.core.store.backup import set_backup_folder

    usb = tmp_path / "U盘 E" / "工会备份"
    set_backup_folder(store, usb)
    window.action_about.trigger()
    text = messages.of("about")[-1][2]
    assert f"备份文件夹：{usb.resolve()}" in text


def test_a_folder_with_an_ampersand_reads_right_in_the_recent_menu(window, store, tmp_path):
    other = office_file(tmp_path / "工会&妇联" / "东湖.db", "东湖街道总工会")
    assert window.open_file(other)
    assert window.open_file(store.path)
    action = next(a for a in window.recent_menu.actions() if a.data() == str(other))
    shown = action.text().replace("&&", "\0").replace("&", "").replace("\0", "&")  # as Qt draws it
    assert str(other) in shown


def test_a_restore_waits_for_the_automatic_backup_still_reading_the_file(window, store, tmp_path, monkeypatch,
                                                                          messages):
    """Just after opening, the day's automatic backup may still be reading the office file; Windows
    refuses to replace a file another connection holds open, so the restore waits for it first."""
    from unionoffice.core.store.backup import make_backup
    from unionoffice.ui.shell import window_backups
    from unionoffice.ui.shell.dialogs import BackupListDialog

    with store.atomic():
        store.execute("INSERT INTO members(name) VALUES ('备份里的会员')")
    copy = make_backup(store, tmp_path / "备份")
    order = []

    class BackupStillRunning:
        def wait(self, seconds: float = 30.0) -> bool:
            order.append(("wait", store.conn is not None))
            return True

        def busy(self) -> bool:
            return not order

        def run_now(self) -> bool:
            return False

        def stop(self) -> None:
            pass

    monkeypatch.setattr(window, "auto_backup", BackupStillRunning())
    real = window_backups.restore_office
    monkeypatch.setattr(window_backups, "restore_office",
                        lambda *a, **k: order.append(("restore", store.conn is not None)) or real(*a, **k))

    def clerk_picks(dialog):
        choose_file(monkeypatch, copy)
        dialog.other_button.click()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(BackupListDialog, "exec", clerk_picks)
    assert window.restore_from_backup()
    assert order == [("wait", True), ("restore", False)]  # waited while the file was still open, then restored
    assert window.store.counts()["members"] == 1
