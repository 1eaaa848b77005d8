"""Members a roll puts into units the ledger records as 未建会: the preview asks the clerk to look."""

from __future__ import annotations

from exchange_books import person_id
from test_roll_cli import cli

from unionoffice.core.orgs.records import create_org
from unionoffice.core.store.connection import Store
from unionoffice.exchange.importing.importer import apply_import, prepare_import


def _rows(*orgs):
    return [[n, f"会员{n}", "男", person_id(n), None, org, None] for n, org in enumerate(orgs, start=1)]


def test_members_into_a_unit_without_a_union_are_pointed_out(store, roll):
    create_org(store, {"name": "甲公司", "workers": 30, "union_mode": "独立建会"})
    create_org(store, {"name": "乙商行", "workers": 8, "union_mode": "未建会"})
    plan = prepare_import(store, roll(_rows("甲公司", "乙商行", "乙商行")), "members")
    notes = [n for n in plan.notes if "未建会" in n]
    assert notes == ["2 名会员所在的单位在单位台账中登记为“未建会”（乙商行 2 人）：如果这些单位已经建会，"
                     "请在单位台账中改正建会方式；否则请核对这些会员的所在单位"]
    assert len(plan.new_rows) == 3  # a look, not a refusal
    apply_import(store, plan)
    assert store.scalar("SELECT count(*) FROM members") == 3


def test_no_word_when_every_unit_has_a_union(store, roll):
    create_org(store, {"name": "甲公司", "workers": 30, "union_mode": "联合建会"})
    plan = prepare_import(store, roll(_rows("甲公司", "新开的丙公司")), "members")
    assert not [n for n in plan.notes if "未建会" in n]  # a unit the roll creates is 待补全, said elsewhere


def test_the_cli_says_it_too(tmp_path, roll):
    db = tmp_path / "office.db"
    with Store.open(db) as store:
        create_org(store, {"name": "乙商行", "workers": 8, "union_mode": "未建会"})
    code, out, err = cli("import", "members", roll(_rows("乙商行")), "--db", db, "--dry-run")
    assert code == 0, err
    assert "注意：1 名会员所在的单位在单位台账中登记为“未建会”（乙商行 1 人）" in out
