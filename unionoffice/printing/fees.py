"""工会经费 printouts: the 工会经费收缴台账 of a period (A4 landscape, one line per org, totals in
figures and in capitals) and the 催缴通知书 (an A4 letter to an org's union, one page per org)."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from ..core.errors import UserError
from ..core.fees import records as fees
from ..core.fees import settings as fee_settings
from ..core.store.connection import Store
from ..core.values import dates
from ..core.values.money import money_in_capitals
from .common import LANDSCAPE, PORTRAIT, PagedCanvas, PrintResult, font, money, page_footer, write_pdf

CREATOR = "街道工会办公系统 Union Office"
LEDGER_COLUMNS = (("序号", 10), ("单位名称", 46), ("职工\n人数", 12), ("所属期", 18), ("工资总额（元）", 28),
                  ("计提/应缴（元）", 25), ("实缴（元）", 25), ("缴纳日期", 20), ("缴纳方式", 22), ("免缓交", 13),
                  ("上缴区总（元）", 23), ("上解街道（元）", 23), ("状态", 12))


def _styles() -> dict[str, ParagraphStyle]:
    name = font()
    return {
        "title": ParagraphStyle("title", fontName=name, fontSize=16, leading=22, alignment=TA_CENTER),
        "info": ParagraphStyle("info", fontName=name, fontSize=9.5, leading=13, alignment=TA_CENTER),
        "cell": ParagraphStyle("cell", fontName=name, fontSize=8.5, leading=10.5, wordWrap="CJK"),
        "total": ParagraphStyle("total", fontName=name, fontSize=10, leading=15, spaceBefore=4),
        "body": ParagraphStyle("body", fontName=name, fontSize=12.5, leading=24, firstLineIndent=25),
        "to": ParagraphStyle("to", fontName=name, fontSize=12.5, leading=24),
        "right": ParagraphStyle("right", fontName=name, fontSize=12.5, leading=24, alignment=TA_RIGHT),
        "big": ParagraphStyle("big", fontName=name, fontSize=20, leading=30, alignment=TA_CENTER, spaceAfter=12),
    }


def _ledger_cells(n: int, line: fees.FeeLine, cell: ParagraphStyle) -> list[Any]:
    return [str(n), Paragraph(escape(line.org_name), cell), str(line.workers), Paragraph(escape(line.periods), cell),
            money(line.payroll), money(line.due), money(line.paid), line.paid_date, Paragraph(escape(line.method), cell),
            line.exemption, money(line.district), money(line.street), line.status]


def _ledger_story(office: str, label: str, lines: list[fees.FeeLine], t: fees.Totals, describe: str) -> list[Any]:
    st = _styles()
    data: list[list[Any]] = [[c[0] for c in LEDGER_COLUMNS]]
    data += [_ledger_cells(n, line, st["cell"]) for n, line in enumerate(lines, start=1)]
    data.append(["合计", f"{t.orgs} 家", "", "", money(t.payroll), money(t.due), money(t.paid), "", "", "",
                 money(t.district), money(t.street), ""])
    table = Table(data, colWidths=[w * mm for _, w in LEDGER_COLUMNS], repeatRows=1)
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), font(), 8.5), ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("ALIGN", (0, 0), (-1, 0), "CENTER"),
        ("ALIGN", (4, 1), (6, -1), "RIGHT"), ("ALIGN", (10, 1), (11, -1), "RIGHT"),
        ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.9, 0.9, 0.9)), ("SPAN", (0, -1), (0, -1)),
    ]))
    totals = [
        f"计提（应缴）合计：{money(t.due)} 元（{money_in_capitals(t.due)}）",
        f"实缴合计：{money(t.paid)} 元（{money_in_capitals(t.paid)}）",
        f"上缴区总合计：{money(t.district)} 元（{money_in_capitals(t.district)}）；"
        f"上解街道合计：{money(t.street)} 元（{money_in_capitals(t.street)}）",
        f"免交 {t.exempt} 家，缓交 {t.deferred} 家，欠缴 {t.arrears} 家。分成比例：{describe}",
        f"制表：__________    审核：__________    制表日期：{dates.format_date_cn(dates.today())}",
    ]
    return [Paragraph(escape(f"{office}工会经费收缴台账"), st["title"]),
            Paragraph(escape(f"所属期间：{label}    共 {t.orgs} 家单位"), st["info"]), Spacer(1, 3 * mm), table,
            Spacer(1, 2 * mm)] + [Paragraph(escape(x), st["total"]) for x in totals]


def ledger(store: Store, start: str, end: str) -> tuple[list[fees.FeeLine], fees.Totals]:
    lines = fees.fee_lines(store, start, end)
    return lines, fees.totals(lines)


def write_ledger(store: Store, out: str | Path, period: str) -> PrintResult:
    """工会经费收缴台账 of a fee period (2026, 2026-H1 …): every org with a record or a union."""
    fp = fees.fee_period(period)
    lines, t = ledger(store, *fp.period.iso)
    if not lines:
        raise UserError(f"{fp.label}没有工会经费记录，也没有已建会的单位，台账为空")
    describe = fee_settings.load(store).describe()
    office = store.office_name
    pages: list[int] = []

    def render(tmp: Path) -> None:
        doc = SimpleDocTemplate(str(tmp), pagesize=LANDSCAPE, leftMargin=10 * mm, rightMargin=10 * mm,
                                topMargin=12 * mm, bottomMargin=15 * mm, title=f"工会经费收缴台账 {fp.label}",
                                author=office, creator=CREATOR)

        def decorate(canvas, number: int, count: int) -> None:
            page_footer(canvas, number, count, preview=False)
            pages[:] = [count]

        doc.build(_ledger_story(office, fp.label, lines, t, describe), canvasmaker=PagedCanvas.maker(decorate))

    path = write_pdf(out, render)
    return PrintResult(path, pages[0] if pages else 1, len(lines), t.paid)


# ------------------------------------------------------------------ 催缴通知书


def _notice(office: str, label: str, line: fees.FeeLine, union_name: str, today: str) -> list[Any]:
    st = _styles()
    owed = line.outstanding
    amount = (f"应缴工会经费 {money(line.due)} 元（{money_in_capitals(line.due)}），已缴 {money(line.paid)} 元，"
              f"尚欠 {money(owed)} 元（{money_in_capitals(owed)}）") if line.due else \
        "工会经费尚未申报缴纳（工资总额未报）"
    body = (
        f"根据《中华人民共和国工会法》第四十三条和《中国工会章程》的规定，建立工会组织的单位按每月全部职工工资总额的百分之二"
        f"向工会拨缴经费。经核对，贵单位{label}{amount}。",
        "请贵单位接到本通知后十五日内足额拨缴（已实行税务代收的，请按期向税务部门申报缴纳）。如确有困难，可按规定提出"
        "缓交或免交申请，报经批准。如已缴纳，请将缴款凭证复印件送街道总工会核对。",
        "特此通知。",
    )
    return [Paragraph("工会经费催缴通知书", st["big"]),
            Paragraph(escape(f"{union_name or line.org_name + '工会'}："), st["to"]), Spacer(1, 2 * mm)] + \
        [Paragraph(escape(p), st["body"]) for p in body] + \
        [Spacer(1, 20 * mm), Paragraph(escape(f"{office}（盖章）"), st["right"]),
         Paragraph(escape(today), st["right"]), Spacer(1, 16 * mm),
         Paragraph(escape("联系人：__________    联系电话：______________"), st["to"])]


def write_notices(store: Store, out: str | Path, period: str, org_id: int | None = None) -> PrintResult:
    """催缴通知书 for one org, or (``org_id`` None) one page for every org in arrears or short."""
    fp = fees.fee_period(period)
    lines = [x for x in fees.fee_lines(store, *fp.period.iso) if x.in_arrears or x.outstanding]
    if org_id is not None:
        lines = [x for x in lines if x.org_id == org_id]
        if not lines:
            raise UserError(f"该单位{fp.label}没有欠缴（已缴足、免交或缓交），无需催缴")
    if not lines:
        raise UserError(f"{fp.label}没有欠缴的单位，无需催缴")
    from ..core.orgs.records import union_names

    unions = union_names(store)
    office = store.office_name
    today = dates.format_date_cn(dates.today())
    story: list[Any] = []
    for n, line in enumerate(lines):
        if n:
            story.append(PageBreak())
        story += _notice(office, fp.label, line, unions.get(line.org_id, ""), today)

    def render(tmp: Path) -> None:
        doc = SimpleDocTemplate(str(tmp), pagesize=PORTRAIT, leftMargin=25 * mm, rightMargin=25 * mm,
                                topMargin=30 * mm, bottomMargin=25 * mm, title=f"工会经费催缴通知书 {fp.label}",
                                author=office, creator=CREATOR)
        doc.build(story, canvasmaker=PagedCanvas.maker(lambda c, n, count: None))

    path = write_pdf(out, render)
    return PrintResult(path, len(lines), len(lines), sum(x.outstanding for x in lines))
