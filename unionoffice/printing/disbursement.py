"""慰问金发放表: the campaign's list that recipients sign (A4 landscape).

Every page repeats the title and the column header and ends with a 本页小计 row; the last page adds
the 合计 in figures and in 大写 and the 经办人/审核人/负责人 sign-off. Pages are laid out here, not by
platypus, so that each page's subtotal is known to cover exactly the rows printed on it. Rows have
a fixed height (enough to sign in), and long text is wrapped onto two lines or shrunk to fit.

``print_disbursement`` is what the CLI and the GUI call: a preview locks nothing; the final version
locks the campaign's rows (``mark_printed``) in the same transaction that writes the PDF.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from reportlab.pdfgen.canvas import Canvas

from ..core.values import dates
from ..core.assistance.query import sheet_rows
from ..core.assistance.campaigns import campaign_totals, get_campaign, mark_printed
from ..core.assistance.funding import funding_text
from ..core.errors import UserError
from ..core.values.money import money_in_capitals
from ..core.store.connection import Store
from .common import (
    LANDSCAPE,
    PagedCanvas,
    PrintResult,
    bold_text,
    draw_fitted,
    font,
    masked_id,
    mm,
    money,
    page_footer,
    publish_after_commit,
)

MARGIN_X = 12 * mm
TITLE_Y = 14 * mm  # from the top edge
INFO_Y = 21.5 * mm
TABLE_TOP = 25 * mm
BOTTOM = 15 * mm
HEADER_H = 24
ROW_H = 24
SUBTOTAL_H = 21
TOTAL_H = 22
SIGNOFF_H = 32
CARRY_TO_LAST = 3  # rows moved onto the last page when the totals would not fit beside a full page

# label, width (pt; the last column takes the rest), alignment, font size, lines
COLUMNS = (
    ("序号", 34, "center", 9.5, 1),
    ("姓名", 66, "center", 10.5, 2),
    ("性别", 30, "center", 10, 1),
    ("工作单位", 166, "left", 9.5, 2),
    ("困难类别", 58, "center", 9.5, 2),
    ("身份证号", 122, "center", 9.5, 1),
    ("金额(元)", 80, "right", 10, 1),
    ("领款人签名", 98, "center", 10, 1),
    ("备注", 0, "left", 8.5, 3),
)
AMOUNT_COL = 6
SIGNATURE_COL = 7


@dataclass
class Sheet:
    office: str
    campaign: dict[str, Any]
    rows: list[dict[str, Any]]
    title: str
    corrections_only: bool = False
    widths: list[float] = field(default_factory=list)
    clerk: str = ""  # 经办人 and 制表: the clerk printing it
    funding: str = ""  # 资金来源 as printed (several sources with their shares)

    @property
    def amount(self) -> int:
        return sum(r["amount"] for r in self.rows)

    @property
    def goods_only(self) -> bool:
        """A campaign of goods (夏送清凉): the sheet lists their value instead of a column of 0.00."""
        return not any(r["amount"] for r in self.rows) and any(r["goods_value"] for r in self.rows)

    def value(self, row: dict[str, Any]) -> int:
        """What the 金额 column shows for a row: money, or the goods value on a goods-only sheet."""
        return row["goods_value"] if self.goods_only else row["amount"]

    @property
    def total(self) -> int:
        return sum(self.value(r) for r in self.rows)

    @property
    def goods_value(self) -> int:
        return sum(r["goods_value"] for r in self.rows)

    @property
    def goods_count(self) -> int:
        """People who (net of corrections) received goods."""
        net: dict[str, int] = {}
        for r in self.rows:
            net[r["id_number"]] = net.get(r["id_number"], 0) + r["goods_value"]
        return sum(1 for value in net.values() if value > 0)


def column_widths(page_width: float) -> list[float]:
    fixed = [c[1] for c in COLUMNS]
    fixed[-1] = page_width - 2 * MARGIN_X - sum(fixed[:-1])
    return fixed


def rows_per_page(page_height: float) -> tuple[int, int]:
    """(rows on an ordinary page, rows that fit on the last page beside the totals)."""
    room = page_height - TABLE_TOP - BOTTOM - HEADER_H - SUBTOTAL_H
    return int(room // ROW_H), int((room - 2 * TOTAL_H - SIGNOFF_H) // ROW_H)


def paginate(count: int, per_page: int, last_cap: int) -> list[tuple[int, int]]:
    """Row ranges per page; the last page keeps room for 合计, 大写 and the sign-off."""
    pages = [(start, min(start + per_page, count)) for start in range(0, count, per_page)] or [(0, 0)]
    start, end = pages[-1]
    if end - start > last_cap:
        carried = min(CARRY_TO_LAST, last_cap, end - start)
        pages[-1:] = [(start, end - carried), (end - carried, end)]
    return pages


# ------------------------------------------------------------------ drawing


def _page_header(c: Canvas, sheet: Sheet, width: float, height: float) -> None:
    camp = sheet.campaign
    bold_text(c, width / 2, height - TITLE_Y, sheet.title, 17, centred=True)
    c.setFont(font(), 10)
    method = "" if sheet.goods_only else f"    发放方式：{camp['method']}"
    c.drawString(MARGIN_X, height - INFO_Y,
                 f"慰问类别：{camp['kind']}    资金来源：{sheet.funding or camp['funding_source']}{method}")
    day = max(r["paid_date"] for r in sheet.rows) if sheet.corrections_only else camp["campaign_date"]
    label = "更正日期" if sheet.corrections_only else "发放日期"
    c.drawRightString(width - MARGIN_X, height - INFO_Y, f"{label}：{dates.format_date_cn(day)}    金额单位：元")


def _cells(c: Canvas, sheet: Sheet, y_top: float, height: float, texts: list[str], *, header: bool = False) -> None:
    x = MARGIN_X
    for (label, _, align, size, lines), width, text in zip(COLUMNS, sheet.widths, texts):
        draw_fitted(c, text, x, y_top - height / 2, width, size=10.5 if header else size,
                    align="center" if header else align, max_lines=1 if header else lines, height=height,
                    min_size=6)
        x += width


def _row_texts(sheet: Sheet, row: dict[str, Any]) -> list[str]:
    return [str(row["seq"]), row["name"], row["gender"], row["org_name"], row["category"],
            masked_id(row["id_number"]), money(sheet.value(row)), "", row["remark"]]


def _merged(c: Canvas, sheet: Sheet, y_top: float, height: float, label: str, amount: str | None,
            *, size: float = 10.5) -> None:
    """A row whose label spans the columns before 金额, with the amount in its own column."""
    label_width = sum(sheet.widths[:AMOUNT_COL])
    if amount is None:
        label_width = sum(sheet.widths)
    draw_fitted(c, label, MARGIN_X, y_top - height / 2, label_width, size=size,
                align="center" if amount is not None else "left", max_lines=1, pad=8)
    if amount is not None:
        x = MARGIN_X + label_width
        draw_fitted(c, amount, x, y_top - height / 2, sheet.widths[AMOUNT_COL], size=size, align="right")


def _grid(c: Canvas, sheet: Sheet, top: float, row_bottoms: list[float], column_rows_bottom: float,
          merged_from: float) -> None:
    """Horizontal lines under every row; vertical column lines down to the last ordinary row, and
    below that only the lines around the 金额 column (subtotal/total rows are merged)."""
    left, right = MARGIN_X, MARGIN_X + sum(sheet.widths)
    c.setLineWidth(0.5)
    for y in row_bottoms:
        c.line(left, y, right, y)
    x = left
    amount_x = (left + sum(sheet.widths[:AMOUNT_COL]), left + sum(sheet.widths[:AMOUNT_COL + 1]))
    for width in sheet.widths[:-1]:
        x += width
        c.line(x, top, x, column_rows_bottom)
    for x in amount_x:
        c.line(x, column_rows_bottom, x, merged_from)
    c.setLineWidth(1.1)
    c.rect(left, row_bottoms[-1], right - left, top - row_bottoms[-1])


def _draw_page(c: Canvas, sheet: Sheet, rows: list[dict[str, Any]], last: bool, size: tuple[float, float],
               people: int) -> None:
    width, height = size
    _page_header(c, sheet, width, height)
    top = height - TABLE_TOP
    y = top
    bottoms = []
    c.setFont(font(), 10.5)
    header = [col[0] for col in COLUMNS]
    if sheet.goods_only:
        header[AMOUNT_COL] = "折合金额(元)"
        header[SIGNATURE_COL] = "领物人签名"
    _cells(c, sheet, y, HEADER_H, header, header=True)
    y -= HEADER_H
    bottoms.append(y)
    for row in rows:
        _cells(c, sheet, y, ROW_H, _row_texts(sheet, row))
        y -= ROW_H
        bottoms.append(y)
    columns_end = y
    page_amount = sum(sheet.value(r) for r in rows)
    _merged(c, sheet, y, SUBTOTAL_H, f"本页小计（{len(rows)} 笔）", money(page_amount))
    y -= SUBTOTAL_H
    bottoms.append(y)
    merged_to = y
    if last:
        _merged(c, sheet, y, TOTAL_H, _total_label(sheet, people), money(sheet.total), size=11)
        y -= TOTAL_H
        bottoms.append(y)
        merged_to = y
        _merged(c, sheet, y, TOTAL_H, _capitals_line(sheet), None, size=10.5)
        y -= TOTAL_H
        bottoms.append(y)
    _grid(c, sheet, top, bottoms, columns_end, merged_to)
    if last:
        _signoff(c, y - SIGNOFF_H + 8, width, sheet.clerk)


def _total_label(sheet: Sheet, people: int) -> str:
    if sheet.corrections_only:
        return f"合    计（更正 {len(sheet.rows)} 笔）"
    if any(r["is_correction"] for r in sheet.rows):
        return f"合    计（共 {people} 人，{len(sheet.rows)} 笔，含更正）"
    return f"合    计（共 {people} 人）"


def _capitals_line(sheet: Sheet) -> str:
    if sheet.goods_only:
        return (f"合计折合金额（大写）：人民币{money_in_capitals(sheet.total)}    （小写）¥{money(sheet.total)}"
                f"；共发放实物 {sheet.goods_count} 份")
    text = f"合计金额（大写）：人民币{money_in_capitals(sheet.amount)}    （小写）¥{money(sheet.amount)}"
    if sheet.goods_value:
        text += f"；另发放实物 {sheet.goods_count} 份，折合人民币 {money(sheet.goods_value)} 元"
    return text


def _signoff(c: Canvas, y: float, width: float, clerk: str = "") -> None:
    c.setFont(font(), 11)
    usable = width - 2 * MARGIN_X
    for i, label in enumerate(("经办人：", "审核人：", "负责人：", "（单位盖章）")):
        x = MARGIN_X + usable * i / 4 + 10
        c.drawString(x, y, label)
        if i == 0 and clerk:
            c.drawString(x + 50, y, clerk)
        if i < 3:
            c.setLineWidth(0.6)
            c.line(x + 46, y - 2, x + usable / 4 - 30, y - 2)


def render_disbursement(path: str | Path, sheet: Sheet, *, preview: bool) -> int:
    """Draw the sheet into ``path``; returns the page count."""
    size = LANDSCAPE
    sheet.widths = column_widths(size[0])
    per_page, last_cap = rows_per_page(size[1])
    pages = paginate(len(sheet.rows), per_page, last_cap)
    people = _people(sheet.rows)
    footer = f"制表：{sheet.clerk}" if sheet.clerk else ""
    canvas = PagedCanvas(str(path), pagesize=size, decorate=partial(page_footer, preview=preview, left=footer),
                         pageCompression=1)
    canvas.setTitle(sheet.title)
    canvas.setAuthor(sheet.office)
    canvas.setCreator("街道工会办公系统 Union Office")
    for index, (start, end) in enumerate(pages):
        _draw_page(canvas, sheet, sheet.rows[start:end], index == len(pages) - 1, size, people)
        canvas.showPage()
    canvas.save()
    return len(pages)


def _people(rows: list[dict[str, Any]]) -> int:
    """People whose net amount (money + goods) on this sheet is above zero."""
    net: dict[str, int] = {}
    for r in rows:
        net[r["id_number"]] = net.get(r["id_number"], 0) + r["amount"] + r["goods_value"]
    return sum(1 for v in net.values() if v > 0)


# ------------------------------------------------------------------ the print job


def build_sheet(store: Store, campaign_id: int, *, corrections_only: bool = False) -> Sheet:
    """The campaign's rows in sheet order, checked against the database totals."""
    campaign = get_campaign(store, campaign_id)
    if campaign["deleted_at"]:
        raise UserError(f"慰问活动“{campaign['name']}”在回收站中")
    rows = sheet_rows(store, campaign_id)
    if corrections_only:
        rows = [r for r in rows if r["is_correction"]]
    if not rows:
        raise UserError("没有更正记录可打印" if corrections_only else f"慰问活动“{campaign['name']}”名单为空，没有可打印的内容")
    if not corrections_only:
        totals = campaign_totals(store, campaign_id)
        if (sum(r["amount"] for r in rows), sum(r["goods_value"] for r in rows)) != (totals["amount"], totals["goods_value"]):
            raise RuntimeError("发放表金额与数据库合计不一致")  # never expected: both sum the same rows
    office = store.office_name
    sheet = Sheet(office=office, campaign=campaign, rows=rows, title="", corrections_only=corrections_only,
                  clerk=store.user, funding=funding_text(store, campaign))
    word = "慰问品" if sheet.goods_only else "慰问金"
    sheet.title = f"{office}{campaign['name']}{word}发放{'更正表' if corrections_only else '表'}"
    return sheet


def print_disbursement(store: Store, campaign_id: int, out: str | Path, *, final: bool = False,
                       corrections_only: bool = False, allow_duplicates: bool = False) -> PrintResult:
    """Write the 发放表 PDF. ``final``: check for people paid the same kind twice that year, lock
    the rows, and move the PDF into place — one transaction, so a PDF that cannot be written
    locks nothing."""
    pages: list[int] = []
    with publish_after_commit(store, out) as stage:
        locked = mark_printed(store, campaign_id, allow_duplicates=allow_duplicates) if final else 0
        sheet = build_sheet(store, campaign_id, corrections_only=corrections_only)
        stage(lambda tmp: pages.append(render_disbursement(tmp, sheet, preview=not final)))
    path = stage.target
    return PrintResult(path=path, pages=pages[0], rows=len(sheet.rows), amount=sheet.amount,
                       goods_value=sheet.goods_value, final=final, locked_now=locked)
