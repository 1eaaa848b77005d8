"""The org register's search, filters, list rows and live 建会率 / 入会率."""

from __future__ import annotations

import datetime

import pytest

from unionoffice.core.values import dates
from unionoffice.core.members import records as members
from unionoffice.core.orgs import records as orgs
from unionoffice.core.values.ids import make_id_number
from unionoffice.core.orgs.query import (
    OrgFilter,
    communities,
    covered_orgs_of,
    orgs_by_ids,
    rates,
    search_org_ids,
)

TODAY = datetime.date(2026, 11, 24)


@pytest.fixture
def register(store, monkeypatch):
    monkeypatch.setattr(dates, "today", lambda: TODAY)
    fed = orgs.create_org(store, {"name": "东湖社区工会联合会", "is_federation": 1, "community": "东湖社区"})
    ids = {
        "fed": fed,
        "huamei": orgs.create_org(store, {
            "name": "深圳市华美科技有限公司", "category": "私营", "community": "东湖社区", "workers": 100, "union_mode": "独立建会",
            "term_expiry": "2027-01-10"}),
        "jinqiao": orgs.create_org(store, {
            "name": "深圳市金桥商贸有限公司", "category": "国有", "community": "桂园社区", "workers": 20,
            "union_mode": "联合建会", "federation_id": fed}),
        "shop": orgs.create_org(store, {"name": "曾记小吃店", "category": "个体", "community": "桂园社区",
                                        "workers": 5, "union_mode": "未建会", "term_expiry": "2024-01-01"}),
        "old": orgs.create_org(store, {"name": "老厂", "workers": 30, "union_mode": "独立建会",
                                       "term_expiry": "2026-06-30"}),
    }
    for n, (org, status) in enumerate([("huamei", "正常"), ("huamei", "保留"), ("huamei", "退会"),
                                       ("jinqiao", "正常")]):
        mid = members.create_member(store, {"name": f"会员{n}", "org_id": ids[org],
                                            "id_number": make_id_number("440303", datetime.date(1990, 1, 1), n)})
        if status != "正常":
            members.change_status(store, mid, status, "2026-01-01", "原因")
    return ids


def names(store, ids):
    return [o["name"] for o in orgs_by_ids(store, ids)]


def test_search_by_characters_pinyin_initials(store, register):
    assert names(store, search_org_ids(store, "金桥")) == ["深圳市金桥商贸有限公司"]
    assert names(store, search_org_ids(store, "jinqiao")) == ["深圳市金桥商贸有限公司"]
    assert names(store, search_org_ids(store, "hm")) == ["深圳市华美科技有限公司"]
    assert names(store, search_org_ids(store, "zjxcd")) == ["曾记小吃店"]  # 曾 read as a surname
    assert names(store, search_org_ids(store, "深圳 商贸")) == ["深圳市金桥商贸有限公司"]
    assert search_org_ids(store, "不存在") == []


def test_search_by_credit_code_fragment(store, register):
    import random

    from unionoffice.core.orgs.demo import _credit_code

    code = _credit_code(random.Random(3), set())
    orgs.update_org(store, register["shop"], {"credit_code": code})
    assert names(store, search_org_ids(store, code[-6:].lower())) == ["曾记小吃店"]


def test_results_in_pinyin_order(store, register):
    assert names(store, search_org_ids(store)) == [
        "东湖社区工会联合会", "老厂", "深圳市华美科技有限公司", "深圳市金桥商贸有限公司", "曾记小吃店"]


def test_filters(store, register):
    def found(**kw):
        return names(store, search_org_ids(store, "", OrgFilter(**kw)))

    assert found(community="桂园社区") == ["深圳市金桥商贸有限公司", "曾记小吃店"]
    assert found(category="国有") == ["深圳市金桥商贸有限公司"]
    assert found(union_mode="未建会") == ["曾记小吃店"]
    assert found(federations=True) == ["东湖社区工会联合会"]
    assert "东湖社区工会联合会" not in found(federations=False)
    # expiring within 60 days, or expired within the last year (2024 is too long ago to remind)
    assert found(term_expiring_days=60) == ["老厂", "深圳市华美科技有限公司"]
    assert found(term_expiring_days=30) == ["老厂"]
    orgs.delete_orgs(store, [register["old"]])
    assert found(recycle_bin=True) == ["老厂"]
    assert found(term_expiring_days=30) == []


def test_list_rows_carry_counts_coverage_and_federation(store, register):
    rows = {o["name"]: o for o in orgs_by_ids(store, [register["huamei"], register["jinqiao"], register["shop"]])}
    huamei, jinqiao, shop = rows["深圳市华美科技有限公司"], rows["深圳市金桥商贸有限公司"], rows["曾记小吃店"]
    assert (huamei["member_count"], huamei["covered"], huamei["federation_name"]) == (2, True, "")  # 退会 not counted
    assert (jinqiao["member_count"], jinqiao["covered"], jinqiao["federation_name"]) == (1, True, "东湖社区工会联合会")
    assert (shop["member_count"], shop["covered"]) == (0, False)
    assert orgs_by_ids(store, []) == []


def test_rates_are_live_and_exclude_federations(store, register):
    r = rates(store)
    assert (r["orgs"], r["covered_orgs"], r["workers"], r["members"]) == (4, 3, 155, 3)
    assert r["unionisation_rate"] == pytest.approx(0.75)
    assert r["membership_rate"] == pytest.approx(3 / 155)
    orgs.update_org(store, register["shop"], {"union_mode": "独立建会"})
    assert rates(store)["unionisation_rate"] == 1.0


def test_rates_of_an_empty_office(store):
    assert rates(store) == {"orgs": 0, "covered_orgs": 0, "unionisation_rate": None, "workers": 0,
                            "members": 0, "membership_rate": None}


def test_communities_and_covered_orgs(store, register):
    assert communities(store) == ["东湖社区", "桂园社区"]
    assert [o["name"] for o in covered_orgs_of(store, register["fed"])] == ["深圳市金桥商贸有限公司"]
    assert covered_orgs_of(store, register["huamei"]) == []
