"""工作台 reminders on a hand-built office, today frozen at 2026-06-15."""

from __future__ import annotations

import datetime as dt

import pytest

from unionoffice.core.values import dates
from unionoffice.core.dashboard import reminders as R

TODAY = dt.date(2026, 6, 15)


@pytest.fixture
def office(store, monkeypatch):
    monkeypatch.setattr(dates, "today", lambda: TODAY)
    ex = store.execute
    with store.atomic():
        def org(name, expiry, deleted=None):
            return ex("INSERT INTO orgs (name, union_mode, union_name, union_founded, term_expiry, deleted_at) "
                      "VALUES (?, '独立建会', ?, '2016-01-01', ?, ?)", (name, name + "工会", expiry, deleted)).lastrowid
        o1, o2 = org("甲公司", "2026-08-01"), org("乙公司", "2026-12-31")
        o3 = org("丙公司", "2026-03-01")
        org("丁公司（已删）", "2026-07-01", "2026-01-01 08:00:00")
        for org_id, kind, signed, expiry in ((o1, "集体合同", "2023-07-01", "2026-07-01"),
                                             (o2, "集体合同", "2023-07-10", "2026-07-10"),
                                             (o2, "集体合同", "2026-06-01", "2029-05-31"),
                                             (o2, "工资专项", "2023-10-01", "2026-09-30")):
            ex("INSERT INTO org_contracts (org_id, kind, signed_date, expiry_date) VALUES (?,?,?,?)",
               (org_id, kind, signed, expiry))
        for no, received, status in (("2026-0001", "2026-05-25", "调解中"), ("2026-0002", "2026-06-01", "受理"),
                                     ("2026-0003", "2026-06-10", "受理"), ("2026-0004", "2026-05-01", "结案")):
            ex("INSERT INTO disputes (case_no, received_date, source, kind, respondent_name, status, applicant_names, "
               "closed_date) VALUES (?,?,'来访','工伤','甲公司',?,'张三',?)",
               (no, received, status, "2026-05-10" if status == "结案" else None))
        for i, (filed, status) in enumerate((("2025-06-01", "在档"), ("2025-07-01", "在档"),
                                             ("2025-09-01", "在档"), ("2025-01-01", "脱困"))):
            ex("INSERT INTO hardship_files (file_no, name, id_number, category, level, main_cause, household_size, "
               "filed_date, status, status_date) VALUES (?,?,?,'深度困难','街道','本人大病',1,?,?,?)",
               (f"2025-000{i}", f"困难{i}", f"44030319800101{i:03d}X", filed, status,
                "2026-01-01" if status != "在档" else None))
        for title, day, status in (("端午游园", "2026-06-20", "计划"), ("篮球赛", "2026-06-18", "已举办"),
                                   ("夏季讲座", "2026-07-20", "计划")):
            ex("INSERT INTO activities (title, start_date, end_date, status) VALUES (?,?,?,?)", (title, day, day, status))
        c1 = ex("INSERT INTO campaigns (kind, name, campaign_date, funding_source, status, printed_at) VALUES "
                "('夏送清凉', '2026年夏送清凉', '2026-05-01', '街道总工会', '已打印', '2026-05-01 10:00:00')").lastrowid
        ex("INSERT INTO campaigns (kind, name, campaign_date, funding_source, status) VALUES "
           "('金秋助学', '已签回的', '2026-04-01', '市总', '已签领')")
        ex("INSERT INTO campaigns (kind, name, campaign_date, funding_source) VALUES "
           "('金秋助学', '草稿', '2026-04-01', '市总')")
        for i, status in enumerate(("已签领", "已发")):
            ex("INSERT INTO assistance (name, id_number, kind, campaign_id, paid_date, amount, funding_source, status) "
               "VALUES (?, ?, '夏送清凉', ?, '2026-05-01', 20000, '街道总工会', ?)",
               (f"领取{i}", f"44030319900101{i:03d}X", c1, status))
    return store, {"o1": o1, "o3": o3, "c1": c1}


def test_reminders_in_order_each_pointing_at_its_record(office):
    store, ids = office
    got = [(r.level, r.kind, r.category, r.when) for r in R.reminders(store, TODAY)]
    assert got == [
        ("overdue", "org", "工会换届", "2026-03-01"),
        ("overdue", "hardship", "困难档案复核", "2026-06-01"),
        ("overdue", "dispute", "调解期限", "2026-06-09"),
        ("due", "campaign", "发放表未签回", "2026-05-01"),
        ("due", "dispute", "调解期限", "2026-06-16"),
        ("due", "contract", "集体合同到期", "2026-07-01"),
        ("due", "hardship", "困难档案复核", "2026-07-01"),
        ("info", "activity", "近期活动", "2026-06-20"),
        ("info", "org", "工会换届", "2026-08-01"),  # 47 days away: a note, not yet urgent
    ]
    by_cat = {(r.category, r.when): r for r in R.reminders(store, TODAY)}
    term = by_cat[("工会换届", "2026-08-01")]
    assert (term.record_id, term.tab) == (ids["o1"], "orgsTab")
    assert term.text == "甲公司工会 换届到期日 2026-08-01，还有 47 天"
    assert by_cat[("工会换届", "2026-03-01")].text == "丙公司工会 换届到期日 2026-03-01，已过期 106 天，尚未换届"
    contract = by_cat[("集体合同到期", "2026-07-01")]
    assert (contract.record_id, contract.text) == (ids["o1"], "甲公司 集体合同到期日 2026-07-01，还有 16 天")
    campaign = by_cat[("发放表未签回", "2026-05-01")]
    assert (campaign.record_id, campaign.tab) == (ids["c1"], "hardshipTab")
    assert "尚有 1 人未签领" in campaign.text
    assert by_cat[("困难档案复核", "2026-06-01")].text.endswith("已超期 14 天")
    assert by_cat[("近期活动", "2026-06-20")].text == "2026-06-20（5 天后）端午游园"
    assert "2026-0001" in by_cat[("调解期限", "2026-06-09")].text


def test_an_empty_office_has_no_reminders(store):
    assert R.reminders(store, TODAY) == []
