"""Read-only commands run while another process (the window) holds the office file; writers are
refused naming who has it. The window is a real second process holding the lock."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

HOLDER = """
import sys
from unionoffice.core.store.connection import Store
store = Store.open(sys.argv[1], create=False, user='窗口')
print('ready', flush=True)
for line in sys.stdin:
    if line.strip() == 'rename':
        store.set_setting('office_name', '改名后的街道总工会')
        print('done', flush=True)
    else:
        break
store.close()
"""


@pytest.fixture(scope="module")
def office(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("beside") / "工会.db"
    _cli("demo", str(path), "--members", "40", check=True)
    return path


@pytest.fixture
def window(office):
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(office)], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "ready"
    yield proc
    proc.stdin.write("quit\n")
    proc.stdin.close()
    proc.wait(timeout=30)


def _cli(*argv: str, check: bool = False) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}  # a Windows console's code page is not UTF-8
    result = subprocess.run([sys.executable, "-m", "unionoffice", *argv], capture_output=True, text=True,
                            encoding="utf-8", env=env, timeout=120)
    if check:
        assert result.returncode == 0, result.stderr
    return result


READERS = [
    ("export", "members", "--out", "{tmp}/会员.xlsx"),
    ("find", "张"),
    ("report", "summary", "--from", "2026-01-01", "--to", "2026-06-30", "--out", "{tmp}/报告.pdf"),
    ("return", "--year", "2026", "--out", "{tmp}/年报.xlsx"),
    ("audit", "--limit", "3"),
    ("check",),
    ("backup", "--to", "{tmp}/备份"),
    ("print-dispute", "register", "--from", "2026-01-01", "--to", "2026-03-31", "--out", "{tmp}/台账.pdf"),
    ("print-activity", "month", "--month", "2026-03", "--out", "{tmp}/三月.pdf"),
    ("print", "disbursement", "--campaign", "1", "--out", "{tmp}/发放表.pdf"),
]


@pytest.mark.parametrize("argv", READERS, ids=lambda a: " ".join(a[:2]))
def test_read_commands_run_while_the_window_has_the_file(office, window, tmp_path, argv):
    argv = [a.format(tmp=tmp_path) for a in argv]
    result = _cli(*argv, "--db", str(office))
    assert result.returncode == 0, result.stderr
    assert "正在被使用" not in result.stderr


@pytest.mark.parametrize("argv", [
    ("print", "disbursement", "--campaign", "1", "--out", "{tmp}/定稿.pdf", "--final"),
    ("import", "members", "{tmp}/名册.xlsx"),
], ids=lambda a: " ".join(a[:2]))
def test_writing_commands_are_refused_naming_who_has_the_file(office, window, tmp_path, argv):
    _cli("export", "members", "--db", str(office), "--out", str(tmp_path / "名册.xlsx"), check=True)
    result = _cli(*[a.format(tmp=tmp_path) for a in argv], "--db", str(office))
    assert result.returncode == 1
    assert "正在被使用" in result.stderr and f"进程 {window.pid}" in result.stderr
    assert not (tmp_path / "定稿.pdf").exists()


def test_a_reader_sees_what_the_window_just_saved(office, window):
    from unionoffice.core.store.connection import Store

    window.stdin.write("rename\n")
    window.stdin.flush()
    assert window.stdout.readline().strip() == "done"
    with Store.open(office, create=False, reader=True) as store:
        assert store.read_only
        assert store.office_name == "改名后的街道总工会"
        with pytest.raises(Exception, match="正在被使用"):
            store.set_setting("office_name", "别的名字")


def test_backup_beside_the_window_is_a_whole_verified_copy(office, window, tmp_path):
    from unionoffice.core.store.backup import verify

    _cli("backup", "--db", str(office), "--to", str(tmp_path), check=True)
    copies = list(tmp_path.glob("*.db"))
    assert len(copies) == 1 and verify(copies[0]) is None


def test_window_notices_a_commit_by_another_process(office):
    from unionoffice.core.store.connection import Store

    with Store.open(office, create=False, user="窗口") as store:
        before = store.data_version()
        with Store.open(office, create=False, lock=False) as other:
            other.set_setting("office_name", "另一个进程改的")
        assert store.data_version() != before
        assert store.office_name == "另一个进程改的"


def test_without_a_window_a_reader_opens_the_file_as_usual(office):
    from unionoffice.core.store.connection import Store

    with Store.open(office, create=False, reader=True) as store:
        assert not store.read_only
