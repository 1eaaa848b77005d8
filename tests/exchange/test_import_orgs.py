"""Importing a 单位台账: keyed by credit code or name, category words, federations, two-row headers."""

from __future__ import annotations

import datetime

from unionoffice.core.orgs import query as org_query, records as orgs
from unionoffice.core.orgs.demo import _credit_code
from unionoffice.exchange.importing.importer import apply_import, prepare_import


def codes(n):
    import random

    used: set[str] = set()
    rng = random.Random(5)
    return [_credit_code(rng, used) for _ in range(n)]


C = codes(6)


def two_row_header_book(book, rows):
    """职工人数 merged over 合计 / 其中女职工 / 其中农民工, the other headers merged down two rows."""
    sheet = [
        ["东湖街道企业建会情况统计表"] + [None] * 8,
        ["单位名称", "统一社会信用代码", "单位性质", "职工人数", None, None, "建会情况", "所属工联会", "换届时间"],
        [None, None, None, "合计", "其中女职工", "其中农民工", None, None, None],
    ] + rows
    merges = ["A1:I1", "A2:A3", "B2:B3", "C2:C3", "D2:F2", "G2:G3", "H2:H3", "I2:I3"]
    return book("orgs.xlsx", {"台账": sheet}, {"台账": merges})


ROWS = [
    ["深圳市华美科技有限公司", C[0], "私营企业", 120, 40, 30, "独立建会", None, datetime.date(2027, 11, 1)],
    ["深圳市金桥商贸有限公司", C[1], "民营", 12, 5, 2, "联合建会", "东湖社区工会联合会", "2027.6"],
    ["东湖社区工会联合会", None, "社会组织", 0, 0, 0, "独立建会", None, None],
    ["深圳市港岛酒店", C[2], "港资", 60, 30, 10, "未建会", None, None],
    ["深圳市华美科技有限公司", C[3], "私营", 5, 1, 1, "独立建会", None, None],  # row 8: same name
    ["深圳市怪异公司", C[4], "皮包公司", 5, 1, 1, "未建会", None, None],       # row 9: category
    ["深圳市女多公司", C[5], "私营", 5, 9, 1, "未建会", None, None],           # row 10: women > workers
    ["深圳市错码公司", C[0][:17] + ("0" if C[0][17] != "0" else "1"), "私营", 5, 1, 1, "未建会", None, None],
]


def test_two_row_header_is_read_as_one(store, book):
    plan = prepare_import(store, two_row_header_book(book, ROWS), "orgs")
    assert plan.header_row == 3
    assert plan.mapping == {0: "name", 1: "credit_code", 2: "category", 3: "workers", 4: "women_workers",
                            5: "migrant_workers", 6: "union_mode", 7: "federation_id", 8: "term_expiry"}


def test_orgs_preview_and_apply(store, book):
    plan = prepare_import(store, two_row_header_book(book, ROWS), "orgs")
    assert plan.summary() == "新增 4 个单位，更新 0 个，无变化 0 个，拒绝 4 行，新建工联会 0 个"
    reasons = {r.row: (r.field, r.reason) for r in plan.rejected}
    assert reasons[8][0] == "单位名称" and "第 4 行重复" in reasons[8][1]
    assert reasons[9][0] == "单位类别" and "皮包公司" in reasons[9][1]
    assert reasons[10][0] == "女职工人数"
    assert reasons[11][0] == "统一社会信用代码" and "校验位" in reasons[11][1]
    apply_import(store, plan)
    huamei = orgs.find_org_by_name(store, "深圳市华美科技有限公司")
    assert (huamei["category"], huamei["workers"], huamei["women_workers"], huamei["term_expiry"]) == \
        ("私营", 120, 40, "2027-11-01")
    federation = orgs.find_org_by_name(store, "东湖社区工会联合会")
    assert federation["is_federation"] == 1
    jinqiao = orgs.find_org_by_name(store, "深圳市金桥商贸有限公司")
    assert (jinqiao["category"], jinqiao["union_mode"], jinqiao["federation_id"], jinqiao["term_expiry"]) == \
        ("私营", "联合建会", federation["id"], "2027-06-01")
    assert orgs.find_org_by_name(store, "深圳市港岛酒店")["category"] == "港澳台"
    assert [o["name"] for o in org_query.covered_orgs_of(store, federation["id"])] == ["深圳市金桥商贸有限公司"]
    rates = org_query.rates(store)
    assert (rates["orgs"], rates["covered_orgs"]) == (3, 2)


def test_orgs_reimport_changes_nothing(store, book):
    path = two_row_header_book(book, ROWS)
    apply_import(store, prepare_import(store, path, "orgs"))
    audit_rows = store.scalar("SELECT count(*) FROM audit")
    again = prepare_import(store, path, "orgs")
    assert (len(again.new_rows), len(again.updates), again.unchanged, len(again.rejected)) == (0, 0, 4, 4)
    apply_import(store, again)
    assert store.scalar("SELECT count(*) FROM audit") == audit_rows


def test_unknown_federation_is_created_and_listed(store, book):
    rows = [["深圳市小店", None, "个体", 3, 1, 0, "联合建会", "东湖金融大厦楼宇工会联合会", None]]
    plan = prepare_import(store, two_row_header_book(book, rows), "orgs")
    assert plan.new_orgs == ["东湖金融大厦楼宇工会联合会"]
    result = apply_import(store, plan)
    assert result.orgs_created == 1
    fed = orgs.find_org_by_name(store, "东湖金融大厦楼宇工会联合会")
    assert fed["is_federation"] == 1
    assert orgs.find_org_by_name(store, "深圳市小店")["federation_id"] == fed["id"]


def test_federation_named_must_be_a_federation(store, book):
    orgs.create_org(store, {"name": "深圳市华美科技有限公司"})
    rows = [["深圳市小店", None, "个体", 3, 1, 0, "联合建会", "深圳市华美科技有限公司", None]]
    plan = prepare_import(store, two_row_header_book(book, rows), "orgs")
    (rej,) = plan.rejected
    assert rej.field == "所属工联会" and "不是工联会" in rej.reason


def test_credit_code_finds_a_renamed_org_and_updates_it(store, book):
    org_id = orgs.create_org(store, {"name": "深圳市华美有限公司", "credit_code": C[0], "workers": 100})
    rows = [["深圳市华美科技有限公司", C[0], "私营", 130, 40, 30, "独立建会", None, None]]
    plan = prepare_import(store, two_row_header_book(book, rows), "orgs")
    (update,) = plan.updates
    assert update.existing_id == org_id
    assert update.changes["name"] == ("深圳市华美有限公司", "深圳市华美科技有限公司")
    assert update.changes["workers"] == (100, 130)
    apply_import(store, plan)
    org = orgs.get_org(store, org_id)
    assert org["name"] == "深圳市华美科技有限公司" and org["name_initials"].startswith("szshm")


def test_leaving_a_federation_clears_the_link(store, book):
    fed = orgs.create_org(store, {"name": "东湖社区工会联合会", "is_federation": 1})
    org_id = orgs.create_org(store, {"name": "深圳市小店", "union_mode": "联合建会", "federation_id": fed})
    rows = [["深圳市小店", None, "个体", 30, 1, 0, "独立建会", None, None]]
    apply_import(store, prepare_import(store, two_row_header_book(book, rows), "orgs"))
    org = orgs.get_org(store, org_id)
    assert (org["union_mode"], org["federation_id"]) == ("独立建会", None)
