"""导入向导: bring a 会员名册 or 单位台账 in from Excel.

选择文件 → 核对列的对应关系 (sheet, header row, one combo per column) → 预览 (counts, rejected rows
with reasons, updates, orgs to be created) → 导入 in the background runner (progress, 取消 leaves
the file as it was) → result, with the problem-row report to save.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from ..widgets.personal import personal_title
from ...core.errors import UserError
from ...core.orgs.query import in_list_order
from ...core.values.ids import mask_id_number
from ...core.store.connection import Store
from ...exchange.importing import importer
from ..widgets import runner
from ..widgets.form_helpers import ERROR_STYLE, HINT_STYLE, last_file, last_folder, remember_file, remember_folder
from .notes import after_import_notes, preview_notes, write_report, written_text
from .preview import conflict_rows, fill_table, new_rows, preview_rows, rejected_rows, update_rows

KIND_TEXT = {"members": "会员名册", "orgs": "单位台账"}
XLSX_FILTER = "Excel 工作簿 (*.xlsx *.xlsm *.xls *.xlsb *.ods);;所有文件 (*)"
REPORT_FILTER = "Excel 工作簿 (*.xlsx)"
NOT_IMPORTED = "（不导入）"


class ImportWizard(QWizard):
    """Open with ``.open()``; ``imported(ImportResult)`` is emitted once the rows are in."""

    imported = Signal(object)

    def __init__(self, store: Store, kind: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.kind = kind
        self.plan: importer.ImportPlan | None = None
        self.result: importer.ImportResult | None = None
        self.operation: runner.Operation | None = None
        self.samples: list[tuple[int, list[str]]] = []  # first rows of the sheet, for the mapping page
        self.other_sheets: list[str] = []  # sheets that look like a roll with another header
        self.sheet_choices: list[str] = []
        self.busy = False  # a preview is being read off the window's thread
        self.setWindowTitle(f"导入{KIND_TEXT[kind]}")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        for which, text in ((QWizard.WizardButton.BackButton, "< 上一步"), (QWizard.WizardButton.NextButton, "下一步 >"),
                            (QWizard.WizardButton.CommitButton, "开始导入"), (QWizard.WizardButton.FinishButton, "完成"),
                            (QWizard.WizardButton.CancelButton, "取消")):
            self.setButtonText(which, text)
        self.resize(1080, 660)
        self.file_page = FilePage(self)
        self.mapping_page = MappingPage(self)
        self.preview_page = PreviewPage(self)
        self.run_page = RunPage(self)
        for page in (self.file_page, self.mapping_page, self.preview_page, self.run_page):
            self.addPage(page)

    # ------------------------------------------------------------------ helpers
    def prepare(self, path: Path, *, sheet: str | None = None, mapping: dict[int, str | None] | None = None) -> None:
        """Read and check the workbook here and now (nothing is written); raises UserError."""
        self._take(_prepared(self.store, path, self.kind, sheet, mapping, None))

    def prepare_in_background(self, path: Path, then: Callable[[], None], failed: Callable[[str], None], *,
                              sheet: str | None = None, mapping: dict[int, str | None] | None = None) -> None:
        """Read and check the workbook off the window's thread, with progress and 取消.

        A 50,000-row roll takes seconds to read and check; the window stays alive meanwhile.
        ``then()`` runs once the plan is in ``self.plan``; ``failed(message)`` on an error or 取消.
        """
        if self.busy:
            return
        self.busy = True
        kind, store = self.kind, self.store

        def work(worker: Store, progress) -> tuple:
            progress(0, 0, "正在读取 Excel 文件…")
            tick = lambda done, total: progress(done, total, f"正在检查第 {done:,} / {total:,} 行")  # noqa: E731
            return _prepared(worker, path, kind, sheet, mapping, tick)

        def done(result) -> None:
            self.busy = False
            self._take(result)
            then()

        def went_wrong(message: str) -> None:
            self.busy = False
            failed(message)

        op = runner.Operation(self, "读取名册", runner.with_worker_store(store, work), show_errors=False)
        op.succeeded.connect(done)
        op.failed.connect(lambda err: went_wrong(str(err) if isinstance(err, UserError) else f"读取文件时出错：{err}"))
        op.cancelled.connect(lambda: went_wrong("已取消读取，可以重新开始。"))
        self.operation = op
        op.start()

    def reject(self) -> None:
        """取消 while a preview is being read stops the reading too (an import is never stopped here:
        its own dialog cancels it, all or nothing)."""
        if self.busy and self.operation is not None:
            self.operation.cancel()
        super().reject()

    def _take(self, result: tuple) -> None:
        self.plan, self.samples, self.other_sheets, self.sheet_choices = result

    def set_path(self, path: str | Path) -> None:
        self.file_page.path_edit.setText(str(path))

    def save_report(self) -> Path | None:
        """Ask where, then write the rejected rows workbook."""
        if self.plan is None or not self.plan.rejected:
            return None
        default = importer.report_path(self.plan)
        name, _ = QFileDialog.getSaveFileName(self, personal_title("保存导入问题清单"), str(default), REPORT_FILTER)
        if not name:
            return None
        path = Path(name) if name.lower().endswith(".xlsx") else Path(name + ".xlsx")
        try:
            written = importer.write_report(self.plan, path)
        except (UserError, OSError) as err:
            QMessageBox.warning(self, "无法保存报告", f"报告没有保存：{err}")
            return None
        QMessageBox.information(self, "清单已保存", f"导入问题清单已保存到：\n{written}")
        return written


def _prepared(store: Store, path: Path, kind: str, sheet, mapping, progress) -> tuple:
    """Everything the pages show that takes reading the workbook: the plan, the first rows,
    the other roll-like sheets and the sheet names — read once, off the window's thread."""
    from ...exchange.importing import mapping as mapping_mod, reader

    plan = importer.prepare_import(store, path, kind, sheet=sheet, mapping=mapping, progress=progress)
    samples = preview_rows(plan)
    try:
        others = mapping_mod.other_roll_sheets(plan.path, plan.kind, plan.sheets)
        choices = reader.sheet_names(plan.path)
    except UserError:
        others, choices = [], [plan.sheet]
    return plan, samples, others, choices


