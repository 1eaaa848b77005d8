"""Switching the main window's file: 新建, 打开, 最近打开.

The new file is opened (its password asked, its pages checked) before anything else: a file in
use or a damaged one leaves the current file open. Then every tab gets the new store and the old
one is closed. ``FileSwitching`` is a part of ``MainWindow`` (main_window.py).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QMessageBox

from ...core.store import auth
from ...core.store.backup_listing import backup_origin
from ...core.store.check import quick_check
from ...core.store.opening import DB_SUFFIXES
from ...core.store.driver import PasswordError
from ...core.errors import UserError
from ...core.store.connection import DamagedFileError, Store
from . import dialogs, password_dialog
from ..widgets import errors, pending_edits, runner
from .recent_files import remember_recent
from .wait_cursor import wait_cursor

LAST_FOLDER_KEY = "lastFolder/database"
DB_FILTER = "数据库文件 (*.db *.sqlite *.sqlite3);;所有文件 (*)"


def database_name(path: Path) -> Path:
    """A new file's name ends in .db: "新 街道" or "2027 名册.xlsx" typed in 新建 is still a database."""
    if path.suffix.lower() in DB_SUFFIXES:
        return path
    return path.with_name(path.name.removesuffix(".xlsx").removesuffix(".xls") + ".db")


class FileSwitching:
    """How ``MainWindow`` changes the file it works on."""

    # ------------------------------------------------------------ office name
    def ensure_office_name(self) -> None:
        """Ask for the office name when the open file has none (first start, new file)."""
        if self._ask_office_name and not self.store.office_name:
            if dialogs.ask_office_name(self.store, self):
                self._update_title()

    # -------------------------------------------------------------- switching
    def _busy(self) -> bool:
        running = runner.active_operations()
        if running:
            names = "、".join(op.title for op in running)
            QMessageBox.warning(self, "请稍候", f"后台任务（{names}）还在进行，请等它完成后再切换或恢复数据文件。")
        return bool(running)

    def open_file(self, path: str | Path, *, create: bool = False) -> bool:
        """Switch to the file at ``path``; on any problem show it and keep the current file."""
        path = Path(path).expanduser().resolve()
        if path == self.store.path:
            return True
        if self._busy():
            return False
        if not pending_edits.settle(self):  # edits belong to the file still open: save or discard them first
            return False
        if not create and not path.is_file():
            QMessageBox.warning(self, "找不到文件", f"找不到数据库文件：{path}\n它可能已被移动或删除。")
            self._fill_recent_menu()
            return False
        if not create and not self._confirm_open_backup(path):
            return False
        try:
            new_store = self._open_with_password(path, create)
        except DamagedFileError as err:
            return self._offer_backup_for(err, path)
        except UserError as err:
            errors.show_user_error(self, err, "无法打开数据库")
            return False
        try:
            with wait_cursor():
                quick_check(new_store)  # before any tab reads it: the current file stays open
        except DamagedFileError as err:
            new_store.close()
            return self._offer_backup_for(err, path)
        if not password_dialog.login(new_store, self):
            new_store.close()
            return False
        if not auth.has_password(new_store):
            new_store.set_user(self.store.user)  # whoever logged in goes on acting in the new file
        self._switch_to(new_store)
        if self.auto_backup is not None:
            self.auto_backup.run_now()
        return True

    def _confirm_open_backup(self, path: Path) -> bool:
        """打开 on a backup (in the 备份 folder, or on the U盘 from the old PC): work typed into it is
        not in the office file, and an automatic backup is deleted when it gets old. Say so first."""
        origin = backup_origin(path)
        if origin is None:
            return True
        expires = "自动备份过期后还会被程序自动删除。" if origin.kind == "自动备份" else ""
        answer = QMessageBox.question(
            self,
            "这是一份备份",
            f"{path.name} 是数据库文件「{origin.office}」在 {origin.made_at:%Y-%m-%d %H:%M} 的{origin.kind}，"
            f"不是平时使用的数据库文件。\n\n在备份上录入的内容不会出现在「{origin.office}」里，"
            f"{expires}\n\n要用这份备份的数据，请打开平时使用的数据库文件，"
            "再用 文件 → 恢复…（新电脑上点「选择其他位置的备份…」选这个文件）。\n\n仍要直接打开这份备份吗？",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _switch_to(self, new_store: Store) -> None:
        old, self.store = self.store, new_store
        self._seen_version = self._data_version()
        self._stale.clear()
        self._hand_store_to_tabs()
        if old is not None and old is not new_store:
            old.close()
        QSettings().setValue(LAST_FOLDER_KEY, str(new_store.path.parent))
        remember_recent(new_store.path)
        self._after_store_change()
        self.store_switched.emit(new_store)
        self.ensure_office_name()
        self._warn_about_location(new_store)

    def _warn_about_location(self, store: Store) -> None:
        """A file on a network share: say once per opening where it belongs (see store/location)."""
        if store.network:
            from ...core.store.location import advice

            QMessageBox.warning(self, "数据库文件在共享文件夹中", advice(store.network, store.path))

    def _last_folder(self) -> str:
        return str(QSettings().value(LAST_FOLDER_KEY, "") or self.store.path.parent)

    def open_file_dialog(self) -> bool:
        name, _filter = QFileDialog.getOpenFileName(self, "打开数据库文件", self._last_folder(), DB_FILTER)
        return bool(name) and self.open_file(name)

    def new_file(self) -> bool:
        name, _filter = QFileDialog.getSaveFileName(
            self,
            "新建数据库文件",
            str(Path(self._last_folder()) / "新数据库.db"),
            DB_FILTER,
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if not name:
            return False
        path = database_name(Path(name))
        if path.exists():
            QMessageBox.warning(self, "文件已存在", f"文件 {path} 已经存在，不会覆盖它。\n若要使用这个文件，请用「打开」。")
            return False
        return self.open_file(path, create=True)

    def _open_with_password(self, path: Path, create: bool) -> Store:
        """Store.open; an encrypted file asks for its password (and who is working) until it opens
        or the clerk cancels (then the PasswordError says why it did not open)."""
        error: PasswordError | None = None
        password = None
        while True:
            try:
                with wait_cursor():
                    store = Store.open(path, create=create, password=password)
            except PasswordError as err:
                error = err
                answer = password_dialog.ask_open_password(err, self)
                if answer is None:
                    raise
                name, password = answer
                continue
            if error is not None:
                store.set_user(name)
            elif store.encrypted:
                store.set_user(self.store.user)  # its password was given earlier in this session
            return store
