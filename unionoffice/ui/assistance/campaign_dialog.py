"""A campaign (慰问活动): kind, name, date, funding source, standard amount, budget.

After the campaign is printed its kind, date and funding source are on paper and cannot change;
the form disables them and says why. Several sources sharing the cost are typed on one line
(区总 60%、街道总工会 40%); the first becomes the campaign's main source.
"""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QWidget

from ...core.assistance import campaigns, duplicates, funding
from ...core.values import dates
from ...core.assistance.records import FUNDING_SOURCES, KINDS, METHODS
from ...core.errors import ValueFormatError
from ...core.fundraising import records as fundraising
from ...core.fundraising import spending
from ...core.values.money import format_money, parse_money
from ...core.store.connection import Store
from ..widgets.form_helpers import read_date
from ..hardship.actions import FormDialog, _date_edit


class CampaignDialog(FormDialog):
    """New campaign (``campaign_id`` None) or edit one; ``done_with(campaign_id)`` after saving."""

    def __init__(self, store: Store, campaign_id: int | None = None, parent: QWidget | None = None):
        super().__init__("修改慰问活动" if campaign_id else "新建慰问活动", parent)
        self.store, self.campaign_id = store, campaign_id
        current = campaigns.get_campaign(store, campaign_id) if campaign_id else {}
        self.kind_combo, self.source_combo, self.method_combo = QComboBox(), QComboBox(), QComboBox()
        self.kind_combo.addItems(KINDS)
        self.source_combo.addItems(FUNDING_SOURCES)
        self.method_combo.addItems(METHODS)
        self.add("kind", "慰问类别", self.kind_combo)
        self.name_edit = self.add("name", "活动名称", QLineEdit(current.get("name", "")))
        self.name_edit.setPlaceholderText("留空则为“年份+慰问类别”，如 2026年元旦春节送温暖")
        self.date_edit = self.add("campaign_date", "发放日期",
                                  _date_edit(current.get("campaign_date") or dates.today().isoformat()))
        self.add("funding_source", "资金来源", self.source_combo)
        shared = funding.funding_text(store, current) if current else ""
        self.funding_edit = self.add("funding", "几个来源共同出资", QLineEdit(
            shared if current and shared != current["funding_source"] else ""))
        self.funding_edit.setPlaceholderText("可不填；如：区总 60%、街道总工会 40%（或 区总 30000元、企业 20000元）")
        self.funding_edit.setToolTip("填写后，按资金来源的统计按比例（或金额）拆分本活动的发放额，各来源相加等于活动合计")
        self.fund_combo = self.add("fund", "从募集活动支出", QComboBox())
        self.fund_combo.addItem("（不从募集活动支出）", None)
        for fund in fundraising.list_campaigns(store):
            self.fund_combo.addItem(f"{fund['name']}（{fund['kind']}）", fund["id"])
        self.fund_combo.setCurrentIndex(max(self.fund_combo.findData(current.get("fund_campaign_id")), 0))
        self.fund_combo.setToolTip("本活动的发放额记为该募集活动的支出（多个资金来源时只计“社会捐赠”部分）；"
                                   "募集与支出分开登记，在“登记簿 › 募捐与特殊会费”中可见结余")
        self.standard_edit = self.add("standard_amount", "标准金额（元/人）", QLineEdit(
            format_money(current["standard_amount"]) if current.get("standard_amount") else ""))
        self.budget_edit = self.add("budget", "预算（元）", QLineEdit(
            format_money(current["budget"]) if current.get("budget") is not None else ""))
        self.budget_edit.setPlaceholderText("可不填")
        self.add("method", "发放方式", self.method_combo)
        self.once_box = self.add("once", "不重复发放", QCheckBox("此类别每人每年只发一次（本会设置，对该类别的所有活动生效）"))
        self.once_box.setToolTip("勾选后，当年已获同类慰问的人不能再加入同类别的名单；不勾选时只提示")
        self.kind_combo.currentTextChanged.connect(self._show_once)
        self.handler_edit = self.add("handler", "经办人", QLineEdit(current.get("handler") or store.user or ""))
        self.notes_edit = self.add("notes", "备注", QLineEdit(current.get("notes") or ""))
        self.labels.setdefault("amount", self.labels["standard_amount"])
        if current:
            self.kind_combo.setCurrentText(current["kind"])
            self.source_combo.setCurrentText(current["funding_source"])
            self.method_combo.setCurrentText(current["method"])
            if current["status"] != "草稿":
                for widget in (self.kind_combo, self.date_edit, self.source_combo, self.funding_edit):
                    widget.setEnabled(False)
                self.intro.setText("活动已打印交签领：慰问类别、发放日期和资金来源已印在纸上，不能再改。")
        else:
            self.source_combo.setCurrentText("街道总工会")
        self._show_once(self.kind_combo.currentText())
        self.finish()

    def _show_once(self, kind: str) -> None:
        self.once_box.setChecked(kind in duplicates.once_per_year_kinds(self.store))

    def _save_once(self) -> None:
        kinds = [k for k in duplicates.once_per_year_kinds(self.store) if k != self.kind_combo.currentText()]
        if self.once_box.isChecked():
            kinds.append(self.kind_combo.currentText())
        if kinds != duplicates.once_per_year_kinds(self.store):
            duplicates.set_once_per_year_kinds(self.store, kinds)

    def values(self) -> dict:
        for edit, field, label in ((self.standard_edit, "standard_amount", "标准金额"), (self.budget_edit, "budget", "预算")):
            _check_money(edit.text(), field, label)
        return {"kind": self.kind_combo.currentText(), "name": self.name_edit.text(),
                "campaign_date": read_date(self.date_edit, "campaign_date", "发放日期") or "",
                "funding_source": self.source_combo.currentText(), "standard_amount": self.standard_edit.text(),
                "budget": self.budget_edit.text(), "method": self.method_combo.currentText(),
                "handler": self.handler_edit.text(), "notes": self.notes_edit.text()}

    def apply(self) -> int:
        values = self.values()
        lines = funding.parse_funding(self.funding_edit.text())
        with self.store.atomic():  # the campaign and its sources together, or neither
            if self.campaign_id:
                campaigns.update_campaign(self.store, self.campaign_id, values)
                campaign_id = self.campaign_id
            else:
                campaign_id = campaigns.create_campaign(self.store, values)
            fund = self.fund_combo.currentData()
            linked = campaigns.get_campaign(self.store, campaign_id).get("fund_campaign_id")
            if fund is None and linked is not None:  # unlinked first: its 社会捐赠 line may then go
                spending.link_campaign(self.store, campaign_id, None)
            if self.funding_edit.isEnabled():
                campaigns.set_funding(self.store, campaign_id, lines)
            if fund is not None and fund != linked:
                spending.link_campaign(self.store, campaign_id, fund)
            self._save_once()
        return campaign_id


def _check_money(text: str, field: str, label: str) -> None:
    """Core names both money boxes 'amount'; check each here so the message lands beside the right one."""
    if not text.strip():
        return
    try:
        fen = parse_money(text)
    except ValueFormatError as err:
        raise ValueFormatError(f"{label}：{err}", field=field) from None
    if fen < 0:
        raise ValueFormatError(f"{label}不能为负数", field=field)
