"""UI tests run offscreen, each on a fresh temporary office file, with QSettings, the crash log
and the user folders redirected into the test's temp dir, and with every modal dialog replaced by
a recorder so that no test can ever block on a dialog."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from dataclasses import dataclass, field  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import QCoreApplication, QSettings  # noqa: E402
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox  # noqa: E402

from unionoffice.core.store.connection import Store  # noqa: E402
from unionoffice.ui.widgets import errors, runner  # noqa: E402
from sandbox_dirs import redirect_user_dirs  # noqa: E402

TEST_ORG = "UnionOfficeTest"


@dataclass
class MessageRecorder:
    """Stands in for QMessageBox's static functions; ``answer`` is what question() returns."""

    calls: list[tuple[str, str, str]] = field(default_factory=list)
    answer: QMessageBox.StandardButton = QMessageBox.StandardButton.Yes

    def record(self, kind: str):
        def fake(parent, title, text, *args, **kwargs):
            self.calls.append((kind, title, text))
            return self.answer if kind == "question" else QMessageBox.StandardButton.Ok

        return fake

    def of(self, kind: str) -> list[tuple[str, str, str]]:
        return [c for c in self.calls if c[0] == kind]

    def texts(self) -> str:
        return "\n".join(f"{title}\n{text}" for _kind, title, text in self.calls)


@pytest.fixture(autouse=True)
def isolated_user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qapp):
    """QSettings, platformdirs and the crash log point into tmp_path, never at the real user's."""
    home = tmp_path / "home"
    redirect_user_dirs(home, monkeypatch)
    QCoreApplication.setOrganizationName(TEST_ORG)
    QCoreApplication.setApplicationName(TEST_ORG)
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    for fmt in (QSettings.Format.IniFormat, QSettings.Format.NativeFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(home / "settings"))
    errors.setup_logging(tmp_path / "log" / errors.LOG_FILE_NAME)
    yield home
    runner.cancel_all()  # no background job outlives its test


@pytest.fixture(autouse=True)
def messages(monkeypatch: pytest.MonkeyPatch) -> MessageRecorder:
    """Every QMessageBox static call is recorded instead of shown; stray modals fail the test."""
    recorder = MessageRecorder()
    for kind in ("information", "warning", "critical", "question", "about"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(recorder.record(kind)))

    def no_modal(self, *args, **kwargs):
        raise AssertionError(f"a test opened a modal dialog: {type(self).__name__} {self.windowTitle()!r}")

    def no_file_dialog(*args, **kwargs):
        raise AssertionError("a test opened a file dialog without monkeypatching it")

    monkeypatch.setattr(QDialog, "exec", no_modal)
    # starting the program asks who is working: the tests' clerk answers (tests of it patch this again)
    from unionoffice.ui.shell.clerk_dialog import ClerkDialog

    def clerk_answers(dialog):
        dialog.clerk_combo.setCurrentText(dialog.clerk_combo.currentText() or "测试员")
        return QDialog.DialogCode.Accepted if dialog.submit() else QDialog.DialogCode.Rejected

    monkeypatch.setattr(ClerkDialog, "exec", clerk_answers)
    monkeypatch.setattr(QMessageBox, "exec", no_modal)
    for name in ("getOpenFileName", "getSaveFileName", "getExistingDirectory"):
        monkeypatch.setattr(QFileDialog, name, staticmethod(no_file_dialog))
    return recorder


def make_store(path: Path, office: str = "测试街道总工会") -> Store:
    store = Store.open(path)
    store.set_setting("office_name", office)
    store.set_setting("district_name", "测试区总工会")
    return store


@pytest.fixture
def new_store():
    """``new_store(path, office=...)`` opens a named office file; closed after the test."""
    opened: list[Store] = []

    def factory(path: Path, office: str = "测试街道总工会") -> Store:
        opened.append(make_store(path, office))
        return opened[-1]

    yield factory
    for s in opened:
        s.close()


@pytest.fixture
def store(tmp_path: Path):
    """A fresh office file with its name set (so the first-start dialog stays away)."""
    s = make_store(tmp_path / "office" / "工会.db")
    yield s
    s.close()


@pytest.fixture
def window(qtbot, store):
    from unionoffice.app import create_main_window

    win = create_main_window(store)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()
    win.store.close()
