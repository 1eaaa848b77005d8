"""The 规范化建设 tab: every unionised org's standing in the chosen year (carried from an earlier
year when not yet entered — shown as 沿用), the year's key rates on top, the form of one union, the
区域性/行业性 agreements covering several orgs, and the year's table exported."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
    QListWidget, QListWidgetItem, QMenu, QPushButton, QVBoxLayout, QWidget,
)

from ...core.errors import UserError
from ...core.figures import catalogue
from ...core.store.connection import Store
from ...core.union_standing import records as standing
from ...core.values import dates
from ...core.values.money import format_money
from ..widgets.record_list import button_row
from ..widgets.register_io import export_to_file, import_from_file
from ..widgets.register_tab import RegisterTabMixin
from ..widgets.simple_table import SimpleTable
from .dialog import StandingDialog

FOLDER_KEY = "standingTab"
# the union lists offices keep: kind → (what the clerk calls it, unit counted)
UNION_LISTS = {"officers": ("工会委员名单", "人"), "facilities": ("职工之家/书屋/服务点台账", "个"),
               "agreements": ("区域性、行业性合同（职代会）名单", "项")}


def _yes(value: Any) -> str:
    return "是" if value else ""


COLUMNS = (
    ("单位", lambda r: r["org_name"], 230),
    ("数据年度", lambda r: "未登记" if r["year"] is None else (f"沿用{r['year']}" if r["carried"] else str(r["year"])), 70),
    ("三有", lambda r: _yes(r["three_have"]), 45),
    ("规范化等级", lambda r: f"{r['grade_level']}级{r['grade']}" if r["grade"] else "", 80),
    ("厂务公开", lambda r: _yes(r["open_affairs"]), 60), ("职代会", lambda r: r["congress"] or "", 60),
    ("要约发出", lambda r: r["offer_sent"] or "", 90), ("反馈收回", lambda r: r["offer_replied"] or "", 90),
    ("调解组织", lambda r: r["mediation_since"] or "", 90), ("预警员", lambda r: r["warners"] or "", 50),
    ("女职工组织", lambda r: r["women_org"] or "", 90),
    ("帮困基金（元）", lambda r: format_money(r["hardship_fund"]) if r["hardship_fund"] else "", 100),
)
AGREEMENT_COLUMNS = (("类型", lambda a: a["kind"], 110), ("名称", lambda a: a["name"], 220),
                     ("签订/召开", lambda a: a["signed_date"], 90), ("到期", lambda a: a["expiry_date"] or "", 90),
                     ("覆盖单位", lambda a: f"{a['org_count']} 家：{a['org_names']}", 400))


class AgreementDialog(QDialog):
    """A 区域性/行业性 contract or 区域性职代会 and the orgs it covers (ticked in a list)."""

    saved = Signal(int)

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.setWindowTitle("登记区域性、行业性集体合同或区域性职代会")
        self.kind = QComboBox()
        self.kind.addItems(standing.AGREEMENT_KINDS)
        self.name, self.signed, self.expiry = QLineEdit(), QLineEdit(dates.to_iso(dates.today())), QLineEdit()
        self.orgs = QListWidget()
        for r in standing.standing_for_year(store, dates.today().year):
            item = QListWidgetItem(r["org_name"])
            item.setData(256, r["org_id"])
            item.setCheckState(item.checkState().Unchecked)
            self.orgs.addItem(item)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020;")
        form = QFormLayout()
        for label, w in (("类型：", self.kind), ("名称：", self.name), ("签订（召开）日期：", self.signed),
                         ("到期日期：", self.expiry), ("覆盖单位（勾选）：", self.orgs)):
            form.addRow(label, w)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def tick(self, names: list[str]) -> None:
        for i in range(self.orgs.count()):
            item = self.orgs.item(i)
            item.setCheckState(item.checkState().Checked if item.text() in names else item.checkState().Unchecked)

    def save(self) -> bool:
        ids = [self.orgs.item(i).data(256) for i in range(self.orgs.count())
               if self.orgs.item(i).checkState() == self.orgs.item(i).checkState().Checked]
        try:
            aid = standing.create_agreement(self.store, {"kind": self.kind.currentText(), "name": self.name.text(),
                                                         "signed_date": self.signed.text(),
                                                         "expiry_date": self.expiry.text()}, ids)
        except UserError as exc:
            self.error.setText(str(exc))
            return False
        self.saved.emit(aid)
        self.accept()
        return True


class StandingTab(RegisterTabMixin, QWidget):
    data_changed = Signal()

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.dialog: QDialog | None = None
        self.year_combo = QComboBox()
        this_year = dates.today().year
        for y in range(this_year, this_year - 6, -1):
            self.year_combo.addItem(f"{y}年", y)
        self.search_edit = QLineEdit()  # 70-odd unions: find one by part of its name (or a former name)
        self.search_edit.setPlaceholderText("查找工会：单位名称（含曾用名）中的字、拼音或首字母")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMinimumWidth(260)
        self.summary = QLabel()
        self.summary.setObjectName("standingSummary")
        self.summary.setWordWrap(True)
        self.table = SimpleTable(COLUMNS, "standingTable")
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.agreements = SimpleTable(AGREEMENT_COLUMNS, "agreementsTable")
        self.edit_button = QPushButton("填写所选工会本年度情况…")
        self.agreement_button = QPushButton("登记区域性合同/职代会…")
        self.delete_agreement_button = QPushButton("删除所选合同/职代会")
        self.import_button = QPushButton("导入情况表…")
        self.list_button = QPushButton("导入名单…")
        self.list_button.setToolTip("工会委员名单、职工之家/书屋/服务点台账、区域性行业性合同名单；按单位名称（含曾用名）对应")
        menu = QMenu(self.list_button)
        for kind, (what, _unit) in UNION_LISTS.items():
            menu.addAction(f"{what}…", lambda k=kind: self.import_union_list(k))
        self.list_button.setMenu(menu)
        self.export_button = QPushButton("导出 Excel…")
        top = QHBoxLayout()
        top.addWidget(QLabel("年度："))
        top.addWidget(self.year_combo)
        top.addWidget(self.search_edit)
        top.addWidget(self.summary, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 3)
        layout.addWidget(QLabel("区域性、行业性集体合同和区域性职代会（覆盖多家单位）："))
        layout.addWidget(self.agreements, 1)
        layout.addLayout(button_row([self.edit_button, self.agreement_button, self.delete_agreement_button],
                                    [self.import_button, self.list_button, self.export_button]))
        self.year_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.search_edit.textChanged.connect(lambda _t: self._show_rows())
        self.edit_button.clicked.connect(self._edit_selected)
        self.table.doubleClicked.connect(lambda _i: self._edit_selected())
        self.agreement_button.clicked.connect(self.new_agreement)
        self.delete_agreement_button.clicked.connect(self.delete_agreements)
        self.import_button.clicked.connect(self.import_list)
        self.export_button.clicked.connect(self.export)
        self.refresh()

    def set_store(self, store: Store) -> None:
        self.store = store

    @property
    def year(self) -> int:
        return int(self.year_combo.currentData())

    def refresh(self) -> None:
        self.rows = standing.standing_for_year(self.store, self.year)
        self._show_rows()
        self.agreements.set_rows(standing.list_agreements(self.store))
        f = catalogue.compute(self.store, catalogue.year(self.year))
        keys = (("已建会", "standing.unionised"), ("三有", "standing.three_have"),
                ("厂务公开率", "standing.open_affairs_rate"), ("职代会建制率", "standing.congress_rate"),
                ("集体合同覆盖率", "standing.contract_rate"), ("调解组织", "standing.mediation_orgs"),
                ("帮困基金", "standing.hardship_fund_total"))
        self.summary.setText("　".join(f"{label} {f.text(key)}" for label, key in keys))

    def _show_rows(self) -> None:
        from ...core.orgs.query import search_org_ids

        text = self.search_edit.text().strip()
        wanted = set(search_org_ids(self.store, text)) if text else None
        self.table.set_rows([{**r, "id": r["org_id"]} for r in self.rows if wanted is None or r["org_id"] in wanted])

    def open_form(self, org_id: int) -> StandingDialog:
        return self._open(StandingDialog(self.store, org_id, self.year, self))

    def _edit_selected(self) -> None:
        ids = self.table.selected_ids()
        if ids:
            self.open_form(ids[0])

    def new_agreement(self) -> AgreementDialog:
        return self._open(AgreementDialog(self.store, self))

    def delete_agreements(self) -> None:
        self._delete_chosen(self.agreements, standing.delete_agreements, "删除", "项")

    def export(self) -> None:
        from ...exchange.exports.union_standing import export_standing

        year = self.year
        export_to_file(self, FOLDER_KEY, f"{year}年基层工会规范化建设情况.xlsx",
                       lambda p: export_standing(self.store, p, year=year), "工会情况")

    def import_list(self) -> None:
        from ...exchange.importing.areas import import_standing

        year = self.year

        def read(path: str) -> str:
            n = import_standing(self.store, path, year)
            notes = "".join(f"\n{note}。" for note in n.notes)
            return (f"新登记 {n.get('new', 0)} 个，更新 {n.get('changed', 0)} 个，无变化 {n.get('same', 0)} 个"
                    f"（表中没有年度列的行记为 {year} 年）。{notes}")

        if import_from_file(self, FOLDER_KEY, read, "规范化建设情况表"):
            self._changed()

    def read_union_list(self, kind: str, path: str) -> str:
        """Import one of the union lists (all or nothing); the summary shown to the clerk."""
        from ...exchange.importing import areas

        run = {"officers": areas.import_officers, "facilities": areas.import_facilities,
               "agreements": areas.import_agreements}[kind]
        result = run(self.store, path)
        return result.summary(UNION_LISTS[kind][1]).replace("；", "。\n") + "。"

    def import_union_list(self, kind: str) -> None:
        what = UNION_LISTS[kind][0]
        if import_from_file(self, FOLDER_KEY, lambda p: self.read_union_list(kind, p), what):
            self._changed()
