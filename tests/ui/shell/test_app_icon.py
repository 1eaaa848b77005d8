"""The program's icon: drawn into resources/icons (in git, so a fresh clone builds), set on the
main window and, through the application, on every dialog and the taskbar button."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QIcon, QImage
from PySide6.QtWidgets import QApplication

from unionoffice import app as app_module
from unionoffice.app import create_main_window


@pytest.fixture
def restore_app_names_and_icon():
    app = QApplication.instance()
    saved = app.organizationName(), app.applicationName(), app.windowIcon()
    yield app
    app.setOrganizationName(saved[0])
    app.setApplicationName(saved[1])
    app.setWindowIcon(saved[2] if not saved[2].isNull() else QIcon())


def test_icon_files_are_in_the_source_tree():
    png = QImage(str(app_module.ICON))
    assert png.width() == 256 and png.height() == 256
    ico = app_module.ICON.with_suffix(".ico")
    assert ico.read_bytes()[:4] == b"\x00\x00\x01\x00"  # a Windows icon file


def test_main_window_carries_the_icon(qtbot, store):
    window = create_main_window(store, ask_office_name=False)
    qtbot.addWidget(window)
    assert not window.windowIcon().isNull()
    assert window.windowIcon().availableSizes()


def test_configure_app_sets_the_application_icon(restore_app_names_and_icon):
    app = restore_app_names_and_icon
    app_module.configure_app(app)
    assert not app.windowIcon().isNull()
