"""A small form dialog for records with a handful of fields (a fee record, a payment, a plan …).

The fields are declared as ``FormField``s; 保存 hands their texts to ``on_save(values)`` (a core
call that validates). A ``UserError`` stays in the dialog, shown under the fields, so the clerk
corrects and saves again; on success ``saved(record_id)`` is emitted and the dialog closes. Opened
window-modally with ``open()`` (never ``exec()``), like every record form.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout,
                               QWidget)

from ...core.errors import UserError
from .form_helpers import fit_placeholder, prepare_error_label, setup_date_edit


@dataclass(frozen=True)
class FormField:
    key: str
    label: str
    kind: str = "text"  # text | date | combo (choices: (shown text, value) pairs)
    choices: tuple[tuple[str, Any], ...] = ()
    placeholder: str = ""


def text_choices(items) -> tuple[tuple[str, str], ...]:
    """Combo choices whose value is the text shown (a kind, a route …)."""
    return tuple((text, text) for text in items)


class SimpleForm(QDialog):
    saved = Signal(int)

    def __init__(self, parent: QWidget | None, title: str, fields: list[FormField],
                 on_save: Callable[[dict[str, Any]], int], values: dict[str, Any] | None = None, note: str = ""):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.on_save = on_save
        self.widgets: dict[str, QWidget] = {}
        form = QFormLayout()
        for f in fields:
            widget = self._widget(f, (values or {}).get(f.key))
            widget.setObjectName(f"{f.key}Field")
            self.widgets[f.key] = widget
            form.addRow(f.label, widget)
        self.error_label = QLabel()
        prepare_error_label(self.error_label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("保存")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        if note:
            hint = QLabel(note)
            hint.setWordWrap(True)
            hint.setStyleSheet("color: #555;")
            layout.addWidget(hint)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)

    @staticmethod
    def _widget(f: FormField, value: Any) -> QWidget:
        if f.kind == "combo":
            combo = QComboBox()
            for text, data in f.choices:
                combo.addItem(text, data)
            index = combo.findData(value)
            combo.setCurrentIndex(max(index, 0))
            return combo
        edit = QLineEdit("" if value is None else str(value))
        edit.setPlaceholderText(f.placeholder)
        if f.kind == "date":
            setup_date_edit(edit)
        else:
            fit_placeholder(edit)  # a long hint (在职住院 / 退休 / …) is read whole
        return edit

    def value(self, key: str) -> Any:
        widget = self.widgets[key]
        return widget.currentData() if isinstance(widget, QComboBox) else widget.text().strip()

    def set_value(self, key: str, value: Any) -> None:
        widget = self.widgets[key]
        if isinstance(widget, QComboBox):
            widget.setCurrentIndex(max(widget.findData(value), 0))
        else:
            widget.setText(str(value))

    def values(self) -> dict[str, Any]:
        return {key: self.value(key) for key in self.widgets}

    def save(self) -> int | None:
        """Hand the values to core; keep the dialog open with the message when it refuses them."""
        try:
            record_id = self.on_save(self.values())
        except UserError as err:
            self.error_label.setText(str(err))
            self.error_label.show()
            self.adjustSize()  # room for the message: the fields above keep their height
            return None
        self.saved.emit(int(record_id or 0))
        self.accept()
        return record_id
