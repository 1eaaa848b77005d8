"""Street rolls nobody on the team had seen (rollshapes.py), imported through the CLI as a clerk would.

For each shape: the printed counts are exactly the expected ones, the report lists every
rejected row (sheet, row, field, original values) and nothing else, no 合计/小计/填表人 line
became a member, stored values are the clean ones, a second import changes nothing (not even
the audit log), and `find` lists the people by surname-aware initials.
"""

from __future__ import annotations

import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

import rollshapes
from unionoffice import cli

SHAPES = {s.key: s for s in rollshapes.all_shapes()}
COUNTS = re.compile(r"导入完成：新增 (\d+) [人个]，更新 (\d+) [人个]，无变化 (\d+) [人个]，拒绝 (\d+) 行，新建(?:单位|工联会) (\d+) 个")
# Texts from titles, totals and footers: none of them may become a member's or an org's name.
NOT_NAMES = re.compile(r"合计|总计|小计|共计|填表|审核|负责人|制表|注：|页|以下空白|名册|说明|示例|姓名")


def run_cli(capsys, *args) -> tuple[int, str, str]:
    code = cli.main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def imported(capsys, shape, db: Path, folder: Path, report: Path) -> tuple[tuple[int, ...], str]:
    code, out, err = run_cli(capsys, "import", shape.kind, shape.write(folder), "--db", db, "--report", report)
    assert code == 0, err
    assert err == ""
    match = COUNTS.search(out)
    assert match, out
    return tuple(int(g) for g in match.groups()), out


def report_rows(report: Path) -> list[list]:
    ws = load_workbook(report).active
    assert [c.value for c in ws[2]][:4] == ["工作表", "行号", "字段", "原因"]
    return [[c.value for c in row] for row in ws.iter_rows(min_row=3)]


def db_names(db: Path, table: str) -> list[str]:
    with sqlite3.connect(db) as conn:
        return [r[0] for r in conn.execute(f"SELECT name FROM {table} WHERE deleted_at IS NULL")]


def stored(db: Path, table: str, name: str) -> dict:
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        row = conn.execute(f"SELECT * FROM {table} WHERE name = ? AND deleted_at IS NULL", (name,)).fetchone()
    assert row is not None, f"{name} not stored"
    return dict(row)


