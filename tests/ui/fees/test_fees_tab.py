"""The 工会经费 tab as a clerk uses it: a year of fees entered in the window, a bad amount refused on
the form, the share settings changed, the tax office's list imported, the ledger and notices printed."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog

from unionoffice.core.fees import records as fees
from unionoffice.core.fees import settings as fee_settings
from unionoffice.core.orgs.records import create_org
from unionoffice.core.values import dates
from unionoffice.core.values.ids import credit_code_check_char
from unionoffice.ui.fees.tab import FeesTab

TODAY = date(2026, 11, 24)
CODE = "91440300MA5AAAAA1" + credit_code_check_char("91440300MA5AAAAA1")


@pytest.fixture(autouse=True)
def frozen_today(monkeypatch):
    monkeypatch.setattr(dates, "today", lambda: TODAY)


@pytest.fixture
def orgs(store):
    return (create_org(store, {"name": "深圳市甲科技有限公司", "credit_code": CODE, "workers": 40, "union_mode": "独立建会"}),
            create_org(store, {"name": "东湖小食店", "workers": 8, "union_mode": "联合建会"}))


@pytest.fixture
def tab(qtbot, store, orgs):
    widget = FeesTab(store)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def save_to(monkeypatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(path), "")))


def test_the_tabs_are_in_the_main_window(window):
    assert isinstance(window.tab("feesTab"), FeesTab)
    assert window.tab("mutualAidTab") is not None


def test_a_year_of_fees_entered_in_the_window(tab, store, orgs):
    big, small = orgs
    assert [x.status for x in tab.shown_lines()] == ["欠缴", "欠缴"]  # orgs with a union, nothing yet
    tab.select_ids([big])
    form = tab.edit_record()
    form.set_value("payroll", "1,000,000")
    form.set_value("method", "自行拨缴")
    assert form.save() is not None
    tab.select_ids([big])
    pay = tab.add_payment()
    pay.set_value("amount", "两万")  # not a number: refused on the form, nothing written
    assert pay.save() is None and "金额" in pay.error_label.text()
    pay.set_value("amount", "20000")
    pay.set_value("paid_date", "2026年6月30日")
    assert pay.save()
    tab.select_ids([small])
    exempt = tab.edit_record()
    exempt.set_value("exemption", "免交")
    assert exempt.save() is None and "须写明原因" in exempt.error_label.text()
    exempt.set_value("exemption_reason", "亏损")
    exempt.set_value("exemption_approved", "2026-03-01")
    assert exempt.save() is not None
    lines = {x.org_id: x for x in tab.shown_lines()}
    assert (lines[big].due, lines[big].paid, lines[big].paid_date, lines[big].status) == \
        (20_000_00, 20_000_00, "2026-06-30", "已缴")
    assert lines[small].status == "免交"
    assert "应缴 20,000.00 元" in tab.summary_label.text() and "免交 1 家" in tab.summary_label.text()
    tab.status_combo.setCurrentText("免交")
    assert [x.org_id for x in tab.shown_lines()] == [small]


def test_share_settings_are_edited_in_the_window(tab, store, orgs):
    big, _ = orgs
    fees.save_fee_record(store, {"org_id": big, "period": "2026", "payroll": "1000000"})
    form = tab.edit_settings()
    form.set_value("large_district", "三成")
    assert form.save() is None and "不是数字" in form.error_label.text()
    form.set_value("large_district", "30")
    assert form.save() is not None
    assert fee_settings.load(store).large_district == 30
    assert {x.org_id: x.district for x in tab.shown_lines()}[big] == 6_000_00


def test_tax_list_imported_from_the_window(tab, store, orgs, tmp_path, qtbot, messages):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["纳税人识别号", "纳税人名称", "计费依据", "代收金额", "入库日期"])
    ws.append([CODE, "深圳市甲科技有限公司", 100000, 2000, "2026-04-15"])
    ws.append([None, "没有这家公司", 100000, 2000, "2026-04-15"])
    path = tmp_path / "代收明细.xlsx"
    wb.save(path)
    op = tab.import_tax_list(path)
    qtbot.waitUntil(lambda: not op.is_running(), timeout=20000)
    assert op.state == "succeeded", op.error
    question = messages.of("question")[0][2]
    assert "新增缴款 1 笔" in question and "第 3 行：单位台账中没有“没有这家公司”" in question
    assert (tmp_path / "代收明细-导入问题.xlsx").exists()
    assert {x.org_id: x.paid for x in tab.shown_lines()}[orgs[0]] == 2000_00
    again = tab.import_tax_list(path)
    qtbot.waitUntil(lambda: not again.is_running(), timeout=20000)
    assert "没有需要导入的新缴款" in messages.of("information")[-1][2]


def test_ledger_export_and_notices_from_the_tab(tab, store, orgs, tmp_path, monkeypatch, qtbot, messages):
    tab.select_ids([orgs[1]])
    for start, target in ((tab.print_ledger, tmp_path / "台账.pdf"), (tab.export_ledger, tmp_path / "台账.xlsx"),
                          (lambda: tab.print_notices(one=False), tmp_path / "催缴.pdf"),
                          (lambda: tab.print_notices(one=True), tmp_path / "催缴一家.pdf")):
        save_to(monkeypatch, target)
        op = start()
        qtbot.waitUntil(lambda: not op.is_running(), timeout=20000)
        assert op.state == "succeeded", op.error
        assert target.stat().st_size > 1000
    assert "催缴通知书 2 份" in messages.of("information")[2][2]


def test_a_reminder_opens_the_orgs_line(tab, orgs):
    tab.status_combo.setCurrentText("已缴")
    tab.open_org(orgs[1])
    assert tab.current_id() == orgs[1]


def test_a_payment_entered_by_mistake_is_deleted(tab, store, orgs, messages):
    big, _ = orgs
    record = fees.save_fee_record(store, {"org_id": big, "period": "2026", "payroll": "100000"})
    fees.add_payment(store, record, "2026-05-01", "2000", "自行拨缴")
    fees.add_payment(store, record, "2026-05-02", "2000", "自行拨缴")  # typed twice
    tab.refresh()
    tab.select_ids([big])
    dialog = tab.show_payments()
    assert dialog.table.rowCount() == 2
    dialog.table.selectRow(1)
    assert dialog.delete_selected()
    assert "共 2,000.00 元" in messages.of("question")[-1][2]
    assert dialog.table.rowCount() == 1
    assert {x.org_id: x.paid for x in tab.shown_lines()}[big] == 2000_00
