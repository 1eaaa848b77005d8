"""`unionoffice import / export / find` as a clerk or a script runs them (subprocess, exit codes)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from openpyxl import load_workbook

from exchange_books import person_id

DATA = Path(__file__).resolve().parent.parent / "data"


def cli(*args, cwd=None):
    proc = subprocess.run([sys.executable, "-m", "unionoffice", *map(str, args)],
                          capture_output=True, text=True, encoding="utf-8", cwd=cwd)
    return proc.returncode, proc.stdout, proc.stderr


def test_import_prints_counts_and_second_import_changes_nothing(tmp_path):
    db = tmp_path / "office.db"
    code, out, err = cli("import", "orgs", DATA / "orgs-sample.xlsx", "--db", db)
    assert code == 0, err
    assert "新增 12 个" in out and "拒绝 0 行" in out
    code, out, err = cli("import", "members", DATA / "members-sample.xlsx", "--db", db)
    assert code == 0, err
    assert "新增 60 人" in out and "拒绝 0 行" in out and "新建单位 0 个" in out and "合计行" in out
    code, out, _ = cli("import", "members", DATA / "members-sample.xlsx", "--db", db)
    assert code == 0 and "新增 0 人，更新 0 人，无变化 60 人" in out


def test_rejections_go_to_a_report_beside_the_input(tmp_path, roll):
    rows = [[1, "张三", "男", person_id(1), None, "甲公司", None],
            [2, "李四", "男", float(person_id(2)[:17] + "0"), None, "甲公司", None]]
    book = roll(rows, name="名册.xlsx")
    code, out, err = cli("import", "members", book, "--db", tmp_path / "o.db")
    assert code == 0, err
    assert "新增 1 人" in out and "拒绝 1 行" in out and "新建单位 1 个" in out
    report = book.with_name("名册-导入问题.xlsx")
    assert report.exists() and str(report) in out
    ws = load_workbook(report).active
    assert [c.value for c in ws[3]][:3] == ["会员名册", 5, "身份证号"]
    explicit = tmp_path / "out" / "问题.xlsx"
    code, out, _ = cli("import", "members", book, "--db", tmp_path / "o.db", "--report", explicit)
    assert code == 0 and explicit.exists() and str(explicit) in out


def test_dry_run_writes_nothing(tmp_path):
    db = tmp_path / "office.db"
    code, out, _ = cli("import", "members", DATA / "members-sample.xlsx", "--db", db, "--dry-run")
    assert code == 0 and "未写入" in out and "新增 60 人" in out
    assert not db.exists()
    cli("import", "orgs", DATA / "orgs-sample.xlsx", "--db", db)
    code, out, _ = cli("import", "members", DATA / "members-sample.xlsx", "--db", db, "--dry-run")
    assert code == 0
    code, out, _ = cli("check", "--db", db)
    assert "会员 0" in out


def test_unreadable_file_exits_1_with_one_chinese_line(tmp_path):
    bad = tmp_path / "坏.xlsx"
    bad.write_text("这不是 Excel")
    code, out, err = cli("import", "members", bad, "--db", tmp_path / "o.db")
    assert code == 1 and "Traceback" not in err
    assert err.strip().count("\n") == 0 and "坏.xlsx" in err
    assert list(tmp_path.glob("o.db*")) == []  # no empty office left behind
    code, _, err = cli("import", "members", tmp_path / "none.xlsx", "--db", tmp_path / "o.db")
    assert code == 1 and "找不到文件" in err
    code, _, err = cli("import", "people", bad, "--db", tmp_path / "o.db")
    assert code == 2


def test_export_then_find(tmp_path):
    db = tmp_path / "office.db"
    cli("import", "members", DATA / "members-sample.xlsx", "--db", db)
    out_file = tmp_path / "导出.xlsx"
    code, out, err = cli("export", "members", "--db", db, "--out", out_file)
    assert code == 0, err
    assert "60" in out and out_file.exists()
    ws = load_workbook(out_file).active
    assert ws.max_row == 62  # note row, header, 60 members
    code, out, err = cli("export", "orgs", "--db", db, "--out", tmp_path / "单位.xlsx")
    assert code == 0 and "12" in out
    code, _, err = cli("export", "members", "--db", db, "--out", tmp_path / "x.csv")
    assert code == 1 and ".xlsx" in err
    code, _, err = cli("export", "members", "--db", tmp_path / "none.db", "--out", out_file)
    assert code == 1 and "找不到数据库文件" in err


def test_find_by_initials_name_and_fragments(tmp_path, roll):
    rows = [[1, "曾国藩", "男", person_id(1), "13800138000", "甲公司", None],
            [2, "张三", "男", person_id(2), "13912345678", "乙公司", None]]
    db = tmp_path / "o.db"
    cli("import", "members", roll(rows), "--db", db)
    code, out, _ = cli("find", "--db", db, "zgf")
    assert code == 0
    (line,) = out.strip().splitlines()
    name, masked, org = line.split("\t")
    assert (name, org) == ("曾国藩", "甲公司")
    assert masked == person_id(1)[:6] + "********" + person_id(1)[-4:]
    assert cli("find", "--db", db, "zengguofan")[1] == out
    assert cli("find", "--db", db, "国藩")[1] == out
    assert cli("find", "--db", db, "99999")[1] == ""  # no such fragment
    assert cli("find", "--db", db, "1391234")[1].startswith("张三\t")
    assert cli("find", "--db", db, person_id(2)[-6:])[1].startswith("张三\t")
    code, out, err = cli("find", "--db", db, "没有这个人")
    assert code == 0 and out == "" and "没有找到" in err
    code, _, err = cli("find", "--db", tmp_path / "none.db", "zgf")
    assert code == 1 and "找不到数据库文件" in err
    assert cli("find", "--db", db)[0] == 2


def test_find_refuses_one_or_two_digits_rather_than_print_the_roll(tmp_path, roll):
    rows = [[i, f"会员{'甲乙丙丁'[i]}", "男", person_id(i), f"1380013800{i}", "甲公司", None] for i in range(4)]
    db = tmp_path / "o.db"
    cli("import", "members", roll(rows), "--db", db)
    for short in ("9", "13", "８", "张 1"):
        code, out, err = cli("find", "--db", db, short)
        assert code == 1 and out == "" and "至少要输入 3 位数字" in err, short
    code, out, _ = cli("find", "--db", db, "138")
    assert code == 0 and len(out.strip().splitlines()) == 4


def test_import_into_a_password_protected_file_needs_the_password(tmp_path, monkeypatch, capsys):
    from unionoffice.cli import main
    from unionoffice.core.store import auth
    from unionoffice.core.store.connection import Store

    db = tmp_path / "locked.db"
    with Store.open(db) as store:
        auth.set_password(store, "secret1")
    sample = Path(__file__).resolve().parent.parent / "data" / "members-sample.xlsx"
    monkeypatch.delenv("UNIONOFFICE_PASSWORD", raising=False)
    assert main(["import", "members", str(sample), "--db", str(db)]) == 1
    assert "密码" in capsys.readouterr().err
    with Store.open(db) as store:
        assert store.counts()["members"] == 0
    monkeypatch.setenv("UNIONOFFICE_PASSWORD", "secret1")
    assert main(["import", "members", str(sample), "--db", str(db)]) == 0


def test_new_orgs_are_printed_as_the_orgs_list_orders_them(tmp_path, roll):
    rows = [[n + 1, f"会员{n}", "男", person_id(n + 1), None, org, None]
            for n, org in enumerate(["中山百货商场", "安康医院", "北辰酒店"])]
    code, out, err = cli("import", "members", roll(rows, name="名册.xlsx"), "--db", tmp_path / "o.db")
    assert code == 0, err
    assert "新建单位：安康医院、北辰酒店、中山百货商场" in out


def test_a_real_import_says_the_new_orgs_wait_for_completion_as_the_dry_run_does(tmp_path, roll):
    rows = [[n + 1, f"会员{n}", "男", person_id(n + 1), None, org, None]
            for n, org in enumerate(["中山百货商场", "安康医院"])]
    book = roll(rows, name="名册.xlsx")
    code, dry, err = cli("import", "members", book, "--db", tmp_path / "o.db", "--dry-run")
    assert code == 0, err
    code, out, err = cli("import", "members", book, "--db", tmp_path / "o.db")
    assert code == 0, err
    done = next(line for line in out.splitlines() if line.startswith("导入完成"))
    assert "新建单位 2 个（待补全：补上职工人数和建会方式之前不计入单位数、建会率、入会率" in done
    assert "（待补全：" in dry


def test_columns_the_import_reads_into_nothing_are_named(tmp_path, roll):
    header = ["序号", "姓名", "性别", "身份证号", "微信号", "工作单位", "爱好"]
    book = roll([[1, "会员甲", "男", person_id(1), "wx_123", "中山百货商场", "篮球"]], header=header, name="名册.xlsx")
    code, out, err = cli("import", "members", book, "--db", tmp_path / "o.db", "--dry-run")
    assert code == 0, err
    note = next(line for line in out.splitlines() if "没有导入" in line)
    assert "“微信号”“爱好”列没有对应的项目" in note
    assert "序号" not in note


def test_a_roll_in_two_halves_is_not_said_to_have_unknown_columns(tmp_path, roll):
    header = ["序号", "姓名", "身份证号", "序号", "姓 名", "身份证号码"]
    book = roll([[1, "会员甲", person_id(1), 2, "会员乙", person_id(2)]], header=header, name="两栏.xlsx")
    code, out, err = cli("import", "members", book, "--db", tmp_path / "o.db", "--dry-run")
    assert code == 0, err
    assert "没有对应的项目" not in out
    assert "出现不止一次" in out