def audit_count(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT count(*) FROM audit").fetchone()[0]


@pytest.mark.parametrize("key", list(SHAPES))
def test_roll_shape_imports_exactly_as_expected(key, tmp_path, capsys):
    shape = SHAPES[key]
    expect = shape.book.expect
    db = tmp_path / "office.db"
    for before in shape.before:
        imported(capsys, before, db, tmp_path, tmp_path / f"before-{before.key}.xlsx")
    report = tmp_path / "问题清单.xlsx"
    counts, out = imported(capsys, shape, db, tmp_path, report)
    wanted = (expect.imported, expect.updated, expect.unchanged, len(expect.rejected))
    assert counts[:4] == wanted, out
    if expect.orgs_created is not None:
        assert counts[4] == expect.orgs_created, out

    rows = report_rows(report)
    assert {(r[0], r[1]): r[2] for r in rows} == expect.rejected
    assert len(rows) == len(expect.rejected)
    for r in rows:
        assert r[3] and r[3].strip(), f"no reason for row {r[1]}"
        assert any(v not in (None, "") for v in r[4:]), f"report row {r[1]} lost its original values"

    table = "members" if shape.kind == "members" else "orgs"
    names = db_names(db, table)
    assert not [n for n in names if NOT_NAMES.search(n) and n not in expect.names], names
    assert expect.names <= set(names), expect.names - set(names)
    for name, values in expect.stored.items():
        row = stored(db, table, name)
        assert {k: row[k] for k in values} == values, name

    audit_before = audit_count(db)
    again, out = imported(capsys, shape, db, tmp_path, tmp_path / "again.xlsx")
    settled = expect.imported + expect.updated + expect.unchanged
    assert again == (0, 0, settled, len(expect.rejected), 0), out
    assert audit_count(db) == audit_before

    for query, wanted_names in expect.find.items():
        code, out, err = run_cli(capsys, "find", "--db", db, query)
        assert code == 0, err
        found = {line.split("\t")[0] for line in out.splitlines()}
        assert wanted_names <= found, (query, found)


def test_the_real_command_line_on_a_nasty_roll(tmp_path):
    """The installed entry point, as the checker runs it: exit 0, counts, a report beside the input."""
    shape = SHAPES["id_forms"]
    path = shape.write(tmp_path)
    db = tmp_path / "x.db"
    proc = subprocess.run([sys.executable, "-m", "unionoffice", "import", "members", str(path), "--db", str(db)],
                          capture_output=True, text=True, encoding="utf-8")
    assert proc.returncode == 0, proc.stderr
    e = shape.book.expect
    assert f"新增 {e.imported} 人" in proc.stdout and f"拒绝 {len(e.rejected)} 行" in proc.stdout
    assert path.with_name(f"{path.stem}-导入问题.xlsx").exists()


def test_fifteen_digit_ids_are_upgraded_and_said_so(tmp_path, capsys):
    shape = SHAPES["id_forms"]
    db = tmp_path / "o.db"
    imported(capsys, shape, db, tmp_path, tmp_path / "r.xlsx")
    row = stored(db, "members", "壬九")
    assert len(row["id_number"]) == 18 and row["birth_date"] == "1965-08-01" and row["gender"] == "男"


def test_report_says_why_in_chinese(tmp_path, capsys):
    shape = SHAPES["id_forms"]
    report = tmp_path / "r.xlsx"
    imported(capsys, shape, tmp_path / "o.db", tmp_path, report)
    reasons = {r[1]: r[3] for r in report_rows(report)}
    assert "Excel" in reasons[7] and "数字" in reasons[7]  # 己六: the ID stored as a number
    assert "校验位" in reasons[12]
    assert "重复" in reasons[14] and "第 2 行" in reasons[14]


# ------------------------------------------------------------------ what the import leaves out


def three_community_book(folder: Path) -> Path:
    """Three 社区 sheets made by different predecessors: 单位 / 单位 + a stray note / 工作单位 + 备注."""
    b = rollshapes.Book()
    header = ["序号", "姓名", "身份证号", "单位"]
    a = b.sheet("东湖社区")
    a.skip(header)
    a.add([1, "甲", rollshapes.pid(1), "甲公司"], good=True)
    a.add([2, "乙", rollshapes.pid(2), "甲公司"], good=True)
    c = b.sheet("桂园社区")
    c.skip(header)
    c.add([1, "丙", rollshapes.pid(3), "乙公司", None, "已核对"], good=True)  # a note right of the table
    e = b.sheet("翠竹社区")
    e.skip(["序号", "姓名", "身份证号", "工作单位", "备注"])
    e.add([1, "丁", rollshapes.pid(4), "乙公司", "新入会"], good=True)
    return b.save(folder / "三个社区.xlsx")


def test_a_stray_note_right_of_the_table_keeps_the_sheet_in_the_roll(tmp_path, capsys):
    code, out, _ = run_cli(capsys, "import", "members", three_community_book(tmp_path), "--db", tmp_path / "o.db",
                           "--sheet", "桂园社区")
    assert code == 0 and "新增 1 人" in out
    from unionoffice.exchange.importing import reader

    rows = [["姓名", "身份证号", None], ["丙", rollshapes.pid(3), None, None, "已核对"]]
    assert reader.header_texts(rows, 0, 5, lambda t: 0) == (["姓名", "身份证号"], 0)


def test_sheet_option_reads_only_the_named_sheet(tmp_path, capsys):
    path = three_community_book(tmp_path)
    code, out, _ = run_cli(capsys, "import", "members", path, "--db", tmp_path / "o.db", "--sheet", "东湖社区")
    assert code == 0 and "新增 2 人" in out
    assert sorted(db_names(tmp_path / "o.db", "members")) == ["乙", "甲"]
    code, out, _ = run_cli(capsys, "import", "members", path, "--db", tmp_path / "o.db")
    assert "新增 2 人" in out and "无变化 2 人" in out


def test_a_roll_printed_in_two_halves_is_pointed_out(tmp_path, capsys):
    b = rollshapes.Book()
    s = b.sheet("双栏")
    s.skip(["序号", "姓名", "身份证号", "序号", "姓名", "身份证号"])
    s.skip([1, "甲", rollshapes.pid(1), 2, "乙", rollshapes.pid(2)])
    code, out, _ = run_cli(capsys, "import", "members", b.save(tmp_path / "双栏.xlsx"), "--db", tmp_path / "o.db")
    assert code == 0 and "“姓名”“身份证号”出现不止一次" in out and "左右两栏" in out


def test_every_community_sheet_is_imported_whatever_its_header(tmp_path, capsys):
    """Each 社区 sheet is read with its own columns: 单位 on two, 工作单位 + 备注 on the third."""
    db = tmp_path / "o.db"
    code, out, _ = run_cli(capsys, "import", "members", three_community_book(tmp_path), "--db", db)
    assert code == 0 and "新增 4 人" in out and "注意：工作表" not in out
    assert stored(db, "members", "丁")["notes"] == "新入会"
    code, out, _ = run_cli(capsys, "import", "members", three_community_book(tmp_path), "--db", db)
    assert "无变化 4 人" in out


def test_a_differently_laid_out_sheet_reports_its_rows_under_its_own_headers(tmp_path):
    from openpyxl import load_workbook

    from unionoffice.core.store.connection import Store
    from unionoffice.exchange.importing.importer import prepare_import, write_report

    b = rollshapes.Book()
    a = b.sheet("东湖社区")
    a.skip(["姓名", "身份证号", "单位"])
    a.skip(["甲", rollshapes.pid(1), "甲公司"])
    c = b.sheet("翠竹社区")
    c.skip(["序号", "职工姓名", "公民身份号码", "工作单位", "备注"])
    c.skip([1, "丁", "12345", "乙公司", "号码待查"])
    with Store.open(tmp_path / "o.db") as store:
        plan = prepare_import(store, b.save(tmp_path / "r.xlsx"), "members")
        assert plan.sheets == ["东湖社区", "翠竹社区"] and len(plan.new_rows) == 1
        assert [(r.sheet, r.row, r.field) for r in plan.rejected] == [("翠竹社区", 2, "身份证号")]
        out = write_report(plan, tmp_path / "report.xlsx")
    ws = load_workbook(out).active
    header = [c.value for c in next(r for r in ws.iter_rows() if r[0].value == "工作表")]
    row = [c.value for c in list(ws.iter_rows())[-1]]
    assert row[header.index("职工姓名")] == "丁" and row[header.index("备注")] == "号码待查"


def test_status_retired_keeps_the_member(tmp_path, capsys):
    b = rollshapes.Book()
    s = b.sheet("名册")
    s.skip(["姓名", "身份证号", "会籍状态"])
    s.skip(["老周", rollshapes.pid(1), "退休"])
    db = tmp_path / "o.db"
    code, out, _ = run_cli(capsys, "import", "members", b.save(tmp_path / "r.xlsx"), "--db", db)
    assert code == 0 and "新增 1 人" in out and "拒绝 0 行" in out
    row = stored(db, "members", "老周")
    assert (row["status"], row["is_retired"]) == ("正常", 1)


@pytest.mark.parametrize(("content", "says"), [
    (b"\xef\xbb\xbf\xe5\xa7\x93\xe5\x90\x8d,\xe8\xba\xab\xe4\xbb\xbd\xe8\xaf\x81\xe5\x8f\xb7\r\n", "纯文本（CSV/TXT）"),
    (b"<html><body><table><tr><td>1</td></tr></table></body></html>", "网页格式"),
    (b'<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"></Workbook>', "XML 表格"),
])
def test_files_that_are_not_really_excel_say_what_they_are(tmp_path, capsys, content, says):
    path = tmp_path / "系统导出.xls"
    path.write_bytes(content)
    code, out, err = run_cli(capsys, "import", "members", path, "--db", tmp_path / "o.db")
    assert code == 1 and says in err and "系统导出.xls" in err and "另存为" in err
    assert len(err.strip().splitlines()) == 1 and not (tmp_path / "o.db").exists()
