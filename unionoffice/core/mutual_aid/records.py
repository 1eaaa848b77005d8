"""职工医疗互助保障 and 女职工安康: the office's plans per year, who is enrolled, and the claims.

- **Plans** (保障计划) per year: a name (在职住院, 退休, 女职工安康, 特种重病, 意外伤害 …), the premium
  per person (per 份 for plans sold by the share, such as 女职工安康) and who pays (单位/个人/工会).
- **Enrolments** (参保): one person in one plan, with the date, 份数 and the premium (default: the
  plan's premium × 份数). A person is known by 身份证号; one who is not on the member roll yet (a
  worker of a covered org) is enrolled all the same and listed to be added (``to_add``).
- **全员参保**: every member of an org (正常/保留) enrolled in one plan in one step.
- **Claims** (互助金给付) against an enrolment: date, illness or cause, amount paid.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..errors import UserError, ValueFormatError
from ..members.records import ACTIVE_STATUSES
from ..store.connection import Store, now_text
from ..store.records import Field, as_dict, choice_value, money_value, text_value
from ..values import dates, ids, money

PAYERS = ("单位", "个人", "工会")
SUGGESTED_PLANS = ("在职住院", "退休", "女职工安康", "特种重病", "意外伤害")
SHARE_WORD = "安康"  # plans sold by the 份 (女职工安康计划): their 份数 is a figure of its own
_ACTIVE = "('" + "', '".join(ACTIVE_STATUSES) + "')"

ENROLMENT_FIELDS: tuple[Field, ...] = (
    Field("name", "姓名", required=True, aliases=("职工姓名", "参保人姓名", "参保人", "被保险人", "会员姓名", "姓 名")),
    Field("id_number", "身份证号", required=True,
          aliases=("身份证号码", "公民身份号码", "身份证", "证件号码", "参保人身份证号", "身份证件号码")),
    Field("org_name", "单位", aliases=("工作单位", "单位名称", "参保单位", "投保单位", "所在单位", "企业名称")),
    Field("plan", "参保项目", aliases=("保障计划", "险种", "参保险种", "保障项目", "参保类型", "计划名称", "项目",
                                      "参保计划", "保障类型", "参保类别", "保障类别", "险种名称", "投保项目", "投保险种",
                                      "保险项目", "产品名称", "计划类型", "参保项目名称")),
    Field("enrolled_date", "参保日期", "date", aliases=("投保日期", "生效日期", "参保时间", "投保时间", "登记日期", "起保日期",
                                                    "保险起期", "生效时间", "保障起期")),
    Field("shares", "份数", "int", aliases=("参保份数", "投保份数", "购买份数")),
    Field("premium", "保费", "money", aliases=("缴费金额", "保费金额", "互助金", "缴费", "金额", "保费（元）", "应缴保费")),
    Field("notes", "备注", aliases=("说明",)),
)


# ------------------------------------------------------------------ plans


def save_plan(store: Store, data: dict[str, Any], plan_id: int | None = None) -> int:
    values = _plan_values(data)
    with store.atomic():
        clash = store.scalar("SELECT id FROM aid_plans WHERE year = ? AND name = ? AND deleted_at IS NULL AND id <> ?",
                             (values["year"], values["name"], plan_id or 0))
        if clash:
            raise UserError(f"{values['year']}年已有“{values['name']}”计划", field="name")
        if plan_id is None:
            cols = list(values)
            return int(store.execute(f"INSERT INTO aid_plans ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                                     [values[c] for c in cols]).lastrowid)
        sets = ", ".join(f"{c} = ?" for c in values)
        store.execute(f"UPDATE aid_plans SET {sets}, updated_at = ? WHERE id = ?", [*values.values(), now_text(), plan_id])
        return plan_id


def _plan_values(data: dict[str, Any]) -> dict[str, Any]:
    name = "".join(text_value(data.get("name")).split())
    if not name:
        raise ValueFormatError("请填写计划名称（如：在职住院、女职工安康）", field="name")
    try:
        year = int(str(data.get("year", "")).strip().rstrip("年"))
    except ValueError:
        raise ValueFormatError("年度应为四位数字，如 2026", field="year") from None
    if not 1990 <= year <= 2100:
        raise ValueFormatError("年度应在 1990 到 2100 之间", field="year")
    premium = _fen(data.get("premium", 0), "每人保费", "premium")
    payer = choice_value(data.get("payer") or "单位", PAYERS, "缴费方", "payer")
    return {"year": year, "name": name, "premium": premium, "payer": payer, "notes": text_value(data.get("notes"))}


def _fen(value: Any, label: str, field: str) -> int:
    return money_value(value, label, field) or 0


def plans(store: Store, year: int | None = None) -> list[dict[str, Any]]:
    where, params = ("AND year = ?", (year,)) if year else ("", ())
    return [dict(r) for r in store.query(
        f"SELECT p.*, (SELECT count(*) FROM aid_enrolments e WHERE e.plan_id = p.id AND e.deleted_at IS NULL) AS enrolled "
        f"FROM aid_plans p WHERE deleted_at IS NULL {where} ORDER BY year DESC, id", params)]


def get_plan(store: Store, plan_id: int) -> dict[str, Any] | None:
    return as_dict(store.one("SELECT * FROM aid_plans WHERE id = ? AND deleted_at IS NULL", (plan_id,)))


def find_plan(store: Store, year: int, name: str) -> dict[str, Any] | None:
    return as_dict(store.one("SELECT * FROM aid_plans WHERE year = ? AND name = ? AND deleted_at IS NULL",
                             (year, "".join(text_value(name).split()))))


def delete_plan(store: Store, plan_id: int) -> None:
    if store.scalar("SELECT 1 FROM aid_enrolments WHERE plan_id = ? AND deleted_at IS NULL", (plan_id,)):
        raise UserError("该计划已有人参保，不能删除；请先删除参保记录")
    with store.atomic():
        store.execute("UPDATE aid_plans SET deleted_at = ?, updated_at = ? WHERE id = ?", (now_text(), now_text(), plan_id))


# ------------------------------------------------------------------ enrolments


def enrol(store: Store, plan_id: int, *, member_id: int | None = None, name: str = "", id_number: Any = None,
          org_id: int | None = None, enrolled_date: Any = None, shares: Any = 1, premium: Any = None,
          notes: str = "", source: str = "逐个登记") -> int:
    """Enrol one person: a member (``member_id``) or anyone by name and 身份证号 — matched to the
    roll by 身份证号, else kept as a worker to be added to the roll."""
    plan = get_plan(store, plan_id)
    if not plan:
        raise UserError("所选保障计划不存在或已删除", field="plan")
    person = _person(store, member_id, name, id_number, org_id)
    values = _enrolment_values(plan, person, enrolled_date, shares, premium, notes, source)
    with store.atomic():
        if store.scalar("SELECT 1 FROM aid_enrolments WHERE plan_id = ? AND id_number = ? AND deleted_at IS NULL",
                        (plan_id, values["id_number"])):
            raise UserError(f"{values['person_name']} 已参加{plan['year']}年“{plan['name']}”，不能重复参保")
        cols = list(values)
        return int(store.execute(f"INSERT INTO aid_enrolments ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                                 [values[c] for c in cols]).lastrowid)


def _person(store: Store, member_id: int | None, name: str, id_number: Any, org_id: int | None) -> dict[str, Any]:
    if member_id:
        m = store.one("SELECT id, name, id_number, org_id FROM members WHERE id = ? AND deleted_at IS NULL", (member_id,))
        if not m or not m["id_number"]:
            raise UserError("所选会员不存在，或没有登记身份证号", field="member")
        return {"member_id": m["id"], "person_name": m["name"], "id_number": m["id_number"],
                "org_id": org_id or m["org_id"]}
    id18 = ids.normalize_id_number(id_number)
    name = "".join(text_value(name).split())
    m = store.one("SELECT id, name, org_id FROM members WHERE id_number = ? AND deleted_at IS NULL", (id18,))
    if m and name and name != m["name"]:
        raise ValueFormatError(f"身份证号 {ids.mask_id_number(id18)} 在会员名册中是“{m['name']}”，与“{name}”不符",
                               field="name")
    if not m and not name:
        raise ValueFormatError("请填写姓名", field="name")
    return {"member_id": m["id"] if m else None, "person_name": m["name"] if m else name, "id_number": id18,
            "org_id": org_id or (m["org_id"] if m else None)}


def _enrolment_values(plan: dict, person: dict, enrolled_date: Any, shares: Any, premium: Any, notes: str,
                      source: str) -> dict[str, Any]:
    day = dates.parse_date(enrolled_date) if enrolled_date not in (None, "") else None
    day = day or max(dt.date(plan["year"], 1, 1), min(dates.today(), dt.date(plan["year"], 12, 31)))
    try:
        n = int(str(shares if shares not in (None, "") else 1).strip().rstrip("份").split(".")[0])
    except ValueError:
        raise ValueFormatError(f"份数“{shares}”应为正整数", field="shares") from None
    if n < 1:
        raise ValueFormatError("份数应为 1 或以上", field="shares")
    fen = plan["premium"] * n if premium in (None, "") else _fen(premium, "保费", "premium")
    return {"plan_id": plan["id"], **person, "enrolled_date": day.isoformat(), "shares": n, "premium": fen,
            "source": source, "notes": text_value(notes)}


def enrol_whole_org(store: Store, plan_id: int, org_id: int, enrolled_date: Any = None) -> tuple[int, int]:
    """全员参保: every member of the org (正常/保留, with an 身份证号) not yet in the plan.
    Returns (enrolled now, already enrolled)."""
    plan = get_plan(store, plan_id)
    if not plan:
        raise UserError("所选保障计划不存在或已删除")
    members = store.query(f"SELECT id FROM members WHERE org_id = ? AND deleted_at IS NULL AND status IN {_ACTIVE} "
                          "AND id_number IS NOT NULL ORDER BY id", (org_id,))
    if not members:
        raise UserError("该单位在会员名册中没有会员，无法全员参保")
    added = already = 0
    with store.atomic():
        for m in members:
            if store.scalar("SELECT 1 FROM aid_enrolments e JOIN members m ON m.id_number = e.id_number "
                            "WHERE e.plan_id = ? AND m.id = ? AND e.deleted_at IS NULL", (plan_id, m["id"])):
                already += 1
                continue
            enrol(store, plan_id, member_id=m["id"], org_id=org_id, enrolled_date=enrolled_date, source="全员参保")
            added += 1
    return added, already


def delete_enrolment(store: Store, enrolment_id: int) -> None:
    if store.scalar("SELECT 1 FROM aid_claims WHERE enrolment_id = ? AND deleted_at IS NULL", (enrolment_id,)):
        raise UserError("该参保记录已有互助金给付，不能删除")
    with store.atomic():
        store.execute("UPDATE aid_enrolments SET deleted_at = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL",
                      (now_text(), now_text(), enrolment_id))


_ENROLMENT_SELECT = (
    "SELECT e.*, p.name AS plan_name, p.year AS plan_year, coalesce(o.name, '') AS org_name, "
    "(e.member_id IS NULL AND NOT EXISTS (SELECT 1 FROM members m WHERE m.id_number = e.id_number "
    "AND m.deleted_at IS NULL)) AS to_add FROM aid_enrolments e JOIN aid_plans p ON p.id = e.plan_id "
    "LEFT JOIN orgs o ON o.id = e.org_id WHERE e.deleted_at IS NULL AND p.deleted_at IS NULL ")


def enrolments(store: Store, year: int, *, plan_id: int | None = None, org_id: int | None = None) -> list[dict[str, Any]]:
    """The year's enrolments, by org then plan then name."""
    sql, params = _ENROLMENT_SELECT + "AND p.year = ?", [year]
    if plan_id:
        sql, params = sql + " AND e.plan_id = ?", params + [plan_id]
    if org_id:
        sql, params = sql + " AND e.org_id = ?", params + [org_id]
    return [dict(r) for r in store.query(sql + " ORDER BY org_name, p.id, e.person_name, e.id", params)]


