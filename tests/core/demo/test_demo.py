"""The demo office is valid by the program's own rules, so it can stand in for real data."""

from datetime import date

import pytest

from unionoffice.core.demo import office as demo
from unionoffice.core.values import ids, names
from unionoffice.core.store.connection import Store


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory):
    s = Store.open(tmp_path_factory.mktemp("demo") / "demo.db")
    demo.generate_demo(s, members=1500, seed=11, today=date(2026, 11, 24))
    yield s
    s.close()


def test_every_member_id_and_org_credit_code_is_valid(demo_store):
    member_ids = [r[0] for r in demo_store.query("SELECT id_number FROM members")]
    assert len(member_ids) == 1500 and len(set(member_ids)) == 1500
    assert all(ids.is_valid_id_number(i) for i in member_ids)
    codes = [r[0] for r in demo_store.query("SELECT credit_code FROM orgs WHERE credit_code IS NOT NULL")]
    assert codes and all(ids.is_valid_credit_code(c) for c in codes)


def test_gender_and_birth_agree_with_the_id(demo_store):
    for row in demo_store.query("SELECT id_number, gender, birth_date FROM members LIMIT 300"):
        assert ids.id_gender(row["id_number"]) == row["gender"]
        assert ids.id_birth_date(row["id_number"]).isoformat() == row["birth_date"]


def test_members_belong_to_orgs_with_a_union(demo_store):
    uncovered = demo_store.scalar(
        "SELECT count(*) FROM members m JOIN orgs o ON o.id = m.org_id WHERE o.union_mode = '未建会'")
    assert uncovered == 0
    assert demo_store.scalar("SELECT count(*) FROM members WHERE org_id IS NULL") == 0


def test_federations_cover_the_orgs_that_joined_them(demo_store):
    joined = demo_store.query("SELECT federation_id FROM orgs WHERE union_mode = '联合建会' AND is_federation = 0")
    assert joined and all(r[0] for r in joined)
    fed_ids = {r[0] for r in demo_store.query("SELECT id FROM orgs WHERE is_federation = 1")}
    assert {r[0] for r in joined} <= fed_ids


def test_search_keys_are_stored_for_every_name(demo_store):
    for row in demo_store.query("SELECT name, name_pinyin, name_initials FROM members LIMIT 200"):
        assert names.pinyin_keys(row["name"]) == (row["name_pinyin"], row["name_initials"])


def test_every_member_has_a_joining_event_and_an_audit_row(demo_store):
    assert demo_store.scalar("SELECT count(*) FROM member_events WHERE kind = '入会'") == 1500
    assert demo_store.scalar("SELECT count(*) FROM audit WHERE table_name = 'members' AND action = 'insert'") == 1500


def test_office_name_is_set(demo_store):
    assert demo_store.office_name == demo.DEMO_OFFICE


def test_an_org_that_ended_has_no_head_count_after_its_end(demo_store):
    """An org 注销 (or 迁出) in a past year: its 历年人数 stop there — no row dated today."""
    from unionoffice.core.orgs.lifecycle import ended_on, headcounts

    ended = [r[0] for r in demo_store.query(
        "SELECT DISTINCT org_id FROM org_events WHERE kind IN ('注销', '迁出', '合并')")]
    assert len(ended) >= 3
    for org_id in ended:
        end = ended_on(demo_store, org_id)
        counts = headcounts(demo_store, org_id)
        assert counts and all(c["date"] <= end for c in counts), (org_id, end, counts[-1])
    live = demo_store.scalar("SELECT min(id) FROM orgs WHERE is_federation = 0 AND id NOT IN "
                             f"({','.join(map(str, ended))})")
    assert headcounts(demo_store, live)[-1]["date"] == date.today().isoformat()  # a live org keeps today's
    assert not demo_store.scalar("SELECT count(*) FROM audit WHERE table_name = 'org_headcounts' "
                                 "AND action = 'delete'")
