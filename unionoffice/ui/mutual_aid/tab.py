"""The 互助保障 tab: the year's plans (premium, who pays, how many joined) above, who joined them
below — entered one by one, for a whole org (全员参保), or imported from an org's or the insurer's
list — with 互助金给付, the 参保名单 and the summary to print or export, and the people not yet on
the member roll (待补录)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QCheckBox, QComboBox, QHBoxLayout, QLabel, QLineEdit, QMessageBox, QSpinBox,
                               QVBoxLayout, QWidget)

from ...core.errors import UserError
from ...core.mutual_aid import records as aid
from ...core.orgs.records import org_choices
from ...core.store.connection import Store
from ...core.values import dates
from ...core.values.ids import mask_id_number
from ...core.values.money import format_money
from ..widgets import jobs, runner
from ..widgets.errors import show_user_error
from ..widgets.record_list import RecordListMixin, button_row, push_button, record_table
from ..widgets.simple_form import FormField, SimpleForm
from ..widgets.table_models import ALIGN_RIGHT, Column, LazyTableModel

TO_ADD_COLOUR = QColor("#fff1c2")
COLUMNS = (
    Column("org", "单位", lambda r: r["org_name"], 220),
    Column("name", "姓名", lambda r: r["person_name"], 80),
    Column("id_number", "身份证号", lambda r: mask_id_number(r["id_number"]), 150),
    Column("plan", "参保项目", lambda r: r["plan_name"], 100),
    Column("date", "参保日期", lambda r: r["enrolled_date"], 90),
    Column("shares", "份数", lambda r: str(r["shares"]), 50, ALIGN_RIGHT),
    Column("premium", "保费（元）", lambda r: format_money(r["premium"]), 90, ALIGN_RIGHT),
    Column("roll", "会员名册", lambda r: "待补录" if r["to_add"] else "在册", 70,
           background=lambda r: TO_ADD_COLOUR if r["to_add"] else None),
    Column("source", "登记方式", lambda r: r["source"], 120),
)


class MutualAidTab(RecordListMixin, QWidget):
    data_changed = Signal()
    selection_buttons = ("claim_button", "delete_button")

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.rows: dict[int, dict[str, Any]] = {}
        self.model = LazyTableModel(COLUMNS, lambda ids: [self.rows[i] for i in ids])
        self._build()
        self.refresh()

    def _build(self) -> None:
        self.year_spin = QSpinBox()
        self.year_spin.setRange(1990, 2100)
        self.year_spin.setValue(dates.today().year)
        self.year_spin.valueChanged.connect(lambda _v: self.refresh())
        self.plan_combo = QComboBox()
        self.plan_combo.currentIndexChanged.connect(lambda _i: self._fill())
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText("按姓名或单位筛选")
        self.search_edit.textChanged.connect(lambda _t: self._fill())
        self.to_add_check = QCheckBox("只看待补录会员")
        self.to_add_check.setToolTip("已参保、但还不在会员名册中的人：请核实后录入会员名册")
        self.to_add_check.toggled.connect(lambda _on: self._fill())
        top = QHBoxLayout()
        for widget in (QLabel("年度："), self.year_spin, QLabel("保障计划："), self.plan_combo, self.to_add_check,
                       self.search_edit):
            top.addWidget(widget)
        self.plans_label = QLabel()
        self.plans_label.setObjectName("aidPlans")
        self.plans_label.setWordWrap(True)
        self.view = record_table(self.model, "aidTable", "mutual_aid/columns", [c.width for c in COLUMNS])
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.claim_button = push_button("互助金给付…", self.add_claim)
        self.delete_button = push_button("删除参保", self.delete_selected)
        left = [push_button("保障计划…", self.edit_plan), push_button("登记参保…", self.enrol_one),
                push_button("全员参保…", self.enrol_org), self.claim_button, self.delete_button]
        right = [push_button("给付记录…", self.show_claims), push_button("导入参保名单…", self.import_list),
                 push_button("打印参保名单…", self.print_list), push_button("打印汇总表…", self.print_summary),
                 push_button("导出 Excel…", self.export_list), push_button("导出给付明细…", self.export_claims)]
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.plans_label)
        layout.addWidget(self.view, 1)
        layout.addLayout(button_row(left, right))
        self._update_buttons()

    # ------------------------------------------------------------------ showing
    def set_store(self, store: Store) -> None:
        self.store = store

    @property
    def year(self) -> int:
        return self.year_spin.value()

    def refresh(self) -> None:
        plans = aid.plans(self.store, self.year)
        keep = self.plan_combo.currentData()
        self.plan_combo.blockSignals(True)
        self.plan_combo.clear()
        self.plan_combo.addItem("全部计划", None)
        for p in plans:
            self.plan_combo.addItem(p["name"], p["id"])
        self.plan_combo.setCurrentIndex(max(self.plan_combo.findData(keep), 0))
        self.plan_combo.blockSignals(False)
        self.rows = {r["id"]: r for r in aid.enrolments(self.store, self.year)}
        summary = "；".join(f"{p['name']}（{format_money(p['premium'])} 元/人，{p['payer']}缴）{p['enrolled']} 人"
                            for p in plans) or "本年度还没有设立保障计划，请先点“保障计划…”"
        to_add = sum(1 for r in self.rows.values() if r["to_add"])
        whole = len(aid.whole_org_ids(self.store, self.year)) if plans else 0
        self.plans_label.setText(f"{self.year}年：{summary}。全员参保单位 {whole} 家；待补录会员 {to_add} 人。")
        self._fill()

    def _fill(self) -> None:
        plan_id, text = self.plan_combo.currentData(), self.search_edit.text().strip()
        only_to_add = self.to_add_check.isChecked()
        ids = [i for i, r in self.rows.items() if (plan_id is None or r["plan_id"] == plan_id)
               and (not text or text in r["person_name"] or text in r["org_name"]) and (r["to_add"] or not only_to_add)]
        self.model.set_ids(ids)
        self._update_buttons()

    def shown_rows(self) -> list[dict[str, Any]]:
        return [self.rows[i] for i in self.model.ids()]

    def _after_save(self, _record_id: int) -> None:
        self.refresh()
        self.data_changed.emit()

    # ------------------------------------------------------------------ forms
    def _plan_choices(self) -> tuple[tuple[str, Any], ...]:
        return tuple((p["name"], p["id"]) for p in aid.plans(self.store, self.year))

    def _org_choices(self, none: str = "（按会员名册）") -> tuple[tuple[str, Any], ...]:
        return ((none, None),) + tuple((name, org_id) for org_id, name in org_choices(self.store))

    def edit_plan(self) -> SimpleForm:
        """Set up a plan of the year (or change one with the same name)."""
        fields = [FormField("name", "计划名称", placeholder="在职住院 / 退休 / 女职工安康 / 特种重病 / 意外伤害"),
                  FormField("premium", "每人（每份）保费（元）"),
                  FormField("payer", "缴费方", "combo", tuple((p, p) for p in aid.PAYERS)), FormField("notes", "备注")]

        def save(v: dict[str, Any]) -> int:
            found = aid.find_plan(self.store, self.year, v["name"]) if v["name"] else None
            return aid.save_plan(self.store, {**v, "year": self.year}, found["id"] if found else None)

        return self._show_dialog(SimpleForm(self, f"{self.year}年保障计划", fields, save,
                                            note="同名计划已存在时修改它的保费和缴费方。"))

    def enrol_one(self) -> SimpleForm:
        fields = [FormField("plan_id", "保障计划", "combo", self._plan_choices()), FormField("id_number", "身份证号"),
                  FormField("name", "姓名", placeholder="会员名册中已有此人时可不填"),
                  FormField("org_id", "单位", "combo", self._org_choices()), FormField("enrolled_date", "参保日期", "date"),
                  FormField("shares", "份数"), FormField("notes", "备注")]

        def save(v: dict[str, Any]) -> int:
            if v["plan_id"] is None:
                raise UserError("请先设立本年度的保障计划")
            return aid.enrol(self.store, v["plan_id"], name=v["name"], id_number=v["id_number"], org_id=v["org_id"],
                             enrolled_date=v["enrolled_date"] or None, shares=v["shares"] or 1, notes=v["notes"])

        return self._show_dialog(SimpleForm(self, "登记参保", fields, save, {"shares": "1"},
                                            note="按身份证号在会员名册中查找；不在名册的人照样参保，并列入“待补录会员”。"))

    def enrol_org(self) -> SimpleForm:
        fields = [FormField("plan_id", "保障计划", "combo", self._plan_choices()),
                  FormField("org_id", "单位", "combo", self._org_choices("（请选择单位）")),
                  FormField("enrolled_date", "参保日期", "date")]
        outcome: list[tuple[int, int]] = []

        def save(v: dict[str, Any]) -> int:
            if v["plan_id"] is None or v["org_id"] is None:
                raise UserError("请选择保障计划和单位")
            outcome.append(aid.enrol_whole_org(self.store, v["plan_id"], v["org_id"], v["enrolled_date"] or None))
            return 0

        dialog = SimpleForm(self, "全员参保", fields, save, note="该单位会员名册中的全部会员（正常、保留）参加所选计划。")
        dialog.saved.connect(lambda _id: QMessageBox.information(
            self, "全员参保", f"新增参保 {outcome[-1][0]} 人，此前已参保 {outcome[-1][1]} 人。"))
        return self._show_dialog(dialog)

    def add_claim(self) -> SimpleForm | None:
        enrolment_id = self.current_id()
        if enrolment_id is None:
            return None
        row = self.rows[enrolment_id]
        fields = [FormField("claim_date", "给付日期", "date"), FormField("cause", "疾病或原因"),
                  FormField("amount", "给付金额（元）"), FormField("notes", "备注")]

        def save(v: dict[str, Any]) -> int:
            return aid.add_claim(self.store, enrolment_id, v["claim_date"] or None, v["cause"], v["amount"], v["notes"])

        return self._show_dialog(SimpleForm(self, f"互助金给付：{row['person_name']}（{row['plan_name']}）", fields, save,
                                            {"claim_date": dates.today().isoformat()}))

    def show_claims(self):
        from .claims import ClaimsDialog

        return self._show_dialog(ClaimsDialog(self, self.store, self.year))

    def delete_selected(self) -> int:
        ids = self.selected_ids()
        if not ids or QMessageBox.question(self, "删除参保", f"删除所选 {len(ids)} 条参保记录？") \
                != QMessageBox.StandardButton.Yes:
            return 0
        try:
            with self.store.atomic():
                for i in ids:
                    aid.delete_enrolment(self.store, i)
        except UserError as err:
            show_user_error(self, err)
            return 0
        self._after_save(0)
        return len(ids)

    # ------------------------------------------------------------------ import
    def import_list(self, path=None) -> runner.Operation | None:
        path = path or jobs.ask_open_path(self, "导入参保名单", "import")
        if path is None:
            return None
        year, plan_id = self.year, self.plan_combo.currentData()

        def work(ws, progress):
            from ...exchange.importing.external_lists import prepare_list

            progress(0, 0, "正在读取参保名单…")
            return prepare_list(ws, path, "aid_list", year=year, plan_id=plan_id)

        op = runner.Operation(self, "导入参保名单", runner.with_worker_store(self.store, work),
                              on_success=self._confirm_import)
        return op.start()

    def _confirm_import(self, plan) -> None:
        from ..imports.external_lists import confirm_and_apply, first_problems, problem_report

        notes = "\n".join(plan.notes)
        text = f"{plan.summary()}\n{notes}\n{first_problems(plan)}{problem_report(plan)}".strip()
        added = confirm_and_apply(self, self.store, plan, "导入参保名单", text, "没有需要导入的新参保记录。")
        if added is None:
            return
        self._after_save(0)
        QMessageBox.information(self, "导入完成", f"已导入 {added} 条参保记录。")

    # ------------------------------------------------------------------ print / export
    def _org_filter(self) -> int | None:
        """The org of the selected row when rows are selected (one org's 参保名单), else all."""
        chosen = self.selected_ids()
        return self.rows[chosen[0]]["org_id"] if chosen else None

    def print_list(self) -> runner.Operation | None:
        year, org_id = self.year, self._org_filter()
        path = jobs.ask_save_path(self, "打印参保名单", f"参保名单-{year}.pdf", jobs.PDF_FILTER, "print")
        if path is None:
            return None

        def work(ws, progress):
            from ...printing.mutual_aid import write_enrolment_list

            progress(0, 0, "正在生成参保名单…")
            return write_enrolment_list(ws, path, year, org_id)

        return jobs.start_job(self, "打印参保名单", work, f"已生成参保名单：\n{path}")

    def print_summary(self) -> runner.Operation | None:
        year = self.year
        path = jobs.ask_save_path(self, "打印参保情况汇总表", f"参保汇总-{year}.pdf", jobs.PDF_FILTER, "print")
        if path is None:
            return None

        def work(ws, progress):
            from ...printing.mutual_aid import write_summary

            return write_summary(ws, path, year)

        return jobs.start_job(self, "打印汇总表", work, f"已生成参保情况汇总表：\n{path}")

    def export_list(self) -> runner.Operation | None:
        year, org_id = self.year, self._org_filter()
        path = jobs.ask_save_path(self, "导出参保名单", f"参保名单-{year}.xlsx", jobs.XLSX_FILTER, "export")
        if path is None:
            return None

        def work(ws, progress):
            from ...exchange.exports.mutual_aid import export_enrolments

            return export_enrolments(ws, path, year, org_id)

        return jobs.start_job(self, "导出参保名单", work, f"已导出到：\n{path}")

    def export_claims(self) -> runner.Operation | None:
        year = self.year
        path = jobs.ask_save_path(self, "导出互助金给付明细", f"互助金给付-{year}.xlsx", jobs.XLSX_FILTER, "export")
        if path is None:
            return None

        def work(ws, progress):
            from ...exchange.exports.mutual_aid import export_claims

            return export_claims(ws, path, f"{year}-01-01", f"{year}-12-31")

        return jobs.start_job(self, "导出给付明细", work, f"已导出到：\n{path}")
