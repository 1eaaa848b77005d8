"""The window and the command line on one file: the window notices what was committed beside it,
and Ctrl+Q quits from every tab."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from unionoffice.core.store.connection import Store
from unionoffice.ui.shell.main_window import MainWindow


@pytest.fixture
def window(qtbot, store):
    w = MainWindow(store, ask_office_name=False)
    qtbot.addWidget(w)
    w.show()
    return w


def test_a_change_committed_beside_the_window_shows_up(window, store, qtbot):
    members = window.tab("membersTab")
    window.tab_widget.setCurrentWidget(members)
    # the window's own background work (the 工作台's integrity check on a worker connection) may
    # commit just after start: wait until nothing new is seen before changing the file beside it
    qtbot.waitUntil(lambda: not window.check_outside_changes(), timeout=5000)
    with Store.open(store.path, create=False, lock=False) as other:
        with other.atomic():
            other.execute("INSERT INTO members(name) VALUES ('窗外新增')")
        other.set_setting("office_name", "命令行改过的街道总工会")
    assert window.check_outside_changes()
    assert "会员记录 1 条" in window.counts_label.text()
    assert window.windowTitle().startswith("命令行改过的街道总工会")


def test_a_hidden_tab_is_reloaded_when_shown_again(window, store, monkeypatch):
    dashboard = window.tab("dashboardTab")
    members = window.tab("membersTab")
    window.tab_widget.setCurrentWidget(members)
    calls = []
    monkeypatch.setattr(dashboard, "refresh", lambda: calls.append("refresh"))
    with Store.open(store.path, create=False, lock=False) as other:
        other.set_setting("office_name", "改")
    window.check_outside_changes()
    assert calls == []  # not on screen: not reloaded yet
    window.tab_widget.setCurrentWidget(dashboard)
    assert calls == ["refresh"]


@pytest.mark.parametrize("index", range(7))
def test_ctrl_q_quits_from_every_tab(window, qtbot, index):
    window.tab_widget.setCurrentIndex(index)
    window.activateWindow()
    page = window.tab_widget.currentWidget()
    target = QApplication.focusWidget() or page
    QTest.keyClick(target, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    try:
        qtbot.waitUntil(lambda: not window.isVisible(), timeout=2000)
    finally:
        QTest.keyRelease(window, Qt.Key.Key_Control)  # later tests must not see Ctrl still held
    assert QApplication.keyboardModifiers() == Qt.KeyboardModifier.NoModifier
