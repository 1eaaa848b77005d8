"""Edits still open when the clerk closes the window, switches file or switches campaign: a cell
being typed into, or a form (a dialog with 确定/保存) still open. Nothing she typed is dropped
behind her back and nothing is written to a closed file: she is asked to save or discard first.

A form is any visible dialog with a ``submit()`` or ``save()`` method returning True when saved
(every form dialog of the program has one); a cell is the editor of any item view in editing
state.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QAbstractItemDelegate, QAbstractItemView, QDialog, QMessageBox, QWidget


class _HoldEditors(QObject):
    """While the question is on screen the cell editor loses focus, and a delegate commits on
    focus-out — which would save what the clerk may be about to discard. Hold those events."""

    def __init__(self, editors):
        super().__init__()
        self.editors = [editor for _view, editor in editors]

    def __enter__(self):
        for editor in self.editors:
            editor.installEventFilter(self)
        return self

    def __exit__(self, *exc):
        for editor in self.editors:
            editor.removeEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        return event.type() == QEvent.Type.FocusOut


def open_editors(root: QWidget) -> list[tuple[QAbstractItemView, QWidget]]:
    """(view, editor) for every item view under ``root`` with a cell being edited."""
    found = []
    views = [root] if isinstance(root, QAbstractItemView) else []
    for view in views + root.findChildren(QAbstractItemView):
        if view.state() == QAbstractItemView.State.EditingState:
            editor = view.indexWidget(view.currentIndex())
            if editor is not None:
                found.append((view, editor))
    return found


def _saver(dialog: QDialog):
    return getattr(dialog, "submit", None) or getattr(dialog, "save", None)


def open_forms(root: QWidget) -> list[QDialog]:
    """Visible form dialogs under ``root`` (their parent chain leads to it)."""
    return [d for d in root.findChildren(QDialog) if d.isVisible() and callable(_saver(d))]


def describe(editors, forms) -> str:
    parts = []
    if editors:
        parts.append("表格中正在修改的单元格")
    parts += [f"“{d.windowTitle()}”表单" for d in forms]
    return "、".join(parts)


def settle(parent: QWidget, root: QWidget | None = None, *, forms: bool = True) -> bool:
    """Ask to save or discard what is being edited under ``root``; True when the caller may go
    on (saved, discarded or nothing open), False when the clerk cancelled or a save was refused
    (the form then stays open with its message)."""
    root = root or parent
    editors = open_editors(root)
    dialogs = open_forms(root) if forms else []
    if not editors and not dialogs:
        return True
    with _HoldEditors(editors):
        answer = QMessageBox.question(
            parent, "保存修改吗？",
            f"{describe(editors, dialogs)}还没有保存。\n\n“保存”保存后继续；“丢弃”不要这些修改；“取消”回去接着编辑。",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save)
    if answer in (QMessageBox.StandardButton.Save, QMessageBox.StandardButton.Yes):
        return save_all(editors, dialogs)
    if answer in (QMessageBox.StandardButton.Discard, QMessageBox.StandardButton.No):
        discard_all(editors, dialogs)
        return True
    return False


def save_all(editors, dialogs) -> bool:
    for view, editor in editors:
        view.commitData(editor)  # the model writes through core while the file is still open
        view.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
    for dialog in dialogs:
        if not _saver(dialog)():
            dialog.raise_()
            return False
    return True


def discard_all(editors, dialogs) -> None:
    for view, editor in editors:
        view.closeEditor(editor, QAbstractItemDelegate.EndEditHint.RevertModelCache)
    for dialog in dialogs:
        # the clerk already chose 丢弃: the base reject, not a form's own "确定放弃吗？" question
        QDialog.reject(dialog)
