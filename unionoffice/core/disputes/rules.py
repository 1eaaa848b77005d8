"""The rules of a dispute case that every reader needs: the choices, the status ladder, the
15-day mediation deadline (劳动争议调解仲裁法 Art. 14) and how applicants are named.

Kept apart from ``records`` (writing cases) and ``query`` (reading them) so both can use them."""

from __future__ import annotations

import datetime
from typing import Any

from ..errors import ValueFormatError
from ..values import dates

SOURCES = ("来访", "来电", "来信", "网络", "上级转办", "主动排查")
KINDS = ("劳动报酬/欠薪", "劳动合同", "社会保险", "工伤", "解除/终止", "工时休假", "其他")
STATUSES = ("受理", "调解中", "调解成功", "调解不成", "转仲裁", "转诉讼", "撤回", "结案")
CLOSED_STATUSES = ("结案", "撤回")
OPEN_STATUSES = tuple(s for s in STATUSES if s not in CLOSED_STATUSES)
# While a case is in these, the 15-day mediation clock is running.
MEDIATION_STATUSES = ("受理", "调解中")
STEP_ACTIONS = ("接待登记", "调查核实", "约谈企业", "调解", "协议签订", "转仲裁", "转诉讼", "回访", "其他")
OUTCOME_SUGGESTIONS = ("达成调解协议并已履行", "用人单位已支付拖欠工资", "达成调解协议", "调解不成，告知申请劳动仲裁",
                       "已转劳动仲裁", "已转人民法院", "申请人撤回申请", "其他")

TRANSITIONS: dict[str, tuple[str, ...]] = {
    "受理": ("调解中", "撤回"),
    "调解中": ("调解成功", "调解不成", "撤回"),
    "调解成功": ("结案", "转仲裁", "转诉讼"),
    "调解不成": ("转仲裁", "转诉讼", "结案"),
    "转仲裁": ("转诉讼", "结案"),
    "转诉讼": ("结案",),
    "撤回": (),
    "结案": (),
}
# The step written into the timeline when the status changes.
STATUS_STEP_ACTIONS = {"调解中": "开始调解", "调解成功": "调解成功", "调解不成": "调解不成", "转仲裁": "转仲裁",
                       "转诉讼": "转诉讼", "撤回": "申请人撤回", "结案": "结案"}

COLLECTIVE_WORKERS = 10  # 涉及人数 of 10 or more makes a 集体争议
MEDIATION_DAYS = 15  # 劳动争议调解仲裁法 Art. 14
WARN_DAYS = 3


def mediation_deadline(received: Any) -> datetime.date:
    """The last day mediation may run: received + 15 days (the day of receipt not counted)."""
    day = dates.parse_date(received)
    if day is None:
        raise ValueFormatError("请填写受理日期", field="received_date")
    return day + datetime.timedelta(days=MEDIATION_DAYS)


def step_day_text(received_date: str, step_date: str) -> str:
    """Where a mediation step stands in the 15 days: '第 3 天 / 15', '受理当天', '第 18 天 / 15（已超期）'."""
    try:
        n = (datetime.date.fromisoformat(step_date) - datetime.date.fromisoformat(received_date)).days
    except (TypeError, ValueError):
        return ""
    if n <= 0:
        return "受理当天" if n == 0 else ""
    return f"第 {n} 天 / {MEDIATION_DAYS}" + ("（已超期）" if n > MEDIATION_DAYS else "")


def deadline_state(case: dict[str, Any], today: datetime.date | None = None) -> dict[str, Any]:
    """Deadline figures of one case row: deadline, days_open, days_left and alert.

    ``alert`` is ``'overdue'`` (past the deadline, mediation still running), ``'due'`` (≤ 3 days
    left) or ``''``. ``days_open`` counts to the closing date once the case is closed.
    """
    today = today or dates.today()
    received = dates.parse_date(case["received_date"])
    deadline = received + datetime.timedelta(days=MEDIATION_DAYS)
    end = dates.parse_date(case.get("closed_date")) if case["status"] in CLOSED_STATUSES else None
    days_left = (deadline - today).days
    running = case["status"] in MEDIATION_STATUSES
    alert = ""
    if running and days_left < 0:
        alert = "overdue"
    elif running and days_left <= WARN_DAYS:
        alert = "due"
    return {
        "deadline": deadline.isoformat(),
        "days_open": ((end or today) - received).days,
        "days_left": days_left if running else None,
        "alert": alert,
    }


def alert_text(state: dict[str, Any]) -> str:
    """'还剩 2 天' / '今天到期' / '已超期 3 天' for a running case; '' otherwise."""
    left = state.get("days_left")
    if left is None:
        return ""
    if left < 0:
        return f"已超期 {-left} 天"
    return "今天到期" if left == 0 else f"还剩 {left} 天"


def applicant_label(case: dict[str, Any]) -> str:
    """'张三' / '张三、李四' / '张三等12人' (a group case names its first applicant and the head-count)."""
    names_ = [n for n in (case.get("applicant_names") or "").split("、") if n]
    if not names_:
        return ""
    if case["workers"] >= COLLECTIVE_WORKERS or len(names_) > 2:
        return f"{names_[0]}等{case['workers']}人"
    return "、".join(names_)
