"""What the short registers' tabs (就业援助, 募捐, 评先评优, 会员服务卡, 规范化建设) share: one form open at a
time, a save that refreshes the tab and tells the window, and the recycle-bin delete of the rows
chosen in a list."""

from __future__ import annotations

from typing import Callable

from PySide6.QtWidgets import QDialog, QMessageBox

from ...core.store.connection import Store
from .simple_table import SimpleTable


class RegisterTabMixin:
    """For a QWidget with ``store``, ``dialog``, ``refresh()`` and a ``data_changed`` signal."""

    def _open(self, dialog: QDialog) -> QDialog:
        """Open ``dialog`` window-modally (its ``saved`` refreshes the tab), closing the form open before."""
        if self.dialog is not None:
            self.dialog.close()
        self.dialog = dialog
        dialog.saved.connect(lambda _i: self._changed())
        dialog.open()
        return dialog

    def _changed(self) -> None:
        self.refresh()
        self.data_changed.emit()

    def _delete_chosen(self, table: SimpleTable, delete: Callable[[Store, list[int]], object], title: str,
                       what: str) -> None:
        """Ask, then move the rows chosen in ``table`` to the recycle bin; ``what`` counts them (条就业登记)."""
        ids = table.selected_ids()
        if ids and QMessageBox.question(self, title, f"把选中的 {len(ids)} {what}移入回收站？") \
                == QMessageBox.StandardButton.Yes:
            delete(self.store, ids)
            self._changed()
