"""互助保障 printouts: the 参保名单 per org (one org after another, each with its 合计; A4) and the
office's summary by plan (参保情况汇总表)."""

from __future__ import annotations

from itertools import groupby
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from ..core.errors import UserError
from ..core.mutual_aid import records as aid
from ..core.store.connection import Store
from ..core.values import dates
from ..core.values.money import money_in_capitals
from .common import PORTRAIT, PagedCanvas, PrintResult, font, masked_id, money, page_footer, write_pdf
from .fees import CREATOR, _styles

LIST_COLUMNS = (("序号", 11), ("姓名", 22), ("身份证号", 40), ("参保项目", 32), ("参保日期", 23), ("份数", 12),
                ("保费（元）", 24), ("备注", 16))
SUMMARY_COLUMNS = (("保障计划", 30), ("每人保费（元）", 22), ("缴费方", 12), ("参保人数", 16), ("参保单位", 16),
                   ("份数", 12), ("保费合计（元）", 28), ("给付人次", 16), ("给付金额（元）", 24))


def _grid(data: list[list[Any]], widths, right: tuple[int, ...] = ()) -> Table:
    table = Table(data, colWidths=[w * mm for _, w in widths], repeatRows=1)
    style = [("FONT", (0, 0), (-1, -1), font(), 9), ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
             ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("ALIGN", (0, 0), (-1, 0), "CENTER"),
             ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.9, 0.9, 0.9)),
             ("BACKGROUND", (0, -1), (-1, -1), colors.Color(0.96, 0.96, 0.96))]
    style += [("ALIGN", (col, 1), (col, -1), "RIGHT") for col in right]
    table.setStyle(TableStyle(style))
    return table


def _org_block(org_name: str, rows: list[dict[str, Any]], st) -> list[Any]:
    data: list[list[Any]] = [[c[0] for c in LIST_COLUMNS]]
    for n, r in enumerate(rows, start=1):
        note = "待补录会员" if r["to_add"] else ""
        data.append([str(n), Paragraph(escape(r["person_name"]), st["cell"]), masked_id(r["id_number"]),
                     Paragraph(escape(r["plan_name"]), st["cell"]), r["enrolled_date"], str(r["shares"]),
                     money(r["premium"]), note])
    premium = sum(r["premium"] for r in rows)
    data.append(["合计", f"{len(rows)} 人", "", "", "", str(sum(r["shares"] for r in rows)), money(premium), ""])
    head = Paragraph(escape(f"单位：{org_name or '（未填单位）'}    参保 {len(rows)} 人次，保费 {money(premium)} 元"
                            f"（{money_in_capitals(premium)}）"), st["total"])
    return [head, Spacer(1, 1 * mm), _grid(data, LIST_COLUMNS, (5, 6)), Spacer(1, 4 * mm)]


def write_enrolment_list(store: Store, out: str | Path, year: int, org_id: int | None = None) -> PrintResult:
    """参保名单 of a year: per org (or one org), each person with plan, date, 份数 and premium."""
    rows = aid.enrolments(store, year, org_id=org_id)
    if not rows:
        raise UserError(f"{year}年" + ("该单位" if org_id else "") + "没有参保记录，名单为空")
    st = _styles()
    office = store.office_name
    story: list[Any] = [Paragraph(escape(f"{office}{year}年职工医疗互助保障参保名单"), st["title"]),
                        Paragraph(escape(f"共 {len({r['org_id'] for r in rows})} 家单位，{len(rows)} 人次"), st["info"]),
                        Spacer(1, 3 * mm)]
    for org_name, group in groupby(rows, key=lambda r: r["org_name"]):
        story += _org_block(org_name, list(group), st)
    total = sum(r["premium"] for r in rows)
    story.append(Paragraph(escape(f"总计：{len(rows)} 人次，保费 {money(total)} 元（{money_in_capitals(total)}）"),
                           st["total"]))
    story.append(Paragraph(escape(f"制表：__________    审核：__________    制表日期：{dates.format_date_cn(dates.today())}"),
                           st["total"]))
    path, pages = _build(out, story, f"{year}年参保名单", office)
    return PrintResult(path, pages, len(rows), total)


def write_summary(store: Store, out: str | Path, year: int) -> PrintResult:
    """参保情况汇总表: per plan, people, orgs, 份数, premiums, claims; with the office total."""
    plans = aid.summary_by_plan(store, year)
    if not plans:
        raise UserError(f"{year}年还没有设立保障计划")
    st = _styles()
    data: list[list[Any]] = [[c[0] for c in SUMMARY_COLUMNS]]
    for p in plans:
        data.append([Paragraph(escape(p["name"]), st["cell"]), money(p["unit_premium"]), p["payer"], str(p["people"]),
                     str(p["orgs"]), str(p["shares"]), money(p["premium"]), str(p["claims"]), money(p["claimed"])])
    tot = {k: sum(p[k] for p in plans) for k in ("people", "shares", "premium", "claims", "claimed")}
    orgs = len({r["org_id"] for r in aid.enrolments(store, year) if r["org_id"]})
    data.append(["合计", "", "", str(tot["people"]), str(orgs), str(tot["shares"]), money(tot["premium"]),
                 str(tot["claims"]), money(tot["claimed"])])
    office = store.office_name
    whole = len(aid.whole_org_ids(store, year))
    story = [Paragraph(escape(f"{office}{year}年职工医疗互助保障参保情况汇总表"), st["title"]), Spacer(1, 4 * mm),
             _grid(data, SUMMARY_COLUMNS, (1, 3, 4, 5, 6, 7, 8)), Spacer(1, 3 * mm),
             Paragraph(escape(f"保费合计 {money(tot['premium'])} 元（{money_in_capitals(tot['premium'])}）；"
                              f"互助金给付 {money(tot['claimed'])} 元（{money_in_capitals(tot['claimed'])}）；"
                              f"全员参保单位 {whole} 家。"), st["total"]),
             Paragraph(escape(f"制表日期：{dates.format_date_cn(dates.today())}"), st["total"])]
    path, pages = _build(out, story, f"{year}年参保情况汇总表", office)
    return PrintResult(path, pages, len(plans), tot["premium"])


def _build(out: str | Path, story: list[Any], title: str, office: str) -> tuple[Path, int]:
    pages: list[int] = []

    def render(tmp: Path) -> None:
        doc = SimpleDocTemplate(str(tmp), pagesize=PORTRAIT, leftMargin=15 * mm, rightMargin=15 * mm,
                                topMargin=14 * mm, bottomMargin=16 * mm, title=title, author=office, creator=CREATOR)

        def decorate(canvas, number: int, count: int) -> None:
            page_footer(canvas, number, count, preview=False)
            pages[:] = [count]

        doc.build(story, canvasmaker=PagedCanvas.maker(decorate))

    path = write_pdf(out, render)
    return path, pages[0] if pages else 1
