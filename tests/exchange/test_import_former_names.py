"""A roll or ledger naming an org by its name before a 更名 matches the renamed org: no new 待补全
org, today's name kept, and the preview says 按曾用名匹配：旧名 → 新名."""

from __future__ import annotations

import datetime

from exchange_books import ROLL_HEADER, person_id
from unionoffice.core.orgs import lifecycle
from unionoffice.core.orgs.records import create_org, get_org
from unionoffice.exchange.importing.importer import apply_import, prepare_import

OLD, NEW = "深圳市华美科技有限公司", "深圳市华美智能股份有限公司"
NOTE = f"按曾用名匹配：{OLD} → {NEW}"


def _renamed(store, **extra):
    org = create_org(store, {"name": OLD, "workers": 50, "union_mode": "独立建会", **extra})
    lifecycle.record_event(store, org, "更名", "2025-03-01", new_value=NEW)
    return org


def test_member_roll_naming_the_former_name_joins_the_renamed_org(store, roll):
    org = _renamed(store)
    path = roll([[1, "张三", "男", person_id(1), None, OLD, datetime.date(2019, 5, 1)],
                 [2, "李四", "女", person_id(2, female=True), None, f" {OLD}", None],
                 [3, "王五", "男", person_id(3), None, "另一家新公司", None]])
    plan = prepare_import(store, path, "members")
    assert plan.new_orgs == ["另一家新公司"]  # not the old name
    assert NOTE in plan.notes
    apply_import(store, plan)
    joined = store.query("SELECT name FROM members WHERE org_id = ? ORDER BY name", (org,))
    assert [r[0] for r in joined] == ["张三", "李四"]
    assert get_org(store, org)["name"] == NEW
    again = prepare_import(store, path, "members")
    assert (len(again.new_rows), len(again.updates), again.new_orgs) == (0, 0, [])


def test_org_ledger_naming_the_former_name_updates_without_renaming_back(store, book):
    org = _renamed(store, credit_code="")
    sheet = [["单位名称", "职工人数", "建会情况"], [OLD, 80, "独立建会"]]
    plan = prepare_import(store, book("orgs.xlsx", {"台账": sheet}), "orgs")
    assert not plan.new_rows and len(plan.updates) == 1
    assert plan.updates[0].changes == {"workers": (50, 80)}
    assert NOTE in plan.notes
    assert not any("没有列出" in n for n in plan.notes)  # the renamed org is listed, by its old name
    apply_import(store, plan)
    assert get_org(store, org)["name"] == NEW and get_org(store, org)["workers"] == 80


def test_tax_list_naming_the_former_name_pays_the_renamed_org(store, book):
    from unionoffice.exchange.importing.external_lists import apply_list, prepare_list

    org = _renamed(store)
    header = ["序号", "纳税人识别号", "纳税人名称", "征收项目", "计费依据", "代收金额（元）", "入库日期"]
    path = book("代收.xlsx", {"明细": [header, [1, None, OLD, "工会经费", 100000, 2000, datetime.date(2026, 3, 10)]]})
    plan = prepare_list(store, path, "tax_list")
    assert plan.rejected == [] and len(plan.rows) == 1 and plan.rows[0]["org_id"] == org
    assert NOTE in plan.notes
    apply_list(store, plan)
    assert prepare_list(store, path, "tax_list").unchanged == 1


def test_ledger_with_credit_code_and_former_name_never_renames_back(store, book):
    from unionoffice.core.values.ids import credit_code_check_char

    first17 = "91440300MA5AAAAA1"
    code = first17 + credit_code_check_char(first17)
    org = _renamed(store, credit_code=code)
    sheet = [["单位名称", "统一社会信用代码", "职工人数"], [OLD, code, 50]]
    plan = prepare_import(store, book("orgs.xlsx", {"台账": sheet}), "orgs")
    assert (len(plan.new_rows), len(plan.updates), plan.unchanged) == (0, 0, 1)
    assert NOTE in plan.notes
    assert get_org(store, org)["name"] == NEW
