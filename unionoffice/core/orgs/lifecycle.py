"""An org's dated life: its events (成立, 建会, 换届, 更名, 合并, 迁出, 注销) and its head-count history.

These dates are what make a past period's figures true: an org counts from its 成立 (when one is
recorded) until it ended (注销 / 迁出 / 合并), and its 职工人数 / 女职工 / 农民工 are the ones in force
at the period's end. Recording an event changes the register as the event says (更名 renames,
建会 sets the 建会日期, 换届 starts a new term) in one transaction; every row is audited.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any, Iterable

from ..errors import UserError
from ..store.connection import Store, now_text
from ..values import dates
from .records import get_org, update_org

EVENT_KINDS = ("成立", "建会", "换届", "更名", "合并", "迁出", "注销")
ENDING_KINDS = ("合并", "迁出", "注销")


def _date(value: Any, what: str = "日期") -> str:
    day = dates.parse_date(value)
    if day is None:
        raise UserError(f"{what}有误：{value or '（空）'}，请写成 2025-06-30 这样的日期")
    if day > dates.today():
        raise UserError(f"{what} {day.isoformat()} 晚于今天，不能登记")
    return day.isoformat()


def _org(store: Store, org_id: int) -> dict[str, Any]:
    org = get_org(store, org_id)
    if org is None or org.get("deleted_at"):
        raise UserError(f"找不到单位（编号 {org_id}），或它已在回收站中")
    return org


def record_event(store: Store, org_id: int, kind: str, date: Any, *, reason: str = "",
                 new_value: str = "") -> int:
    """Record one event of an org and apply it to the register; returns the event's id."""
    if kind not in EVENT_KINDS:
        raise UserError(f"变更类别“{kind}”有误，可选：{'、'.join(EVENT_KINDS)}")
    day = _date(date, f"{kind}日期")
    new_value = (new_value or "").strip()
    with store.atomic():
        org = _org(store, org_id)
        ended = ended_on(store, org_id)
        if ended and kind != "成立":
            raise UserError(f"{org['name']} 已于 {ended} 注销/迁出/合并，不能再登记{kind}")
        if kind in ("更名", "合并") and not new_value:
            raise UserError("更名须填写新名称" if kind == "更名" else "合并须填写并入的单位名称")
        old_value = org["name"] if kind == "更名" else ""
        _apply(store, org, kind, day, new_value)
        return store.execute(
            "INSERT INTO org_events (org_id, kind, date, reason, old_value, new_value) VALUES (?, ?, ?, ?, ?, ?)",
            (org_id, kind, day, (reason or "").strip(), old_value, new_value)).lastrowid


def _apply(store: Store, org: dict[str, Any], kind: str, day: str, new_value: str) -> None:
    if kind == "更名":
        update_org(store, org["id"], _renamed(org, org["name"], new_value))
    elif kind == "建会" and org.get("union_mode") != "独立建会":
        update_org(store, org["id"], {"union_mode": "独立建会", "union_founded": day, "federation_id": None})
    elif kind == "建会" and not org.get("union_founded"):
        update_org(store, org["id"], {"union_founded": day})
    elif kind == "换届":
        changes: dict[str, Any] = {"term_start": day}
        if org.get("term_years"):
            changes["term_expiry"] = dates.add_years(_dt.date.fromisoformat(day), int(org["term_years"])).isoformat()
        update_org(store, org["id"], changes)


def withdraw_event(store: Store, org_id: int, kind: str, date: Any) -> dict[str, Any]:
    """Withdraw the org's ``kind`` event of ``date`` recorded by mistake (marked deleted, and kept
    in the audit log). 成立, 注销, 迁出 and 合并 changed nothing on the org, so they simply go; the
    latest 更名 goes with the name it replaced put back. 换届 and 建会 rewrote the union's term or
    founding date, which the event does not remember: those are corrected on the 基层工会 page."""
    day = _date(date, f"{kind}日期")
    with store.atomic():
        org = _org(store, org_id)
        event = store.one("SELECT * FROM org_events WHERE org_id = ? AND kind = ? AND date = ? AND deleted_at IS NULL "
                          "ORDER BY id DESC LIMIT 1", (org_id, kind, day))
        if event is None:
            raise UserError(f"{org['name']} 没有 {day} 的{kind}记录")
        if kind in ("换届", "建会"):
            raise UserError(f"{kind}已改写了工会的{'届期' if kind == '换届' else '建会信息'}，不能撤销；"
                            "请在单位表单的“基层工会”页直接更正")
        if kind == "更名":
            _undo_rename(store, org, dict(event))
        store.execute("UPDATE org_events SET deleted_at = ? WHERE id = ?", (now_text(), event["id"]))
        return dict(event)