def _file_key(kind: str) -> str:
    """The QSettings key of the file last imported of this kind (a 会员名册 and a 单位台账 apart)."""
    return f"import-{kind}"


def _error_label() -> QLabel:
    label = QLabel()
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    return label


# ---------------------------------------------------------------------- 1. file
class FilePage(QWizardPage):
    def __init__(self, wizard: ImportWizard):
        super().__init__()
        self.w = wizard
        self.setTitle(f"第 1 步：选择要导入的{KIND_TEXT[wizard.kind]}")
        self.setSubTitle("选择 Excel 文件。程序会自己找到表头所在的工作表和行，标题行、空行和合计行都会跳过。")
        intro = QLabel("导入前不会修改任何数据：下一步先核对各列对应的内容，再预览哪些行可以导入、哪些行有问题。\n"
                       "同一份名册重复导入不会产生重复记录（会员按身份证号、单位按名称对应）。")
        intro.setWordWrap(True)
        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText("Excel 文件的位置")
        browse = QPushButton("浏览…")
        browse.clicked.connect(self.browse)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        self.error_label = _error_label()
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addSpacing(12)
        layout.addWidget(QLabel("文件："))
        layout.addLayout(row)
        layout.addWidget(self.error_label)
        layout.addStretch(1)
        self.path_edit.textChanged.connect(self.completeChanged)
        self.path_edit.textChanged.connect(lambda _t: self.error_label.clear())
        self.ready = False
        # the roll imported last time, if it is still there: re-importing its update is one click
        last = last_file(_file_key(wizard.kind))
        if last:
            self.path_edit.setText(last)
            self.error_label.setStyleSheet(HINT_STYLE)
            self.error_label.setText("这是上次导入的文件。名册更新后直接点“下一步”即可重新导入；换一份请点“浏览…”。")

    def browse(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, f"选择{KIND_TEXT[self.w.kind]}", last_folder("import"), XLSX_FILTER)
        if name:
            remember_folder("import", name)
            self.path_edit.setText(name)

    def path(self) -> Path:
        return Path(self.path_edit.text().strip().strip('"'))

    def isComplete(self) -> bool:
        return bool(self.path_edit.text().strip())

    def validatePage(self) -> bool:
        if self.ready:  # read in the background; 下一步 pressed again by _read
            self.ready = False
            return True
        if not self.path().is_file():
            self._failed(f"找不到文件：{self.path()}")
            return False
        self.error_label.setStyleSheet(HINT_STYLE)  # work under way, not a problem: grey, not red
        self.error_label.setText("正在读取…")
        self.w.prepare_in_background(self.path(), self._read, self._failed)
        return False

    def _failed(self, message: str) -> None:
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setText(message)

    def _read(self) -> None:
        self.error_label.clear()
        remember_folder("import", self.path())
        self.ready = True
        self.w.next()


