"""工作台: past activities still 计划 show as 待补记; a 追回金额 tile; the 单位 tab and 工作台 give a
rate in the same words."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QLabel

from unionoffice.core.activities import records as act
from unionoffice.core.values import dates

TODAY = dt.date(2026, 6, 15)


@pytest.fixture
def window(qtbot, store, monkeypatch):
    monkeypatch.setattr(dates, "today", lambda: TODAY)
    from unionoffice.app import create_main_window

    w = create_main_window(store)
    qtbot.addWidget(w)
    w.show()
    yield w
    w.close()


def test_a_past_activity_still_planned_is_to_be_recorded(store, window):
    late = act.create_activity(store, {"title": "端午包粽子", "start_date": "2026-05-31"})
    act.create_activity(store, {"title": "已记好的讲座", "start_date": "2026-05-20", "status": "已举办"})
    tab = window.tab("dashboardTab")
    tab.refresh()
    lines = [t for t in tab.reminder_texts() if "端午包粽子" in t]
    assert len(lines) == 1 and "仍是“计划”" in lines[0]
    assert not any("已记好的讲座" in t for t in tab.reminder_texts())
    item = next(r for r in tab.items if r.record_id == late and r.category == "待补记")
    assert item.tab == "activitiesTab"


def test_recovered_amount_tile_and_rates_agree_with_the_orgs_tab(store, window):
    with store.atomic():
        org = store.execute("INSERT INTO orgs (name, union_mode, workers) VALUES ('甲公司', '独立建会', 19)").lastrowid
        for i in range(8):
            store.execute("INSERT INTO members (name, org_id, joined_date) VALUES (?, ?, '2020-01-01')", (f"会员{i}", org))
        store.execute("INSERT INTO disputes (case_no, received_date, source, kind, respondent_name, status, "
                      "applicant_names, recovered) VALUES ('2026-0001', '2026-05-20', '来访', '工伤', '甲公司', "
                      "'调解成功', '张三', 123456)")
    tab = window.tab("dashboardTab")
    tab.refresh()
    assert "1,234.56" in tab.findChild(QLabel, "headline:追回金额").text()
    orgs_tab = window.tab("orgsTab")
    orgs_tab.refresh()
    assert ">42.1%<" in tab.findChild(QLabel, "headline:入会率").text()  # 8 / 19
    assert "入会率 42.1%" in orgs_tab.rates_label.text()
