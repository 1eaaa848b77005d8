"""The activity calendar (活动): activities, their partner orgs and attendance (签到名单).

An activity is saved together with its partners, attendance and new attachments in one
transaction (``create_activity`` / ``update_activity``), so a refused attendee or attachment leaves
nothing half-written. The actual 人次 (``headcount``) follows the attendance list whenever there is
one; for open events without a list the clerk types it. Errors carry ``field`` so the dialog can
show them beside the field concerned.

Planning the next year from this year's recurring activities is in ``activity_plan``; attachment
files beside the database are in ``activity_files``.
"""

from __future__ import annotations

import datetime
import json
import re
import unicodedata
from typing import Any, Iterable, Sequence

from . import files as activity_files
from ..values import dates, money
from ..errors import UserError, ValueFormatError
from ..store.records import Field, as_dict, insert_row, restore_deleted, soft_delete, update_row
from ..store.sqlutil import like_escape
from ..store.connection import Store

DEFAULT_KINDS = ("文体", "培训", "技能竞赛", "讲座", "慰问走访", "会议", "志愿服务", "其他")
STATUSES = ("计划", "已举办", "取消")
FUNDING_SOURCES = ("市总", "区总", "街道总工会", "企业", "社会捐赠")
KINDS_SETTING = "activity_kinds"
MAX_HEADCOUNT = 100_000
MAX_DAYS = 366  # an activity longer than a year is a typing mistake

ACTIVITY_FIELDS: tuple[Field, ...] = (
    Field("title", "活动名称", required=True),
    Field("kind", "活动类别", "choice"),
    Field("start_date", "开始日期", "date", required=True),
    Field("start_time", "开始时间"),
    Field("end_date", "结束日期", "date"),
    Field("end_time", "结束时间"),
    Field("location", "地点"),
    Field("organiser", "组织者"),
    Field("status", "状态", "choice", STATUSES),
    Field("planned_headcount", "计划人次", "int"),
    Field("headcount", "实际人次", "int"),
    Field("walk_ins", "名单外人数", "int"),
    Field("cost", "经费", "money"),
    Field("funding_source", "经费来源"),
    Field("description", "活动内容"),
    Field("recurring", "每年举办", "flag"),
    Field("festival", "节日"),
)
LABELS = {f.name: f.label for f in ACTIVITY_FIELDS}
_TEXT_FIELDS = ("location", "organiser", "funding_source", "description", "festival")
_TIME = re.compile(r"^(\d{1,2})(?:[:：.点时](\d{1,2})?分?)?$")


# ------------------------------------------------------------------ settings


def activity_kinds(store: Store) -> list[str]:
    """The kinds offered when planning (设置 → 活动类别); the default list until changed."""
    raw = store.get_setting(KINDS_SETTING)
    if raw:
        try:
            kinds = [str(k) for k in json.loads(raw) if str(k).strip()]
            if kinds:
                return kinds
        except (ValueError, TypeError):
            pass  # a damaged setting falls back to the defaults rather than blocking the tab
    return list(DEFAULT_KINDS)


def set_activity_kinds(store: Store, kinds: Iterable[str]) -> list[str]:
    """Replace the kind list. Activities already filed under a removed kind keep it."""
    cleaned: list[str] = []
    for kind in kinds:
        text = "".join(str(kind or "").split())
        if not text:
            continue
        if len(text) > 10:
            raise ValueFormatError(f"活动类别“{text}”太长，最多 10 个字", field="kind")
        if text in cleaned:
            raise ValueFormatError(f"活动类别“{text}”重复了", field="kind")
        cleaned.append(text)
    if not cleaned:
        raise ValueFormatError("至少要保留一个活动类别", field="kind")
    store.set_setting(KINDS_SETTING, json.dumps(cleaned, ensure_ascii=False))
    return cleaned


# ---------------------------------------------------------------- validation


