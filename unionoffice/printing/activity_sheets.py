"""Activity printouts: the 签到表 (sign-in sheet) of one activity and a month's 活动安排表.

The sign-in sheet is filled by hand at the door. When the activity has an attendance list
(报名/签到名单) its names come pre-printed with unit and a masked phone, followed by blank rows
for walk-ins; an open event gets numbered blank rows (its planned 人次, at least one full page).
Every page repeats the title, the activity's time and place and the column header, and ends with
第 N 页 共 M 页; the last page has 应到/实到/记录人 lines.

The month's schedule is a table of the month's activities on one landscape A4 page (rows shrink
to fit up to about 35 activities; only an implausibly busy month spills onto a second page).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from reportlab.pdfgen.canvas import Canvas

from ..core.activities import records as activities
from ..core.values import dates
from ..core.errors import UserError
from ..core.values.phones import mask_phone
from ..core.store.connection import Store
from .common import (
    LANDSCAPE,
    PORTRAIT,
    PagedCanvas,
    PrintResult,
    bold_text,
    draw_fitted,
    font,
    mm,
    page_footer,
    write_pdf,
)

MARGIN_X = 15 * mm
TOP = 14 * mm  # title baseline from the top edge
BOTTOM = 16 * mm
HEADER_H = 22
SIGN_ROW_H = 27  # room to sign by hand
MIN_BLANK_ROWS = 5  # walk-ins after a pre-printed list
MAX_BLANK_ROWS = 500
CLOSING_H = 40
WEEKDAYS = "一二三四五六日"
CREATOR = "街道工会办公系统 Union Office"

# label, width in mm (0 = the rest), alignment
SIGNIN_COLUMNS = (("序号", 13, "center"), ("姓名", 28, "center"), ("单位", 0, "left"),
                  ("联系电话", 34, "center"), ("签名", 38, "center"))
MONTH_COLUMNS = (("日期", 34, "center"), ("时间", 25, "center"), ("活动名称", 0, "left"), ("类别", 20, "center"),
                 ("地点", 46, "left"), ("组织者", 38, "left"), ("人次", 16, "right"), ("状态", 16, "center"))


def _widths(columns: tuple, page_width: float) -> list[float]:
    fixed = sum(w * mm for _, w, _ in columns)
    rest = page_width - 2 * MARGIN_X - fixed
    return [w * mm if w else rest for _, w, _ in columns]


def _row(c: Canvas, widths: list[float], columns: tuple, y_top: float, height: float, texts: list[str], *,
         size: float, header: bool = False, lines: int = 1) -> None:
    x = MARGIN_X
    for (label, _, align), width, text in zip(columns, widths, texts):
        draw_fitted(c, text, x, y_top - height / 2, width, size=size, align="center" if header else align,
                    max_lines=1 if header else lines, min_size=min(6.0, size))
        x += width


def _grid(c: Canvas, widths: list[float], top: float, bottom: float, row_h: list[float]) -> None:
    left, right = MARGIN_X, MARGIN_X + sum(widths)
    c.setLineWidth(0.5)
    y = top
    for h in row_h:
        y -= h
        c.line(left, y, right, y)
    x = left
    for width in widths[:-1]:
        x += width
        c.line(x, top, x, bottom)
    c.setLineWidth(1.0)
    c.rect(left, bottom, right - left, top - bottom)


# ------------------------------------------------------------------ 签到表


@dataclass
class SignIn:
    office: str
    activity: dict[str, Any]
    rows: list[list[str]]  # 序号/姓名/单位/联系电话/签名 texts; blank rows are ["n", "", "", "", ""]
    listed: int  # pre-printed names

    @property
    def title(self) -> str:
        return f"{self.activity['title']}签到表"


def build_signin(store: Store, activity_id: int, *, blank_rows: int | None = None) -> SignIn:
    activity = activities.get_activity(store, activity_id)
    if activity is None or activity["deleted_at"]:
        raise UserError(f"活动编号 {activity_id} 不存在或已删除")
    if activity["status"] == "取消":
        raise UserError(f"活动“{activity['title']}”已取消，不需要签到表")
    people = activities.attendance_of(store, activity_id)
    rows = [[str(i), p["name"], p["org_name"] or "", mask_phone(p["phone"]), ""] for i, p in enumerate(people, 1)]
    if blank_rows is None:
        wanted = MIN_BLANK_ROWS if people else (activity["planned_headcount"] or 0)
        blank_rows = _full_pages(len(rows) + wanted) - len(rows)  # fill the last page with blank rows
    blank_rows = max(0, min(MAX_BLANK_ROWS, blank_rows))
    rows += [[str(len(rows) + i + 1), "", "", "", ""] for i in range(blank_rows)]
    return SignIn(store.office_name, activity, rows, len(people))


def _full_pages(rows: int) -> int:
    """The row count of the fewest pages holding ``rows`` (the last page also holds the closing lines)."""
    per_page, per_last = _signin_rows_per_page(), _signin_rows_per_page(last=True)
    pages = 1 if rows <= per_last else 1 + -(-(rows - per_last) // per_page)
    return (pages - 1) * per_page + per_last


def _signin_rows_per_page(last: bool = False) -> int:
    height = PORTRAIT[1] - TOP - 26 * mm - BOTTOM - HEADER_H - (CLOSING_H if last else 0)
    return int(height // SIGN_ROW_H)


def _signin_header(c: Canvas, sheet: SignIn, width: float, height: float) -> float:
    a = sheet.activity
    c.setFont(font(), 10.5)
    if sheet.office:
        c.drawCentredString(width / 2, height - TOP + 5, sheet.office)
    bold_text(c, width / 2, height - TOP - 14, sheet.title, 16, centred=True)
    y = height - TOP - 31
    draw_fitted(c, f"时间：{activities.when_text(a)}", MARGIN_X, y, (width - 2 * MARGIN_X) * 0.55, size=10.5, pad=0)
    draw_fitted(c, f"地点：{a['location'] or '＿＿＿＿＿＿'}", MARGIN_X + (width - 2 * MARGIN_X) * 0.55, y,
                (width - 2 * MARGIN_X) * 0.45, size=10.5, pad=0)
    y -= 16
    organiser = f"组织者：{a['organiser']}" if a["organiser"] else ""
    partners = f"合作单位：{a['partner_names']}" if a["partner_names"] else ""
    draw_fitted(c, "；".join(t for t in (organiser, partners) if t), MARGIN_X, y, width - 2 * MARGIN_X,
                size=10, pad=0)
    return y - 12


def _signin_closing(c: Canvas, sheet: SignIn, y: float, width: float) -> None:
    planned = sheet.activity["planned_headcount"]
    c.setFont(font(), 11)
    c.drawString(MARGIN_X + 4, y, f"应到：{planned if planned is not None else '＿＿＿'} 人次")
    c.drawString(MARGIN_X + (width - 2 * MARGIN_X) * 0.33, y, "实到：＿＿＿＿ 人次")
    c.drawString(MARGIN_X + (width - 2 * MARGIN_X) * 0.64, y, "记录人：＿＿＿＿＿＿")
    c.setFont(font(), 8.5)
    c.setFillGray(0.35)
    c.drawString(MARGIN_X + 4, y - 16, "联系电话只印出部分数字以保护个人信息；名单外的参加者请在空白行填写。")
    c.setFillGray(0)


def render_signin(path: str | Path, sheet: SignIn) -> int:
    width, height = PORTRAIT
    widths = _widths(SIGNIN_COLUMNS, width)
    per_page, per_last = _signin_rows_per_page(), _signin_rows_per_page(last=True)
    chunks, rest = [], list(sheet.rows)
    while len(rest) > per_last:
        chunks.append(rest[:per_page])
        rest = rest[per_page:]
    chunks.append(rest)
    canvas = PagedCanvas(str(path), pagesize=PORTRAIT, pageCompression=1,
                         decorate=partial(page_footer, preview=False, left=sheet.title))
    canvas.setTitle(sheet.title)
    canvas.setAuthor(sheet.office)
    canvas.setCreator(CREATOR)
    for index, chunk in enumerate(chunks):
        top = _signin_header(canvas, sheet, width, height)
        heights = [HEADER_H] + [SIGN_ROW_H] * len(chunk)
        _row(canvas, widths, SIGNIN_COLUMNS, top, HEADER_H, [c[0] for c in SIGNIN_COLUMNS], size=11, header=True)
        y = top - HEADER_H
        for texts in chunk:
            _row(canvas, widths, SIGNIN_COLUMNS, y, SIGN_ROW_H, texts, size=10.5, lines=2)
            y -= SIGN_ROW_H
        _grid(canvas, widths, top, y, heights)
        if index == len(chunks) - 1:
            _signin_closing(canvas, sheet, y - 22, width)
        canvas.showPage()
    canvas.save()
    return len(chunks)


def write_signin_sheet(store: Store, activity_id: int, out: str | Path, *, blank_rows: int | None = None) -> PrintResult:
    """The 签到表 PDF of one activity; returns what was written (pages, pre-printed names)."""
    sheet = build_signin(store, activity_id, blank_rows=blank_rows)
    pages: list[int] = []
    path = write_pdf(out, lambda tmp: pages.append(render_signin(tmp, sheet)))
    return PrintResult(path=path, pages=pages[0], rows=sheet.listed, amount=0)


# ------------------------------------------------------------ month schedule


def _month_texts(row: dict[str, Any]) -> list[str]:
    start = datetime.date.fromisoformat(row["start_date"])
    end = datetime.date.fromisoformat(row["end_date"])
    day = f"{start.month}月{start.day}日（{WEEKDAYS[start.weekday()]}）"
    if end != start:
        day += f"至{end.month}月{end.day}日" if end.month != start.month else f"至{end.day}日"
    time = f"{row['start_time']}–{row['end_time']}" if row["start_time"] and row["end_time"] else (row["start_time"] or "")
    if row["status"] == "已举办":
        count = "" if row["headcount"] is None else str(row["headcount"])
    else:
        count = "" if row["planned_headcount"] is None else f"({row['planned_headcount']})"
    return [day, time, row["title"], row["kind"], row["location"], row["organiser"], count, row["status"]]


def _month_summary(rows: list[dict[str, Any]]) -> str:
    held = [r for r in rows if r["status"] == "已举办"]
    people = sum(r["headcount"] or 0 for r in held)
    planned = sum(r["status"] == "计划" for r in rows)
    cancelled = sum(r["status"] == "取消" for r in rows)
    return (f"本月共 {len(rows)} 项活动：已举办 {len(held)} 项，共 {people:,} 人次；计划 {planned} 项；取消 {cancelled} 项。"
            "　人次栏中括号内为计划人次。")


def render_month(path: str | Path, office: str, year: int, month: int, rows: list[dict[str, Any]]) -> int:
    width, height = LANDSCAPE
    widths = _widths(MONTH_COLUMNS, width)
    title = f"{office}{year}年{month}月活动安排表"
    table_top = height - TOP - 26
    room = table_top - BOTTOM - HEADER_H - 30  # the summary line under the table
    row_h = max(12.0, min(30.0, room / max(1, len(rows))))
    per_page = max(1, int(room / row_h + 1e-6))
    lines = 2 if row_h >= 20 else 1
    size = max(6.5, min(10.5, row_h * (0.36 if lines == 2 else 0.56)))
    chunks = [rows[i:i + per_page] for i in range(0, len(rows), per_page)] or [[]]
    canvas = PagedCanvas(str(path), pagesize=LANDSCAPE, pageCompression=1,
                         decorate=partial(page_footer, preview=False, left=f"打印日期：{dates.format_date_cn(dates.today())}"))
    canvas.setTitle(title)
    canvas.setAuthor(office)
    canvas.setCreator(CREATOR)
    for index, chunk in enumerate(chunks):
        bold_text(canvas, width / 2, height - TOP - 6, title, 16, centred=True)
        heights = [HEADER_H] + [row_h] * len(chunk)
        _row(canvas, widths, MONTH_COLUMNS, table_top, HEADER_H, [c[0] for c in MONTH_COLUMNS], size=10.5, header=True)
        y = table_top - HEADER_H
        for row in chunk:
            canvas.setFillGray(0.45 if row["status"] == "取消" else 0)
            _row(canvas, widths, MONTH_COLUMNS, y, row_h, _month_texts(row), size=size, lines=lines)
            y -= row_h
        canvas.setFillGray(0)
        if not chunk:
            canvas.setFont(font(), 11)
            canvas.drawCentredString(width / 2, y - 24, "本月没有安排活动。")
            y -= 40
            heights.append(40)
        _grid(canvas, widths, table_top, y, heights)
        if index == len(chunks) - 1:
            draw_fitted(canvas, _month_summary(rows), MARGIN_X, y - 16, width - 2 * MARGIN_X, size=10, pad=0)
        canvas.showPage()
    canvas.save()
    return len(chunks)


def write_month_schedule(store: Store, year: int, month: int, out: str | Path) -> PrintResult:
    """The month's activities (cancelled ones too, marked) on one A4 page."""
    if not (dates.MIN_YEAR <= year <= dates.MAX_YEAR and 1 <= month <= 12):
        raise UserError(f"月份 {year}-{month:02d} 不存在，请写成 2026-11 这样的格式")
    rows = activities.activities_of_month(store, year, month)
    pages: list[int] = []
    path = write_pdf(out, lambda tmp: pages.append(render_month(tmp, store.office_name, year, month, rows)))
    return PrintResult(path=path, pages=pages[0], rows=len(rows),
                       amount=sum(r["cost"] for r in rows if r["status"] == "已举办"))
