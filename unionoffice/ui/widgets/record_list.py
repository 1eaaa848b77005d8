"""What every record list tab does the same way: selection by record id, and one open form.

A tab using ``RecordListMixin`` has ``self.view`` (a QTableView) over ``self.model`` (a
``table_models.LazyTableModel``: ``id_at(row)``, ``row_of(id)``), keeps its open form in
``self.dialog`` and implements ``_after_save(record_id)``.
"""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QDialog, QHBoxLayout, QPushButton, QTableView

from .form_helpers import connect_header_saving, restore_header


class RecordListMixin:
    dialog: QDialog | None = None
    selection_buttons: tuple[str, ...] = ("edit_button", "delete_button")  # enabled with a selection

    def focus_search(self) -> None:
        self.search_edit.setFocus()
        self.search_edit.selectAll()

    def _update_buttons(self) -> None:
        chosen = bool(self.view.selectionModel().selectedRows())
        for name in self.selection_buttons:
            getattr(self, name).setEnabled(chosen)

    # ----------------------------------------------------------------- selection
    def selected_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()})
        return [i for i in (self.model.id_at(r) for r in rows) if i is not None]

    def select_ids(self, ids: list[int]) -> None:
        """Select these records' rows; the first becomes current and is scrolled into view."""
        selection = self.view.selectionModel()
        selection.clearSelection()
        flags = selection.SelectionFlag.Select | selection.SelectionFlag.Rows
        for n, row in enumerate(r for r in (self.model.row_of(i) for i in ids) if r >= 0):
            index = self.model.index(row, 0)
            if n == 0:
                selection.setCurrentIndex(index, flags)
                self.view.scrollTo(index)
            else:
                selection.select(index, flags)

    def current_id(self) -> int | None:
        """The record under the cursor, else the first selected one."""
        index = self.view.currentIndex()
        ids = self.selected_ids()
        return self.model.id_at(index.row()) if index.isValid() else (ids[0] if ids else None)

    # ------------------------------------------------------------ the open form
    def _show_dialog(self, dialog: QDialog) -> QDialog:
        """Open ``dialog`` window-modally, closing the form open before (one form at a time)."""
        if self.dialog is not None:
            self.dialog.close()
        self.dialog = dialog
        dialog.saved.connect(self._after_save)
        dialog.finished.connect(lambda _result, d=dialog: self._forget(d))
        dialog.open()
        return dialog

    def _forget(self, dialog: QDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()


def record_table(model, object_name: str, settings_key: str, widths: list[int]) -> QTableView:
    """The list view every record tab uses: whole rows, multi-select, remembered column widths."""
    view = QTableView()
    view.setObjectName(object_name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    view.setWordWrap(False)
    view.verticalHeader().setDefaultSectionSize(24)
    view.verticalHeader().setMinimumWidth(40)
    view.horizontalHeader().setHighlightSections(False)
    # the last column takes the width left over: no grey void beside the table on a wide screen
    view.horizontalHeader().setStretchLastSection(True)
    restore_header(view, settings_key, widths)
    connect_header_saving(view, settings_key)
    return view


def button_row(left: list[QPushButton], right: list[QPushButton]) -> QHBoxLayout:
    """A list tab's buttons: record actions on the left, 导入/导出/回收站 on the right."""
    row = QHBoxLayout()
    for button in left:
        row.addWidget(button)
    row.addStretch(1)
    for button in right:
        row.addWidget(button)
    return row


def push_button(text: str, slot) -> QPushButton:
    """A button that calls ``slot()`` when clicked (the click's checked flag is not passed on)."""
    button = QPushButton(text)
    button.clicked.connect(lambda _checked=False: slot())
    return button
