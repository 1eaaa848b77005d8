"""The 工作台's warning when the office file was changed behind the program's back.

The same findings as ``unionoffice check``: the sealed audit chain and the locked payments
(``store/chain.py``), and protective triggers found missing on opening and put back
(``store/guard.py``, recorded in the audit as ``repair``). The chain walk reads every audit row
(~10 µs each), so its result is kept per store until the audit or the locked payments change.
"""

from __future__ import annotations

import datetime as dt

from ..store import chain, guard
from ..store.connection import Store

SHOWN = 5
REPAIR_DAYS = 30  # a repair recorded within this many days is still shown

_cache: dict[str, tuple[tuple, chain.ChainReport]] = {}  # by file: workers are new stores each time


def _report(store: Store) -> chain.ChainReport:
    key = tuple(store.one("SELECT (SELECT coalesce(max(id), 0) FROM audit), (SELECT count(*) FROM audit), "
                          "(SELECT count(*) FROM audit_chain), "
                          "(SELECT total(amount) + count(*) FROM assistance WHERE locked = 1)"))
    cached = _cache.get(str(store.path))
    if cached is not None and cached[0] == key:
        return cached[1]
    report = chain.verify(store.conn)
    _cache[str(store.path)] = (key, report)
    return report


def warnings(store: Store, today: dt.date | None = None) -> list[str]:
    """Lines for the clerk, most serious first; empty when the file is as the program left it."""
    if not chain.has_chain(store.conn):
        return []
    out = []
    report = _report(store)
    if not report.ok:
        out.append(f"数据库文件在本程序之外被改动过（{len(report.problems)} 处，与 unionoffice check 的结论相同）：")
        out += [f"· {p}" for p in report.problems[:SHOWN]]
        if len(report.problems) > SHOWN:
            out.append(f"· …… 其余 {len(report.problems) - SHOWN} 处请用命令 unionoffice check 查看")
    today = today or dt.date.today()
    since = (today - dt.timedelta(days=REPAIR_DAYS)).isoformat()
    for event in guard.events(store.conn):
        if event.get("event") == "repair" and str(event["at"]) >= since:
            out.append(f"{event['at'][:16]} 打开文件时发现{event.get('message', '保护规则被删除，已恢复')}。")
    return out
