"""The receipt slip both kinds of 收据 share: three slips to an A4 page with dashed cut lines, each a
titled, numbered, dated ruled box with signature lines and a ring where the seal goes, and (when it
has one) a 存根联 stub kept by the office on its left, behind a 骑缝 line.

What is written on a slip is its module's business: the assistance area's 领款凭证 / 收据
(printing/receipts.py) and the 募捐 / 特殊会费 收据 (printing/fund_receipts.py) each fill in a ``Slip``
from their rows; this module only lays them out, so the two print alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Sequence

from reportlab.pdfgen.canvas import Canvas

from ..core.values import dates
from .common import PORTRAIT, PagedCanvas, bold_text, draw_fitted, font, mm, page_footer

PER_PAGE = 3
MARGIN_X = 15 * mm
MARGIN_Y = 12 * mm
ROW_H = 27
STUB_W = 140
CUT_GAP = 12  # between the stub and the receipt, where the 骑缝 line runs
SIZE = 10.5

Cells = list[tuple[str, float]]  # (text, share of the box's width); a text starting with ¥ is set right


@dataclass(frozen=True)
class Slip:
    """One slip as the clerk reads it, top to bottom."""

    title: str  # 领 款 凭 证, 收    据, 物品领取凭证 …
    number: str  # 'No. …' in red, on the receipt and on its stub
    paid_date: str  # ISO
    rows: list[Cells]  # the ruled box
    signer: str  # '收款人（签名）：' at the left of the signature line
    clerk: str  # the 经手人
    clerk_at: float  # where 经手人 starts, as a share of the width
    label: str = ""  # '收据联' above the title's left
    reprint: bool = False  # a red boxed 补打 beside the title
    seal_text: str = ""  # '发放单位（盖章）：' / '收款单位（盖章）：东湖街道总工会'
    seal_text_at: float | None = None  # where seal_text starts; None: it ends at the box's right, under the seal
    seal_label: str = ""  # small grey words inside the ring
    stub: Sequence[str] | None = None  # the 存根联's lines; None: no stub


def receipt_width(with_stub: bool) -> float:
    """The receipt box's width on the page, beside a stub or across the page."""
    inner = PORTRAIT[0] - 2 * MARGIN_X
    return inner - STUB_W - CUT_GAP if with_stub else inner


def ruled_box(c: Canvas, x: float, y_top: float, width: float, rows: Sequence[Cells], *,
              size: float = SIZE) -> float:
    """Rows of cells inside one ruled box (long text wraps to two lines, then shrinks); returns its bottom."""
    y = y_top
    c.setLineWidth(0.6)
    for cells in rows:
        cx = x
        for i, (text, share) in enumerate(cells):
            w = width * share
            draw_fitted(c, text, cx, y - ROW_H / 2, w, size=size, max_lines=2, pad=5, height=ROW_H,
                        align="right" if text.startswith("¥") else "left")
            if i:
                c.line(cx, y, cx, y - ROW_H)
            cx += w
        y -= ROW_H
        c.line(x, y, x + width, y)
    c.setLineWidth(1)
    c.rect(x, y, width, y_top - y)
    return y


def _reprint_stamp(c: Canvas, x: float, y: float) -> None:
    """A red boxed 补打 beside the title: this slip repeats one printed before, same number."""
    c.saveState()
    c.setStrokeColorRGB(0.75, 0.05, 0.05)
    c.setFillColorRGB(0.75, 0.05, 0.05)
    c.setLineWidth(1.2)
    c.rect(x, y - 5, 44, 20)
    c.setFont(font(), 13)
    c.drawCentredString(x + 22, y, "补 打")
    c.restoreState()


def _seal(c: Canvas, x: float, y: float, label: str) -> None:
    """A dashed ring where the office's seal goes."""
    c.saveState()
    c.setDash(2, 2)
    c.setStrokeGray(0.55)
    c.circle(x, y, 24)
    if label:
        c.setFillGray(0.55)
        c.setFont(font(), 8)
        c.drawCentredString(x, y - 3, label)
    c.restoreState()


def _fitted_right(c: Canvas, text: str, right: float, y: float, room: float) -> None:
    """Text ending at ``right``, set smaller when it is longer than ``room`` (a long office name)."""
    size = SIZE
    while size > 7 and c.stringWidth(text, font(), size) > room:
        size -= 0.5
    c.setFont(font(), size)
    c.drawRightString(right, y, text)
    c.setFont(font(), SIZE)


