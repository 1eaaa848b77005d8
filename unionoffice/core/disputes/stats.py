"""Dispute figures for any period (DESIGN §8): received by type and source, workers and money
involved, mediated, succeeded, 调处率 and 成功率, amount recovered, open cases.

Definitions (what a clerk reports as 受理 X 件、调处 Y 件、调解成功 Z 件):

- The figures describe the **cases received in the period** (``date_from ≤ 受理日期 ≤ date_to``,
  recycle bin excluded), each in its present state. So a year's return counts every case of that
  year, including progress made on it after the year ended, and it agrees with the exported
  case list filtered by 受理日期.
- ``received``: those cases. ``collective``: of them, cases with 涉及人数 ≥ 10 (集体争议).
- ``workers`` / ``amount``: sums of 涉及人数 and 涉及金额 (fen) over the received cases.
- ``mediated`` (调处): cases whose mediation reached a result — marked 调解成功 or 调解不成 —
  whatever happened afterwards (结案, 转仲裁, 转诉讼). Cases still at 受理/调解中 and cases the
  applicant withdrew (撤回) without a mediation result are **not** mediated.
- ``succeeded`` (调解成功): of the mediated, those whose mediation ended in agreement (调解成功),
  even if the agreement was later not honoured and the case went to arbitration.
- ``mediation_rate`` (调处率) = mediated / received; ``success_rate`` (成功率) = succeeded /
  mediated. Both are None when their denominator is 0.
- ``recovered``: sum of 追回金额 (fen) of the received cases (only closed cases carry one).
- ``open``: received cases not yet 结案 or 撤回; ``overdue``: of them, still in mediation
  (受理/调解中) past the 15-day deadline as of ``today``. ``closed`` / ``withdrawn`` count 结案 / 撤回.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from ..values import dates, money
from ..values.percent import format_rate
from .records import KINDS, MEDIATION_DAYS, SOURCES, STATUSES
from ..errors import ValueFormatError
from ..store.connection import Store


@dataclass
class DisputeFigures:
    date_from: str
    date_to: str
    received: int = 0
    collective: int = 0
    workers: int = 0
    collective_workers: int = 0
    amount: int = 0  # fen
    mediated: int = 0
    succeeded: int = 0
    failed: int = 0
    withdrawn: int = 0
    closed: int = 0
    open: int = 0
    overdue: int = 0
    recovered: int = 0  # fen
    by_kind: dict[str, int] = field(default_factory=dict)
    by_source: dict[str, int] = field(default_factory=dict)
    by_status: dict[str, int] = field(default_factory=dict)
    amount_by_kind: dict[str, int] = field(default_factory=dict)

    @property
    def mediation_rate(self) -> float | None:
        """调处率 = mediated / received."""
        return self.mediated / self.received if self.received else None

    @property
    def success_rate(self) -> float | None:
        """成功率 = succeeded / mediated."""
        return self.succeeded / self.mediated if self.mediated else None

    def lines(self) -> list[tuple[str, str]]:
        """(label, value) pairs as a clerk reads them, for reports and the CLI."""
        out = [
            ("受理案件", f"{self.received} 件"),
            ("其中集体争议", f"{self.collective} 件（{self.collective_workers} 人）"),
            ("涉及职工", f"{self.workers} 人"),
            ("涉及金额", f"{money.format_money(self.amount)} 元"),
            ("调处案件", f"{self.mediated} 件"),
            ("调解成功", f"{self.succeeded} 件"),
            ("调处率", percent(self.mediation_rate)),
            ("成功率", percent(self.success_rate)),
            ("追回金额", f"{money.format_money(self.recovered)} 元"),
            ("未结案件", f"{self.open} 件（其中超期 {self.overdue} 件）"),
        ]
        out += [(f"类型：{k}", f"{v} 件") for k, v in self.by_kind.items() if v]
        out += [(f"来源：{k}", f"{v} 件") for k, v in self.by_source.items() if v]
        return out


def percent(rate: float | None) -> str:
    """'66.7%' (one decimal), '—' when there is nothing to divide by."""
    return format_rate(rate)


def _period(date_from: Any, date_to: Any) -> tuple[str, str]:
    start, end = dates.parse_date(date_from), dates.parse_date(date_to)
    if start is None or end is None:
        raise ValueFormatError("请填写统计期间的起止日期", field="date")
    if end < start:
        raise ValueFormatError(f"统计期间的结束日期 {end} 早于开始日期 {start}", field="date")
    return start.isoformat(), end.isoformat()


def dispute_figures(store: Store, date_from: Any, date_to: Any, today: datetime.date | None = None) -> DisputeFigures:
    """The period's dispute figures; see the module docstring for exact definitions."""
    start, end = _period(date_from, date_to)
    today = today or dates.today()
    last_running_received = (today - datetime.timedelta(days=MEDIATION_DAYS + 1)).isoformat()
    where = "deleted_at IS NULL AND received_date BETWEEN ? AND ?"
    row = store.one(
        "SELECT count(*) AS received, "
        "coalesce(sum(workers >= 10), 0) AS collective, "
        "coalesce(sum(workers), 0) AS workers, "
        "coalesce(sum(CASE WHEN workers >= 10 THEN workers END), 0) AS collective_workers, "
        "coalesce(sum(amount), 0) AS amount, "
        "coalesce(sum(mediation_result <> ''), 0) AS mediated, "
        "coalesce(sum(mediation_result = '成功'), 0) AS succeeded, "
        "coalesce(sum(mediation_result = '不成'), 0) AS failed, "
        "coalesce(sum(status = '撤回'), 0) AS withdrawn, "
        "coalesce(sum(status = '结案'), 0) AS closed, "
        "coalesce(sum(status NOT IN ('结案', '撤回')), 0) AS open, "
        "coalesce(sum(status IN ('受理', '调解中') AND received_date <= ?), 0) AS overdue, "
        "coalesce(sum(recovered), 0) AS recovered "
        f"FROM disputes WHERE {where}",
        (last_running_received, start, end),
    )
    figures = DisputeFigures(start, end, **{k: row[k] for k in row.keys()})
    figures.by_kind = _counts(store, "kind", KINDS, where, (start, end))
    figures.by_source = _counts(store, "source", SOURCES, where, (start, end))
    figures.by_status = _counts(store, "status", STATUSES, where, (start, end))
    figures.amount_by_kind = {k: 0 for k in KINDS}
    for r in store.query(f"SELECT kind, sum(amount) FROM disputes WHERE {where} GROUP BY kind", (start, end)):
        figures.amount_by_kind[r[0]] = r[1]
    return figures


def _counts(store: Store, column: str, keys: tuple[str, ...], where: str, params: tuple) -> dict[str, int]:
    """Counts per value in the fixed order of ``keys`` (zeros included, so tables keep their rows)."""
    out = {k: 0 for k in keys}
    for r in store.query(f"SELECT {column}, count(*) FROM disputes WHERE {where} GROUP BY {column}", params):
        out[r[0]] = r[1]
    return out
