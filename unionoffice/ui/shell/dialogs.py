"""Small dialogs of the main window: the office name asked on first start, the backup list, the
damaged-file choice and the backup folder setting."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core.store.backup import BackupInfo, describe
from ...core.values.dates import format_date_cn
from ...core.store.backup_policy import DEFAULT_RETENTION
from ...core.store.migrations import latest_version
from ...core.store.connection import Store


class OfficeNameDialog(QDialog):
    """Asks for 工会名称 and 上级（区总工会）名称; they head every printout and return."""

    def __init__(self, office: str = "", district: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("设置本单位名称")
        intro = QLabel("请填写本工会的名称，它会出现在窗口标题、打印的表格和报表上。以后可以修改。")
        intro.setWordWrap(True)
        self.office_edit = QLineEdit(office)
        self.office_edit.setPlaceholderText("例如：某某街道总工会")
        self.district_edit = QLineEdit(district)
        self.district_edit.setPlaceholderText("例如：某某区总工会")
        form = QFormLayout()
        form.addRow("工会名称：", self.office_edit)
        form.addRow("上级（区总工会）名称：", self.district_edit)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("确定")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("以后再说")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)
        self.office_edit.textChanged.connect(self._update_ok)
        self._update_ok()

    def _update_ok(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.office_name()))

    def office_name(self) -> str:
        return self.office_edit.text().strip()

    def district_name(self) -> str:
        return self.district_edit.text().strip()

    def save_to(self, store: Store) -> None:
        store.set_setting("office_name", self.office_name())
        store.set_setting("district_name", self.district_name())


def ask_office_name(store: Store, parent: QWidget | None = None) -> bool:
    """Run the office-name dialog for ``store``; True when the clerk saved a name."""
    dialog = OfficeNameDialog(store.office_name, store.get_setting("district_name", "") or "", parent)
    if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.office_name():
        return False
    dialog.save_to(store)
    return True


# ------------------------------------------------------------------------ backups
def backup_state(info: BackupInfo, *, mark_plain: bool = False) -> str:
    """``mark_plain``: some backups in the list are encrypted, so a plain one says it is not."""
    if info.locked:
        return "已加密（需要备份时的密码）"
    if not info.ok:
        return "已损坏，不能使用"
    if info.schema_version > latest_version():
        return "来自较新版本的程序"
    if info.encrypted:
        return "完好（已加密）"
    return "完好（未加密）" if mark_plain else "完好"


def usable(info: BackupInfo) -> bool:
    """Restorable: healthy, or encrypted under another password (restoring then asks for it)."""
    return info.locked or (info.ok and info.schema_version <= latest_version())


class BackupListDialog(QDialog):
    """Lists the backups of the open file (newest first); the clerk picks one to restore."""

    HEADERS = ("备份时间", "会员数", "单位数", "状态", "文件", "类型")

    def __init__(self, backups: list[BackupInfo], parent: QWidget | None = None):
        super().__init__(parent)
        self.backups = list(backups)
        self.setWindowTitle("从备份恢复")
        self.resize(720, 380)
        self.table = self._make_table()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.restore_button.setText("恢复所选备份…")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        # on a new PC the list is empty: the backup is on the U盘 the clerk brought
        self.other_button = self.buttons.addButton("选择其他位置的备份…", QDialogButtonBox.ButtonRole.ActionRole)
        self.other_button.setToolTip("例如U盘上从旧电脑带来的备份文件")
        self.other_button.clicked.connect(self.choose_other)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        self.intro_label = QLabel(self._intro())
        layout.addWidget(self.intro_label)
        layout.addWidget(self.table)
        layout.addWidget(self.buttons)
        self.table.itemSelectionChanged.connect(self._update_button)
        self.table.doubleClicked.connect(lambda _index: self.restore_button.isEnabled() and self.accept())
        if self.backups:
            self.select_row(0)
        self._update_button()

    def _intro(self) -> str:
        other = "从旧电脑或U盘恢复：点「选择其他位置的备份…」，选那里的备份文件。"
        if not self.backups:
            return f"这个数据文件还没有备份。\n{other}"
        return (f"共有 {len(self.backups)} 个备份（最新的在最上面）。恢复前，当前数据会先另存一份安全副本。\n"
                f"自动备份在打开文件时和每天做一次，{DEFAULT_RETENTION.describe()}；手动备份不会被自动删除。\n{other}")

    def choose_other(self) -> BackupInfo | None:
        """A backup outside the office's backup folders (a U盘 from the old PC): listed on top, selected."""
        name, _filter = QFileDialog.getOpenFileName(self, "选择备份文件", "", "备份文件 (*.db);;所有文件 (*)")
        if not name:
            return None
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            info = describe(name)
        finally:
            QApplication.restoreOverrideCursor()
        if not usable(info):
            QMessageBox.warning(self, "不能用这个文件恢复",
                                f"{info.path}\n{backup_state(info)}。\n\n请选择本程序做的备份文件"
                                "（名字像“unionoffice-20261124-093000.db”）。")
            return None
        listed = [i for i, b in enumerate(self.backups) if b.path.resolve() == info.path.resolve()]
        if listed:  # one of this office's own backups, picked through the folder
            self.select_row(listed[0])
            return self.backups[listed[0]]
        self.backups.insert(0, info)
        self.table.insertRow(0)
        self._fill_row(self.table, 0, info, any(b.encrypted for b in self.backups))
        self.select_row(0)
        self.intro_label.setText(self._intro())
        return info

    def _make_table(self) -> QTableWidget:
        table = QTableWidget(len(self.backups), len(self.HEADERS))
        table.setHorizontalHeaderLabels(self.HEADERS)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().setVisible(False)
        mark_plain = any(info.encrypted for info in self.backups)
        for row, info in enumerate(self.backups):
            self._fill_row(table, row, info, mark_plain)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        table.setMinimumWidth(760)
        return table

    @staticmethod
    def _fill_row(table: QTableWidget, row: int, info: BackupInfo, mark_plain: bool = False) -> None:
        cells = (
            info.made_at.strftime("%Y-%m-%d %H:%M:%S"),
            f"{info.members:,}" if not info.locked else "—",
            f"{info.orgs:,}" if not info.locked else "—",
            backup_state(info, mark_plain=mark_plain),
            info.path.name,
            info.kind,
        )
        for col, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if col in (1, 2):
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setToolTip(str(info.path))
            table.setItem(row, col, item)

    def select_row(self, row: int) -> None:
        self.table.selectRow(row)

    def selected(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.backups[rows[0].row()] if rows else None

    def _update_button(self) -> None:
        info = self.selected()
        self.restore_button.setEnabled(info is not None and usable(info))


def choose_backup(backups: list[BackupInfo], parent: QWidget | None = None) -> BackupInfo | None:
    dialog = BackupListDialog(backups, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.selected()


# ------------------------------------------------------------------- damaged file
class DamagedFileDialog(QDialog):
    """Says the file is damaged and offers the newest good backup: 从备份恢复 / 打开其他文件 / 退出."""

    def __init__(self, message: str, backup: BackupInfo | None, parent: QWidget | None = None, *,
                 quit_text: str = "退出"):
        super().__init__(parent)
        self.choice = "quit"
        self.backup = backup
        self.setWindowTitle("数据文件已损坏")
        self.message_label = QLabel(damaged_text(message, backup))
        self.message_label.setWordWrap(True)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box = QDialogButtonBox()
        self.restore_button = box.addButton("从备份恢复", QDialogButtonBox.ButtonRole.AcceptRole)
        self.open_button = box.addButton("打开其他文件…", QDialogButtonBox.ButtonRole.ActionRole)
        self.quit_button = box.addButton(quit_text, QDialogButtonBox.ButtonRole.RejectRole)
        self.restore_button.setEnabled(backup is not None)
        self.restore_button.clicked.connect(lambda: self._choose("restore"))
        self.open_button.clicked.connect(lambda: self._choose("open"))
        self.quit_button.clicked.connect(lambda: self._choose("quit"))
        (self.restore_button if backup else self.open_button).setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message_label)
        layout.addWidget(box)
        self.setMinimumWidth(560)

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept() if choice != "quit" else self.reject()


def damaged_text(message: str, backup: BackupInfo | None) -> str:
    text = f"{message}\n\n请不要继续使用这个文件。"
    if backup is None:
        return text + "没有找到可用的备份。请打开其他文件或退出，并联系技术支持；损坏的文件会原样保留。"
    return text + (
        f"\n\n最近一个完好的备份：{format_date_cn(backup.made_at)} {backup.made_at:%H:%M}（会员 {backup.members:,} 人，单位 {backup.orgs:,} 个）\n"
        f"{backup.path}\n\n「从备份恢复」会先把损坏的文件原样另存，再用这个备份替换它。"
        "备份之后录入的内容需要重新录入。"
    )


def ask_damaged(message: str, backup: BackupInfo | None, parent: QWidget | None = None, **kwargs) -> str:
    """'restore', 'open' or 'quit'."""
    dialog = DamagedFileDialog(message, backup, parent, **kwargs)
    dialog.exec()
    return dialog.choice


# ----------------------------------------------------------------- backup folder
class BackupSettingsDialog(QDialog):
    """Where backups go (default: the folder beside the database) and how they are kept."""

    def __init__(self, current: str, default: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("备份设置")
        self.default = default
        self.folder_edit = QLineEdit(current)
        self.folder_edit.setPlaceholderText(default)
        self.folder_edit.setReadOnly(True)
        browse = QPushButton("选择文件夹…")
        browse.clicked.connect(self.browse)
        reset = QPushButton("使用默认位置")
        reset.clicked.connect(lambda: self.folder_edit.setText(""))
        row = QHBoxLayout()
        row.addWidget(self.folder_edit, 1)
        row.addWidget(browse)
        row.addWidget(reset)
        note = QLabel(
            f"默认位置：{default}\n\n程序在每次打开数据文件时和每天自动备份一次，并检查备份能否完整打开。\n"
            f"自动备份{DEFAULT_RETENTION.describe()}，更早的自动备份会被删除。\n"
            "建议把备份放到另一块硬盘或U盘上，电脑硬盘坏了也不会一起丢失。"
        )
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("确定")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("备份文件夹："))
        layout.addLayout(row)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)

    def browse(self) -> None:
        start = self.folder_edit.text() or self.default
        folder = QFileDialog.getExistingDirectory(self, "选择备份文件夹", start)
        if folder:
            self.folder_edit.setText(folder)

    def folder(self) -> str:
        return self.folder_edit.text().strip()
