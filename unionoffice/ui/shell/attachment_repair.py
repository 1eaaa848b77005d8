"""文件 → 从备份找回附件: bring back activity photos the disk lost, without rolling the records back.

The GUI face of ``unionoffice restore --attachments``: a full 恢复 would undo whatever the clerk
entered since the last backup, while the records are fine and only the 附件 folder is gone.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from ...core.store.backup import recover_attachments
from ...core.store.connection import Store

TITLE = "从备份找回附件"


def recover(parent: QWidget, store: Store, busy) -> bool:
    """Copy missing or damaged attachment files back from the backups; True if all are in place.

    ``busy`` is a context manager (the main window's wait cursor): reading back every photo of a
    busy year takes a moment.
    """
    with busy():
        result = recover_attachments(store)
    found = f"从备份找回附件文件 {result.restored} 个。" if result.restored else ""
    problem = result.message()
    if problem:
        QMessageBox.warning(parent, TITLE, (found + "\n\n" if found else "") + problem)
        return False
    if not found:
        found = (f"{result.total} 个附件文件都在且完好，无需找回。" if result.total
                 else "本数据文件中还没有活动附件，无需找回。")
    QMessageBox.information(parent, TITLE, found)
    return True
