"""Starting the GUI: the QApplication, Qt's Chinese translations, a CJK font, the error hook,
the office file and the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from . import APP_ID
from .core.errors import StoreError, UserError
from .core.store import driver
from .core.store.connection import DamagedFileError, Store, default_db_path
from .core.store.driver import PasswordError

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
ICON = RESOURCES / "icons" / "unionoffice.png"
QT_CATALOGUES = ("qtbase_zh_CN",)
# Chinese UI fonts, best first: Windows, macOS, 信创 Linux / Noto, WenQuanYi, old Windows.
CJK_FAMILIES = (
    "Microsoft YaHei UI",
    "Microsoft YaHei",
    "PingFang SC",
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Droid Sans Fallback",
    "SimHei",
    "SimSun",
)
MIN_POINT_SIZE = 10


# ---------------------------------------------------------------- application setup
def configure_app(app: QApplication) -> None:
    """Names used by QSettings (``UnionOffice/UnionOffice``) and the Chinese default locale."""
    app.setOrganizationName(APP_ID)
    app.setApplicationName(APP_ID)
    app.setWindowIcon(app_icon())  # every window and dialog, and the taskbar button
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))


def app_icon() -> QIcon:
    """The program's icon (resources/icons, drawn by make_icon.py); the .exe carries the .ico."""
    return QIcon(str(ICON))


def translation_dirs() -> list[Path]:
    """Our own copy first (for frozen builds), then the one shipped with the Qt wheel."""
    return [RESOURCES / "translations", Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))]


# Strings of Qt 6.12 that its own qtbase_zh_CN.qm does not cover yet (found by listing what the
# file dialog, message boxes, context menus and calendar ask for): (context, source, disambiguation).
QT_GAPS = {
    ("QFileDialog", "&Look in:", None): "查找范围(&L)：",
    ("QFileDialog", "Files of &type:", None): "文件类型(&T)：",
    ("QAbstractFileIconProvider", "Drive", None): "驱动器",
    ("QAbstractFileIconProvider", "Folder", "All other platforms"): "文件夹",
}


class GapTranslator(QTranslator):
    """Fills the few holes of Qt's catalogue; installed first, so Qt's own file wins elsewhere."""

    def translate(self, context, source, disambiguation=None, n=-1):  # noqa: D102 - Qt override
        # None (a null QString) means "no translation here"; "" would blank every other string
        # that goes through QCoreApplication.translate (QUiLoader forms, for one).
        return QT_GAPS.get((context, source, disambiguation))

    def isEmpty(self) -> bool:  # noqa: D102 - Qt override
        return False


def load_translations(app: QApplication) -> list[Path]:
    """Install Qt's zh_CN catalogues (standard buttons, file dialogs...). Returns the files loaded.

    Idempotent: a second call returns what the first one loaded.
    """
    done = getattr(app, "_unionoffice_translations", None)
    if done is not None:
        return list(done[1])
    gaps = GapTranslator(app)
    app.installTranslator(gaps)  # asked last: translators installed later are asked first
    translators: list[QTranslator] = [gaps]
    loaded: list[Path] = []
    for name in QT_CATALOGUES:
        for folder in translation_dirs():
            path = folder / f"{name}.qm"
            translator = QTranslator(app)
            if path.is_file() and translator.load(str(path)):
                app.installTranslator(translator)
                translators.append(translator)
                loaded.append(path)
                break
    app._unionoffice_translations = (translators, loaded)  # keep them alive
    return loaded


def load_bundled_fonts() -> None:
    folder = RESOURCES / "fonts"
    if folder.is_dir():
        for path in sorted(folder.iterdir()):
            if path.suffix.lower() in (".ttf", ".otf", ".ttc"):
                QFontDatabase.addApplicationFont(str(path))


def pick_cjk_family() -> str | None:
    installed = set(QFontDatabase.families())
    return next((family for family in CJK_FAMILIES if family in installed), None)


def set_ui_font(app: QApplication) -> QFont:
    """Prefer a proper Chinese UI font, keeping the system font as the fallback for the rest."""
    load_bundled_fonts()
    font = QFont(app.font())
    family = pick_cjk_family()
    if family:
        font.setFamilies([family, *[f for f in font.families() if f != family]])
    if 0 < font.pointSizeF() < MIN_POINT_SIZE:
        font.setPointSizeF(MIN_POINT_SIZE)
    app.setFont(font)
    return font


def application() -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
    return app


# ------------------------------------------------------------------ opening the file
def open_store_interactively(path: Path) -> Store | None:
    """Open ``path``; on failure explain and let the clerk pick another file, or None if she quits."""
    name, password = None, None
    while True:
        try:
            store = Store.open(path, password=password)
            if name:
                store.set_user(name)  # typed with the password; the login is then not asked again
            return store
        except PasswordError as err:
            answer = ask_open_password(err)
            if answer is not None:
                name, password = answer
                continue
            problem = err
        except DamagedFileError as err:
            chosen = recover_damaged(err, path)
            if chosen is None:
                return None
            path = chosen
            continue
        except UserError as err:
            problem = err
        except Exception as exc:  # noqa: BLE001 - a bug or odd OS error: log it, still offer a way out
            from .ui.widgets import errors

            errors.log_exception(exc, "打开数据库")
            problem = StoreError(f"无法打开数据库文件 {path}：{exc}")
        chosen = offer_other_file(problem, path)
        if chosen is None:
            return None
        path = chosen


