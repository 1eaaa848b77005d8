"""Backups are verified copies; restore brings the data back and keeps the current file aside."""

from unionoffice.core.store import backup
from unionoffice.core.store.connection import Store


def add_org(store, name):
    store.execute("INSERT INTO orgs(name) VALUES (?)", (name,))


def test_backup_then_restore_brings_records_back(db_path):
    with Store.open(db_path) as store:
        add_org(store, "甲")
        copy = backup.make_backup(store)
        add_org(store, "乙")
    assert copy.parent == backup.backup_dir_for(db_path)
    safety = backup.restore(copy, db_path)
    with Store.open(db_path) as store:
        assert [r["name"] for r in store.query("SELECT name FROM orgs")] == ["甲"]
    # the state before the restore was saved and holds both orgs
    assert backup.describe(safety).orgs == 2


def test_list_backups_gives_counts_newest_first(db_path):
    with Store.open(db_path) as store:
        first = backup.make_backup(store)
        add_org(store, "甲")
        second = backup.make_backup(store)
    listed = backup.list_backups(db_path)
    assert [b.path for b in listed][:2] in ([second, first], [first, second])
    by_path = {b.path: b for b in listed}
    assert by_path[first].orgs == 0 and by_path[second].orgs == 1 and by_path[second].ok


def test_damaged_backup_is_refused(db_path, tmp_path):
    import pytest
    from unionoffice.core.errors import StoreError

    Store.open(db_path).close()
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)
    with pytest.raises(StoreError, match="不能用于恢复"):
        backup.restore(bad, db_path)


def test_backup_files_are_private(db_path):
    import os
    import sys

    with Store.open(db_path) as store:
        copy = backup.make_backup(store)
    if sys.platform != "win32":
        assert os.stat(copy).st_mode & 0o077 == 0
