"""The main window's backups: 备份, 恢复, 备份设置, the automatic backups' outcome, and a damaged
file met while working (offer the newest good backup, another file, or quit).

``BackupActions`` is a part of ``MainWindow`` (main_window.py); a restore reopens the file through
its ``FileSwitching`` part.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QMessageBox

from ...core.store.backup import (
    BackupPasswordError,
    BackupInfo,
    RestoreResult,
    backup_dir_for,
    backup_folder,
    backup_office,
    latest_good_backup,
    list_backups,
    restore_office,
    set_backup_folder,
)
from ...core.store import driver
from ...core.errors import UserError
from ...core.store.connection import DamagedFileError, Store
from . import dialogs, password_dialog
from ..widgets import errors, pending_edits
from .wait_cursor import wait_cursor


class BackupActions:
    """The backup and restore commands of ``MainWindow``."""

    # ---------------------------------------------------------------- backups
    def backup_now(self) -> Path | None:
        try:
            with wait_cursor():
                result = backup_office(self.store)
        except DamagedFileError as err:
            self.handle_damaged(err)
            return None
        except UserError as err:
            errors.show_user_error(self, err, "备份失败")
            return None
        text = "\n".join([f"已备份到：\n{result.path}", *result.files.lines()])
        if result.files.error or result.files.unavailable or result.files.beside:
            QMessageBox.warning(self, "备份完成，但附件有问题", text)
        else:
            QMessageBox.information(self, "备份完成", text)
        return result.path

    def restore_from_backup(self) -> bool:
        if self._busy():
            return False
        if not pending_edits.settle(self):  # an amount still being typed belongs to the file to be replaced
            return False
        backups = list_backups(self.store.path)
        info = dialogs.choose_backup(backups, self)
        if info is None or not self._confirm_restore(info):
            return False
        try:
            result = self._restore_and_reopen(info)
        except UserError as err:
            errors.show_user_error(self, err, "恢复失败")
            return False
        self._show_restored(info, result)
        return True

    def _confirm_restore(self, info: BackupInfo) -> bool:
        what = ("（已加密，恢复时要输入制作备份时的密码）" if info.locked
                else f"（会员 {info.members:,}，单位 {info.orgs:,}）")
        text = (
            f"将用 {info.made_at:%Y-%m-%d %H:%M} 的备份{what}"
            "替换当前的全部数据。\n\n当前数据会先另存一份安全副本，恢复后仍可找回。"
            + self._password_after_restore(info) + "确定要恢复吗？"
        )
        answer = QMessageBox.question(
            self,
            "确认恢复",
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _password_after_restore(self, info: BackupInfo) -> str:
        """The restored office opens with the backup's password: say so before, not after."""
        if info.locked:
            return "\n\n恢复后，数据库要用制作这份备份时的密码打开，而不是现在的密码。"
        if not info.encrypted and self.store.encrypted:
            return "\n\n这份备份没有加密：恢复后数据库没有打开密码，也不再加密（需要时请重新设置密码）。"
        if info.encrypted and driver.password_for(info.path) != self.store.password:
            return ("\n\n这份备份用的是以前的密码：恢复后，数据库要用那个以前的密码打开，而不是现在的密码。"
                    if self.store.encrypted else "\n\n这份备份是加密的：恢复后，数据库要用制作备份时的密码打开。")
        return "\n\n"

    def _restore_and_reopen(self, info: BackupInfo) -> RestoreResult:
        """Close the store, restore over its file, reopen it — reopened even if restore fails."""
        db_path, user = self.store.path, self.store.user
        if self.auto_backup is not None:
            with wait_cursor():
                # the day's backup may still be reading the file: Windows refuses to replace a file
                # another connection holds open (as handle_damaged waits before setting one aside)
                self.auto_backup.wait()
        self.store.close()
        try:
            password = None
            while True:  # an encrypted backup made under another password asks for that one
                try:
                    with wait_cursor():
                        return restore_office(info.path, db_path, user=user, password=password)
                except BackupPasswordError as err:
                    password = password_dialog.ask_backup_password(str(err), self)
                    if password is None:
                        raise
        finally:
            self._reopen(db_path)

    def _reopen(self, db_path: Path) -> None:
        try:
            new_store = Store.open(db_path, create=False, user=self.store.user)
        except UserError as err:
            errors.show_user_error(self, err, "无法重新打开数据库")
            QMessageBox.critical(self, "需要重新启动", "数据文件无法重新打开，程序将关闭。请重新启动程序。")
            self.close()
            raise
        self._switch_to(new_store)

    def _show_restored(self, info: BackupInfo, result: RestoreResult) -> None:
        if result.files.message():  # some attachments could not be brought back: not a plain "done"
            QMessageBox.warning(self, "恢复完成，但有附件未能找回", self._restored_message(info, result))
        else:
            QMessageBox.information(self, "恢复完成", self._restored_message(info, result))

    def _restored_message(self, info: BackupInfo, result: RestoreResult) -> str:
        counts = self.store.counts()  # the reopened file: a backup under another password listed none
        text = f"已恢复到 {info.made_at:%Y-%m-%d %H:%M} 的备份（会员 {counts['members']:,}，单位 {counts['orgs']:,}）。"
        if result.files.restored:
            text += f"\n从备份找回附件文件 {result.files.restored} 个。"
        if result.files.message():
            text += "\n\n" + result.files.message()
        for line in result.audit_lines():
            text += "\n\n" + line
        if result.safety:  # last: its own line, the path alone
            text += f"\n\n恢复前的数据已另存为安全副本：\n{result.safety}"
        return text

    def backup_settings(self) -> bool:
        default = backup_dir_for(self.store.path)
        current = backup_folder(self.store)
        dialog = dialogs.BackupSettingsDialog("" if current == default else str(current), str(default), self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        try:
            folder = set_backup_folder(self.store, dialog.folder() or None)
        except UserError as err:
            errors.show_user_error(self, err, "备份设置")
            return False
        self.statusBar().showMessage(f"备份文件夹：{folder}", 8000)
        return True

    # ------------------------------------------------------- automatic backups
    def _auto_backup_done(self, result) -> None:
        kept = len([b for b in list_backups(self.store.path) if b.kind == "自动备份"])
        lost = len(result.files.unavailable) if result.files is not None else 0
        note = f"；{lost} 个附件文件缺失或损坏，未能备份（文件 → 备份 查看）" if lost else ""
        self.statusBar().showMessage(f"已自动备份：{result.path.name}（保留 {kept} 个自动备份）{note}", 10000)

    def _auto_backup_failed(self, exc: BaseException) -> None:
        if isinstance(exc, DamagedFileError):
            self.handle_damaged(exc)
        elif isinstance(exc, UserError):
            errors.show_user_error(self, exc, "自动备份失败")
        else:
            errors.report_exception(exc, self, "自动备份")

    # ---------------------------------------------------------- damaged file
    def handle_damaged(self, err: DamagedFileError) -> str:
        """The open file turned out damaged: offer the newest good backup, another file, or quit."""
        path = err.path or self.store.path
        with wait_cursor():
            if self.auto_backup is not None:
                self.auto_backup.wait()  # its connection must be closed before the file is set aside
            good = latest_good_backup(path)
        choice = dialogs.ask_damaged(str(err), good, self, quit_text="退出程序")
        if choice == "restore" and good is not None:
            try:
                result = self._restore_and_reopen(good)
            except UserError as restore_err:
                errors.show_user_error(self, restore_err, "恢复失败")
                return "failed"
            self._show_restored(good, result)
        elif choice == "open":
            self.open_file_dialog()
        elif choice == "quit":
            self.close()
        return choice

    def _offer_backup_for(self, err: DamagedFileError, path: Path) -> bool:
        """打开 found a damaged file: the current file stays open; the damaged one may be restored."""
        with wait_cursor():
            good = latest_good_backup(path)
        choice = dialogs.ask_damaged(str(err), good, self, quit_text="取消")
        if choice == "restore" and good is not None:
            try:
                with wait_cursor():
                    result = restore_office(good.path, path, user=self.store.user if self.store else None)
            except UserError as restore_err:
                errors.show_user_error(self, restore_err, "恢复失败")
                return False
            self._show_restored(good, result)
            return self.open_file(path)
        if choice == "open":
            return self.open_file_dialog()
        return False
