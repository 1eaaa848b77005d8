"""The org record (单位与基层工会), built from the Qt Designer form ``forms/org_dialog.ui``.

Besides the employer's own data it holds the union covering it — its own (独立建会), a
federation's (联合建会, picked from the 工联会 on file) or none — with chair, term and 换届到期日,
the collective contracts signed there, and for a federation the orgs it covers.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QFile, QIODevice, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtUiTools import QUiLoader
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...core.values import dates
from ...core.orgs import query as org_query, records as orgs
from ...core.errors import UserError, ValueFormatError
from ...core.values.ids import normalize_credit_code
from ...core.store.connection import Store
from ..widgets.form_helpers import (
    FieldMessages,
    fill_org_combo,
    forms_dir,
    org_combo_value,
    read_date,
    set_combo_by_data,
    setup_date_edit,
)

FORM_FILE = "org_dialog.ui"
# field → (widget name in the form, its error label)
TEXT_FIELDS = {"name": "nameEdit", "credit_code": "creditCodeEdit", "industry": "industryEdit",
               "address": "addressEdit", "contact": "contactEdit", "contact_phone": "contactPhoneEdit",
               "union_name": "unionNameEdit", "union_chair": "unionChairEdit",
               "union_chair_phone": "unionChairPhoneEdit"}
COUNT_FIELDS = {"workers": "workersSpin", "women_workers": "womenWorkersSpin",
                "migrant_workers": "migrantWorkersSpin", "term_years": "termYearsSpin"}
DATE_FIELDS = {"union_founded": ("unionFoundedEdit", "建会日期"), "term_start": ("termStartEdit", "本届开始日期"),
               "term_expiry": ("termExpiryEdit", "换届到期日")}
ERROR_LABELS = {"name": "nameError", "credit_code": "creditCodeError", "category": "categoryError",
                "industry": "industryError", "community": "communityError", "address": "addressError",
                "contact": "contactError", "contact_phone": "contactPhoneError", "workers": "workersError",
                "women_workers": "womenWorkersError", "migrant_workers": "migrantWorkersError",
                "is_federation": "isFederationError", "federation_kind": "isFederationError", "notes": "notesError",
                "union_mode": "unionModeError", "federation_id": "federationError",
                "union_name": "unionNameError", "union_founded": "unionFoundedError",
                "union_chair": "unionChairError", "union_chair_phone": "unionChairPhoneError",
                "term_years": "termYearsError", "term_start": "termStartError", "term_expiry": "termExpiryError",
                "fee_by_tax": "feeByTaxError"}
CONTRACT_HEADERS = ("类型", "签订日期", "到期日期", "覆盖职工", "备注")
COVERED_HEADERS = ("单位名称", "社区", "职工人数", "会员人数")
# A 待补全 org (a member roll named it, nothing more is known): its 建会方式 reads as not chosen
# rather than a 未建会 the clerk never said, and picking any mode, 未建会 too, completes it.
MODE_UNKNOWN = "（待补全：请选择建会方式）"


def load_form(name: str, parent: QWidget) -> QWidget:
    """Build the widgets of ``forms/<name>`` into ``parent``'s layout."""
    path = forms_dir() / name
    file = QFile(str(path))
    if not file.open(QIODevice.OpenModeFlag.ReadOnly):
        raise UserError(f"找不到界面文件 {path}，程序安装不完整，请重新安装")
    try:
        form = QUiLoader().load(file, parent)
    finally:
        file.close()
    if form is None:
        raise UserError(f"界面文件 {path} 已损坏，请重新安装程序")
    form.setWindowFlags(Qt.WindowType.Widget)  # the form's top QDialog becomes a plain child
    return form


