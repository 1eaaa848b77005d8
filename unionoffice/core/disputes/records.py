"""Disputes (劳动争议/劳资纠纷台账): cases, their parties, a dated timeline of steps, the status
workflow, and the 15-day mediation deadline.

A case gets its 案号 (``2026-0007``: year of receipt + sequence) from ``dispute_counters``, which
only ever counts up, so a number is never handed out twice — not even after the case was deleted.

Status workflow (DESIGN §4a)::

    受理 → 调解中 → 调解成功 ─→ 结案 (or 转仲裁 / 转诉讼 when the agreement is not honoured)
      │        ├──→ 调解不成 ─→ 转仲裁 / 转诉讼 / 结案
      └────────┴──→ 撤回 (the applicant withdrew; ends the case)
    转仲裁 → 转诉讼 / 结案 ; 转诉讼 → 结案

结案 needs an outcome: it is reachable only after mediation produced a result (调解成功/调解不成)
or the case went on to arbitration or court, and the closing form must name the 处理结果.
Every status change is also written as a step of the timeline, so the timeline tells the story.

Deadlines: mediation must conclude within 15 days of receipt (劳动争议调解仲裁法 Art. 14). The
day of receipt is not counted (民法典 Art. 201), so the deadline is received + 15 days
(2026-12-20 → 2027-01-04). The law's extension when the last day is a public holiday is not
applied: warning a day early is harmless, a day late is not.
"""

from __future__ import annotations

import datetime
import re
from typing import Any, Iterable, Sequence

from ..values import dates, money, names, phones
from ..errors import UserError, ValueFormatError
from ..store.records import as_dict, choice_value, insert_row, restore_deleted, soft_delete, update_row
from ..store.connection import Store
from .query import disputes_by_ids
from .rules import (  # noqa: F401 - the case rules, read by callers as records.X too
    SOURCES,
    KINDS,
    STATUSES,
    CLOSED_STATUSES,
    OPEN_STATUSES,
    MEDIATION_STATUSES,
    STEP_ACTIONS,
    OUTCOME_SUGGESTIONS,
    TRANSITIONS,
    STATUS_STEP_ACTIONS,
    COLLECTIVE_WORKERS,
    MEDIATION_DAYS,
    WARN_DAYS,
    alert_text,
    applicant_label,
    deadline_state,
    mediation_deadline,
    step_day_text,
)

CASE_FIELDS = ("received_date", "source", "kind", "respondent_org_id", "respondent_name", "workers", "amount",
               "claim", "handler", "notes")


class NeedsConfirmation(UserError):
    """The input is possible but unusual; the clerk must confirm before it is saved.

    The GUI asks ``str(err)`` as a question and calls again with the confirming flag set.
    """


# ------------------------------------------------------------------ deadlines


def deadline_warnings(store: Store, within_days: int = WARN_DAYS, today: datetime.date | None = None) -> list[dict[str, Any]]:
    """Cases still in mediation (受理/调解中) whose deadline is within ``within_days`` or past.

    For the 工作台: overdue first, then by deadline. Each row is a case-list row (see
    ``disputes_by_ids``) and carries a ready ``message`` such as
    ``2026-0007 张三等12人 — 深圳市某公司（劳动报酬/欠薪）调解期限 2026-12-05，还剩 2 天``.
    """
    today = today or dates.today()
    # received + 15 ≤ today + within  ⇔  received ≤ today + within − 15
    last_received = today + datetime.timedelta(days=within_days - MEDIATION_DAYS)
    ids = [r[0] for r in store.query(
        "SELECT id FROM disputes WHERE deleted_at IS NULL AND status IN ('受理', '调解中') "
        "AND received_date <= ? ORDER BY received_date, id",
        (last_received.isoformat(),),
    )]
    rows = disputes_by_ids(store, ids, today)
    for row in rows:
        row["message"] = (f"{row['case_no']} {row['applicant_label']} — {row['respondent_name']}（{row['kind']}）"
                          f"调解期限 {row['deadline']}，{alert_text(row)}")
    return rows


