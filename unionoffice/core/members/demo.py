"""Demo step of the member roll: members spread over the unionised orgs by head-count, with
their joining and any later change of status in the roll's history."""

from __future__ import annotations

import itertools
import random
from datetime import date, timedelta

from ..demo.context import REGIONS, DemoContext, day_between, mobile, person
from ..store import audit
from ..values import names
from ..values.ids import make_id_number

MEMBER_COLUMNS = ("name", "gender", "id_number", "birth_date", "ethnicity", "politics", "education", "phone",
                  "org_id", "joined_date", "member_no", "status", "status_date", "status_reason", "is_migrant",
                  "model_worker", "is_retired", "hukou", "name_pinyin", "name_initials")


def member_rows(ctx: DemoContext) -> list[tuple]:
    """The demo's member rows, in MEMBER_COLUMNS order (also used by the benchmark baseline)."""
    rng = ctx.rng
    orgs = ctx.store.query("SELECT id, workers FROM orgs WHERE is_federation = 0 AND union_mode <> '未建会'")
    cum_weights = list(itertools.accumulate(o["workers"] for o in orgs))  # once, not per member
    used_ids: set[str] = set()
    rows = []
    for i in range(ctx.members):
        name = person(rng)
        id_number, birth = _unique_id(rng, used_ids, ctx.today)
        gender = "男" if int(id_number[16]) % 2 else "女"
        joined = day_between(rng, max(date(2005, 1, 1), date(birth.year + 18, 1, 1)), ctx.today - timedelta(days=1))
        status, status_date, reason = _status(rng, joined, ctx.today)
        pinyin, initials = names.pinyin_keys(name)
        rows.append((
            name, gender, id_number, birth.isoformat(),
            "汉族" if rng.random() < 0.93 else rng.choice(("壮族", "回族", "满族", "苗族", "土家族")),
            rng.choices(("群众", "中共党员", "共青团员"), (70, 18, 12))[0],
            rng.choices(("初中", "高中", "中专", "大专", "本科", "硕士"), (15, 20, 15, 25, 22, 3))[0],
            mobile(rng),
            rng.choices(orgs, cum_weights=cum_weights)[0]["id"],
            joined.isoformat(), f"DH{joined.year}{i + 1:06d}", status, status_date, reason,
            1 if rng.random() < 0.35 else 0,
            rng.choices(("", "区级", "市级", "省部级"), (985, 10, 4, 1))[0],
            1 if ctx.today.year - birth.year >= 60 else 0,
            "本地" if rng.random() < 0.45 else "外地",
            pinyin, initials,
        ))
    return rows


def make_members(ctx: DemoContext) -> None:
    audit.bulk_insert(ctx.store.conn, "members", MEMBER_COLUMNS, member_rows(ctx))
    # The roll's history starts with each member joining their org.
    ctx.store.execute(
        "INSERT INTO member_events (member_id, event_date, kind, to_org_id, new_status) "
        "SELECT id, joined_date, '入会', org_id, '正常' FROM members"
    )
    ctx.store.execute(
        "INSERT INTO member_events (member_id, event_date, kind, old_status, new_status, reason) "
        "SELECT id, status_date, '状态变更', '正常', status, status_reason FROM members WHERE status <> '正常'"
    )
    ctx.member_ids = [r[0] for r in ctx.store.query("SELECT id FROM members ORDER BY id")]


def _status(rng: random.Random, joined: date, today: date) -> tuple[str, str | None, str]:
    roll = rng.random()
    if roll < 0.93 or joined >= today - timedelta(days=60):
        return "正常", None, ""
    status, reason = rng.choice((("转出", "调离本街道"), ("退会", "本人申请"), ("保留", "失业保留会籍"), ("去世", "病故")))
    return status, day_between(rng, joined + timedelta(days=30), today).isoformat(), reason


def _unique_id(rng: random.Random, used: set[str], today: date) -> tuple[str, date]:
    while True:
        birth = day_between(rng, date(today.year - 62, 1, 1), date(today.year - 19, 12, 31))
        id_number = make_id_number(rng.choice(REGIONS), birth, rng.randint(0, 999))
        if id_number not in used:
            used.add(id_number)
            return id_number, birth
