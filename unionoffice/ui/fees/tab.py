"""The 工会经费 tab: one line per org for a fee period — 工资总额, 应缴, 实缴 and its date, 缴纳方式,
免交/缓交, the shares — with the forms to enter them, the tax office's list to import, the 收缴台账
to print or export, 催缴通知书 for one org or all in arrears, and the office's share settings."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QMessageBox, QVBoxLayout, QWidget

from ...core.errors import UserError
from ...core.fees import records as fees
from ...core.fees import settings as fee_settings
from ...core.store.connection import Store
from ...core.values import dates
from ...core.values.money import format_money
from ..widgets import jobs, runner
from ..widgets.record_list import RecordListMixin, button_row, push_button, record_table
from ..widgets.simple_form import FormField, SimpleForm
from ..widgets.table_models import ALIGN_RIGHT, Column, LazyTableModel

STATUSES = ("全部", "欠缴", "未足额", "已缴", "免交", "缓交")
STATUS_COLOURS = {"欠缴": QColor("#f8d0d0"), "未足额": QColor("#fff1c2"), "免交": QColor("#e4e4e4"),
                  "缓交": QColor("#e4e4e4")}
METHOD_CHOICES = (("（未定）", ""),) + tuple((m, m) for m in fees.METHODS)
EXEMPTION_CHOICES = (("无", ""), ("免交", "免交"), ("缓交", "缓交"))


def _m(key: str) -> Any:
    return lambda row: format_money(row[key])


COLUMNS = (
    Column("org", "单位名称", lambda r: r["org_name"], 240),
    Column("workers", "职工人数", lambda r: str(r["workers"]), 70, ALIGN_RIGHT),
    Column("periods", "所属期", lambda r: r["periods"], 80),
    Column("payroll", "工资总额（元）", _m("payroll"), 120, ALIGN_RIGHT),
    Column("due", "计提/应缴（元）", _m("due"), 110, ALIGN_RIGHT),
    Column("paid", "实缴（元）", _m("paid"), 110, ALIGN_RIGHT),
    Column("paid_date", "缴纳日期", lambda r: r["paid_date"], 90),
    Column("method", "缴纳方式", lambda r: r["method"], 90),
    Column("exemption", "免交/缓交", lambda r: r["exemption"], 70),
    Column("district", "上缴区总（元）", _m("district"), 100, ALIGN_RIGHT),
    Column("street", "上解街道（元）", _m("street"), 100, ALIGN_RIGHT),
    Column("status", "状态", lambda r: r["status"], 60, background=lambda r: STATUS_COLOURS.get(r["status"])),
)


class FeesTab(RecordListMixin, QWidget):
    data_changed = Signal()
    selection_buttons = ("record_button", "pay_button", "payments_button", "notice_one_button")

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.lines: dict[int, fees.FeeLine] = {}
        self.model = LazyTableModel(COLUMNS, self._fetch)
        self._build()
        self.refresh()

    def _build(self) -> None:
        self.period_edit = QLineEdit(str(dates.today().year))
        self.period_edit.setObjectName("feePeriodEdit")
        self.period_edit.setMaximumWidth(110)
        self.period_edit.setToolTip("所属期：2026、2026-H1（上半年）、2026-Q3（第三季度）、2026-05（月）")
        self.period_edit.editingFinished.connect(self.refresh)
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText("按单位名称筛选")
        self.search_edit.textChanged.connect(self._fill)
        self.status_combo = QComboBox()
        self.status_combo.addItems(STATUSES)
        self.status_combo.currentIndexChanged.connect(self._fill)
        top = QHBoxLayout()
        for widget in (QLabel("所属期："), self.period_edit, QLabel("状态："), self.status_combo, self.search_edit):
            top.addWidget(widget)
        self.summary_label = QLabel()
        self.summary_label.setObjectName("feeSummary")
        self.summary_label.setWordWrap(True)
        self.view = record_table(self.model, "feesTable", "fees/columns", [c.width for c in COLUMNS])
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.view.doubleClicked.connect(lambda _index: self.edit_record())
        self.record_button = push_button("登记/修改计提…", self.edit_record)
        self.pay_button = push_button("登记缴款…", self.add_payment)
        self.payments_button = push_button("缴款明细…", self.show_payments)
        self.notice_one_button = push_button("催缴通知书（本单位）…", lambda: self.print_notices(one=True))
        right = [push_button("导入税务代收明细…", self.import_tax_list),
                 push_button("催缴通知书（全部欠缴）…", lambda: self.print_notices(one=False)),
                 push_button("打印收缴台账…", self.print_ledger), push_button("导出 Excel…", self.export_ledger),
                 push_button("分成比例设置…", self.edit_settings)]
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.view, 1)
        layout.addLayout(button_row([self.record_button, self.pay_button, self.payments_button, self.notice_one_button],
                                    right))
        self._update_buttons()

    # ------------------------------------------------------------------ showing
    def set_store(self, store: Store) -> None:
        self.store = store

    def period(self) -> fees.FeePeriod:
        return fees.fee_period(self.period_edit.text() or dates.today().year)

    def set_period(self, text: str) -> None:
        self.period_edit.setText(text)
        self.refresh()

    def refresh(self) -> None:
        try:
            fp = self.period()
        except UserError as err:
            self.summary_label.setText(str(err))
            return
        self.lines = {line.org_id: line for line in fees.fee_lines(self.store, *fp.period.iso)}
        self._fill()

    def _fill(self) -> None:
        text, status = self.search_edit.text().strip(), self.status_combo.currentText()
        shown = [line for line in self.lines.values() if (not text or text in line.org_name)
                 and (status == "全部" or line.status == status)]
        self.model.set_ids([line.org_id for line in shown])
        t = fees.totals(list(self.lines.values()))
        self.summary_label.setText(
            f"{self.period().label}：{t.orgs} 家单位，应缴 {format_money(t.due)} 元，实缴 {format_money(t.paid)} 元，"
            f"上缴区总 {format_money(t.district)} 元，上解街道 {format_money(t.street)} 元；免交 {t.exempt} 家，"
            f"缓交 {t.deferred} 家，欠缴 {t.arrears} 家。分成比例：{fee_settings.load(self.store).describe()}")
        self._update_buttons()

    def _fetch(self, ids) -> list[dict[str, Any]]:
        return [{**vars(self.lines[i]), "id": i, "status": self.lines[i].status} for i in ids]

    def shown_lines(self) -> list[fees.FeeLine]:
        return [self.lines[i] for i in self.model.ids()]

    def open_org(self, org_id: int) -> None:
        """Show the org's line (from a 工作台 reminder): all statuses, no filter."""
        self.search_edit.clear()
        self.status_combo.setCurrentIndex(0)
        self.select_ids([org_id])

    def _after_save(self, _record_id: int) -> None:
        chosen = self.selected_ids()
        self.refresh()
        self.select_ids(chosen)
        self.data_changed.emit()

    # ------------------------------------------------------------------ forms
    def edit_record(self) -> SimpleForm | None:
        org_id = self.current_id()
        if org_id is None:
            return None
        fp = self.period()
        found = fees.find_fee_record(self.store, org_id, fp.key)
        values = dict(found) if found else {}
        if found and found["payroll"] is not None:
            values["payroll"] = format_money(found["payroll"]).replace(",", "")
        fields = [FormField("payroll", "工资总额（元）", placeholder="空着则按税务代收的计费依据"),
                  FormField("method", "缴纳方式", "combo", METHOD_CHOICES),
                  FormField("exemption", "免交/缓交", "combo", EXEMPTION_CHOICES),
                  FormField("exemption_reason", "免缓交原因"), FormField("exemption_approved", "批准日期", "date"),
                  FormField("notes", "备注")]

        def save(v: dict[str, Any]) -> int:
            data = {**v, "payroll": v["payroll"] or None}
            if found:
                return fees.save_fee_record(self.store, data, found["id"])
            return fees.save_fee_record(self.store, {**data, "org_id": org_id, "period": fp.key})

        title = f"{self.lines[org_id].org_name} {fp.label}工会经费"
        return self._show_dialog(SimpleForm(self, title, fields, save, values,
                                            note="应缴按工资总额的 2% 计算；免交、缓交须写明原因和批准日期。"))

    def add_payment(self) -> SimpleForm | None:
        org_id = self.current_id()
        if org_id is None:
            return None
        fp = self.period()
        fields = [FormField("paid_date", "缴纳日期", "date"), FormField("amount", "实缴金额（元）"),
                  FormField("method", "缴纳方式", "combo", tuple((m, m) for m in fees.METHODS)),
                  FormField("notes", "备注")]

        def save(v: dict[str, Any]) -> int:
            with self.store.atomic():
                record_id = fees.ensure_fee_record(self.store, org_id, fp.key)
                return fees.add_payment(self.store, record_id, v["paid_date"] or None, v["amount"], v["method"],
                                        v["notes"])

        line = self.lines[org_id]
        values = {"paid_date": dates.today().isoformat(), "method": line.method.split("、")[0] or "自行拨缴"}
        return self._show_dialog(SimpleForm(self, f"{line.org_name} {fp.label}缴款", fields, save, values))

    def show_payments(self):
        from .payments import PaymentsDialog

        org_id = self.current_id()
        if org_id is None:
            return None
        return self._show_dialog(PaymentsDialog(self, self.store, org_id, self.lines[org_id].org_name, self.period()))

    def edit_settings(self) -> SimpleForm:
        current = fee_settings.load(self.store)
        fields = [FormField(k, label, "combo", tuple((b, b) for b in fee_settings.BASES)) if k == "base"
                  else FormField(k, label) for k, label in fee_settings.LABELS.items()]
        values = {k: getattr(current, k) for k in fee_settings.LABELS}

        def save(v: dict[str, Any]) -> int:
            fee_settings.save(self.store, v)
            return 0

        return self._show_dialog(SimpleForm(self, "工会经费分成比例", fields, save, values,
                                            note="按本省、本区规定填写；改动后台账与报表立即按新比例计算，并记入操作日志。"))

    # ------------------------------------------------------------------ import
    def import_tax_list(self, path=None) -> runner.Operation | None:
        path = path or jobs.ask_open_path(self, "导入税务代收明细", "import")
        if path is None:
            return None
        key = self.period().key
        period = None if key.isdigit() else key  # a year: each row goes to the year of its 入库日期

        def work(ws, progress):
            from ...exchange.importing.external_lists import prepare_list

            progress(0, 0, "正在读取代收明细…")
            return prepare_list(ws, path, "tax_list", period=period)

        op = runner.Operation(self, "导入税务代收明细", runner.with_worker_store(self.store, work),
                              on_success=self._confirm_import)
        return op.start()

    def _confirm_import(self, plan) -> None:
        from ..imports.external_lists import SHOWN_PROBLEMS, confirm_and_apply, first_problems, problem_report

        extra = len(plan.rejected) - SHOWN_PROBLEMS
        more = f"\n……另有 {extra} 行" if extra > 0 else ""
        text = f"{plan.summary()}\n{first_problems(plan)}{more}{problem_report(plan)}"
        added = confirm_and_apply(self, self.store, plan, "导入税务代收明细", text, "没有需要导入的新缴款。")
        if added is None:
            return
        self.refresh()
        self.data_changed.emit()
        QMessageBox.information(self, "导入完成", f"已导入 {added} 笔税务代收缴款。")

    # ------------------------------------------------------------------ print / export
    def print_ledger(self) -> runner.Operation | None:
        fp = self.period()
        path = jobs.ask_save_path(self, "打印工会经费收缴台账", f"工会经费收缴台账-{fp.key}.pdf", jobs.PDF_FILTER, "print")
        if path is None:
            return None

        def work(ws, progress):
            from ...printing.fees import write_ledger

            progress(0, 0, "正在生成台账…")
            return write_ledger(ws, path, fp.key)

        return jobs.start_job(self, "打印收缴台账", work, f"已生成工会经费收缴台账：\n{path}")

    def export_ledger(self) -> runner.Operation | None:
        fp = self.period()
        path = jobs.ask_save_path(self, "导出工会经费收缴台账", f"工会经费收缴台账-{fp.key}.xlsx", jobs.XLSX_FILTER, "export")
        if path is None:
            return None

        def work(ws, progress):
            from ...exchange.exports.fees import export_fee_ledger

            progress(0, 0, "正在导出…")
            return export_fee_ledger(ws, path, fp.key)

        return jobs.start_job(self, "导出收缴台账", work, f"已导出到：\n{path}")

    def print_notices(self, *, one: bool) -> runner.Operation | None:
        fp = self.period()
        org_id = self.current_id() if one else None
        if one and org_id is None:
            return None
        name = f"催缴通知书-{self.lines[org_id].org_name}" if org_id else f"催缴通知书-{fp.key}"
        path = jobs.ask_save_path(self, "打印催缴通知书", f"{name}.pdf", jobs.PDF_FILTER, "print")
        if path is None:
            return None

        def work(ws, progress):
            from ...printing.fees import write_notices

            progress(0, 0, "正在生成催缴通知书…")
            return write_notices(ws, path, fp.key, org_id)

        return jobs.start_job(self, "打印催缴通知书", work, lambda r: f"已生成催缴通知书 {r.rows} 份：\n{path}")
