"""Activity photos and scanned sign-in sheets are as safe as the records: every backup secures them
in one shared store in the backup folder (new files only, each verified), rotation keeps what any
remaining backup needs, restore brings them back, and check reports the ones that are gone."""

from __future__ import annotations

import hashlib
import os
from datetime import datetime
from pathlib import Path

import pytest

from unionoffice.core.activities import records as act
from unionoffice.core.activities import files as activity_files
from unionoffice.core.store import backup
from unionoffice.core.store import backup_attachments as files
from unionoffice.core.store.backup_policy import Retention
from unionoffice.core.store.check import check_database
from unionoffice.core.errors import StoreError
from unionoffice.core.store.connection import Store

KEEP_NEWEST = Retention(last=1, daily=0, weekly=0, monthly=0)


def photo(folder: Path, name: str, size: int = 3000) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(os.urandom(size))
    return path


def add_activity(store: Store, title: str, day: str, *attachments: Path) -> int:
    return act.create_activity(store, {"title": title, "kind": "其他", "start_date": day},
                               attachments=list(attachments))


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def store_of(db_path: Path, folder: Path | None = None) -> Path:
    return files.store_dir(folder or backup.backup_dir_for(db_path), db_path.stem)


def hash_files(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir() if len(p.name) == 64} if folder.is_dir() else set()


# ------------------------------------------------------------------- backing up
def test_each_file_is_copied_once_across_backups(store, tmp_path):
    first, second, third = (photo(tmp_path / "相机", f"{n}.jpg") for n in ("合影", "签到表", "颁奖"))
    add_activity(store, "三八节插花", "2026-03-07", first, second)
    made = backup.backup_office(store)
    assert (made.files.total, made.files.copied) == (2, 2)
    shared = store_of(store.path)
    assert hash_files(shared) == {sha(first), sha(second)}
    stamps = {p.name: p.stat().st_mtime_ns for p in shared.iterdir()}

    add_activity(store, "五一健步走", "2026-05-01", third)
    again = backup.backup_office(store)
    assert (again.files.total, again.files.copied, again.files.copied_bytes) == (3, 1, 3000)
    assert hash_files(shared) == {sha(first), sha(second), sha(third)}
    assert all(shared.joinpath(n).stat().st_mtime_ns == t for n, t in stamps.items())  # not rewritten
    assert "没有新文件需要复制" in backup.backup_office(store).files.lines()[0]
    for name in hash_files(shared):
        assert sha(shared / name) == name
    assert not list(shared.glob("*.part")) and not list(shared.glob(".*.part"))


def test_backup_copies_are_private_and_the_backup_list_ignores_the_store(store, tmp_path):
    add_activity(store, "合唱比赛", "2026-06-01", photo(tmp_path, "a.jpg"))
    path = backup.make_backup(store)
    (copy,) = store_of(store.path).iterdir()
    if os.name != "nt":
        assert copy.stat().st_mode & 0o077 == 0 and store_of(store.path).stat().st_mode & 0o077 == 0
    assert [b.path for b in backup.list_backups(store.path)] == [path]


def test_backup_to_another_folder_takes_its_own_store(store, tmp_path):
    a = photo(tmp_path, "a.jpg")
    add_activity(store, "合唱比赛", "2026-06-01", a)
    usb = tmp_path / "U盘"
    backup.make_backup(store, usb)
    assert hash_files(store_of(store.path, usb)) == {sha(a)}


def test_a_truncated_copy_in_the_store_is_copied_again(store, tmp_path):
    a = photo(tmp_path, "a.jpg")
    add_activity(store, "合唱比赛", "2026-06-01", a)
    backup.make_backup(store)
    kept = store_of(store.path) / sha(a)
    os.truncate(kept, 100)
    assert backup.backup_office(store).files.copied == 1
    assert sha(kept) == kept.name


