"""Printouts of the dispute log asked for from the tab and from the case form: where to save,
and the 劳动争议调解登记表 of one case written in the background."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from ...core.disputes import records as disputes
from ...core.store.connection import Store
from ..widgets import runner
from ..widgets.form_helpers import last_folder, remember_folder
from ..widgets.personal import personal_title

PDF_FILTER = "PDF 文件 (*.pdf)"
XLSX_FILTER = "Excel 工作簿 (*.xlsx)"


def ask_path(parent: QWidget, title: str, default_name: str, file_filter: str, folder_key: str) -> Path | None:
    store: Store = parent.store if hasattr(parent, "store") else None
    default = Path(last_folder(folder_key, store.path.parent if store else None)) / default_name
    name, _ = QFileDialog.getSaveFileName(parent, personal_title(title), str(default), file_filter)
    if not name:
        return None
    suffix = ".pdf" if "pdf" in file_filter else ".xlsx"
    path = Path(name) if name.lower().endswith(suffix) else Path(name + suffix)
    remember_folder(folder_key, path)
    return path



def print_case_form(parent: QWidget, store: Store, dispute_id: int):
    """Ask where to save the 劳动争议调解登记表 of one case and write it in the background."""
    case = disputes.get_dispute(store, dispute_id)
    if case is None:
        return None
    path = ask_path(parent, "打印调解登记表", f"调解登记表-{case['case_no']}.pdf", PDF_FILTER, "print")
    if path is None:
        return None

    def work(ws, progress):
        from ...printing.dispute_forms import write_case_form

        progress(0, 0, "正在生成登记表…")
        return write_case_form(ws, path, dispute_id)

    op = runner.Operation(parent, "打印调解登记表", runner.with_worker_store(store, work),
                          on_success=lambda _r: QMessageBox.information(parent, "打印调解登记表完成", f"已生成：\n{path}"))
    return op.start()
