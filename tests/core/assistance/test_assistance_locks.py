"""Locked assistance attacked through raw SQL: a second sqlite3 connection on the office file, not
the store, tries to change money, person, campaign and dates, to delete, to hide rows in the
recycle bin and to unlock. The database must refuse every one, and the totals must not move."""

import datetime
import sqlite3

import pytest

from unionoffice.core.assistance import records as assistance, campaigns
from unionoffice.core.assistance.query import sheet_rows
from unionoffice.core.errors import UserError
from unionoffice.core.values.ids import make_id_number

LOCKED = "已锁定"


def pid(n):
    return make_id_number("440303", datetime.date(1980, 1, 1 + n), 200 + n)


@pytest.fixture
def printed(store):
    """A campaign of three printed for signature (locked), and the row ids."""
    cid = campaigns.create_campaign(store, {"kind": "金秋助学", "campaign_date": "2026-08-20", "funding_source": "市总",
                                            "standard_amount": "2000"})
    added = campaigns.add_recipients(store, cid, [{"name": f"学生家长{n}", "id_number": pid(n), "org_name": "某厂"}
                                                  for n in range(3)])["added"]
    campaigns.mark_printed(store, cid)
    return cid, added


@pytest.fixture
def raw(db_path, store):
    """A separate connection on the same file, as a script or another tool would open it."""
    conn = sqlite3.connect(str(db_path), isolation_level=None, timeout=5)
    yield conn
    conn.close()


def snapshot(store, cid):
    return [tuple(r) for r in store.query("SELECT * FROM assistance WHERE campaign_id = ? ORDER BY id", (cid,))]


ATTACKS = [
    "UPDATE assistance SET amount = 1 WHERE id = :id",
    "UPDATE assistance SET amount = amount * 10 WHERE id = :id",
    "UPDATE assistance SET goods = '电视机', goods_value = 500000 WHERE id = :id",
    "UPDATE assistance SET name = '冒领人' WHERE id = :id",
    "UPDATE assistance SET id_number = '11010519491231002X' WHERE id = :id",
    "UPDATE assistance SET member_id = 1 WHERE id = :id",
    "UPDATE assistance SET org_name = '别的单位' WHERE id = :id",
    "UPDATE assistance SET kind = '其他' WHERE id = :id",
    "UPDATE assistance SET campaign_id = NULL WHERE id = :id",
    "UPDATE assistance SET paid_date = '2020-01-01' WHERE id = :id",
    "UPDATE assistance SET funding_source = '企业' WHERE id = :id",
    "UPDATE assistance SET method = '银行转账' WHERE id = :id",
    "UPDATE assistance SET notes = '改过' WHERE id = :id",
    "UPDATE assistance SET print_seq = 99 WHERE id = :id",
    "UPDATE assistance SET reversal_of = 1 WHERE id = :id",
    "UPDATE assistance SET locked = 0 WHERE id = :id",
    "UPDATE assistance SET locked = 0, amount = 1 WHERE id = :id",
    "UPDATE assistance SET deleted_at = '2026-01-01 00:00:00' WHERE id = :id",
    "DELETE FROM assistance WHERE id = :id",
    "DELETE FROM assistance",
    "UPDATE assistance SET status = '拟发' WHERE id = :id",
]


@pytest.mark.parametrize("sql", ATTACKS)
def test_raw_sql_cannot_touch_a_locked_row(store, printed, raw, sql):
    cid, added = printed
    before = snapshot(store, cid)
    with pytest.raises(sqlite3.DatabaseError) as err:
        raw.execute(sql, {"id": added[1]})
    assert LOCKED in str(err.value) or "状态只能向前" in str(err.value)
    assert snapshot(store, cid) == before
    assert campaigns.campaign_totals(store, cid)["amount"] == 3 * 200000


