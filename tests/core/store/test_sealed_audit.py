"""Money and audit that cannot be forged unseen (issue 20): the black-box probe run again.

A raw sqlite3 connection (as the probe used) rewrites a locked payment through INSERT OR REPLACE,
rewrites and deletes audit rows, drops triggers. The database refuses what it can; ``check``
names what was changed; opening the file puts dropped triggers back and records it; a restore
is recorded and keeps the audit written after the backup.
"""

import csv
import datetime
import sqlite3
import sys

import pytest

from unionoffice.cli import main
from unionoffice.core.assistance import campaigns
from unionoffice.core.dashboard import integrity
from unionoffice.core.store import backup, chain, guard
from unionoffice.core.store.check import check_database
from unionoffice.core.store.connection import Store
from unionoffice.core.values.ids import make_id_number
from unionoffice.core.store.driver import sqlite as dbapi  # the store's SQLite (SQLCipher)


def pid(n):
    return make_id_number("440303", datetime.date(1980, 1, 1 + n), 300 + n)


@pytest.fixture
def printed(store):
    cid = campaigns.create_campaign(store, {"kind": "金秋助学", "campaign_date": "2026-08-20", "funding_source": "市总",
                                            "standard_amount": "500"})
    added = campaigns.add_recipients(store, cid, [{"name": f"家长{n}", "id_number": pid(n), "org_name": "某厂"}
                                                  for n in range(3)])["added"]
    campaigns.mark_printed(store, cid)
    return cid, added


def raw(path):
    return sqlite3.connect(str(path), isolation_level=None, timeout=5)


def probe_replace(conn, row_id):
    conn.execute(f"CREATE TEMP TABLE x AS SELECT * FROM assistance WHERE id={row_id}")
    conn.execute("UPDATE x SET amount=999900, name='冒领人'")
    conn.execute("INSERT OR REPLACE INTO assistance SELECT * FROM x")


def test_fresh_office_is_sealed_and_checks_clean(store, printed, db_path):
    assert store.scalar("SELECT count(*) FROM audit") == store.scalar("SELECT count(*) FROM audit_chain")
    store.close()
    report = check_database(db_path)
    assert report.ok, report.lines()
    assert any("已锁定的慰问记录 3 笔与封存一致" in line for line in report.lines())


def test_replace_of_a_locked_payment_is_refused_by_the_database(store, printed, db_path):
    row_id = printed[1][0]
    conn = raw(db_path)
    with pytest.raises(sqlite3.IntegrityError, match="已锁定"):
        probe_replace(conn, row_id)
    conn.close()
    assert store.one("SELECT name, amount FROM assistance WHERE id = ?", (row_id,))["amount"] == 50000


def test_replace_of_an_audit_row_is_refused(store, printed, db_path):
    conn = raw(db_path)
    conn.execute("CREATE TEMP TABLE y AS SELECT * FROM audit WHERE id = 1")
    conn.execute("UPDATE y SET user = '别人'")
    with pytest.raises(sqlite3.IntegrityError, match="只能追加"):
        conn.execute("INSERT OR REPLACE INTO audit SELECT * FROM y")
    conn.close()


def test_check_names_a_rewritten_payment_and_a_rewritten_or_deleted_audit(store, printed, db_path, capsys):
    row_id = printed[1][1]
    last = store.scalar("SELECT max(id) FROM audit")
    store.close()
    conn = raw(db_path)
    for name in ("assistance_locked_replace", "assistance_locked_replace_person", "audit_no_replace",
                 "audit_no_delete"):
        conn.execute(f"DROP TRIGGER {name}")
    probe_replace(conn, row_id)
    conn.execute("CREATE TEMP TABLE y AS SELECT * FROM audit WHERE id = 2")
    conn.execute("UPDATE y SET user = '别人'")
    conn.execute("INSERT OR REPLACE INTO audit SELECT * FROM y")
    conn.execute("DELETE FROM audit WHERE id BETWEEN 4 AND 6")
    conn.close()

    assert main(["check", "--db", str(db_path)]) == 1
    out, err = capsys.readouterr()
    assert f"已锁定的慰问记录 #{row_id}（冒领人，金额 ¥9,999.00）与锁定时的封存不符" in out
    assert "操作日志第 4–6 条（3 条）被删除" in out
    assert "操作日志第 2 条" in out and "与封存不符" in out
    assert "4 个被删除" in out
    assert "冒领人" in err  # the one line names the payment
    assert last < 10 ** 6


