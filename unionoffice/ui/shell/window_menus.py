"""The main window's 文件 and 帮助 menus, and the 最近打开 submenu.

``WindowMenus`` is a part of ``MainWindow`` (main_window.py): the actions call the window's own methods.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from . import attachment_repair
from .recent_files import clear_recent, recent_files, remember_recent
from .wait_cursor import wait_cursor


class WindowMenus:
    """The menus of ``MainWindow``; each action is kept as ``action_…`` for tests and shortcuts."""

    # ----------------------------------------------------------------- menus
    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("文件(&F)")
        self.action_new = self._action(file_menu, "新建…", self.new_file, "Ctrl+Shift+N")
        self.action_open = self._action(file_menu, "打开…", self.open_file_dialog, QKeySequence("Ctrl+O"))
        self.recent_menu = file_menu.addMenu("最近打开")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addSeparator()
        # the import wizards live on their tabs (导入…); the menu is where a newcomer looks first
        self.action_import_members = self._action(
            file_menu, "导入会员名册…", lambda: self.show_tab("membersTab").import_members())
        self.action_import_orgs = self._action(
            file_menu, "导入单位台账…", lambda: self.show_tab("orgsTab").import_orgs())
        file_menu.addSeparator()
        self.action_backup = self._action(file_menu, "备份", self.backup_now)
        self.action_restore = self._action(file_menu, "恢复…", self.restore_from_backup)
        self.action_recover_attachments = self._action(
            file_menu, "从备份找回附件…", lambda: attachment_repair.recover(self, self.store, wait_cursor))
        self.action_backup_settings = self._action(file_menu, "备份设置…", self.backup_settings)
        file_menu.addSeparator()
        self.action_audit_log = self._action(file_menu, "操作日志…", self.show_audit_log, "Ctrl+L")
        self.action_password = self._action(file_menu, "密码与加密…", self.set_password)
        self.action_clerk = self._action(file_menu, "经办人…", self.choose_clerk)
        file_menu.addSeparator()
        self.action_quit = self._action(file_menu, "退出", self.close, "Ctrl+Q")
        help_menu = self.menuBar().addMenu("帮助(&H)")
        self.action_about = self._action(help_menu, "关于", self.show_about)
        self._fill_recent_menu()

    def _action(self, menu: QMenu, text: str, slot, shortcut=None) -> QAction:
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        menu.addAction(action)
        return action

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        paths = recent_files()
        for number, path in enumerate(paths, start=1):
            current = path == self.store.path
            shown = str(path).replace("&", "&&")  # a folder named 工会&妇联: no mnemonic eats the '&'
            label = f"&{number} {shown}" + ("（当前）" if current else "")
            action = self.recent_menu.addAction(label)
            action.setEnabled(not current)
            action.setData(str(path))
            action.triggered.connect(lambda _checked=False, p=path: self.open_file(p))
        if not paths:
            self.recent_menu.addAction("（无）").setEnabled(False)
            return
        self.recent_menu.addSeparator()
        self.recent_menu.addAction("清除列表", self._clear_recent)

    def _clear_recent(self) -> None:
        clear_recent()
        remember_recent(self.store.path)
        self._fill_recent_menu()

    def recent_menu_paths(self) -> list[Path]:
        """The files the 最近打开 menu offers (for tests and the menu itself)."""
        self._fill_recent_menu()
        return [Path(a.data()) for a in self.recent_menu.actions() if a.data()]