def _undo_rename(store: Store, org: dict[str, Any], event: dict[str, Any]) -> None:
    later = store.scalar("SELECT count(*) FROM org_events WHERE org_id = ? AND kind = '更名' AND deleted_at IS NULL "
                         "AND (date > ? OR (date = ? AND id > ?))", (org["id"], event["date"], event["date"], event["id"]))
    if later or org["name"] != event["new_value"]:
        raise UserError("只能撤销最近一次更名（单位名称仍是那次更名后的名称时）")
    update_org(store, org["id"], _renamed(org, org["name"], event["old_value"]))


def _renamed(org: dict[str, Any], old: str, new: str) -> dict[str, Any]:
    """The org's new name, and its union's name when that was the old name with 工会… after it
    (“甲公司工会委员会” → “乙公司工会委员会”); a union named otherwise keeps its name."""
    changes: dict[str, Any] = {"name": new}
    union = org.get("union_name") or ""
    if old and union.startswith(old) and union[len(old):].startswith("工会"):
        changes["union_name"] = new + union[len(old):]
    return changes


def events(store: Store, org_id: int) -> list[dict[str, Any]]:
    return [dict(r) for r in store.query(
        "SELECT id, kind, date, reason, old_value, new_value FROM org_events "
        "WHERE org_id = ? AND deleted_at IS NULL ORDER BY date, id", (org_id,))]


def ended_on(store: Store, org_id: int) -> str | None:
    """The date the org ended (注销/迁出/合并), or None while it is on the register."""
    return store.scalar(
        "SELECT min(date) FROM org_events WHERE org_id = ? AND deleted_at IS NULL AND kind IN "
        "('合并', '迁出', '注销')", (org_id,))


def record_headcount(store: Store, org_id: int, date: Any, workers: Any, women: Any = 0,
                     migrants: Any = 0) -> None:
    """The org's head-count as at ``date`` (e.g. from last year's 台账). When it is the latest one
    recorded, it also becomes the org's current head-count."""
    day = _date(date, "人数日期")
    counts = [_count(v, label) for v, label in ((workers, "职工人数"), (women, "女职工人数"), (migrants, "农民工人数"))]
    if counts[1] > counts[0] or counts[2] > counts[0]:
        raise UserError("女职工人数、农民工人数不能多于职工人数")
    with store.atomic():
        _org(store, org_id)
        store.execute(
            "INSERT INTO org_headcounts (org_id, date, workers, women_workers, migrant_workers) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (org_id, date) DO UPDATE SET workers = excluded.workers, "
            "women_workers = excluded.women_workers, migrant_workers = excluded.migrant_workers",
            (org_id, day, *counts))
        latest = store.scalar("SELECT max(date) FROM org_headcounts WHERE org_id = ?", (org_id,))
        if day >= latest:
            update_org(store, org_id, {"workers": counts[0], "women_workers": counts[1], "migrant_workers": counts[2]})


def _count(value: Any, label: str) -> int:
    try:
        n = int(str(value if value not in (None, "") else 0).strip())
    except ValueError:
        raise UserError(f"{label}须是整数：{value}") from None
    if n < 0:
        raise UserError(f"{label}不能是负数：{value}")
    return n


def headcounts(store: Store, org_id: int) -> list[dict[str, Any]]:
    return [dict(r) for r in store.query(
        "SELECT date, workers, women_workers, migrant_workers FROM org_headcounts WHERE org_id = ? ORDER BY date",
        (org_id,))]


def headcount_at(store: Store, org_id: int, date: Any) -> dict[str, int] | None:
    """The head-count in force on ``date`` (the latest recorded on or before it)."""
    row = store.one(
        "SELECT workers, women_workers, migrant_workers FROM org_headcounts WHERE org_id = ? AND date <= ? "
        "ORDER BY date DESC LIMIT 1", (org_id, _dt.date.fromisoformat(str(date)).isoformat()))
    return dict(row) if row else None


# SQL used by the period figures: the org ``o`` is on the register on date ? (bound twice) …
ON_REGISTER_AT = (
    "coalesce((SELECT min(e.date) FROM org_events e WHERE e.org_id = o.id AND e.deleted_at IS NULL "
    "AND e.kind = '成立'), '') <= ? AND NOT EXISTS (SELECT 1 FROM org_events e WHERE e.org_id = o.id "
    "AND e.deleted_at IS NULL AND e.kind IN ('合并', '迁出', '注销') AND e.date <= ?)")
# … and the id of its head-count row in force on date ? — the latest on or before it, or (for a
# date before anything was recorded) the first one known.
HEADCOUNT_ROW_AT = (
    "coalesce((SELECT h.id FROM org_headcounts h WHERE h.org_id = o.id AND h.date <= ? ORDER BY h.date DESC "
    "LIMIT 1), (SELECT h.id FROM org_headcounts h WHERE h.org_id = o.id ORDER BY h.date LIMIT 1))")

# SQL: the org ``id`` has ended (注销/迁出/合并) — for today's lists and reminders.
ENDED = ("id IN (SELECT e.org_id FROM org_events e WHERE e.deleted_at IS NULL "
         "AND e.kind IN ('合并', '迁出', '注销') AND e.date <= date('now', 'localtime'))")
