"""Schema 8: money rules of assistance — several funding sources per campaign, and the clerk by
name beside the OS login in the audit.

- ``campaign_funding``: the sources of one campaign (区总 and 街道 together), each with a planned
  amount (fen) or a share (basis points, 10000 = 100 %). A campaign without lines is funded by its
  own ``funding_source`` alone, as before. Figures split a multi-source campaign's total among its
  sources so that they add up to the campaign's total.
- ``app_session.os_user`` and ``audit.os_user``: the audit's 操作人 (``user``) is the clerk's name
  chosen at start; the OS login is recorded beside it. Every audit trigger is re-created so that
  it writes both.
"""

from __future__ import annotations


from ..driver import sqlite
from ..audit import install_audit_triggers
from ..sqlutil import run_script

VERSION = 8

SCHEMA = """
CREATE TABLE campaign_funding (
    id          INTEGER PRIMARY KEY,
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
    source      TEXT NOT NULL CHECK (source IN ('市总', '区总', '街道总工会', '企业', '社会捐赠')),
    amount      INTEGER CHECK (amount IS NULL OR amount >= 0),            -- fen
    share       INTEGER CHECK (share IS NULL OR share BETWEEN 0 AND 10000), -- basis points
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime')),
    CHECK (amount IS NOT NULL OR share IS NOT NULL)
);
CREATE UNIQUE INDEX campaign_funding_source ON campaign_funding(campaign_id, source);
ALTER TABLE app_session ADD COLUMN os_user TEXT NOT NULL DEFAULT '';
ALTER TABLE audit ADD COLUMN os_user TEXT NOT NULL DEFAULT '';
"""


def upgrade(conn: sqlite.Connection) -> None:
    run_script(conn, SCHEMA)
    audited = sorted({r[0][len("audit_"):-len("_insert")] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name GLOB 'audit_*_insert'")} | {"campaign_funding"})
    for table in audited:
        install_audit_triggers(conn, table)