def parse_time(value: Any, field: str = "start_time") -> str | None:
    """'9:00', '09:30', '9点', '9点30分', a ``datetime.time`` → 'HH:MM'; None when empty."""
    if value is None:
        return None
    if isinstance(value, datetime.time):
        return value.strftime("%H:%M")
    text = "".join(unicodedata.normalize("NFKC", str(value)).split())
    if not text:
        return None
    match = _TIME.match(text)
    label = LABELS[field]
    if not match:
        raise ValueFormatError(f"{label}“{text}”无法识别，请写成 09:30 这样的格式", field=field)
    hour, minute = int(match[1]), int(match[2] or 0)
    if hour > 23 or minute > 59:
        raise ValueFormatError(f"{label}“{text}”不存在，小时应在 0–23、分钟在 0–59 之间", field=field)
    return f"{hour:02d}:{minute:02d}"


def parse_headcount(value: Any, field: str = "headcount") -> int | None:
    """人次 as a whole number 0–100000; None when empty. '120人次' and '120 人' are accepted."""
    if value is None:
        return None
    label = LABELS[field]
    text = unicodedata.normalize("NFKC", str(value)).strip().replace(",", "")
    for unit in ("人次", "人"):
        text = text.removesuffix(unit).strip()
    if not text:
        return None
    try:
        number = float(text)
    except ValueError:
        raise ValueFormatError(f"{label}“{value}”不是数字", field=field) from None
    if number != int(number):
        raise ValueFormatError(f"{label}“{value}”应为整数", field=field)
    if number < 0:
        raise ValueFormatError(f"{label}不能为负数（填的是 {int(number)}）", field=field)
    if number > MAX_HEADCOUNT:
        raise ValueFormatError(f"{label} {int(number)} 过大（一次活动最多 {MAX_HEADCOUNT} 人次），请核对", field=field)
    return int(number)


def _date(value: Any, field: str) -> str | None:
    try:
        return dates.to_iso(dates.parse_date(value)) or None
    except ValueFormatError as exc:
        raise ValueFormatError(f"{LABELS[field]}：{exc}", field=field) from None


def _cost(value: Any) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        fen = value  # already fen (from core or a spin box)
    else:
        try:
            fen = money.parse_money_optional(value) or 0
        except ValueFormatError as exc:
            raise ValueFormatError(f"经费：{exc}", field="cost") from None
    if fen < 0:
        raise ValueFormatError("经费不能为负数", field="cost")
    return fen


def validate_activity(data: dict[str, Any], kinds: Sequence[str], *, today: datetime.date | None = None) -> dict[str, Any]:
    """A complete, normalised activity from ``data`` (a whole record, not a partial change).

    ``cost`` given as int is fen; as text it is yuan ('1,200.50'). Raises ValueFormatError naming
    the field.
    """
    out: dict[str, Any] = {}
    title = " ".join(str(data.get("title") or "").split())
    if not title:
        raise ValueFormatError("请填写活动名称", field="title")
    if len(title) > 100:
        raise ValueFormatError("活动名称太长（最多 100 个字）", field="title")
    out["title"] = title
    kind = str(data.get("kind") or "").strip() or "其他"
    if kind not in kinds:
        raise ValueFormatError(f"活动类别“{kind}”不在列表中，应为：{'、'.join(kinds)}", field="kind")
    out["kind"] = kind
    _validate_when(data, out)
    status = str(data.get("status") or "计划").strip()
    if status not in STATUSES:
        raise ValueFormatError(f"状态“{status}”无法识别，应为：{'、'.join(STATUSES)}", field="status")
    today = today or dates.today()
    if status == "已举办" and out["start_date"] > today.isoformat():
        raise ValueFormatError(
            f"活动在 {dates.format_date_cn(out['start_date'])} 才开始，还不能标为“已举办”", field="status")
    out["status"] = status
    out["planned_headcount"] = parse_headcount(data.get("planned_headcount"), "planned_headcount")
    out["headcount"] = parse_headcount(data.get("headcount"), "headcount")
    out["walk_ins"] = parse_headcount(data.get("walk_ins"), "walk_ins") or 0
    out["cost"] = _cost(data.get("cost"))
    for key in _TEXT_FIELDS:
        out[key] = str(data.get(key) or "").strip()
    out["recurring"] = 1 if data.get("recurring") in (1, True, "1", "是") else 0
    return out


