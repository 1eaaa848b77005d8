"""Dispute documents: the 劳动争议调解登记表 of one case (A4 portrait) and the 劳动争议台账 of a
period (A4 landscape, one line per case, totals at the foot).

Both are drawn on a ``PagedCanvas`` so every page says 第 N 页 共 M 页; the font is the embedded
TrueType CJK font of ``fonts.py``. Phones are masked on paper (DESIGN §10).
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any, Callable, Sequence

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from ..core.values import dates
from ..core.disputes import records as disputes
from ..core.disputes.stats import dispute_figures, percent
from ..core.disputes.query import DisputeFilter, disputes_by_ids, search_dispute_ids
from ..core.errors import UserError
from ..core.values.money import money_in_capitals
from ..core.values.phones import mask_phone
from ..core.store.connection import Store
from .common import (
    LANDSCAPE,
    PORTRAIT,
    PagedCanvas,
    PrintResult,
    bold_text,
    draw_fitted,
    fit_lines,
    font,
    mm,
    money,
)

MARGIN = 15 * mm
BOTTOM = 18 * mm  # room for the page footer
BODY = 10


def _footer(left: str) -> Callable[[Canvas, int, int], None]:
    def decorate(canvas: Canvas, number: int, count: int) -> None:
        width, _ = canvas._pagesize
        canvas.saveState()
        canvas.setFont(font(), 9)
        canvas.drawCentredString(width / 2, 8 * mm, f"第 {number} 页  共 {count} 页")
        canvas.drawString(MARGIN, 8 * mm, left)
        canvas.restoreState()

    return decorate


def _printed_on() -> str:
    return f"打印日期：{dates.format_date_cn(dates.today())}"


def _cn(value: Any) -> str:
    return dates.format_date_cn(value) if value else ""


# ====================================================================== 调解登记表


class _Form:
    """Draws the registration form top-down, starting a new page when a block does not fit."""

    def __init__(self, canvas: Canvas, title: str, case_no: str):
        self.c = canvas
        self.width, self.height = PORTRAIT
        self.left, self.right = MARGIN, self.width - MARGIN
        self.title, self.case_no = title, case_no
        self.y = self.height - MARGIN
        self.pages = 1
        self.table_header: Sequence[tuple[str, float, bool]] | None = None  # repeated after a page break

    def ensure(self, needed: float) -> None:
        if self.y - needed < BOTTOM:
            self.new_page()

    def new_page(self) -> None:
        self.c.showPage()
        self.pages += 1
        self.y = self.height - MARGIN
        self.c.setFont(font(), 9)
        self.c.drawString(self.left, self.y - 4 * mm, f"{self.title}（续）  案号 {self.case_no}")
        self.y -= 8 * mm
        if self.table_header:
            self.row(self.table_header)

    def heading(self, text: str) -> None:
        self.ensure(13 * mm)
        self.y -= 6.2 * mm
        self.c.setFont(font(), 11.5)
        self.c.drawString(self.left, self.y, text)
        self.y -= 2.5 * mm

    def row(self, cells: Sequence[tuple[str, float, bool]], *, size: float = BODY, max_lines: int = 3) -> None:
        """One bordered row; cells are (text, share of the width, is_label). Height fits the text."""
        total = self.right - self.left
        widths = [share * total for _, share, _ in cells]
        lines = max(len(fit_lines(text, w - 6, size, max_lines=max_lines)[0]) for (text, _, _), w in zip(cells, widths))
        height = max(7 * mm, lines * size * 1.25 + 2.6 * mm)
        self.ensure(height)
        x = self.left
        for (text, _, is_label), w in zip(cells, widths):
            if is_label:
                self.c.setFillGray(0.93)
                self.c.rect(x, self.y - height, w, height, stroke=0, fill=1)
                self.c.setFillGray(0)
            self.c.rect(x, self.y - height, w, height)
            draw_fitted(self.c, text, x, self.y - height / 2, w, size=size, max_lines=max_lines,
                        align="center" if is_label else "left")
            x += w
        self.y -= height

    def paragraph(self, label: str, text: str, *, min_height: float = 24 * mm) -> None:
        """A labelled box of free text (事由, 协议); long text continues on the next page."""
        lines = _wrap_all(text or "", self.right - self.left - 28 * mm - 6, BODY)
        leading = BODY * 1.35
        while True:
            room = self.y - BOTTOM
            fit = int((room - 4 * mm) // leading)
            if fit < 1 or (len(lines) <= fit and room < min_height):
                self.new_page()
                continue
            chunk, lines = lines[:fit], lines[fit:]
            height = len(chunk) * leading + 4 * mm
            self._box(label, chunk, height if lines else max(height, min_height), leading)
            if not lines:
                return
            self.new_page()

    def _box(self, label: str, chunk: list[str], height: float, leading: float) -> None:
        label_w = 28 * mm
        self.c.setFillGray(0.93)
        self.c.rect(self.left, self.y - height, label_w, height, stroke=0, fill=1)
        self.c.setFillGray(0)
        self.c.rect(self.left, self.y - height, label_w, height)
        self.c.rect(self.left + label_w, self.y - height, self.right - self.left - label_w, height)
        draw_fitted(self.c, label, self.left, self.y - height / 2, label_w, size=BODY, align="center")
        self.c.setFont(font(), BODY)
        for i, line in enumerate(chunk):
            self.c.drawString(self.left + label_w + 3, self.y - 2 * mm - BODY - i * leading, line)
        self.y -= height


def _wrap_all(text: str, width: float, size: float) -> list[str]:
    name, out = font(), []
    for para in str(text).splitlines() or [""]:
        line = ""
        for ch in para:
            if line and stringWidth(line + ch, name, size) > width:
                out.append(line)
                line = ""
            line += ch
        out.append(line)
    return out


def write_case_form(store: Store, out: str | Path, dispute_id: int) -> PrintResult:
    """劳动争议调解登记表 for one case: parties, claim, steps, outcome and signature lines."""
    from .common import write_pdf

    case = disputes.get_dispute(store, dispute_id)
    if case is None or case["deleted_at"]:
        raise UserError(f"找不到编号为 {dispute_id} 的劳动争议案件（可能已删除）")
    title = f"{store.office_name}劳动争议调解登记表".strip()
    pages = [0]

    def render(tmp: Path) -> None:
        canvas = PagedCanvas(str(tmp), pagesize=PORTRAIT, decorate=_footer(_printed_on()))
        canvas.setTitle(f"劳动争议调解登记表 {case['case_no']}")
        form = _Form(canvas, title, case["case_no"])
        _draw_case(form, case)
        canvas.save()
        pages[0] = canvas.page_count

    path = write_pdf(out, render)
    return PrintResult(path, pages[0], 1, case["amount"])


def _draw_case(form: _Form, case: dict[str, Any]) -> None:
    bold_text(form.c, form.width / 2, form.y - 6 * mm, form.title, 17, centred=True)
    form.y -= 13 * mm
    form.c.setFont(font(), BODY)
    form.c.drawString(form.left, form.y, f"案号：{case['case_no']}")
    form.c.drawRightString(form.right, form.y, f"受理日期：{_cn(case['received_date'])}    来源：{case['source']}")
    form.y -= 3 * mm
    collective = "（集体争议）" if case["collective"] else ""
    form.row([("争议类型", .14, True), (case["kind"], .2, False), ("涉及人数", .14, True),
              (f"{case['workers']} 人{collective}", .18, False), ("涉及金额", .14, True),
              (f"{money(case['amount'])} 元", .2, False)])
    form.row([("调解期限", .14, True), (f"{_cn(case['deadline'])}（受理之日起 15 日）", .52, False),
              ("承办人", .14, True), (case["handler"], .2, False)])
    form.heading("申请人")
    form.row([("序号", .08, True), ("姓名", .24, True), ("联系电话", .24, True), ("备注", .44, True)])
    for n, person in enumerate(case["applicants"], start=1):
        note = "会员" if person["member_id"] else ""
        form.row([(str(n), .08, False), (person["name"], .24, False), (mask_phone(person["phone"]), .24, False),
                  (note, .44, False)])
    if case["workers"] > len(case["applicants"]):
        form.row([(f"共涉及职工 {case['workers']} 人，以上为申请人（代表）", 1.0, False)])
    form.heading("被申请人")
    form.row([("名称", .14, True), (case["respondent_name"], .86, False)])
    form.heading("申请事项及事由")
    form.paragraph("申请人诉求", case["claim"], min_height=16 * mm)
    _draw_steps(form, case["steps"])
    _draw_outcome(form, case)
    _draw_signatures(form)


def _draw_steps(form: _Form, steps: list[dict[str, Any]]) -> None:
    form.heading("调解经过")
    header = [("日期", .16, True), ("办理事项", .16, True), ("经办人", .12, True), ("情况说明", .56, True)]
    form.row(header)
    form.table_header = header
    for step in steps:
        form.row([(step["step_date"], .16, False), (step["action"], .16, False), (step["handler"], .12, False),
                  (step["note"], .56, False)], max_lines=4)
    form.table_header = None


def _draw_outcome(form: _Form, case: dict[str, Any]) -> None:
    form.heading("处理结果")
    result = {"成功": "调解成功", "不成": "调解不成"}.get(case["mediation_result"], "尚无结果")
    form.row([("案件状态", .14, True), (case["status"], .2, False), ("调解结果", .14, True), (result, .18, False),
              ("结案日期", .14, True), (_cn(case["closed_date"]), .2, False)])
    form.row([("处理结果", .14, True), (case["outcome"], .86, False)])
    recovered = case["recovered"]
    capitals = f"（大写：{money_in_capitals(recovered)}）" if recovered else ""
    form.row([("追回金额", .14, True), (f"{money(recovered)} 元{capitals}", .86, False)])
    form.paragraph("协议/处理情况", case["settlement"], min_height=14 * mm)


def _draw_signatures(form: _Form) -> None:
    form.ensure(30 * mm)
    form.y -= 10 * mm
    c, half = form.c, (form.right - form.left) / 2
    c.setFont(font(), BODY + 0.5)
    for left_text, right_text in (("申请人（签字）：", "被申请人（签字或盖章）："), ("调解员（签字）：", "调解组织（盖章）：")):
        c.drawString(form.left, form.y, left_text + "_" * 14)
        c.drawString(form.left + half, form.y, right_text + "_" * 12)
        form.y -= 8 * mm
    c.drawRightString(form.right, form.y, "年      月      日")
    form.y -= 6 * mm


# ========================================================================== 台账


REGISTER_COLUMNS: tuple[tuple[str, float, str], ...] = (
    ("序号", 9, "center"), ("案号", 19, "center"), ("受理日期", 19, "center"), ("来源", 15, "center"),
    ("申请人", 25, "left"), ("被申请人", 42, "left"), ("争议类型", 23, "center"), ("人数", 10, "right"),
    ("涉及金额(元)", 23, "right"), ("状态", 15, "center"), ("结案日期", 19, "center"),
    ("追回金额(元)", 23, "right"), ("处理结果", 25, "left"),
)  # millimetres; 267 in all, inside A4 landscape's margins
ROW_H = 8.2 * mm
HEAD_H = 9 * mm


def _register_cells(n: int, case: dict[str, Any]) -> list[str]:
    return [str(n), case["case_no"], case["received_date"], case["source"], case["applicant_label"],
            case["respondent_name"], case["kind"], str(case["workers"]), money(case["amount"]), case["status"],
            case["closed_date"] or "", money(case["recovered"]) if case["recovered"] else "", case["outcome"]]


def _column_x() -> list[float]:
    xs, x = [], MARGIN - 3 * mm
    for _, width, _ in REGISTER_COLUMNS:
        xs.append(x)
        x += width * mm
    return xs


def _draw_grid_row(canvas: Canvas, y_top: float, height: float, cells: Sequence[str], *, header: bool = False,
                   size: float = 8.5) -> None:
    xs = _column_x()
    for (title, width, align), x, text in zip(REGISTER_COLUMNS, xs, cells):
        if header:
            canvas.setFillGray(0.9)
            canvas.rect(x, y_top - height, width * mm, height, stroke=0, fill=1)
            canvas.setFillGray(0)
        canvas.rect(x, y_top - height, width * mm, height)
        draw_fitted(canvas, text, x, y_top - height / 2, width * mm, size=size, min_size=6,
                    align="center" if header else align, pad=2)


def write_register(store: Store, out: str | Path, date_from: Any, date_to: Any) -> PrintResult:
    """劳动争议台账 of the cases received in the period; totals (and the period's rates) at the foot."""
    from .common import write_pdf

    start, end = dates.parse_date(date_from), dates.parse_date(date_to)
    if start is None or end is None or end < start:
        raise UserError("请正确填写台账的起止日期（结束日期不能早于开始日期）")
    filt = DisputeFilter(received_from=start.isoformat(), received_to=end.isoformat())
    ids = list(reversed(search_dispute_ids(store, "", filt)))
    cases = disputes_by_ids(store, ids)
    figures = dispute_figures(store, start, end)
    title = f"{store.office_name}劳动争议台账".strip()
    period = f"{_cn(start)}至{_cn(end)}"
    pages = [0]

    def render(tmp: Path) -> None:
        canvas = PagedCanvas(str(tmp), pagesize=LANDSCAPE, decorate=_footer(_printed_on()))
        canvas.setTitle(f"劳动争议台账 {period}")
        _draw_register(canvas, title, period, cases, figures)
        canvas.save()
        pages[0] = canvas.page_count

    path = write_pdf(out, render)
    return PrintResult(path, pages[0], len(cases), figures.amount)


def _register_page_top(canvas: Canvas, title: str, period: str, count: int, first: bool) -> float:
    width, height = LANDSCAPE
    y = height - MARGIN
    if first:
        bold_text(canvas, width / 2, y - 6 * mm, title, 16, centred=True)
        y -= 12 * mm
    canvas.setFont(font(), 9.5)
    canvas.drawString(MARGIN - 3 * mm, y - 2 * mm, f"受理期间：{period}    共 {count} 件" + ("" if first else "（续）"))
    y -= 5 * mm
    _draw_grid_row(canvas, y, HEAD_H, [c[0] for c in REGISTER_COLUMNS], header=True, size=8.5)
    return y - HEAD_H


def _draw_register(canvas: Canvas, title: str, period: str, cases: list[dict[str, Any]], figures) -> None:
    y = _register_page_top(canvas, title, period, len(cases), True)
    for n, case in enumerate(cases, start=1):
        if y - ROW_H < BOTTOM:
            canvas.showPage()
            y = _register_page_top(canvas, title, period, len(cases), False)
        _draw_grid_row(canvas, y, ROW_H, _register_cells(n, case))
        y -= ROW_H
    if y - ROW_H - 16 * mm < BOTTOM:
        canvas.showPage()
        y = _register_page_top(canvas, title, period, len(cases), False)
    totals = ["合计", f"{figures.received} 件", "", "", "", "", "", str(figures.workers), money(figures.amount), "",
              "", money(figures.recovered), ""]
    _draw_grid_row(canvas, y, ROW_H, totals, size=8.5)
    y -= ROW_H + 6 * mm
    canvas.setFont(font(), 9.5)
    lines = (
        f"受理 {figures.received} 件（其中集体争议 {figures.collective} 件），涉及职工 {figures.workers} 人，"
        f"涉及金额 {money(figures.amount)} 元（{money_in_capitals(figures.amount)}）；",
        f"调处 {figures.mediated} 件，其中调解成功 {figures.succeeded} 件，调处率 {percent(figures.mediation_rate)}，"
        f"成功率 {percent(figures.success_rate)}；追回金额 {money(figures.recovered)} 元"
        f"（{money_in_capitals(figures.recovered)}）；未结 {figures.open} 件。",
    )
    for line in lines:
        canvas.drawString(MARGIN - 3 * mm, y, line)
        y -= 5.5 * mm
    canvas.drawString(MARGIN - 3 * mm, y - 4 * mm, "制表人：______________        审核人：______________")


def default_register_period(year: int | None = None) -> tuple[datetime.date, datetime.date]:
    year = year or dates.today().year
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)
