"""工会经费 figures, from the fee records whose fee period lies inside the report period (a year's
figures take the year's records, its quarters' and its months'), so they agree with the
工会经费收缴台账 and its export for the same period.

- **计提单位数**: orgs with a fee record in the period, 免交 ones excepted.
- **工资总额**, **工会经费计提 (应缴)**: payroll and 2 % of it over those records (免交 = 0).
- **实缴**: payments recorded against them; **税务代收金额** the part paid through the tax office.
- **上缴区总 / 上解街道 / 留存**: the shares by the office settings (see ``core.fees.settings``);
  **界线以上/以下单位数** split the orgs by the size threshold, with their 计提.
- **免交 / 缓交单位数**; **税务代收单位数**: orgs with a 税务代收 payment in the period, of which
  **新增**: none in any earlier period. **欠缴单位数**: orgs with a union (or a fee record) and no
  payment for the period, 免交/缓交 excepted.
"""

from __future__ import annotations

from typing import Any

from ..figures.base import COUNT, FEN, Area, Period, Spec, core_module_exists, has_tables
from ..store.connection import Store

SPECS = (
    Spec("fees.orgs", "计提单位数", "期内有工会经费计提记录的单位数（不含免交）", COUNT,
         ("计提经费单位数", "计提工会经费单位数", "经费计提单位数", "计提企业数")),
    Spec("fees.payroll", "工资总额", "计提单位的职工工资总额（元）", FEN, ("职工工资总额", "计提基数", "工资总额合计")),
    Spec("fees.due", "工会经费计提", "按工资总额2%计提的应缴工会经费（元，免交为0）", FEN,
         ("计提经费", "计提工会经费", "应缴经费", "应缴工会经费", "经费计提", "计提金额", "工会经费计提金额")),
    Spec("fees.paid", "实缴工会经费", "期内所属经费已缴金额（元）", FEN,
         ("实缴经费", "已缴经费", "收缴经费", "经费收缴", "实收工会经费", "工会经费实缴")),
    Spec("fees.district", "上缴区总经费", "按分成比例上缴区总工会的经费（元）", FEN,
         ("上缴经费", "上缴区总", "上缴区总工会", "上缴上级经费", "上缴区总工会经费")),
    Spec("fees.street", "上解街道经费", "按分成比例上解街道总工会的经费（元）", FEN,
         ("上解街道", "上解经费", "上解街道总工会", "上解街道总工会经费")),
    Spec("fees.retained", "基层留存经费", "分成后留给基层工会的经费（元）", FEN, ("留存经费", "基层留成", "留存")),
    Spec("fees.large_orgs", "界线以上计提单位数", "职工人数达到规模界线（默认25人）的计提单位数", COUNT,
         ("25人以上企业数", "25人以上计提单位数")),
    Spec("fees.large_due", "界线以上计提经费", "职工人数达到规模界线的单位计提经费（元）", FEN, ("25人以上计提经费",)),
    Spec("fees.small_orgs", "界线以下计提单位数", "职工人数低于规模界线的计提单位数", COUNT,
         ("25人以下企业数", "25人以下计提单位数")),
    Spec("fees.small_due", "界线以下计提经费", "职工人数低于规模界线的单位计提经费（元）", FEN, ("25人以下计提经费",)),
    Spec("fees.exempt", "免交单位数", "期内批准免交工会经费的单位数", COUNT,
         ("免交经费单位数", "申请免交单位数", "免缴单位数", "免交户数")),
    Spec("fees.deferred", "缓交单位数", "期内批准缓交工会经费的单位数", COUNT, ("缓缴单位数", "缓交户数")),
    Spec("fees.tax_orgs", "税务代收单位数", "期内经税务代收缴纳工会经费的单位数", COUNT,
         ("实现税务代收企业数", "税务代收企业数", "经费税务代收单位数", "实现工会经费税务代收的企业")),
    Spec("fees.tax_new", "新增税务代收单位数", "期内首次经税务代收缴费的单位数", COUNT,
         ("新增税务代收企业数", "今年新增税务代收", "新增代收单位数")),
    Spec("fees.tax_amount", "税务代收金额", "期内经税务代收的工会经费（元）", FEN, ("税务代收经费", "代收金额")),
    Spec("fees.arrears", "欠缴单位数", "已建会或有计提记录、期内未缴且未免交/缓交的单位数", COUNT,
         ("未缴单位数", "欠缴户数", "欠缴企业数")),
)


def compute(store: Store, period: Period) -> dict[str, Any]:
    from .records import fee_lines, totals

    start, end = period.iso
    lines = fee_lines(store, start, end)
    recorded = [line for line in lines if line.record_ids]
    counted = [line for line in recorded if line.exemption != "免交"]
    t = totals(lines)
    large = [line for line in counted if line.large]
    small = [line for line in counted if not line.large]
    out: dict[str, Any] = {
        "fees.orgs": len(counted), "fees.payroll": sum(line.payroll for line in counted),
        "fees.due": t.due, "fees.paid": t.paid, "fees.district": t.district, "fees.street": t.street,
        "fees.retained": t.retained, "fees.large_orgs": len(large), "fees.large_due": sum(x.due for x in large),
        "fees.small_orgs": len(small), "fees.small_due": sum(x.due for x in small),
        "fees.exempt": t.exempt, "fees.deferred": t.deferred, "fees.arrears": t.arrears,
    }
    out.update(_tax(store, start, end))
    return out


def _tax(store: Store, start: str, end: str) -> dict[str, Any]:
    live = ("FROM fee_payments p JOIN fee_records r ON r.id = p.fee_record_id WHERE p.deleted_at IS NULL "
            "AND r.deleted_at IS NULL AND p.method = '税务代收'")
    row = store.one(f"SELECT count(DISTINCT r.org_id), coalesce(sum(p.amount), 0) {live} "
                    "AND r.period_start >= ? AND r.period_end <= ?", (start, end))
    new = store.scalar(
        f"SELECT count(DISTINCT r.org_id) {live} AND r.period_start >= ? AND r.period_end <= ? AND r.org_id NOT IN "
        f"(SELECT r2.org_id FROM fee_payments p2 JOIN fee_records r2 ON r2.id = p2.fee_record_id "
        "WHERE p2.deleted_at IS NULL AND r2.deleted_at IS NULL AND p2.method = '税务代收' AND r2.period_start < ?)",
        (start, end, start))
    return {"fees.tax_orgs": row[0], "fees.tax_amount": row[1], "fees.tax_new": new}


def available(store: Store) -> bool:
    return core_module_exists("fees") and has_tables(store, "fee_records", "fee_payments")


AREA = Area("fees", "工会经费", SPECS, (), compute, available)
