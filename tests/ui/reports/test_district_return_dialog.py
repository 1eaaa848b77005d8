"""报表 → 区总工会报表…: preview every cell, assign an unplaced label, save under a new name."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import Workbook, load_workbook
from PySide6.QtWidgets import QDialog, QFileDialog

from unionoffice.core.values import dates
from unionoffice.ui.reports.district_return import UNPLACED, DistrictReturnDialog
from unionoffice.ui.reports.tab import ReportsTab


@pytest.fixture
def office(store, monkeypatch):
    monkeypatch.setattr(dates, "today", lambda: dt.date(2026, 7, 10))
    with store.atomic():
        a = store.execute("INSERT INTO orgs (name, union_mode, union_founded, workers) "
                          "VALUES ('甲公司', '独立建会', '2016-01-01', 10)").lastrowid
        store.execute("INSERT INTO orgs (name, workers) VALUES ('乙公司', 10)")
        for joined in ("2020-01-01", "2026-03-01"):
            store.execute("INSERT INTO members (name, org_id, joined_date) VALUES ('会员', ?, ?)", (a, joined))
        store.execute("INSERT INTO activities (title, kind, start_date, end_date, status, headcount) "
                      "VALUES ('职工跳绳', '文体活动', '2026-05-01', '2026-05-01', '已举办', 40)")
    return store


def _form(path):
    wb = Workbook()
    ws = wb.active
    ws["A1"] = "填报单位：            统计时段："
    for c, h in enumerate(("序号", "指标名称", "计量单位", "数值"), start=1):
        ws.cell(2, c, h)
    for r, (label, unit) in enumerate((("单位总数", "家"), ("会员总数", "人"), ("职工入会率", "%"),
                                       ("组织职工跳绳比赛", "次")), start=3):
        ws.cell(r, 2, label), ws.cell(r, 3, unit)
    wb.save(path)
    return path


def test_preview_assign_and_save(qtbot, office, tmp_path, messages, monkeypatch):
    dialog = DistrictReturnDialog(office, 2026, 1)
    qtbot.addWidget(dialog)
    form = _form(tmp_path / "区总工会下发.xlsx")
    dialog.choose_template(form)
    assert dialog.recognise()
    rows = {r[1]: r for r in dialog.preview_rows()}
    assert rows["单位总数"][2:4] == ("单位数", "2")
    assert rows["职工入会率"][2:4] == ("入会率", "10.0")
    assert rows["组织职工跳绳比赛"][2] == UNPLACED
    assert rows["填报单位"][3] == "测试街道总工会" and rows["统计期间"][3] == "2026年上半年"

    picker = dialog.picker("组织职工跳绳比赛")
    qtbot.addWidget(picker)
    picker.search.setText("活动")
    assert "举办活动次数" in picker.shown_names() and "会员人数" not in picker.shown_names()
    picker.search.setText("会员总数")  # a name district forms use
    assert "会员人数" in picker.shown_names()
    picker.search.setText("活动")
    picker.choose("举办活动次数")
    picker.accept()
    dialog.assign("Sheet!D6", picker.chosen)
    assert {r[1]: r for r in dialog.preview_rows()}["组织职工跳绳比赛"][2:5] == ("举办活动次数", "1", "手工指定")

    out = tmp_path / "上报.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), "")))
    dialog.save_dialog()
    ws = load_workbook(out).active
    assert [ws[f"D{r}"].value for r in range(3, 7)] == [2, 2, 10.0, 1]
    assert ws["A1"].value == "填报单位：测试街道总工会  统计时段：2026年上半年"
    assert load_workbook(form).active["D3"].value is None  # the received form is untouched
    assert "已填入 4 处数据" in messages.texts()

    again = DistrictReturnDialog(office, 2026, 2)  # next half-year: the assignment is remembered
    qtbot.addWidget(again)
    again.choose_template(form)
    again.recognise()
    assert {r[1]: r for r in again.preview_rows()}["组织职工跳绳比赛"][2:5] == ("举办活动次数", "0", "上次确认")


def test_unreadable_form_cannot_be_saved(qtbot, office, tmp_path, messages):
    wb = Workbook()
    wb.active["A1"] = "签字"
    wb.save(tmp_path / "怪.xlsx")
    dialog = DistrictReturnDialog(office, 2026)
    qtbot.addWidget(dialog)
    dialog.choose_template(tmp_path / "怪.xlsx")
    dialog.recognise()
    assert not dialog.save_button.isEnabled()
    assert "没有找到可填的指标" in messages.texts()


def test_reports_tab_opens_it_with_its_period(qtbot, office, monkeypatch):
    tab = ReportsTab(office)
    qtbot.addWidget(tab)
    tab.set_period("半年", 2026, 1)
    shown = []
    monkeypatch.setattr(QDialog, "exec", lambda self: shown.append(self) or 0)
    tab.return_button.click()
    assert shown and shown[0].period().label == "2026年上半年"
    assert shown[0].recognise()  # the shipped template fills with markers
    assert shown[0].can_save()
    rows = {r[2]: r for r in shown[0].preview_rows()}
    assert rows["单位数"][3] == "2" and rows["单位数"][4] == "模板占位符"


def test_last_year_column_is_filled_in_the_preview_and_the_file(qtbot, office, tmp_path, monkeypatch):
    wb = Workbook()
    ws = wb.active
    for c, h in enumerate(("序号", "指标名称", "计量单位", "本期数", "上年数", "增减（%）"), start=1):
        ws.cell(1, c, h)
    for r, (label, unit) in enumerate((("单位总数", "家"), ("会员总数", "人"), ("职工入会率", "%"),
                                       ("举办活动次数", "次")), start=2):
        ws.cell(r, 2, label), ws.cell(r, 3, unit)
    wb.save(tmp_path / "上年.xlsx")
    dialog = DistrictReturnDialog(office, 2026, 1)
    qtbot.addWidget(dialog)
    dialog.choose_template(tmp_path / "上年.xlsx")
    assert dialog.recognise()
    rows = {r[0]: r for r in dialog.preview_rows()}
    # 2025年上半年: the same two orgs, one member (the other joined 2026), no activity held yet
    assert rows["Sheet!E2"][1:4] == ("单位总数（上年数）", "单位数（2025年上半年）", "2")
    assert rows["Sheet!E3"][1:4] == ("会员总数（上年数）", "会员人数（2025年上半年）", "1")
    assert rows["Sheet!E4"][3] == "5.0" and rows["Sheet!D4"][3] == "10.0"
    assert rows["Sheet!E5"][3] == "—"  # nothing recorded for activities in 2025: no previous value
    assert not any(where.startswith("Sheet!F") for where in rows)  # 增减 stays the form's own
    out = tmp_path / "报.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), "")))
    dialog.save_dialog()
    written = load_workbook(out).active
    assert [written[f"E{r}"].value for r in range(2, 6)] == [2, 1, 5.0, "—"]
    assert [written[f"D{r}"].value for r in range(2, 6)] == [2, 2, 10.0, 1]