# ------------------------------------------------------------------- 2. mapping
class MappingPage(QWizardPage):
    def __init__(self, wizard: ImportWizard):
        super().__init__()
        self.w = wizard
        self.setTitle("第 2 步：核对各列的内容")
        self.setSubTitle("每一列上方写着程序认出的内容。认错了请在下拉框中改正；不需要的列选“（不导入）”。")
        self.fields = importer.available_fields(wizard.kind)
        self.sheet_combo = QComboBox()
        self.info_label = QLabel()
        self.table = QTableWidget()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.error_label = _error_label()
        top = QHBoxLayout()
        top.addWidget(QLabel("工作表："))
        top.addWidget(self.sheet_combo)
        top.addWidget(self.info_label, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error_label)
        self.combos: list[QComboBox] = []
        self.ready = False
        self.sheet_combo.activated.connect(self._sheet_chosen)

    def initializePage(self) -> None:
        plan = self.w.plan
        self.sheet_combo.blockSignals(True)
        self.sheet_combo.clear()
        try:
            self.sheet_combo.addItems(self.w.sheet_choices or [plan.sheet])
        except (UserError, ImportError):
            self.sheet_combo.addItem(plan.sheet)
        self.sheet_combo.setCurrentText(plan.sheet)
        self.sheet_combo.blockSignals(False)
        self._show_plan()

    def _show_plan(self) -> None:
        plan = self.w.plan
        note = "（已按上次确认的对应关系）" if plan.mapping_remembered else ""
        more = f"，另有同样表头的工作表：{'、'.join(plan.sheets[1:])}" if len(plan.sheets) > 1 else ""
        self.info_label.setText(f"表头在第 {plan.header_row} 行{more}{note}")
        headers = importer.display_headers(plan.headers)
        samples = self.w.samples
        self.table.clear()
        self.table.setColumnCount(len(headers))
        self.table.setRowCount(1 + len(samples))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setVerticalHeaderLabels(["对应内容", *[str(r) for r, _cells in samples]])
        self.combos = []
        for col in range(len(headers)):
            combo = QComboBox()
            combo.addItem(NOT_IMPORTED, None)
            for name, label in self.fields:
                combo.addItem(label, name)
            index = combo.findData(plan.mapping.get(col))
            combo.setCurrentIndex(max(index, 0))
            self.table.setCellWidget(0, col, combo)
            self.combos.append(combo)
        fill_table(self.table, [cells for _r, cells in samples], first_row=1)
        self.table.resizeColumnsToContents()
        for col in range(len(headers)):
            self.table.setColumnWidth(col, max(self.table.columnWidth(col), 110))
        self.error_label.clear()

    def mapping(self) -> dict[int, str | None]:
        return {col: combo.currentData() for col, combo in enumerate(self.combos)}

    def set_field(self, column: int, field: str | None) -> None:
        """Choose what column ``column`` holds (tests, keyboard users)."""
        combo = self.combos[column]
        combo.setCurrentIndex(max(combo.findData(field), 0))

    def _sheet_chosen(self) -> None:
        self.w.prepare_in_background(self.w.plan.path, self._show_plan, self.error_label.setText,
                                     sheet=self.sheet_combo.currentText())

    def validatePage(self) -> bool:
        chosen = self.mapping()
        labels = dict(self.fields)
        seen: dict[str, int] = {}
        for col, name in chosen.items():
            if name and name in seen:
                self.error_label.setText(f"“{labels[name]}”对应了两列（第 {seen[name] + 1} 列和第 {col + 1} 列），请只保留一列")
                return False
            if name:
                seen[name] = col
        plan = self.w.plan
        if chosen == plan.mapping or self.ready:
            self.ready = False
            return True
        self.w.prepare_in_background(plan.path, self._read, self.error_label.setText, sheet=plan.sheet, mapping=chosen)
        return False

    def _read(self) -> None:
        self.ready = True
        self.w.next()


