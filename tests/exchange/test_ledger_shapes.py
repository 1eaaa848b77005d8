"""单位台账 nobody on the team had seen (ledgershapes.py), imported through the CLI as a clerk would.

For each ledger: the printed counts are exactly the expected ones, the report lists every rejected
row and nothing else, no 合计/小计/填表人/其中 line became an org, stored values are the clean
ones, federation links point where the sheet says, a second import changes nothing (not even the
audit log), and `unionoffice export orgs` of the result imports back with nothing to change.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

import ledgershapes
from test_roll_shapes import COUNTS, NOT_NAMES, audit_count, db_names, imported, report_rows, run_cli, stored

SHAPES = {s.key: s for s in ledgershapes.all_shapes()}
# An org named after a ledger's own furniture: 其中：已建会单位, 建会率：71.4%, 统计时间 …
NOT_ORGS = {"orgs": ("其中", "建会率", "统计", "填报", "截至", "序号")}


def federation_name(db: Path, org: str) -> str | None:
    with sqlite3.connect(db) as conn:
        row = conn.execute("SELECT f.name FROM orgs o LEFT JOIN orgs f ON f.id = o.federation_id "
                           "WHERE o.name = ? AND o.deleted_at IS NULL", (org,)).fetchone()
    assert row is not None, f"{org} not stored"
    return row[0]


def member_org(db: Path, member: str) -> str | None:
    with sqlite3.connect(db) as conn:
        row = conn.execute("SELECT o.name FROM members m LEFT JOIN orgs o ON o.id = m.org_id WHERE m.name = ?",
                           (member,)).fetchone()
    assert row is not None, f"{member} not stored"
    return row[0]


@pytest.mark.parametrize("key", list(SHAPES))
def test_ledger_imports_exactly_as_expected(key, tmp_path, capsys):
    shape = SHAPES[key]
    expect = shape.book.expect
    db = tmp_path / "office.db"
    for before in shape.before:
        imported(capsys, before, db, tmp_path, tmp_path / f"before-{before.key}.xlsx")
    report = tmp_path / "问题清单.xlsx"
    counts, out = imported(capsys, shape, db, tmp_path, report)
    assert counts[:4] == (expect.imported, expect.updated, expect.unchanged, len(expect.rejected)), out
    assert counts[4] == expect.orgs_created, out
    for text in expect.says:
        assert text in out, out

    rows = report_rows(report)
    assert {(r[0], r[1]): r[2] for r in rows} == expect.rejected, out
    assert len(rows) == len(expect.rejected)
    for r in rows:
        assert r[3] and r[3].strip(), f"no reason for row {r[1]}"
        assert any(v not in (None, "") for v in r[4:]), f"report row {r[1]} lost its original values"

    table = "members" if shape.kind == "members" else "orgs"
    names = db_names(db, table)
    furniture = [n for n in names if n not in expect.names and
                 (NOT_NAMES.search(n) or any(w in n for w in NOT_ORGS.get(table, ())))]
    assert not furniture, names
    assert expect.names <= set(names), expect.names - set(names)
    assert not expect.gone & set(names)
    for name, values in expect.stored.items():
        row = stored(db, "orgs" if name in expect.federation_of or table == "orgs" else table, name)
        assert {k: row[k] for k in values} == values, name
    for org, federation in expect.federation_of.items():
        assert federation_name(db, org) == federation, org
    for member, org in expect.member_org.items():
        assert member_org(db, member) == org, member

    audit_before = audit_count(db)
    again, out = imported(capsys, shape, db, tmp_path, tmp_path / "again.xlsx")
    settled = expect.imported + expect.updated + expect.unchanged
    assert again == (0, 0, settled, len(expect.rejected), 0), out
    assert audit_count(db) == audit_before


@pytest.mark.parametrize("key", [k for k, s in SHAPES.items() if s.kind == "orgs"])
def test_exported_ledger_reads_back_unchanged(key, tmp_path, capsys):
    """The office's own export is a ledger too: into the same file nothing changes, into a new file
    every org comes back with the same values and federation links."""
    shape = SHAPES[key]
    db = tmp_path / "office.db"
    for before in [*shape.before, shape]:
        imported(capsys, before, db, tmp_path, tmp_path / f"r-{before.key}.xlsx")
    out_path = tmp_path / "导出.xlsx"
    code, _, err = run_cli(capsys, "export", "orgs", "--db", db, "--out", out_path)
    assert code == 0, err
    n = len(db_names(db, "orgs"))
    code, out, err = run_cli(capsys, "import", "orgs", out_path, "--db", db, "--report", tmp_path / "x.xlsx")
    assert code == 0, err
    assert COUNTS.search(out).groups() == ("0", "0", str(n), "0", "0"), out

    fresh = tmp_path / "fresh.db"
    code, out, err = run_cli(capsys, "import", "orgs", out_path, "--db", fresh, "--report", tmp_path / "y.xlsx")
    assert code == 0 and COUNTS.search(out).groups() == (str(n), "0", "0", "0", "0"), out
    columns = ("name", "credit_code", "category", "community", "workers", "women_workers", "migrant_workers",
               "is_federation", "union_mode", "union_founded", "union_chair", "union_chair_phone", "term_years",
               "term_start", "term_expiry", "fee_by_tax", "contact", "contact_phone", "notes")

    def snapshot(path: Path) -> dict:
        with sqlite3.connect(path) as conn:
            sql = (f"SELECT {', '.join('o.' + c for c in columns)}, f.name FROM orgs o "
                   "LEFT JOIN orgs f ON f.id = o.federation_id WHERE o.deleted_at IS NULL")
            return {row[0]: row for row in conn.execute(sql)}

    assert snapshot(fresh) == snapshot(db)


# ------------------------------------------------------------------ the rules behind the shapes


def names_of(headers: list[str]) -> list:
    from unionoffice.exchange.importing import mapping

    return list(mapping.guess_mapping("orgs", headers).values())


def test_yes_no_column_beside_the_mode_column_is_checked_not_taken():
    assert names_of(["单位名称", "是否建会", "建会方式"]) == ["name", "has_union", "union_mode"]
    assert names_of(["单位名称", "建会方式", "是否建会"]) == ["name", "union_mode", "has_union"]
    assert names_of(["单位名称", "是否建会"]) == ["name", "union_mode"]  # alone it is the mode


def test_phone_beside_the_chair_is_the_orgs_unless_a_header_says_it_is_the_chairs():
    assert names_of(["单位名称", "工会主席", "联系电话"]) == ["name", "union_chair", "contact_phone"]
    assert names_of(["单位名称", "工会主席", "主席联系电话"]) == ["name", "union_chair", "union_chair_phone"]
    assert names_of(["单位名称", "工会主席·姓名", "工会主席·联系电话"]) == ["name", "union_chair", "union_chair_phone"]
    assert names_of(["单位名称", "工会主席及联系电话", "联系电话"]) == ["name", "union_chair", "union_chair_phone"]
    assert names_of(["单位名称", "工会主席", "联系电话", "建会方式"]) == ["name", "union_chair", "contact_phone",
                                                                  "union_mode"]
    assert names_of(["单位名称", "工会主席", "联系人", "联系电话"]) == ["name", "union_chair", "contact", "contact_phone"]
    assert names_of(["单位名称", "联系电话", "工会主席"]) == ["name", "contact_phone", "union_chair"]


def test_counting_and_contract_headers_take_no_text_field():
    assert names_of(["社区", "单位数", "已建会", "职工人数", "建会率"]) == ["community", None, None, "workers", None]
    assert names_of(["单位名称", "集体合同", "工资专项集体合同", "女职工专项集体合同"]) == ["name", None, None, None]


def test_group_line_above_the_found_header_is_taken_in_when_it_names_more():
    from unionoffice.exchange.importing import mapping, reader

    score = lambda t: mapping.subheader_score("orgs", t)  # noqa: E731
    rows = [["序号", "基本情况", "基本情况", "职工人数", "职工人数", "工会主席"],
            ["序号", "单位名称", "统一社会信用代码", "合计", "女", "工会主席"]]
    headers, last = reader.header_texts(rows, 1, 6, score)
    assert headers == ["序号", "基本情况·单位名称", "基本情况·统一社会信用代码", "职工人数·合计", "职工人数·女", "工会主席"]
    assert last == 1
    title = [["东湖街道统计表"] * 3, ["单位名称", "职工人数", "备注"]]
    assert reader.header_texts(title, 1, 3, score)[0] == ["单位名称", "职工人数", "备注"]
    notes = [["填报单位：东湖街道", None, "截至2024年12月"], ["单位名称", "职工人数", "备注"]]
    assert reader.header_texts(notes, 1, 3, score)[0] == ["单位名称", "职工人数", "备注"]


@pytest.mark.parametrize("cells", [
    [None, "一、东湖社区", None], [None, "（二）桂园社区", None], [None, "翠竹社区", None], [None, "翠竹社区（5家）", None],
    [None, "其中：已建会单位", "5家"], [None, "其中 独立建会", 3],
])
def test_headings_and_breakdowns_are_not_records(cells):
    from unionoffice.exchange.importing import reader

    header = ["序号", "单位名称", "职工人数"]
    data, _ = reader.data_rows([header, cells], 0, header, {0})
    assert data == []


@pytest.mark.parametrize("cells", [
    [1, "东湖社区居委会", None], [2, "李村", None], [3, "深圳市翠竹社区服务有限公司", 5], [4, "翠竹社区", 12],
])
def test_records_that_merely_look_like_headings_are_kept(cells):
    from unionoffice.exchange.importing import reader

    header = ["序号", "单位名称", "职工人数"]
    data, _ = reader.data_rows([header, cells], 0, header, {0})
    assert len(data) == 1


def test_a_federation_written_short_and_long_is_one(tmp_path, capsys):
    """东湖社区工联会 and 东湖社区工会联合会 in one sheet: one federation, whichever spelling comes first."""
    b = ledgershapes.ledger_book()
    s = b.sheet("台账")
    s.skip(["单位名称", "建会方式", "所属工联会"])
    s.skip(["甲公司", "联合建会", "东湖社区工联会"])
    s.skip(["乙公司", "联合建会", "东湖社区工会联合会"])
    db = tmp_path / "o.db"
    code, out, _ = run_cli(capsys, "import", "orgs", b.save(tmp_path / "t.xlsx"), "--db", db)
    assert code == 0 and "新建工联会 1 个" in out and "新建工联会：东湖社区工联会" in out
    assert federation_name(db, "甲公司") == federation_name(db, "乙公司") == "东湖社区工联会"


def test_a_bare_community_name_is_an_org_in_a_plain_list_of_names():
    from unionoffice.exchange.importing import reader

    header = ["序号", "单位名称"]
    data, _ = reader.data_rows([header, [1, "翠竹社区"]], 0, header, {0})
    assert len(data) == 1


def test_a_mobile_column_beside_the_chair_is_not_dropped():
    """Ledgers write the chair's mobile as 主席手机 / 工会主席手机号码, the contact's as 手机: such a
    column was read by no field and its numbers silently left out."""
    assert names_of(["单位名称", "工会主席", "主席手机"]) == ["name", "union_chair", "union_chair_phone"]
    assert names_of(["单位名称", "工会主席姓名", "工会主席手机号码"]) == ["name", "union_chair", "union_chair_phone"]
    assert names_of(["单位名称", "工会主席", "手机"]) == ["name", "union_chair", "contact_phone"]  # no header says 主席
    assert names_of(["单位名称", "联系人", "手机号码"]) == ["name", "contact", "contact_phone"]
