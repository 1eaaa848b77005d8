"""Figures as they stood: an org's dated events and head-count history."""

from __future__ import annotations

import pytest

from old_files import office_at_schema

from unionoffice.core.errors import UserError
from unionoffice.core.figures import catalogue as F
from unionoffice.core.orgs import lifecycle
from unionoffice.core.orgs.records import create_org, get_org, update_org
from unionoffice.core.store.connection import Store


@pytest.fixture
def org(store):
    return create_org(store, {"name": "甲公司", "workers": 150, "women_workers": 60, "migrant_workers": 30,
                              "union_mode": "独立建会", "union_founded": "2015-01-01"})


def test_past_period_uses_the_headcount_then_not_today(store, org):
    lifecycle.record_headcount(store, org, "2019-03-01", 100, 40, 10)
    then, now = F.compute(store, F.year(2019)), F.compute(store, F.year(2026))
    assert (then["workers.total"], then["workers.women"], then["workers.migrant"]) == (100, 40, 10)
    assert now["workers.total"] == 150
    assert get_org(store, org)["workers"] == 150  # an older count does not replace today's
    update_org(store, org, {"workers": 160})  # entered today: history grows, the past stays
    assert F.compute(store, F.year(2019))["workers.total"] == 100
    assert [h["workers"] for h in lifecycle.headcounts(store, org)][0] == 100


def test_org_cancelled_in_2025_counts_in_2024_not_2026(store, org):
    create_org(store, {"name": "乙公司", "workers": 10})
    lifecycle.record_event(store, org, "注销", "2025-06-30", reason="营业执照吊销")
    assert F.compute(store, F.year(2024))["orgs.total"] == 2
    assert F.compute(store, F.year(2024))["workers.total"] == 160
    assert F.compute(store, F.year(2026))["orgs.total"] == 1
    assert F.compute(store, F.year(2026))["orgs.covered"] == 0
    assert F.compute(store, F.half_year(2025, 1))["orgs.total"] == 1  # ended on the period's last day
    with pytest.raises(UserError, match="已于 2025-06-30"):
        lifecycle.record_event(store, org, "更名", "2025-08-01", new_value="甲新公司")


def test_registered_org_counts_only_from_registration(store, org):
    lifecycle.record_event(store, org, "成立", "2021-04-01")
    assert F.compute(store, F.year(2020))["orgs.total"] == 0
    assert F.compute(store, F.year(2021))["orgs.total"] == 1


def test_rename_keeps_the_old_name_and_is_audited(store, org):
    lifecycle.record_event(store, org, "更名", "2024-01-02", reason="股权变更", new_value="甲科技公司")
    assert get_org(store, org)["name"] == "甲科技公司"
    event = lifecycle.events(store, org)[0]
    assert (event["kind"], event["old_value"], event["new_value"]) == ("更名", "甲公司", "甲科技公司")
    assert store.scalar("SELECT count(*) FROM audit WHERE table_name = 'org_events'") == 1


def test_bad_events_are_refused_in_chinese(store, org):
    with pytest.raises(UserError, match="变更类别"):
        lifecycle.record_event(store, org, "破产", "2024-01-01")
    with pytest.raises(UserError, match="晚于今天"):
        lifecycle.record_event(store, org, "注销", "2099-01-01")
    with pytest.raises(UserError, match="新名称"):
        lifecycle.record_event(store, org, "更名", "2024-01-01")
    with pytest.raises(UserError, match="不能多于"):
        lifecycle.record_headcount(store, org, "2020-01-01", 10, 20)
    assert lifecycle.events(store, org) == []


def test_v6_file_upgrades_with_headcounts_kept(tmp_path):
    path = tmp_path / "v6.db"
    with office_at_schema(path, 6) as conn:
        conn.execute("INSERT INTO orgs (id, name, workers, women_workers, created_at) "
                     "VALUES (1, '老单位', 50, 20, '2018-05-01 09:00:00')")
    with Store.open(path) as store:
        assert store.one("SELECT name, workers FROM orgs WHERE id = 1")["workers"] == 50
        assert lifecycle.headcounts(store, 1) == [
            {"date": "2018-05-01", "workers": 50, "women_workers": 20, "migrant_workers": 0}]
        assert F.compute(store, F.year(2019))["workers.total"] == 50


def test_cli_org_event_and_headcount(store, org, capsys):
    from unionoffice import cli

    store.close()
    db = str(store.path)
    assert cli.main(["org-event", "--db", db, "--org", "甲公司", "--headcount", "100,40,10", "--date", "2019-03-01"]) == 0
    assert cli.main(["org-event", "--db", db, "--org", "甲公司", "--kind", "注销", "--date", "2025-06-30",
                     "--reason", "歇业"]) == 0
    assert cli.main(["org-event", "--db", db, "--org", "甲公司", "--list"]) == 0
    out = capsys.readouterr().out
    assert "2025-06-30\t注销" in out and "2019-03-01\t人数\t职工100" in out
    assert cli.main(["org-event", "--db", db, "--org", "无此单位", "--list"]) == 1
    assert "找不到单位" in capsys.readouterr().err
    with Store.open(store.path) as again:
        assert F.compute(again, F.year(2019))["workers.total"] == 100
        assert F.compute(again, F.year(2026))["orgs.total"] == 0


def test_an_ended_org_leaves_todays_rates_and_reminders(store, org):
    import datetime as dt

    from unionoffice.core.dashboard import reminders
    from unionoffice.core.orgs import query

    update_org(store, org, {"term_start": "2021-01-01", "term_years": 5, "term_expiry": "2026-01-01"})
    before = query.rates(store)["orgs"]
    day = dt.date(2026, 2, 1)
    assert "工会换届" in repr(reminders.reminders(store, today=day))
    lifecycle.record_event(store, org, "注销", "2025-06-30")
    assert query.rates(store)["orgs"] == before - 1
    assert "工会换届" not in repr(reminders.reminders(store, today=day))  # no 换届 nag for a closed org


def test_union_life_figures_count_the_events_of_the_period(store, org):
    other = create_org(store, {"name": "乙公司", "workers": 30, "union_mode": "独立建会", "union_founded": "2016-01-01"})
    third = create_org(store, {"name": "丙公司", "workers": 12})
    lifecycle.record_event(store, org, "换届", "2025-03-10", reason="第三届")
    lifecycle.record_event(store, other, "换届", "2025-11-02")
    lifecycle.record_event(store, other, "更名", "2025-05-01", new_value="乙科技公司")
    lifecycle.record_event(store, third, "注销", "2025-09-30", reason="歇业")
    year = F.compute(store, F.year(2025))
    assert (year["orgs.renewed"], year["orgs.renamed"], year["orgs.cancelled"], year["orgs.moved_out"]) == (2, 1, 1, 0)
    first_half = F.compute(store, F.half_year(2025, 1))
    assert (first_half["orgs.renewed"], first_half["orgs.cancelled"]) == (1, 0)
    assert F.match_label("已完成换届（家）") == "orgs.renewed"
    assert F.match_label("注销") == "orgs.cancelled" and F.match_label("转出") == "orgs.moved_out"