def test_a_damaged_live_file_is_not_backed_up_over_a_good_copy(store, tmp_path):
    a, b = photo(tmp_path, "合影.jpg"), photo(tmp_path, "签到表.png")
    add_activity(store, "合唱比赛", "2026-06-01", a)
    backup.make_backup(store)
    add_activity(store, "技能竞赛", "2026-07-02", b)
    for name in (sha(a), sha(b)):  # same size, changed bytes: only the hash can tell
        live = activity_files.stored_path(store, name)
        live.write_bytes(b"x" * live.stat().st_size)
    made = backup.backup_office(store)
    assert made.files.copied == 0
    assert [r.name for r in made.files.unavailable] == ["签到表.png"]
    assert "1 个附件文件缺失或已损坏" in "\n".join(made.files.lines())
    assert "活动“技能竞赛”（2026-07-02）的“签到表.png”" in "\n".join(made.files.lines())
    assert hash_files(store_of(store.path)) == {sha(a)}
    assert sha(store_of(store.path) / sha(a)) == sha(a)  # the good copy stays good


def test_a_copy_that_reads_back_wrong_is_never_named(store, tmp_path, monkeypatch):
    a = photo(tmp_path, "a.jpg")
    add_activity(store, "合唱比赛", "2026-06-01", a)
    real = files.sha256_of
    monkeypatch.setattr(files, "sha256_of", lambda p: "0" * 64 if p.name.endswith(".part") else real(p))
    with pytest.raises(StoreError) as err:
        backup.make_backup(store)
    assert "数据库已备份到" in str(err.value) and "1 个附件文件未能复制" in str(err.value)
    shared = store_of(store.path)
    assert list(shared.iterdir()) == []
    assert len(backup.list_backups(store.path)) == 1  # the records' copy is kept


def test_a_full_disk_stops_the_copy_and_says_so(store, tmp_path, monkeypatch):
    for n in range(3):
        add_activity(store, f"活动{n}", "2026-06-01", photo(tmp_path, f"{n}.jpg"))

    def disk_full(src, out):
        out.write(src.read(10))
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files, "_copy_stream", disk_full)
    made = backup.backup_office(store)
    assert made.files.error.startswith("有 3 个附件文件未能复制") and "No space left" in made.files.error
    assert list(store_of(store.path).iterdir()) == []  # no .part, nothing that looks complete
    with pytest.raises(StoreError, match="磁盘是否已满"):
        made.raise_for_files()


def test_an_interrupted_copy_leaves_nothing_that_looks_complete(store, tmp_path, monkeypatch):
    add_activity(store, "合唱比赛", "2026-06-01", photo(tmp_path, "a.jpg", 5000))

    def killed(src, out):
        out.write(src.read(2000))
        raise KeyboardInterrupt

    monkeypatch.setattr(files, "_copy_stream", killed)
    with pytest.raises(KeyboardInterrupt):
        backup.make_backup(store)
    assert list(store_of(store.path).iterdir()) == []
    assert backup.list_backups(store.path) == []  # no backup that would look complete without its files
    monkeypatch.undo()
    assert backup.backup_office(store).files.copied == 1


def test_backups_kept_beside_the_database_say_the_files_have_no_second_copy(store, tmp_path):
    add_activity(store, "合唱比赛", "2026-06-01", photo(tmp_path, "a.jpg"))
    backup.set_backup_folder(store, store.path.parent)
    made = backup.backup_office(store)
    assert made.files.beside and "没有另存副本" in made.files.lines()[0]
    backup.rotate(store.path, store.path.parent, KEEP_NEWEST)  # must never prune the live folder
    assert len(hash_files(activity_files.attachments_dir(store))) == 1


