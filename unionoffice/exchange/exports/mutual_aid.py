"""Exporting 互助保障: the year's 参保名单 (one row per person and plan), the summary by plan, and
the claims (互助金给付) of a period. Counting the 参保名单 rows (by plan, by org, 份数, premiums)
gives the figures of that year."""

from __future__ import annotations

from pathlib import Path

from ...core.errors import UserError
from ...core.mutual_aid import records as aid
from ...core.store.connection import Store
from .xlsx_writer import Column, write_table

ENROLMENT_COLUMNS = (
    Column("单位", "text", 30), Column("姓名", "text", 10), Column("身份证号", "text", 20),
    Column("参保项目", "text", 14), Column("年度", "int", 7), Column("参保日期", "date", 12), Column("份数", "int", 6),
    Column("保费（元）", "money", 12), Column("会员名册", "text", 10), Column("登记方式", "text", 16),
    Column("备注", "text", 20),
)
SUMMARY_COLUMNS = (
    Column("保障计划", "text", 16), Column("每人保费（元）", "money", 14), Column("缴费方", "text", 8),
    Column("参保人数", "int", 10), Column("参保单位", "int", 10), Column("份数", "int", 8),
    Column("保费合计（元）", "money", 14), Column("给付人次", "int", 10), Column("给付金额（元）", "money", 14),
)
CLAIM_COLUMNS = (
    Column("给付日期", "date", 12), Column("姓名", "text", 10), Column("身份证号", "text", 20), Column("单位", "text", 30),
    Column("参保项目", "text", 14), Column("疾病或原因", "text", 24), Column("给付金额（元）", "money", 14),
    Column("备注", "text", 20),
)


def export_enrolments(store: Store, out_path: str | Path, year: int, org_id: int | None = None) -> int:
    rows = aid.enrolments(store, year, org_id=org_id)
    if not rows:
        raise UserError(f"{year}年没有参保记录，没有可导出的内容")
    data = ([r["org_name"], r["person_name"], r["id_number"], r["plan_name"], r["plan_year"], r["enrolled_date"],
             r["shares"], r["premium"], "待补录" if r["to_add"] else "在册", r["source"], r["notes"]] for r in rows)
    return write_table(out_path, title=f"{store.office_name}{year}年职工医疗互助保障参保名单", columns=ENROLMENT_COLUMNS,
                       rows=data, sheet_name="参保名单", n_rows=len(rows))


def export_summary(store: Store, out_path: str | Path, year: int) -> int:
    plans = aid.summary_by_plan(store, year)
    if not plans:
        raise UserError(f"{year}年还没有设立保障计划")
    data = [[p["name"], p["unit_premium"], p["payer"], p["people"], p["orgs"], p["shares"], p["premium"], p["claims"],
             p["claimed"]] for p in plans]
    return write_table(out_path, title=f"{store.office_name}{year}年互助保障参保情况汇总", columns=SUMMARY_COLUMNS,
                       rows=data, personal_data=False, sheet_name="参保汇总", n_rows=len(data))


def export_claims(store: Store, out_path: str | Path, start: str, end: str) -> int:
    rows = aid.claims(store, start, end)
    if not rows:
        raise UserError(f"{start} 至 {end} 没有互助金给付记录")
    data = ([r["claim_date"], r["person_name"], r["id_number"], r["org_name"], r["plan_name"], r["cause"], r["amount"],
             r["notes"]] for r in rows)
    return write_table(out_path, title=f"{store.office_name}互助金给付明细（{start} 至 {end}）", columns=CLAIM_COLUMNS,
                       rows=data, sheet_name="互助金给付", n_rows=len(rows))
