"""Import / export buttons of the short registers: a file dialog, the core call, one message."""

from __future__ import annotations

from typing import Callable

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from ...core.errors import UserError
from .errors import report_exception, show_user_error
from .form_helpers import last_folder, remember_folder

XLSX_FILTER = "Excel 工作簿 (*.xlsx)"
READ_FILTER = "Excel 文件 (*.xlsx *.xls *.xlsm)"


def export_to_file(parent: QWidget, key: str, default_name: str, write: Callable[[str], int], what: str) -> None:
    path, _ = QFileDialog.getSaveFileName(parent, f"导出{what}", f"{last_folder(key)}/{default_name}", XLSX_FILTER)
    if not path:
        return
    if not path.lower().endswith(".xlsx"):
        path += ".xlsx"
    try:
        n = write(path)
    except UserError as exc:
        show_user_error(parent, exc, "导出失败")
        return
    except Exception as exc:  # noqa: BLE001 - logged and shown plainly
        report_exception(exc, parent, f"export {what}")
        return
    remember_folder(key, path)
    QMessageBox.information(parent, "导出完成", f"已导出{what} {n} 条到：\n{path}")


def import_from_file(parent: QWidget, key: str, read: Callable[[str], str], what: str) -> bool:
    """Ask for a file and run ``read(path)`` (which returns the summary to show); True if imported."""
    path, _ = QFileDialog.getOpenFileName(parent, f"导入{what}", last_folder(key), READ_FILTER)
    if not path:
        return False
    try:
        summary = read(path)
    except UserError as exc:
        show_user_error(parent, exc, "导入失败")
        return False
    except Exception as exc:  # noqa: BLE001
        report_exception(exc, parent, f"import {what}")
        return False
    remember_folder(key, path)
    QMessageBox.information(parent, "导入完成", summary)
    return True