# SQL columns for lists and exports of ``orgs o``: registered (成立日期) and ended ('注销 2025-06-30').
LIFE_COLUMNS = (
    "(SELECT min(e.date) FROM org_events e WHERE e.org_id = o.id AND e.deleted_at IS NULL AND e.kind = '成立') "
    "AS registered, (SELECT e.kind || ' ' || e.date FROM org_events e WHERE e.org_id = o.id AND "
    "e.deleted_at IS NULL AND e.kind IN ('合并', '迁出', '注销') ORDER BY e.date LIMIT 1) AS ended")


def ended_or_without_union(store: Store) -> dict[int, tuple[str, str]]:
    """Org id → (name, how it ended: '注销 2022-03-21', or '' when it is on the register but
    recorded as 未建会) — the orgs a roll should not put members into unremarked."""
    rows = store.query(f"SELECT o.id, o.name, {LIFE_COLUMNS}, o.{ENDED} AS gone FROM orgs o "
                       f"WHERE o.deleted_at IS NULL AND o.needs_completion = 0 "
                       f"AND (o.union_mode = '未建会' OR o.{ENDED})")
    return {r["id"]: (r["name"], r["ended"] if r["gone"] else "") for r in rows}


# ------------------------------------------------------------------ former names (更名)


def former_names(store: Store, org_id: int) -> list[dict[str, Any]]:
    """The names the org had before its 更名 events, oldest first: [{name, until, reason}]."""
    return [{"name": r["old_value"], "until": r["date"], "reason": r["reason"]} for r in store.query(
        "SELECT old_value, date, reason FROM org_events WHERE org_id = ? AND kind = '更名' AND deleted_at IS NULL "
        "AND old_value <> '' ORDER BY date, id", (org_id,))]


def former_names_joined(store: Store, ids: Iterable[int]) -> dict[int, str]:
    """Org id → all its former names, oldest first, joined by 、 (the 曾用名 column of the register export)."""
    ids = list(ids)
    out: dict[int, list[str]] = {}
    for start in range(0, len(ids), 500):  # stay under SQLite's bound-parameter limit
        chunk = ids[start:start + 500]
        for r in store.query(
                f"SELECT org_id, old_value FROM org_events WHERE kind = '更名' AND deleted_at IS NULL "
                f"AND old_value <> '' AND org_id IN ({','.join('?' for _ in chunk)}) ORDER BY date, id", chunk):
            names = out.setdefault(r["org_id"], [])
            if r["old_value"] not in names:
                names.append(r["old_value"])
    return {org_id: "、".join(names) for org_id, names in out.items()}


def former_name_index(store: Store) -> dict[str, tuple[int, str, str]]:
    """Name key of a former name → (org id, former name, current name), for live orgs.

    A key that is some live org's name today is left out (today's name wins), and so is a former
    name two orgs once had (which of them a list means cannot be told)."""
    from ..imports.rolls import org_name_key  # the one comparison rule of org names

    current = {org_name_key(r[0]) for r in store.query("SELECT name FROM orgs WHERE deleted_at IS NULL")}
    seen: dict[str, set[int]] = {}
    out: dict[str, tuple[int, str, str]] = {}
    for r in store.query(
            "SELECT e.org_id, e.old_value, o.name FROM org_events e JOIN orgs o ON o.id = e.org_id "
            "WHERE e.kind = '更名' AND e.deleted_at IS NULL AND o.deleted_at IS NULL AND e.old_value <> '' "
            "ORDER BY e.date, e.id"):
        key = org_name_key(r["old_value"])
        if key in current:
            continue
        seen.setdefault(key, set()).add(r["org_id"])
        out[key] = (r["org_id"], r["old_value"], r["name"])
    return {k: v for k, v in out.items() if len(seen[k]) == 1}


def org_by_name(store: Store, name: Any) -> tuple[dict[str, Any], str] | None:
    """The live org called ``name`` today, or once (更名): (org row, the former name matched or '')."""
    from ..imports.rolls import org_name_key

    text = str(name or "").strip()
    if not text:
        return None
    org = store.one("SELECT * FROM orgs WHERE name = ? AND deleted_at IS NULL", (text,))
    if org is None:
        key = org_name_key(text)
        org = next((r for r in store.query("SELECT * FROM orgs WHERE deleted_at IS NULL")
                    if org_name_key(r["name"]) == key), None)
    if org is not None:
        return dict(org), ""
    hit = former_name_index(store).get(org_name_key(text))
    if hit is None:
        return None
    return dict(store.one("SELECT * FROM orgs WHERE id = ?", (hit[0],))), hit[1]


def former_name_note(former: str, current: str) -> str:
    """How imports say a row named an org by its former name."""
    return f"按曾用名匹配：{former} → {current}"


def former_name_choices(store: Store) -> list[tuple[int, str, str]]:
    """(org id, former name, today's name) of live orgs, for org pickers that find by a former name."""
    return [(org_id, former, current) for org_id, former, current in former_name_index(store).values()]
