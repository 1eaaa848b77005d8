"""Phrase builders for the written summary: how the period is named, year-on-year changes, money in
万元 and rates with one decimal, lists of categories."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ...core.figures import catalogue as F
from ...core.values import dates


def wan(fen: Any) -> str:
    """Money in prose: 1,234,500 fen → '1.23万元'."""
    return f"{int(fen or 0) / 1_000_000:.2f}万元"


def pct(rate: Any) -> str:
    """A rate in prose with one decimal: 0.7834 → '78.3%'; '—' when there was nothing to divide."""
    return "—" if rate is None else f"{rate * 100:.1f}%"


def list_phrase(counts: dict[str, Any], unit: str) -> str:
    """'工伤3件、劳动合同1件' — non-zero categories, largest first."""
    items = sorted(((k, v) for k, v in counts.items() if v), key=lambda kv: -kv[1])
    return "、".join(f"{k}{v}{unit}" for k, v in items)


@dataclass
class Wording:
    """The words that depend on the period: 全年 / 上半年 / 本季度 …, 比上年 or 比上年同期, and the
    date after 截至 (the period's end, or today while the period is still running)."""

    period: F.Period
    now: F.Figures
    last: F.Figures

    @property
    def whole_year(self) -> bool:
        p = self.period
        return (p.start, p.end) == (dt.date(p.start.year, 1, 1), dt.date(p.start.year, 12, 31))

    @property
    def running(self) -> bool:
        return self.period.end > dates.today()

    @property
    def span(self) -> str:
        """How a sentence opens: 全年 / 上半年 / 下半年 / 本季度 / 本月 / 期内 (年初以来 while running)."""
        p, label = self.period, self.period.label
        if self.running and p.start <= dates.today():
            return "年初以来" if p.start == dt.date(p.start.year, 1, 1) else "期内"
        if self.whole_year:
            return "全年"
        for word in ("上半年", "下半年"):
            if label.endswith(word):
                return word
        if "季度" in label:
            return "本季度"
        if label.endswith("月") and "至" not in label:
            return "本月"
        return "期内"

    @property
    def span_intro(self) -> str:
        """The opening words: 2025年 / 2025年上半年 / 2026年以来."""
        if self.running:
            return f"{self.period.start.year}年以来" if self.period.start.month == 1 else f"{self.period.label}以来"
        return self.period.label

    @property
    def as_of(self) -> str:
        """截至 …: the period's end, never later than today."""
        return dates.format_date_cn(min(self.period.end, dates.today()))

    @property
    def compared(self) -> str:
        return "比上年" if self.whole_year else "比上年同期"

    def change(self, key: str, unit: str, *, money: bool = False) -> str:
        """'，比上年增加210人' / '…减少…' / '，与上年持平'; '' when last year had none recorded."""
        now, last = self.now.values.get(key), self.last.values.get(key)
        if not last or now is None or self.running:  # a period still running has no like to compare
            return ""  # nothing last year usually means nothing was recorded yet: no comparison
        diff = now - last
        same = "与上年持平" if self.whole_year else "与上年同期持平"
        if diff == 0:
            return f"，{same}"
        amount = wan(abs(diff)) if money else f"{abs(diff)}{unit}"
        return f"，{self.compared}{'增加' if diff > 0 else '减少'}{amount}"
