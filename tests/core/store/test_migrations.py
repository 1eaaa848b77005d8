"""The migration ladder: old files upgrade without loss, after a copy is set aside."""

import sqlite3
import types

import pytest

from old_files import office_at_schema

from unionoffice.core.store import migrations
from unionoffice.core.errors import StoreError
from unionoffice.core.store.connection import Store


def make_v1_file(path):
    """A file exactly as the first release wrote it, with records in it."""
    conn = sqlite3.connect(path)
    conn.isolation_level = None
    conn.execute("BEGIN")
    migrations.steps()[0].upgrade(conn)
    conn.execute("PRAGMA user_version = 1")
    conn.execute("INSERT INTO app_session(id, user) VALUES (1, '旧版')")
    conn.execute("INSERT INTO settings(key, value) VALUES ('office_name', '旧街道总工会')")
    conn.execute("INSERT INTO orgs(id, name, workers, union_mode) VALUES (1, '老单位', 50, '独立建会')")
    conn.execute(
        "INSERT INTO members(id, name, gender, id_number, org_id, joined_date) "
        "VALUES (1, '曾国藩', '男', '11010519491231002X', 1, '2010-05-01')"
    )
    conn.execute("COMMIT")
    conn.close()


def test_version_1_file_upgrades_to_latest_without_loss(tmp_path):
    path = tmp_path / "old.db"
    make_v1_file(path)
    with Store.open(path) as store:
        assert store.schema_version == migrations.latest_version()
        assert store.office_name == "旧街道总工会"
        assert store.one("SELECT name, workers FROM orgs WHERE id = 1")["workers"] == 50
        member = store.one("SELECT * FROM members WHERE id = 1")
        assert (member["name"], member["id_number"], member["joined_date"]) == ("曾国藩", "11010519491231002X", "2010-05-01")
        # the audit trail written by the old version survives
        assert store.scalar("SELECT count(*) FROM audit WHERE table_name = 'members'") == 1
        if migrations.latest_version() > 1:
            assert store.upgraded_from == 1 and store.upgrade_backup.exists()


def add_made_up_step(monkeypatch):
    """The real ladder plus a made-up next step, to exercise upgrade mechanics on any release."""
    real = migrations.steps()
    added = types.SimpleNamespace(
        VERSION=real[-1].VERSION + 1,
        upgrade=lambda conn: conn.execute("ALTER TABLE members ADD COLUMN shoe_size INTEGER DEFAULT 42"),
    )
    monkeypatch.setattr(migrations, "steps", lambda: [*real, added])
    return added


def test_upgrade_copies_the_old_file_aside_first(tmp_path, monkeypatch):
    path = tmp_path / "office.db"
    Store.open(path).close()  # at the real latest version
    step = add_made_up_step(monkeypatch)
    with Store.open(path) as store:
        assert store.schema_version == step.VERSION
        assert store.scalar("SELECT shoe_size FROM members LIMIT 1") is None  # no rows, column exists
        backup = store.upgrade_backup
    assert backup is not None and backup.exists()
    old = sqlite3.connect(backup)
    assert old.execute("PRAGMA user_version").fetchone()[0] == step.VERSION - 1
    old.close()


def test_failed_upgrade_leaves_the_file_as_it_was(tmp_path, monkeypatch):
    path = tmp_path / "office.db"
    with Store.open(path) as store:
        store.execute("INSERT INTO orgs(name) VALUES ('原有单位')")
    real = migrations.steps()

    def broken(conn):
        conn.execute("CREATE TABLE half_done (x)")
        conn.execute("THIS IS NOT SQL")

    monkeypatch.setattr(migrations, "steps", lambda: [*real, types.SimpleNamespace(VERSION=real[-1].VERSION + 1, upgrade=broken)])
    with pytest.raises(StoreError, match="升级失败"):
        Store.open(path)
    monkeypatch.undo()
    with Store.open(path) as store:
        assert store.schema_version == real[-1].VERSION
        assert store.scalar("SELECT count(*) FROM sqlite_master WHERE name = 'half_done'") == 0
        assert store.scalar("SELECT name FROM orgs") == "原有单位"


def test_file_from_a_newer_program_is_refused(tmp_path):
    path = tmp_path / "future.db"
    Store.open(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {migrations.latest_version() + 5}")
    conn.close()
    with pytest.raises(StoreError, match="更新版本的程序"):
        Store.open(path)


def test_migration_numbers_are_contiguous():
    assert [m.VERSION for m in migrations.steps()] == list(range(1, migrations.latest_version() + 1))


def test_schema_8_keeps_campaigns_and_records_the_os_login_beside_the_clerk(tmp_path):
    """A file at schema 6 (before several funding sources and the clerk by name) upgrades without loss."""
    path = tmp_path / "v6.db"
    with office_at_schema(path, 6) as conn:
        conn.execute("INSERT INTO app_session(id, user) VALUES (1, 'root')")
        conn.execute("INSERT INTO campaigns(id, kind, name, campaign_date, funding_source) "
                     "VALUES (1, '元旦春节送温暖', '2026年元旦春节送温暖', '2026-01-15', '区总')")
    with Store.open(path, user="张丽") as store:
        assert store.schema_version == migrations.latest_version()
        assert store.one("SELECT name, funding_source FROM campaigns WHERE id = 1")["name"] == "2026年元旦春节送温暖"
        old = store.one("SELECT user, os_user FROM audit WHERE table_name = 'campaigns' ORDER BY id LIMIT 1")
        assert (old["user"], old["os_user"]) == ("root", "")  # the old row is kept as it was written
        with store.atomic():
            store.execute("UPDATE campaigns SET notes = '补记' WHERE id = 1")
            store.execute("INSERT INTO campaign_funding(campaign_id, source, share) VALUES (1, '街道总工会', 4000)")
        new = store.one("SELECT user, os_user FROM audit WHERE table_name = 'campaigns' ORDER BY id DESC LIMIT 1")
        assert new["user"] == "张丽" and new["os_user"] == store.os_user != ""
        assert store.scalar("SELECT count(*) FROM audit WHERE table_name = 'campaign_funding'") == 1
