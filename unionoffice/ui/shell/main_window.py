"""The main window: the tabs of the registry, the 文件/帮助 menus and the status bar.

The window owns the open ``Store``. Switching files (新建 / 打开 / 最近打开 / 恢复) opens the new file
first — so a file in use or a damaged file leaves the current one open — then hands the new store
to every tab (``set_store`` + ``refresh``, or a rebuilt tab) and closes the old one.

Its parts, one module each: window_tabs (the tabs), window_menus (the menus), window_status (the
status bar and title), window_files (switching files), window_backups (backups, restore, a
damaged file). This module holds what is the window's own: building it, its size and place,
the audit log, the password, 经办人, 关于, and closing.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication
from PySide6.QtWidgets import QMainWindow, QMessageBox, QTabWidget, QWidget

from ... import APP_NAME, __version__
from ...core.store.backup import backup_folder
from ...core.store.connection import Store
from . import audit_view, password_dialog, tabs
from ..widgets import errors, pending_edits, runner
from .backup_timer import AutoBackup
from .recent_files import remember_recent
from .window_backups import BackupActions
from .window_files import FileSwitching
from .window_menus import WindowMenus
from .window_status import WindowStatus
from .window_tabs import WindowTabs

GEOMETRY_KEY = "mainWindow/geometry"
STATE_KEY = "mainWindow/state"
TAB_KEY = "mainWindow/tab"


class MainWindow(WindowTabs, WindowMenus, WindowStatus, FileSwitching, BackupActions, QMainWindow):
    store_switched = Signal(object)  # the new Store, after a file switch or restore

    def __init__(self, store: Store, *, ask_office_name: bool = True, auto_backup: bool = False,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.store = store
        self._ask_office_name = ask_office_name
        # run_gui switches automatic backups on; tests and benchmarks build windows without them
        self.auto_backup: AutoBackup | None = AutoBackup(lambda: self.store, self) if auto_backup else None
        self._specs = list(tabs.TABS)
        self.tab_widget = QTabWidget()
        self.tab_widget.setObjectName("mainTabs")
        self.tab_widget.setDocumentMode(True)
        self.setCentralWidget(self.tab_widget)
        self._build_tabs()
        self._build_menus()
        self._build_status_bar()
        self._restore_window_state()
        self._ensure_built(self.tab_widget.currentIndex())
        remember_recent(store.path)
        self._after_store_change()
        self._watch_for_outside_changes()
        if self.auto_backup is not None:
            self.auto_backup.succeeded.connect(self._auto_backup_done)
            self.auto_backup.failed.connect(self._auto_backup_failed)
            self.auto_backup.start()

    # ------------------------------------------------------- audit, password
    def show_audit_log(self) -> QWidget:
        dialog = audit_view.open_audit_log(self.store, self)
        self.store_switched.connect(dialog.close)
        return dialog

    def set_password(self) -> str:
        if self._busy():  # encrypting replaces the file: no background job may be writing to it
            return ""
        if self.auto_backup is not None and self.auto_backup.busy():
            QMessageBox.information(self, "请稍候", "正在自动备份，请等一会儿（状态栏显示备份完成）再设置密码。")
            return ""
        done = password_dialog.change_password(self.store, self)
        self._seen_version = self._data_version()  # the file was replaced: its counter starts anew
        if done:
            QMessageBox.information(self, "设置密码", done)
        return done

    # ------------------------------------------------------------------ about
    def show_about(self) -> None:
        text = (
            f"{APP_NAME}\n版本 {__version__}\n\n"
            f"数据文件：{self.store.path}\n"
            f"数据结构版本：{self.store.schema_version}\n"
            f"备份文件夹：{backup_folder(self.store)}\n"
            f"错误日志：{errors.log_path()}"
        )
        QMessageBox.about(self, f"关于{APP_NAME}", text)

    # ---------------------------------------------------------- window state
    def _restore_window_state(self) -> None:
        settings = QSettings()
        geometry = settings.value(GEOMETRY_KEY)
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self._default_size()
        state = settings.value(STATE_KEY)
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state)
        tab = int(settings.value(TAB_KEY, 0) or 0)
        if 0 <= tab < self.tab_widget.count():
            self.tab_widget.setCurrentIndex(tab)

    def _default_size(self) -> None:
        screen = QGuiApplication.primaryScreen()
        area = screen.availableGeometry() if screen else None
        width, height = 1180, 760
        if area is not None:
            width, height = min(width, area.width() - 40), min(height, area.height() - 60)
        self.resize(max(width, 640), max(height, 480))

    def save_window_state(self) -> None:
        settings = QSettings()
        settings.setValue(GEOMETRY_KEY, self.saveGeometry())
        settings.setValue(STATE_KEY, self.saveState())
        settings.setValue(TAB_KEY, self.tab_widget.currentIndex())

    def choose_clerk(self):
        """Who is working now, and the office's list of clerks (non-modal)."""
        from .clerk_dialog import ClerkDialog

        dialog = ClerkDialog(self.store, self, at_start=False)
        dialog.accepted.connect(lambda: self.statusBar().showMessage(f"经办人：{self.store.user}", 5000))
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        dialog.open()
        return dialog

    def closeEvent(self, event: QCloseEvent) -> None:
        if not pending_edits.settle(self):  # a cell or form still being edited: save or discard first
            event.ignore()
            return
        if runner.active_operations() and not self._confirm_quit_while_busy():
            event.ignore()
            return
        runner.cancel_all()
        if self.auto_backup is not None:
            self.auto_backup.stop()
        self.save_window_state()
        self.store.close()
        event.accept()

    def _confirm_quit_while_busy(self) -> bool:
        answer = QMessageBox.question(
            self,
            "确认退出",
            "后台任务还在进行。现在退出会取消它（已完成的部分不会保存）。确定要退出吗？",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes
