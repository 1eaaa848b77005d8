"""The 报表 tab: pick a period, read the figures beside last year, charts, exports."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import load_workbook

from unionoffice.core.values import dates
from unionoffice.core.hardship import figures as figures_hardship
from unionoffice.ui.reports.tab import ReportsTab


@pytest.fixture
def tab(qtbot, store, monkeypatch):
    monkeypatch.setattr(dates, "today", lambda: dt.date(2026, 6, 15))
    with store.atomic():
        a = store.execute("INSERT INTO orgs (name, category, union_mode, union_founded, workers) "
                          "VALUES ('甲公司', '私营', '独立建会', '2016-01-01', 10)").lastrowid
        b = store.execute("INSERT INTO orgs (name, category, workers) VALUES ('乙公司', '国有', 10)").lastrowid
        for org, joined in ((a, "2020-01-01"), (a, "2025-03-01"), (b, "2025-04-01"), (a, "2024-05-01")):
            store.execute("INSERT INTO members (name, org_id, joined_date) VALUES ('会员', ?, ?)", (org, joined))
        store.execute("INSERT INTO disputes (case_no, received_date, source, kind, respondent_name) "
                      "VALUES ('2025-0001', '2025-04-01', '来访', '工伤', '甲公司')")
    widget = ReportsTab(store)
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    return widget


def _row(tab, section, label):
    return next((r[0].strip(), *r[1:]) for r in tab.table_rows(section) if r[0].strip() == label)


def test_year_figures_beside_last_year(tab):
    tab.set_period("年度", 2025)
    assert tab.period_label.text().startswith("2025年（2025-01-01 至 2025-12-31），与上年同期 2024-01-01 至 2024-12-31")
    assert _row(tab, "一、组织建设", "会员人数") == ("会员人数", "4", "2", "+2")
    assert _row(tab, "一、组织建设", "入会率") == ("入会率", "20.0%", "10.0%", "+10.0个百分点")
    assert _row(tab, "一、组织建设", "单位数")[3] == "持平"
    # no dispute was recorded up to the end of 2024: last year reads “—”, not a 0 nobody counted
    # (as on a district form's 上年数 and in the summary's wording), and no 增减 is claimed
    assert _row(tab, "二、维权", "争议件数：工伤") == ("争议件数：工伤", "1", "—", "")
    chart = next(c for c in tab.charts if c.title.startswith("会员按单位类别"))
    assert chart.data == {"私营": 3, "国有": 1}


def test_quarter_month_and_custom_periods(tab):
    tab.set_period("季度", 2025, 1)
    assert tab.period_label.text().startswith("2025年第一季度")
    assert _row(tab, "一、组织建设", "新入会会员数")[1] == "1"
    tab.set_period("月份", 2025, 4)
    assert _row(tab, "一、组织建设", "新入会会员数")[1:3] == ("1", "0")
    tab.set_period("半年", 2025, 2)
    assert tab.period_label.text().startswith("2025年下半年")
    tab.set_period("自定义", start=dt.date(2025, 3, 1), end=dt.date(2025, 4, 30))
    assert tab.period_label.text().startswith("2025年3月1日至2025年4月30日")
    assert _row(tab, "一、组织建设", "新入会会员数")[1] == "2"
    tab.set_period("自定义", start=dt.date(2025, 5, 1), end=dt.date(2025, 4, 1))
    assert "早于开始日期" in tab.period_label.text()
    # the figures of the last good period do not stand under the error
    assert tab.tables == {} and tab.figures is None
    assert not any(b.isEnabled() for b in tab.export_buttons.values())
    tab.set_period("自定义", start=dt.date(2025, 3, 1), end=dt.date(2025, 4, 30))
    assert _row(tab, "一、组织建设", "新入会会员数")[1] == "2"
    assert all(b.isEnabled() for b in tab.export_buttons.values())


def test_an_area_not_enabled_is_a_note_not_zeros(tab, monkeypatch):
    monkeypatch.setattr(figures_hardship, "core_module_exists", lambda name: False)
    tab.refresh()
    assert "困难职工档案：该模块尚未启用" in tab.notes() and "帮扶慰问：该模块尚未启用" in tab.notes()
    assert "三、帮扶" not in tab.tables


def test_export_xlsx_runs_in_the_background_and_says_where(tab, qtbot, tmp_path, messages):
    tab.set_period("年度", 2025)
    out = tmp_path / "汇总.xlsx"
    op = tab.export("xlsx", out)
    qtbot.waitUntil(lambda: op.state != "running", timeout=10000)
    assert op.state == "succeeded"
    qtbot.waitUntil(lambda: bool(messages.of("information")))
    assert str(out) in messages.of("information")[0][2]
    ws = load_workbook(out).active
    assert ws["A1"].value == "测试街道总工会2025年工作数据汇总"