def test_check_lists_what_changed_on_a_replaced_payment(store, printed, db_path, capsys):
    row_id = printed[1][1]
    store.close()
    conn = raw(db_path)
    conn.execute("DROP TRIGGER assistance_locked_replace")
    conn.execute("DROP TRIGGER assistance_locked_replace_person")
    probe_replace(conn, row_id)
    conn.close()
    assert main(["check", "--db", str(db_path)]) == 1
    out, err = capsys.readouterr()
    assert f"已锁定的慰问记录 #{row_id}" in out and "金额 原为 ¥500.00，现为 ¥9,999.00" in out
    assert "姓名 原为 家长1，现为 冒领人" in out
    assert "被改动" in err and "冒领人" in err


def test_check_names_a_deleted_locked_payment(store, printed, db_path, capsys):
    row_id = printed[1][0]
    store.close()
    conn = raw(db_path)
    conn.execute("DROP TRIGGER assistance_locked_delete")
    conn.execute("DELETE FROM assistance WHERE id = ?", (row_id,))
    conn.close()
    report = check_database(db_path)
    assert not report.ok
    assert any(f"#{row_id}（家长0，金额 ¥500.00" in p and "被删除" in p for p in report.chain.problems)


def test_dropped_triggers_are_restored_on_open_and_recorded(store, printed, db_path, capsys):
    store.close()
    conn = raw(db_path)
    conn.execute("DROP TRIGGER audit_no_delete")
    conn.execute("DROP TRIGGER assistance_locked_delete")
    conn.close()
    with Store.open(db_path, user="测试员") as again:
        assert "2 个被删除" in again.repair_message
        assert set(again.repaired_triggers) == {"audit_no_delete", "assistance_locked_delete"}
        with pytest.raises(dbapi.IntegrityError):
            again.execute("DELETE FROM audit WHERE id = 1")
        events = guard.events(again.conn)
        assert events[0]["event"] == "repair" and "assistance_locked_delete" in events[0]["missing"]
        assert any("保护规则" in line and "已恢复" in line for line in integrity.warnings(again))
    # the repair is sealed with the rest; check is clean again
    assert check_database(db_path).ok
    capsys.readouterr()


def test_audit_rows_written_by_another_tool_are_sealed_on_next_open(store, printed, db_path):
    store.close()
    conn = raw(db_path)
    conn.execute("UPDATE members SET phone = phone WHERE 0")  # nothing
    conn.execute("INSERT INTO settings(key, value) VALUES ('x', 'y')")
    conn.close()
    report = check_database(db_path)
    assert report.ok
    with Store.open(db_path) as again:
        assert again.scalar("SELECT count(*) FROM audit") == again.scalar("SELECT count(*) FROM audit_chain")


def test_dashboard_shows_the_same_warning(store, printed, db_path):
    row_id = printed[1][2]
    store.close()
    conn = raw(db_path)
    conn.execute("DROP TRIGGER assistance_locked_update")
    conn.execute("UPDATE assistance SET amount = 1 WHERE id = ?", (row_id,))
    conn.close()
    with Store.open(db_path) as again:
        lines = integrity.warnings(again)
    assert "在本程序之外被改动过" in lines[0]
    assert any(f"#{row_id}" in line and "现为 ¥0.01" in line for line in lines)


