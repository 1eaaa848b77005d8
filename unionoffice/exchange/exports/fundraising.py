"""Exporting fundraising (募捐/特殊会费): one row per contribution received, by date, with its
campaign. Summing 金额 over the rows whose 日期 lies in a period gives the 募集金额 figure."""

from __future__ import annotations

from pathlib import Path

from ...core.fundraising.records import list_contributions
from ...core.store.connection import Store
from .xlsx_writer import Column, write_table

COLUMNS = (Column("募集活动", "text", 28), Column("类型", "text", 9), Column("捐款方", "text", 7),
           Column("捐款单位/个人", "text", 30), Column("身份证号", "text", 20), Column("金额（元）", "money", 12),
           Column("日期", "date", 12), Column("收据号", "text", 14), Column("备注", "text", 20))


def export_contributions(store: Store, out_path: str | Path, *, campaign_id: int | None = None, progress=None) -> int:
    rows = list_contributions(store, campaign_id)
    data = ([k["campaign_name"], k["campaign_kind"], k["donor_kind"], k["donor_name"], k["id_number"], k["amount"],
             k["paid_date"], k["receipt_no"], k["notes"]] for k in rows)
    return write_table(out_path, title=f"{store.office_name or '工会'}募捐（特殊会费）收款登记", columns=COLUMNS,
                       rows=data, sheet_name="募捐收款", n_rows=len(rows), progress=progress)
