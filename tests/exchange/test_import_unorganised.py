"""Members a roll puts into units that have ended (注销/迁出/合并) or that the ledger records as
未建会: the preview (window and CLI) asks the clerk to look, naming every unit; nothing is refused."""

from __future__ import annotations

from exchange_books import person_id
from test_roll_cli import cli

from unionoffice.core.orgs.lifecycle import record_event
from unionoffice.core.orgs.records import create_org
from unionoffice.core.store.connection import Store
from unionoffice.exchange.importing.importer import apply_import, prepare_import


def _rows(*orgs):
    return [[n, f"会员{n}", "男", person_id(n), None, org, None] for n, org in enumerate(orgs, start=1)]


def _notes(plan, word):
    return [n for n in plan.notes if word in n]


def test_members_into_a_unit_without_a_union_are_pointed_out(store, roll):
    create_org(store, {"name": "甲公司", "workers": 30, "union_mode": "独立建会"})
    create_org(store, {"name": "乙商行", "workers": 8, "union_mode": "未建会"})
    plan = prepare_import(store, roll(_rows("甲公司", "乙商行", "乙商行")), "members")
    assert _notes(plan, "未建会") == [
        "2 名会员所在的单位在单位台账中登记为“未建会”（乙商行 2 人）：如果这些单位已经建会，"
        "请在单位台账中改正建会方式；否则请核对这些会员的所在单位；这些行仍会照常导入"]
    assert len(plan.new_rows) == 3  # a look, not a refusal
    apply_import(store, plan)
    assert store.scalar("SELECT count(*) FROM members") == 3


def test_members_into_a_unit_that_has_ended_are_pointed_out_not_as_未建会(store, roll):
    """A deregistered company: the advice is to check where the member works now, not to fix
    the 建会方式 — even when the ledger also says 未建会."""
    gone = create_org(store, {"name": "丙贸易公司", "workers": 5, "union_mode": "未建会"})
    moved = create_org(store, {"name": "丁科技公司", "workers": 9, "union_mode": "独立建会"})
    record_event(store, gone, "注销", "2022-03-21")
    record_event(store, moved, "迁出", "2023-06-30")
    plan = prepare_import(store, roll(_rows("丙贸易公司", "丁科技公司", "丁科技公司")), "members")
    assert _notes(plan, "已注销") == [
        "3 名会员所在的单位已注销或迁出（丁科技公司（迁出 2023-06-30） 2 人、丙贸易公司（注销 2022-03-21） 1 人）："
        "这些单位已不在册，请核对会员现在的所在单位；这些行仍会照常导入"]
    assert not _notes(plan, "未建会")
    assert len(plan.new_rows) == 3


def test_every_unit_is_named_up_to_thirty(store, roll):
    names = [f"第{n}号未建会商店" for n in range(1, 24)]
    for name in names:
        create_org(store, {"name": name, "workers": 3, "union_mode": "未建会"})
    plan = prepare_import(store, roll(_rows(*names)), "members")
    (note,) = _notes(plan, "未建会")
    assert note.startswith("23 名会员") and all(f"{name} 1 人" in note for name in names) and "等共" not in note


def test_no_word_when_every_unit_has_a_union(store, roll):
    create_org(store, {"name": "甲公司", "workers": 30, "union_mode": "联合建会"})
    plan = prepare_import(store, roll(_rows("甲公司", "新开的丙公司")), "members")
    assert not _notes(plan, "未建会") and not _notes(plan, "已注销")  # a new unit is 待补全, said elsewhere


def test_the_cli_says_it_too(tmp_path, roll):
    db = tmp_path / "office.db"
    with Store.open(db) as store:
        create_org(store, {"name": "乙商行", "workers": 8, "union_mode": "未建会"})
    code, out, err = cli("import", "members", roll(_rows("乙商行")), "--db", db, "--dry-run")
    assert code == 0, err
    assert "注意：1 名会员所在的单位在单位台账中登记为“未建会”（乙商行 1 人）" in out


def test_a_membership_rate_over_100_percent_is_explained(store, roll):
    """Three members into a unit whose ledger says 2 workers: 150% is not taken for good news."""
    create_org(store, {"name": "甲公司", "workers": 2, "union_mode": "独立建会"})
    plan = prepare_import(store, roll(_rows("甲公司", "甲公司", "甲公司", "新开的丙公司")), "members")
    assert "入会率 0.0% → 150.0%；入会率超过 100%，说明单位台账的职工人数少于会员" in plan.rates_note


def test_a_rate_below_100_percent_has_no_such_word(store, roll):
    create_org(store, {"name": "甲公司", "workers": 30, "union_mode": "独立建会"})
    plan = prepare_import(store, roll(_rows("甲公司", "新开的丙公司")), "members")
    assert "→ 3.3%" in plan.rates_note and "超过 100%" not in plan.rates_note
