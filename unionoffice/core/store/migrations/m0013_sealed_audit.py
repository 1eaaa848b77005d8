"""Schema 13: the audit sealed in a hash chain, and locked payments that REPLACE cannot rewrite.

- ``audit_chain``: one hash per audit row, chained to the one before (see ``store/chain.py``);
  every audit row already in the file is sealed now, as it stands (trust on first use).
- The audit may record two actions of the program itself: ``restore_backup`` (a backup was
  restored onto this file: which, by whom) and ``repair`` (protective triggers found missing or
  altered on opening, and put back). The CHECK is widened the way schema 5 rewrote its checks
  (``writable_schema``, no stored byte touched); a "defensive" SQLite build that refuses keeps the
  old CHECK and the program writes those events as ``update`` rows of table ``_office``.
- ``INSERT OR REPLACE`` deletes the row it replaces without firing its DELETE triggers, so a copy
  of a locked payment with another amount could be put in its place. A BEFORE INSERT trigger now
  refuses any insert that would replace a locked row (same id, same 序号 on the campaign's sheet,
  same receipt number, or the same person in the same campaign), as UPDATE and DELETE are refused.
"""

from __future__ import annotations


from ..driver import sqlite
from ..chain import CHAIN_SCHEMA, seal_new
from ..sqlutil import run_script
from .m0002_hardship_assistance import LOCKED_MESSAGE

VERSION = 13

OLD_ACTIONS = "'soft_delete', 'restore')"
NEW_ACTIONS = "'soft_delete', 'restore', 'restore_backup', 'repair')"

# SQLite fires the newest trigger first: the one naming the replaced row by id is created last.
REPLACE_GUARD = f"""
CREATE TRIGGER assistance_locked_replace_person BEFORE INSERT ON assistance
WHEN NEW.campaign_id IS NOT NULL AND NEW.reversal_of IS NULL AND NEW.deleted_at IS NULL
  AND EXISTS (SELECT 1 FROM assistance WHERE campaign_id = NEW.campaign_id AND id_number = NEW.id_number
      AND reversal_of IS NULL AND deleted_at IS NULL AND locked = 1)
BEGIN SELECT RAISE(ABORT, '此人已在本次慰问名单中，且该笔已打印锁定，不能覆盖'); END;
CREATE TRIGGER assistance_locked_replace BEFORE INSERT ON assistance
WHEN (NEW.id IS NOT NULL AND EXISTS (SELECT 1 FROM assistance WHERE id = NEW.id AND locked = 1))
  OR (NEW.print_seq IS NOT NULL AND NEW.campaign_id IS NOT NULL AND EXISTS (SELECT 1 FROM assistance
      WHERE campaign_id = NEW.campaign_id AND print_seq = NEW.print_seq AND locked = 1))
  OR (NEW.receipt_no IS NOT NULL AND EXISTS (SELECT 1 FROM assistance
      WHERE receipt_no = NEW.receipt_no AND locked = 1))
BEGIN SELECT RAISE(ABORT, '{LOCKED_MESSAGE}'); END;
"""


def widen_actions(conn: sqlite.Connection) -> bool:
    """Let the audit CHECK accept the program's own events; False on a defensive SQLite build."""
    sql = conn.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'audit'").fetchone()[0]
    if OLD_ACTIONS not in sql:
        return NEW_ACTIONS in sql
    schema_version = conn.execute("PRAGMA schema_version").fetchone()[0]
    conn.execute("SAVEPOINT audit_actions")
    conn.execute("PRAGMA writable_schema = ON")
    try:
        conn.execute("UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = 'audit'",
                     (sql.replace(OLD_ACTIONS, NEW_ACTIONS),))
        conn.execute(f"PRAGMA schema_version = {int(schema_version) + 1}")
        widened = True
    except sqlite.OperationalError:
        conn.execute("ROLLBACK TO audit_actions")
        widened = False
    finally:
        conn.execute("PRAGMA writable_schema = OFF")
        conn.execute("RELEASE audit_actions")
    return widened


def upgrade(conn: sqlite.Connection) -> None:
    widen_actions(conn)
    run_script(conn, CHAIN_SCHEMA)
    run_script(conn, REPLACE_GUARD)
    seal_new(conn)
