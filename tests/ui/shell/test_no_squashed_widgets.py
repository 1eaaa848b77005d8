"""At 1366×768 (the office's laptop) every tab, sub-tab and dialog shows each input, list and table
at least at its minimum size hint — the 逐个挑选会员 search box and its result list in the recipient
picker were squashed to about 8 px, and no test noticed."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtWidgets import (
    QAbstractItemView, QAbstractSpinBox, QComboBox, QDialog, QHeaderView, QLineEdit, QPlainTextEdit, QScrollArea, QTabWidget,
    QTextEdit, QWidget,
)

from unionoffice.app import create_main_window
from unionoffice.core.demo.office import generate_demo
from unionoffice.core.store.connection import Store

SCREEN = (1366, 768)
INPUTS = (QLineEdit, QComboBox, QAbstractItemView, QPlainTextEdit, QTextEdit, QAbstractSpinBox)


def inside_scroll_area(widget: QWidget, root: QWidget) -> bool:
    """A widget in a scroll area can be scrolled to; its size, not what shows now, is what counts."""
    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        if isinstance(parent, QScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def squashed(root: QWidget) -> list[str]:
    """Visible inputs, lists and tables under ``root`` showing less than their minimum size hint."""
    bad = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, INPUTS) or isinstance(widget, QHeaderView) or not widget.isVisible() \
                or widget.window() is not root.window():
            continue
        if isinstance(widget, QLineEdit) and isinstance(widget.parentWidget(), (QComboBox, QAbstractSpinBox)):
            continue  # the box around it is checked
        need = widget.minimumSizeHint()
        shown = widget.size() if inside_scroll_area(widget, root) else widget.visibleRegion().boundingRect().size()
        if shown.height() < need.height() or shown.width() < min(need.width(), 60):
            name = widget.objectName() or type(widget).__name__
            hint = getattr(widget, "placeholderText", lambda: "")() or widget.toolTip()
            bad.append(f"{root.window().windowTitle()} › {name}「{hint[:20]}」 {shown.width()}×{shown.height()} "
                       f"< {need.width()}×{need.height()}")
    return bad


def every_page(widget: QWidget):
    """Show each page of every tab widget in turn (sub-tabs too), yielding after each."""
    tabs = [t for t in [widget, *widget.findChildren(QTabWidget)] if isinstance(t, QTabWidget)]
    if not tabs:
        yield
        return
    for tab_widget in tabs:
        for index in range(tab_widget.count()):
            tab_widget.setCurrentIndex(index)
            yield


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    with Store.open(path) as store:
        generate_demo(store, members=150, seed=4)
    return path


@pytest.fixture
def win(qtbot, demo_file, tmp_path):
    store = Store.open(shutil.copy(demo_file, tmp_path / "office.db"), user="测试员")
    window = create_main_window(store, ask_office_name=False)
    qtbot.addWidget(window)
    window.resize(*SCREEN)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.close()
    window.store.close()


def check(qtbot, widget: QWidget) -> list[str]:
    qtbot.wait(5)  # let layouts settle
    return squashed(widget)


def test_every_tab_at_1366x768(win, qtbot):
    problems = []
    for index in range(win.tab_widget.count()):
        win.tab_widget.setCurrentIndex(index)
        tab = win.tab_widget.widget(index)
        for _page in every_page(tab):
            problems += check(qtbot, win)
    assert problems == []


def first_id(store, table: str) -> int:
    return store.scalar(f"SELECT min(id) FROM {table} WHERE deleted_at IS NULL")


def campaigns_panel(win):
    tab = win.tab("hardshipTab")
    win.tab_widget.setCurrentWidget(tab)
    tab.setCurrentWidget(tab.campaigns)
    return tab.campaigns


def dialogs(win) -> dict[str, callable]:
    from unionoffice.ui.assistance.campaign_panel import SignedDialog
    from unionoffice.ui.assistance.recipient_picker import RecipientPicker
    from unionoffice.ui.hardship import actions
    from unionoffice.ui.imports.wizard import ImportWizard
    from unionoffice.ui.members.recycle_bin import ORGS_BIN, RecycleBinDialog
    from unionoffice.ui.shell.audit_view import AuditLogDialog
    from unionoffice.ui.shell.clerk_dialog import ClerkDialog
    from unionoffice.ui.shell.dialogs import BackupSettingsDialog, DamagedFileDialog, OfficeNameDialog
    from unionoffice.ui.shell.password_dialog import LoginDialog, SetPasswordDialog
    from unionoffice.ui.activities.tools import ActivityBinDialog

    s = win.store
    file_id = first_id(s, "hardship_files")
    locked = s.scalar("SELECT min(id) FROM assistance WHERE locked = 1 AND reversal_of IS NULL")
    draft = s.scalar("SELECT id FROM campaigns WHERE status = '草稿'")
    return {
        "会员": lambda: win.tab("membersTab").open_member(first_id(s, "members")),
        "单位": lambda: win.tab("orgsTab").open_org(first_id(s, "orgs")),
        "困难档案": lambda: win.tab("hardshipTab").files.open_file(file_id),
        "新困难档案": lambda: win.tab("hardshipTab").files.new_file(),
        "困难类别": lambda: win.tab("hardshipTab").files.edit_categories(),
        "慰问活动": lambda: campaigns_panel(win).new_campaign(),
        "活动": lambda: win.tab("activitiesTab").open_activity(first_id(s, "activities")),
        "活动类型": lambda: win.tab("activitiesTab").edit_kinds(),
        "劳动争议": lambda: win.tab("disputesTab").open_case(first_id(s, "disputes")),
        "添加慰问对象·档案": lambda: RecipientPicker(s, draft, win),
        "添加慰问对象·单位": lambda: _picker_page(RecipientPicker(s, draft, win), 1),
        "添加慰问对象·逐个挑选会员": lambda: _picker_page(RecipientPicker(s, draft, win), 2),
        "标记已签领": lambda: SignedDialog(s, "测试", lambda day: 0, win),
        "更正": lambda: actions.CorrectionDialog(s, locked, win),
        "单笔慰问": lambda: actions.SinglePaymentDialog(s, None, win),
        "年度复核": lambda: actions.ReviewDialog(s, file_id, win),
        "脱困撤档": lambda: actions.CloseFileDialog(s, file_id, win),
        "单位回收站": lambda: RecycleBinDialog(s, win, ORGS_BIN),
        "会员回收站": lambda: RecycleBinDialog(s, win),
        "活动回收站": lambda: ActivityBinDialog(s, win),
        "操作日志": lambda: AuditLogDialog(s, win),
        "设置密码": lambda: SetPasswordDialog(s, win),
        "登录": lambda: LoginDialog(s, win),
        "经办人": lambda: ClerkDialog(s, win),
        "工会名称": lambda: OfficeNameDialog("测试街道总工会", "测试区总工会", win),
        "备份设置": lambda: BackupSettingsDialog("", str(s.path.parent), win),
        "文件损坏": lambda: DamagedFileDialog("数据库文件已损坏", None, win),
        "导入名册": lambda: ImportWizard(s, "members", win),
    }


def _picker_page(picker, index: int):
    picker.source_combo.setCurrentIndex(index)
    if index == 2:  # the clerk types a name: the result list appears under the search box
        picker.search.edit.setText("王")
        picker.search.search()
    return picker


def test_every_dialog_at_1366x768(win, qtbot):
    problems = []
    for name, make in dialogs(win).items():
        dialog = make()
        assert isinstance(dialog, QDialog), name
        if not dialog.isVisible():
            dialog.show()
        qtbot.waitExposed(dialog)
        # as large as it opens, within the screen
        size = dialog.size()
        dialog.resize(min(size.width(), SCREEN[0]), min(size.height(), SCREEN[1] - 40))
        for _page in every_page(dialog):
            problems += [f"{name}: {p}" for p in check(qtbot, dialog)]
        dialog.reject()
    assert problems == []