def check_when(data: dict[str, Any]) -> None:
    """Refuse the dates and times of a form as saving would (the form rechecks a refused time live)."""
    _validate_when(data, {})


def _validate_when(data: dict[str, Any], out: dict[str, Any]) -> None:
    start = _date(data.get("start_date"), "start_date")
    if not start:
        raise ValueFormatError("请填写开始日期", field="start_date")
    end = _date(data.get("end_date"), "end_date") or start
    start_time = parse_time(data.get("start_time"), "start_time")
    end_time = parse_time(data.get("end_time"), "end_time")
    if end < start:
        raise ValueFormatError(
            f"结束日期 {dates.format_date_cn(end)} 早于开始日期 {dates.format_date_cn(start)}", field="end_date")
    if end == start and start_time and end_time and end_time < start_time:
        raise ValueFormatError(f"结束时间 {end_time} 早于开始时间 {start_time}", field="end_time")
    days = (datetime.date.fromisoformat(end) - datetime.date.fromisoformat(start)).days + 1
    if days > MAX_DAYS:
        raise ValueFormatError(f"活动持续 {days} 天，超过一年，请核对结束日期", field="end_date")
    out.update(start_date=start, end_date=end, start_time=start_time, end_time=end_time)


# ------------------------------------------------------------------ writing


def create_activity(store: Store, data: dict[str, Any], *, partner_ids: Iterable[int] = (),
                    attendance: Sequence[int] | None = None, attachments: Sequence[Any] = ()) -> int:
    """A new activity with its partners, attendance list and attachment files, all or nothing."""
    values = validate_activity(data, activity_kinds(store))
    if attendance:
        values["headcount"] = len(attendance) + values["walk_ins"]
    files = activity_files.check_sources(attachments)
    with store.atomic():
        activity_id = insert_row(store, "activities", values)
        _save_related(store, activity_id, partner_ids, attendance, files)
        return activity_id


def update_activity(store: Store, activity_id: int, changes: dict[str, Any], *,
                    partner_ids: Iterable[int] | None = None, attendance: Sequence[int] | None = None,
                    attachments: Sequence[Any] = (), removed_attachments: Sequence[int] = ()) -> None:
    """Change fields (and optionally replace partners / attendance, add or remove attachments) at once.

    ``None`` for partners or attendance leaves them as they are; an empty list clears them.
    """
    current = _live(store, activity_id)
    merged = {**current, **changes}
    values = validate_activity(merged, [*activity_kinds(store), current["kind"]])
    listed = len(attendance) if attendance is not None else store.scalar(
        "SELECT count(*) FROM activity_attendance WHERE activity_id = ?", (activity_id,))
    if listed:
        # 人次 follows the list (plus those who signed its blank rows); a typed number can't contradict it
        values["headcount"] = listed + values["walk_ins"]
    files = activity_files.check_sources(attachments)
    with store.atomic():
        changed = {k: v for k, v in values.items() if current.get(k) != v}
        update_row(store, "activities", activity_id, changed)
        for attachment_id in removed_attachments:
            store.execute("DELETE FROM activity_attachments WHERE id = ? AND activity_id = ?",
                          (attachment_id, activity_id))
        _save_related(store, activity_id, partner_ids, attendance, files)


def _save_related(store: Store, activity_id: int, partner_ids, attendance, files) -> None:
    if partner_ids is not None:
        set_partners(store, activity_id, partner_ids)
    if attendance is not None:
        set_attendance(store, activity_id, attendance)
    for source in files:
        activity_files.add_attachment(store, activity_id, source)


def move_activity(store: Store, activity_id: int, new_start: Any) -> None:
    """Reschedule to another day keeping its length and times (drag in the month view)."""
    current = _live(store, activity_id)
    start = datetime.date.fromisoformat(_date(new_start, "start_date") or current["start_date"])
    length = datetime.date.fromisoformat(current["end_date"]) - datetime.date.fromisoformat(current["start_date"])
    update_activity(store, activity_id, {"start_date": start.isoformat(), "end_date": (start + length).isoformat()})


