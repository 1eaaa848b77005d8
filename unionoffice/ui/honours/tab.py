"""The 评先评优 tab: the honours register, filtered by year, category and words, with the form,
the recycle-bin delete, and Excel import/export."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QMessageBox, QPushButton, QVBoxLayout, QWidget

from ...core.honours import records as honours
from ...core.store.connection import Store
from ..widgets.record_list import button_row
from ..widgets.register_io import export_to_file, import_from_file
from ..widgets.register_tab import RegisterTabMixin
from ..widgets.simple_table import SimpleTable
from .dialog import HonourDialog

FOLDER_KEY = "honoursTab"
COLUMNS = (
    ("年度", lambda h: h["year"] or "", 60), ("级别", lambda h: h["level"], 50),
    ("荣誉类别", lambda h: h["category"] + (h["place"] and f"（{h['place']}）"), 150),
    ("荣誉称号", lambda h: h["title"], 160), ("获奖人", lambda h: h["person_name"], 90),
    ("单位/工会", lambda h: h["org_name"], 220), ("授予机关", lambda h: h["issuer"], 140),
    ("来源", lambda h: h["source"] or "登记", 80),
)


class HonoursTab(RegisterTabMixin, QWidget):
    data_changed = Signal()

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.dialog: HonourDialog | None = None
        self.year_combo = QComboBox()
        self.category_combo = QComboBox()
        self.category_combo.addItems(("全部类别", *honours.CATEGORIES))
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText("姓名、单位、称号、授予机关")
        self.table = SimpleTable(COLUMNS, "honoursTable")
        self.count_label = QLabel()
        self.add_button, self.edit_button = QPushButton("登记荣誉…"), QPushButton("修改…")
        self.delete_button = QPushButton("删除（移入回收站）")
        self.import_button, self.export_button = QPushButton("导入名单…"), QPushButton("导出 Excel…")
        filters = QHBoxLayout()
        for w in (QLabel("年度："), self.year_combo, QLabel("类别："), self.category_combo, self.search_edit,
                  self.count_label):
            filters.addWidget(w)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table)
        layout.addLayout(button_row([self.add_button, self.edit_button, self.delete_button],
                                    [self.import_button, self.export_button]))
        self.add_button.clicked.connect(lambda: self.open_form(None))
        self.edit_button.clicked.connect(self._edit_selected)
        self.table.doubleClicked.connect(lambda _i: self._edit_selected())
        self.delete_button.clicked.connect(self.delete_selected)
        self.import_button.clicked.connect(self.import_list)
        self.export_button.clicked.connect(self.export)
        self.year_combo.currentIndexChanged.connect(lambda _i: self.reload())
        self.category_combo.currentIndexChanged.connect(lambda _i: self.reload())
        self.search_edit.textChanged.connect(lambda _t: self.reload())
        self.refresh()

    def set_store(self, store: Store) -> None:
        self.store = store

    def refresh(self) -> None:
        current = self.year_combo.currentData()
        self.year_combo.blockSignals(True)
        self.year_combo.clear()
        self.year_combo.addItem("全部", None)
        for y in honours.years(self.store):
            self.year_combo.addItem(f"{y}年", y)
        self.year_combo.addItem("年度不详", honours.NO_YEAR)
        index = self.year_combo.findData(current)
        self.year_combo.setCurrentIndex(max(index, 0))
        self.year_combo.blockSignals(False)
        self.reload()

    def reload(self) -> None:
        category = self.category_combo.currentText()
        rows = honours.list_honours(self.store, year=self.year_combo.currentData(),
                                    category="" if category == "全部类别" else category, text=self.search_edit.text())
        self.table.set_rows(rows)
        persons = sum(r["recipient_kind"] == "个人" for r in rows)
        self.count_label.setText(f"个人 {persons} 人次，集体 {len(rows) - persons} 个")

    def show_without_year(self, _record_id: int = 0) -> None:
        """The 工作台's 劳模年份 task: only the 劳模 honours whose year is still to be filled."""
        self.search_edit.clear()
        self.category_combo.setCurrentText(honours.MODEL_WORKER)
        self.year_combo.setCurrentIndex(self.year_combo.findData(honours.NO_YEAR))
        self.reload()

    def open_form(self, honour_id: int | None) -> HonourDialog:
        return self._open(HonourDialog(self.store, honour_id, self))

    def _edit_selected(self) -> None:
        ids = self.table.selected_ids()
        if ids:
            self.open_form(ids[0])

    def delete_selected(self) -> None:
        ids = self.table.selected_ids()
        if not ids:
            return
        answer = QMessageBox.question(self, "删除荣誉", f"把选中的 {len(ids)} 项荣誉移入回收站？\n"
                                      "会员的劳模级别将随登记变化。")
        if answer != QMessageBox.StandardButton.Yes:
            return
        honours.delete_honours(self.store, ids)
        self._changed()

    def import_list(self) -> None:
        from ...exchange.importing.areas import import_honours

        def read(path: str) -> str:
            return import_honours(self.store, path).honours_summary()

        if import_from_file(self, FOLDER_KEY, read, "荣誉名单"):
            self._changed()

    def export(self) -> None:
        from ...exchange.exports.honours import export_honours

        year = self.year_combo.currentData()
        export_to_file(self, FOLDER_KEY, f"评先评优台账{year or ''}.xlsx",
                       lambda path: export_honours(self.store, path, year=year), "荣誉")