# ------------------------------------------------------------------- 3. preview
class PreviewPage(QWizardPage):
    def __init__(self, wizard: ImportWizard):
        super().__init__()
        self.w = wizard
        self.setTitle("第 3 步：预览")
        self.setSubTitle("确认无误后点“开始导入”。有问题的行不会导入，导入时会把它们写成“导入问题”清单放在原文件旁边，改好后再导入一次。")
        self.setCommitPage(True)
        self.summary_label = QLabel()
        self.summary_label.setStyleSheet("font-weight: bold;")
        self.summary_label.setWordWrap(True)
        self.detail_label = QLabel()
        self.detail_label.setWordWrap(True)
        self.tabs = QTabWidget()
        self.rejected_table = _table(("工作表", "行号", "字段", "原因", "原始内容"), (90, 56, 90, 380))
        name = "姓名" if wizard.kind == "members" else "单位名称"
        self.updates_table = _table(("行号", name, "将要修改的内容"), (56, 240))
        self.new_table = _table(("行号", name, "身份证号与单位" if wizard.kind == "members" else "社区与建会方式"),
                                (56, 240))
        self.new_orgs_list = QListWidget()
        self.conflicts_table = _table(("行号", name, "本程序中的值 / 文件中的值", "后来何时、如何修改"), (56, 120, 520))
        self.conflicts_table.itemChanged.connect(self._conflict_ticked)
        self.take_all_button = QPushButton("全部采用文件中的值")
        self.take_all_button.setToolTip("文件保存之后才在本程序中做的修改（如调动、状态变更）不会被改回，需要时请逐行勾选")
        self.take_all_button.clicked.connect(self.take_all)
        conflicts_box = QWidget()
        box = QVBoxLayout(conflicts_box)
        box.setContentsMargins(0, 0, 0, 0)
        hint = QLabel("这些内容在上次导入之后改过（在本程序中，或导入较新的名册时），与文件不同。默认保留本程序中的值；"
                      "勾选行号前的方框则采用文件中的值。")
        hint.setWordWrap(True)
        box.addWidget(hint)
        box.addWidget(self.conflicts_table, 1)
        box.addWidget(self.take_all_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.conflicts_box = conflicts_box
        self.report_button = QPushButton("另存导入问题清单…")
        self.report_button.clicked.connect(self.w.save_report)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.report_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.detail_label)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)

    def initializePage(self) -> None:
        plan = self.w.plan
        self.summary_label.setText(plan.summary())
        notes = []
        if plan.skipped_totals:
            notes.append("已跳过合计行：" + "、".join(f"{s} 第 {r} 行" for s, r in plan.skipped_totals))
        if not plan.has_writes and not plan.conflicts:
            notes.append("没有需要写入的内容：表中的记录都已在库中且没有变化。")
        notes += preview_notes(plan, self.w.other_sheets)
        self.detail_label.setText("\n".join(notes))
        self.detail_label.setVisible(bool(notes))
        self._fill_rejected(rejected_rows(plan))
        fill_table(self.updates_table, update_rows(plan))
        fill_table(self.new_table, new_rows(plan, mask_id_number))
        self.new_orgs_list.clear()
        self.new_orgs_list.addItems(in_list_order(plan.new_orgs))  # as the 单位 list will show them
        new_org_word = "新建单位" if plan.kind == "members" else "新建工联会"
        self.tabs.clear()
        self.tabs.addTab(self.rejected_table, f"有问题的行（{len(plan.rejected)}）")
        self.tabs.addTab(self.new_table, f"将新增（{len(plan.new_rows)}）")
        self.tabs.addTab(self.updates_table, f"将更新（{len(plan.updates)}）")
        self.tabs.addTab(self.new_orgs_list, f"{new_org_word}（{len(plan.new_orgs)}）")
        self._fill_conflicts()
        self.tabs.addTab(self.conflicts_box, f"冲突（{len(plan.conflicts)}）")
        # the first tab with something in it: conflicts, problems, new rows, updates
        self.tabs.setCurrentIndex(4 if plan.conflicts else 0 if plan.rejected else 1 if plan.new_rows
                                  else 2 if plan.updates else 1)
        self.report_button.setEnabled(bool(plan.rejected))

    def _fill_conflicts(self) -> None:
        plan = self.w.plan
        self.conflicts_table.blockSignals(True)
        fill_table(self.conflicts_table, conflict_rows(plan))
        for row, planned in enumerate(plan.conflicts[:self.conflicts_table.rowCount()]):
            item = self.conflicts_table.item(row, 0)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if planned.take else Qt.CheckState.Unchecked)
        self.conflicts_table.blockSignals(False)
        self.take_all_button.setEnabled(bool(plan.conflicts))

    def _conflict_ticked(self, item: QTableWidgetItem) -> None:
        """A ticked row takes the file's values for that record; unticked keeps the program's."""
        if item.column() != 0:
            return
        plan = self.w.plan
        plan.conflicts[item.row()].take = item.checkState() == Qt.CheckState.Checked
        self.summary_label.setText(plan.summary())

    def take_all(self) -> None:
        plan = self.w.plan
        plan.take_file_values()
        self._fill_conflicts()
        self.summary_label.setText(plan.summary())

    def take_row(self, row: int, take: bool = True) -> None:
        """Tick or untick one conflict row (tests, keyboard users)."""
        item = self.conflicts_table.item(row, 0)
        item.setCheckState(Qt.CheckState.Checked if take else Qt.CheckState.Unchecked)

    def _fill_rejected(self, rows: list[list[str]]) -> None:
        """Each reason whole (it ends with how to fix the row); the original cells on the lines
        that leaves them, in full on hover — they would make every row a screen high."""
        originals = [" ".join(r[-1].split()) for r in rows]
        fill_table(self.rejected_table, [r[:-1] + [""] for r in rows])
        self.rejected_table.setWordWrap(True)
        self.rejected_table.resizeRowsToContents()
        last = self.rejected_table.columnCount() - 1
        for row, text in enumerate(originals):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            self.rejected_table.setItem(row, last, item)

    def validatePage(self) -> bool:
        try:
            importer.remember_mapping(self.w.store, self.w.plan)  # the clerk has seen and accepted it
        except UserError:
            pass  # only a convenience for next time; never blocks the import
        return True


