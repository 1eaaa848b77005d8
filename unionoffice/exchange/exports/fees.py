"""Exporting the 工会经费收缴台账 of a period to Excel: one row per org (as the printed 台账), with a
final 合计 row. The columns carry everything the fee figures are computed from, so summing the
sheet gives the figures of the same period."""

from __future__ import annotations

from pathlib import Path

from ...core.errors import UserError
from ...core.fees import records as fees
from ...core.store.connection import Store
from .xlsx_writer import Column, write_table

COLUMNS = (
    Column("单位名称", "text", 32), Column("统一社会信用代码", "text", 21), Column("职工人数", "int", 9),
    Column("规模", "text", 9), Column("所属期", "text", 14), Column("工资总额（元）", "money", 15),
    Column("计提/应缴（元）", "money", 14), Column("实缴（元）", "money", 13), Column("缴纳日期", "date", 12),
    Column("缴纳方式", "text", 12), Column("免缓交", "text", 8), Column("免缓交原因", "text", 20),
    Column("批准日期", "date", 12), Column("上缴区总（元）", "money", 14), Column("上解街道（元）", "money", 14),
    Column("留存（元）", "money", 13), Column("状态", "text", 8), Column("欠缴金额（元）", "money", 13),
)
TOTAL_LABEL = "合计"


def _row(line: fees.FeeLine) -> list:
    return [line.org_name, line.credit_code, line.workers, "界线以上" if line.large else "界线以下", line.periods,
            line.payroll, line.due, line.paid, line.paid_date or None, line.method, line.exemption,
            line.exemption_reason, line.exemption_approved or None, line.district, line.street, line.retained,
            line.status, line.outstanding]


def export_fee_ledger(store: Store, out_path: str | Path, period: str) -> int:
    """The 台账 of a fee period (2026, 2026-H1 …); returns the org rows written (合计 not counted)."""
    fp = fees.fee_period(period)
    lines = fees.fee_lines(store, *fp.period.iso)
    if not lines:
        raise UserError(f"{fp.label}没有工会经费记录，也没有已建会的单位，没有可导出的内容")
    t = fees.totals(lines)
    rows = [_row(line) for line in lines]
    rows.append([TOTAL_LABEL, "", sum(x.workers for x in lines), "", "", t.payroll, t.due, t.paid, None, "", "", "",
                 None, t.district, t.street, t.retained, "", sum(r[-1] for r in rows)])
    title = f"{store.office_name}工会经费收缴台账（{fp.label}）"
    write_table(out_path, title=title, columns=COLUMNS, rows=rows, personal_data=False, sheet_name="工会经费收缴台账",
                n_rows=len(rows))
    return len(lines)