def delete_activities(store: Store, ids: Iterable[int]) -> int:
    """To the recycle bin (回收站); attendance and attachments stay with the activity."""
    return soft_delete(store, "activities", ids)


def restore_activities(store: Store, ids: Iterable[int]) -> int:
    return restore_deleted(store, "activities", ids)


def _live(store: Store, activity_id: int) -> dict[str, Any]:
    row = as_dict(store.one("SELECT * FROM activities WHERE id = ?", (activity_id,)))
    if row is None or row["deleted_at"]:
        raise UserError("该活动不存在或已删除")
    return row


# ---------------------------------------------------------- partners, attendance


def set_partners(store: Store, activity_id: int, org_ids: Iterable[int]) -> None:
    """Make the partner orgs exactly ``org_ids`` (only the differences are written)."""
    wanted = list(dict.fromkeys(int(i) for i in org_ids))
    with store.atomic():
        have = {r[0] for r in store.query("SELECT org_id FROM activity_partners WHERE activity_id = ?", (activity_id,))}
        for org_id in set(wanted) - have:
            row = store.one("SELECT deleted_at FROM orgs WHERE id = ?", (org_id,))
            if row is None or row["deleted_at"]:
                raise ValueFormatError("所选合作单位不存在或已删除", field="partners")
            store.execute("INSERT INTO activity_partners (activity_id, org_id) VALUES (?, ?)", (activity_id, org_id))
        for org_id in have - set(wanted):
            store.execute("DELETE FROM activity_partners WHERE activity_id = ? AND org_id = ?", (activity_id, org_id))


def set_attendance(store: Store, activity_id: int, member_ids: Sequence[int]) -> int:
    """Make the attendance list exactly ``member_ids``; a member listed twice is refused.

    When the list is not empty the activity's 人次 becomes its length. Returns the 人次.
    """
    ids = [int(i) for i in member_ids]
    _refuse_duplicates(store, ids)
    with store.atomic():
        have = {r[0] for r in store.query("SELECT member_id FROM activity_attendance WHERE activity_id = ?", (activity_id,))}
        added = [i for i in ids if i not in have]
        _check_members(store, added)
        store.conn.executemany("INSERT INTO activity_attendance (activity_id, member_id) VALUES (?, ?)",
                               [(activity_id, i) for i in added])
        for member_id in have - set(ids):
            store.execute("DELETE FROM activity_attendance WHERE activity_id = ? AND member_id = ?", (activity_id, member_id))
        return _sync_headcount(store, activity_id)


def add_attendees(store: Store, activity_id: int, member_ids: Sequence[int]) -> int:
    """Add members to the list; one already on it (or given twice) is refused. Returns the 人次."""
    ids = [int(i) for i in member_ids]
    _refuse_duplicates(store, ids)
    with store.atomic():
        _live(store, activity_id)
        present = store.one(
            f"SELECT m.name FROM activity_attendance a JOIN members m ON m.id = a.member_id "
            f"WHERE a.activity_id = ? AND a.member_id IN ({','.join('?' * len(ids)) or 'NULL'}) LIMIT 1",
            (activity_id, *ids))
        if present:
            raise ValueFormatError(f"会员“{present['name']}”已在本活动的签到名单中", field="attendance")
        current = [r[0] for r in store.query("SELECT member_id FROM activity_attendance WHERE activity_id = ?", (activity_id,))]
        return set_attendance(store, activity_id, current + ids)


def _refuse_duplicates(store: Store, ids: Sequence[int]) -> None:
    seen: set[int] = set()
    for member_id in ids:
        if member_id in seen:
            name = store.scalar("SELECT name FROM members WHERE id = ?", (member_id,)) or f"编号 {member_id}"
            raise ValueFormatError(f"会员“{name}”在签到名单中出现了两次，同一人只能签到一次", field="attendance")
        seen.add(member_id)