# ------------------------------------------------------------------ validation




def _day(value: Any, label: str, field: str, *, required: bool = True) -> str | None:
    try:
        day = dates.parse_date(value)
    except ValueFormatError as err:
        raise ValueFormatError(f"{label}：{err}", field=field) from None
    if day is None:
        if required:
            raise ValueFormatError(f"请填写{label}", field=field)
        return None
    if day > dates.today():
        raise ValueFormatError(f"{label} {day.isoformat()} 晚于今天，请核对", field=field)
    return day.isoformat()


def _fen(value: Any, label: str, field: str) -> int:
    """Money typed in yuan (or fen as int from core callers via ``*_fen`` keys) → fen ≥ 0."""
    try:
        fen = money.parse_money_optional(value)
    except ValueFormatError as err:
        raise ValueFormatError(f"{label}：{err}", field=field) from None
    if fen is None:
        return 0
    if fen < 0:
        raise ValueFormatError(f"{label}不能为负数", field=field)
    return fen


def _workers(value: Any) -> int | None:
    text = str(value if value is not None else "").strip().rstrip("人")
    if not text:
        return None
    try:
        number = float(text)
    except ValueError:
        raise ValueFormatError(f"涉及人数“{value}”不是数字", field="workers") from None
    if number != int(number):
        raise ValueFormatError(f"涉及人数“{value}”应为整数", field="workers")
    if number < 1:  # never silently made 1: the clerk types what the case really involves
        raise ValueFormatError(f"涉及人数不能为 {int(number)}：一个案件至少涉及 1 名职工，请填写实际人数", field="workers")
    return int(number)


def validate_case(data: dict[str, Any]) -> dict[str, Any]:
    """Normalise the case fields present in ``data``; raise ValueFormatError naming the field.

    Money arrives in yuan (``amount``: '12,000.50', 12000) or already in fen (``amount_fen``).
    """
    out: dict[str, Any] = {}
    for key, value in data.items():
        if key == "received_date":
            out[key] = _day(value, "受理日期", key)
        elif key == "source":
            out[key] = choice_value(value, SOURCES, "来源", key)
        elif key == "kind":
            out[key] = choice_value(value, KINDS, "争议类型", key)
        elif key == "respondent_org_id":
            out[key] = int(value) if value not in (None, "") else None
        elif key == "workers":
            out[key] = _workers(value)
        elif key == "amount":
            out[key] = _fen(value, "涉及金额", key)
        elif key == "amount_fen":
            out["amount"] = _fen_int(value, "涉及金额", "amount")
        elif key in ("respondent_name", "claim", "handler", "notes"):
            out[key] = str(value if value is not None else "").strip()
        else:
            raise ValueError(f"unknown dispute field {key}")
    return out


def _fen_int(value: Any, label: str, field: str) -> int:
    fen = int(value or 0)
    if fen < 0:
        raise ValueFormatError(f"{label}不能为负数", field=field)
    return fen


