"""募捐 / 特殊会费 收据: one slip per contribution, three to an A4 page with dashed cut lines, laid
out by printing/slips.py like the 领款凭证 of the assistance area (printing/receipts.py), but the
office is the one receiving.

Each slip has a 存根联 (kept by the office) beside the 收据联 (handed to the donor): who paid, for
which campaign, the amount in figures and in 大写 (both from the same integer fen), the date and
the 收据号 the clerk entered (a blank line to write one in when none was entered — the program
never makes up a number that the office's receipt book does not have).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Sequence

from ..core.errors import UserError
from ..core.fundraising import records as funds
from ..core.store.connection import Store
from ..core.store.outfile import staged_output
from ..core.values import dates
from ..core.values.money import money_in_capitals
from .common import PrintResult, money
from .slips import Slip, render_slips


def _what(row: dict[str, Any]) -> str:
    """'春节帮困募捐款' (not 募捐捐款), '抗洪救灾捐款', '2026年特殊会费'."""
    name = row["campaign_name"]
    if row["campaign_kind"] != "募捐" or name.endswith(("捐款", "会费")):
        return name
    return name + ("款" if name.endswith("捐") else "捐款")


def _number(row: dict[str, Any]) -> str:
    return f"No. {row['receipt_no']}" if row["receipt_no"] else "No. ____________"


def _slip(row: dict[str, Any], office: str, clerk: str) -> Slip:
    """The 收据联 handed to the donor, with the 存根联 the office keeps."""
    donor = f"{row['donor_name']}" + ("" if row["donor_kind"] == "个人" else "（单位）")
    rows = [[(f"今收到 {donor} 交来{_what(row)}", 1.0)],
            [(f"人民币（大写）：{money_in_capitals(row['amount'])}", 0.64), (f"¥ {money(row['amount'])}", 0.36)],
            [(f"事由：{row['campaign_kind']}" + (f"（{row['purpose']}）" if row.get("purpose") else ""), 0.5),
             (f"备注：{row['notes']}", 0.5)]]
    stub = [f"交款方：{row['donor_name']}", f"金额：¥ {money(row['amount'])}", f"事由：{_what(row)}",
            f"日期：{dates.format_date_cn(row['paid_date'])}", f"经手人：{clerk}"]
    return Slip(title="收    据", label="收据联", number=_number(row), paid_date=row["paid_date"], rows=rows,
                signer="交款人（签名）：", clerk=clerk, clerk_at=0.30, seal_text=f"收款单位（盖章）：{office}",
                stub=stub)


def render_fund_receipts(path: str | Path, rows: Sequence[dict[str, Any]], office: str, clerk: str = "") -> int:
    """Draw the slips into ``path``; returns the page count."""
    return render_slips(path, [_slip(row, office, clerk) for row in rows], title=f"{office}收据", author=office,
                        preview=False, clerk=clerk)


def print_fund_receipts(store: Store, out: str | Path, ids: Sequence[int]) -> PrintResult:
    """收据 for the chosen contributions (in the order given), written whole or not at all."""
    target = Path(out)
    if target.suffix.lower() != ".pdf":
        raise UserError(f"输出文件应为 .pdf：{target.name}")
    rows = funds.contributions_for_receipt(store, ids)
    office = store.office_name or "街道总工会"
    pages: list[int] = []
    with staged_output(target) as tmp:
        pages.append(render_fund_receipts(tmp, rows, office, store.user))
    return PrintResult(path=target, pages=pages[0], rows=len(rows), amount=sum(r["amount"] for r in rows), final=True)
