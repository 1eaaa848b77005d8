"""check finds the tables, indexes and triggers someone removed from an office file."""

from __future__ import annotations

import sqlite3

from unionoffice.cli import main
from unionoffice.core.store import migrations
from unionoffice.core.store.check import check_database
from unionoffice.core.store.schema import expected_objects, missing_objects


def test_a_new_office_has_the_whole_schema(store):
    assert missing_objects(store.conn, migrations.latest_version()) == []
    kinds = {o.kind for o in expected_objects(migrations.latest_version())}
    assert kinds == {"table", "index", "trigger"}


def test_a_dropped_lock_trigger_is_named_and_check_exits_1(store, capsys):
    trigger = next(o for o in expected_objects(migrations.latest_version())
                   if o.kind == "trigger" and o.table == "assistance")
    path = store.path
    store.close()
    conn = sqlite3.connect(path)
    conn.execute(f"DROP TRIGGER {trigger.name}")
    conn.commit()
    conn.close()
    report = check_database(path, find_backup=False)
    assert not report.ok
    assert [o.name for o in report.missing_schema] == [trigger.name]
    assert trigger.name in report.problem()
    assert main(["check", "--db", str(path)]) == 1
    out = capsys.readouterr().out
    assert f"触发器 {trigger.name}（assistance 表）" in out
    assert "结论：数据库文件在本程序之外被改动过" in out  # a protective trigger gone: tampering, said first


def test_an_old_file_is_compared_with_its_own_version():
    conn = sqlite3.connect(":memory:")
    for step in migrations.steps()[:2]:
        step.upgrade(conn)
    assert missing_objects(conn, 2) == []
    assert missing_objects(conn, 3)  # the activities tables of version 3 are not there yet
