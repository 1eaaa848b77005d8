"""The audit trail is fed by triggers for every change and cannot be rewritten."""

import sqlite3

import pytest

from unionoffice.core.store import audit
from unionoffice.core.store.driver import sqlite as dbapi  # the store's SQLite (SQLCipher)


def test_insert_update_softdelete_restore_delete_are_logged(store):
    store.execute("INSERT INTO orgs(name, workers) VALUES ('甲公司', 10)")
    org_id = store.scalar("SELECT id FROM orgs")
    store.execute("UPDATE orgs SET workers = 12 WHERE id = ?", (org_id,))
    store.execute("UPDATE orgs SET deleted_at = '2026-11-24 10:00:00' WHERE id = ?", (org_id,))
    store.execute("UPDATE orgs SET deleted_at = NULL WHERE id = ?", (org_id,))
    store.execute("DELETE FROM orgs WHERE id = ?", (org_id,))
    entries = audit.history(store.conn, "orgs", org_id)
    assert [e["action"] for e in entries] == ["insert", "update", "soft_delete", "restore", "delete"]
    assert entries[1]["before"]["workers"] == 10 and entries[1]["after"]["workers"] == 12
    assert audit.changed_fields(entries[1]) == {"workers": (10, 12)}
    assert entries[-1]["before"]["name"] == "甲公司" and entries[-1]["after"] is None
    assert {e["user"] for e in entries} == {"测试员"}


def test_member_changes_are_logged_too(store):
    store.execute("INSERT INTO members(name, id_number) VALUES ('张三', '11010519491231002X')")
    store.execute("UPDATE members SET phone = '13800138000' WHERE name = '张三'")
    rows = store.query("SELECT action FROM audit WHERE table_name = 'members' ORDER BY id")
    assert [r["action"] for r in rows] == ["insert", "update"]


@pytest.mark.parametrize("sql", ["UPDATE audit SET user = '黑客'", "DELETE FROM audit"])
def test_audit_table_is_append_only(store, sql):
    store.execute("INSERT INTO orgs(name) VALUES ('甲公司')")
    with pytest.raises(dbapi.IntegrityError, match="操作日志只能追加"):
        store.execute(sql)
    assert store.scalar("SELECT count(*) FROM audit WHERE table_name = 'orgs'") == 1


def test_failed_change_leaves_no_audit_row(store):
    with pytest.raises(RuntimeError):
        with store.atomic():
            store.execute("INSERT INTO orgs(name) VALUES ('半途')")
            raise RuntimeError
    assert store.scalar("SELECT count(*) FROM audit") == 0


def test_bulk_insert_writes_one_audit_row_per_record_and_keeps_triggers(store):
    rows = [("甲公司", 10), ("乙公司", 20)]
    with store.atomic():
        assert audit.bulk_insert(store.conn, "orgs", ("name", "workers"), rows) == 2
    # (an org's head-count history writes audited rows of its own: org_headcounts)
    entries = store.query("SELECT row_id, action, after, user FROM audit WHERE table_name = 'orgs' ORDER BY id")
    assert [(e["action"], e["user"]) for e in entries] == [("insert", "测试员")] * 2
    assert '"workers":20' in entries[1]["after"]
    store.execute("INSERT INTO orgs(name) VALUES ('丙公司')")  # the per-row trigger is back
    assert store.scalar("SELECT count(*) FROM audit WHERE table_name = 'orgs'") == 3


def test_bulk_insert_failure_rolls_back_rows_and_trigger_change(store):
    with pytest.raises(dbapi.IntegrityError):
        with store.atomic():
            audit.bulk_insert(store.conn, "orgs", ("name", "workers"), [("甲", 1), ("乙", -5)])
    assert store.scalar("SELECT count(*) FROM orgs") == 0
    assert store.scalar("SELECT count(*) FROM sqlite_master WHERE name = 'audit_orgs_insert'") == 1
