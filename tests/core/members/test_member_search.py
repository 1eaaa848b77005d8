"""Members search as you type against a plain-Python reading of its rules, on a demo roll.

The rules (DESIGN §4, §10): every space-separated term must match; digits (and X) from the third
on are a fragment of the ID number or the phone (one with an X or over 11 digits: the ID only);
Latin letters start the full pinyin or the surname-aware initials of a live member; anything else
is characters in the name. Matches come in roll order: pinyin of the name, then id.
"""

from __future__ import annotations

import datetime
import random
import sqlite3

import pytest

from unionoffice.core.demo import office as demo
from unionoffice.core.members import records as members
from unionoffice.core.store import migrations
from unionoffice.core.members.records import MemberFilter, search_member_ids
from unionoffice.core.store.connection import Store


@pytest.fixture(scope="module")
def office(tmp_path_factory):
    path = tmp_path_factory.mktemp("search") / "office.db"
    with Store.open(path) as store:
        demo.generate_demo(store, members=400, seed=7, today=datetime.date(2026, 11, 24))
        with store.atomic():
            ids = search_member_ids(store)
            for i, member_id in enumerate(ids[::9]):  # landlines, with and without extension
                phone = f"0755-8822{i:04d}" + ("-12" if i % 2 else "")
                store.execute("UPDATE members SET phone = ? WHERE id = ?", (phone, member_id))
            store.execute("UPDATE members SET phone = '' WHERE id % 11 = 0")
        members.delete_members(store, ids[5::23])
    store = Store.open(path)
    yield store
    store.close()


def _term_matches(member: dict, term: str) -> bool:
    bare = term.replace("x", "").replace("X", "").replace("-", "")
    if term.isascii() and bare.isdigit() and not term.startswith("-"):
        key = term.upper()
        if len(key) < 3:
            return True
        if "-" in key:  # only a landline is stored with a dash
            return key in member["phone"]
        in_id = key in (member["id_number"] or "")
        return in_id or ("X" not in key and len(key) <= 11 and key in member["phone"])
    if term.isascii() and term.isalpha():
        key = term.lower()
        starts = member["name_pinyin"].startswith(key) or member["name_initials"].startswith(key)
        return starts and member["deleted_at"] is None
    return term in member["name"]


def roll(store: Store) -> list[dict]:
    return [dict(r) for r in store.query("SELECT * FROM members")]


def expected_ids(rows: list[dict], text: str, filt: MemberFilter) -> list[int]:
    chosen = []
    for m in rows:
        if (m["deleted_at"] is not None) != filt.recycle_bin:
            continue
        if filt.org_id is not None and m["org_id"] != filt.org_id:
            continue
        if (filt.status and m["status"] != filt.status) or (filt.female and m["gender"] != "女"):
            continue
        if (filt.migrant and not m["is_migrant"]) or (filt.retired and not m["is_retired"]):
            continue
        if filt.model_worker and not m["model_worker"]:
            continue
        if all(_term_matches(m, term) for term in text.split()):
            chosen.append(m)
    chosen.sort(key=lambda m: (m["name_pinyin"], m["id"]))
    undashed = _undashed(text)
    if not chosen and undashed != text:  # a mobile typed with dashes: tried again without them
        return expected_ids(rows, undashed, filt)
    return [m["id"] for m in chosen]


def _undashed(text: str) -> str:
    """The text with dashes out of its digit terms, if each still has 3 characters; else as given."""
    terms = text.split()
    fragment = [t.isascii() and t.replace("x", "").replace("X", "").replace("-", "").isdigit()
                and not t.startswith("-") and len(t) >= 3 for t in terms]
    out = [t.replace("-", "") if f else t for t, f in zip(terms, fragment)]
    return " ".join(out) if all(len(t) >= 3 for t, f in zip(out, fragment) if f) else text


def _queries(store: Store) -> list[str]:
    """What clerks type: pieces of real names, pinyin, initials, IDs and phones, alone and combined."""
    rng = random.Random(3)
    rows = store.query("SELECT name, name_pinyin, name_initials, id_number, phone FROM members ORDER BY id")
    out = ["", "13", "x", "z", "zh", "ly", "wang", "X", "440", "138", "0755", "8822", "-12", "0755-8822", "%", "a*"]
    for r in rng.sample(rows, 25):
        start = rng.randrange(0, 12)
        out += [r["name"][-1], r["name"][:2], r["name_pinyin"][:rng.randrange(1, 6)], r["name_initials"],
                r["id_number"][start:start + rng.randrange(3, 9)], r["id_number"][-4:].lower(),
                r["phone"][-4:], f"{r['name_initials'][:1]} {r['id_number'][-3:]}",
                f"{r['phone'][3:7]} {r['name'][-1]}", f"{r['id_number'][6:10]} {r['phone'][-3:]}"]
    return out