def to_add(store: Store, year: int | None = None) -> list[dict[str, Any]]:
    """Enrolled people not on the member roll: to be added (one line per person). Once the clerk
    adds them to the roll they drop off this list (``link_new_members`` then ties the records)."""
    sql = f"SELECT * FROM ({_ENROLMENT_SELECT}{'AND p.year = ?' if year else ''}) WHERE to_add"
    rows = store.query(sql + " ORDER BY org_name, person_name", (year,) if year else ())
    seen: dict[str, dict[str, Any]] = {}
    for r in rows:
        seen.setdefault(r["id_number"], dict(r))
    return list(seen.values())


def link_new_members(store: Store) -> int:
    """Enrolments of people since added to the roll now point at their member record."""
    with store.atomic():
        return store.execute(
            "UPDATE aid_enrolments SET member_id = (SELECT m.id FROM members m WHERE m.id_number = "
            "aid_enrolments.id_number AND m.deleted_at IS NULL), updated_at = ? WHERE member_id IS NULL AND deleted_at "
            "IS NULL AND EXISTS (SELECT 1 FROM members m WHERE m.id_number = aid_enrolments.id_number "
            "AND m.deleted_at IS NULL)", (now_text(),)).rowcount


def summary_by_plan(store: Store, year: int) -> list[dict[str, Any]]:
    """Office summary: per plan, people, orgs, 份数, premiums, claims."""
    return [dict(r) for r in store.query(
        "SELECT p.id, p.name, p.premium AS unit_premium, p.payer, count(e.id) AS people, "
        "count(DISTINCT e.org_id) AS orgs, coalesce(sum(e.shares), 0) AS shares, coalesce(sum(e.premium), 0) AS premium, "
        "(SELECT count(*) FROM aid_claims c JOIN aid_enrolments e2 ON e2.id = c.enrolment_id WHERE e2.plan_id = p.id "
        " AND c.deleted_at IS NULL AND e2.deleted_at IS NULL) AS claims, "
        "(SELECT coalesce(sum(c.amount), 0) FROM aid_claims c JOIN aid_enrolments e2 ON e2.id = c.enrolment_id "
        " WHERE e2.plan_id = p.id AND c.deleted_at IS NULL AND e2.deleted_at IS NULL) AS claimed "
        "FROM aid_plans p LEFT JOIN aid_enrolments e ON e.plan_id = p.id AND e.deleted_at IS NULL "
        "WHERE p.deleted_at IS NULL AND p.year = ? GROUP BY p.id ORDER BY p.id", (year,))]


