"""The command line contract (DESIGN §5): exit codes and one Chinese line, never a traceback."""

import subprocess
import sys

import pytest

from unionoffice.cli import main


def run_cli(*args):
    proc = subprocess.run([sys.executable, "-m", "unionoffice", *map(str, args)], capture_output=True, text=True, encoding="utf-8")
    return proc.returncode, proc.stdout, proc.stderr


def test_demo_then_check_succeeds(tmp_path):
    db = tmp_path / "d.db"
    code, out, _ = run_cli("demo", db, "--members", 300, "--seed", 7)
    assert code == 0 and "会员 300 人" in out
    code, out, _ = run_cli("check", "--db", db)
    assert code == 0
    assert "完整性：正常" in out and "会员 300" in out


def test_demo_refuses_a_file_with_data(tmp_path, capsys):
    db = tmp_path / "d.db"
    assert main(["demo", str(db), "--members", "20"]) == 0
    assert main(["demo", str(db), "--members", "20"]) == 1
    assert "已有数据" in capsys.readouterr().err


def test_same_seed_gives_same_office(tmp_path):
    from unionoffice.core.store.connection import Store

    for name in ("a.db", "b.db"):
        assert main(["demo", str(tmp_path / name), "--members", "50", "--seed", "3"]) == 0
    rows = []
    for name in ("a.db", "b.db"):
        with Store.open(tmp_path / name) as s:
            rows.append([tuple(r) for r in s.query("SELECT name, id_number, org_id FROM members ORDER BY id")])
    assert rows[0] == rows[1]


def test_wrong_usage_exits_2_in_chinese(capsys):
    assert main(["check"]) == 2
    err = capsys.readouterr().err
    assert "缺少必需的参数" in err and "--db" in err


def test_unknown_command_exits_2(capsys):
    assert main(["frobnicate"]) == 2
    assert "无效的选择" in capsys.readouterr().err


def test_missing_database_exits_1_with_one_line(tmp_path):
    code, out, err = run_cli("check", "--db", tmp_path / "missing.db")
    assert code == 1
    assert err.strip().count("\n") == 0 and "找不到数据库文件" in err
    assert "Traceback" not in err


def test_check_reports_a_damaged_file(tmp_path):
    bad = tmp_path / "bad.db"
    bad.write_text("not a database" * 100)
    code, out, err = run_cli("check", "--db", bad)
    assert code == 1 and "Traceback" not in err
    assert "有问题" in out


def test_backup_and_restore_commands(tmp_path):
    db = tmp_path / "d.db"
    assert main(["demo", str(db), "--members", "30"]) == 0
    code, out, _ = run_cli("backup", "--db", db, "--to", tmp_path / "bk")
    assert code == 0
    copies = list((tmp_path / "bk").glob("*.db"))
    assert len(copies) == 1
    code, out, _ = run_cli("restore", copies[0], "--db", tmp_path / "restored.db")
    assert code == 0 and "会员 30 人" in out


def test_internal_error_is_logged_not_shown(tmp_path, monkeypatch, capsys):
    from unionoffice.commands import check

    def explode(args):
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(check, "run", explode)
    assert main(["check", "--db", str(tmp_path / "x.db")]) == 3
    err = capsys.readouterr().err
    assert "程序内部错误" in err and "Traceback" not in err


@pytest.mark.parametrize("flag", ["--help", "--version"])
def test_help_and_version_exit_0(flag, capsys):
    assert main([flag]) == 0
    assert capsys.readouterr().out


def test_db_may_come_before_the_command(tmp_path, capsys):
    """`unionoffice --db X check` as a clerk's script writes it: the same as `check --db X`."""
    db = tmp_path / "office.db"
    assert main(["demo", str(db), "--members", "30", "--seed", "2"]) == 0
    capsys.readouterr()
    assert main(["--db", str(db), "check"]) == 0
    before = capsys.readouterr().out
    assert main(["check", "--db", str(db)]) == 0
    assert capsys.readouterr().out == before and "结论：正常" in before
    assert main(["--db", str(db), "check", "--db", str(db)]) == 0  # both places, the same file


def test_two_different_db_files_or_a_db_the_command_does_not_use_are_usage_errors(tmp_path, capsys):
    assert main(["--db", str(tmp_path / "a.db"), "check", "--db", str(tmp_path / "b.db")]) == 2
    assert "--db 给了两个不同的文件" in capsys.readouterr().err
    assert main(["--db", str(tmp_path / "a.db"), "demo", str(tmp_path / "c.db")]) == 2
    assert "命令 demo 不使用 --db" in capsys.readouterr().err
    assert not (tmp_path / "c.db").exists()


def test_the_top_help_is_all_chinese(capsys):
    """argparse's own line for --version is English; every line a clerk reads is in Chinese."""
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert "show program's version number" not in out and "显示程序版本号并退出" in out
