"""Unexpected errors are logged and explained calmly; the program keeps running. Errors the clerk
can fix (UserError) are shown as plain warnings."""

from __future__ import annotations

import logging.handlers
import threading

import pytest
from PySide6.QtWidgets import QPushButton

from unionoffice.core.errors import FileInUseError, UserError
from unionoffice.ui.widgets import errors


@pytest.fixture
def hook(tmp_path):
    log = tmp_path / "logs" / errors.LOG_FILE_NAME
    uninstall = errors.install_excepthook(log)
    yield log
    uninstall()


def button_raising(qtbot, exc: BaseException) -> QPushButton:
    button = QPushButton("出错")
    qtbot.addWidget(button)

    def slot():
        raise exc

    button.clicked.connect(slot)
    return button


@pytest.mark.qt_no_exception_capture
def test_exception_in_a_slot_is_logged_and_explained(qtbot, window, store, hook, messages):
    button = button_raising(qtbot, RuntimeError("内部错误 xyz"))
    button.click()
    (kind, title, text), = messages.calls
    assert kind == "critical"
    assert text == f"程序遇到意外错误，已记录到日志：{hook}。您的数据未受影响，可以继续使用。"
    log = hook.read_text(encoding="utf-8")
    assert "Traceback" in log and "RuntimeError: 内部错误 xyz" in log and "in slot" in log
    # ...and the window still works
    store.execute("INSERT INTO orgs(name) VALUES ('还能用')")
    window.refresh_status()
    assert window.counts_label.text() == "单位记录 1 个（含工联会、已注销） · 会员记录 0 条（含退会、转出）"
    window.action_about.trigger()
    assert messages.of("about")


@pytest.mark.qt_no_exception_capture
def test_user_error_in_a_slot_is_a_plain_warning(qtbot, hook, messages):
    button_raising(qtbot, FileInUseError("数据库文件 a.db 正在被使用。")).click()
    (kind, title, text), = messages.calls
    assert kind == "warning" and text == "数据库文件 a.db 正在被使用。"
    assert "意外" not in title + text
    assert not hook.exists() or "FileInUseError" not in hook.read_text(encoding="utf-8")


@pytest.mark.qt_no_exception_capture
def test_exception_in_a_thread_is_reported_on_the_gui_thread(qtbot, hook, messages):
    thread = threading.Thread(target=lambda: 1 / 0, name="后台")
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: bool(messages.of("critical")), timeout=3000)
    assert "ZeroDivisionError" in hook.read_text(encoding="utf-8")


def test_show_user_error_helper(messages):
    errors.show_user_error(None, UserError("身份证号校验位不对，请核对第 18 位。"))
    assert messages.calls == [("warning", "无法完成操作", "身份证号校验位不对，请核对第 18 位。")]


def test_log_rotates_and_uninstall_restores_hooks(tmp_path):
    import sys

    before = (sys.excepthook, threading.excepthook)
    uninstall = errors.install_excepthook(tmp_path / "x.log")
    assert sys.excepthook is not before[0]
    handlers = logging.getLogger("unionoffice.crash").handlers
    assert any(isinstance(h, logging.handlers.RotatingFileHandler) for h in handlers)
    uninstall()
    assert (sys.excepthook, threading.excepthook) == before


def test_default_log_is_in_the_user_log_folder(isolated_user_dirs):
    path = errors.default_log_path()
    assert path.name == errors.LOG_FILE_NAME and "UnionOffice" in str(path)
    assert str(isolated_user_dirs) in str(path), "tests never write the real user's log"