def whole_org_ids(store: Store, year: int, on: str | None = None) -> list[int]:
    """Orgs where every member (正常/保留, on the roll by ``on``) is in one of the year's plans."""
    on = on or f"{year}-12-31"
    rows = store.query(
        f"SELECT m.org_id, count(*) AS members, count(e.id_number) AS enrolled FROM members m LEFT JOIN "
        f"(SELECT DISTINCT e.id_number FROM aid_enrolments e JOIN aid_plans p ON p.id = e.plan_id "
        f"WHERE e.deleted_at IS NULL AND p.deleted_at IS NULL AND p.year = ? AND e.enrolled_date <= ?) e "
        f"ON e.id_number = m.id_number WHERE m.deleted_at IS NULL AND m.status IN {_ACTIVE} AND m.org_id IS NOT NULL "
        f"AND (m.joined_date IS NULL OR m.joined_date <= ?) GROUP BY m.org_id", (year, on, on))
    return [r["org_id"] for r in rows if r["members"] and r["members"] == r["enrolled"]]


# ------------------------------------------------------------------ claims


def add_claim(store: Store, enrolment_id: int, claim_date: Any, cause: str, amount: Any, notes: str = "") -> int:
    if not store.scalar("SELECT 1 FROM aid_enrolments WHERE id = ? AND deleted_at IS NULL", (enrolment_id,)):
        raise UserError("参保记录不存在：只有已参保的人才能申领互助金", field="enrolment")
    day = dates.parse_date(claim_date)
    if not day:
        raise ValueFormatError("请填写给付日期", field="claim_date")
    cause = text_value(cause)
    if not cause:
        raise ValueFormatError("请填写疾病或原因", field="cause")
    fen = _fen(amount, "给付金额", "amount")
    if fen <= 0:
        raise ValueFormatError("给付金额应大于 0", field="amount")
    with store.atomic():
        return int(store.execute(
            "INSERT INTO aid_claims (enrolment_id, claim_date, cause, amount, notes) VALUES (?, ?, ?, ?, ?)",
            (enrolment_id, day.isoformat(), cause, fen, text_value(notes))).lastrowid)


