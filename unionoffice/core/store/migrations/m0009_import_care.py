"""Schema 9: imports that never undo the clerk's work or bend the figures.

- ``orgs.needs_completion`` (待补全): an org a member roll named and the office did not have is
  created with nothing but its name. Until the clerk gives it a head-count and a 建会方式 it is
  kept out of 单位数, 建会率 and 入会率 (seven empty 未建会 units took 建会率 from 66.7 % to 42.1 %).
  Orgs already in the file that look exactly like that (no head-count, no category, no credit
  code, no 所属社区, 未建会, not a 工联会) are marked too: they came from earlier roll imports.
- ``import_runs``: each import writes its audit rows between ``first_audit_id`` and
  ``last_audit_id``. Together with the audit trail this tells, per record and field, what the
  last import wrote and what was changed in the program since: an audit row of the record
  outside every run, after the record's last import row, is the clerk's work. The next import
  lists such fields as conflicts instead of overwriting them.
"""

from __future__ import annotations


from ..driver import sqlite
from ..audit import install_audit_triggers
from ..sqlutil import run_script

VERSION = 9

SCHEMA = """
ALTER TABLE orgs ADD COLUMN needs_completion INTEGER NOT NULL DEFAULT 0 CHECK (needs_completion = 0 OR needs_completion = 1);
CREATE TABLE import_runs (
    id             INTEGER PRIMARY KEY,
    kind           TEXT NOT NULL CHECK (kind = 'members' OR kind = 'orgs'),
    file           TEXT NOT NULL DEFAULT '',
    at             TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime')),
    first_audit_id INTEGER NOT NULL,
    last_audit_id  INTEGER NOT NULL
);
"""

# what an org created from a member roll looks like: its name and nothing else
_BARE_ORG = ("is_federation = 0 AND workers = 0 AND category = '' AND credit_code IS NULL AND community = '' "
             "AND union_mode = '未建会' AND deleted_at IS NULL")


def upgrade(conn: sqlite.Connection) -> None:
    run_script(conn, SCHEMA)
    install_audit_triggers(conn, "orgs")  # the new column is recorded too
    conn.execute(f"UPDATE orgs SET needs_completion = 1 WHERE {_BARE_ORG}")
