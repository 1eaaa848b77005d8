"""Today's reminders for the 工作台: what needs doing soon, each pointing at the record it concerns.

Sources (each only once its area has landed):

- 调解期限: disputes still in mediation whose 15-day deadline is within 3 days or past
  (``disputes.deadline_warnings``).
- 困难档案复核: 在档 hardship files whose yearly review is due within 30 days or overdue
  (``hardship_query.reviews_due``).
- 工会换届: unions whose term (换届到期日) ends within 90 days, or ended within the last year.
- 集体合同到期: the latest contract of each kind per org expiring within 60 days, or expired in
  the last 90 days with no newer one signed.
- 近期活动: planned activities in the next 14 days (``activities.upcoming_activities``).
- 待补记: activities whose days are past (within a year) but still 计划 — held and not recorded,
  or called off without saying so; a copy of last year's plan made late lands here too.
- 发放表未签回: campaigns whose 发放表 was printed but not yet recorded as signed back.
- 工会经费欠缴: orgs with a union and no fee paid for last year (已超期) or, from July on, for this
  year (即将到期) — only once the office keeps its fees here (``fees.arrears``).
- 单位待补全: orgs a member roll created with their name only (``orgs.needs_completion``).
- 劳模荣誉缺少年份: 劳模 honours without a year (moved from the member roll by schema 12), which
  the period figures cannot count; one reminder for all of them, opening the honours register
  filtered to them (``honours.model_workers_without_year``).

A reminder carries ``kind`` and ``record_id`` (which record it opens) and ``tab`` (the object name
of the tab that shows it).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Callable

from ..orgs.lifecycle import ENDED
from ..values import dates
from ..figures.base import core_module_exists, has_tables
from ..store.connection import Store

TERM_DAYS = 90
CONTRACT_DAYS = 60
CONTRACT_LOOKBACK_DAYS = 90
TERM_LOOKBACK_DAYS = 365
ACTIVITY_DAYS = 14
UNRECORDED_LOOKBACK_DAYS = 365
REVIEW_DAYS = 30
URGENT_DAYS = 30  # a term or contract ending within this many days is 即将到期; further out only 提示

OVERDUE, DUE, INFO = "overdue", "due", "info"
_LEVEL_ORDER = {OVERDUE: 0, DUE: 1, INFO: 2}


@dataclass(frozen=True)
class Reminder:
    kind: str  # dispute / hardship / org / contract / activity / campaign
    record_id: int
    tab: str  # object name of the tab that opens the record
    category: str  # 调解期限, 困难档案复核, …
    text: str  # one line a clerk reads
    when: str  # ISO date the reminder is about
    level: str = INFO  # overdue / due / info
    status: str = ""  # what the 状态 column says when no deadline is meant (a to-do: 待办)

    @property
    def status_text(self) -> str:
        return self.status or LEVEL_TEXT[self.level]

    @property
    def org_id(self) -> int | None:
        """For a contract reminder the record to open is its org (contracts live on the org)."""
        return self.record_id if self.kind in ("org", "contract") else None


def reminders(store: Store, today: dt.date | None = None) -> list[Reminder]:
    """Every reminder for ``today``: overdue first, then due soon, then for information; by date."""
    today = today or dates.today()
    out: list[Reminder] = []
    for source in SOURCES:
        out += source(store, today)
    return sorted(out, key=lambda r: (_LEVEL_ORDER[r.level], r.when, r.kind, r.record_id))


def _disputes(store: Store, today: dt.date) -> list[Reminder]:
    if not (core_module_exists("disputes") and has_tables(store, "disputes")):
        return []
    from ..disputes.records import deadline_warnings

    return [Reminder("dispute", r["id"], "disputesTab", "调解期限", r["message"], r["deadline"],
                     OVERDUE if r.get("alert") == "overdue" else DUE)
            for r in deadline_warnings(store, today=today)]


def _reviews(store: Store, today: dt.date) -> list[Reminder]:
    if not (core_module_exists("hardship") and has_tables(store, "hardship_files")):
        return []
    from ..hardship.query import reviews_due

    out = []
    for r in reviews_due(store, REVIEW_DAYS):
        when = r["next_review_date"]
        late = when < today.isoformat()
        state = f"已超期 {(today - dt.date.fromisoformat(when)).days} 天" if late else f"应于 {when} 前复核"
        out.append(Reminder("hardship", r["id"], "hardshipTab", "困难档案复核",
                            f"{r['file_no']} {r['name']}（{r['category']}）{state}", when, OVERDUE if late else DUE))
    return out


def _terms(store: Store, today: dt.date) -> list[Reminder]:
    rows = store.query(
        f"SELECT id, name, union_name, term_expiry FROM orgs WHERE deleted_at IS NULL AND NOT {ENDED} "
        "AND union_mode = '独立建会' AND term_expiry BETWEEN ? AND ? ORDER BY term_expiry",
        ((today - dt.timedelta(days=TERM_LOOKBACK_DAYS)).isoformat(),
         (today + dt.timedelta(days=TERM_DAYS)).isoformat()))
    out = []
    for r in rows:
        days = (dt.date.fromisoformat(r["term_expiry"]) - today).days
        state = f"已过期 {-days} 天，尚未换届" if days < 0 else ("今天届满" if days == 0 else f"还有 {days} 天")
        out.append(Reminder("org", r["id"], "orgsTab", "工会换届",
                            f"{r['union_name'] or r['name']} 换届到期日 {r['term_expiry']}，{state}",
                            r["term_expiry"], _level(days)))
    return out


def _contracts(store: Store, today: dt.date) -> list[Reminder]:
    # only the latest signing of each kind per org: a renewed contract is no longer a reminder
    rows = store.query(
        "SELECT c.org_id, c.kind, c.expiry_date, o.name FROM org_contracts c JOIN orgs o ON o.id = c.org_id "
        "WHERE o.deleted_at IS NULL AND c.expiry_date BETWEEN ? AND ? AND NOT EXISTS ("
        "  SELECT 1 FROM org_contracts n WHERE n.org_id = c.org_id AND n.kind = c.kind "
        "  AND n.signed_date > c.signed_date) ORDER BY c.expiry_date",
        ((today - dt.timedelta(days=CONTRACT_LOOKBACK_DAYS)).isoformat(),
         (today + dt.timedelta(days=CONTRACT_DAYS)).isoformat()))
    out = []
    for r in rows:
        days = (dt.date.fromisoformat(r["expiry_date"]) - today).days
        state = f"已过期 {-days} 天，尚未续签" if days < 0 else f"还有 {days} 天" if days else "今天到期"
        out.append(Reminder("contract", r["org_id"], "orgsTab", "集体合同到期",
                            f"{r['name']} {r['kind']}到期日 {r['expiry_date']}，{state}", r["expiry_date"],
                            _level(days)))
    return out


def _level(days_left: int) -> str:
    return OVERDUE if days_left < 0 else DUE if days_left <= URGENT_DAYS else INFO


def _activities(store: Store, today: dt.date) -> list[Reminder]:
    if not (core_module_exists("activities") and has_tables(store, "activities")):
        return []
    from ..activities.records import upcoming_activities

    out = []
    for r in upcoming_activities(store, ACTIVITY_DAYS, today=today):
        days = r["days_until"]
        when = "今天" if days == 0 else "明天" if days == 1 else f"{days} 天后"
        place = f"，{r['location']}" if r.get("location") else ""
        out.append(Reminder("activity", r["id"], "activitiesTab", "近期活动",
                            f"{r['start_date']}（{when}）{r['title']}{place}", r["start_date"], INFO))
    return out


def _unrecorded(store: Store, today: dt.date) -> list[Reminder]:
    if not (core_module_exists("activities") and has_tables(store, "activities")):
        return []
    rows = store.query(
        "SELECT id, title, start_date, end_date FROM activities WHERE deleted_at IS NULL AND status = '计划' "
        "AND end_date < ? AND end_date >= ? ORDER BY start_date",
        (today.isoformat(), (today - dt.timedelta(days=UNRECORDED_LOOKBACK_DAYS)).isoformat()))
    return [Reminder("activity", r["id"], "activitiesTab", "待补记",
                     f"{r['start_date']} {r['title']} 已过去，仍是“计划”：请补记人次和经费，或改为“取消”",
                     r["start_date"], DUE) for r in rows]


def _campaigns(store: Store, today: dt.date) -> list[Reminder]:
    if not (core_module_exists("assistance") and has_tables(store, "campaigns")):
        return []
    rows = store.query(
        "SELECT c.id, c.name, c.printed_at, c.campaign_date, "
        "(SELECT count(*) FROM assistance a WHERE a.campaign_id = c.id AND a.deleted_at IS NULL "
        " AND a.status <> '已签领') AS unsigned "
        "FROM campaigns c WHERE c.deleted_at IS NULL AND c.status = '已打印' ORDER BY c.campaign_date")
    out = []
    for r in rows:
        printed = (r["printed_at"] or r["campaign_date"])[:10]
        days = (today - dt.date.fromisoformat(printed)).days
        out.append(Reminder("campaign", r["id"], "hardshipTab", "发放表未签回",
                            f"{r['name']} 发放表 {printed} 已打印，尚有 {r['unsigned']} 人未签领（已 {max(days, 0)} 天）",
                            printed, DUE if days > 14 else INFO))
    return out


FEE_ARREARS_FROM_MONTH = 7  # this year's fees are reminded from the second half on


def _fees(store: Store, today: dt.date) -> list[Reminder]:
    if not (core_module_exists("fees") and has_tables(store, "fee_records")):
        return []
    from ..fees import records as fees

    if not fees.in_use(store):
        return []
    years = [today.year - 1] + ([today.year] if today.month >= FEE_ARREARS_FROM_MONTH else [])
    out = []
    for year in years:
        if year < today.year and not store.scalar(
                "SELECT 1 FROM fee_records WHERE deleted_at IS NULL AND period_start BETWEEN ? AND ? LIMIT 1",
                (f"{year}-01-01", f"{year}-12-31")):
            continue  # the office started keeping fees later: no arrears for years it never kept
        for line in fees.arrears(store, str(year)):
            out.append(Reminder("fees", line.org_id, "feesTab", "工会经费欠缴",
                                f"{line.org_name} {year}年工会经费尚未缴纳（{line.union_mode}，职工 {line.workers} 人）",
                                f"{year}-12-31", OVERDUE if year < today.year else DUE))
    return out


def _incomplete_orgs(store: Store, today: dt.date) -> list[Reminder]:
    """Orgs a member roll created with their name only: counted nowhere until completed."""
    rows = store.query("SELECT id, name, substr(created_at, 1, 10) AS made FROM orgs "
                       "WHERE needs_completion = 1 AND deleted_at IS NULL ORDER BY id")
    return [Reminder("org", r["id"], "orgsTab", "单位待补全",
                     f"{r['name']}：由会员名册导入新建，请补全职工人数和建会方式（补全前不计入单位数、建会率、入会率）",
                     r["made"], DUE, TODO) for r in rows]


def _honours_without_year(store: Store, today: dt.date) -> list[Reminder]:
    """One line for all 劳模 honours without a year: the clerk fills them from the award papers."""
    if not (core_module_exists("honours") and has_tables(store, "honours")):
        return []
    from ..honours.records import model_workers_without_year

    n = len(model_workers_without_year(store))
    if not n:
        return []
    return [Reminder("honour_year", 0, "honoursTab", "劳模年份",
                     f"{n} 条劳模荣誉缺少年份（由会员名册转入），期间统计不计入；请按表彰文件补填年度",
                     today.isoformat(), DUE, TODO)]


SOURCES: tuple[Callable[[Store, dt.date], list[Reminder]], ...] = (
    _disputes, _reviews, _terms, _contracts, _activities, _unrecorded, _campaigns, _fees, _incomplete_orgs,
    _honours_without_year)

LEVEL_TEXT = {OVERDUE: "已超期", DUE: "即将到期", INFO: "提示"}
TODO = "待办"  # the status of a task with no deadline (a 待补全 org, 劳模 years to fill in)
