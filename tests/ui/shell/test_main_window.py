"""The main window as a clerk meets it: tabs, status bar, files, backups, restore, about."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings, Signal
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QLabel, QToolButton, QWidget

from unionoffice import __version__, app as app_module
from unionoffice.core.store.backup import backup_dir_for, list_backups, make_backup
from unionoffice.core.store.connection import Store
from unionoffice.ui.shell import dialogs, main_window, tabs
from unionoffice.ui.shell.dialogs import BackupListDialog, OfficeNameDialog
from unionoffice.ui.shell.main_window import MainWindow
from unionoffice.ui.shell.tabs import PendingTab

TAB_TITLES = ["工作台", "会员", "单位/基层工会", "困难帮扶", "活动日历", "劳动争议", "工会经费", "互助保障",
              "登记簿", "报表"]
REGISTER_PAGES = ["规范化建设", "就业援助", "评先评优", "会员服务卡", "募捐与特殊会费"]


def add_orgs(store: Store, n: int) -> None:
    with store.atomic():
        for i in range(n):
            store.execute("INSERT INTO orgs(name) VALUES (?)", (f"测试单位{store.counts()['orgs'] + 1}-{i}",))


def add_members(store: Store, n: int) -> None:
    with store.atomic():
        for i in range(n):
            store.execute("INSERT INTO members(name) VALUES (?)", (f"会员{i}",))


def other_file(tmp_path: Path, name: str = "另一个.db", office: str = "另一个街道总工会") -> Path:
    path = tmp_path / "other" / name
    store = Store.open(path)
    store.set_setting("office_name", office)
    store.close()
    return path.resolve()


def choose_file(monkeypatch, path: Path, which: str = "getOpenFileName") -> None:
    monkeypatch.setattr(QFileDialog, which, staticmethod(lambda *a, **k: (str(path), "")))


# --------------------------------------------------------------------------- tabs
def test_tabs_in_order(window):
    assert window.tab_titles() == TAB_TITLES
    group = window.tab("registersTab")
    assert [group.tabs.tabText(i) for i in range(group.tabs.count())] == REGISTER_PAGES


def test_the_tab_bar_fits_a_1366_screen(window, qtbot):
    window.resize(1366, 768)
    qtbot.wait(5)
    bar = window.tab_widget.tabBar()
    assert bar.sizeHint().width() <= window.width()
    assert not any(b.isVisible() for b in bar.findChildren(QToolButton))  # no scroll arrows


def test_a_register_page_is_reached_by_its_own_name(window, store):
    from unionoffice.core.fundraising import records as funds
    from unionoffice.ui.honours.tab import HonoursTab

    honours = window.show_tab("honoursTab")
    assert isinstance(honours, HonoursTab) and window.current_page() is honours
    assert window.tab_widget.currentWidget() is window.tab("registersTab")
    # a change made on one page shows on the others and in the window's counts
    funds_tab = window.tab("fundraisingTab")
    form = funds_tab.new_campaign()
    form.widgets["name"].setText("扶贫济困日募捐")
    assert form.save()
    assert funds.list_campaigns(store)[0]["name"] == "扶贫济困日募捐"


def test_unbuilt_tabs_say_so_plainly(window, store):
    for widget in window.tab_widgets():
        if isinstance(widget, PendingTab):
            text = widget.label.text()
            assert "正在开发中" in text and "尚不可用" in text
    placeholder = PendingTab(store, "会员名册", 3)
    assert "会员名册" in placeholder.label.text() and "尚不可用" in placeholder.label.text()


def test_title_shows_office_and_file(window):
    assert window.windowTitle() == "测试街道总工会 — 工会.db"


# --------------------------------------------------------------------- status bar
def test_status_bar_shows_path_and_counts(window, store):
    assert window.counts_label.text() == "单位记录 0 个（含工联会、已注销） · 会员记录 0 条（含退会、转出）"
    add_orgs(store, 12)
    add_members(store, 3456)
    window.refresh_status()
    assert window.counts_label.text() == "单位记录 12 个（含工联会、已注销） · 会员记录 3,456 条（含退会、转出）"
    assert str(store.path) in window.path_label.text()


# ------------------------------------------------------------------ switching files
def test_open_switches_file(window, store, tmp_path, monkeypatch):
    other = other_file(tmp_path)
    choose_file(monkeypatch, other)
    window.action_open.trigger()
    assert window.store.path == other
    assert window.windowTitle() == "另一个街道总工会 — 另一个.db"
    assert str(other) in window.path_label.text()
    assert store.conn is None, "the old file is closed"
    assert all(w.store is window.store for w in window.tab_widgets())


def test_recent_menu_lists_opened_files_and_prunes_missing(window, store, tmp_path, monkeypatch):
    first = other_file(tmp_path, "一.db")
    second = other_file(tmp_path, "二.db")
    assert window.open_file(first)
    assert window.open_file(second)
    assert window.recent_menu_paths()[:3] == [second, first, store.path]
    labels = [a.text() for a in window.recent_menu.actions()]
    assert any(str(first) in label for label in labels)
    first.unlink()
    assert first not in window.recent_menu_paths()
    original = [a for a in window.recent_menu.actions() if a.data() == str(store.path)][0]
    original.trigger()
    assert window.store.path == store.path


def test_recent_list_keeps_at_most_eight(window, tmp_path):
    for i in range(10):
        assert window.open_file(other_file(tmp_path, f"f{i}.db"))
    assert len(window.recent_menu_paths()) == 8


def test_file_in_use_keeps_current_file(window, store, tmp_path, messages):
    other = other_file(tmp_path)
    holder = Store.open(other)  # "another program" has it open
    try:
        assert not window.open_file(other)
    finally:
        holder.close()
    assert window.store is store and store.conn is not None
    assert "正在被使用" in messages.of("warning")[-1][2]
    add_orgs(store, 1)
    window.refresh_status()
    assert window.counts_label.text() == "单位记录 1 个（含工联会、已注销） · 会员记录 0 条（含退会、转出）"


def test_missing_file_is_reported(window, store, tmp_path, messages):
    assert not window.open_file(tmp_path / "没有这个文件.db")
    assert window.store is store
    assert "找不到" in messages.texts()


def test_new_file_creates_and_asks_for_name(window, tmp_path, monkeypatch):
    target = tmp_path / "新建" / "第二个"
    target.parent.mkdir()
    choose_file(monkeypatch, target, "getSaveFileName")
    asked = []
    monkeypatch.setattr(dialogs, "ask_office_name", lambda store, parent=None: asked.append(store) or False)
    window.action_new.trigger()
    assert window.store.path == target.with_suffix(".db").resolve()
    assert window.store.path.is_file()
    assert asked == [window.store]
    assert window.counts_label.text() == "单位记录 0 个（含工联会、已注销） · 会员记录 0 条（含退会、转出）"


def test_new_file_never_overwrites(window, store, tmp_path, monkeypatch, messages):
    existing = other_file(tmp_path)
    choose_file(monkeypatch, existing, "getSaveFileName")
    assert not window.new_file()
    assert window.store is store
    assert "已经存在" in messages.of("warning")[-1][2]


# ------------------------------------------------------------------ backup, restore
def test_backup_writes_a_file_and_says_where(window, store, messages):
    window.action_backup.trigger()
    files = list(backup_dir_for(store.path).glob("*.db"))
    assert len(files) == 1
    assert str(files[0]) in messages.of("information")[-1][2]


def pick_first_backup(monkeypatch) -> None:
    def fake_exec(self):
        self.select_row(0)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(BackupListDialog, "exec", fake_exec)


def test_restore_brings_back_the_backup(window, store, monkeypatch, messages):
    add_members(store, 3)
    make_backup(store)
    add_members(store, 2)
    window.refresh_status()
    assert window.counts_label.text() == "单位记录 0 个（含工联会、已注销） · 会员记录 5 条（含退会、转出）"
    pick_first_backup(monkeypatch)
    window.action_restore.trigger()
    assert window.store.counts()["members"] == 3
    assert window.counts_label.text() == "单位记录 0 个（含工联会、已注销） · 会员记录 3 条（含退会、转出）"
    assert store.conn is None and window.store.conn is not None
    assert "确定要恢复" in messages.of("question")[-1][2]
    done = messages.of("information")[-1][2]
    assert "安全副本" in done
    assert "备份之后的 2 条操作日志不在恢复的文件里，已另存为" in done  # nothing dropped silently
    safety = Path(done.split("\n")[-1])
    assert safety.is_file() and safety in [b.path for b in list_backups(window.store.path)]


def test_restore_can_be_declined(window, store, monkeypatch, messages):
    add_members(store, 3)
    make_backup(store)
    add_members(store, 2)
    pick_first_backup(monkeypatch)
    messages.answer = messages.answer.No
    assert not window.restore_from_backup()
    assert window.store is store and store.counts()["members"] == 5


def test_backup_list_dialog_shows_dates_counts_and_state(qtbot, store, tmp_path):
    add_members(store, 4)
    add_orgs(store, 2)
    make_backup(store)
    broken = backup_dir_for(store.path) / f"{store.path.stem}-20000101-000000.db"
    broken.write_bytes(b"not a database")
    dialog = BackupListDialog(list_backups(store.path))
    qtbot.addWidget(dialog)
    table = dialog.table
    assert [table.horizontalHeaderItem(c).text() for c in range(4)] == ["备份时间", "会员数", "单位数", "状态"]
    rows = {table.item(r, 4).text(): [table.item(r, c).text() for c in range(4)] for r in range(table.rowCount())}
    good = rows[next(n for n in rows if n != broken.name)]
    assert good[1:] == ["4", "2", "完好"]
    assert rows[broken.name][3] == "已损坏，不能使用"
    broken_row = next(r for r in range(table.rowCount()) if table.item(r, 4).text() == broken.name)
    dialog.select_row(broken_row)
    assert not dialog.restore_button.isEnabled()


def test_empty_backup_list_explains(qtbot):
    dialog = BackupListDialog([])
    qtbot.addWidget(dialog)
    assert dialog.selected() is None and not dialog.restore_button.isEnabled()
    assert any("还没有备份" in label.text() for label in dialog.findChildren(QLabel))


# -------------------------------------------------------------------------- about
def test_about_shows_version_and_file(window, store, messages):
    window.action_about.trigger()
    kind, title, text = messages.of("about")[-1]
    assert __version__ in text and str(store.path) in text and "数据结构版本" in text


# ------------------------------------------------------------------- office name
def test_office_name_dialog(qtbot, store):
    dialog = OfficeNameDialog()
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    assert not ok.isEnabled(), "a name is required"
    # QTest cannot type Chinese key by key; an input method commits whole words like this
    dialog.office_edit.insert("  某某街道总工会 ")
    dialog.district_edit.insert("某某区总工会")
    assert ok.isEnabled()
    dialog.save_to(store)
    assert store.office_name == "某某街道总工会"
    assert store.get_setting("district_name") == "某某区总工会"


def test_first_start_asks_for_the_office_name(qtbot, tmp_path, monkeypatch):
    store = Store.open(tmp_path / "first.db")

    def fake_exec(self):
        self.office_edit.setText("某某街道总工会")
        self.district_edit.setText("某某区总工会")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(OfficeNameDialog, "exec", fake_exec)
    win = MainWindow(store)
    qtbot.addWidget(win)
    assert win.windowTitle().endswith("— first.db")
    win.ensure_office_name()
    assert win.windowTitle() == "某某街道总工会 — first.db"
    assert store.get_setting("district_name") == "某某区总工会"
    win.close()


def test_office_name_prompt_can_be_switched_off(qtbot, tmp_path):
    store = Store.open(tmp_path / "first.db")
    win = MainWindow(store, ask_office_name=False)
    qtbot.addWidget(win)
    win.ensure_office_name()  # would fail the test if it opened the dialog
    win.close()


# ------------------------------------------------------------------ window state
def test_window_geometry_and_tab_are_remembered(qtbot, store):
    win = MainWindow(store)
    qtbot.addWidget(win)
    win.show()
    # The offscreen screen is 800 px wide and the widest tabs need more, so the width is
    # clamped the same way for both windows; the height tells whether geometry was restored.
    win.resize(win.width(), 517)
    saved = (win.width(), win.height())
    assert saved[1] == 517
    win.tab_widget.setCurrentIndex(3)
    win.save_window_state()
    again = MainWindow(store)
    qtbot.addWidget(again)
    assert (again.width(), again.height()) == saved
    assert again.tab_widget.currentIndex() == 3
    assert QSettings().value(main_window.GEOMETRY_KEY) is not None


# --------------------------------------------------------------- the tab protocol
class LiveTab(QWidget):
    data_changed = Signal()

    def __init__(self, store):
        super().__init__()
        self.store, self.refreshed = store, 0

    def refresh(self):
        self.refreshed += 1

    def set_store(self, store):
        self.store = store


class PlainTab(QWidget):
    def __init__(self, store):
        super().__init__()
        self.store = store


def test_tab_protocol(qtbot, store, tmp_path, monkeypatch):
    monkeypatch.setattr(
        tabs,
        "TABS",
        [tabs.TabSpec("甲", "liveTab", LiveTab), tabs.TabSpec("乙", "plainTab", PlainTab), *tabs.TABS[2:]],
    )
    win = MainWindow(store)
    qtbot.addWidget(win)
    live, plain = win.tab("liveTab"), win.tab("plainTab")
    assert win.tab_titles()[:2] == ["甲", "乙"]
    add_orgs(store, 2)
    live.data_changed.emit()
    assert win.counts_label.text() == "单位记录 2 个（含工联会、已注销） · 会员记录 0 条（含退会、转出）"
    assert live.refreshed == 0, "the tab that changed data is not refreshed by its own signal"
    assert win.open_file(other_file(tmp_path))
    assert win.tab("liveTab") is live and live.store is win.store and live.refreshed == 1
    rebuilt = win.tab("plainTab")
    assert rebuilt is not plain and rebuilt.store is win.store
    win.close()


# ---------------------------------------------------------------------- run_gui
@pytest.fixture
def restore_app_names():
    app = QApplication.instance()
    names = app.organizationName(), app.applicationName()
    yield
    app.setOrganizationName(names[0])
    app.setApplicationName(names[1])


def test_run_gui_quits_with_1_when_the_clerk_gives_up(tmp_path, monkeypatch, restore_app_names):
    path = tmp_path / "busy.db"
    holder = Store.open(path)
    seen = []
    monkeypatch.setattr(app_module, "ask_after_open_error", lambda err: seen.append(str(err)) or "quit")
    try:
        assert app_module.run_gui(path) == 1
    finally:
        holder.close()
    assert "正在被使用" in seen[0]


def test_run_gui_opens_another_file_after_a_failure(tmp_path, monkeypatch, restore_app_names):
    busy, other = tmp_path / "busy.db", other_file(tmp_path)
    holder = Store.open(busy)
    monkeypatch.setattr(app_module, "ask_after_open_error", lambda err: "open")
    choose_file(monkeypatch, other)
    windows = []
    real = app_module.create_main_window
    monkeypatch.setattr(app_module, "create_main_window", lambda s, **k: windows.append(real(s, **k)) or windows[-1])
    monkeypatch.setattr(QApplication, "exec", staticmethod(lambda: 0))
    try:
        assert app_module.run_gui(busy) == 0
    finally:
        holder.close()
    (win,) = windows
    assert win.tab_titles() == TAB_TITLES
    assert win.windowTitle() == "另一个街道总工会 — 另一个.db"
    assert QApplication.instance().organizationName() == "UnionOffice"


def test_qt_chinese_translations_are_found(qapp):
    loaded = app_module.load_translations(qapp)
    assert loaded and loaded[0].name == "qtbase_zh_CN.qm"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
    assert QCoreApplication.translate("QFileDialog", "&Look in:") == "查找范围(&L)："  # a gap we fill


def test_a_chinese_ui_font_is_chosen(qapp):
    assert app_module.pick_cjk_family() is not None, "a Chinese UI font is installed"


# ------------------------------------------------------------------ lazy tabs
def test_tabs_are_built_when_first_shown(qtbot, store, monkeypatch):
    built = []

    class Recording(QWidget):
        def __init__(self, store):
            super().__init__()
            built.append(self)
            self.store = store

    specs = [tabs.TabSpec("甲", "aTab", Recording), tabs.TabSpec("乙", "bTab", Recording)]
    monkeypatch.setattr(tabs, "TABS", specs)
    win = MainWindow(store)
    qtbot.addWidget(win)
    assert len(built) == 1 and win.tab_widget.currentIndex() == 0  # only the tab on show
    win.tab_widget.setCurrentIndex(1)
    assert len(built) == 2 and win.tab_widget.currentWidget() is built[1]
    assert win.tab_titles() == ["甲", "乙"]
    assert win.tab("aTab") is built[0]  # asking for a tab by name never builds it twice
    assert len(built) == 2


def test_the_import_wizards_are_in_the_file_menu(window, qtbot):
    """A newcomer looked for 导入 in the 文件 menu first: there it opens the tab's own wizard."""
    texts = [a.text() for a in window.menuBar().actions()[0].menu().actions()]
    assert "导入会员名册…" in texts and "导入单位台账…" in texts
    window.action_import_members.trigger()
    members_tab = window.tab_widget.currentWidget()
    assert members_tab.objectName() == "membersTab"
    qtbot.waitUntil(lambda: members_tab.import_wizard.isVisible())
    assert members_tab.import_wizard.kind == "members"
    members_tab.import_wizard.reject()
    window.action_import_orgs.trigger()
    orgs_tab = window.tab_widget.currentWidget()
    assert orgs_tab.objectName() == "orgsTab"
    qtbot.waitUntil(lambda: orgs_tab.import_wizard.isVisible())
    orgs_tab.import_wizard.reject()
