"""The store: WAL, foreign keys, nested transactions, settings, the single-instance lock."""

import sqlite3

import pytest

from unionoffice.core.errors import FileInUseError, StoreError
from unionoffice.core.store.connection import Store
from unionoffice.core.store.driver import sqlite as dbapi  # the store's SQLite (SQLCipher)


def test_new_file_is_wal_with_foreign_keys(store):
    assert store.scalar("PRAGMA journal_mode") == "wal"
    assert store.scalar("PRAGMA foreign_keys") == 1
    assert store.scalar("PRAGMA busy_timeout") >= 1000


def test_schema_is_at_latest_version(store):
    from unionoffice.core.store import migrations

    assert store.schema_version == migrations.latest_version() >= 1


def test_atomic_commits_and_rolls_back(store):
    with store.atomic():
        store.execute("INSERT INTO orgs(name) VALUES ('甲公司')")
    with pytest.raises(RuntimeError):
        with store.atomic():
            store.execute("INSERT INTO orgs(name) VALUES ('乙公司')")
            raise RuntimeError("boom")
    assert [r["name"] for r in store.query("SELECT name FROM orgs")] == ["甲公司"]


def test_nested_atomic_rolls_back_only_the_inner_part(store):
    with store.atomic():
        store.execute("INSERT INTO orgs(name) VALUES ('外层')")
        with pytest.raises(ValueError):
            with store.atomic():
                store.execute("INSERT INTO orgs(name) VALUES ('内层')")
                raise ValueError
        store.execute("INSERT INTO orgs(name) VALUES ('外层二')")
    assert sorted(r["name"] for r in store.query("SELECT name FROM orgs")) == ["外层", "外层二"]


def test_outer_failure_undoes_committed_inner_savepoint(store):
    with pytest.raises(KeyError):
        with store.atomic():
            with store.atomic():
                store.execute("INSERT INTO orgs(name) VALUES ('内层')")
            raise KeyError
    assert store.scalar("SELECT count(*) FROM orgs") == 0


def test_foreign_keys_are_enforced(store):
    with pytest.raises(dbapi.IntegrityError):
        store.execute("INSERT INTO members(name, id_number, org_id) VALUES ('张三', '11010519491231002X', 999)")


def test_settings_round_trip_and_persist(db_path):
    with Store.open(db_path) as s:
        s.set_setting("office_name", "东湖街道总工会")
    with Store.open(db_path) as s:
        assert s.office_name == "东湖街道总工会"
        assert s.get_setting("missing", "默认") == "默认"


def test_second_instance_is_told_who_has_the_file(store, db_path):
    with pytest.raises(FileInUseError) as err:
        Store.open(db_path)
    message = str(err.value)
    assert "正在被使用" in message and "进程" in message


def test_lock_is_released_on_close(db_path):
    first = Store.open(db_path)
    first.close()
    second = Store.open(db_path)  # no FileInUseError
    second.close()


def test_missing_file_without_create_is_refused(tmp_path):
    with pytest.raises(StoreError, match="找不到数据库文件"):
        Store.open(tmp_path / "nope.db", create=False)


def test_a_non_database_file_is_refused_in_chinese(tmp_path):
    bad = tmp_path / "notes.db"
    bad.write_text("这不是数据库" * 200, encoding="utf-8")
    with pytest.raises(StoreError, match="不是本程序的数据库文件"):
        Store.open(bad)


def test_counts_exclude_recycle_bin(store):
    store.execute("INSERT INTO orgs(name) VALUES ('甲')")
    store.execute("INSERT INTO orgs(name, deleted_at) VALUES ('乙', '2026-01-01 00:00:00')")
    assert store.counts()["orgs"] == 1


def test_worker_connection_sees_committed_rows(store):
    with store.atomic():
        store.execute("INSERT INTO orgs(name) VALUES ('甲')")
    worker = store.open_worker()
    try:
        assert worker.scalar("SELECT count(*) FROM orgs") == 1
    finally:
        worker.close()
