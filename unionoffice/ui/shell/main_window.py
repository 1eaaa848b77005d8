"""The main window: the tabs of the registry, the 文件/帮助 menus and the status bar.

The window owns the open ``Store``. Switching files (新建 / 打开 / 最近打开 / 恢复) opens the new file
first — so a file in use or a damaged file leaves the current one open — then hands the new store
to every tab (``set_store`` + ``refresh``, or a rebuilt tab) and closes the old one.
"""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QLabel,
    QDialog,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSizePolicy,
    QTabWidget,
    QWidget,
)

from ... import APP_NAME, __version__
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
from ...core.store import auth, driver
from ...core.store.check import quick_check
from ...core.store.driver import PasswordError
from ...core.errors import UserError
from ...core.store.connection import DamagedFileError, Store
from . import attachment_repair, audit_view, dialogs, password_dialog, tabs
from ..widgets import errors, pending_edits, runner
from .backup_timer import AutoBackup

MAX_RECENT = 8
OUTSIDE_POLL_MS = 2000  # how soon the window shows what a command beside it changed
RECENT_KEY = "recentFiles"
LAST_FOLDER_KEY = "lastFolder/database"
GEOMETRY_KEY = "mainWindow/geometry"
STATE_KEY = "mainWindow/state"
TAB_KEY = "mainWindow/tab"
DB_FILTER = "数据库文件 (*.db *.sqlite *.sqlite3);;所有文件 (*)"


# -------------------------------------------------------------------- recent files
def recent_files() -> list[Path]:
    """The recently opened files that still exist, newest first (at most ``MAX_RECENT``)."""
    raw = QSettings().value(RECENT_KEY, [], type=list) or []
    paths = [Path(p) for p in raw if p]
    existing = [p for p in paths if p.is_file()][:MAX_RECENT]
    if len(existing) != len(paths):
        _save_recent(existing)
    return existing


def remember_recent(path: Path) -> None:
    path = Path(path)
    others = [p for p in recent_files() if p != path]
    _save_recent([path, *others][:MAX_RECENT])


def clear_recent() -> None:
    _save_recent([])


def _save_recent(paths: list[Path]) -> None:
    QSettings().setValue(RECENT_KEY, [str(p) for p in paths])


@contextmanager
def wait_cursor() -> Iterator[None]:
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()


class _TabSlot(QWidget):
    """Stands in for a tab until it is first shown (see MainWindow._build_tabs)."""

    def __init__(self, spec: tabs.TabSpec):
        super().__init__()
        self.spec = spec
        self.setObjectName(spec.object_name)