def test_restore_is_recorded_and_keeps_later_audit_in_a_side_file(store, printed, db_path, tmp_path):
    made = backup.backup_office(store).path
    with store.atomic():
        store.execute("UPDATE assistance SET status = '已发' WHERE id = ?", (printed[1][0],))
    store.close()
    result = backup.restore_office(made, db_path, user="王专干")
    assert result.kept_rows == 1
    rows = list(csv.reader(result.kept_audit.open(encoding="utf-8-sig")))
    assert rows[0][:3] == ["序号", "时间", "操作人"]
    assert any('"status":"已发"' in (r[7] or "") for r in rows[1:])
    if sys.platform != "win32":  # owner-only by mode where modes exist (Windows: the profile's ACLs)
        assert result.kept_audit.stat().st_mode & 0o777 == 0o600
    with Store.open(db_path) as restored:
        event = guard.events(restored.conn)[0]
    assert event["event"] == "restore_backup" and event["backup"] == str(made)
    assert event["kept_rows"] == result.kept_rows
    with Store.open(db_path) as restored:
        assert restored.one("SELECT user FROM audit WHERE table_name = '_office' ORDER BY id DESC")["user"] == "王专干"
    assert check_database(db_path).ok



def test_restoring_the_safety_copy_keeps_the_first_restores_record(store, printed, db_path):
    """The safety copy and the restored file hold the same audit ids with different rows: where
    their chains part, the current file's rows are kept aside, never dropped silently."""
    first = backup.backup_office(store).path
    with store.atomic():
        store.execute("UPDATE assistance SET status = '已发' WHERE id = ?", (printed[1][0],))
    store.close()
    once = backup.restore_office(first, db_path, user="王专干")  # the 已发 row goes to the side file
    assert once.kept_rows == 1 and once.safety is not None
    again = backup.restore_office(once.safety, db_path, user="王专干")  # back to the state before
    rows = list(csv.reader(again.kept_audit.open(encoding="utf-8-sig")))
    assert again.kept_rows == 1 and "restore_backup" in rows[1][5] + rows[1][7], rows
    with Store.open(db_path) as restored:
        assert restored.scalar("SELECT status FROM assistance WHERE id = ?", (printed[1][0],)) == "已发"
    assert check_database(db_path).ok


def test_upgrade_of_an_older_file_seals_its_audit_and_locked_payments(db_path, monkeypatch):
    from unionoffice.core.store import migrations

    real = migrations.steps()
    monkeypatch.setattr(migrations, "steps", lambda: [s for s in real if s.VERSION < 13])
    with Store.open(db_path, user="旧版") as old:
        cid = campaigns.create_campaign(old, {"kind": "金秋助学", "campaign_date": "2026-08-20",
                                              "funding_source": "市总", "standard_amount": "300"})
        campaigns.add_recipients(old, cid, [{"name": "老档", "id_number": pid(7), "org_name": "某厂"}])
        campaigns.mark_printed(old, cid)
        before = old.scalar("SELECT count(*) FROM audit")
        assert not chain.has_chain(old.conn)
    monkeypatch.setattr(migrations, "steps", lambda: real)
    with Store.open(db_path) as new:
        assert new.scalar("SELECT count(*) FROM audit") == before
        assert new.scalar("SELECT count(*) FROM audit_chain") == before
        assert new.scalar("SELECT amount FROM assistance WHERE name = '老档'") == 30000
    report = check_database(db_path)
    assert report.ok and report.chain.locked_checked == 1


def test_restore_over_a_damaged_file_is_recorded_too(store, printed, db_path):
    made = backup.backup_office(store).path
    store.close()
    db_path.write_bytes(b"this is not a database any more" * 100)
    result = backup.restore_office(made, db_path, user="王专干")
    assert result.safety is not None and result.safety.is_file()  # the damaged file, set aside
    with Store.open(db_path) as restored:
        event = guard.events(restored.conn)[0]
    assert event["event"] == "restore_backup" and event["user"] == "王专干" and event["kept_rows"] == 0


def _chain_rows(conn):
    return conn.execute("SELECT audit_id, hash, seal FROM audit_chain ORDER BY audit_id").fetchall()


