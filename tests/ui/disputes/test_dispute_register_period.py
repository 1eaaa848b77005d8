"""The dispute log as a clerk uses it: a register and an export for a chosen period, 涉及人数 0
refused, the amount hint shown whole, and each step's place in the 15 days."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtWidgets import QFileDialog

from unionoffice.core.disputes import records as disputes
from unionoffice.core.values import dates
from unionoffice.ui.disputes.tab import DisputesTab


@pytest.fixture(autouse=True)
def january(monkeypatch):
    monkeypatch.setattr(dates, "today", lambda: date(2027, 1, 12))


@pytest.fixture
def tab(qtbot, store):
    widget = DisputesTab(store)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def add_case(store, received, who="张三"):
    return disputes.create_dispute(store, {"received_date": received, "source": "来访", "kind": "劳动报酬/欠薪",
                                           "respondent_name": "某某餐馆", "amount": "10000"}, [{"name": who}])


def save_to(monkeypatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(path), "")))


def test_register_and_export_for_a_quarter(tab, store, tmp_path, monkeypatch, qtbot):
    add_case(store, "2026-02-10", "一季度甲")
    add_case(store, "2026-03-31", "一季度乙")
    add_case(store, "2026-04-01", "二季度丙")
    tab.register_period_picker.set_period("季度", 2026, 1)
    assert tab.register_period().label == "2026年第一季度"
    save_to(monkeypatch, tmp_path / "台账.pdf")
    op = tab.print_register()
    qtbot.waitUntil(lambda: not op.is_running(), timeout=20000)
    assert op.state == "succeeded", op.error
    assert op.result.rows == 2
    save_to(monkeypatch, tmp_path / "台账.xlsx")
    op = tab.export_cases()
    qtbot.waitUntil(lambda: not op.is_running(), timeout=20000)
    ws = load_workbook(tmp_path / "台账.xlsx").active
    names = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert "一季度甲" in names and "一季度乙" in names and "二季度丙" not in names


def test_a_bad_custom_period_is_said_and_nothing_printed(tab, messages, monkeypatch):
    tab.register_period_picker.set_period("自定义", start=date(2026, 6, 30), end=date(2026, 1, 1))
    assert tab.print_register() is None
    assert "早于开始日期" in messages.texts()


def test_zero_workers_is_refused_not_made_one(tab, store):
    dialog = tab.new_case()
    assert dialog.workers_spin.value() == 1  # a new case starts at one worker, not 0
    dialog.received_edit.setText("2027-01-10")
    dialog.applicants.table.item(0, 0).setText("王大力")
    dialog.respondent.combo.setEditText("某某餐馆")
    dialog.workers_spin.setValue(0)
    assert dialog.workers_spin.value() == 0
    assert not dialog.save()
    assert "涉及人数不能为 0" in dialog.error_text()
    assert store.scalar("SELECT count(*) FROM disputes") == 0


def test_the_amount_hint_is_shown_whole(tab):
    dialog = tab.new_case()
    edit = dialog.amount_edit
    assert edit.width() >= edit.fontMetrics().horizontalAdvance(edit.placeholderText()) + 8


def test_each_step_shows_its_day_of_fifteen(tab, store):
    case_id = add_case(store, "2027-01-02")
    dialog = tab.open_case(case_id)
    dialog.step_date.setText("2027-01-05")
    dialog.step_action.setCurrentText("调查核实")
    assert dialog.add_step(), dialog.error_text()
    cells = {dialog.steps_table.item(r, 4).text() for r in range(dialog.steps_table.rowCount())}
    assert "第 3 天 / 15" in cells
    assert disputes.step_day_text("2027-01-02", "2027-01-20") == "第 18 天 / 15（已超期）"