# --------------------------------------------------------------------- rotation
def test_rotation_keeps_every_file_a_remaining_backup_refers_to(store, tmp_path):
    old, manual_only, new = (photo(tmp_path, f"{n}.jpg") for n in ("旧", "手动", "新"))
    first = add_activity(store, "元旦联欢", "2026-01-01", old)
    backup.auto_backup(store, now=datetime(2026, 1, 1, 9), policy=KEEP_NEWEST)
    act.update_activity(store, first, {}, removed_attachments=[
        a["id"] for a in activity_files.attachments_of(store, first)])
    second = add_activity(store, "春节慰问", "2026-02-01", manual_only)
    backup.make_backup(store, when=datetime(2026, 2, 1, 9))  # manual: never rotated
    act.delete_activities(store, [second])  # in the 回收站: still referred to by the live file
    add_activity(store, "三八节", "2026-03-08", new)
    result = backup.auto_backup(store, now=datetime(2026, 3, 8, 9), policy=KEEP_NEWEST)
    assert len(result.removed) == 1  # January's automatic backup went
    # 旧.jpg: only January's backup needed it; 手动.jpg: the manual one and the new one do
    assert hash_files(store_of(store.path)) == {sha(manual_only), sha(new)}
    assert activity_files.stored_path(store, sha(old)).is_file()  # the live folder is never pruned


def test_an_unreadable_backup_stops_pruning(store, tmp_path):
    a = photo(tmp_path, "a.jpg")
    aid = add_activity(store, "元旦联欢", "2026-01-01", a)
    backup.make_backup(store, when=datetime(2026, 1, 1, 9))
    (backup.backup_dir_for(store.path) / f"{store.path.stem}-20260102-090000.db").write_bytes(b"garbage" * 100)
    act.update_activity(store, aid, {}, removed_attachments=[activity_files.attachments_of(store, aid)[0]["id"]])
    for b in backup.list_backups(store.path):
        if b.ok:
            b.path.unlink()  # the only readable backup that needed a.jpg is gone
    backup.auto_backup(store, now=datetime(2026, 1, 3, 9), policy=KEEP_NEWEST)
    assert sha(a) in hash_files(store_of(store.path))  # the garbage file might have needed it


def test_no_pruning_while_another_backup_is_being_written(store, tmp_path):
    a = photo(tmp_path, "a.jpg")
    aid = add_activity(store, "元旦联欢", "2026-01-01", a)
    backup.make_backup(store)
    act.update_activity(store, aid, {}, removed_attachments=[activity_files.attachments_of(store, aid)[0]["id"]])
    for b in backup.list_backups(store.path):
        b.path.unlink()
    folder = backup.backup_dir_for(store.path)
    (folder / f"{store.path.stem}-20260101-090000.db.part").write_bytes(b"")
    backup.prune_attachments(store.path, folder)
    assert sha(a) in hash_files(store_of(store.path))
    (folder / f"{store.path.stem}-20260101-090000.db.part").unlink()
    assert [p.name for p in backup.prune_attachments(store.path, folder)] == [sha(a)]


# ---------------------------------------------------------------------- restore
def test_restore_onto_a_new_pc_brings_the_photos_back(tmp_path):
    office = tmp_path / "旧电脑" / "东湖.db"
    camera = tmp_path / "相机"
    with Store.open(office) as s:
        aid = add_activity(s, "三八节插花", "2026-03-07", photo(camera, "合影.jpg"), photo(camera, "签到表.pdf"))
        copy = backup.make_backup(s, tmp_path / "U盘")
    new_pc = tmp_path / "新电脑" / "工会数据.db"  # another name: the store is found beside the backup
    result = backup.restore_office(copy, new_pc)
    assert (result.files.total, result.files.restored, result.files.lost) == (2, 2, [])
    assert result.files.message() == "" and result.safety is None
    with Store.open(new_pc) as s:
        for att in activity_files.attachments_of(s, aid):
            assert att["present"]
            out = activity_files.copy_out(s, att["id"], tmp_path / "打开")
            assert out.read_bytes() == (camera / att["original_name"]).read_bytes()


def test_restore_never_removes_live_files(store, tmp_path):
    kept = photo(tmp_path, "后来的.jpg")
    copy = backup.make_backup(store)
    add_activity(store, "后来的活动", "2026-09-01", kept)
    path = store.path
    store.close()
    result = backup.restore_office(copy, path)
    assert result.files.total == 0
    assert (activity_files.attachments_dir_for(path) / sha(kept)).is_file()
    assert sha(kept) in hash_files(store_of(path))  # secured by the before-restore copy as well


