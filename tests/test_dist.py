"""The built folder (``make dist``) runs on the machine that built it: version, demo, check, and the
files it must carry. Skipped when nothing was built (CI does not build)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from unionoffice import __version__

DIST = Path(__file__).resolve().parent.parent / "dist" / "UnionOffice"
EXE = ".exe" if sys.platform == "win32" else ""
GUI = DIST / f"UnionOffice{EXE}"
CLI = DIST / f"unionoffice-cli{EXE}"

pytestmark = pytest.mark.skipif(not GUI.exists(), reason="no dist/UnionOffice (run make dist to build it)")


def run(program: Path, *args, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}  # nothing from our venv
    return subprocess.run([str(program), *map(str, args)], capture_output=True, text=True, encoding="utf-8",
                          cwd=cwd, env=env, timeout=300)


def test_both_programs_are_in_the_folder():
    assert GUI.is_file() and CLI.is_file()


def test_version():
    result = run(CLI, "--version")
    assert result.returncode == 0 and result.stdout.strip() == f"unionoffice {__version__}"
    if sys.platform != "win32":  # the windowed .exe has no console to print to on Windows
        assert run(GUI, "--version").stdout.strip() == f"unionoffice {__version__}"


def test_demo_then_check_then_backup(tmp_path):
    db = tmp_path / "演示.db"
    result = run(CLI, "demo", db, "--members", 300, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "会员 300 人" in result.stdout
    result = run(CLI, "check", "--db", db)
    assert result.returncode == 0 and "结论：正常" in result.stdout, result.stdout + result.stderr
    result = run(CLI, "backup", "--db", db)
    assert result.returncode == 0 and "已备份到" in result.stdout


def test_check_of_a_damaged_file_exits_1_in_chinese(tmp_path):
    bad = tmp_path / "坏.db"
    bad.write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)
    result = run(CLI, "check", "--db", bad)
    assert result.returncode == 1 and result.stderr.startswith("错误：") and "Traceback" not in result.stderr


def test_usage_errors_are_chinese():
    result = run(CLI, "nosuchcommand")
    assert result.returncode == 2 and "用法" in result.stderr


def test_the_folder_carries_forms_fonts_templates_and_qt_chinese():
    internal = DIST / "_internal"
    assert (internal / "forms").is_dir() and any((internal / "forms").glob("*.ui"))
    assert any((internal / "resources" / "fonts").glob("*.tt*"))
    assert (internal / "resources" / "templates" / "district_return.xlsx").is_file()
    assert (internal / "resources" / "translations" / "qtbase_zh_CN.qm").is_file()


def test_unused_qt_parts_are_left_out():
    names = {p.name for p in (DIST / "_internal").rglob("*")}
    for unused in ("Qt6Quick", "Qt6Qml", "Qt6WebEngine", "tkinter", "pytest"):
        assert not any(unused in n for n in names), unused


def test_print_preview_parts_are_bundled():
    """The 困难帮扶 tab's print preview imports QtPdf and QtPrintSupport at start-up."""
    names = {p.name for p in (DIST / "_internal").rglob("*")}
    for needed in ("QtPdf", "QtPrintSupport"):
        assert any(n.startswith(needed + ".") for n in names), needed


def test_the_window_starts_offscreen(tmp_path):
    """The frozen GUI reaches its event loop on a demo office (quit by a timer in the test)."""
    if sys.platform == "win32":
        pytest.skip("the offscreen smoke test is for the Linux build")
    db = tmp_path / "office.db"
    assert run(CLI, "demo", db, "--members", 100).returncode == 0
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env.update(QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "cfg"), XDG_STATE_HOME=str(tmp_path / "st"))
    proc = subprocess.Popen([str(GUI), "--db", str(db)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, encoding="utf-8")
    try:
        proc.wait(timeout=6)
        pytest.fail(f"the window quit by itself: {proc.returncode} {proc.stderr.read()}")
    except subprocess.TimeoutExpired:
        pass  # still running: the window is up
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    backups = list((tmp_path / "office-备份").glob("office-*-自动.db"))
    assert backups, "the automatic backup on opening was made"
