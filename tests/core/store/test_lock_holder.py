"""Who has the office file open, on every platform (make wintest runs this under Windows python):
on Windows a byte-range lock is mandatory, so the lock must not cover the holder's name."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from unionoffice.core.errors import FileInUseError
from unionoffice.core.store.connection import Store
from unionoffice.core.store.lock import lock_path_for

ROOT = Path(__file__).resolve().parents[3]
HOLD = r"""
import sys
from unionoffice.core.store.connection import Store
store = Store.open(sys.argv[1], user="另一位专干")
print("已打开", flush=True)
sys.stdin.readline()  # hold the file until the test closes our stdin
store.close()
"""


@pytest.fixture
def holder(tmp_path):
    path = tmp_path / "工会 数据.db"
    Store.open(path).close()
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, encoding="utf-8", cwd=ROOT)
    line = proc.stdout.readline()
    assert "已打开" in line, line + proc.stdout.read()
    yield path, proc
    proc.stdin.close()
    proc.wait(timeout=60)


def test_another_program_is_told_who_has_the_file(holder):
    path, proc = holder
    with pytest.raises(FileInUseError) as err:
        Store.open(path)
    assert "正在被使用" in str(err.value) and f"进程 {proc.pid}" in str(err.value)


def test_the_holders_name_can_be_read_while_the_file_is_locked(holder):
    path, proc = holder
    text = lock_path_for(path).read_text(encoding="utf-8")  # PermissionError under a Windows lock on it
    assert f'"pid": {proc.pid}' in text


def test_the_file_opens_again_once_the_holder_closes_it(holder):
    path, proc = holder
    proc.stdin.close()
    proc.wait(timeout=60)
    with Store.open(path) as store:
        assert store.path == path


def test_an_import_dry_run_runs_beside_the_holder_a_real_import_is_refused(holder, tmp_path, capsys):
    """--dry-run writes nothing, so like every reading command it runs while the window has
    the file (the newcomer was refused); the import itself still waits for the window."""
    from openpyxl import Workbook

    from unionoffice.cli import main
    from unionoffice.core.values.ids import make_id_number
    import datetime

    path, _proc = holder
    wb = Workbook()
    wb.active.append(["姓名", "身份证号", "工作单位"])
    wb.active.append(["张三", make_id_number("440303", datetime.date(1980, 1, 2), 11), "甲公司"])
    roll = tmp_path / "名册.xlsx"
    wb.save(roll)
    assert main(["import", "members", str(roll), "--db", str(path), "--dry-run"]) == 0
    assert "试运行，未写入数据库" in capsys.readouterr().out
    assert main(["import", "members", str(roll), "--db", str(path)]) == 1
    assert "正在被使用" in capsys.readouterr().err
