"""The backup, restore and check commands with activity attachments, and a backup killed (SIGKILL)
while it copies photos: what a clerk types and reads, exit codes included."""

from __future__ import annotations

import hashlib
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from unionoffice.core.activities import records as act
from unionoffice.core.activities import files as activity_files
from unionoffice.core.store import backup
from unionoffice.core.store import backup_attachments as files
from unionoffice.core.store.connection import Store

ROOT = Path(__file__).resolve().parents[3]
KILLS = max(3, int(os.environ.get("UNIONOFFICE_KILL_ITERATIONS", "10")) // 2)


def cli(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "unionoffice", *map(str, args)],
                          capture_output=True, text=True, encoding="utf-8", cwd=ROOT)


def office_with_photos(db: Path, camera: Path, sizes=(3000, 4000)) -> list[Path]:
    camera.mkdir(parents=True, exist_ok=True)
    photos = []
    with Store.open(db) as s:
        for n, size in enumerate(sizes):
            p = camera / f"照片{n}.jpg"
            p.write_bytes(os.urandom(size))
            act.create_activity(s, {"title": f"活动{n}", "kind": "其他", "start_date": f"2026-04-0{n + 1}"},
                                attachments=[p])
            photos.append(p)
    return photos


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_backup_command_reports_the_attachments(tmp_path):
    db = tmp_path / "东湖.db"
    office_with_photos(db, tmp_path / "相机")
    first = cli("backup", "--db", db)
    assert first.returncode == 0, first.stderr
    assert "附件：共 2 个文件，本次新复制 2 个" in first.stdout and first.stderr == ""
    second = cli("backup", "--db", db)
    assert "没有新文件需要复制" in second.stdout


def test_backup_command_warns_about_lost_files_but_succeeds(tmp_path):
    db = tmp_path / "东湖.db"
    photos = office_with_photos(db, tmp_path / "相机")
    (db.with_name("东湖-附件") / sha(photos[0])).unlink()
    result = cli("backup", "--db", db)
    assert result.returncode == 0
    assert result.stderr.startswith("注意：1 个附件文件缺失或已损坏，无法备份：活动“活动0”（2026-04-01）的“照片0.jpg”")
    assert result.stderr.count("\n") == 1


def test_restore_command_onto_a_new_folder(tmp_path):
    db = tmp_path / "旧" / "东湖.db"
    photos = office_with_photos(db, tmp_path / "相机")
    assert cli("backup", "--db", db, "--to", tmp_path / "U盘").returncode == 0
    (copy,) = (tmp_path / "U盘").glob("*.db")
    files.store_dir(tmp_path / "U盘", "东湖").joinpath(sha(photos[1])).unlink()
    result = cli("restore", copy, "--db", tmp_path / "新" / "东湖.db")
    assert result.returncode == 0, result.stderr
    assert "附件：从备份找回 1 个文件" in result.stdout
    assert result.stderr.strip() == ("注意：有 1 个附件文件无法找回（备份中没有或已损坏）："
                                     "活动“活动1”（2026-04-02）的“照片1.jpg”。")
    assert (tmp_path / "新" / "东湖-附件" / sha(photos[0])).read_bytes() == photos[0].read_bytes()


def test_check_then_recover_attachments(tmp_path):
    db = tmp_path / "东湖.db"
    photos = office_with_photos(db, tmp_path / "相机")
    assert cli("backup", "--db", db).returncode == 0
    live = db.with_name("东湖-附件")
    for p in photos:
        (live / sha(p)).unlink()
    checked = cli("check", "--db", db)
    assert checked.returncode == 1
    assert checked.stderr.count("\n") == 1 and "有 2 个活动附件文件缺失或已损坏" in checked.stderr
    assert "缺失：活动“活动0”（2026-04-01）的“照片0.jpg”" in checked.stdout
    assert "其中 2 个可从备份找回" in checked.stdout
    fixed = cli("restore", "--attachments", "--db", db)
    assert fixed.returncode == 0 and "从备份找回 2 个文件" in fixed.stdout
    assert cli("check", "--db", db).returncode == 0
    assert "都在且完好" in cli("restore", "--attachments", "--db", db).stdout


def test_recover_attachments_that_no_backup_has_fails_with_one_line(tmp_path):
    db = tmp_path / "东湖.db"
    photos = office_with_photos(db, tmp_path / "相机")
    (db.with_name("东湖-附件") / sha(photos[0])).unlink()
    result = cli("restore", "--attachments", "--db", db)
    assert result.returncode == 1 and result.stderr.count("\n") == 1
    assert result.stderr.startswith("错误：有 1 个附件文件无法找回") and "Traceback" not in result.stderr


@pytest.mark.parametrize("args", [(), ("备份.db", "--attachments")])
def test_restore_wants_a_backup_or_attachments(tmp_path, args):
    result = cli("restore", *args, "--db", tmp_path / "x.db")
    assert result.returncode == 2 and "二者选一" in result.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_a_backup_killed_while_copying_photos_leaves_nothing_that_looks_complete(tmp_path):
    """Killed as soon as a .part appears in the store (and a little later): every file named by a
    hash holds exactly that content, a backup that exists has all its files, and the next backup
    finishes the job."""
    db = tmp_path / "东湖.db"
    office_with_photos(db, tmp_path / "相机", sizes=(24_000_000,) * 4)
    rng = random.Random(5)
    mid_copy = 0
    for i in range(KILLS):
        folder = tmp_path / f"备份{i}"
        shared = files.store_dir(folder, "东湖")
        proc = subprocess.Popen([sys.executable, "-m", "unionoffice", "backup", "--db", str(db), "--to", str(folder)],
                                cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while proc.poll() is None and time.monotonic() < deadline and not list(shared.glob(".*.part")):
            time.sleep(0.002)
        time.sleep(0 if i % 2 == 0 else rng.uniform(0, 0.05))  # at once, or a little into the copy
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
            mid_copy += 1
        proc.wait(timeout=60)
        assert_store_sound(db, folder)
        assert cli("backup", "--db", db, "--to", folder).returncode == 0
        assert_store_sound(db, folder)
        assert len(backup.list_backups(db, folder)) >= 1
    print(f"\nbackup with photos: killed mid-way {mid_copy} of {KILLS}")
    assert mid_copy >= 1


def assert_store_sound(db: Path, folder: Path) -> None:
    shared = files.store_dir(folder, db.stem)
    named = [p for p in shared.iterdir() if len(p.name) == 64] if shared.is_dir() else []
    for p in named:
        assert sha(p) == p.name, f"{p.name} looks complete but is not"
    for info in backup.list_backups(db, folder):
        for ref in files.refs_in_file(info.path) or []:
            assert (shared / ref.sha256).is_file(), f"{info.path.name} lacks {ref.name}"
    with Store.open(db) as s:  # the office itself is untouched
        assert len(files.read_refs(s.conn)) == 4
        assert activity_files.missing_files(s) == []