def ask_open_password(err: PasswordError) -> tuple[str, str] | None:
    """(name, password) for an encrypted file, or None to pick another file (a seam for tests)."""
    from .ui.shell.password_dialog import ask_open_password as ask

    return ask(err)


def recover_damaged(err: DamagedFileError, path: Path) -> Path | None:
    """The file is damaged: restore the newest good backup over it (the damaged file is set aside),
    or pick another file. Returns the file to open next, or None when the clerk quits."""
    from .core.store.backup import latest_good_backup, restore_office

    path = Path(path).expanduser().resolve()  # the dialog names the backup by its full path
    good = latest_good_backup(path)
    while True:
        choice = ask_damaged_at_start(err, good)
        if choice == "restore" and good is not None:
            try:
                done = restore_office(good.path, path)
            except UserError as restore_err:
                QMessageBox.warning(None, "恢复失败", str(restore_err))
                continue
            lost = done.files.message()
            QMessageBox.information(None, "恢复完成", f"已用 {good.made_at:%Y-%m-%d %H:%M} 的备份恢复 {path.name}。"
                                    + (f"\n\n{lost}" if lost else "")
                                    + (f"\n\n损坏的文件已原样另存为：\n{done.safety}" if done.safety else ""))
            return path
        if choice == "open":
            picked = pick_file("open", path)
            if picked is not None:
                return picked
            continue
        return None


def ask_damaged_at_start(err: DamagedFileError, good) -> str:
    """'restore', 'open' or 'quit' (a seam for tests)."""
    from .ui.shell.dialogs import ask_damaged

    return ask_damaged(str(err), good)


def offer_other_file(err: BaseException, current: Path) -> Path | None:
    while True:
        choice = ask_after_open_error(err)
        if choice == "quit":
            return None
        picked = pick_file(choice, current)
        if picked is not None:
            return picked


def ask_after_open_error(err: BaseException) -> str:
    """'open', 'new' or 'quit', as the clerk decides after reading why the file did not open."""
    box = QMessageBox(QMessageBox.Icon.Warning, "无法打开数据库", str(err))
    box.setInformativeText("您可以打开另一个数据库文件、新建一个，或退出程序。")
    open_button = box.addButton("打开其他文件…", QMessageBox.ButtonRole.AcceptRole)
    new_button = box.addButton("新建文件…", QMessageBox.ButtonRole.ActionRole)
    quit_button = box.addButton("退出", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(open_button)
    box.setEscapeButton(quit_button)
    box.exec()
    clicked = box.clickedButton()
    return "open" if clicked is open_button else "new" if clicked is new_button else "quit"


def pick_file(choice: str, current: Path) -> Path | None:
    from .ui.shell.window_files import DB_FILTER, database_name

    folder = str(current.parent if current.parent.is_dir() else Path.home())
    if choice == "new":
        name, _ = QFileDialog.getSaveFileName(None, "新建数据库文件", str(Path(folder) / "新数据库.db"), DB_FILTER)
        if name:
            return database_name(Path(name))
    else:
        name, _ = QFileDialog.getOpenFileName(None, "打开数据库文件", folder, DB_FILTER)
    return Path(name) if name else None


# ----------------------------------------------------------------------------- GUI
def login(store: Store) -> bool:
    """The password prompt when the file has one, else who is working (a seam for tests): the
    name typed at login, or the clerk chosen, acts from now on (经办人, 制表, 操作人)."""
    from .core.store import auth
    from .ui.shell.clerk_dialog import ask_clerk
    from .ui.shell.password_dialog import login as ask_login

    if auth.has_password(store):
        return ask_login(store)
    return ask_clerk(store)


def create_main_window(store: Store, **kwargs):
    """The main window on ``store`` (tests pass ``ask_office_name=False`` to skip the prompt)."""
    from .ui.shell.main_window import MainWindow

    window = MainWindow(store, **kwargs)
    window.setWindowIcon(app_icon())
    return window


def open_window(path: Path):
    """Open the file, ask the password, build the main window; None when the clerk gives up.

    The tabs read the file as they are built: damage found then is answered like damage found
    when opening (restore the newest good backup, or pick another file).
    """
    while True:
        store = open_store_interactively(path)
        if store is None:
            return None
        if not login(store):
            store.close()
            return None
        try:
            return create_main_window(store, auto_backup=True)
        except DamagedFileError as err:
            store.close()
            chosen = recover_damaged(err, store.path)
            if chosen is None:
                return None
            path = chosen


def run_gui(db_path: Path | None = None) -> int:
    """Run the program's window on ``db_path`` (default: the user data folder). Exit status."""
    from .ui.widgets import errors

    app = application()
    configure_app(app)
    load_translations(app)
    set_ui_font(app)
    uninstall_hook = errors.install_excepthook()
    try:
        window = open_window(Path(db_path) if db_path else default_db_path())
        if window is None:
            return 1
        window.show()
        window.ensure_office_name()
        window._warn_about_location(window.store)
        try:
            return int(app.exec())
        finally:
            window.close()
            window.store.close()
    finally:
        uninstall_hook()
