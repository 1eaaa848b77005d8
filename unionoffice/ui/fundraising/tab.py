"""The 募捐与特殊会费 tab: campaigns with what each raised, and the contributions of the chosen one
(单位 or 个人, amount, date, 收据号), each correctable and printable as a 收据. Money raised stays
here; assistance paid out of it is recorded in 困难帮扶 as usual, and a 慰问活动 linked to the
campaign shows beside it as 已支出 — the two amounts set side by side (募集 / 已支出 / 结余), never
added into one."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from ...core.fundraising import records as funds
from ...core.fundraising import spending
from ...core.store.connection import Store
from ...core.values import dates
from ...core.values.money import format_money
from ..widgets import jobs, runner
from ..widgets.record_list import button_row
from ..widgets.register_io import export_to_file, import_from_file
from ..widgets.register_tab import RegisterTabMixin
from ..widgets.simple_form import FormField, SimpleForm, text_choices
from ..widgets.simple_table import SimpleTable

FOLDER_KEY = "fundraisingTab"
CAMPAIGN_COLUMNS = (("名称", lambda c: c["name"], 260), ("类型", lambda c: c["kind"], 70),
                    ("开始", lambda c: c["start_date"], 90), ("结束", lambda c: c["end_date"] or "", 90),
                    ("笔数", lambda c: c["contributions"], 60), ("已募集（元）", lambda c: format_money(c["raised"]), 110),
                    ("用途", lambda c: c["purpose"], 160))
GIFT_COLUMNS = (("日期", lambda k: k["paid_date"], 90), ("捐款方", lambda k: k["donor_kind"], 60),
                ("单位/个人", lambda k: k["donor_name"], 260), ("金额（元）", lambda k: format_money(k["amount"]), 100),
                ("收据号", lambda k: k["receipt_no"], 120), ("备注", lambda k: k["notes"], 160))


def _saved(_none: None, record_id: int) -> int:
    """An update returns nothing; the form's ``saved`` wants the record's id."""
    return record_id


class FundraisingTab(RegisterTabMixin, QWidget):
    data_changed = Signal()

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.dialog: SimpleForm | None = None
        self.campaigns = SimpleTable(CAMPAIGN_COLUMNS, "fundCampaignsTable")
        self.campaigns.setSelectionMode(SimpleTable.SelectionMode.SingleSelection)
        self.gifts = SimpleTable(GIFT_COLUMNS, "fundContributionsTable")
        self.total_label = QLabel()
        self.new_campaign_button = QPushButton("新建募集活动…")
        self.delete_campaign_button = QPushButton("删除募集活动")
        self.add_button, self.delete_button = QPushButton("登记捐款…"), QPushButton("删除捐款（移入回收站）")
        self.edit_button, self.receipt_button = QPushButton("修改捐款…"), QPushButton("打印收据…")
        self.link_button = QPushButton("关联支出的慰问活动…")
        self.position_label = QLabel()
        self.position_label.setObjectName("fundPosition")
        self.position_label.setWordWrap(True)
        self.import_button, self.export_button = QPushButton("导入捐款登记表…"), QPushButton("导出 Excel…")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("募集活动："))
        layout.addWidget(self.campaigns, 2)
        layout.addWidget(self.position_label)
        layout.addWidget(self.total_label)
        layout.addWidget(self.gifts, 3)
        layout.addLayout(button_row([self.new_campaign_button, self.delete_campaign_button, self.link_button],
                                    []))
        layout.addLayout(button_row([self.add_button, self.edit_button, self.delete_button, self.receipt_button],
                                    [self.import_button, self.export_button]))
        self.edit_button.clicked.connect(self.edit_contribution)
        self.receipt_button.clicked.connect(lambda: self.print_receipts())
        self.link_button.clicked.connect(self.link_assistance)
        self.gifts.doubleClicked.connect(lambda _i: self.edit_contribution())
        self.new_campaign_button.clicked.connect(self.new_campaign)
        self.delete_campaign_button.clicked.connect(self.delete_campaign)
        self.add_button.clicked.connect(self.add_contribution)
        self.delete_button.clicked.connect(self.delete_selected)
        self.import_button.clicked.connect(self.import_list)
        self.export_button.clicked.connect(self.export)
        self.campaigns.itemSelectionChanged.connect(self.show_gifts)
        self.refresh()

    def set_store(self, store: Store) -> None:
        self.store = store

    def current_campaign(self) -> int | None:
        ids = self.campaigns.selected_ids()
        return ids[0] if ids else None

    def refresh(self) -> None:
        chosen = self.current_campaign()
        self.campaign_rows = funds.list_campaigns(self.store)
        self.campaigns.set_rows(self.campaign_rows)
        if self.campaign_rows:
            ids = [c["id"] for c in self.campaign_rows]
            self.campaigns.selectRow(ids.index(chosen) if chosen in ids else 0)
        self.show_gifts()

    def show_gifts(self) -> None:
        cid = self.current_campaign()
        rows = funds.list_contributions(self.store, cid) if cid else []
        self.gifts.set_rows(rows)
        self.total_label.setText(f"本活动捐款 {len(rows)} 笔，合计 {format_money(sum(r['amount'] for r in rows))} 元"
                                 if cid else "请先新建募集活动")
        for button in (self.add_button, self.import_button, self.link_button):
            button.setEnabled(cid is not None)
        self.position_label.setText(self._position_text(cid) if cid else "")

    def _position_text(self, cid: int) -> str:
        """募集 and 已支出 each from its own records, shown apart; 结余 is their difference."""
        pos = spending.fund_position(self.store, cid)
        spent = f"已支出 {format_money(pos['spent'])} 元"
        if pos["spent_goods"]:
            spent += f"（现金 {format_money(pos['spent_money'])} 元，物品折合 {format_money(pos['spent_goods'])} 元）"
        paid_by = "、".join(c["name"] + ("（草稿，尚未发放）" if c["status"] == "草稿" else "")
                           for c in pos["campaigns"]) or "尚未关联慰问活动"
        return (f"募集 {format_money(pos['raised'])} 元　｜　{spent}　｜　结余 {format_money(pos['balance'])} 元"
                f"　　支出用于：{paid_by}")

    def new_campaign(self) -> SimpleForm:
        fields = [FormField("name", "名称："), FormField("kind", "类型：", "combo", text_choices(funds.CAMPAIGN_KINDS)),
                  FormField("start_date", "开始日期：", "date"), FormField("end_date", "结束日期：", "date"),
                  FormField("purpose", "用途：")]
        return self._open(SimpleForm(self, "新建募集活动", fields, lambda v: funds.create_campaign(self.store, v),
                                     {"start_date": dates.to_iso(dates.today())}))

    @staticmethod
    def _gift_fields() -> list[FormField]:
        return [FormField("donor_kind", "捐款方：", "combo", text_choices(("", *funds.DONOR_KINDS))),
                FormField("donor_name", "单位/个人："), FormField("id_number", "会员身份证号："),
                FormField("amount", "金额（元）："), FormField("paid_date", "日期：", "date"),
                FormField("receipt_no", "收据号："), FormField("notes", "备注：")]

    def add_contribution(self) -> SimpleForm | None:
        cid = self.current_campaign()
        if cid is None:
            return None
        name = next(c["name"] for c in self.campaign_rows if c["id"] == cid)
        form = SimpleForm(self, f"登记捐款 · {name}", self._gift_fields(),
                          lambda v: funds.add_contribution(self.store, cid, v), {"paid_date": dates.to_iso(dates.today())},
                          note=f"募集活动：{name}。单位捐款输入单位名称的一部分，从列表中选择（与单位台账对应）。")
        self._org_completer(form.widgets["donor_name"])
        self._open(form)
        form.saved.connect(self._select_gift)  # after the tab's refresh: 打印收据 then prints this one
        return form

    def _org_completer(self, edit) -> None:
        """Typing part of an org's name (today's or a former one) lists the orgs containing it."""
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QCompleter

        from ...core.orgs.lifecycle import former_name_choices
        from ...core.orgs.records import live_org_names

        names = [*live_org_names(self.store), *(old for _id, old, _now in former_name_choices(self.store))]
        completer = QCompleter(names, edit)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        edit.setCompleter(completer)

    def _select_gift(self, gift_id: int) -> None:
        if gift_id in self.gifts.ids:
            row = self.gifts.ids.index(gift_id)
            self.gifts.selectRow(row)
            self.gifts.scrollToItem(self.gifts.item(row, 0))

    def edit_contribution(self) -> SimpleForm | None:
        """The chosen contribution's form, filled; 保存 corrects it (the first chosen when several are)."""
        ids = self.gifts.selected_ids()
        row = next((r for r in funds.list_contributions(self.store, self.current_campaign()) if ids and r["id"] == ids[0]),
                   None)
        if row is None:
            return None
        values = {**row, "amount": format_money(row["amount"])}
        return self._open(SimpleForm(self, f"修改捐款 · {row['donor_name']}", self._gift_fields(),
                                     lambda v: _saved(funds.update_contribution(self.store, row["id"], v), row["id"]),
                                     values))

    def print_receipts(self, path=None) -> runner.Operation | None:
        """收据 for the chosen contributions (or, none chosen, every one of the campaign) as a PDF."""
        ids = self.gifts.selected_ids()
        if not ids and self.gifts.ids:  # nothing chosen: the whole campaign, once the clerk says so
            answer = QMessageBox.question(self, "打印收据", f"没有选中捐款。打印本活动全部 {len(self.gifts.ids)} 笔捐款的收据？\n"
                                          "只打印某几笔时，请先在列表中选中它们（可按住 Ctrl 多选）。")
            if answer != QMessageBox.StandardButton.Yes:
                return None
            ids = list(self.gifts.ids)
        if not ids:
            return None
        path = path or jobs.ask_save_path(self, "打印收据", "捐款收据.pdf", jobs.PDF_FILTER, "print")
        if path is None:
            return None

        def work(ws, progress):
            from ...printing.fund_receipts import print_fund_receipts

            progress(0, 0, "正在生成收据…")
            return print_fund_receipts(ws, path, ids)

        return jobs.start_job(self, "打印收据", work, lambda r: f"已生成收据 {r.rows} 张：\n{path}")

    def link_assistance(self) -> SimpleForm | None:
        """Name a 慰问活动 as paid out of this campaign, or undo that."""
        cid = self.current_campaign()
        if cid is None:
            return None
        choices = tuple((f"{c['campaign_date']} {c['name']}" + (f"（现从“{c['fund_name']}”支出）" if c["fund_name"] else ""),
                         c["id"]) for c in spending.assistance_campaign_choices(self.store))
        fields = [FormField("campaign", "慰问活动：", "combo", choices),
                  FormField("action", "操作：", "combo", (("记为从本募集活动支出", "link"), ("取消关联", "unlink")))]

        def save(v):
            spending.link_campaign(self.store, v["campaign"], cid if v["action"] == "link" else None)
            return cid

        note = ("慰问活动的发放金额记为本募集活动的支出（多个资金来源的活动只计“社会捐赠”部分）。"
                "募集与支出分开登记，结余 = 募集 − 已支出。")
        return self._open(SimpleForm(self, "关联支出的慰问活动", fields, save, note=note))

    def delete_campaign(self) -> None:
        cid = self.current_campaign()
        if cid is None:
            return
        name = next(c["name"] for c in self.campaign_rows if c["id"] == cid)
        if QMessageBox.question(self, "删除募集活动", f"把募集活动“{name}”连同其捐款登记移入回收站？") \
                == QMessageBox.StandardButton.Yes:
            funds.delete_campaigns(self.store, [cid])
            self._changed()

    def delete_selected(self) -> None:
        self._delete_chosen(self.gifts, funds.delete_contributions, "删除捐款", "笔捐款")

    def import_list(self) -> None:
        from ...exchange.importing.areas import import_contributions

        cid = self.current_campaign()
        if cid is None:
            return

        def read(path: str) -> str:
            return f"已导入捐款 {import_contributions(self.store, path, cid).get('new', 0)} 笔。"

        if import_from_file(self, FOLDER_KEY, read, "捐款登记表"):
            self._changed()

    def export(self) -> None:
        from ...exchange.exports.fundraising import export_contributions

        export_to_file(self, FOLDER_KEY, "募捐收款登记.xlsx", lambda p: export_contributions(self.store, p), "捐款")
