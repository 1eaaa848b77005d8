"""Closing the window in the middle of an edit — on every editable table and every form — asks to
save or discard, never crashes and never writes into a closed file (issue 14: an amount typed into
the campaign table was lost with an AttributeError when the window closed)."""

from __future__ import annotations

import shutil
import sqlite3

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QLineEdit, QMessageBox, QPlainTextEdit, QTableView, QTableWidgetItem,
)

from unionoffice.app import create_main_window
from unionoffice.core.demo.office import generate_demo
from unionoffice.core.store.connection import Store
from unionoffice.ui.widgets import pending_edits

SAVE, DISCARD, CANCEL = (QMessageBox.StandardButton.Save, QMessageBox.StandardButton.Discard,
                         QMessageBox.StandardButton.Cancel)


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    with Store.open(path) as store:
        generate_demo(store, members=150, seed=3)
    return path


@pytest.fixture
def win(qtbot, demo_file, tmp_path):
    path = shutil.copy(demo_file, tmp_path / "office.db")
    store = Store.open(path, user="测试员")
    window = create_main_window(store, ask_office_name=False)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.close()
    window.store.close()


def first_id(win, table: str) -> int:
    return win.store.scalar(f"SELECT min(id) FROM {table} WHERE deleted_at IS NULL")


def campaign_panel(win):
    tab = win.tab("hardshipTab")
    win.tab_widget.setCurrentWidget(tab)
    tab.setCurrentWidget(tab.campaigns)
    return tab.campaigns


def draft_campaign(win) -> int:
    return win.store.scalar("SELECT id FROM campaigns WHERE status = '草稿' AND deleted_at IS NULL")


# every form the window opens, as the clerk opens it
FORMS = {
    "新会员": lambda w: w.tab("membersTab").new_member(),
    "修改会员": lambda w: w.tab("membersTab").open_member(first_id(w, "members")),
    "新单位": lambda w: w.tab("orgsTab").new_org(),
    "修改单位": lambda w: w.tab("orgsTab").open_org(first_id(w, "orgs")),
    "新困难档案": lambda w: w.tab("hardshipTab").files.new_file(),
    "修改困难档案": lambda w: w.tab("hardshipTab").files.open_file(first_id(w, "hardship_files")),
    "困难类别": lambda w: w.tab("hardshipTab").files.edit_categories(),
    "新慰问活动": lambda w: campaign_panel(w).new_campaign(),
    "修改慰问活动": lambda w: (campaign_panel(w).select_campaign(draft_campaign(w)), campaign_panel(w).edit_campaign())[1],
    "新活动": lambda w: w.tab("activitiesTab").new_activity(),
    "修改活动": lambda w: w.tab("activitiesTab").open_activity(first_id(w, "activities")),
    "活动类型": lambda w: w.tab("activitiesTab").edit_kinds(),
    "新劳动争议": lambda w: w.tab("disputesTab").new_case(),
    "修改劳动争议": lambda w: w.tab("disputesTab").open_case(first_id(w, "disputes")),
    "经办人": lambda w: w.choose_clerk(),
}


def type_into(dialog: QDialog) -> None:
    """Type into the first enabled text box, and start editing a cell of any editable table in it."""
    for edit in dialog.findChildren(QLineEdit) + dialog.findChildren(QPlainTextEdit):
        if edit.isVisibleTo(dialog) and edit.isEnabled() and not getattr(edit, "isReadOnly", lambda: False)():
            if isinstance(edit, QLineEdit):
                edit.setText(edit.text() + "改")
            else:
                edit.setPlainText(edit.toPlainText() + "\n改")
            break
    for view in dialog.findChildren(QTableView):
        if view.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers or not view.isVisibleTo(dialog):
            continue
        model = view.model()
        if model is None or model.columnCount(QModelIndex()) == 0:
            continue
        if model.rowCount(QModelIndex()) == 0 and hasattr(view, "insertRow"):
            view.insertRow(0)
            view.setItem(0, 0, QTableWidgetItem(""))
        for col in range(model.columnCount(QModelIndex())):
            index = model.index(0, col)
            if model.flags(index) & Qt.ItemFlag.ItemIsEditable:
                view.setCurrentIndex(index)
                view.edit(index)
                break


