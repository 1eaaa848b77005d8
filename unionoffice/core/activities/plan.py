"""Plan a year from the last: copy the recurring activities with their dates moved to the same weekday.

The rule (``shifted_date``): take the same calendar day in the target year (29 February → 28
February) and move to the nearest day with the original weekday — never more than three days
away. In practice that is the original date + 364 days (one day earlier, two after 29 February),
or + 371 days when that lands closer to the anniversary. A Saturday 三八 event stays on the
Saturday nearest 8 March; the 2nd Saturday of March lands on the Saturday nearest its date (which
may be the 1st or 2nd Saturday — the date matters more to a festival than the ordinal). A date
that would slip into the neighbouring year moves a week the other way so the copy stays in the
target year. Multi-day activities keep their length.

An activity tied to a lunar festival (its 节日 field, or a festival named in its title: 闹元宵、
中秋联欢…) moves to that festival's date in the new year instead — keeping its distance to the
festival, so the party on the eve stays on the eve. ``plan_copy`` proposes the dates with what
the clerk should know (a closed day, a date already past); ``copy_recurring`` takes the dates she
settled on.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from . import festivals
from ..values import dates
from ..errors import UserError
from ..store.connection import Store

# Copied as they are; dates, status, 人次 and cost are set for the new year.
_COPIED = ("title", "kind", "start_time", "end_time", "location", "organiser", "planned_headcount",
           "funding_source", "description", "recurring", "festival")


@dataclass
class CopyResult:
    created: list[int] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # "title：reason" lines for the clerk
    past: list[str] = field(default_factory=list)  # titles copied onto a date already past

    def message(self, from_year: int, to_year: int) -> str:
        if not self.created and not self.skipped:
            return f"{from_year} 年没有标为“每年举办”的活动，未生成任何计划。"
        text = f"已按 {from_year} 年的每年举办活动生成 {to_year} 年计划 {len(self.created)} 项"
        if self.skipped:
            text += f"，跳过 {len(self.skipped)} 项（已生成过）"
        text += "。"
        if self.past:
            text += (f"\n注意：{len(self.past)} 项的日期已过（{'、'.join(self.past)}），仍为“计划”，"
                     "在工作台显示为“待补记”，请补记或改期。")
        return text


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


@dataclass
class Proposal:
    """One activity of the source year and the date proposed for its copy."""

    source_id: int
    title: str
    source_start: datetime.date
    new_start: datetime.date
    reason: str  # how the date was found: 按节日… / 同一星期几
    already_copied: bool = False

    def notes(self, today: datetime.date | None = None) -> list[str]:
        """What the clerk should know about ``new_start``: a closed day, a date already past."""
        return date_notes(self.new_start, self.source_start, today)


def date_notes(day: datetime.date, source: datetime.date | None = None,
               today: datetime.date | None = None) -> list[str]:
    notes = []
    today = today or dates.today()
    if day < today:
        notes.append("日期已过（复制后仍是“计划”，请核对或补记）")
    info = festivals.day_info(day)
    source_weekend = source is not None and source.weekday() >= 5
    if info.closed and (not source_weekend or "假期" in info.text):
        notes.append(f"办公室不上班：{info.text}")
    elif info.closed is None and info.text and not source_weekend:
        notes.append(f"办公室不上班：{info.text}")
    elif info.closed is False and info.text:
        notes.append(info.text)
    return notes


def proposed_date(source: dict[str, Any], to_year: int) -> tuple[datetime.date, str]:
    start = datetime.date.fromisoformat(source["start_date"])
    name = festivals.festival_of(source["title"], source.get("festival") or "")
    if name is not None:
        day = festivals.moved_to_festival(start, name, to_year)
        if day is not None and day.year == to_year:
            offset = (day - festivals.festival_date(name, to_year)).days
            near = f"（节日前 {-offset} 天）" if offset < 0 else f"（节日后 {offset} 天）" if offset else ""
            return day, f"按节日：{name}{near}"
    if festivals.unknown_festival(source.get("festival") or ""):
        return shifted_date(start, to_year), f"同一星期几（节日“{source['festival'].strip()}”无法识别，请核对日期）"
    return shifted_date(start, to_year), "同一星期几"


def plan_copy(store: Store, from_year: int, to_year: int) -> list[Proposal]:
    """The copies ``copy_recurring`` would make, with their proposed dates, for the preview."""
    _check_years(from_year, to_year)
    out = []
    for source in recurring_in(store, from_year):
        day, reason = proposed_date(source, to_year)
        out.append(Proposal(source["id"], source["title"], datetime.date.fromisoformat(source["start_date"]),
                            day, reason, _already_copied(store, source["id"], to_year)))
    return out


def default_source_year(store: Store, today: datetime.date | None = None) -> int:
    """The year a clerk most likely copies from: last year while this year is still unplanned
    (January's planning), else this year (planning next year in the autumn)."""
    today = today or dates.today()
    last = today.year - 1
    if today.month <= 6 and any(not _already_copied(store, s["id"], today.year) for s in recurring_in(store, last)):
        return last
    return today.year


def recurring_in(store: Store, year: int) -> list[dict[str, Any]]:
    return [dict(r) for r in store.query(
        "SELECT * FROM activities WHERE recurring = 1 AND deleted_at IS NULL AND start_date BETWEEN ? AND ? "
        "ORDER BY start_date, id", (f"{year:04d}-01-01", f"{year:04d}-12-31"))]


def copy_recurring(store: Store, from_year: int, to_year: int,
                   chosen: dict[int, datetime.date] | None = None) -> CopyResult:
    """Copy ``from_year``'s recurring activities into ``to_year`` as 计划, without attendance.

    ``chosen`` maps source ids to the start dates the clerk settled on in the preview (each must
    lie in ``to_year``); an id left out of a given ``chosen`` is not copied. Without it every
    recurring activity is copied on its proposed date.

    Partner orgs come along; attachments, 人次 and cost don't. An activity already copied into
    ``to_year`` (even one since moved to the recycle bin) is skipped, so running it twice is
    harmless. Everything happens in one transaction.
    """
    _check_years(from_year, to_year)
    result = CopyResult()
    with store.atomic():
        for source in recurring_in(store, from_year):
            if chosen is not None and source["id"] not in chosen:
                continue
            if _already_copied(store, source["id"], to_year):
                result.skipped.append(f"{source['title']}：已生成过")
                continue
            day = chosen[source["id"]] if chosen is not None else proposed_date(source, to_year)[0]
            if day.year != to_year:
                raise UserError(f"“{source['title']}”的新日期 {dates.format_date_cn(day.isoformat())} 不在 {to_year} 年")
            result.created.append(_copy_one(store, source, day))
            if day < dates.today():
                result.past.append(source["title"])
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


def _copy_one(store: Store, source: dict[str, Any], new_start: datetime.date) -> int:
    start = datetime.date.fromisoformat(source["start_date"])
    length = datetime.date.fromisoformat(source["end_date"]) - start
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
