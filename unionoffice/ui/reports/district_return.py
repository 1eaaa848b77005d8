"""报表 → 区总工会报表…: fill the district's own form from the window.

The clerk picks the period and the form (the shipped template or the workbook the district
sent); the dialog shows every cell it will fill (表中栏目 → 指标 → 数值, in the form's units) and
every label it could not place. An unplaced (or wrongly placed) label is assigned by picking a
figure from the catalogue, searchable by its Chinese name. 另存为… writes a new file — never the
received one — and remembers the mapping for that form, so the next period fills in one step.
The same core functions serve ``unionoffice return``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core.errors import UserError
from ...core.figures import catalogue as F
from ...core.store.connection import Store
from ...core.values import dates
from ...exchange.returns import district
from ..widgets.errors import show_user_error
from ..widgets.form_helpers import last_folder, remember_folder

FOLDER_KEY = "districtReturn"
PARTS = ("全年", "上半年", "下半年")
UNPLACED = "（未识别，将留空）"
LONG_COLUMNS = (1, 2)  # 表中栏目, 填入指标: the only columns that may elide (with a tooltip)
LONG_COLUMN_WIDTH = 300
SOURCES = {"auto": "自动识别", "remembered": "上次确认", "assigned": "手工指定", "header": "表头",
           "marker": "模板占位符"}


class FigurePicker(QDialog):
    """Pick one figure of the catalogue; the list narrows as the clerk types part of its name."""

    def __init__(self, entries: list[F.Entry], label: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(f"为“{label}”选择指标")
        self.entries = entries
        self.search = QLineEdit()
        self.search.setPlaceholderText("输入指标名称查找，如 会员、帮扶、活动")
        self.list = QListWidget()
        self.leave_blank = QPushButton("留空不填")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("选定")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.addButton(self.leave_blank, QDialogButtonBox.ButtonRole.ResetRole)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"表中栏目：{label}"))
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.chosen: str | None = None
        # the names district forms use count as well: 会员总数 finds 会员人数
        self.other_names = {e.key: " ".join(getattr(F.spec_of(e.key), "synonyms", ()) or ()) for e in entries}
        self.search.textChanged.connect(self.filter)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.leave_blank.clicked.connect(self._blank)
        self.resize(520, 480)
        self.filter("")

    def filter(self, text: str) -> None:
        text = text.strip()
        self.list.clear()
        for e in self.entries:
            if "<类别>" in e.key:
                continue
            if not text or text in e.cn or text in e.meaning or text.lower() in e.key.lower() \
                    or text in self.other_names.get(e.key, ""):
                item = QListWidgetItem(f"{e.cn}　—　{e.meaning}")
                item.setData(Qt.ItemDataRole.UserRole, e.key)
                self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)

    def shown_names(self) -> list[str]:
        return [self.list.item(i).text().split("　—　")[0] for i in range(self.list.count())]

    def choose(self, cn: str) -> None:
        for i in range(self.list.count()):
            if self.list.item(i).text().split("　—　")[0] == cn:
                self.list.setCurrentRow(i)
                return
        raise KeyError(cn)

    def accept(self) -> None:
        item = self.list.currentItem()
        self.chosen = item.data(Qt.ItemDataRole.UserRole) if item else None
        super().accept()

    def _blank(self) -> None:
        self.chosen = ""
        super().accept()


class DistrictReturnDialog(QDialog):
    def __init__(self, store: Store, year: int | None = None, half: int | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.prepared: district.Prepared | None = None
        self.template: Path | None = None
        self.setWindowTitle("区总工会报表")
        self._build(year or dates.today().year, half)
        self._stale()  # says what to do first
        self.resize(1100, 640)  # fits a 1366×768 screen with the taskbar

    def _build(self, year: int, half: int | None) -> None:
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(year)
        self.year.setSuffix(" 年")
        self.part = QComboBox()
        self.part.addItems(PARTS)
        self.part.setCurrentIndex(half or 0)
        self.shipped = QRadioButton("程序自带的报表模板")
        self.received = QRadioButton("区总工会下发的报表：")
        self.shipped.setChecked(True)
        self.path_label = QLabel("（未选择）")
        self.browse = QPushButton("选择文件…")
        self.recognise_button = QPushButton("识别报表")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(["单元格", "表中栏目", "填入指标", "数值（按表中单位）", "来源"])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # only the capped label columns elide
        self.table.setWordWrap(False)
        self.assign_button = QPushButton("指定指标…")
        self.save_button = QPushButton("另存为…")
        close = QPushButton("关闭")
        for b in (self.assign_button, self.save_button):
            b.setEnabled(False)

        top = QHBoxLayout()
        for w in (QLabel("统计期间："), self.year, self.part):
            top.addWidget(w)
        top.addStretch(1)
        source = QHBoxLayout()
        for w in (self.shipped, self.received, self.path_label, self.browse, self.recognise_button):
            source.addWidget(w)
        source.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.assign_button)
        bottom.addStretch(1)
        bottom.addWidget(self.save_button)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(source)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)

        self.browse.clicked.connect(self.browse_template)
        self.recognise_button.clicked.connect(self.recognise)
        self.assign_button.clicked.connect(self.assign_selected)
        self.table.itemDoubleClicked.connect(lambda _item: self.assign_selected())
        self.save_button.clicked.connect(self.save_dialog)
        close.clicked.connect(self.reject)
        for signal in (self.year.valueChanged, self.part.currentIndexChanged):
            signal.connect(self._stale)

    # ----------------------------------------------------------------- choices
    def period(self) -> F.Period:
        i = self.part.currentIndex()
        return F.year(self.year.value()) if i == 0 else F.half_year(self.year.value(), i)

    def set_period(self, year: int, half: int | None = None) -> None:
        self.year.setValue(year)
        self.part.setCurrentIndex(half or 0)

    def choose_template(self, path: Path | None) -> None:
        """None: the shipped template; a path: the district's workbook."""
        self.template = Path(path) if path else None
        (self.received if path else self.shipped).setChecked(True)
        self.path_label.setText(self.template.name if self.template else "（未选择）")
        self._stale()

    def browse_template(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "选择区总工会下发的报表", last_folder(FOLDER_KEY),
                                              "Excel 工作簿 (*.xlsx)")
        if path:
            remember_folder(FOLDER_KEY, path)
            self.choose_template(Path(path))
            self.recognise()

    def _stale(self, *_args) -> None:
        self.prepared = None
        self.table.setRowCount(0)
        self.summary.setText("选好统计期间和报表后，请点“识别报表”查看将填入的内容。")
        for b in (self.assign_button, self.save_button):
            b.setEnabled(False)

    # ----------------------------------------------------------------- preview
    def recognise(self) -> bool:
        template = self.template if self.received.isChecked() else None
        if self.received.isChecked() and template is None:
            show_user_error(self, UserError("请先选择区总工会下发的报表文件"))
            return False
        try:
            self.prepared = district.prepare(self.store, self.period(), template)
        except UserError as exc:
            self._stale()
            show_user_error(self, exc, "无法读取报表")
            return False
        self.show_preview()
        if self.prepared.plan is not None and not self.prepared.plan.slots:
            show_user_error(self, UserError(
                f"报表 {template.name} 中没有找到可填的指标：既没有 {{{{占位符}}}}，也没有认得的指标名称。"
                "请确认选择的是区总工会下发的统计报表"), "无法识别报表")
            return False
        return True

    def show_preview(self) -> None:
        p = self.prepared
        rows = self.preview_rows()
        self.table.setRowCount(len(rows))
        for r, values in enumerate(rows):
            for c, text in enumerate(values):
                item = QTableWidgetItem(text)
                if values[2] == UNPLACED:
                    item.setForeground(QColor("#b00020"))
                if c in LONG_COLUMNS:
                    item.setToolTip(text)  # a long label is elided: the whole of it on hover
                self.table.setItem(r, c, item)
        self.fit_columns()
        placed, unplaced = len(p.rows()), len(p.unplaced())
        if p.plan is None:
            self.summary.setText(f"按模板中的占位符填写，共 {placed} 处。")
        else:
            total = len(p.plan.slots)
            last = sum(1 for s in p.plan.placed if s.last_cell)
            last_text = (f"表中的上年数栏另填 {last} 处（{p.figures.period.last_year().label}的同一指标，"
                         "无数据的填“—”）。" if last else "")
            self.summary.setText(
                f"{p.figures.period.label}："
                f"共 {total} 处待填，已识别 {total - unplaced} 处，未识别 {unplaced} 处（红色，"
                "双击或点“指定指标…”从指标目录中选择）。" + last_text + ("" if self.can_save() else
                                                          "识别不足一半，暂不能保存。"))
        self.assign_button.setEnabled(p.plan is not None)
        self.save_button.setEnabled(self.can_save())

    def fit_columns(self) -> None:
        """Every column as wide as its longest text (header included), so that 单元格, 数值 and 来源
        are never cut; only 表中栏目 and 填入指标 stop at LONG_COLUMN_WIDTH and elide."""
        header = self.table.horizontalHeader()
        for col in range(self.table.columnCount()):
            self.table.resizeColumnToContents(col)
            # a little air beyond Qt's own fit: with less, a CJK font's last glyph may still be clipped
            width = max(self.table.columnWidth(col), header.sectionSizeFromContents(col).width()) + 12
            if col in LONG_COLUMNS:
                width = min(width, LONG_COLUMN_WIDTH)
            self.table.setColumnWidth(col, width)

    def preview_rows(self) -> list[tuple[str, str, str, str, str]]:
        """(单元格, 表中栏目, 指标, 数值, 来源) — placed cells first, then the ones left blank."""
        p = self.prepared
        if p is None:
            return []
        out = [(r.where, str(r.label), r.name, r.text, SOURCES.get(r.source, "")) for r in p.rows()]
        out += [(s.where, s.label, UNPLACED, "", "") for s in p.unplaced()]
        return out

    def can_save(self) -> bool:
        p = self.prepared
        if p is None:
            return False
        if p.plan is None:
            return True
        total, placed = len(p.plan.slots), len(p.plan.placed)
        return placed > 0 and placed * 2 >= total

    # ----------------------------------------------------------------- assigning
    def picker(self, label: str) -> FigurePicker:
        return FigurePicker(F.catalogue(self.store), label, self)

    def assign_selected(self) -> None:
        row = self.table.currentRow()
        if self.prepared is None or self.prepared.plan is None or row < 0:
            return
        where, label = self.table.item(row, 0).text(), self.table.item(row, 1).text()
        if not any(s.where == where for s in self.prepared.plan.slots):
            return  # a header field (填报单位 …) is filled as it is
        picker = self.picker(label)
        if picker.exec() == QDialog.DialogCode.Accepted and picker.chosen is not None:
            self.assign(where, picker.chosen or None)

    def assign(self, where: str, key: str | None) -> None:
        self.prepared.set_key(where, key)
        self.show_preview()

    # ----------------------------------------------------------------- saving
    def save_dialog(self) -> None:
        if self.prepared is None:
            return
        stem = self.template.stem if self.template and self.received.isChecked() else "统计报表"
        default = Path(last_folder(FOLDER_KEY)) / f"{self.store.office_name}{self.period().label}{stem}.xlsx"
        path, _ = QFileDialog.getSaveFileName(self, "另存报表", str(default), "Excel 工作簿 (*.xlsx)")
        if path:
            remember_folder(FOLDER_KEY, path)
            self.save_to(Path(path) if path.lower().endswith(".xlsx") else Path(path + ".xlsx"))

    def save_to(self, out: Path) -> district.ReturnResult | None:
        try:
            result = self.prepared.write(out)
        except UserError as exc:
            show_user_error(self, exc, "未能保存报表")
            return None
        if self.prepared.plan is not None:
            district.remember_mapping(self.store, self.prepared.plan)
        left = f"；{len(result.unplaced)} 处未填，请手工补填" if result.unplaced else ""
        QMessageBox.information(self, "报表已保存", f"已填入 {result.filled} 处数据{left}。\n保存到：{out}")
        self.recognise()  # the book was written into: read the form afresh for another save
        return result
