"""Schema 14: an assistance campaign (送温暖 / 帮扶) may name the fundraising campaign (募捐 / 特殊会费)
it is paid out of.

``campaigns.fund_campaign_id`` → ``fund_campaigns``; NULL for a campaign not paid from a fund (all
campaigns in files written before). The money raised and the money paid out stay in their own
tables and are only set side by side (募集 / 已支出 / 结余), never added into one figure. The audit
triggers of ``campaigns`` are re-created so the new column is recorded.

(Reserved number 0015 for this branch; numbered 14 here because the ladder must run without gaps —
renumber at merge if another step takes 14.)
"""

from __future__ import annotations

from ..driver import sqlite

from ..audit import install_audit_triggers

VERSION = 14


def upgrade(conn: sqlite.Connection) -> None:
    conn.execute("ALTER TABLE campaigns ADD COLUMN fund_campaign_id INTEGER REFERENCES fund_campaigns(id)")
    conn.execute("CREATE INDEX campaigns_fund ON campaigns(fund_campaign_id)")
    install_audit_triggers(conn, "campaigns")
