"""Demo disputes: a year of cases in every status, written in bulk (with their audit rows).

The mix follows what street offices report: wage arrears (欠薪) dominate, some of them group cases
of 10–80 workers (集体争议); most cases older than the 15-day mediation window have an outcome,
a few are still open past it (they show as 超期), and the newest ones are in mediation with their
deadlines near. ``case_rows`` is also what the benchmark uses to build a 5,000-case log.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from ..demo.context import mobile as _mobile, person as _person
from ..store import audit
from ..values import names
from .records import MEDIATION_DAYS, party_columns

if TYPE_CHECKING:
    from ..demo.context import DemoContext

KIND_WEIGHTS = (("劳动报酬/欠薪", 45), ("解除/终止", 15), ("劳动合同", 10), ("社会保险", 12), ("工伤", 8),
                ("工时休假", 5), ("其他", 5))
SOURCE_WEIGHTS = (("来访", 50), ("来电", 20), ("来信", 3), ("网络", 10), ("上级转办", 12), ("主动排查", 5))
HANDLERS = ("陈专干", "刘协理员", "黄主席")
TYPED_RESPONDENTS = ("东湖路个体餐馆（老板黄某）", "包工头 张某某", "翠竹路快剪理发店", "某装修施工队（负责人李某）")
CLAIMS = {
    "劳动报酬/欠薪": "公司拖欠{n}个月工资共计约{a}元，多次催讨未果，要求尽快足额支付。",
    "解除/终止": "公司未提前通知即解除劳动合同，要求支付经济补偿金。",
    "劳动合同": "入职后公司一直未签订书面劳动合同，要求补签并支付二倍工资差额。",
    "社会保险": "公司未按规定缴纳社会保险，要求补缴。",
    "工伤": "工作中受伤，公司不予申报工伤，要求认定并支付工伤待遇。",
    "工时休假": "长期加班未支付加班费，带薪年休假未安排。",
    "其他": "与公司就岗位调整发生争议，要求协调解决。",
}
CASE_COLUMNS = ("id", "case_no", "received_date", "source", "kind", "respondent_org_id", "respondent_name", "workers",
                "amount", "claim", "handler", "status", "mediation_result", "mediated_date", "closed_date",
                "outcome", "recovered", "settlement", "applicant_names", "applicant_count", "search_text",
                "party_pinyin", "party_initials")
APPLICANT_COLUMNS = ("dispute_id", "position", "member_id", "name", "phone", "name_pinyin", "name_initials")
STEP_COLUMNS = ("dispute_id", "step_date", "action", "handler", "note", "new_status")
# Endings planned for some older cases, so every status appears in any demo (受理/调解中 come from
# the recent cases placed around their deadlines).
LATER_ENDINGS = ("调解成功", "调解不成", "转仲裁", "转诉讼", "撤回", "结案成功", "结案不成")


@dataclass
class CaseSet:
    cases: list[tuple] = field(default_factory=list)
    applicants: list[tuple] = field(default_factory=list)
    steps: list[tuple] = field(default_factory=list)
    last_seq: dict[int, int] = field(default_factory=dict)


def make_disputes(ctx: "DemoContext") -> None:
    """The demo step: about one case per 20 members, at least 40, at most 400."""
    n = max(40, min(400, ctx.members // 20))
    insert_cases(ctx.store, case_rows(ctx.store, ctx.rng, n, ctx.today, days=365))


def insert_cases(store, data: CaseSet) -> None:
    """Write a generated case set with audit rows and advance the 案号 counters (in a transaction)."""
    conn = store.conn
    audit.bulk_insert(conn, "disputes", CASE_COLUMNS, data.cases)
    audit.bulk_insert(conn, "dispute_applicants", APPLICANT_COLUMNS, data.applicants)
    audit.bulk_insert(conn, "dispute_steps", STEP_COLUMNS, data.steps)
    conn.executemany(
        "INSERT INTO dispute_counters(year, last_seq) VALUES (?, ?) "
        "ON CONFLICT(year) DO UPDATE SET last_seq = max(last_seq, excluded.last_seq)",
        list(data.last_seq.items()),
    )


def case_rows(store, rng: random.Random, n: int, today: date, *, days: int = 365) -> CaseSet:
    """``n`` cases received over the ``days`` before ``today``, oldest first."""
    orgs = [(r[0], r[1]) for r in store.query("SELECT id, name FROM orgs WHERE is_federation = 0 AND deleted_at IS NULL")]
    people = _members_by_org(store)
    first_id = (store.scalar("SELECT max(id) FROM disputes") or 0) + 1
    seqs = {y: s for y, s in store.query("SELECT year, last_seq FROM dispute_counters")}
    planned = _plan(rng, n, today, days)
    data = CaseSet()
    for i, (day, ending) in enumerate(planned):
        seqs[day.year] = seqs.get(day.year, 0) + 1
        data.last_seq[day.year] = seqs[day.year]
        _one_case(data, rng, first_id + i, f"{day.year}-{seqs[day.year]:04d}", day, today, orgs, people, ending)
    return data


def _plan(rng: random.Random, n: int, today: date, days: int) -> list[tuple[date, str | None]]:
    """(received, planned ending) per case, oldest first. A few cases are placed so the log always
    shows deadlines: two open past the 15 days, three with 1–3 days left; the next ones cycle
    through every ending so each status appears; the rest end as their age makes likely."""
    specials = [(22, "受理"), (17, "调解中"), (12, "受理"), (13, "调解中"), (14, "调解中")]
    plan: list[tuple[date, str | None]] = [(today - timedelta(days=d), e) for d, e in specials[:n]]
    for i in range(n - len(plan)):
        ending = LATER_ENDINGS[i % len(LATER_ENDINGS)] if i < 2 * len(LATER_ENDINGS) and days >= 60 else None
        low = 50 if ending else 0  # planned endings need time to have happened
        plan.append((today - timedelta(days=rng.randint(min(low, days), days)), ending))
    return sorted(plan, key=lambda p: p[0])


def _members_by_org(store) -> dict[int, list[tuple[int, str, str]]]:
    out: dict[int, list[tuple[int, str, str]]] = {}
    for r in store.query("SELECT id, name, phone, org_id FROM members WHERE deleted_at IS NULL AND org_id IS NOT NULL"):
        out.setdefault(r[3], []).append((r[0], r[1], r[2]))
    return out


def _pick(rng: random.Random, weights) -> str:
    return rng.choices([w[0] for w in weights], [w[1] for w in weights])[0]


def _one_case(data: CaseSet, rng, case_id, case_no, received, today, orgs, people, ending) -> None:
    kind = "劳动报酬/欠薪" if ending in ("结案成功", "转仲裁") else _pick(rng, KIND_WEIGHTS)
    org_id, respondent = rng.choice(orgs) if orgs and rng.random() < 0.88 else (None, rng.choice(TYPED_RESPONDENTS))
    group = kind == "劳动报酬/欠薪" and (rng.random() < 0.3 or ending == "结案成功")
    workers = rng.randint(10, 80) if group else rng.choice((1, 1, 1, 1, 2, 3))
    applicants = _applicants(rng, min(workers, rng.randint(1, 3)), people.get(org_id, []))
    amount = _amount(rng, kind, workers)
    months = rng.randint(1, 5)
    handler = rng.choice(HANDLERS)
    status_steps, case = _lifecycle(rng, received, today, ending, amount)
    party = party_columns(applicants, respondent)
    data.cases.append((case_id, case_no, received.isoformat(), _pick(rng, SOURCE_WEIGHTS), kind, org_id, respondent,
                       workers, amount, CLAIMS[kind].format(n=months, a=f"{amount // 100:,}"), handler,
                       case["status"], case["mediation_result"], case["mediated_date"], case["closed_date"],
                       case["outcome"], case["recovered"], case["settlement"], party["applicant_names"],
                       party["applicant_count"], party["search_text"], party["party_pinyin"], party["party_initials"]))
    for position, person in enumerate(applicants):
        data.applicants.append((case_id, position, person["member_id"], person["name"], person["phone"],
                                person["name_pinyin"], person["name_initials"]))
    data.steps.append((case_id, received.isoformat(), "接待登记", handler, "来访登记，听取诉求", None))
    for step_date, action, note, new_status in status_steps:
        data.steps.append((case_id, step_date.isoformat(), action, handler, note, new_status))


def _applicants(rng, count: int, staff: list[tuple[int, str, str]]) -> list[dict[str, Any]]:
    out = []
    for _ in range(count):
        if staff and rng.random() < 0.5:
            member_id, name, phone = rng.choice(staff)
        else:
            member_id, name, phone = None, _person(rng), _mobile(rng)
        if any(p["name"] == name for p in out):
            continue
        pinyin, initials = names.pinyin_keys(name)
        out.append({"member_id": member_id, "name": name, "phone": phone or "", "name_pinyin": pinyin,
                    "name_initials": initials})
    return out


def _amount(rng, kind: str, workers: int) -> int:
    if kind == "劳动报酬/欠薪":
        return workers * rng.randint(30, 200) * 10000  # 3,000–20,000 yuan a head, whole hundreds
    if kind in ("工时休假", "其他") and rng.random() < 0.4:
        return 0
    return rng.randint(20, 800) * 10000


def _lifecycle(rng, received: date, today: date, ending: str | None, amount: int):
    """Steps after receipt and the final case fields, consistent with the workflow."""
    age = (today - received).days
    if ending is None:
        ending = _natural_ending(rng, age)
    last = received + timedelta(days=min(age, MEDIATION_DAYS + 30))

    def on(offset_days: int) -> date:
        return min(received + timedelta(days=offset_days), last, today)

    steps: list[tuple] = []
    case = {"status": "受理", "mediation_result": "", "mediated_date": None, "closed_date": None, "outcome": "",
            "recovered": 0, "settlement": ""}
    if ending == "受理":
        return steps, case
    steps.append((on(1), "调查核实", "约谈企业负责人，核实用工和工资情况", None))
    steps.append((on(2), "开始调解", "双方同意由街道劳动争议调解委员会调解", "调解中"))
    case["status"] = "调解中"
    if ending == "调解中":
        return steps, case
    if ending == "撤回":
        day = on(rng.randint(3, 8))
        steps.append((day, "申请人撤回", "企业已主动支付，申请人撤回申请", "撤回"))
        case.update(status="撤回", closed_date=day.isoformat(), outcome="申请人撤回申请")
        return steps, case
    success = _mediate(rng, ending, on, steps, case)
    if ending not in ("调解成功", "调解不成"):
        _after_mediation(rng, ending, success, amount, on, steps, case)
    return steps, case


def _mediate(rng, ending: str, on, steps: list[tuple], case: dict) -> bool:
    """The mediation session and its result; True when it succeeded."""
    success = ending in ("调解成功", "结案成功") or (ending == "转诉讼" and rng.random() < 0.3)
    day = on(rng.randint(5, 14))
    steps.append((day, "调解", "组织双方面对面调解", None))
    result = "调解成功" if success else "调解不成"
    steps.append((day, result, "双方达成调解协议" if success else "企业不同意支付，调解终止", result))
    case.update(status=result, mediation_result=result[2:], mediated_date=day.isoformat())
    return success


def _after_mediation(rng, ending: str, success: bool, amount: int, on, steps: list[tuple], case: dict) -> None:
    """Referral to arbitration or court, or the follow-up call and the closing of the case."""
    if ending in ("转仲裁", "转诉讼"):
        day = on(rng.randint(16, 25))
        steps.append((day, ending, f"告知并协助申请人{'申请劳动仲裁' if ending == '转仲裁' else '向人民法院起诉'}", ending))
        case["status"] = ending
        return
    day = on(rng.randint(16, 40))
    recovered = amount * rng.randint(60, 100) // 100 // 100 * 100 if success else 0
    outcome = "达成调解协议并已履行" if success else "调解不成，告知申请劳动仲裁"
    steps.append((day, "回访", "电话回访申请人，协议已履行" if success else "电话回访申请人", None))
    steps.append((day, "结案", outcome, "结案"))
    case.update(status="结案", closed_date=day.isoformat(), outcome=outcome, recovered=recovered,
                settlement="企业分期支付所欠款项，申请人不再就此事主张权利" if success else "")


def _natural_ending(rng, age: int) -> str:
    if age < 3:
        return "受理"
    if age <= MEDIATION_DAYS:
        return rng.choice(("调解中", "调解中", "调解成功", "受理"))
    if age <= 40 and rng.random() < 0.1:
        return rng.choice(("受理", "调解中"))  # slipped through: open past the deadline
    if age <= 45:
        return _pick(rng, (("调解成功", 30), ("调解不成", 10), ("结案成功", 40), ("转仲裁", 10), ("撤回", 10)))
    return _pick(rng, (("结案成功", 58), ("结案不成", 14), ("转仲裁", 12), ("转诉讼", 4), ("撤回", 10),
                       ("调解成功", 2)))