def _check_members(store: Store, ids: Sequence[int]) -> None:
    for member_id in ids:
        row = store.one("SELECT name, deleted_at FROM members WHERE id = ?", (member_id,))
        if row is None:
            raise ValueFormatError(f"会员编号 {member_id} 不存在", field="attendance")
        if row["deleted_at"]:
            raise ValueFormatError(f"会员“{row['name']}”在回收站中，不能加入签到名单", field="attendance")


def _sync_headcount(store: Store, activity_id: int) -> int | None:
    """人次 follows the list (+ 名单外人数) when there is one; with no list the typed number stands."""
    count = store.scalar("SELECT count(*) FROM activity_attendance WHERE activity_id = ?", (activity_id,))
    if count:
        count += store.scalar("SELECT walk_ins FROM activities WHERE id = ?", (activity_id,)) or 0
        row = store.one("SELECT headcount FROM activities WHERE id = ?", (activity_id,))
        if row["headcount"] != count:
            update_row(store, "activities", activity_id, {"headcount": count})
        return count
    return store.scalar("SELECT headcount FROM activities WHERE id = ?", (activity_id,))


# ------------------------------------------------------------------ reading


_LIST_SQL = """
SELECT a.*,
       (SELECT count(*) FROM activity_attendance t WHERE t.activity_id = a.id) AS attendance_count,
       (SELECT count(*) FROM activity_attachments f WHERE f.activity_id = a.id) AS attachment_count,
       (SELECT group_concat(o.name, '、') FROM activity_partners p JOIN orgs o ON o.id = p.org_id
         WHERE p.activity_id = a.id) AS partner_names
FROM activities a
"""


def get_activity(store: Store, activity_id: int) -> dict[str, Any] | None:
    """One activity with partner ids/names, attendance count and attachment list."""
    row = as_dict(store.one(_LIST_SQL + " WHERE a.id = ?", (activity_id,)))
    if row is None:
        return None
    partners = store.query(
        "SELECT o.id, o.name FROM activity_partners p JOIN orgs o ON o.id = p.org_id "
        "WHERE p.activity_id = ? ORDER BY o.name_pinyin", (activity_id,))
    row["partner_ids"] = [r["id"] for r in partners]
    row["partner_names"] = "、".join(r["name"] for r in partners)
    row["attachments"] = activity_files.attachments_of(store, activity_id)
    return row


def activities_between(store: Store, first: Any, last: Any, *, text: str = "", kinds: Sequence[str] = (),
                       statuses: Sequence[str] = (), recycle_bin: bool = False) -> list[dict[str, Any]]:
    """Activities that overlap the days ``first``..``last``, in calendar order."""
    first_iso, last_iso = dates.to_iso(first), dates.to_iso(last)
    where = ["a.deleted_at IS NOT NULL" if recycle_bin else "a.deleted_at IS NULL",
             "a.start_date <= ?", "a.end_date >= ?"]
    params: list[Any] = [last_iso, first_iso]
    if kinds:
        where.append(f"a.kind IN ({','.join('?' * len(kinds))})")
        params += list(kinds)
    if statuses:
        where.append(f"a.status IN ({','.join('?' * len(statuses))})")
        params += list(statuses)
    for term in unicodedata.normalize("NFKC", text or "").split():
        pattern = f"%{like_escape(term)}%"
        where.append("(a.title LIKE ? ESCAPE '\\' OR a.location LIKE ? ESCAPE '\\' "
                     "OR a.organiser LIKE ? ESCAPE '\\' OR a.kind = ?)")
        params += [pattern, pattern, pattern, term]
    sql = f"{_LIST_SQL} WHERE {' AND '.join(where)} ORDER BY a.start_date, coalesce(a.start_time, ''), a.id"
    return [as_dict(r) for r in store.query(sql, params)]


def deleted_activities(store: Store) -> list[dict[str, Any]]:
    """The recycle bin (回收站), most recently deleted first."""
    return [as_dict(r) for r in store.query(_LIST_SQL + " WHERE a.deleted_at IS NOT NULL ORDER BY a.deleted_at DESC, a.id")]


