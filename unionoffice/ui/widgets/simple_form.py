"""A small form for the short registers: labelled line edits and combos, and a save that calls
``commit(values)``; a refused value shows its Chinese message on the form, which stays open."""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from ...core.errors import UserError


class SimpleForm(QDialog):
    """A small form: labelled line edits / combos and a save that calls ``commit(values)``."""

    saved = Signal(int)

    def __init__(self, title: str, widgets: list[tuple[str, str, QWidget]], commit: Callable[[dict], int],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.widgets = {key: w for key, _label, w in widgets}
        self.commit = commit
        form = QFormLayout()
        for _key, label, w in widgets:
            form.addRow(label, w)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def values(self) -> dict[str, Any]:
        return {k: (w.currentText() if isinstance(w, QComboBox) else w.text()) for k, w in self.widgets.items()}

    def save(self) -> bool:
        try:
            new_id = self.commit(self.values())
        except UserError as exc:
            self.error.setText(str(exc))
            return False
        self.saved.emit(new_id)
        self.accept()
        return True


def combo(items, editable: bool = False) -> QComboBox:
    combo = QComboBox()
    combo.setEditable(editable)
    combo.addItems(list(items))
    return combo