def claims(store: Store, start: str, end: str) -> list[dict[str, Any]]:
    return [dict(r) for r in store.query(
        "SELECT c.*, e.person_name, e.id_number, p.name AS plan_name, p.year AS plan_year, "
        "coalesce(o.name, '') AS org_name FROM aid_claims c JOIN aid_enrolments e ON e.id = c.enrolment_id "
        "JOIN aid_plans p ON p.id = e.plan_id LEFT JOIN orgs o ON o.id = e.org_id "
        "WHERE c.deleted_at IS NULL AND e.deleted_at IS NULL AND c.claim_date BETWEEN ? AND ? "
        "ORDER BY c.claim_date, c.id", (start, end))]


def delete_claim(store: Store, claim_id: int) -> None:
    with store.atomic():
        store.execute("UPDATE aid_claims SET deleted_at = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL",
                      (now_text(), now_text(), claim_id))


def apply_enrolment_rows(store: Store, rows: list[dict[str, Any]], source: str) -> int:
    """Write checked rows of an enrolment list in one transaction; a person already in the plan is
    left as is (re-importing the list changes nothing). Returns the enrolments added."""
    added = 0
    with store.atomic():
        for r in rows:
            if store.scalar("SELECT 1 FROM aid_enrolments WHERE plan_id = ? AND id_number = ? AND deleted_at IS NULL",
                            (r["plan_id"], r["id_number"])):
                continue
            enrol(store, r["plan_id"], name=r["name"], id_number=r["id_number"], org_id=r.get("org_id"),
                  enrolled_date=r.get("enrolled_date"), shares=r.get("shares") or 1,
                  premium=None if r.get("premium") is None else money.fen_to_yuan_decimal(r["premium"]),
                  notes=r.get("notes", ""), source=source)
            added += 1
    return added


def enrolment_id(store: Store, plan_id: int, id_number: str) -> int | None:
    """The live enrolment of this person in this plan, if any."""
    return store.scalar("SELECT id FROM aid_enrolments WHERE plan_id = ? AND id_number = ? AND deleted_at IS NULL",
                        (plan_id, id_number))