def test_restore_says_which_attachments_are_lost_and_still_restores(tmp_path):
    office = tmp_path / "旧电脑" / "东湖.db"
    with Store.open(office) as s:
        s.execute("INSERT INTO orgs(name) VALUES ('甲')")
        add_activity(s, "三八节插花", "2026-03-07", photo(tmp_path, "合影.jpg"))
        add_activity(s, "五一健步走", "2026-05-01", photo(tmp_path, "签到表.jpg"))
        copy = backup.make_backup(s)
    shared = store_of(office)
    (shared / sha(tmp_path / "合影.jpg")).unlink()  # lost from the backup store
    bad = shared / sha(tmp_path / "签到表.jpg")
    bad.write_bytes(b"\0" * bad.stat().st_size)  # damaged in place, right size
    result = backup.restore_office(copy, tmp_path / "新电脑" / "东湖.db")
    assert result.files.restored == 0 and len(result.files.lost) == 2
    text = result.files.message()
    assert text.startswith("有 2 个附件文件无法找回（备份中没有或已损坏）")
    assert "活动“三八节插花”（2026-03-07）的“合影.jpg”" in text
    assert backup.describe(tmp_path / "新电脑" / "东湖.db").orgs == 1  # the records are back
    assert hash_files(tmp_path / "新电脑" / "东湖-附件") == set()  # the damaged copy was not installed


def test_recover_attachments_repairs_files_without_touching_records(store, tmp_path):
    a, b = photo(tmp_path, "a.jpg"), photo(tmp_path, "b.jpg")
    add_activity(store, "合唱比赛", "2026-06-01", a, b)
    backup.make_backup(store)
    live = activity_files.attachments_dir(store)
    (live / sha(a)).unlink()
    (live / sha(b)).write_bytes(b"\0" * 3000)  # same size, wrong content
    store.execute("INSERT INTO orgs(name) VALUES ('备份之后新增的单位')")
    result = backup.recover_attachments(store)
    assert (result.restored, result.lost) == (2, [])
    assert sha(live / sha(a)) == sha(a) and sha(live / sha(b)) == sha(b)
    assert store.counts()["orgs"] == 1


# ------------------------------------------------------------------------ check
def test_check_reports_missing_and_damaged_attachments(store, tmp_path):
    a, b, c = (photo(tmp_path, f"{n}.jpg") for n in ("合影", "签到表", "颁奖"))
    add_activity(store, "三八节插花", "2026-03-07", a)
    add_activity(store, "五一健步走", "2026-05-01", b, c)
    assert check_database(store.path).ok
    backup.make_backup(store)
    live = activity_files.attachments_dir(store)
    (live / sha(a)).unlink()
    (live / sha(b)).write_bytes(b"\1" * 3000)
    (live / sha(c)).unlink()
    (store_of(store.path) / sha(c)).unlink()  # and gone from the backup too
    report = check_database(store.path)
    assert report.db_ok and not report.ok
    assert report.problem().startswith("有 3 个活动附件文件缺失或已损坏")
    text = "\n".join(report.lines())
    assert "附件：3 个文件，缺失 2 个，损坏 1 个" in text
    assert "缺失：活动“三八节插花”（2026-03-07）的“合影.jpg”" in text
    assert "损坏：活动“五一健步走”（2026-05-01）的“签到表.jpg”" in text
    assert "其中 2 个可从备份找回：unionoffice restore --attachments" in text
    assert "结论：数据库正常，但有附件文件缺失或损坏" in text
    assert "最近的完好备份" not in text  # the records are fine: no advice to roll them back


def test_check_lists_the_first_few_and_counts_the_rest(store, tmp_path):
    for n in range(8):
        add_activity(store, f"活动{n}", f"2026-06-0{n + 1}", photo(tmp_path, f"{n}.jpg"))
    for p in activity_files.attachments_dir(store).iterdir():
        p.unlink()
    report = check_database(store.path)
    lines = report.lines()
    assert sum(line.startswith("  缺失：") for line in lines) == 5
    assert "  …… 共 8 个" in lines
    assert "备份中也没有这些文件" in "\n".join(lines)