@pytest.mark.parametrize("name", list(FORMS))
def test_closing_the_window_with_a_form_open_asks_and_discards(win, messages, name):
    dialog = FORMS[name](win)
    assert isinstance(dialog, QDialog) and dialog.isVisible(), name
    type_into(dialog)
    messages.answer = CANCEL
    win.close()
    assert win.isVisible() and dialog.isVisible()  # cancelled: back to the form, nothing lost
    assert messages.of("question")[-1][1] == "保存修改吗？"
    messages.answer = DISCARD
    win.close()
    assert not win.isVisible() and not dialog.isVisible()
    assert win.store.conn is None


def edit_amount(win, qtbot, text: str):
    panel = campaign_panel(win)
    assert panel.select_campaign(draft_campaign(win))
    index = panel.model.index(0, panel.model.column_of("amount"))
    panel.view.setCurrentIndex(index)
    panel.view.edit(index)
    editor = panel.view.indexWidget(index)
    assert isinstance(editor, QLineEdit)
    editor.setText(text)
    return panel, panel.model.rows[0]["id"]


def amount_of(win_path, row_id: int) -> int:
    conn = sqlite3.connect(win_path)
    try:
        return conn.execute("SELECT amount FROM assistance WHERE id = ?", (row_id,)).fetchone()[0]
    finally:
        conn.close()


def test_closing_mid_edit_of_an_amount_saves_it(win, qtbot, messages):
    path = win.store.path
    _panel, row_id = edit_amount(win, qtbot, "654.32")
    messages.answer = SAVE
    win.close()
    assert not win.isVisible()
    assert amount_of(path, row_id) == 65432  # typed, then saved before the file closed
    assert "单元格" in messages.of("question")[-1][2]


def test_closing_mid_edit_of_an_amount_can_discard_or_go_back(win, qtbot, messages):
    path = win.store.path
    panel, row_id = edit_amount(win, qtbot, "654.32")
    before = amount_of(path, row_id)
    messages.answer = CANCEL
    win.close()
    assert win.isVisible() and pending_edits.open_editors(panel.view)  # still editing
    messages.answer = DISCARD
    win.close()
    assert not win.isVisible() and amount_of(path, row_id) == before


def test_switching_campaign_mid_edit_asks_first(win, qtbot, messages):
    panel, row_id = edit_amount(win, qtbot, "321")
    other = win.store.scalar("SELECT id FROM campaigns WHERE id <> ? AND deleted_at IS NULL", (draft_campaign(win),))
    messages.answer = CANCEL
    row = next(r for r in range(panel.campaign_list.rowCount())
               if panel.campaign_list.item(r, 0).data(Qt.ItemDataRole.UserRole) == other)
    panel.campaign_list.selectRow(row)
    assert panel.campaign_id == draft_campaign(win)  # she went back to her edit
    assert pending_edits.open_editors(panel.view)
    messages.answer = SAVE
    panel.campaign_list.selectRow(row)
    assert panel.campaign_id == other
    assert amount_of(win.store.path, row_id) == 32100


def test_restoring_a_backup_mid_edit_of_an_amount_asks_first(win, qtbot, messages, monkeypatch):
    """文件 → 恢复… while an amount is still being typed: the edit belongs to the file about to be
    replaced — save or discard it first, or go back to it."""
    from unionoffice.core.store.backup import list_backups, make_backup
    from unionoffice.ui.shell import dialogs

    make_backup(win.store)
    monkeypatch.setattr(dialogs, "choose_backup", lambda backups, parent=None: list_backups(win.store.path)[0])
    panel, row_id = edit_amount(win, qtbot, "654.32")
    messages.answer = CANCEL
    assert not win.restore_from_backup()
    assert messages.of("question")[-1][1] == "保存修改吗？"
    assert pending_edits.open_editors(panel.view)  # back to her edit, the file not replaced
    assert win.store.conn is not None
    messages.answer = DISCARD  # she lets the amount go: the restore is asked next (and, here, not confirmed)
    assert not win.restore_from_backup()
    assert messages.of("question")[-1][1] == "确认恢复"
    assert not pending_edits.open_editors(panel.view)