def _applicants(store: Store, applicants: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each applicant is a member from the roll (``member_id``) or a typed ``name``; with ``phone``."""
    out = []
    for number, raw in enumerate(applicants, start=1):
        member_id = raw.get("member_id")
        name = "".join(str(raw.get("name") or "").split())
        phone_raw = raw.get("phone")
        if member_id:
            member = store.one("SELECT name, phone, deleted_at FROM members WHERE id = ?", (int(member_id),))
            if member is None or member["deleted_at"]:
                raise ValueFormatError(f"第 {number} 位申请人：所选会员不存在或已删除", field="applicants")
            name = member["name"]
            phone_raw = phone_raw if str(phone_raw or "").strip() else member["phone"]
        if not name:
            raise ValueFormatError(f"第 {number} 位申请人：请填写姓名或从会员名册中选择", field="applicants")
        try:
            phone = phones.normalize_phone(phone_raw)
        except ValueFormatError as err:
            raise ValueFormatError(f"申请人“{name}”的电话：{err}", field="applicants") from None
        pinyin, initials = names.pinyin_keys(name)
        out.append({"member_id": int(member_id) if member_id else None, "name": name, "phone": phone,
                    "name_pinyin": pinyin, "name_initials": initials})
    if not out:
        raise ValueFormatError("请至少填写一位申请人", field="applicants")
    return out


def _respondent(store: Store, values: dict[str, Any]) -> None:
    """An org picked from the register sets the name; otherwise the typed name is required."""
    org_id = values.get("respondent_org_id")
    if org_id:
        row = store.one("SELECT name, deleted_at FROM orgs WHERE id = ?", (org_id,))
        if row is None or row["deleted_at"]:
            raise ValueFormatError("所选被申请人单位不存在或已删除", field="respondent_org_id")
        values["respondent_name"] = row["name"]
    elif not values.get("respondent_name"):
        raise ValueFormatError("请填写被申请人（从单位台账中选择或直接输入名称）", field="respondent_name")


# ------------------------------------------------------------------ writing


def next_case_no(store: Store, year: int) -> str:
    """Take the next 案号 of ``year`` (call inside the transaction that stores the case)."""
    with store.atomic():
        store.execute(
            "INSERT INTO dispute_counters(year, last_seq) VALUES (?, 1) "
            "ON CONFLICT(year) DO UPDATE SET last_seq = last_seq + 1",
            (year,),
        )
        seq = store.scalar("SELECT last_seq FROM dispute_counters WHERE year = ?", (year,))
    return f"{year}-{seq:04d}"


def create_dispute(store: Store, data: dict[str, Any], applicants: Sequence[dict[str, Any]]) -> int:
    """Register a new case (status 受理) with its applicants; the timeline starts with 接待登记.

    ``data`` holds CASE_FIELDS (money in yuan as ``amount`` or in fen as ``amount_fen``);
    ``workers`` defaults to the number of applicants. Returns the case id.
    """
    values = validate_case(data)
    for key, label in (("received_date", "受理日期"), ("source", "来源"), ("kind", "争议类型")):
        if not values.get(key):
            raise ValueFormatError(f"请填写{label}", field=key)
    with store.atomic():
        people = _applicants(store, applicants)
        _respondent(store, values)
        values["workers"] = values.get("workers") or len(people)
        _check_workers(values["workers"], len(people))
        values["case_no"] = next_case_no(store, int(values["received_date"][:4]))
        values.update(party_columns(people, values["respondent_name"]))
        dispute_id = insert_row(store, "disputes", values)
        _store_applicants(store, dispute_id, people)
        insert_row(store, "dispute_steps", {"dispute_id": dispute_id, "step_date": values["received_date"],
                                            "action": "接待登记", "handler": values.get("handler", ""),
                                            "note": f"来源：{values['source']}"})
        return dispute_id


def update_dispute(store: Store, dispute_id: int, changes: dict[str, Any],
                   applicants: Sequence[dict[str, Any]] | None = None) -> None:
    """Edit the case fields and (when given) replace the applicants. Status and closing are
    changed through ``change_status`` only; the 案号 never changes."""
    values = validate_case(changes)
    with store.atomic():
        case = _live_case(store, dispute_id)
        if "received_date" in values:
            _check_receipt_before_steps(store, dispute_id, values["received_date"])
        if "respondent_org_id" in values or "respondent_name" in values:
            merged = {"respondent_org_id": case["respondent_org_id"], "respondent_name": case["respondent_name"],
                      **{k: values[k] for k in ("respondent_org_id", "respondent_name") if k in values}}
            if "respondent_name" in values and "respondent_org_id" not in values:
                merged["respondent_org_id"] = None  # a typed name replaces the picked org
            _respondent(store, merged)
            values.update(merged)
        people = _applicants(store, applicants) if applicants is not None else None
        count = len(people) if people is not None else case["applicant_count"]
        if "workers" in values and values["workers"] is None:
            values["workers"] = count
        _check_workers(values.get("workers", case["workers"]), count)
        if "amount" in values and case["recovered"] > values["amount"] and case["status"] in CLOSED_STATUSES:
            raise ValueFormatError("涉及金额不能少于已登记的追回金额", field="amount")
        stored = applicants_of(store, dispute_id)
        if people is not None and _people_key(people) != _people_key(stored):
            store.execute("DELETE FROM dispute_applicants WHERE dispute_id = ?", (dispute_id,))
            _store_applicants(store, dispute_id, people)
        values.update(party_columns(people if people is not None else stored,
                                    values.get("respondent_name", case["respondent_name"])))
        _update_if_changed(store, case, values)


def _check_workers(workers: int, applicant_count: int) -> None:
    if workers < applicant_count:
        raise ValueFormatError(f"涉及人数（{workers}）不能少于申请人人数（{applicant_count}）", field="workers")


def _check_receipt_before_steps(store: Store, dispute_id: int, received: str) -> None:
    first = store.scalar("SELECT min(step_date) FROM dispute_steps WHERE dispute_id = ? AND action <> '接待登记'",
                         (dispute_id,))
    if first and first < received:
        raise ValueFormatError(f"受理日期不能晚于已登记的办理步骤（{first}）", field="received_date")
    # the 接待登记 step is the receipt itself: it moves with the date
    store.execute("UPDATE dispute_steps SET step_date = ? WHERE dispute_id = ? AND action = '接待登记'",
                  (received, dispute_id))


def _store_applicants(store: Store, dispute_id: int, people: Sequence[dict[str, Any]]) -> None:
    for position, person in enumerate(people):
        insert_row(store, "dispute_applicants", {
            "dispute_id": dispute_id, "position": position, "member_id": person.get("member_id"),
            "name": person["name"], "phone": person["phone"], "name_pinyin": person["name_pinyin"],
            "name_initials": person["name_initials"]})


def _people_key(people: Sequence[dict[str, Any]]) -> list[tuple]:
    return [(p.get("member_id"), p["name"], p["phone"]) for p in people]


def _update_if_changed(store: Store, case: dict[str, Any], values: dict[str, Any]) -> None:
    """Write only what differs, so saving an untouched form leaves no empty audit row."""
    changes = {k: v for k, v in values.items() if case.get(k) != v}
    update_row(store, "disputes", case["id"], changes)


def party_columns(people: Sequence[dict[str, Any]], respondent: str) -> dict[str, Any]:
    """The copies of the parties kept on the case row: list label, count, and search keys.

    ``people`` need name, phone, name_pinyin and name_initials. The pinyin keys are words with a
    leading space each, so a search matches the start of a party's name; the respondent is keyed
    both in full and without its place prefix (深圳市华美电子 → also 华美电子, so ``hm`` finds it).
    """
    org_keys = [names.pinyin_keys(n) for n in dict.fromkeys((respondent, _without_place(respondent))) if n]
    return {
        "applicant_names": "、".join(p["name"] for p in people),
        "applicant_count": len(people),
        "search_text": " ".join([*(f"{p['name']} {p['phone']}" for p in people), respondent]),
        "party_pinyin": "".join(f" {k}" for k in [*(p["name_pinyin"] for p in people), *(k[0] for k in org_keys)]),
        "party_initials": "".join(f" {k}" for k in [*(p["name_initials"] for p in people), *(k[1] for k in org_keys)]),
    }


_PLACE_PREFIX = re.compile(r"^(?:\w{1,6}?省)?(?:\w{1,6}?市)?(?:\w{1,6}?[区县])?")


def _without_place(name: str) -> str:
    """'深圳市罗湖区东门服装店' → '东门服装店'; a name without a place prefix stays as it is."""
    rest = _PLACE_PREFIX.sub("", name or "", count=1)
    return rest if len(rest) >= 2 else name


def _live_case(store: Store, dispute_id: int) -> dict[str, Any]:
    case = as_dict(store.one("SELECT * FROM disputes WHERE id = ?", (dispute_id,)))
    if case is None or case["deleted_at"]:
        raise UserError("该争议案件不存在或已删除")
    return case


def add_step(store: Store, dispute_id: int, step_date: Any, action: str, handler: str = "", note: str = "") -> int:
    """Add a dated step (接待登记, 调查核实, 调解, 协议签订, 回访 …) to the case's timeline."""
    action = str(action or "").strip()
    if not action:
        raise ValueFormatError("请填写办理事项", field="action")
    day = _day(step_date, "办理日期", "step_date")
    with store.atomic():
        case = _live_case(store, dispute_id)
        if day < case["received_date"]:
            raise ValueFormatError(f"办理日期 {day} 早于受理日期 {case['received_date']}，请核对", field="step_date")
        return insert_row(store, "dispute_steps", {"dispute_id": dispute_id, "step_date": day, "action": action,
                                                   "handler": str(handler or "").strip(),
                                                   "note": str(note or "").strip()})


def delete_step(store: Store, step_id: int) -> None:
    """Remove a step typed by mistake. Steps that record a status change or the receipt stay."""
    with store.atomic():
        step = store.one("SELECT * FROM dispute_steps WHERE id = ?", (step_id,))
        if step is None:
            raise UserError("该办理步骤不存在")
        if step["new_status"] or step["action"] == "接待登记":
            raise UserError("接待登记和状态变更的记录不能删除")
        store.execute("DELETE FROM dispute_steps WHERE id = ?", (step_id,))


def allowed_statuses(status: str) -> tuple[str, ...]:
    """The statuses a case in ``status`` may move to next."""
    return TRANSITIONS.get(status, ())


def change_status(store: Store, dispute_id: int, status: str, on: Any, *, handler: str = "", note: str = "",
                  outcome: str = "", recovered: Any = None, settlement: str = "",
                  confirm_over_claim: bool = False) -> None:
    """Move a case along the workflow; the change is written into the timeline as a step.

    结案 is the closing form: ``outcome`` (处理结果) is required, ``recovered`` (追回金额, yuan) and
    ``settlement`` (调解协议/处理情况) are recorded. A recovered amount above the amount involved
    raises ``NeedsConfirmation`` unless ``confirm_over_claim`` is set. 撤回 records its date as the
    closing date. Nothing is saved when anything is refused.
    """
    status = choice_value(status, STATUSES, "状态", "status")
    day = _day(on, "日期", "status_date")
    with store.atomic():
        case = _live_case(store, dispute_id)
        _check_transition(case, status)
        _check_chronology(store, case, day)
        values: dict[str, Any] = {"status": status}
        if status in ("调解成功", "调解不成"):
            values.update(mediation_result=status[2:], mediated_date=day)
        if status in CLOSED_STATUSES:
            values.update(_closing(case, status, day, outcome, recovered, settlement, confirm_over_claim))
        update_row(store, "disputes", dispute_id, values)
        insert_row(store, "dispute_steps", {
            "dispute_id": dispute_id, "step_date": day, "action": STATUS_STEP_ACTIONS[status],
            "handler": str(handler or "").strip(), "note": str(note or "").strip() or _closing_note(values),
            "new_status": status})


def _closing_note(values: dict[str, Any]) -> str:
    """The timeline line of a closing the clerk wrote no note for: its outcome (and money)."""
    if "outcome" not in values:
        return ""
    recovered = values.get("recovered") or 0
    return values["outcome"] + (f"，追回 {money.format_money(recovered)} 元" if recovered else "")


def close_dispute(store: Store, dispute_id: int, on: Any, outcome: str, recovered: Any = None, settlement: str = "",
                  *, handler: str = "", note: str = "", confirm_over_claim: bool = False) -> None:
    """结案 with date, outcome, recovered amount and settlement text (see ``change_status``)."""
    change_status(store, dispute_id, "结案", on, handler=handler, note=note, outcome=outcome, recovered=recovered,
                  settlement=settlement, confirm_over_claim=confirm_over_claim)


def _check_transition(case: dict[str, Any], status: str) -> None:
    current = case["status"]
    if status == current:
        raise ValueFormatError(f"案件状态已经是“{status}”", field="status")
    if status in TRANSITIONS.get(current, ()):
        return
    if current in CLOSED_STATUSES:
        raise UserError(f"案件 {case['case_no']} 已{current}，不能再变更状态")
    if status == "结案":
        raise UserError(f"案件 {case['case_no']} 尚无调解结果（当前为“{current}”），不能直接结案：请先登记"
                        "“调解成功”或“调解不成”，或登记撤回")
    allowed = "、".join(TRANSITIONS.get(current, ()))
    raise UserError(f"案件当前为“{current}”，不能改为“{status}”；可改为：{allowed}")


def _check_chronology(store: Store, case: dict[str, Any], day: str) -> None:
    if day < case["received_date"]:
        raise ValueFormatError(f"日期 {day} 早于受理日期 {case['received_date']}，请核对", field="status_date")
    last = store.scalar("SELECT max(step_date) FROM dispute_steps WHERE dispute_id = ? AND new_status IS NOT NULL",
                        (case["id"],))
    if last and day < last:
        raise ValueFormatError(f"日期 {day} 早于上一次状态变更（{last}），请核对", field="status_date")


def _closing(case: dict[str, Any], status: str, day: str, outcome: str, recovered: Any, settlement: str,
             confirm_over_claim: bool) -> dict[str, Any]:
    outcome = str(outcome or "").strip()
    if status == "撤回":
        return {"closed_date": day, "outcome": outcome or "申请人撤回申请",
                "settlement": str(settlement or "").strip()}
    if not outcome:
        raise ValueFormatError("结案须填写处理结果", field="outcome")
    fen = _fen(recovered, "追回金额", "recovered")
    if fen > case["amount"] and not confirm_over_claim:
        raise NeedsConfirmation(
            f"追回金额 {money.format_money(fen)} 元高于涉及金额 {money.format_money(case['amount'])} 元。"
            "请核对；确实如此（例如另加了经济补偿）请确认后再保存。")
    return {"closed_date": day, "outcome": outcome, "recovered": fen, "settlement": str(settlement or "").strip()}


def delete_disputes(store: Store, ids: Iterable[int]) -> int:
    """To the recycle bin (回收站); the 案号 stays taken."""
    return soft_delete(store, "disputes", ids)


def restore_disputes(store: Store, ids: Iterable[int]) -> int:
    return restore_deleted(store, "disputes", ids)


# ------------------------------------------------------------------ reading


def applicants_of(store: Store, dispute_id: int) -> list[dict[str, Any]]:
    rows = store.query("SELECT * FROM dispute_applicants WHERE dispute_id = ? ORDER BY position, id", (dispute_id,))
    return [as_dict(r) for r in rows]


def steps_of(store: Store, dispute_id: int) -> list[dict[str, Any]]:
    """The timeline, oldest first (same-day steps in the order they were entered)."""
    rows = store.query("SELECT * FROM dispute_steps WHERE dispute_id = ? ORDER BY step_date, id", (dispute_id,))
    return [as_dict(r) for r in rows]


def get_dispute(store: Store, dispute_id: int, today: datetime.date | None = None) -> dict[str, Any] | None:
    """One case as a list row plus ``applicants`` and ``steps``; None when it does not exist."""
    rows = disputes_by_ids(store, [dispute_id], today)
    if not rows:
        return None
    case = rows[0]
    case["applicants"] = applicants_of(store, dispute_id)
    case["steps"] = steps_of(store, dispute_id)
    return case


def find_case(store: Store, key: Any) -> int:
    """The live case named by its 案号 (``2026-0007``) or its id; a UserError when there is none."""
    text = str(key or "").strip()
    row = store.one("SELECT id, deleted_at FROM disputes WHERE case_no = ?", (text,))
    if row is None and text.isdigit():
        row = store.one("SELECT id, deleted_at FROM disputes WHERE id = ?", (int(text),))
    if row is None:
        raise UserError(f"找不到案号（或编号）为“{text}”的劳动争议案件")
    if row["deleted_at"]:
        raise UserError(f"案件“{text}”在回收站中，请先恢复")
    return int(row["id"])