# ---------------------------------------------------------------------- the window
class MainWindow(QMainWindow):
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

    # ------------------------------------------------------------------ tabs
    # Tabs are built the first time they are shown: the clerk sees the window as soon as the
    # first tab is ready, and tabs she never opens (a 报表 of a 100,000-member office) cost nothing.
    def _build_tabs(self) -> None:
        for spec in self._specs:
            self.tab_widget.addTab(_TabSlot(spec), spec.title)
        self.tab_widget.currentChanged.connect(self._ensure_built)

    def _make_tab(self, spec: tabs.TabSpec) -> QWidget:
        widget = spec.factory(self.store)
        widget.setObjectName(spec.object_name)
        signal = getattr(widget, "data_changed", None)
        if signal is not None and hasattr(signal, "connect"):
            signal.connect(lambda w=widget: self.on_data_changed(w))
        return widget

    def _ensure_built(self, index: int) -> QWidget | None:
        widget = self.tab_widget.widget(index)
        if isinstance(widget, _TabSlot):
            widget = self._put_tab(index, self._make_tab(widget.spec))
        return widget

    def _put_tab(self, index: int, widget: QWidget) -> QWidget:
        """Swap the widget at ``index`` keeping the current tab where it is."""
        current = self.tab_widget.currentIndex()
        old = self.tab_widget.widget(index)
        blocked = self.tab_widget.blockSignals(True)
        self.tab_widget.insertTab(index, widget, self._specs[index].title)
        self.tab_widget.removeTab(index + 1)
        self.tab_widget.setCurrentIndex(current)
        self.tab_widget.blockSignals(blocked)
        old.deleteLater()
        return widget

    def tab_titles(self) -> list[str]:
        return [self.tab_widget.tabText(i) for i in range(self.tab_widget.count())]

    def tab(self, object_name: str) -> QWidget:
        """The tab widget by object name, built now if it has not been shown yet; a page of a
        group (登记簿) is found by its own object name too."""
        for i in range(self.tab_widget.count()):
            if self.tab_widget.widget(i).objectName() == object_name:
                return self._ensure_built(i)
        for i, spec in enumerate(self._specs):
            if any(page.object_name == object_name for page in spec.pages):
                return self._ensure_built(i).page(object_name)
        raise KeyError(object_name)

    def show_tab(self, object_name: str) -> QWidget:
        """Bring the tab (or the group page) named ``object_name`` to the front; returns it."""
        widget = self.tab(object_name)
        for i, spec in enumerate(self._specs):
            if spec.object_name == object_name:
                self.tab_widget.setCurrentIndex(i)
            elif any(page.object_name == object_name for page in spec.pages):
                self.tab_widget.setCurrentIndex(i)
                self.tab_widget.widget(i).show_page(object_name)
        return widget

    def current_page(self) -> QWidget:
        """What the clerk sees: the current tab, or inside a group its current page."""
        widget = self.tab_widget.currentWidget()
        inner = getattr(widget, "current_page", None)
        return inner() if callable(inner) else widget

    def tab_widgets(self) -> list[QWidget]:
        """The tabs built so far (the others will be built on the current store when shown)."""
        widgets = [self.tab_widget.widget(i) for i in range(self.tab_widget.count())]
        return [w for w in widgets if not isinstance(w, _TabSlot)]

    def refresh_tabs(self, *, skip: QWidget | None = None) -> None:
        for widget in self.tab_widgets():
            if widget is not skip and callable(getattr(widget, "refresh", None)):
                widget.refresh()

    def on_data_changed(self, source: QWidget | None = None) -> None:
        """A tab (or a finished background operation) changed records: refresh the rest."""
        self.refresh_status()
        self.refresh_tabs(skip=source)

    # ------------------------------------------------- changes from outside
    # A command run beside the window (or a background connection) commits through another
    # connection; SQLite counts those commits in PRAGMA data_version. Polling it is cheap (no
    # query on the tables), so the window sees them within seconds: the tab on screen is
    # reloaded at once, the others when they are shown again.
    def _watch_for_outside_changes(self) -> None:
        self._stale: set[int] = set()
        self._seen_version = self._data_version()
        self.outside_timer = QTimer(self)
        self.outside_timer.setInterval(OUTSIDE_POLL_MS)
        self.outside_timer.timeout.connect(self.check_outside_changes)
        self.outside_timer.start()
        self.tab_widget.currentChanged.connect(self._refresh_if_stale)

    def _data_version(self) -> int | None:
        try:
            return self.store.data_version()
        except Exception:  # noqa: BLE001 - a closed or damaged store is reported elsewhere
            return None

    def check_outside_changes(self) -> bool:
        """Reload what another connection changed; True when there was something."""
        version = self._data_version()
        if version is None or version == self._seen_version:
            return False
        self._seen_version = version
        self.refresh_status()
        self._update_title()
        current = self.tab_widget.currentWidget()
        for widget in self.tab_widgets():
            if widget is current:
                if callable(getattr(widget, "refresh", None)):
                    widget.refresh()
            else:
                self._stale.add(id(widget))
        return True

    def _refresh_if_stale(self, index: int) -> None:
        widget = self.tab_widget.widget(index)
        if widget is not None and id(widget) in self._stale:
            self._stale.discard(id(widget))
            if callable(getattr(widget, "refresh", None)):
                widget.refresh()

    def _hand_store_to_tabs(self) -> None:
        for index, spec in enumerate(self._specs):
            widget = self.tab_widget.widget(index)
            if isinstance(widget, _TabSlot):
                continue
            if callable(getattr(widget, "set_store", None)):
                widget.set_store(self.store)
                if callable(getattr(widget, "refresh", None)):
                    widget.refresh()
            else:
                self._replace_tab(index, spec)

    def _replace_tab(self, index: int, spec: tabs.TabSpec) -> None:
        """A tab that cannot take a new store is rebuilt (now if showing, else when next shown)."""
        showing = index == self.tab_widget.currentIndex()
        self._put_tab(index, self._make_tab(spec) if showing else _TabSlot(spec))

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
            label = f"&{number} {path}" + ("（当前）" if current else "")
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

    # ------------------------------------------------------------ status bar
    def _build_status_bar(self) -> None:
        self.path_label = QLabel()
        self.path_label.setObjectName("pathLabel")
        self.path_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.counts_label = QLabel()
        self.counts_label.setObjectName("countsLabel")
        self.statusBar().addWidget(self.path_label, 1)
        self.statusBar().addPermanentWidget(self.counts_label)

    def refresh_status(self) -> None:
        counts = self.store.counts()
        # every record in the file, not the 在册 figures of the 工作台 and 单位 tab: say so
        self.counts_label.setText(f"单位记录 {counts['orgs']:,} 个（含工联会、已注销） · "
                                  f"会员记录 {counts['members']:,} 条（含退会、转出）")
        self.path_label.setText(f"数据文件：{self.store.path}")
        self.path_label.setToolTip(str(self.store.path))

    def _update_title(self) -> None:
        office = self.store.office_name or APP_NAME
        self.setWindowTitle(f"{office} — {self.store.path.name}")

    def _after_store_change(self) -> None:
        self._update_title()
        self.refresh_status()
        self._fill_recent_menu()

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
        path = Path(name)
        if not path.suffix:
            path = path.with_suffix(".db")
        if path.exists():
            QMessageBox.warning(self, "文件已存在", f"文件 {path} 已经存在，不会覆盖它。\n若要使用这个文件，请用「打开」。")
            return False
        return self.open_file(path, create=True)

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
            f"备份文件夹：{backup_dir_for(self.store.path)}\n"
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
