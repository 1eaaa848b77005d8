"""Small phrase builders for the written summary: lists of categories and year-on-year changes."""

from __future__ import annotations

from typing import Any

from ...core.figures import catalogue as F
from ...core.values.money import format_money


def list_phrase(counts: dict[str, Any], unit: str, *, money: bool = False) -> str:
    """'工伤3件、劳动合同1件' — non-zero categories, largest first."""
    items = sorted(((k, v) for k, v in counts.items() if v), key=lambda kv: -kv[1])
    return "、".join(f"{k}{format_money(v) if money else v}{unit}" for k, v in items)


def change_phrase(now: F.Figures, last: F.Figures, key: str, unit: str, what: str, *, money: bool = False) -> str:
    """'，会员人数比上年同期增加210人' / '…减少…' / '…持平'; '' when last year has no such figure
    or it was 0."""
    if key not in last.values or key not in now.values or not last[key]:
        return ""  # nothing last year usually means nothing was recorded yet: no comparison
    diff = (now[key] or 0) - (last[key] or 0)
    if diff == 0:
        return f"，{what}与上年同期持平"
    amount = format_money(abs(diff)) if money else abs(diff)
    return f"，{what}比上年同期{'增加' if diff > 0 else '减少'}{amount}{unit}"
