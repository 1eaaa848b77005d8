"""Orgs and their unions: validation, uniqueness, federations, recycle bin, contracts."""

from __future__ import annotations

import datetime
import random

import pytest

from unionoffice.core.store import audit
from unionoffice.core.members import records as members
from unionoffice.core.orgs import records as orgs
from unionoffice.core.orgs.demo import _credit_code
from unionoffice.core.errors import UserError, ValueFormatError
from unionoffice.core.values.ids import make_id_number


def code(seed: int = 1) -> str:
    return _credit_code(random.Random(seed), set())


def test_create_normalises_fields(store):
    org_id = orgs.create_org(store, {
        "name": " 深圳市华美科技有限公司 ", "credit_code": code().lower(), "category": "私营企业",
        "workers": "120人", "women_workers": 40.0, "union_mode": "已建会", "union_founded": "2016.5.1",
        "fee_by_tax": "是", "contact_phone": "0755 8888 1234", "term_years": "5",
    })
    org = orgs.get_org(store, org_id)
    assert (org["name"], org["credit_code"], org["category"], org["workers"], org["women_workers"]) == \
        ("深圳市华美科技有限公司", code(), "私营", 120, 40)
    assert (org["union_mode"], org["union_founded"], org["fee_by_tax"], org["contact_phone"], org["term_years"]) == \
        ("独立建会", "2016-05-01", 1, "0755-88881234", 5)
    assert org["name_initials"] == "szshmkjyxgs"
    assert audit.history(store.conn, "orgs", org_id)[0]["action"] == "insert"


@pytest.mark.parametrize(("word", "category"), [
    ("私营企业", "私营"), ("民营", "私营"), ("国企", "国有"), ("中外合资", "外资"), ("台资", "港澳台"),
    ("个体工商户", "个体"), ("事业单位", "事业"), ("民办非企业", "社会组织"), ("", ""),
])
def test_category_words(word, category):
    assert orgs.normalize_category(word) == category


@pytest.mark.parametrize(("data", "field", "words"), [
    ({"name": ""}, "name", "单位名称不能为空"),
    ({"name": "甲", "category": "皮包公司"}, "category", "皮包公司"),
    ({"name": "甲", "union_mode": "不知道"}, "union_mode", "建会方式"),
    ({"name": "甲", "workers": "很多"}, "workers", "职工人数"),
    ({"name": "甲", "workers": -3}, "workers", "不小于 0"),
    ({"name": "甲", "workers": 10, "women_workers": 11}, "women_workers", "不能多于职工人数"),
    ({"name": "甲", "credit_code": "91440303MA5ABCDEFG"}, "credit_code", "统一社会信用代码"),
    ({"name": "甲", "credit_code": 914403031234567890}, "credit_code", "文本"),
    ({"name": "甲", "term_expiry": "2027-02-30"}, "date", "没有 30 日"),
])
def test_validation_messages_name_the_field(store, data, field, words):
    with pytest.raises(ValueFormatError) as info:
        orgs.create_org(store, data)
    assert info.value.field == field and words in str(info.value)
    assert store.counts()["orgs"] == 0


def test_name_and_credit_code_are_unique_among_live_orgs(store):
    first = orgs.create_org(store, {"name": "甲公司", "credit_code": code(1)})
    with pytest.raises(ValueFormatError, match="已有名为“甲公司”"):
        orgs.create_org(store, {"name": "甲公司"})
    with pytest.raises(ValueFormatError, match="已属于“甲公司”"):
        orgs.create_org(store, {"name": "乙公司", "credit_code": code(1)})
    orgs.delete_orgs(store, [first])
    second = orgs.create_org(store, {"name": "甲公司", "credit_code": code(1)})  # the bin frees the name
    with pytest.raises(ValueFormatError, match="已有名为"):
        orgs.restore_orgs(store, [first])
    assert orgs.find_org_by_name(store, " 甲公司 ")["id"] == second


def test_federation_covers_small_orgs(store):
    fed = orgs.create_org(store, {"name": "东湖社区工会联合会", "is_federation": 1, "federation_kind": "社区"})
    assert orgs.get_org(store, fed)["union_mode"] == "独立建会"
    shop = orgs.create_org(store, {"name": "小店", "union_mode": "联合建会", "federation_id": fed})
    assert orgs.is_covered(orgs.get_org(store, shop))
    plain = orgs.create_org(store, {"name": "大厦"})
    with pytest.raises(ValueFormatError, match="不是工联会"):
        orgs.update_org(store, shop, {"federation_id": plain})
    with pytest.raises(ValueFormatError, match="自己"):
        orgs.update_org(store, fed, {"union_mode": "联合建会", "federation_id": fed})
    orgs.update_org(store, shop, {"union_mode": "独立建会", "federation_id": fed})
    assert orgs.get_org(store, shop)["federation_id"] is None  # only 联合建会 points at a federation
    assert orgs.org_choices(store, federations_only=True) == [(fed, "东湖社区工会联合会")]


def test_delete_refused_while_members_or_covered_orgs_remain(store):
    fed = orgs.create_org(store, {"name": "工联会", "is_federation": 1})
    shop = orgs.create_org(store, {"name": "小店", "union_mode": "联合建会", "federation_id": fed})
    member = members.create_member(store, {"name": "张三", "org_id": shop,
                                           "id_number": make_id_number("440303", datetime.date(1990, 1, 1), 1)})
    with pytest.raises(UserError, match="还有 1 名会员"):
        orgs.delete_orgs(store, [shop])
    with pytest.raises(UserError, match="还覆盖着 1 个单位"):
        orgs.delete_orgs(store, [fed])
    members.delete_members(store, [member])
    assert orgs.delete_orgs(store, [shop]) == 1
    assert [h["action"] for h in audit.history(store.conn, "orgs", shop)][-1] == "soft_delete"
    assert orgs.restore_orgs(store, [shop]) == 1
    assert orgs.get_org(store, shop)["deleted_at"] is None


def test_update_is_audited_with_before_and_after(store):
    org_id = orgs.create_org(store, {"name": "甲公司", "workers": 10})
    orgs.update_org(store, org_id, {"workers": 12})
    last = audit.history(store.conn, "orgs", org_id)[-1]
    assert audit.changed_fields(last) == {"workers": (10, 12)}


def test_contracts(store):
    org_id = orgs.create_org(store, {"name": "甲公司"})
    orgs.add_contract(store, org_id, "集体合同", "2024-01-01", "2027-01-01", "50")
    orgs.add_contract(store, org_id, "工资专项", "2025.3.1")
    kinds = [(c["kind"], c["signed_date"], c["expiry_date"], c["workers_covered"]) for c in orgs.contracts_of(store, org_id)]
    assert kinds == [("工资专项", "2025-03-01", None, 0), ("集体合同", "2024-01-01", "2027-01-01", 50)]
    with pytest.raises(ValueFormatError, match="早于"):
        orgs.add_contract(store, org_id, "集体合同", "2024-01-01", "2023-01-01")
    with pytest.raises(ValueFormatError, match="合同类型"):
        orgs.add_contract(store, org_id, "劳动合同", "2024-01-01")
    with pytest.raises(ValueFormatError, match="签订日期"):
        orgs.add_contract(store, org_id, "集体合同", "")
