"""The background runner: a job runs off the UI thread, can be cancelled without harm, and its
errors reach the clerk in Chinese."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from unionoffice.core.errors import UserError
from unionoffice.ui.widgets import runner
from unionoffice.ui.widgets.runner import Cancelled, Operation, with_worker_store


def test_job_runs_off_the_ui_thread_and_hands_back_its_result(qtbot):
    seen_threads, progress_seen = [], []

    def job(progress):
        seen_threads.append(threading.get_ident())
        for i in range(5):
            progress(i + 1, 5, f"正在处理第 {i + 1} 项")
            time.sleep(0.06)
        return 42

    op = Operation(None, "测试任务", job)
    op.progressed.connect(lambda done, total, text: progress_seen.append((done, total, text)))
    with qtbot.waitSignal(op.succeeded, timeout=5000) as blocker:
        op.start()
        assert runner.active_operations() == [op]
    assert blocker.args == [42]
    assert op.state == "succeeded" and op.result == 42
    assert seen_threads and seen_threads[0] != threading.get_ident()
    assert progress_seen[-1] == (5, 5, "正在处理第 5 项")
    assert runner.active_operations() == []


def test_cancel_stops_the_job_and_rolls_back_its_writes(qtbot, store, messages):
    started = threading.Event()

    def job(worker, progress):
        with worker.atomic():
            for i in range(2000):
                worker.execute("INSERT INTO orgs(name) VALUES (?)", (f"单位{i}",))
                started.set()
                progress(i, 2000, f"已写入 {i} 个单位")
                time.sleep(0.005)
        return "不该完成"

    op = Operation(None, "导入单位", with_worker_store(store, job))
    op.start()
    qtbot.waitUntil(op.dialog.isVisible, timeout=5000)  # long work shows its progress dialog
    assert op.dialog.windowTitle() == "导入单位"
    assert "已写入" in op.dialog.labelText()
    assert started.is_set()
    (cancel_button,) = op.dialog.findChildren(QPushButton)
    with qtbot.waitSignal(op.cancelled, timeout=5000):
        qtbot.mouseClick(cancel_button, Qt.MouseButton.LeftButton)
    assert op.state == "cancelled" and op.result is None
    assert store.counts()["orgs"] == 0, "a cancelled job leaves nothing behind"
    assert messages.calls == []


def test_cancel_button_is_in_chinese(qtbot):
    gate = threading.Event()

    def job(progress):
        while not gate.wait(0.01):
            progress(0, 0, "")

    op = Operation(None, "打印", job).start()
    buttons = [b.text() for b in op.dialog.findChildren(QPushButton)]
    assert buttons == ["取消"]
    op.cancel()
    qtbot.waitUntil(lambda: not op.is_running(), timeout=5000)
    assert op.state == "cancelled"


def test_user_error_is_shown_as_a_plain_warning(qtbot, messages):
    def job(progress):
        progress(1, 3, "检查数据")
        raise UserError("第 3 行缺少姓名，请补上后重新导入。")

    op = Operation(None, "导入会员", job)
    with qtbot.waitSignal(op.failed, timeout=5000) as blocker:
        op.start()
    assert isinstance(blocker.args[0], UserError)
    assert op.state == "failed"
    (kind, title, text), = messages.calls
    assert kind == "warning" and text == "第 3 行缺少姓名，请补上后重新导入。"
    assert "意外" not in title + text


def test_unexpected_error_is_logged_and_reported(qtbot, messages):
    def job(progress):
        raise ZeroDivisionError("boom")

    op = Operation(None, "导出", job)
    with qtbot.waitSignal(op.failed, timeout=5000):
        op.start()
    (kind, title, text), = messages.calls
    assert kind == "critical" and "程序遇到意外错误" in text
    log = text.split("日志：")[1].split("。")[0]
    assert "ZeroDivisionError" in open(log, encoding="utf-8").read()


def test_errors_can_be_left_to_the_caller(qtbot, messages):
    op = Operation(None, "x", lambda progress: 1 / 0, show_errors=False)
    with qtbot.waitSignal(op.failed, timeout=5000):
        op.start()
    assert isinstance(op.error, ZeroDivisionError) and messages.calls == []


def test_worker_store_commits_and_ui_sees_it(qtbot, store):
    def job(worker, progress):
        with worker.atomic():
            for i in range(10):
                worker.execute("INSERT INTO orgs(name) VALUES (?)", (f"单位{i}",))
                progress(i + 1, 10)
        return worker.counts()["orgs"]

    op = Operation(None, "写入", with_worker_store(store, job), on_success=lambda n: done.append(n))
    done = []
    with qtbot.waitSignal(op.finished, timeout=5000):
        op.start()
    assert done == [10] and store.counts()["orgs"] == 10


def test_progress_after_cancel_raises_cancelled(qtbot):
    worker = runner._Worker(lambda progress: None)
    worker.progress(1, 2)
    worker.request_cancel()
    with pytest.raises(Cancelled):
        worker.progress(2, 2)


def test_cancel_all_stops_running_jobs(qtbot):
    def job(progress):
        while True:
            progress(0, 0, "")
            time.sleep(0.01)

    op = Operation(None, "长任务", job).start()
    runner.cancel_all()
    assert op.state == "cancelled" and runner.active_operations() == []
