"""慰问活动 / 帮扶记录: campaigns on the left, the chosen campaign's recipients on the right.

Amounts are edited in the table; totals and the budget left are recomputed from the rows by core
after every change. Printing goes through a preview; 正式打印（锁定） locks the rows (core and the
database refuse any later edit), after which mistakes are fixed by 更正/冲正 entries.
The first entry of the list, 单笔慰问, holds the payments made outside any campaign.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QFileDialog, QHBoxLayout, QHeaderView, QLabel, QMessageBox, QPushButton, QSplitter,
    QTableView, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from ..widgets.personal import personal_title
from ...core.assistance import records as assistance, campaigns
from ...core.values import dates
from ...core.assistance.query import AssistanceFilter, assistance_by_ids, search_assistance_ids, sheet_rows
from ...core.errors import UserError
from ...core.values.money import format_money
from ...core.store.connection import Store
from ..widgets import errors
from .campaign_dialog import CampaignDialog
from ..widgets.form_helpers import last_folder, remember_folder
from ..hardship.actions import CorrectionDialog, SinglePaymentDialog
from ..members.tab import start_export
from ..widgets.print_preview import PrintPreviewDialog
from .recipient_picker import RecipientPicker
from .recipients_model import COLUMNS, RecipientsModel
from ..widgets import pending_edits
from ..widgets.form_helpers import read_date
from ..hardship.actions import FormDialog, _date_edit
from ...core.assistance.funding import funding_text

SINGLE = 0  # the list entry for payments outside campaigns
LIST_HEADERS = ("发放日期", "活动名称", "状态", "人数", "慰问金（元）", "实物折合")
DOC_TITLES = {"disbursement": "慰问金发放表", "corrections": "更正表", "receipts": "收据", "condolence": "慰问名单"}


_print_dir: list[Path] = []


def print_folder() -> Path:
    """One temporary folder per run for preview and final PDFs, removed when the program ends
    (a final PDF the office wants to keep is saved with 另存为 PDF…)."""
    if not _print_dir:
        _print_dir.append(Path(tempfile.mkdtemp(prefix="unionoffice-print-")))
        atexit.register(shutil.rmtree, _print_dir[0], True)
    return _print_dir[0]


def totals_text(t: dict) -> str:
    """'共 12 人，金额 6,000.00 元 …；预算 10,000.00 元，余 4,000.00 元'."""
    parts = [f"共 {t['people']} 人 {t['rows']} 笔", f"金额合计 {format_money(t['amount'])} 元"]
    if t["goods_value"]:
        parts.append(f"实物折合 {format_money(t['goods_value'])} 元")  # apart, as on the printed sheet
    if t["corrections"]:
        parts.append(f"含更正 {t['corrections']} 笔")
    if t["locked"]:
        parts.append(f"已锁定 {t['locked']} 笔" + (f"（已签领 {t['signed']} 笔）" if t["signed"] else ""))
    text = "，".join(parts)
    if t["budget"] is not None:
        left = t["budget_left"]
        text += f"；预算 {format_money(t['budget'])} 元，" + (
            f"超出预算 {format_money(-left)} 元" if left < 0 else f"预算余额 {format_money(left)} 元")
    return text


class CampaignPanel(QWidget):
    data_changed = Signal()

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.campaign_id: int | None = None  # SINGLE for single payments, None before a choice
        self.campaign: dict | None = None
        self.totals: dict | None = None
        self.dialog = None
        self.preview: PrintPreviewDialog | None = None
        self.model = RecipientsModel(store, self)
        self._build()
        self._connect()

    # -------------------------------------------------------------------- layout
    def _build(self) -> None:
        self.year_combo = QComboBox()
        self.campaign_list = QTableWidget(0, len(LIST_HEADERS))
        self.campaign_list.setObjectName("campaignList")
        self.campaign_list.setHorizontalHeaderLabels(list(LIST_HEADERS))
        self.campaign_list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.campaign_list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.campaign_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.campaign_list.verticalHeader().setVisible(False)
        for col, width in enumerate((78, 150, 50, 38, 80, 66)):
            self.campaign_list.setColumnWidth(col, width)
        self.campaign_list.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.new_button, self.edit_button, self.delete_button = (QPushButton(t) for t in ("新建活动…", "修改…", "删除"))
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(_hbox(QLabel("年份："), self.year_combo, stretch=True))
        left_layout.addWidget(self.campaign_list, 1)
        left_layout.addLayout(_hbox(self.new_button, self.edit_button, self.delete_button, stretch=True))
        self.header_label = QLabel("请在左边选择一个慰问活动")
        self.header_label.setStyleSheet("font-weight: bold; font-size: 14px;")
        self.totals_label = QLabel()
        self.totals_label.setObjectName("totalsLabel")
        self.view = QTableView()
        self.view.setObjectName("recipientTable")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed
                                  | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(24)
        for col, c in enumerate(COLUMNS):
            self.view.setColumnWidth(col, c.width)
        self.view.horizontalHeader().setStretchLastSection(True)
        names = ("添加慰问对象…", "删除所选", "按标准金额", "更正/冲正…", "预览发放表", "预览更正表", "预览收据",
                 "预览慰问名单", "标记已签领…", "导出帮扶台账…")
        (self.add_button, self.remove_button, self.standard_button, self.correct_button, self.sheet_button,
         self.corrections_button, self.receipts_button, self.condolence_button, self.signed_button,
         self.export_button) = (QPushButton(n) for n in names)
        self.corrections_button.setToolTip("只打印更正/冲正记录，交当事人签领")
        self.standard_button.setToolTip("把所有未锁定的人的金额设为活动的标准金额")
        self.sheet_button.setToolTip("预览慰问金发放表 (Ctrl+P)；核对无误后在预览中“正式打印（锁定）”")
        self.correct_button.setToolTip("已锁定的一笔有错时，另记一笔差额（填 0 即全额冲正）")
        self.signed_button.setToolTip("签过字的发放表交回后，标记整个活动为已签领")
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.header_label)
        right_layout.addWidget(self.totals_label)
        right_layout.addLayout(_hbox(self.add_button, self.remove_button, self.standard_button, self.correct_button,
                                     stretch=True, tail=(self.export_button,)))
        right_layout.addWidget(self.view, 1)
        right_layout.addLayout(_hbox(self.sheet_button, self.corrections_button, self.receipts_button,
                                     self.condolence_button, stretch=True,
                                     tail=(self.signed_button,)))
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([540, 800])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

    def _connect(self) -> None:
        self.year_combo.currentIndexChanged.connect(self._year_chosen)
        self.campaign_list.itemSelectionChanged.connect(self._campaign_chosen)
        self.campaign_list.doubleClicked.connect(lambda _i: self.edit_campaign())
        self.new_button.clicked.connect(self.new_campaign)
        self.edit_button.clicked.connect(self.edit_campaign)
        self.delete_button.clicked.connect(self.delete_campaign)
        self.add_button.clicked.connect(self.add_recipients)
        self.remove_button.clicked.connect(self.remove_selected)
        self.standard_button.clicked.connect(self.apply_standard)
        self.correct_button.clicked.connect(self.correct_selected)
        self.sheet_button.clicked.connect(lambda: self.preview_doc("disbursement"))
        self.corrections_button.clicked.connect(lambda: self.preview_doc("corrections"))
        self.receipts_button.clicked.connect(lambda: self.preview_doc("receipts"))
        self.condolence_button.clicked.connect(lambda: self.preview_doc("condolence"))
        self.signed_button.clicked.connect(self.mark_signed)
        self.export_button.clicked.connect(self.export_assistance)
        self.model.edit_failed.connect(lambda text: errors.show_user_error(self, UserError(text), "不能修改"))
        self.model.edited.connect(lambda _id: QTimer.singleShot(0, self._after_rows_changed))
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        QShortcut(QKeySequence(Qt.Key.Key_Delete), self.view, activated=self.remove_selected,
                  context=Qt.ShortcutContext.WidgetShortcut)
        QShortcut(QKeySequence("Ctrl+P"), self, activated=self._print_shortcut,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        QShortcut(QKeySequence("Ctrl+N"), self, activated=self.new_campaign,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def _print_shortcut(self) -> None:
        """Ctrl+P: the 发放表 of a campaign, receipts of the picked single payments."""
        button = self.receipts_button if self.campaign_id == SINGLE else self.sheet_button
        if button.isEnabled():
            button.click()

    # ------------------------------------------------------------- campaigns list
    def set_store(self, store: Store) -> None:
        self.store = store
        self.model.store = store
        self.campaign_id = None

    def refresh(self) -> None:
        years = sorted({c["campaign_date"][:4] for c in campaigns.list_campaigns(self.store)} | {str(date.today().year)},
                       reverse=True)
        keep = self.year_combo.currentData()
        self.year_combo.blockSignals(True)
        self.year_combo.clear()
        self.year_combo.addItem("全部年份", None)
        for year in years:
            self.year_combo.addItem(f"{year} 年", int(year))
        self.year_combo.setCurrentIndex(max(0, self.year_combo.findData(keep)))
        self.year_combo.blockSignals(False)
        self.load_campaigns()

    def load_campaigns(self) -> None:
        keep = self.campaign_id
        rows = campaigns.list_campaigns(self.store, year=self.year_combo.currentData())
        self.campaign_list.blockSignals(True)
        self.campaign_list.setRowCount(len(rows) + 1)
        self._set_list_row(0, SINGLE, ("", "单笔慰问（不属于活动）", "", "", "", ""))
        for i, c in enumerate(rows, start=1):
            t = c["totals"]  # money and goods apart, as on the printed sheet
            self._set_list_row(i, c["id"], (c["campaign_date"], c["name"], c["status"], str(t["people"]),
                                            format_money(t["amount"]),
                                            format_money(t["goods_value"]) if t["goods_value"] else ""))
        self.campaign_list.blockSignals(False)
        if keep is not None and not self.select_campaign(keep):
            self.show_campaign(None)

    def _year_chosen(self, _index: int) -> None:
        self.settle_edits()  # Cancel keeps the edit open; the list below still changes year
        self.load_campaigns()

    def _set_list_row(self, row: int, campaign_id: int, values: tuple) -> None:
        for col, value in enumerate(values):
            item = QTableWidgetItem(value)
            item.setData(Qt.ItemDataRole.UserRole, campaign_id)
            if col >= 3:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.campaign_list.setItem(row, col, item)

    def select_campaign(self, campaign_id: int):
        """Select and show a campaign (SINGLE for single payments); None if it is not listed."""
        for row in range(self.campaign_list.rowCount()):
            if self.campaign_list.item(row, 0).data(Qt.ItemDataRole.UserRole) == campaign_id:
                self.campaign_list.blockSignals(True)
                self.campaign_list.selectRow(row)
                self.campaign_list.blockSignals(False)
                self.show_campaign(campaign_id)
                return self
        if campaign_id not in (None, SINGLE) and self.year_combo.currentIndex() != 0:
            self.year_combo.setCurrentIndex(0)  # from 工作台: it may be in another year
            return self.select_campaign(campaign_id)
        return None

    def _campaign_chosen(self) -> None:
        rows = self.campaign_list.selectionModel().selectedRows()
        if not rows:
            return
        chosen = self.campaign_list.item(rows[0].row(), 0).data(Qt.ItemDataRole.UserRole)
        if chosen != self.campaign_id and not pending_edits.settle(self, self.view, forms=False):
            # the clerk went back to her edit: the list shows the campaign she is editing again
            self.campaign_list.blockSignals(True)
            for row in range(self.campaign_list.rowCount()):
                if self.campaign_list.item(row, 0).data(Qt.ItemDataRole.UserRole) == self.campaign_id:
                    self.campaign_list.selectRow(row)
            self.campaign_list.blockSignals(False)
            return
        self.show_campaign(chosen)

    def settle_edits(self) -> bool:
        """Save or discard a cell being edited (before the campaign or the year shown changes)."""
        return pending_edits.settle(self, self.view, forms=False)

    # ---------------------------------------------------------------- one campaign
    def show_campaign(self, campaign_id: int | None) -> None:
        self.campaign_id = campaign_id
        self.campaign = campaigns.get_campaign(self.store, campaign_id) if campaign_id else None
        self.reload_rows()

    def reload_rows(self) -> None:
        if self.campaign_id is None:
            self.model.set_rows([])
            self.header_label.setText("请在左边选择一个慰问活动")
            self.totals_label.setText("")
        elif self.campaign_id == SINGLE:
            year = dates.today().year
            filt = AssistanceFilter(single_only=True, date_from=f"{year}-01-01", date_to=f"{year}-12-31")
            rows = assistance_by_ids(self.store, search_assistance_ids(self.store, "", filt))
            for r in rows:
                r["remark"] = f"{r['kind']}：{r['notes']}" if r["notes"] else r["kind"]
            self.model.set_rows(rows)
            self.header_label.setText(f"{year} 年单笔慰问（不属于慰问活动，如生病住院慰问）：选中几笔后可预览、打印收据")
            goods = sum(r["goods_value"] for r in rows)
            self.totals_label.setText(f"共 {len(rows)} 笔，金额合计 {format_money(sum(r['amount'] for r in rows))} 元"
                                      + (f"，实物折合 {format_money(goods)} 元" if goods else ""))
        else:
            c = self.campaign
            self.model.set_rows(sheet_rows(self.store, self.campaign_id))
            kind = "" if c["kind"] in c["name"] else f"　{c['kind']}"
            self.header_label.setText(f"{c['name']}{kind}　{c['campaign_date']}　资金来源：{funding_text(self.store, c)}"
                                      f"　标准 {format_money(c['standard_amount'])} 元/人　状态：{c['status']}")
            self.totals = campaigns.campaign_totals(self.store, self.campaign_id)
            self.totals_label.setText(totals_text(self.totals))
            self.totals_label.setStyleSheet("color: #c0392b; font-weight: bold;" if self.totals["over_budget"] else "")
        self._update_buttons()

    def _after_rows_changed(self) -> None:
        if self.store.conn is None:  # the window closed (and the file with it) before this ran
            return
        keep = self.selected_ids()
        self.load_campaigns()  # re-shows the campaign: its status and totals may have changed
        self.select_rows(keep)
        self.data_changed.emit()

    def selected_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()})
        return [self.model.rows[r]["id"] for r in rows if r < len(self.model.rows)]

    def selected_rows(self) -> list[dict]:
        return [self.model.rows[self.model.row_of(i)] for i in self.selected_ids()]

    def select_rows(self, ids: list[int]) -> None:
        self.view.clearSelection()
        for assistance_id in ids:
            row = self.model.row_of(assistance_id)
            if row >= 0:
                self.view.selectionModel().select(
                    self.model.index(row, 0),
                    self.view.selectionModel().SelectionFlag.Select | self.view.selectionModel().SelectionFlag.Rows)

    def _update_buttons(self) -> None:
        chosen = self.selected_rows()
        is_campaign = self.campaign_id not in (None, SINGLE)
        open_campaign = is_campaign and self.campaign["status"] != "已签领"
        rows = self.model.rows
        self.edit_button.setEnabled(is_campaign)
        self.delete_button.setEnabled(is_campaign and self.campaign["status"] == "草稿")
        self.add_button.setEnabled(open_campaign or self.campaign_id == SINGLE)
        self.add_button.setText("添加单笔慰问…" if self.campaign_id == SINGLE else "添加慰问对象…")
        self.remove_button.setEnabled(bool(chosen) and not any(r["locked"] for r in chosen))
        self.standard_button.setEnabled(is_campaign and any(not r["locked"] and not r["is_correction"] for r in rows))
        self.correct_button.setEnabled(len(chosen) == 1 and bool(chosen[0]["locked"]))
        for button in (self.sheet_button, self.condolence_button):
            button.setEnabled(is_campaign and bool(rows))
        self.corrections_button.setVisible(is_campaign and any(r["is_correction"] for r in rows))
        self.receipts_button.setEnabled(bool(rows) and (is_campaign or bool(chosen)))
        self.signed_button.setEnabled(bool(rows) and (
            (is_campaign and self.campaign["status"] == "已打印")
            or (self.campaign_id == SINGLE and bool(chosen) and all(r["locked"] for r in chosen))))

    # ------------------------------------------------------------------ actions
    def _open(self, dialog, signal_name: str = "done_with"):
        self.dialog = dialog
        getattr(dialog, signal_name).connect(lambda value: self._after_dialog(dialog, value))
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        dialog.open()
        return dialog

    def _after_dialog(self, dialog, value: int) -> None:
        if isinstance(dialog, CampaignDialog):
            self.campaign_id = value  # the campaign just made or changed
            self.refresh()
        self._after_rows_changed()

    def new_campaign(self) -> CampaignDialog:
        return self._open(CampaignDialog(self.store, None, self))

    def edit_campaign(self) -> CampaignDialog | None:
        if self.campaign_id in (None, SINGLE):
            return None
        return self._open(CampaignDialog(self.store, self.campaign_id, self))

    def delete_campaign(self) -> bool:
        if self.campaign_id in (None, SINGLE):
            return False
        answer = QMessageBox.question(self, "删除慰问活动", f"将把“{self.campaign['name']}”及其名单移入回收站。确定吗？",
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return False
        try:
            campaigns.delete_campaign(self.store, self.campaign_id)
        except UserError as err:
            errors.show_user_error(self, err)
            return False
        self.campaign_id = None
        self.refresh()
        self.data_changed.emit()
        return True

    def add_recipients(self):
        if self.campaign_id == SINGLE:
            return self._open(SinglePaymentDialog(self.store, None, self))
        if self.campaign_id is None:
            return None
        return self._open(RecipientPicker(self.store, self.campaign_id, self), "added")

    def remove_selected(self) -> int:
        chosen = self.selected_rows()
        if not chosen:
            return 0
        names = "、".join(r["name"] for r in chosen[:3]) + (f"等 {len(chosen)} 人" if len(chosen) > 3 else "")
        answer = QMessageBox.question(self, "删除慰问记录", f"将把 {names} 的慰问记录移入回收站。确定吗？",
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return 0
        n = self._core(assistance.delete_assistance, self.store, [r["id"] for r in chosen]) or 0
        self._after_rows_changed()
        return n

    def apply_standard(self) -> int:
        n = self._core(campaigns.apply_standard_amount, self.store, self.campaign_id) or 0
        self._after_rows_changed()
        return n

    def correct_selected(self) -> CorrectionDialog | None:
        chosen = self.selected_rows()
        if len(chosen) != 1 or not chosen[0]["locked"]:
            return None
        return self._open(CorrectionDialog(self.store, chosen[0]["id"], self))

    def mark_signed(self):
        """签过字的单据交回: the clerk picks the 签领日期 (default today, never before the 发放日期)."""
        if self.campaign_id == SINGLE:
            ids = [r["id"] for r in self.selected_rows()]
            if not ids:
                return None
            dialog = SignedDialog(self.store, f"所选 {len(ids)} 笔单笔慰问",
                                  lambda day: assistance.mark_rows_signed(self.store, ids, day), self)
        elif self.campaign_id is not None:
            cid = self.campaign_id
            dialog = SignedDialog(self.store, f"“{self.campaign['name']}”",
                                  lambda day: campaigns.mark_signed(self.store, cid, day), self)
        else:
            return None
        return self._open(dialog)

    def _core(self, fn, *args):
        try:
            return fn(*args)
        except UserError as err:
            errors.show_user_error(self, err)
            return None

    # ----------------------------------------------------------------- printing
    @property
    def _tmp(self) -> Path:
        return print_folder()

    def preview_doc(self, what: str) -> PrintPreviewDialog | None:
        """Make a preview PDF and show it; the dialog's 正式打印 locks through core."""
        from ...printing.condolence import print_condolence
        from ...printing.disbursement import print_disbursement
        from ...printing.receipts import print_receipts

        cid = None if self.campaign_id == SINGLE else self.campaign_id
        ids = [r["id"] for r in self.selected_rows()] or None  # receipts for the chosen rows only
        stamp = datetime.now().strftime("%H%M%S%f")
        makers = {
            "disbursement": lambda out, final, allow=False: print_disbursement(self.store, cid, out, final=final,
                                                                               allow_duplicates=allow),
            "corrections": lambda out, final, allow=False: print_disbursement(
                self.store, cid, out, final=final, corrections_only=True, allow_duplicates=allow),
            "receipts": lambda out, final, allow=False: print_receipts(self.store, out, campaign_id=cid, ids=ids,
                                                                       final=final, allow_duplicates=allow),
            "condolence": lambda out, final, allow=False: print_condolence(self.store, cid, out, final=final),
        }
        make = makers[what]
        official_list = what == "condolence" and all(r["locked"] for r in self.model.rows)
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            result = make(self._tmp / f"{what}-{stamp}.pdf", official_list)
        except UserError as err:
            errors.show_user_error(self, err, "无法生成打印文件")
            return None
        finally:
            QGuiApplication.restoreOverrideCursor()
        name = self.campaign["name"] if cid else "单笔慰问"
        title = f"{name}{DOC_TITLES[what]}"
        finalize = None
        if what != "condolence":
            finalize = lambda allow_duplicates=False: make(  # noqa: E731
                self._tmp / f"{what}-{stamp}-定稿.pdf", True, allow_duplicates)
        note = ("本活动名单中尚未锁定的每一笔金额都将锁定，活动状态变为“已打印”。" if cid else
                "所选单笔慰问的金额将锁定，并编上收据号。")
        if what == "receipts" and cid:
            note = (f"所选 {len(ids)} 笔将锁定；没有收据号的编上新号，已有收据号的沿用原号并注明“补打”。" if ids else
                    "还没有收据的每一笔将锁定并编上收据号（已打印过的不再重打；要补打请先选中那几行）。")
        dialog = PrintPreviewDialog(result.path, title, self, finalize=finalize, lock_note=note)
        if finalize is not None and all(r["locked"] for r in self.model.rows) and (what != "receipts" or cid):
            dialog.state_label.setText("这些记录已锁定；“正式打印”将按原序号重印，不再改变任何金额。")
        if what == "condolence" and not official_list:
            dialog.state_label.setText("这是预览稿。发放表或收据正式打印（锁定）后，再在这里打印的慰问名单才是正式的。")
        dialog.finalized.connect(lambda _r: self._after_rows_changed())
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        self.preview = dialog
        dialog.open()
        return dialog

    def export_assistance(self):
        default = Path(last_folder("export", self.store.path.parent)) / f"帮扶慰问台账-{date.today():%Y%m%d}.xlsx"
        name, _ = QFileDialog.getSaveFileName(self, personal_title("导出帮扶慰问台账（全部记录）"), str(default), "Excel 工作簿 (*.xlsx)")
        if not name:
            return None
        path = Path(name) if name.lower().endswith(".xlsx") else Path(name + ".xlsx")
        remember_folder("export", path)

        def work(ws, progress):
            from ...exchange.exports.assistance import export_assistance

            return export_assistance(ws, path, progress=lambda done, total=0, *_: progress(
                done, total, f"正在导出第 {done:,} 行"))

        return start_export(self, "导出帮扶慰问台账", path, self.store, work, unit="条")


def _hbox(*widgets: QWidget, stretch: bool = False, tail: tuple = ()) -> QHBoxLayout:
    layout = QHBoxLayout()
    for widget in widgets:
        layout.addWidget(widget)
    if stretch:
        layout.addStretch(1)
    for widget in tail:
        layout.addWidget(widget)
    return layout


class SignedDialog(FormDialog):
    """标记已签领: the day the signed sheet or receipts came back (default today)."""

    def __init__(self, store: Store, what: str, work, parent: QWidget | None = None):
        super().__init__("标记已签领", parent)
        self.store, self.work = store, work
        self.intro.setText(f"签过字的单据已交回，将把{what}标记为已签领。\n签领日期不能早于发放日期。")
        self.date_edit = self.add("signed_date", "签领日期", _date_edit(dates.today().isoformat()))
        self.finish()

    def apply(self) -> int:
        return self.work(read_date(self.date_edit, "signed_date", "签领日期") or "") or 0