def _filters(store: Store) -> list[MemberFilter]:
    org = store.scalar("SELECT org_id FROM members GROUP BY org_id ORDER BY count(*) DESC LIMIT 1")
    return [MemberFilter(), MemberFilter(female=True), MemberFilter(org_id=org), MemberFilter(status="正常"),
            MemberFilter(migrant=True, retired=True), MemberFilter(model_worker=True), MemberFilter(recycle_bin=True)]


def test_search_follows_the_rules_for_every_query_and_filter(office):
    checked = found = 0
    rows = roll(office)
    for filt in _filters(office):
        for text in _queries(office):
            got = search_member_ids(office, text, filt)
            assert got == expected_ids(rows, text, filt), (text, filt)
            checked, found = checked + 1, found + bool(got)
    assert found > checked // 3  # the queries really find people


def test_search_follows_the_rules_inside_a_transaction(office):
    rows = roll(office)
    with office.atomic():
        for text in ["440", "138 z", "0755", "8822 王"]:
            assert search_member_ids(office, text) == expected_ids(rows, text, MemberFilter())


def test_pinyin_search_reads_only_the_covering_indexes(office):
    plan = " / ".join(r[3] for r in office.query(
        "EXPLAIN QUERY PLAN " + members._PINYIN_MATCHES.format(cols="id, name_pinyin") + " ORDER BY 2, 1",
        ["x*", "x*", "x*"]))
    assert "COVERING INDEX members_pinyin" in plan and "COVERING INDEX members_initials" in plan, plan


def _version_5_file(path, analysed: bool) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN")
    for step in migrations.steps()[:5]:
        step.upgrade(conn)
    conn.execute("PRAGMA user_version = 5")
    conn.execute("INSERT INTO app_session(id, user) VALUES (1, '旧版')")
    conn.execute("INSERT INTO members(name, name_pinyin, name_initials) VALUES ('曾国藩', 'zengguofan', 'zgf')")
    conn.execute("COMMIT")
    if analysed:
        conn.execute("ANALYZE")
    conn.close()


@pytest.mark.parametrize("analysed", [False, True])
def test_migration_6_rebuilds_the_name_indexes_and_keeps_statistics(tmp_path, analysed):
    path = tmp_path / "v5.db"
    _version_5_file(path, analysed)
    with Store.open(path) as store:
        columns = {name: [r["name"] for r in store.query(f"PRAGMA index_info({name})")]
                   for name in ("members_pinyin", "members_initials")}
        assert columns == {"members_pinyin": ["name_pinyin", "id", "deleted_at"],
                           "members_initials": ["name_initials", "name_pinyin", "deleted_at"]}
        has_stats = store.scalar("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'")
        stats = store.query("SELECT idx FROM sqlite_stat1 WHERE tbl = 'members'") if has_stats else []
        assert {"members_pinyin", "members_initials"} <= {r["idx"] for r in stats} if analysed else not stats
        assert search_member_ids(store, "zgf") == [1]


def test_a_landline_typed_with_its_dash_finds_the_member(office):
    phone = office.scalar("SELECT phone FROM members WHERE phone LIKE '0755-8822%' AND deleted_at IS NULL LIMIT 1")
    got = search_member_ids(office, phone[:9])  # '0755-8822'
    assert got and all("0755-8822" in office.scalar("SELECT phone FROM members WHERE id = ?", (i,)) for i in got)
    assert office.scalar("SELECT id FROM members WHERE phone = ?", (phone,)) in search_member_ids(office, phone)


def test_a_mobile_typed_with_dashes_finds_the_member(office):
    phone = office.scalar("SELECT phone FROM members WHERE phone GLOB '1[3-9]*' AND length(phone) = 11 "
                          "AND deleted_at IS NULL LIMIT 1")
    member = office.scalar("SELECT id FROM members WHERE phone = ?", (phone,))
    assert member in search_member_ids(office, f"{phone[:3]}-{phone[3:7]}-{phone[7:]}")
    assert member in search_member_ids(office, f"{phone[3:7]}-{phone[7:]}")
    assert search_member_ids(office, "1-2") == []  # two digits once the dash is out: too short, not the roll