def _table(headers: tuple[str, ...], widths: tuple[int, ...]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().setVisible(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    for column, width in enumerate(widths):
        table.setColumnWidth(column, width)
    return table


# ----------------------------------------------------------------------- 4. run
class RunPage(QWizardPage):
    def __init__(self, wizard: ImportWizard):
        super().__init__()
        self.w = wizard
        self.setTitle("第 4 步：导入")
        self.state = "ready"  # ready → running → done | cancelled | failed
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.status_label.setStyleSheet("font-size: 14px;")
        self.report_button = QPushButton("另存导入问题清单…")
        self.report_button.clicked.connect(self.w.save_report)
        self.report_button.setVisible(False)
        self.notes_label = QLabel()
        self.notes_label.setWordWrap(True)
        self.notes_label.setVisible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status_label)
        layout.addWidget(self.notes_label)
        layout.addWidget(self.report_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)

    def initializePage(self) -> None:
        plan = self.w.plan
        self.state = "running"
        self.status_label.setText("正在导入，请稍候…（取消不会留下导入了一半的数据）")
        unit = "人" if plan.kind == "members" else "个单位"

        def work(ws: Store, progress) -> tuple:
            result = importer.apply_import(ws, plan, lambda done, total: progress(done, total, written_text(done, total)))
            return result, write_report(plan)

        op = runner.Operation(self.w, f"导入{KIND_TEXT[plan.kind]}", runner.with_worker_store(self.w.store, work),
                              show_errors=True)
        op.succeeded.connect(lambda result: self._succeeded(result, unit))
        op.cancelled.connect(self._cancelled)
        op.failed.connect(self._failed)
        self.w.operation = op
        op.start()

    def _succeeded(self, outcome: tuple, unit: str) -> None:
        result, report = outcome
        self.state = "done"
        self.w.result = result
        org_word = "新建单位" if self.w.kind == "members" else "新建工联会"
        text = (f"导入完成：新增 {result.imported:,} {unit}，更新 {result.updated:,}，无变化 {result.unchanged:,}"
                f"{result.kept_text(unit)}，有问题未导入 {result.rejected:,} 行，{org_word} {result.orgs_created:,} 个。")
        if result.rejected:
            text += f"\n{report}\n改好后再导入一次即可；已导入的行不会重复。"
        self.status_label.setText(text)
        notes = after_import_notes(self.w.plan, self.w.other_sheets)
        self.notes_label.setText(notes)
        self.notes_label.setVisible(bool(notes))
        remember_file(_file_key(self.w.kind), self.w.plan.path)
        self.report_button.setVisible(bool(result.rejected))
        self.completeChanged.emit()
        self.w.imported.emit(result)

    def _cancelled(self) -> None:
        self.state = "cancelled"
        self.status_label.setText("已取消导入，数据库没有任何改动。")
        self.completeChanged.emit()

    def _failed(self, err: BaseException) -> None:
        self.state = "failed"
        self.status_label.setText(f"导入没有完成，数据库没有任何改动。\n原因：{err}")
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.state in ("done", "cancelled", "failed")
