"""The member and org totals shown in different places differ on purpose; each label says what it
counts, so a clerk seeing 4 in the status bar and 2 on the 工作台 knows why."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from unionoffice.core.members import records as members
from unionoffice.core.orgs.lifecycle import record_event
from unionoffice.core.orgs.records import create_org
from unionoffice.core.values.ids import make_id_number


def _office(store) -> None:
    """Two live employers, a 工联会 and an employer 注销 in 2022; three members, one of them 退会."""
    import datetime

    create_org(store, {"name": "东湖社区工会联合会", "is_federation": 1, "federation_kind": "社区"})
    first = create_org(store, {"name": "甲公司", "workers": 10, "union_mode": "独立建会"})
    create_org(store, {"name": "乙商行", "workers": 10, "union_mode": "未建会"})
    gone = create_org(store, {"name": "丙贸易公司", "workers": 5, "union_mode": "独立建会"})
    record_event(store, gone, "注销", "2022-03-21")
    ids = [members.create_member(store, {"name": f"会员{n}", "org_id": first, "joined_date": "2020-01-01",
                                         "id_number": make_id_number("440303", datetime.date(1980, 1, n), 10 + n)})
           for n in (1, 2, 3)]
    members.change_status(store, ids[0], "退会", "2025-06-30", "本人申请")


def test_each_total_says_what_it_counts(window, store, qtbot):
    _office(store)
    window.refresh_status()
    assert window.counts_label.text() == "单位记录 4 个（含工联会、已注销） · 会员记录 3 条（含退会、转出）"

    dashboard = window.tab("dashboardTab")
    dashboard.refresh()
    assert ">2<" in dashboard.findChild(QLabel, "headline:在册会员").text()
    assert ">2<" in dashboard.findChild(QLabel, "headline:在册单位（不含工联会）").text()

    orgs_tab = window.tab("orgsTab")
    orgs_tab.refresh()
    assert orgs_tab.rates_label.text() == ("建会率 50.0%（已建会 1 / 在册单位 2，不含工联会）　　"
                                           "入会率 10.0%（在册会员 2 / 职工 20，均不含待补全单位）")
    assert orgs_tab.count_label.text() == "共 4 个"  # the list beside the search box: every record …
    assert "含工联会、已注销" in orgs_tab.count_label.toolTip()  # … and its tip says so
    members_tab = window.tab("membersTab")
    members_tab.refresh()
    assert members_tab.count_label.text() == "共 3 人" and "含退会、转出" in members_tab.count_label.toolTip()
