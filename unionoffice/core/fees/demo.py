"""Demo step: last year's and this year's union fees for the demo office.

Every org with a union has a yearly record: payroll from its head-count, paid through the tax
office (orgs flagged 经费税务代收, in quarterly 入库 rows with their 计费依据), by the org itself, or
through its 工联会. A few are 免交 (亏损) or 缓交, and some have not paid this year yet (欠缴).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from ..store.audit import bulk_insert
from .records import accrual, tax_row_key

if TYPE_CHECKING:
    from ..demo.office import DemoContext

RECORD_COLUMNS = ("org_id", "period", "period_start", "period_end", "payroll", "method", "exemption",
                  "exemption_reason", "exemption_approved")
PAYMENT_COLUMNS = ("fee_record_id", "paid_date", "amount", "base", "method", "source", "source_key")


def make_fees(ctx: "DemoContext") -> None:
    rng, store = ctx.rng, ctx.store
    orgs = store.query("SELECT id, workers, union_mode, fee_by_tax FROM orgs WHERE is_federation = 0 "
                       "AND union_mode <> '未建会' ORDER BY id")
    for year in (ctx.today.year - 1, ctx.today.year):
        records, payments = [], []
        for n, org in enumerate(orgs):
            monthly_wage = rng.randint(5000, 14000) * 100  # fen
            payroll = org["workers"] * monthly_wage * 12
            method = "税务代收" if org["fee_by_tax"] else ("工联会代缴" if org["union_mode"] == "联合建会" else "自行拨缴")
            roll = rng.random() if n > 1 else (0.0, 0.07)[n]  # the demo always shows one of each
            exemption, reason, approved = "", "", None
            if roll < 0.06:
                exemption, reason = "免交", "连续亏损，申请免交"
                approved = date(year, 3, rng.randint(1, 28)).isoformat()
            elif roll < 0.09:
                exemption, reason = "缓交", "经营困难，申请缓交半年"
                approved = date(year, 4, rng.randint(1, 28)).isoformat()
            records.append((org["id"], str(year), f"{year}-01-01", f"{year}-12-31",
                            None if method == "税务代收" else payroll, method, exemption, reason, approved))
            unpaid = exemption or (year == ctx.today.year and rng.random() < 0.12)
            payments.append(None if unpaid else (org["id"], method, payroll))
        _write(ctx, year, records, payments)


def _write(ctx: "DemoContext", year: int, records: list[tuple], payments: list) -> None:
    store = ctx.store
    first = store.scalar("SELECT coalesce(max(id), 0) FROM fee_records") + 1
    bulk_insert(store.conn, "fee_records", RECORD_COLUMNS, records)
    rows = []
    for offset, pay in enumerate(payments):
        if pay is None:
            continue
        org_id, method, payroll = pay
        record_id = first + offset
        if method == "税务代收":
            rows += _quarters(ctx, year, record_id, org_id, payroll)
        else:
            day = min(date(year, 12, 20), ctx.today - timedelta(days=1), date(year, 12, 31))
            day = max(date(year, 1, 15), day - timedelta(days=ctx.rng.randint(0, 200)))
            rows.append((record_id, day.isoformat(), accrual(payroll), None, method, "手工", None))
    if rows:
        bulk_insert(store.conn, "fee_payments", PAYMENT_COLUMNS, rows)


def _quarters(ctx: "DemoContext", year: int, record_id: int, org_id: int, payroll: int) -> list[tuple]:
    out = []
    for q in range(4):
        day = date(year, 3 * q + 4, 15) if q < 3 else date(year + 1, 1, 15)
        if day >= ctx.today:
            break
        base = payroll // 4
        amount = accrual(base)
        key = tax_row_key(org_id, day.isoformat(), amount, base, "")
        out.append((record_id, day.isoformat(), amount, base, "税务代收", "税务代收明细（演示）", key))
    return out
