"""A damaged office file — truncated, overwritten, emptied — is named as damaged in Chinese, never
changed by checking it, and can be replaced by the newest backup that verifies."""

import os
import random
import shutil
import sqlite3

import pytest

from unionoffice.cli import main
from unionoffice.core.store import backup
from unionoffice.core.store.check import check_database
from unionoffice.core.demo.office import generate_demo
from unionoffice.core.store.connection import DamagedFileError, Store
from unionoffice.core.store.driver import sqlite as dbapi  # the store's SQLite (SQLCipher)


@pytest.fixture
def office(tmp_path):
    """A small demo office with one verified backup, closed (so its WAL is merged into the file)."""
    path = tmp_path / "东湖.db"
    with Store.open(path) as store:
        generate_demo(store, members=300, seed=3)
        good = backup.make_backup(store)
    return path, good


def truncate_half(path):
    os.truncate(path, path.stat().st_size // 2)


def truncate_header(path):
    os.truncate(path, 60)


def overwrite_middle(path):
    rng = random.Random(8)
    size = path.stat().st_size
    with open(path, "r+b") as f:
        f.seek(4096 * 3)
        f.write(bytes(rng.randrange(256) for _ in range(min(4096 * 6, size - 4096 * 4))))


def empty(path):
    os.truncate(path, 0)


def text_file(path):
    path.write_text("会员名单\n张三\n" * 300, encoding="utf-8")


DAMAGES = [truncate_half, truncate_header, overwrite_middle, empty, text_file]


def damaged_on_use(path) -> str:
    """Open the file as the program does and use it as the window would: the Chinese message."""
    try:
        with Store.open(path) as store:
            store.counts()
            backup.make_backup(store)  # the automatic backup on opening checks every page
    except DamagedFileError as err:
        return str(err)
    return ""


@pytest.mark.parametrize("damage", DAMAGES, ids=lambda f: f.__name__)
def test_damage_is_reported_in_chinese_when_the_file_is_used(office, damage):
    path, good = office
    damage(path)
    message = damaged_on_use(path)
    assert "损坏" in message and path.name in message
    assert not any(b.label.startswith(backup.AUTO_LABEL) for b in backup.list_backups(path))


@pytest.mark.parametrize("damage", DAMAGES, ids=lambda f: f.__name__)
def test_check_fails_with_a_clear_line_and_names_the_backup(office, damage, capsys):
    path, good = office
    damage(path)
    before = path.read_bytes()
    assert main(["check", "--db", str(path)]) == 1
    out, err = capsys.readouterr()
    assert "结论：有问题" in out and "Traceback" not in out + err
    assert err.count("\n") == 1 and err.startswith("错误：") and path.name in err
    assert f"最近的完好备份：{good}" in out and "unionoffice restore" in out
    assert path.read_bytes() == before  # checking never changes the file


def test_check_of_a_healthy_file_passes(office, capsys):
    path, _ = office
    assert main(["check", "--db", str(path)]) == 0
    out, err = capsys.readouterr()
    assert "结论：正常" in out and err == ""


@pytest.mark.parametrize("damage", DAMAGES, ids=lambda f: f.__name__)
def test_restore_replaces_a_damaged_file_and_keeps_it_aside(office, damage):
    path, good = office
    damage(path)
    Path_wal = path.with_name(path.name + "-wal")
    Path_wal.write_bytes(b"stale journal of the damaged file")
    found = backup.latest_good_backup(path)
    assert found is not None and found.path == good
    aside = backup.restore(found.path, path)
    assert aside is not None and aside.exists() and backup.DAMAGED_LABEL in aside.name
    assert not Path_wal.exists()  # moved aside with its file, never replayed into the restored one
    report = check_database(path)
    assert report.ok and report.counts["members"] == 300
    listed = {b.path: b for b in backup.list_backups(path)}
    assert listed[aside].kind.startswith("损坏的原文件")
    assert backup.latest_good_backup(path).path == good  # the damaged copy is never offered


def test_latest_good_backup_skips_damaged_copies(office):
    path, good = office
    newer = good.with_name(f"{path.stem}-29991231-235959-{backup.AUTO_LABEL}.db")
    shutil.copy(good, newer)
    overwrite_middle(newer)
    assert backup.latest_good_backup(path).path == good
    good.unlink()
    assert backup.latest_good_backup(path) is None


def test_an_empty_file_without_backups_may_become_a_new_office(tmp_path):
    path = tmp_path / "新.db"
    path.write_bytes(b"")
    with pytest.raises(DamagedFileError, match="0 字节"):
        Store.open(path, create=False)  # opening an existing file: it lost its content
    with Store.open(path) as store:  # 新建 on an empty file is fine
        assert store.counts() == {"orgs": 0, "members": 0}


def test_an_emptied_file_with_backups_is_damaged_even_when_creating(office):
    path, _ = office
    empty(path)
    with pytest.raises(DamagedFileError, match="0 字节"):
        Store.open(path)
    assert path.stat().st_size == 0  # not silently turned into an empty office


def test_restore_command_brings_back_a_damaged_file(office, capsys):
    path, good = office
    truncate_half(path)
    assert main(["restore", str(good), "--db", str(path)]) == 0
    out, _ = capsys.readouterr()
    assert "会员 300 人" in out and "损坏" in out
    assert check_database(path).ok


def test_backup_of_a_damaged_file_is_refused_and_leaves_no_copy(office, capsys):
    path, good = office
    overwrite_middle(path)
    code = main(["backup", "--db", str(path)])
    _, err = capsys.readouterr()
    assert code == 1 and "损坏" in err and err.count("\n") == 1
    assert [b.path for b in backup.list_backups(path)] == [good]
    assert not list(good.parent.glob("*.part"))


def test_sqlite_level_corruption_inside_a_transaction_is_a_damaged_file_error(office):
    path, _ = office
    with Store.open(path) as store:
        store.conn.execute("PRAGMA writable_schema = ON")
        with pytest.raises(DamagedFileError):
            with store.atomic():
                raise dbapi.DatabaseError("database disk image is malformed")
