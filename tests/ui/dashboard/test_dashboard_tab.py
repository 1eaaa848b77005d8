"""The 工作台 tab: today's reminders, each opening its record, and the year-so-far figures."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QLabel

from unionoffice.core.values import dates
from unionoffice.core.hardship import figures as figures_hardship

TODAY = dt.date(2026, 6, 15)


@pytest.fixture
def win(qtbot, store, monkeypatch):
    monkeypatch.setattr(dates, "today", lambda: TODAY)
    with store.atomic():
        org = store.execute("INSERT INTO orgs (name, union_mode, union_name, union_founded, term_expiry, workers) "
                            "VALUES ('甲公司', '独立建会', '甲公司工会', '2016-01-01', '2026-07-01', 4)").lastrowid
        for joined in ("2020-01-01", "2026-03-01"):
            store.execute("INSERT INTO members (name, org_id, joined_date) VALUES ('会员', ?, ?)", (org, joined))
        store.execute("INSERT INTO disputes (case_no, received_date, source, kind, respondent_name, status, "
                      "applicant_names) VALUES ('2026-0001', '2026-05-20', '来访', '工伤', '甲公司', '受理', '张三')")
    from unionoffice.app import create_main_window

    window = create_main_window(store)
    qtbot.addWidget(window)
    window.show()
    yield window, org
    window.close()


def test_dashboard_is_first_and_shows_reminders_and_figures(win):
    window, _org = win
    tab = window.tab("dashboardTab")
    assert window.tab_titles()[0] == "工作台" and window.tab_widget.currentWidget() is tab
    assert tab.today_label.text().endswith("今天是2026年6月15日　星期一")
    texts = tab.reminder_texts()
    assert texts[0].startswith("2026-0001 张三") and "已超期 11 天" in texts[0]
    assert texts[1] == "甲公司工会 换届到期日 2026-07-01，还有 16 天"
    assert tab.summary_label.text() == "共 2 项，其中已超期 1 项"
    tile = tab.findChild(QLabel, "headline:在册会员")
    assert ">2<" in tile.text()
    assert ">50.0%<" in tab.findChild(QLabel, "headline:入会率").text()
    assert "2026年1月1日至6月15日" in tab.figures_title.text()


def test_a_reminder_opens_its_record_on_its_tab(win):
    window, org = win
    tab = window.tab("dashboardTab")
    orgs_tab = window.tab("orgsTab")
    opened = []
    orgs_tab.open_org = opened.append  # stands in for the org dialog
    tab.open_reminder(1)
    assert window.tab_widget.currentWidget() is orgs_tab and opened == [org]


def test_an_area_not_enabled_says_so_on_its_tile(win, monkeypatch):
    window, _org = win
    monkeypatch.setattr(figures_hardship, "core_module_exists", lambda name: False)
    tab = window.tab("dashboardTab")
    tab.refresh()
    assert "该模块尚未启用" in tab.findChild(QLabel, "headline:在档困难职工").text()


def test_an_empty_office_says_there_is_nothing_to_do(qtbot, new_store, tmp_path):
    from unionoffice.ui.dashboard.tab import DashboardTab

    tab = DashboardTab(new_store(tmp_path / "空.db"))
    qtbot.addWidget(tab)
    assert tab.summary_label.text() == "今天没有需要提醒的事项。" and not tab.open_button.isEnabled()
    assert tab.open_reminder(0) is None


def test_an_org_a_roll_created_is_a_task_that_opens_the_org(win):
    window, _org = win
    tab = window.tab("dashboardTab")
    with tab.store.atomic():
        new = tab.store.execute("INSERT INTO orgs (name, needs_completion) VALUES ('名册带来的公司', 1)").lastrowid
    tab.refresh()
    texts = tab.reminder_texts()
    row = next(i for i, t in enumerate(texts) if t.startswith("名册带来的公司"))
    assert "请补全职工人数和建会方式" in texts[row] and "不计入单位数、建会率、入会率" in texts[row]
    orgs_tab = window.tab("orgsTab")
    opened = []
    orgs_tab.open_org = opened.append
    tab.open_reminder(row)
    assert opened == [new]


def test_a_membership_rate_over_100_percent_is_flagged_on_its_tile(win, store):
    window, org = win
    store.execute("UPDATE orgs SET workers = 1 WHERE id = ?", (org,))
    tab = window.tab("dashboardTab")
    tab.refresh()
    tile = tab.findChild(QLabel, "headline:入会率")
    assert ">200.0%<" in tile.text() and "#b00020" in tile.text()
    assert "会员比单位台账的职工人数还多" in tile.toolTip()