def month_range(year: int, month: int) -> tuple[datetime.date, datetime.date]:
    first = datetime.date(year, month, 1)
    following = datetime.date(year + month // 12, month % 12 + 1, 1)
    return first, following - datetime.timedelta(days=1)


def activities_of_month(store: Store, year: int, month: int, **filters: Any) -> list[dict[str, Any]]:
    return activities_between(store, *month_range(year, month), **filters)


def upcoming_activities(store: Store, days: int = 14, *, today: datetime.date | None = None) -> list[dict[str, Any]]:
    """Planned activities running between today and ``days`` ahead, soonest first (工作台)."""
    today = today or dates.today()
    rows = activities_between(store, today, today + datetime.timedelta(days=days), statuses=("计划",))
    for row in rows:
        row["days_until"] = max(0, (datetime.date.fromisoformat(row["start_date"]) - today).days)
    return rows


def attendance_of(store: Store, activity_id: int) -> list[dict[str, Any]]:
    """The attendance list (签到名单) in the order signed in: name, org, phone, id."""
    rows = store.query(
        "SELECT m.id AS member_id, m.name, m.gender, m.phone, m.id_number, m.deleted_at, o.name AS org_name "
        "FROM activity_attendance a JOIN members m ON m.id = a.member_id LEFT JOIN orgs o ON o.id = m.org_id "
        "WHERE a.activity_id = ? ORDER BY a.id", (activity_id,))
    return [as_dict(r) for r in rows]


def activity_years(store: Store) -> list[int]:
    """Years that have activities, for the year pickers."""
    return [int(r[0]) for r in store.query(
        "SELECT DISTINCT substr(start_date, 1, 4) FROM activities WHERE deleted_at IS NULL ORDER BY 1")]


def suggestions(store: Store) -> dict[str, list[str]]:
    """Places, organisers and funding sources used before, most used first (for the form's lists)."""
    out: dict[str, list[str]] = {}
    for column in ("location", "organiser", "funding_source"):
        out[column] = [r[0] for r in store.query(
            f"SELECT {column} FROM activities WHERE deleted_at IS NULL AND {column} <> '' "
            f"GROUP BY {column} ORDER BY count(*) DESC, {column} LIMIT 50")]
    return out


def activity_totals(store: Store, first: Any, last: Any) -> dict[str, dict[str, int]]:
    """Per kind for activities starting in the period: planned, held, cancelled, 人次 (held), cost.

    Only 已举办 activities count towards 人次 and cost; the figures of §8 read this.
    """
    rows = store.query(
        "SELECT kind, count(*) AS total, sum(status = '已举办') AS held, sum(status = '取消') AS cancelled, "
        "sum(CASE WHEN status = '已举办' THEN coalesce(headcount, 0) END) AS headcount, "
        "sum(CASE WHEN status = '已举办' THEN cost END) AS cost "
        "FROM activities WHERE deleted_at IS NULL AND start_date BETWEEN ? AND ? GROUP BY kind ORDER BY kind",
        (dates.to_iso(first), dates.to_iso(last)))
    return {r["kind"]: {"total": r["total"], "held": r["held"] or 0, "cancelled": r["cancelled"] or 0,
                        "headcount": r["headcount"] or 0, "cost": r["cost"] or 0} for r in rows}


def when_text(activity: dict[str, Any]) -> str:
    """'2026年3月7日 09:00–11:30' or '2026年3月7日–3月8日' as printed and shown."""
    start = datetime.date.fromisoformat(activity["start_date"])
    end = datetime.date.fromisoformat(activity["end_date"])
    text = dates.format_date_cn(start)
    st, et = activity.get("start_time"), activity.get("end_time")
    if end == start:
        if st:
            text += f" {st}" + (f"–{et}" if et else "")
        return text
    if st:
        text += f" {st}"
    tail = f"{end.month}月{end.day}日" if end.year == start.year else dates.format_date_cn(end)
    return f"{text}–{tail}" + (f" {et}" if et else "")
