"""Asking where to save a printout or export, and writing it off the UI thread (one line each for
the tabs that print and export)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from . import runner
from .form_helpers import last_folder, remember_folder

PDF_FILTER = "PDF 文件 (*.pdf)"
XLSX_FILTER = "Excel 工作簿 (*.xlsx)"
OPEN_FILTER = "Excel 文件 (*.xlsx *.xlsm *.xls *.ods);;所有文件 (*)"


def ask_save_path(parent: QWidget, title: str, default_name: str, file_filter: str, folder_key: str) -> Path | None:
    store = getattr(parent, "store", None)
    default = Path(last_folder(folder_key, store.path.parent if store else None)) / default_name
    name, _ = QFileDialog.getSaveFileName(parent, title, str(default), file_filter)
    if not name:
        return None
    suffix = ".pdf" if "pdf" in file_filter else ".xlsx"
    path = Path(name) if name.lower().endswith(suffix) else Path(name + suffix)
    remember_folder(folder_key, path)
    return path


def ask_open_path(parent: QWidget, title: str, folder_key: str) -> Path | None:
    store = getattr(parent, "store", None)
    name, _ = QFileDialog.getOpenFileName(parent, title, last_folder(folder_key, store.path.parent if store else None),
                                          OPEN_FILTER)
    if not name:
        return None
    remember_folder(folder_key, name)
    return Path(name)


def start_job(parent: QWidget, title: str, work: Callable[[Any, Any], Any], done: Callable[[Any], str] | str,
              after: Callable[[Any], None] | None = None) -> runner.Operation:
    """Run ``work(worker_store, progress)`` in the background; say ``done`` when it succeeded."""

    def succeeded(result: Any) -> None:
        if after:
            after(result)
        QMessageBox.information(parent, f"{title}完成", done(result) if callable(done) else done)

    op = runner.Operation(parent, title, runner.with_worker_store(parent.store, work), on_success=succeeded)
    return op.start()
