"""Which automatic backups to keep: the newest few, one per day for a week, one per week for a
month, one per month for a year (the grandfather-father-son scheme of backup tools).

A pure function over timestamps so it can be tested without files. Periods count only when they
hold a backup: after a two-week holiday the seven daily backups still reach back seven working
days instead of pointing at empty days. Each rule keeps the newest backup of its period; a file
kept by one rule may also count for another (the rules are a union, as in restic's ``forget``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Callable, Hashable, Mapping, TypeVar

K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True)
class Retention:
    last: int = 3  # the newest few whatever their day: two opens on one day keep the morning's copy
    daily: int = 7
    weekly: int = 4
    monthly: int = 12

    def describe(self) -> str:
        return f"保留最近 {self.last} 个、{self.daily} 天每天 1 个、{self.weekly} 周每周 1 个、{self.monthly} 个月每月 1 个"


DEFAULT_RETENTION = Retention()


def _day(t: datetime) -> Hashable:
    return t.date()


def _week(t: datetime) -> Hashable:
    year, week, _ = t.isocalendar()
    return (year, week)


def _month(t: datetime) -> Hashable:
    return (t.year, t.month)


def backups_to_keep(stamps: Mapping[K, datetime], policy: Retention = DEFAULT_RETENTION) -> set[K]:
    """The keys of ``stamps`` (backup → time it was made) that the policy keeps.

    The newest backup is always kept, even with every count at zero.
    """
    ordered = sorted(stamps, key=lambda k: stamps[k], reverse=True)
    if not ordered:
        return set()
    keep: set[K] = {ordered[0], *ordered[: max(policy.last, 0)]}
    for period, count in ((_day, policy.daily), (_week, policy.weekly), (_month, policy.monthly)):
        keep |= _newest_per_period(ordered, stamps, period, count)
    return keep


def backups_to_remove(stamps: Mapping[K, datetime], policy: Retention = DEFAULT_RETENTION) -> set[K]:
    return set(stamps) - backups_to_keep(stamps, policy)


def _newest_per_period(ordered: list[K], stamps: Mapping[K, datetime],
                       period: Callable[[datetime], Hashable], count: int) -> set[K]:
    kept: set[K] = set()
    seen: set[Hashable] = set()
    for key in ordered:  # newest first, so the first one met in a period is its newest
        if len(seen) >= count:
            break
        p = period(stamps[key])
        if p not in seen:
            seen.add(p)
            kept.add(key)
    return kept
