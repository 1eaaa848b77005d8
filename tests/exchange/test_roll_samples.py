"""The sample rolls the street sent (tests/data, copied from ../shared/samples)."""

from __future__ import annotations

from pathlib import Path

from unionoffice.core.members import records as members
from unionoffice.core.orgs import records as orgs
from unionoffice.exchange.importing.importer import apply_import, prepare_import

DATA = Path(__file__).resolve().parent.parent / "data"


def test_members_sample_60_members_and_no_total(store):
    plan = prepare_import(store, DATA / "members-sample.xlsx", "members")
    assert (plan.sheet, plan.header_row) == ("会员名册", 3)
    assert (len(plan.new_rows), len(plan.rejected)) == (60, 0)
    assert plan.skipped_totals == [("会员名册", 64)]
    result = apply_import(store, plan)
    assert (result.imported, result.rejected, result.orgs_created) == (60, 0, 12)
    assert store.counts()["members"] == 60
    assert store.scalar("SELECT count(*) FROM members WHERE name LIKE '%合计%'") == 0
    assert store.scalar("SELECT count(*) FROM members WHERE joined_date IS NULL") == 0
    again = prepare_import(store, DATA / "members-sample.xlsx", "members")
    assert (len(again.new_rows), len(again.updates), again.unchanged) == (0, 0, 60)


def test_orgs_sample_then_members_sample_joins_them(store):
    plan = prepare_import(store, DATA / "orgs-sample.xlsx", "orgs")
    assert (len(plan.new_rows), len(plan.rejected)) == (12, 0)
    apply_import(store, plan)
    categories = {r[0] for r in store.query("SELECT DISTINCT category FROM orgs")}
    assert categories <= set(orgs.CATEGORIES) and "私营" in categories
    plan = prepare_import(store, DATA / "members-sample.xlsx", "members")
    assert plan.new_orgs == []  # every member's org is in the 台账 already
    apply_import(store, plan)
    assert store.scalar("SELECT count(*) FROM members WHERE org_id IS NULL") == 0
    again = prepare_import(store, DATA / "orgs-sample.xlsx", "orgs")
    assert again.unchanged == 12


def test_sample_member_is_found_by_pinyin(store):
    apply_import(store, prepare_import(store, DATA / "members-sample.xlsx", "members"))
    found = members.members_by_ids(store, members.search_member_ids(store, "xieting"))
    assert "谢婷燕" in [m["name"] for m in found]