def test_what_may_still_change_on_a_locked_row(store, printed, raw):
    cid, added = printed
    raw.execute("UPDATE assistance SET status = '已签领', signed_date = '2026-08-25' WHERE id = ?", (added[0],))
    raw.execute("UPDATE assistance SET receipt_no = '202600001' WHERE id = ?", (added[0],))
    with pytest.raises(sqlite3.DatabaseError, match="收据号不能更改"):
        raw.execute("UPDATE assistance SET receipt_no = '202600999' WHERE id = ?", (added[0],))
    with pytest.raises(sqlite3.DatabaseError, match="状态只能向前"):
        raw.execute("UPDATE assistance SET status = '已发' WHERE id = ?", (added[0],))
    row = assistance.get_assistance(store, added[0])
    assert (row["status"], row["receipt_no"], row["amount"]) == ("已签领", "202600001", 200000)


def test_unlocked_rows_stay_editable_through_sql(store, raw):
    cid = campaigns.create_campaign(store, {"kind": "夏送清凉", "campaign_date": "2026-07-01", "funding_source": "企业"})
    row = campaigns.add_recipient(store, cid, {"name": "甲", "id_number": pid(9), "org_name": "某厂"}, amount="50")
    raw.execute("UPDATE assistance SET amount = 6000 WHERE id = ?", (row,))
    assert assistance.get_assistance(store, row)["amount"] == 6000


def test_a_printed_campaign_cannot_be_deleted_or_sent_back(store, printed, raw):
    cid, _ = printed
    for sql in ("DELETE FROM campaigns WHERE id = ?", "UPDATE campaigns SET status = '草稿' WHERE id = ?",
                "UPDATE campaigns SET deleted_at = '2026-01-01' WHERE id = ?",
                "UPDATE campaigns SET campaign_date = '2020-01-01' WHERE id = ?"):
        with pytest.raises(sqlite3.DatabaseError, match="已打印"):
            raw.execute(sql, (cid,))
    with pytest.raises(UserError, match="已打印，不能删除"):
        campaigns.delete_campaign(store, cid)


def test_duplicate_person_refused_by_the_database_too(store, printed, raw):
    cid, _ = printed
    with pytest.raises(sqlite3.IntegrityError):
        raw.execute("INSERT INTO assistance (name, id_number, kind, campaign_id, paid_date, amount, funding_source) "
                    "VALUES ('学生家长0', ?, '金秋助学', ?, '2026-08-20', 100, '市总')", (pid(0), cid))


def test_negative_original_refused_by_the_database(store, printed, raw):
    cid, _ = printed
    with pytest.raises(sqlite3.IntegrityError):
        raw.execute("INSERT INTO assistance (name, id_number, kind, campaign_id, paid_date, amount, funding_source) "
                    "VALUES ('新人', ?, '金秋助学', ?, '2026-08-20', -100, '市总')", (pid(7), cid))


def test_core_refuses_with_a_message_for_the_clerk(store, printed):
    cid, added = printed
    for action in (lambda: assistance.update_assistance(store, added[0], {"amount": "1"}),
                   lambda: assistance.delete_assistance(store, [added[0]])):
        with pytest.raises(UserError, match="已打印交签领，已锁定.*更正"):
            action()
    # even past the friendly check, the trigger's message comes through as a UserError
    with pytest.raises(UserError, match=LOCKED):
        with assistance.db_rules():
            store.execute("UPDATE assistance SET amount = 5 WHERE id = ?", (added[0],))
    assert [r["amount"] for r in sheet_rows(store, cid)] == [200000] * 3


def test_reversal_is_the_way_to_fix_a_locked_row(store, printed):
    cid, added = printed
    fix = assistance.reverse_assistance(store, added[2], reason="不符合助学条件")
    assert campaigns.campaign_totals(store, cid)["amount"] == 2 * 200000
    assert assistance.get_assistance(store, fix)["amount"] == -200000
    campaigns.mark_printed(store, cid)
    with pytest.raises(UserError, match="已锁定"):
        assistance.delete_assistance(store, [fix])  # the printed correction is locked too
