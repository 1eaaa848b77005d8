"""募捐 / 特殊会费 收据: one slip per contribution, three to an A4 page with dashed cut lines, like
the 领款凭证 of the assistance area (printing/receipts.py), but the office is the one receiving.

Each slip has a 存根联 (kept by the office) beside the 收据联 (handed to the donor): who paid, for
which campaign, the amount in figures and in 大写 (both from the same integer fen), the date and
the 收据号 the clerk entered (a blank line to write one in when none was entered — the program
never makes up a number that the office's receipt book does not have).
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any, Sequence

from reportlab.pdfgen.canvas import Canvas

from ..core.errors import UserError
from ..core.fundraising import records as funds
from ..core.store.connection import Store
from ..core.store.outfile import staged_output
from ..core.values import dates
from ..core.values.money import money_in_capitals
from .common import PORTRAIT, PagedCanvas, PrintResult, bold_text, draw_fitted, font, mm, money, page_footer

PER_PAGE = 3
MARGIN_X = 15 * mm
MARGIN_Y = 12 * mm
ROW_H = 27
STUB_W = 140
CUT_GAP = 12


def _what(row: dict[str, Any]) -> str:
    """'春节帮困募捐款' (not 募捐捐款), '抗洪救灾捐款', '2026年特殊会费'."""
    name = row["campaign_name"]
    if row["campaign_kind"] != "募捐" or name.endswith(("捐款", "会费")):
        return name
    return name + ("款" if name.endswith("捐") else "捐款")


def _number(row: dict[str, Any]) -> str:
    return f"No. {row['receipt_no']}" if row["receipt_no"] else "No. ____________"


def _box(c: Canvas, x: float, y_top: float, width: float, rows: list[list[tuple[str, float]]]) -> float:
    """Ruled rows of cells (text, share of the width); returns the box's bottom."""
    y = y_top
    c.setLineWidth(0.6)
    for cells in rows:
        cx = x
        for i, (text, share) in enumerate(cells):
            w = width * share
            draw_fitted(c, text, cx, y - ROW_H / 2, w, size=10.5, max_lines=2, pad=5, height=ROW_H,
                        align="right" if text.startswith("¥") else "left")
            if i:
                c.line(cx, y, cx, y - ROW_H)
            cx += w
        y -= ROW_H
        c.line(x, y, x + width, y)
    c.setLineWidth(1)
    c.rect(x, y, width, y_top - y)
    return y


def _receipt(c: Canvas, row: dict[str, Any], office: str, x: float, y_top: float, width: float, clerk: str) -> None:
    bold_text(c, x + width / 2, y_top - 20, "收    据", 17, centred=True)
    c.setFont(font(), 9.5)
    c.drawString(x, y_top - 18, "（收据联）")
    c.setFillColorRGB(0.65, 0.05, 0.05)
    c.drawRightString(x + width, y_top - 18, _number(row))
    c.setFillGray(0)
    c.drawRightString(x + width, y_top - 34, f"日期：{dates.format_date_cn(row['paid_date'])}")
    donor = f"{row['donor_name']}" + ("" if row["donor_kind"] == "个人" else "（单位）")
    rows = [[(f"今收到 {donor} 交来{_what(row)}", 1.0)],
            [(f"人民币（大写）：{money_in_capitals(row['amount'])}", 0.64), (f"¥ {money(row['amount'])}", 0.36)],
            [(f"事由：{row['campaign_kind']}" + (f"（{row['purpose']}）" if row.get("purpose") else ""), 0.5),
             (f"备注：{row['notes']}", 0.5)]]
    bottom = _box(c, x, y_top - 40, width, rows)
    c.setFont(font(), 10.5)
    sign_y = bottom - 24
    c.drawString(x + 4, sign_y, "交款人（签名）：")
    c.drawString(x + width * 0.30, sign_y, f"经手人：{clerk}")
    _payee(c, f"收款单位（盖章）：{office}", x + width, sign_y, width * 0.48)
    c.saveState()
    c.setDash(2, 2)
    c.setStrokeGray(0.55)
    c.circle(x + width - 30, sign_y + 3, 24)
    c.restoreState()


def _payee(c: Canvas, text: str, right: float, y: float, room: float) -> None:
    """The office's name ends at the box's right edge (under the seal), smaller when it is long."""
    size = 10.5
    while size > 7 and c.stringWidth(text, font(), size) > room:
        size -= 0.5
    c.setFont(font(), size)
    c.drawRightString(right, y, text)
    c.setFont(font(), 10.5)


def _stub(c: Canvas, row: dict[str, Any], x: float, y_top: float, width: float, clerk: str) -> None:
    bold_text(c, x + width / 2, y_top - 20, "存 根 联", 14, centred=True)
    c.setFont(font(), 9)
    c.setFillColorRGB(0.65, 0.05, 0.05)
    c.drawString(x, y_top - 36, _number(row))
    c.setFillGray(0)
    lines = [f"交款方：{row['donor_name']}", f"金额：¥ {money(row['amount'])}", f"事由：{_what(row)}",
             f"日期：{dates.format_date_cn(row['paid_date'])}", f"经手人：{clerk}"]
    y = y_top - 56
    for line in lines:
        draw_fitted(c, line, x, y, width, size=9, max_lines=2, pad=0, min_size=6.5)
        y -= 22


def _cut(c: Canvas, x0: float, y0: float, x1: float, y1: float, label: str) -> None:
    c.saveState()
    c.setDash(4, 3)
    c.setStrokeGray(0.45)
    c.setLineWidth(0.6)
    c.line(x0, y0, x1, y1)
    c.setFont(font(), 7)
    c.setFillGray(0.45)
    c.drawCentredString((x0 + x1) / 2 if y0 == y1 else x0, max(y0, y1) + 2, label)
    c.restoreState()


def render_fund_receipts(path: str | Path, rows: Sequence[dict[str, Any]], office: str, clerk: str = "") -> int:
    """Draw the slips into ``path``; returns the page count."""
    width, height = PORTRAIT
    slot = (height - 2 * MARGIN_Y) / PER_PAGE
    canvas = PagedCanvas(str(path), pagesize=PORTRAIT, pageCompression=1,
                         decorate=partial(page_footer, preview=False, left=f"制表：{clerk}" if clerk else ""))
    canvas.setTitle(f"{office}收据")
    canvas.setAuthor(office)
    pages = 0
    for start in range(0, len(rows), PER_PAGE):
        pages += 1
        for i, row in enumerate(rows[start:start + PER_PAGE]):
            top = height - MARGIN_Y - i * slot - 6
            _stub(canvas, row, MARGIN_X, top, STUB_W, clerk)
            cut_x = MARGIN_X + STUB_W + CUT_GAP / 2
            _cut(canvas, cut_x, top - 6, cut_x, top - slot + 18, "骑缝")
            _receipt(canvas, row, office, MARGIN_X + STUB_W + CUT_GAP, top,
                     width - 2 * MARGIN_X - STUB_W - CUT_GAP, clerk)
            if i < PER_PAGE - 1:
                cut_y = height - MARGIN_Y - (i + 1) * slot
                _cut(canvas, 6 * mm, cut_y, width - 6 * mm, cut_y, "沿虚线裁开")
        canvas.showPage()
    canvas.save()
    return pages


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
