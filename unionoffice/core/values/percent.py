"""Rates as the clerk reads them, formatted in this one place: the 单位 tab, 工作台, 报表, the
dispute register and the written summaries all say 42.1%, never 42.1% here and 42.11% there."""

from __future__ import annotations

DECIMALS = 1


def format_rate(rate: float | None) -> str:
    """'42.1%' for 0.4211; '—' when there was nothing to divide by (never a made-up 0%)."""
    return "—" if rate is None else f"{rate * 100:.{DECIMALS}f}%"


def format_points(diff: float) -> str:
    """A change between two rates: '+1.5个百分点', or '持平'."""
    return f"{diff * 100:+.{DECIMALS}f}个百分点" if round(diff * 100, DECIMALS) else "持平"
