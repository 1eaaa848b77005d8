"""Power cuts and hostile places: the program is killed (SIGKILL) in the middle of big operations,
many times at random moments, and the office file must come back healthy with each operation
either whole or absent. Read-only media, a full disk and a file held by another instance give a
clear Chinese message and write nothing half.

Iterations are modest so the suite stays quick; set UNIONOFFICE_KILL_ITERATIONS=20 (say) to run
more. Run with ``-s`` to see how many runs were killed mid-way and how many finished first.
"""

from __future__ import annotations

import ctypes
import os
import queue
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Callable

import pytest

from unionoffice.cli import COMMANDS
from unionoffice.core.store import backup
from unionoffice.core.orgs import records as orgs
from unionoffice.core.store.check import check_database
from unionoffice.core.demo.office import DEMO_OFFICE, generate_demo
from unionoffice.core.errors import FileInUseError, StoreError
from unionoffice.core.values.ids import make_id_number
from unionoffice.core.store.connection import Store
from unionoffice.core.store import driver

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL, flock and chmod are POSIX")

ITERATIONS = int(os.environ.get("UNIONOFFICE_KILL_ITERATIONS", "10"))
FEW = max(3, ITERATIONS // 2)  # for the slower import and print cases
ROOT = Path(__file__).resolve().parents[3]
MARKER_TIMEOUT = 120


# ------------------------------------------------------------------- the harness
def spawn(argv: list[str]) -> tuple[subprocess.Popen, "queue.Queue[str]"]:
    """Start ``argv`` with both output streams read line by line into a queue."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, encoding="utf-8", env=env, cwd=ROOT)
    lines: "queue.Queue[str]" = queue.Queue()

    def pump():
        for line in proc.stdout:
            lines.put(line)

    threading.Thread(target=pump, daemon=True).start()
    return proc, lines


def wait_for(lines: "queue.Queue[str]", marker: str | None, proc: subprocess.Popen) -> None:
    if marker is None:
        return
    deadline = time.monotonic() + MARKER_TIMEOUT
    while time.monotonic() < deadline:
        try:
            if marker in lines.get(timeout=0.05):
                return
        except queue.Empty:
            if proc.poll() is not None and lines.empty():
                raise AssertionError(f"the process ended before printing {marker!r}")
    raise AssertionError(f"no {marker!r} within {MARKER_TIMEOUT} s")


def unionoffice(*args) -> list[str]:
    return [sys.executable, "-m", "unionoffice", *map(str, args)]


def kill_test(name: str, prepare: Callable[[int], list[str]], verify: Callable[[int, bool], str], *,
              marker: str | None, iterations: int, seed: int) -> Counter:
    """Run a reference to learn how long the work takes after ``marker``, then kill the process at
    random moments within that span. ``prepare(i)`` makes a fresh office and returns the command;
    ``verify(i, killed)`` checks the office and names the outcome ('whole' or 'absent')."""
    rng = random.Random(seed)
    argv = prepare(-1)
    proc, lines = spawn(argv)
    wait_for(lines, marker, proc)
    started = time.monotonic()
    assert proc.wait(timeout=300) == 0, "".join(lines.queue)
    span = time.monotonic() - started
    assert verify(-1, False) == "whole"
    outcomes: Counter = Counter()
    for i in range(iterations):
        proc, lines = spawn(prepare(i))
        wait_for(lines, marker, proc)
        time.sleep(rng.uniform(0.0, span * 1.1))
        killed = proc.poll() is None
        if killed:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=60)
        outcomes[("killed " if killed else "finished ") + verify(i, killed)] += 1
    print(f"\n{name}: {dict(outcomes)} (work took {span:.2f} s unkilled)")
    return outcomes


def healthy(db: Path) -> None:
    report = check_database(db, find_backup=False)
    assert report.ok, report.lines()


def audit_count(store: Store, table: str, action: str = "insert") -> int:
    return store.scalar("SELECT count(*) FROM audit WHERE table_name = ? AND action = ?", (table, action))


# ---------------------------------------------------------------- the kill tests
def test_killed_demo_generation_is_all_or_nothing(tmp_path):
    """20,000 members in one transaction: the whole office, or an empty one."""

    def db(i):
        return tmp_path / f"demo{i}.db"

    def prepare(i):
        return unionoffice("demo", db(i), "--members", 20000, "--seed", 7)

    def verify(i, killed):
        path = db(i)
        if not path.exists():
            return "absent"
        healthy(path)
        with Store.open(path) as store:
            counts = store.counts()
            if counts["members"] == 0:
                assert counts["orgs"] == 0 and store.office_name == ""
                assert audit_count(store, "members") == audit_count(store, "orgs") == 0
                return "absent"
            assert counts == {"orgs": 1006, "members": 20000}
            assert store.office_name == DEMO_OFFICE
            assert audit_count(store, "members") == 20000
            return "whole"

    outcomes = kill_test("demo 20000", prepare, verify, marker="正在生成", iterations=ITERATIONS, seed=1)
    assert sum(outcomes.values()) == ITERATIONS


ORG_SCRIPT = r"""
import sys
from unionoffice.core.orgs import records as orgs
from unionoffice.core.store.connection import Store
store = Store.open(sys.argv[1], user="压力测试")
with store.atomic():
    print("开始写入", flush=True)
    for i in range(int(sys.argv[2])):
        orgs.create_org(store, {"name": f"压力测试单位{i:05d}", "workers": 10 + i % 90, "community": "东湖社区"})
store.close()
"""
N_ORGS = 3000


def test_killed_bulk_org_insert_through_core_is_all_or_nothing(tmp_path):
    """3,000 orgs, each with its own savepoint and audit row, inside one outer transaction."""
    base = tmp_path / "base.db"
    with Store.open(base) as store:
        orgs.create_org(store, {"name": "原有单位", "workers": 5})

    def db(i):
        return tmp_path / f"orgs{i}.db"

    def prepare(i):
        shutil.copy(base, db(i))
        return [sys.executable, "-c", ORG_SCRIPT, str(db(i)), str(N_ORGS)]

    def verify(i, killed):
        healthy(db(i))
        with Store.open(db(i)) as store:
            n = store.counts()["orgs"]
            assert n in (1, 1 + N_ORGS), n
            assert audit_count(store, "orgs") == n
            assert store.scalar("SELECT count(*) FROM audit WHERE user = '压力测试'") == n - 1
            return "whole" if n > 1 else "absent"

    outcomes = kill_test("core bulk orgs", prepare, verify, marker="开始写入", iterations=ITERATIONS, seed=2)
    assert sum(outcomes.values()) == ITERATIONS


def test_killed_restore_leaves_the_old_or_the_new_office(tmp_path):
    base = tmp_path / "base.db"
    with Store.open(base) as store:
        generate_demo(store, members=1000, seed=1)
    source = tmp_path / "source.db"
    with Store.open(source) as store:
        generate_demo(store, members=6000, seed=2)
        copy = backup.make_backup(store, tmp_path / "copies")

    def db(i):
        return tmp_path / f"office{i}" / "office.db"

    def prepare(i):
        db(i).parent.mkdir(exist_ok=True)
        shutil.copy(base, db(i))
        return unionoffice("restore", copy, "--db", db(i))

    def verify(i, killed):
        healthy(db(i))
        with Store.open(db(i)) as store:
            members = store.counts()["members"]
        assert members in (1000, 6000), members
        return "whole" if members == 6000 else "absent"

    outcomes = kill_test("restore", prepare, verify, marker=None, iterations=ITERATIONS, seed=3)
    assert sum(outcomes.values()) == ITERATIONS


def write_members_workbook(path: Path, n: int, seed: int = 5) -> None:
    from openpyxl import Workbook

    rng = random.Random(seed)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("会员名册")
    ws.append(["姓名", "性别", "身份证号", "手机", "工作单位", "入会日期"])
    used: set[str] = set()
    for i in range(n):
        while True:
            birth = date(1965 + rng.randrange(40), 1 + rng.randrange(12), 1 + rng.randrange(28))
            number = make_id_number("440303", birth, rng.randrange(1000))
            if number not in used:
                used.add(number)
                break
        ws.append([f"导入{i:05d}", "男" if int(number[16]) % 2 else "女", number, f"139{i:08d}",
                   f"导入测试单位{i % 50:02d}", "2020-05-01"])
    wb.save(path)


def command_exists(name: str) -> bool:
    return any(entry.partition(":")[0] == name for entry in COMMANDS)


@pytest.mark.skipif(not command_exists("import"), reason="unionoffice import is not built yet")
def test_killed_member_import_is_all_or_nothing(tmp_path):
    pytest.importorskip("unionoffice.exchange.importing.importer")
    n = 20000
    sheet = tmp_path / "名册.xlsx"
    write_members_workbook(sheet, n)
    base = tmp_path / "base.db"
    with Store.open(base) as store:
        generate_demo(store, members=200, seed=4)

    def db(i):
        return tmp_path / f"import{i}.db"

    def prepare(i):
        shutil.copy(base, db(i))
        return unionoffice("import", "members", sheet, "--db", db(i))

    def verify(i, killed):
        healthy(db(i))
        with Store.open(db(i)) as store:
            members = store.counts()["members"]
            made = store.scalar("SELECT count(*) FROM orgs WHERE name LIKE '导入测试单位%'")
            assert (members, made) in ((200, 0), (200 + n, 50)), (members, made)
            assert audit_count(store, "members") == members
            return "whole" if made else "absent"

    outcomes = kill_test("import members", prepare, verify, marker="读取", iterations=FEW, seed=5)
    assert sum(outcomes.values()) == FEW


@pytest.mark.skipif(not command_exists("print"), reason="unionoffice print is not built yet")
def test_killed_final_print_locks_all_or_nothing(tmp_path):
    campaigns = pytest.importorskip("unionoffice.core.assistance.campaigns")
    base = tmp_path / "base.db"
    with Store.open(base) as store:
        generate_demo(store, members=2500, seed=6)
        ids = [r[0] for r in store.query("SELECT id FROM members WHERE status = '正常' LIMIT 2000")]
        cid = campaigns.create_campaign(store, {"kind": "元旦春节送温暖", "campaign_date": "2026-01-20",
                                                "name": "2026年元旦春节送温暖（会员）",
                                                "funding_source": "街道总工会", "standard_amount": "500"})
        campaigns.add_recipients(store, cid, campaigns.member_candidates(store, ids), amount="500")

    def paths(i):
        return tmp_path / f"print{i}.db", tmp_path / f"发放表{i}.pdf"

    def prepare(i):
        db, pdf = paths(i)
        shutil.copy(base, db)
        return unionoffice("print", "disbursement", "--db", db, "--campaign", cid, "--out", pdf, "--final",
                            "--allow-duplicates")

    def verify(i, killed):
        db, pdf = paths(i)
        healthy(db)
        with Store.open(db) as store:
            status = store.scalar("SELECT status FROM campaigns WHERE id = ?", (cid,))
            locked = store.scalar("SELECT count(*) FROM assistance WHERE campaign_id = ? AND locked = 1", (cid,))
        assert (status, locked) in (("草稿", 0), ("已打印", len(ids))), (status, locked)
        if status == "已打印":
            assert pdf.is_file() and pdf.read_bytes().startswith(b"%PDF")  # written before the commit
            return "whole"
        return "absent"

    outcomes = kill_test("print --final", prepare, verify, marker=None, iterations=FEW, seed=6)
    assert sum(outcomes.values()) == FEW


# ------------------------------------------------------------------ read-only media
def _drop_file_override() -> None:
    """In the child: as root, give up the power to write files whose mode says read-only."""
    if os.geteuid() != 0:
        return
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
        if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP, effective after exec
            raise OSError(ctypes.get_errno(), "prctl")


def run_as_user(*args) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(unionoffice(*args), capture_output=True, text=True, encoding="utf-8", cwd=ROOT,
                              preexec_fn=_drop_file_override, timeout=120)
    except subprocess.SubprocessError as exc:
        if "prctl" in str(exc) or "preexec_fn" in str(exc):
            pytest.skip("cannot drop root's override of file modes here")
        raise


@pytest.fixture
def small_office(tmp_path):
    folder = tmp_path / "光盘"
    folder.mkdir()
    path = folder / "office.db"
    with Store.open(path) as store:
        generate_demo(store, members=50, seed=1)
    yield path
    for p in (folder, *folder.iterdir()):
        p.chmod(0o700)


def test_read_only_file_is_refused_in_chinese_and_left_untouched(small_office):
    small_office.chmod(0o400)
    before = small_office.read_bytes()
    result = run_as_user("backup", "--db", small_office)
    assert result.returncode == 1, result.stderr
    assert "只读" in result.stderr and result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert small_office.read_bytes() == before
    assert not small_office.with_name("office.db-wal").exists()
    # checking is reading: it works on read-only media
    assert run_as_user("check", "--db", small_office).returncode == 0


def test_read_only_folder_is_refused_in_chinese(small_office):
    folder = small_office.parent
    folder.chmod(0o500)
    result = run_as_user("backup", "--db", small_office)
    assert result.returncode == 1 and "只读" in result.stderr, result.stderr
    assert sorted(p.name for p in folder.iterdir()) == ["office.db", "office.db.lock"]


def test_new_file_in_a_read_only_folder_is_refused(tmp_path):
    folder = tmp_path / "只读"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        result = run_as_user("demo", folder / "new.db", "--members", 10)
        assert result.returncode == 1 and "只读" in result.stderr, result.stderr
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o700)


# ---------------------------------------------------------------------- full disk
def fill_disk(store: Store, spare_pages: int = 2) -> None:
    """Make the database unable to grow, as a full disk would (per connection)."""
    pages = store.scalar("PRAGMA page_count")
    store.conn.execute(f"PRAGMA max_page_count = {pages + spare_pages}")


def test_full_disk_rolls_the_whole_change_back(tmp_path):
    with Store.open(tmp_path / "office.db") as store:
        generate_demo(store, members=100, seed=1)
        before = (store.counts(), store.scalar("SELECT count(*) FROM audit"))
        fill_disk(store)
        with pytest.raises(StoreError) as err:
            with store.atomic():
                for i in range(2000):
                    orgs.create_org(store, {"name": f"新单位{i}", "address": "东湖路" * 20})
        assert "磁盘空间不足" in str(err.value) and "撤销" in str(err.value)
        assert (store.counts(), store.scalar("SELECT count(*) FROM audit")) == before
        assert not store.in_transaction
        store.conn.execute("PRAGMA max_page_count = 1073741823")  # space freed: work goes on
        orgs.create_org(store, {"name": "清理磁盘后新增"})
        assert store.counts()["orgs"] == before[0]["orgs"] + 1
    healthy(tmp_path / "office.db")


def test_full_disk_in_a_single_save_is_explained(tmp_path):
    from unionoffice.core.members import records as members

    with Store.open(tmp_path / "office.db") as store:
        fill_disk(store, spare_pages=0)
        with pytest.raises(StoreError, match="磁盘空间不足"):
            members.create_member(store, {"name": "张三", "id_number": "11010519491231002X", "notes": "备注" * 3000})
        assert store.counts()["members"] == 0


def test_full_disk_during_backup_leaves_no_partial_copy(tmp_path, monkeypatch):
    real_connect = driver.sqlite.connect

    def tiny_disk(target, *args, **kwargs):
        conn = real_connect(target, *args, **kwargs)
        if str(target).endswith(".part"):
            conn.execute("PRAGMA max_page_count = 3")
        return conn

    with Store.open(tmp_path / "office.db") as store:
        generate_demo(store, members=100, seed=1)
        good = backup.make_backup(store)
        monkeypatch.setattr(driver.sqlite, "connect", tiny_disk)
        with pytest.raises(StoreError, match="磁盘空间不足，备份未完成"):
            backup.auto_backup(store)
        monkeypatch.undo()
        assert [b.path for b in backup.list_backups(store.path)] == [good]
        assert not list(good.parent.glob("*.part"))


# ------------------------------------------------------------- another instance
HOLD_SCRIPT = r"""
import sys, time
from unionoffice.core.store.connection import Store
store = Store.open(sys.argv[1], user="另一位专干")
print("已打开", flush=True)
time.sleep(120)
"""


def test_file_held_by_another_instance(tmp_path):
    path = tmp_path / "office.db"
    with Store.open(path) as store:
        generate_demo(store, members=80, seed=1)
        copy = backup.make_backup(store)
    holder, lines = spawn([sys.executable, "-c", HOLD_SCRIPT, str(path)])
    try:
        wait_for(lines, "已打开", holder)
        with pytest.raises(FileInUseError) as err:
            Store.open(path)
        assert "正在被使用" in str(err.value) and f"进程 {holder.pid}" in str(err.value)
        result = subprocess.run(unionoffice("restore", copy, "--db", path), capture_output=True, text=True, encoding="utf-8", cwd=ROOT)
        assert result.returncode == 1 and "正在被使用" in result.stderr, result.stderr
        assert result.stderr.count("\n") == 1
        assert run_check(path).returncode == 0  # checking is allowed while it is open
        assert not list(tmp_path.glob(".office.db.restore-*"))
        assert [b.path for b in backup.list_backups(path)] == [copy]
        # a backup only reads (SQLite's backup API beside the window): it is made
        made = subprocess.run(unionoffice("backup", "--db", path), capture_output=True, text=True, cwd=ROOT)
        assert made.returncode == 0, made.stderr
        assert len(backup.list_backups(path)) == 2
    finally:
        holder.kill()
        holder.wait()
    with Store.open(path) as store:  # the dead holder's lock went with it
        assert store.counts()["members"] == 80


def run_check(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run(unionoffice("check", "--db", path), capture_output=True, text=True, encoding="utf-8", cwd=ROOT)


# ------------------------------------------------------------- encrypted offices
def test_killed_password_change_leaves_the_old_or_the_new_password(tmp_path, monkeypatch):
    """Re-encrypting copies the whole file: killed at any moment, the office opens with one of the
    two passwords, whole, and nothing of the staged copy is left beside it."""
    base = tmp_path / "base.db"
    with Store.open(base) as store:
        generate_demo(store, members=6000, seed=6)
        from unionoffice.core.store import auth

        auth.set_password(store, "旧密码123456")
    monkeypatch.setenv("UNIONOFFICE_PASSWORD", "旧密码123456")
    monkeypatch.setenv("UNIONOFFICE_NEW_PASSWORD", "新密码654321")

    def db(i):
        return tmp_path / f"office{i}" / "office.db"

    def prepare(i):
        db(i).parent.mkdir(exist_ok=True)
        shutil.copy(base, db(i))
        return unionoffice("password", "change", "--db", db(i))

    def verify(i, killed):
        driver.forget_all()
        outcome = None
        for password, name in (("旧密码123456", "absent"), ("新密码654321", "whole")):
            driver.forget_all()  # each password alone
            try:
                with Store.open(db(i), password=password) as store:
                    assert store.counts()["members"] == 6000 and store.encrypted
                outcome = name
            except driver.PasswordError:
                pass
        assert outcome is not None, "neither password opens the office"
        right = "旧密码123456" if outcome == "absent" else "新密码654321"
        driver.forget_all()
        driver.remember(right)
        healthy(db(i))
        leftovers = [p.name for p in db(i).parent.iterdir() if ".rekey-" in p.name]
        assert not leftovers or killed, leftovers  # a killed run's staged copy is cleaned on next open
        with Store.open(db(i), password=right):
            pass
        assert not [p for p in db(i).parent.iterdir() if ".rekey-" in p.name]
        return outcome

    outcomes = kill_test("password change", prepare, verify, marker=None, iterations=FEW, seed=8)
    assert sum(outcomes.values()) == FEW


def test_killed_import_into_an_encrypted_office_is_all_or_nothing(tmp_path, monkeypatch):
    n = 5000
    sheet = tmp_path / "名册.xlsx"
    write_members_workbook(sheet, n, seed=9)
    base = tmp_path / "base.db"
    with Store.open(base) as store:
        generate_demo(store, members=200, seed=4)
        from unionoffice.core.store import auth

        auth.set_password(store, "secret1")
    monkeypatch.setenv("UNIONOFFICE_PASSWORD", "secret1")

    def db(i):
        return tmp_path / f"import{i}.db"

    def prepare(i):
        shutil.copy(base, db(i))
        return unionoffice("import", "members", sheet, "--db", db(i))

    def verify(i, killed):
        driver.remember("secret1")
        healthy(db(i))
        with Store.open(db(i)) as store:
            assert store.encrypted
            members = store.counts()["members"]
            assert members in (200, 200 + n), members
            return "whole" if members > 200 else "absent"

    outcomes = kill_test("import encrypted", prepare, verify, marker="读取", iterations=FEW, seed=10)
    assert sum(outcomes.values()) == FEW