def test_sealing_in_sql_gives_the_chain_the_careful_way_gives(store, printed):
    """The chain is hashed inside one INSERT … SELECT; the rows fetched and hashed one by one
    (the fallback) must give the very same links and seals — locked payments included."""
    conn = store.conn
    sealed = [tuple(r) for r in _chain_rows(conn)]
    assert any(seal for _, _, seal in sealed)  # the locked payments carry their seal
    conn.execute("BEGIN")
    conn.execute("DROP TRIGGER audit_chain_no_delete")
    conn.execute("DELETE FROM audit_chain")
    assert chain._seal_in_python(conn, 0, chain.GENESIS) == len(sealed)
    again = [tuple(r) for r in _chain_rows(conn)]
    conn.execute("ROLLBACK")
    assert again == sealed


def test_odd_audit_rows_hash_the_same_in_sql_as_one_by_one(store, printed):
    """Rows another tool wrote (empty or NULL texts, an empty before, non-ASCII, a text row id)
    are chained the same by the SQL way and the careful way."""
    conn = store.conn
    conn.execute("BEGIN")
    conn.execute("INSERT INTO audit (at, user, table_name, row_id, action, before, after) VALUES "
                 "('', '', 'members', 7, 'update', '', '{\"name\":\"张三\"}'), "
                 "('2026-01-01 08:00:00', '王专干', 'orgs', 'x9', 'delete', '{\"a\":1}', NULL), "
                 "('2026-01-01 08:00:00', '王专干', 'assistance', 3, 'update', NULL, '{\"locked\":0}')")
    first = conn.execute("SELECT max(audit_id) FROM audit_chain").fetchone()[0]
    prev = conn.execute("SELECT hash FROM audit_chain WHERE audit_id = ?", (first,)).fetchone()[0]
    assert chain.seal_new(conn) == 3
    by_sql = [tuple(r) for r in conn.execute("SELECT audit_id, hash, seal FROM audit_chain WHERE audit_id > ? "
                                             "ORDER BY audit_id", (first,))]
    conn.execute("DROP TRIGGER audit_chain_no_delete")
    conn.execute("DELETE FROM audit_chain WHERE audit_id > ?", (first,))
    assert chain._seal_in_python(conn, first, prev) == 3
    careful = [tuple(r) for r in conn.execute("SELECT audit_id, hash, seal FROM audit_chain WHERE audit_id > ? "
                                              "ORDER BY audit_id", (first,))]
    conn.execute("ROLLBACK")
    assert by_sql == careful


def test_a_row_hashed_out_of_order_is_refused_and_sealed_the_careful_way(store, printed, monkeypatch):
    """Should SQLite ever hand the rows over out of id order, the chain would be wrong: the
    hashing refuses it and the rows are sealed one by one instead, still in order."""
    linker = chain._Linker(5, chain.GENESIS)
    with pytest.raises(chain._OutOfOrder):
        linker(4, b"4\x1f...", None)
    assert linker.out_of_order

    class Backwards(chain._Linker):
        def __call__(self, *row):
            return super().__call__(*row) if row[0] % 2 else super().__call__(self.last_id - 1, *row[1:])

    monkeypatch.setattr(chain, "_Linker", Backwards)
    careful = []
    real = chain._seal_in_python
    monkeypatch.setattr(chain, "_seal_in_python", lambda *a: careful.append(1) or real(*a))
    cid = campaigns.create_campaign(store, {"kind": "元旦春节送温暖", "campaign_date": "2026-01-20", "funding_source": "市总",
                                            "standard_amount": "300"})
    campaigns.add_recipients(store, cid, [{"name": f"职工{n}", "id_number": pid(10 + n), "org_name": "某厂"}
                                          for n in range(3)])  # several audit rows, sealed in one go
    assert store.scalar("SELECT count(*) FROM audit") == store.scalar("SELECT count(*) FROM audit_chain")
    assert careful and chain.verify(store.conn).ok
