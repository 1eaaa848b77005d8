"""Schema 5: the choice checks of members and orgs as OR chains — same rules, upgraded in place."""

import sqlite3

import pytest

from old_files import office_at_schema

from unionoffice.core.store.migrations import m0005_check_lists
from unionoffice.core.store.connection import Store
from unionoffice.core.store.driver import sqlite as dbapi  # the store's SQLite (SQLCipher)


def make_v4_file(path):
    """A file as schema 4 wrote it (IN-list checks), with a member, an org and a status change."""
    with office_at_schema(path, 4) as conn:
        conn.execute("INSERT INTO app_session(id, user) VALUES (1, '旧版')")
        conn.execute("INSERT INTO orgs(id, name, workers, union_mode) VALUES (1, '老单位', 50, '独立建会')")
        conn.execute("INSERT INTO members(id, name, gender, id_number, org_id, status, hukou, is_migrant) "
                     "VALUES (1, '曾国藩', '男', '11010519491231002X', 1, '保留', '外地', 1)")


def table_sql(store, name):
    return store.scalar("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (name,))


def test_a_schema_4_file_keeps_its_records_and_gets_or_chains(tmp_path):
    path = tmp_path / "old.db"
    make_v4_file(path)
    with Store.open(path) as store:
        assert store.schema_version >= 5
        member = store.one("SELECT name, status, hukou, is_migrant, org_id FROM members WHERE id = 1")
        assert tuple(member) == ("曾国藩", "保留", "外地", 1, 1)
        assert store.scalar("SELECT union_mode FROM orgs WHERE id = 1") == "独立建会"
        for table in m0005_check_lists.TABLES:
            sql = table_sql(store, table)
            assert " IN (" not in sql
        assert "status = '正常' OR status = '保留'" in table_sql(store, "members")
        assert [r[0] for r in store.query("PRAGMA integrity_check")] == ["ok"]
        # the old file's audit trail is still there and the triggers still write it
        store.execute("UPDATE members SET status = '正常' WHERE id = 1")
        assert store.scalar("SELECT count(*) FROM audit WHERE table_name = 'members'") == 2


@pytest.mark.parametrize("column, bad", [
    ("gender", "m"), ("status", "在职"), ("hukou", "本市"), ("is_migrant", 2), ("is_retired", -1),
])
def test_members_still_refuse_what_the_lists_refused(tmp_path, column, bad):
    with Store.open(tmp_path / "office.db") as store:
        with pytest.raises(dbapi.IntegrityError, match="CHECK constraint failed"):
            store.execute(f"INSERT INTO members (name, {column}) VALUES ('张三', ?)", (bad,))
        store.execute(f"INSERT INTO members (name) VALUES ('李四')")  # the defaults pass
        assert store.scalar("SELECT count(*) FROM members") == 1


@pytest.mark.parametrize("column, bad", [("union_mode", "自建"), ("is_federation", 3), ("fee_by_tax", 9)])
def test_orgs_still_refuse_what_the_lists_refused(tmp_path, column, bad):
    with Store.open(tmp_path / "office.db") as store:
        with pytest.raises(dbapi.IntegrityError, match="CHECK constraint failed"):
            store.execute(f"INSERT INTO orgs (name, {column}) VALUES ('某公司', ?)", (bad,))


def test_or_chain_rewrites_only_plain_literal_lists():
    sql = ("CREATE TABLE t (a TEXT CHECK (a IN ('x', 'y')), b INTEGER CHECK (b IN (0, 1)), "
           "c TEXT CHECK (c IN (SELECT v FROM u)), d TEXT CHECK (d IS NULL OR length(d) = 18))")
    out = m0005_check_lists.or_chain(sql)
    assert "CHECK (a = 'x' OR a = 'y')" in out
    assert "CHECK (b = 0 OR b = 1)" in out
    assert "c IN (SELECT v FROM u)" in out and "length(d) = 18" in out


class DefensiveConnection:
    """A connection whose SQLite refuses edits of sqlite_master, as SQLITE_DBCONFIG_DEFENSIVE does."""

    def __init__(self, conn):
        self.conn = conn

    def execute(self, sql, *args):
        if sql.startswith("UPDATE sqlite_master"):
            raise dbapi.OperationalError("table sqlite_master may not be modified")
        return self.conn.execute(sql, *args)


def test_a_sqlite_that_refuses_schema_edits_keeps_the_lists(tmp_path):
    """The upgrade still succeeds, the checks keep their IN lists and their rules."""
    path = tmp_path / "old.db"
    make_v4_file(path)
    conn = sqlite3.connect(path)
    conn.isolation_level = None
    conn.execute("BEGIN")
    m0005_check_lists.upgrade(DefensiveConnection(conn))
    conn.execute("COMMIT")
    sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'members'").fetchone()[0]
    assert "status IN (" in sql
    assert conn.execute("SELECT status FROM members WHERE id = 1").fetchone()[0] == "保留"
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute("INSERT INTO members (name, status) VALUES ('张三', '在职')")
    conn.close()