class OrgDialog(QDialog):
    """Open with ``.open()``; emits ``saved(org_id)`` after a save or a contract added."""

    saved = Signal(int)

    def __init__(self, store: Store, org_id: int | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.org_id = org_id
        self.original: dict[str, Any] = orgs.get_org(store, org_id) if org_id else {}
        self.form = load_form(FORM_FILE, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.form)
        self.resize(self.form.size())
        self.setWindowTitle(f"单位：{self.original['name']}" if org_id else "新增单位")
        self._find_widgets()
        self._prepare()
        self._load()
        self._add_events_page()
        QShortcut(QKeySequence("Ctrl+S"), self, activated=self.save)

    def _add_events_page(self) -> None:
        """变更记录: the org's dated events and head-counts (注销, 更名 … as of a date)."""
        from .events import OrgEventsPage

        self.events_page = OrgEventsPage(self.store, self.org_id, self)
        self.tabs.addTab(self.events_page, "变更记录")
        self.events_page.changed.connect(self._event_recorded)
        self.honours_page = None
        if self.org_id:
            from .honours_page import OrgHonoursPage, former_names_text

            self.honours_page = OrgHonoursPage(self.store, self.org_id, self)
            self.tabs.addTab(self.honours_page, "荣誉与曾用名")
            self.former_label = QLabel(former_names_text(self.store, self.org_id))
            self.former_label.setObjectName("formerNamesLabel")
            self.former_label.setWordWrap(True)
            self.former_label.setStyleSheet("color: #555;")
            self._beside_name(self.former_label)

    def _beside_name(self, label: QLabel) -> None:
        """The 曾用名 right of the name box, above the name's error line (which shares that cell)."""
        grid = self.w(QWidget, "basicPage").layout()
        error = self.w(QLabel, "nameError")
        grid.removeWidget(error)
        box = QVBoxLayout()
        box.setSpacing(0)
        box.addWidget(label)
        box.addWidget(error)
        grid.addLayout(box, 0, 2)

    def _show_union_mode(self, org: dict[str, Any]) -> None:
        """The org's 建会方式; for a 待补全 org "not chosen" (MODE_UNKNOWN), on opening and after an
        event is recorded alike, until a mode is saved."""
        combo = self.union_mode_combo
        unknown = combo.findText(MODE_UNKNOWN)
        if org.get("needs_completion"):
            if unknown < 0:
                combo.insertItem(0, MODE_UNKNOWN)
            combo.setCurrentIndex(combo.findText(MODE_UNKNOWN))
            return
        if unknown >= 0:
            combo.removeItem(unknown)
        combo.setCurrentText(org.get("union_mode") or "未建会")

    def _event_recorded(self) -> None:
        fresh = orgs.get_org(self.store, self.org_id)
        for field in ("name", "union_name", "workers", "women_workers", "migrant_workers"):  # 更名 renames both
            if field in self.edits:
                self.edits[field].setText(str(fresh[field]))
            elif field in self.spins:
                self.spins[field].setValue(int(fresh[field]))
        for field, edit in self.date_edits.items():  # 建会 and 换届 set these
            edit.setText(fresh.get(field) or "")
        self._show_union_mode(fresh)
        self.original.update(fresh)
        if self.honours_page is not None:  # a 更名 adds a former name
            from .honours_page import former_names_text

            self.honours_page.reload()
            self.former_label.setText(former_names_text(self.store, self.org_id))
        self.setWindowTitle(f"单位：{fresh['name']}")
        self.saved.emit(self.org_id)

    # -------------------------------------------------------------------- widgets
    def w(self, cls, name: str):
        widget = self.form.findChild(cls, name)
        if widget is None:
            raise UserError(f"界面文件 {FORM_FILE} 缺少控件 {name}，请重新安装程序")
        return widget

    def _find_widgets(self) -> None:
        self.tabs = self.w(QTabWidget, "tabs")
        self.edits = {f: self.w(QLineEdit, n) for f, n in TEXT_FIELDS.items()}
        self.spins = {f: self.w(QSpinBox, n) for f, n in COUNT_FIELDS.items()}
        self.date_edits = {f: self.w(QLineEdit, n) for f, (n, _label) in DATE_FIELDS.items()}
        self.category_combo = self.w(QComboBox, "categoryCombo")
        self.community_combo = self.w(QComboBox, "communityCombo")
        self.union_mode_combo = self.w(QComboBox, "unionModeCombo")
        self.federation_combo = self.w(QComboBox, "federationCombo")
        self.federation_kind_combo = self.w(QComboBox, "federationKindCombo")
        self.is_federation_check = self.w(QCheckBox, "isFederationCheck")
        self.fee_by_tax_check = self.w(QCheckBox, "feeByTaxCheck")
        self.notes_edit = self.w(QPlainTextEdit, "notesEdit")
        self.buttons = self.w(QDialogButtonBox, "buttonBox")
        labels = {f: self.w(QLabel, n) for f, n in ERROR_LABELS.items()}
        self.messages = FieldMessages(labels, self.w(QLabel, "generalError"))
        self.contracts_table = self.w(QTableWidget, "contractsTable")
        self.contract_box = self.w(QGroupBox, "contractBox")
        self.contract_kind = self.w(QComboBox, "contractKindCombo")
        self.contract_signed = self.w(QLineEdit, "contractSignedEdit")
        self.contract_expiry = self.w(QLineEdit, "contractExpiryEdit")
        self.contract_workers = self.w(QSpinBox, "contractWorkersSpin")
        self.add_contract_button = self.w(QPushButton, "addContractButton")
        self.contract_messages = FieldMessages(
            {"kind": self.w(QLabel, "contractKindError"), "signed_date": self.w(QLabel, "contractSignedError"),
             "expiry_date": self.w(QLabel, "contractExpiryError"),
             "workers_covered": self.w(QLabel, "contractWorkersError")},
            self.w(QLabel, "contractError"))
        self.contracts_note = self.w(QLabel, "contractsNote")
        self.covered_label = self.w(QLabel, "coveredLabel")
        self.covered_table = self.w(QTableWidget, "coveredTable")

    def _prepare(self) -> None:
        for edit in (*self.date_edits.values(), self.contract_signed, self.contract_expiry):
            setup_date_edit(edit)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText("保存 (Ctrl+S)")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("关闭" if self.org_id else "取消")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.community_combo.addItems(["", *org_query.communities(self.store)])
        self.community_combo.setMinimumWidth(200)
        federations = [c for c in orgs.org_choices(self.store, federations_only=True) if c[0] != self.org_id]
        fill_org_combo(self.federation_combo, federations, "（请选择工联会）", self.original.get("federation_id"))
        self.federation_combo.setMinimumWidth(300)
        _prepare_table(self.contracts_table, CONTRACT_HEADERS, len(CONTRACT_HEADERS) - 1)
        _prepare_table(self.covered_table, COVERED_HEADERS, 0)
        self.union_mode_combo.currentTextChanged.connect(self._update_union_mode)
        self.is_federation_check.toggled.connect(self._update_federation)
        self.edits["credit_code"].editingFinished.connect(self.check_credit_code)
        self.edits["credit_code"].textChanged.connect(lambda t: len(t.strip()) >= 18 and self.check_credit_code())
        self.spins["term_years"].valueChanged.connect(self.update_term_expiry)
        self.date_edits["term_start"].editingFinished.connect(self.update_term_expiry)
        self.add_contract_button.clicked.connect(self.add_contract)

    # -------------------------------------------------------------------- loading
    def _load(self) -> None:
        o = self.original
        self._show_union_mode(o)
        if o:
            for field, edit in self.edits.items():
                edit.setText(o.get(field) or "")
            for field, spin in self.spins.items():
                spin.setValue(int(o.get(field) or 0))
            for field, edit in self.date_edits.items():
                edit.setText(o.get(field) or "")
            self.category_combo.setCurrentText(o.get("category") or "")
            self.community_combo.setCurrentText(o.get("community") or "")
            self.is_federation_check.setChecked(bool(o.get("is_federation")))
            self.federation_kind_combo.setCurrentText(o.get("federation_kind") or "社区")
            self.fee_by_tax_check.setChecked(bool(o.get("fee_by_tax")))
            self.notes_edit.setPlainText(o.get("notes") or "")
            set_combo_by_data(self.federation_combo, o.get("federation_id"))
        self._update_union_mode()
        self._update_federation()
        self.reload_contracts()
        self.reload_covered()

    def _update_union_mode(self) -> None:
        joint = self.union_mode_combo.currentText() == "联合建会"
        self.federation_combo.setEnabled(joint)
        if not joint:
            self.messages.clear("federation_id")

    def _update_federation(self) -> None:
        federation = self.is_federation_check.isChecked()
        self.federation_kind_combo.setEnabled(federation)
        if federation:
            self.union_mode_combo.setCurrentText("独立建会")  # a federation is a union in its own right
        self.union_mode_combo.setEnabled(not federation)
        self.tabs.setTabVisible(self.tabs.indexOf(self.w(QWidget, "coveredPage")), federation)

    # --------------------------------------------------------------- live checks
    def check_credit_code(self) -> bool:
        self.messages.clear("credit_code")
        text = self.edits["credit_code"].text().strip()
        if not text:
            return True
        try:
            normalize_credit_code(text)
        except ValueFormatError as err:
            self.messages.show("credit_code", str(err))
            return False
        return True

    def update_term_expiry(self) -> None:
        """换届到期日 = 本届开始 + 届期, filled in as soon as both are known."""
        years = self.spins["term_years"].value()
        try:
            start = dates.parse_date(self.date_edits["term_start"].text().strip() or None)
        except ValueFormatError:
            return
        if start and years:
            self.date_edits["term_expiry"].setText(dates.add_years(start, years).isoformat())

    # -------------------------------------------------------------------- saving
    def values(self) -> dict[str, Any]:
        """The form as core field values; a bad date or federation raises naming its field."""
        out: dict[str, Any] = {f: e.text() for f, e in self.edits.items()}
        out.update({f: s.value() for f, s in self.spins.items()})
        for field, (name, label) in DATE_FIELDS.items():
            out[field] = read_date(self.date_edits[field], field, label)
        out["category"] = self.category_combo.currentText()
        out["community"] = self.community_combo.currentText()
        out["is_federation"] = int(self.is_federation_check.isChecked())
        out["federation_kind"] = self.federation_kind_combo.currentText() if out["is_federation"] else ""
        mode = self.union_mode_combo.currentText()
        if mode != MODE_UNKNOWN:  # not chosen yet: the org stays 待补全
            out["union_mode"] = mode
        out["fee_by_tax"] = int(self.fee_by_tax_check.isChecked())
        out["notes"] = self.notes_edit.toPlainText()
        out["federation_id"] = None
        if out.get("union_mode") == "联合建会":
            out["federation_id"] = org_combo_value(self.federation_combo, "federation_id", "所属工联会")
            if out["federation_id"] is None:
                raise ValueFormatError("联合建会的单位请选择所属的工联会", field="federation_id")
        return out

    def save(self) -> bool:
        self.messages.clear()
        code_ok = self.check_credit_code()  # shown together with whatever else core finds
        try:
            data = self.values()
            if self.org_id:
                changes = self._changes(data)
                rename = self._rename_kind(changes)
                if rename is None:
                    return False
                with self.store.atomic():  # the 更名 and the other changes together, or neither
                    if rename:
                        from ...core.orgs import lifecycle

                        lifecycle.record_event(self.store, self.org_id, "更名", dates.today().isoformat(),
                                               new_value=changes.pop("name"))
                    orgs.update_org(self.store, self.org_id, changes)
            else:
                self.org_id = orgs.create_org(self.store, data)
        except UserError as err:
            self.messages.show_error(err)
            self._show_tab_of(getattr(err, "field", None))
            if not code_ok:
                self.check_credit_code()
            return False
        self.saved.emit(self.org_id)
        self.accept()
        return True

    def _rename_kind(self, changes: dict[str, Any]) -> bool | None:
        """The name typed over: a 更名 today (the old name kept and still found), a typo put right
        (False), or cancelled (None) — asked, since only the clerk knows which."""
        from PySide6.QtWidgets import QMessageBox

        new = str(changes.get("name") or "").strip()
        old = self.original.get("name") or ""
        if "name" not in changes or not new or new == old:
            return False
        buttons = QMessageBox.StandardButton
        answer = QMessageBox.question(
            self, "单位名称改了", f"单位名称由“{old}”改为“{new}”。\n\n"
            f"单位更名了吗？点“是”，登记为今天更名：保留曾用名“{old}”，查找和导入时仍能按它找到本单位"
            "（更名日期不是今天的，请点“取消”，到“变更记录”页登记更名）。\n点“否”，只是更正名称中的错字，不保留旧名称。",
            buttons.Yes | buttons.No | buttons.Cancel, buttons.Cancel)
        if answer == buttons.Cancel:
            return None
        return answer == buttons.Yes

    def _changes(self, data: dict[str, Any]) -> dict[str, Any]:
        validated = orgs.validate_org(data)
        changes = {k: data[k] for k in data if (self.original.get(k) or None) != (validated.get(k) or None)}
        if changes.keys() & {"workers", "women_workers", "migrant_workers"}:
            # core checks 其中女职工/农民工 against 职工人数 only when it sees all three
            changes.update({k: data[k] for k in ("workers", "women_workers", "migrant_workers")})
        if self.original.get("needs_completion") and "union_mode" in data:
            changes["union_mode"] = data["union_mode"]  # chosen, even the 未建会 stored so far: it completes the org
        return changes

    def _show_tab_of(self, field: str | None) -> None:
        label = self.messages.labels.get(field or "")
        if label is None:
            return
        for index in range(self.tabs.count()):
            if self.tabs.widget(index).isAncestorOf(label):
                self.tabs.setCurrentIndex(index)

    def error_text(self, field: str | None) -> str:
        return self.messages.text(field)

    # ----------------------------------------------------------------- contracts
    def reload_contracts(self) -> None:
        saved = self.org_id is not None
        self.contract_box.setEnabled(saved)
        if not saved:
            self.contracts_note.setText("请先保存单位，再登记它签订的集体合同。")
        rows = orgs.contracts_of(self.store, self.org_id) if saved else []
        self.contracts_table.setRowCount(len(rows))
        for r, c in enumerate(rows):
            cells = (c["kind"], c["signed_date"], c["expiry_date"] or "", f"{c['workers_covered']:,}", c["notes"])
            for col, text in enumerate(cells):
                self.contracts_table.setItem(r, col, QTableWidgetItem(text))

    def add_contract(self) -> bool:
        self.contract_messages.clear()
        try:
            signed = read_date(self.contract_signed, "signed_date", "签订日期")
            expiry = read_date(self.contract_expiry, "expiry_date", "到期日期")
            orgs.add_contract(self.store, self.org_id, self.contract_kind.currentText(), signed, expiry,
                              self.contract_workers.value())
        except UserError as err:
            self.contract_messages.show_error(err)
            return False
        for edit in (self.contract_signed, self.contract_expiry):
            edit.clear()
        self.contract_workers.setValue(0)
        self.reload_contracts()
        self.saved.emit(self.org_id)
        return True

    # ------------------------------------------------------------ covered orgs
    def reload_covered(self) -> None:
        rows = org_query.covered_orgs_of(self.store, self.org_id) if self.org_id else []
        workers = sum(r["workers"] for r in rows)
        self.covered_label.setText(f"本工联会覆盖 {len(rows)} 个单位，职工 {workers:,} 人"
                                   if self.org_id else "保存后，选择“联合建会”并指向本工联会的单位会列在这里。")
        self.covered_table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            cells = (row["name"], row["community"], f"{row['workers']:,}", f"{row['member_count']:,}")
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col >= 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.covered_table.setItem(r, col, item)

    def covered_names(self) -> list[str]:
        return [self.covered_table.item(r, 0).text() for r in range(self.covered_table.rowCount())]


def _prepare_table(table: QTableWidget, headers: tuple[str, ...], stretch: int) -> None:
    table.setColumnCount(len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().setVisible(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