def draw_receipt(c: Canvas, slip: Slip, x: float, y_top: float, width: float) -> None:
    """The 收据联: title, number and date, the ruled box, then the signatures and the seal."""
    bold_text(c, x + width / 2, y_top - 20, slip.title, 17, centred=True)
    if slip.reprint:
        _reprint_stamp(c, x + width / 2 - 112, y_top - 22)
    c.setFont(font(), 9.5)
    if slip.label:
        c.drawString(x, y_top - 18, f"（{slip.label}）")
    c.setFillColorRGB(0.65, 0.05, 0.05)
    c.drawRightString(x + width, y_top - 18, slip.number)
    c.setFillGray(0)
    c.drawRightString(x + width, y_top - 34, f"日期：{dates.format_date_cn(slip.paid_date)}")
    bottom = ruled_box(c, x, y_top - 40, width, slip.rows)
    c.setFont(font(), SIZE)
    sign_y = bottom - 24
    c.drawString(x + 4, sign_y, slip.signer)
    c.drawString(x + width * slip.clerk_at, sign_y, f"经手人：{slip.clerk}")
    if slip.seal_text and slip.seal_text_at is not None:
        c.drawString(x + width * slip.seal_text_at, sign_y, slip.seal_text)
    elif slip.seal_text:
        _fitted_right(c, slip.seal_text, x + width, sign_y, width * 0.48)
    _seal(c, x + width - 30, sign_y + 3, slip.seal_label)


def draw_stub(c: Canvas, number: str, lines: Sequence[str], x: float, y_top: float, width: float) -> None:
    """存根联: what the office keeps when the receipt is cut off."""
    bold_text(c, x + width / 2, y_top - 20, "存 根 联", 14, centred=True)
    c.setFont(font(), 9)
    c.setFillColorRGB(0.65, 0.05, 0.05)
    c.drawString(x, y_top - 36, number)
    c.setFillGray(0)
    y = y_top - 56
    for line in lines:
        draw_fitted(c, line, x, y, width, size=9, max_lines=2, pad=0, min_size=6.5)
        y -= 22


def cut_line(c: Canvas, x0: float, y0: float, x1: float, y1: float, label: str = "沿虚线裁开") -> None:
    """A dashed line from (x0, y0) to (x1, y1), labelled where it starts to be cut."""
    c.saveState()
    c.setDash(4, 3)
    c.setStrokeGray(0.45)
    c.setLineWidth(0.6)
    c.line(x0, y0, x1, y1)
    c.setFont(font(), 7)
    c.setFillGray(0.45)
    if y0 == y1:
        c.drawCentredString((x0 + x1) / 2, y0 + 2, label)
    else:
        c.drawCentredString(x0, max(y0, y1) + 2, label)
    c.restoreState()


def _draw_slot(c: Canvas, slip: Slip, top: float, slot: float) -> None:
    """One slip in its third of the page: the stub and the 骑缝 line first when it has a stub."""
    if slip.stub is None:
        draw_receipt(c, slip, MARGIN_X, top, receipt_width(False))
        return
    draw_stub(c, slip.number, slip.stub, MARGIN_X, top, STUB_W)
    cut_x = MARGIN_X + STUB_W + CUT_GAP / 2
    cut_line(c, cut_x, top - 6, cut_x, top - slot + 18, "骑缝")
    draw_receipt(c, slip, MARGIN_X + STUB_W + CUT_GAP, top, receipt_width(True))


def render_slips(path: str | Path, slips: Sequence[Slip], *, title: str, author: str, preview: bool,
                 clerk: str = "") -> int:
    """Draw the slips into ``path``, three to an A4 page; returns the page count. ``clerk`` is the 制表."""
    width, height = PORTRAIT
    slot = (height - 2 * MARGIN_Y) / PER_PAGE
    footer = f"制表：{clerk}" if clerk else ""
    canvas = PagedCanvas(str(path), pagesize=PORTRAIT, decorate=partial(page_footer, preview=preview, left=footer),
                         pageCompression=1)
    canvas.setTitle(title)
    canvas.setAuthor(author)
    pages = 0
    for start in range(0, len(slips), PER_PAGE):
        pages += 1
        for i, slip in enumerate(slips[start:start + PER_PAGE]):
            _draw_slot(canvas, slip, height - MARGIN_Y - i * slot - 6, slot)
            if i < PER_PAGE - 1:
                cut_y = height - MARGIN_Y - (i + 1) * slot
                cut_line(canvas, 6 * mm, cut_y, width - 6 * mm, cut_y)
        canvas.showPage()
    canvas.save()
    return pages
