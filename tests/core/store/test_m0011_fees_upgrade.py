"""Schema 11 (fees, mutual aid): a file from before it upgrades without loss, and its new tables are
audited from the start."""

import sqlite3

from unionoffice.core.store import migrations
from unionoffice.core.store.connection import Store


def make_file_before_fees(path):
    """A file as the program just before schema 11 wrote it, with an org and a member in it."""
    conn = sqlite3.connect(path)
    conn.isolation_level = None
    conn.execute("BEGIN")
    before = [s for s in migrations.steps() if s.VERSION < 11]
    for step in before:
        step.upgrade(conn)
    conn.execute(f"PRAGMA user_version = {before[-1].VERSION}")
    conn.execute("INSERT INTO app_session(id, user) VALUES (1, '旧版')")
    conn.execute("INSERT INTO orgs(id, name, workers, union_mode, fee_by_tax) VALUES (1, '老单位', 50, '独立建会', 1)")
    conn.execute("INSERT INTO members(id, name, id_number, org_id) VALUES (1, '曾国藩', '11010519491231002X', 1)")
    conn.execute("COMMIT")
    conn.close()
    return before[-1].VERSION


def test_old_file_gains_the_fee_and_aid_tables_without_loss(tmp_path):
    path = tmp_path / "old.db"
    old_version = make_file_before_fees(path)
    with Store.open(path) as store:
        assert store.schema_version == migrations.latest_version()
        assert store.upgraded_from == old_version
        org = store.one("SELECT name, workers, fee_by_tax FROM orgs WHERE id = 1")
        assert (org["name"], org["workers"], org["fee_by_tax"]) == ("老单位", 50, 1)
        assert store.scalar("SELECT name FROM members WHERE id = 1") == "曾国藩"
        for table in ("fee_records", "fee_payments", "aid_plans", "aid_enrolments", "aid_claims"):
            assert store.scalar("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name = ?",
                                (f"audit_{table}_insert",)) == 1
        store.execute("INSERT INTO fee_records (org_id, period, period_start, period_end, payroll) "
                      "VALUES (1, '2026', '2026-01-01', '2026-12-31', 100)")
        assert store.scalar("SELECT count(*) FROM audit WHERE table_name = 'fee_records'") == 1
