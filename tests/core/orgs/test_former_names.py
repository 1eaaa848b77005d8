"""更名: an org's names before a rename are kept and still find it — in the search, by name
look-ups (standing, honours) — and an ambiguous or reused former name finds nobody wrongly."""

from __future__ import annotations

import pytest

from unionoffice.core.errors import UserError
from unionoffice.core.honours import records as honours
from unionoffice.core.orgs import lifecycle
from unionoffice.core.orgs.query import search_org_ids
from unionoffice.core.orgs.records import create_org, get_org
from unionoffice.core.union_standing import records as standing


@pytest.fixture
def renamed(store):
    org = create_org(store, {"name": "深圳市华美科技有限公司", "workers": 50, "union_mode": "独立建会",
                             "union_founded": "2018-01-01"})
    create_org(store, {"name": "金桥物流公司", "workers": 10})
    lifecycle.record_event(store, org, "更名", "2025-03-01", reason="工商变更", new_value="深圳市华美智能股份有限公司")
    return org


def test_former_names_are_listed_and_search_finds_them(store, renamed):
    assert get_org(store, renamed)["name"] == "深圳市华美智能股份有限公司"
    assert lifecycle.former_names(store, renamed) == [
        {"name": "深圳市华美科技有限公司", "until": "2025-03-01", "reason": "工商变更"}]
    assert search_org_ids(store, "华美科技") == [renamed]  # only the former name has 科技
    assert search_org_ids(store, "hmkj") == [renamed]  # initials of the former name
    assert search_org_ids(store, "金桥") != [renamed]
    assert search_org_ids(store, "没有这家") == []


def test_look_ups_by_name_take_former_names(store, renamed):
    org, former = lifecycle.org_by_name(store, "深圳市华美科技有限公司")
    assert org["id"] == renamed and former == "深圳市华美科技有限公司"
    assert lifecycle.org_by_name(store, "深圳市华美智能股份有限公司")[1] == ""
    assert lifecycle.org_by_name(store, " 深圳市华美科技有限公司 ")[0]["id"] == renamed  # spaces ignored
    assert lifecycle.org_by_name(store, "不存在公司") is None
    assert standing.org_id_by_name(store, "深圳市华美科技有限公司") == renamed
    with pytest.raises(UserError, match="找不到单位“不存在公司”"):
        standing.org_id_by_name(store, "不存在公司")


def test_a_former_name_taken_again_or_shared_finds_nobody_wrongly(store, renamed):
    other = create_org(store, {"name": "乙公司", "workers": 5})
    lifecycle.record_event(store, other, "更名", "2025-04-01", new_value="乙新公司")
    third = create_org(store, {"name": "丙公司", "workers": 5})
    lifecycle.record_event(store, third, "更名", "2025-05-01", new_value="丁公司")
    lifecycle.record_event(store, third, "更名", "2025-06-01", new_value="乙公司")  # takes 乙公司 again
    assert lifecycle.org_by_name(store, "乙公司")[0]["id"] == third  # today's name wins
    assert lifecycle.org_by_name(store, "丙公司")[0]["id"] == third
    assert "乙公司" not in lifecycle.former_name_index(store)


def test_org_honours_show_on_the_org_by_link_or_by_any_of_its_names(store, renamed):
    honours.create_honour(store, {"category": "工人先锋号", "level": "区", "year": 2024,
                                  "org_name": "深圳市华美科技有限公司"})  # named by its old name: linked
    store.execute("INSERT INTO honours (recipient_kind, category, title, level, year, org_name) "
                  "VALUES ('集体', '示范工会', '示范工会', '区', 2023, '深圳市华美科技有限公司')")  # unlinked
    honours.create_honour(store, {"category": "先进工会", "level": "市", "year": 2026, "org_id": renamed})
    honours.create_honour(store, {"category": "安康杯", "level": "区", "year": 2026, "org_name": "金桥物流公司"})
    shown = [h["category"] for h in honours.honours_of_org(store, renamed)]
    assert shown == ["先进工会", "工人先锋号", "示范工会"]
    assert honours.honours_of_org(store, renamed)[1]["org_id"] == renamed


def test_cli_org_event_takes_a_former_name(store, renamed, capsys):
    from unionoffice import cli

    store.close()
    db = str(store.path)
    assert cli.main(["org-event", "--db", db, "--org", "深圳市华美科技有限公司", "--list"]) == 0
    out = capsys.readouterr().out
    assert "更名" in out and "深圳市华美智能股份有限公司" in out
