"""Plan a year from the last: copy the recurring activities with their dates moved to the same weekday.

The rule (``shifted_date``): take the same calendar day in the target year (29 February → 28
February) and move to the nearest day with the original weekday — never more than three days
away. In practice that is the original date + 364 days (one day earlier, two after 29 February),
or + 371 days when that lands closer to the anniversary. A Saturday 三八 event stays on the
Saturday nearest 8 March; the 2nd Saturday of March lands on the Saturday nearest its date (which
may be the 1st or 2nd Saturday — the date matters more to a festival than the ordinal). A date
that would slip into the neighbouring year moves a week the other way so the copy stays in the
target year. Multi-day activities keep their length.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from ..values import dates
from ..errors import UserError
from ..store.connection import Store

# Copied as they are; dates, status, 人次 and cost are set for the new year.
_COPIED = ("title", "kind", "start_time", "end_time", "location", "organiser", "planned_headcount",
           "funding_source", "description", "recurring")


@dataclass
class CopyResult:
    created: list[int] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # "title：reason" lines for the clerk

    def message(self, from_year: int, to_year: int) -> str:
        if not self.created and not self.skipped:
            return f"{from_year} 年没有标为“每年举办”的活动，未生成任何计划。"
        text = f"已按 {from_year} 年的每年举办活动生成 {to_year} 年计划 {len(self.created)} 项"
        if self.skipped:
            text += f"，跳过 {len(self.skipped)} 项（已生成过）"
        return text + "。"


def _same_day(day: datetime.date, year: int) -> datetime.date:
    try:
        return day.replace(year=year)
    except ValueError:  # 29 February in a common year
        return day.replace(year=year, day=28)


def shifted_date(day: datetime.date, to_year: int) -> datetime.date:
    """The day in ``to_year`` with ``day``'s weekday, nearest to its anniversary (see module doc)."""
    anniversary = _same_day(day, to_year)
    offset = (day.weekday() - anniversary.weekday() + 3) % 7 - 3  # -3 … +3
    target = anniversary + datetime.timedelta(days=offset)
    if target.year > to_year:
        target -= datetime.timedelta(days=7)
    elif target.year < to_year:
        target += datetime.timedelta(days=7)
    return target


def recurring_in(store: Store, year: int) -> list[dict[str, Any]]:
    return [dict(r) for r in store.query(
        "SELECT * FROM activities WHERE recurring = 1 AND deleted_at IS NULL AND start_date BETWEEN ? AND ? "
        "ORDER BY start_date, id", (f"{year:04d}-01-01", f"{year:04d}-12-31"))]


def copy_recurring(store: Store, from_year: int, to_year: int) -> CopyResult:
    """Copy ``from_year``'s recurring activities into ``to_year`` as 计划, without attendance.

    Partner orgs come along; attachments, 人次 and cost don't. An activity already copied into
    ``to_year`` (even one since moved to the recycle bin) is skipped, so running it twice is
    harmless. Everything happens in one transaction.
    """
    _check_years(from_year, to_year)
    result = CopyResult()
    with store.atomic():
        for source in recurring_in(store, from_year):
            if _already_copied(store, source["id"], to_year):
                result.skipped.append(f"{source['title']}：已生成过")
                continue
            result.created.append(_copy_one(store, source, to_year))
    return result


def _check_years(from_year: int, to_year: int) -> None:
    for year in (from_year, to_year):
        if not dates.MIN_YEAR <= int(year) <= dates.MAX_YEAR:
            raise UserError(f"年份 {year} 不在 {dates.MIN_YEAR}–{dates.MAX_YEAR} 之间")
    if from_year == to_year:
        raise UserError("来源年份和目标年份相同，请选择不同的年份")


def _already_copied(store: Store, source_id: int, to_year: int) -> bool:
    return bool(store.scalar(
        "SELECT 1 FROM activities WHERE copied_from = ? AND substr(start_date, 1, 4) = ? LIMIT 1",
        (source_id, f"{to_year:04d}")))


def _copy_one(store: Store, source: dict[str, Any], to_year: int) -> int:
    start = datetime.date.fromisoformat(source["start_date"])
    length = datetime.date.fromisoformat(source["end_date"]) - start
    new_start = shifted_date(start, to_year)
    values = {key: source[key] for key in _COPIED}
    values.update(
        start_date=new_start.isoformat(), end_date=(new_start + length).isoformat(), status="计划",
        headcount=None, cost=0, copied_from=source["id"],
        # last year's actual 人次 is the best plan when none was written down
        planned_headcount=source["planned_headcount"] if source["planned_headcount"] is not None else source["headcount"],
    )
    cols = list(values)
    new_id = int(store.execute(
        f"INSERT INTO activities ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
        [values[c] for c in cols]).lastrowid)
    store.execute(
        "INSERT INTO activity_partners (activity_id, org_id) SELECT ?, p.org_id FROM activity_partners p "
        "JOIN orgs o ON o.id = p.org_id WHERE p.activity_id = ? AND o.deleted_at IS NULL",
        (new_id, source["id"]))
    return new_id
