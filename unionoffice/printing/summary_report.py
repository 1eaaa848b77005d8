"""The summary report PDF (DESIGN §6): the period's figures by area beside the same period last
year, with simple bar charts (members by org type, assistance by kind, disputes by type, …).
A4, embedded CJK font."""

from __future__ import annotations

from pathlib import Path

from ..core.values import dates
from ..core.figures import catalogue as F
from ..core.figures import view as V
from ..core.store.connection import Store
from .summary_font import cjk_font
from ..core.store.outfile import staged_output

BAR_COLOUR = "#3b6ea8"


def write_summary_pdf(store: Store, period: F.Period, out: str | Path) -> Path:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    font = cjk_font()
    now, last = F.compare(store, period)
    office = now.get("office.name") or "街道总工会"
    title = ParagraphStyle("t", fontName=font, fontSize=17, leading=24, alignment=1)
    sub = ParagraphStyle("s", fontName=font, fontSize=9.5, leading=14, alignment=1, textColor=colors.grey)
    head = ParagraphStyle("h", fontName=font, fontSize=13, leading=20, spaceBefore=8, spaceAfter=4)
    note = ParagraphStyle("n", fontName=font, fontSize=10, leading=14, textColor=colors.HexColor("#a05a00"))
    ly = period.last_year()
    story = [Paragraph(f"{office}{period.label}工作数据报告", title),
             Paragraph(f"统计期间 {period.start} 至 {period.end}，上年同期 {ly.start} 至 {ly.end}，"
                       f"生成于 {dates.format_date_cn(dates.today())}", sub), Spacer(1, 4 * mm)]
    for sec in V.sections(now, last):
        block = [Paragraph(sec.title, head)] + [Paragraph(n, note) for n in sec.notes]
        if sec.rows:
            block.append(_table(sec, last, font, Table, TableStyle, colors, mm))
        story.append(KeepTogether(block[:3]))
        story += block[3:]
        for chart in sec.charts:
            if chart.data:
                story += [Spacer(1, 3 * mm), _chart(chart, font, mm)]
    out = Path(out)
    with staged_output(out) as tmp:
        _build(story, tmp, office, period, font, colors, A4, mm, SimpleDocTemplate)
    return out


def _build(story, tmp, office, period, font, colors, A4, mm, SimpleDocTemplate) -> None:
    doc = SimpleDocTemplate(str(tmp), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm, topMargin=16 * mm,
                            bottomMargin=16 * mm, title=f"{office}{period.label}工作数据报告", author=office)

    def footer(canvas, doc_):
        canvas.setFont(font, 8.5)
        canvas.setFillColor(colors.grey)
        canvas.drawCentredString(A4[0] / 2, 9 * mm, f"{office} · {period.label} · 第 {doc_.page} 页")

    doc.build(story, onFirstPage=footer, onLaterPages=footer)


def _table(sec: V.Section, last: F.Figures, font: str, Table, TableStyle, colors, mm):
    data = [["项目", "本期", "上年同期", "增减"]] + [
        [("    " if r.indent else "") + r.label, r.now, r.last, V.change_text(r, last)] for r in sec.rows]
    t = Table(data, colWidths=[70 * mm, 33 * mm, 33 * mm, 38 * mm], repeatRows=1)
    style = [("FONT", (0, 0), (-1, -1), font, 9.5), ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
             ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#d9e1f2")), ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
             ("ALIGN", (0, 0), (-1, 0), "CENTER"), ("TOPPADDING", (0, 0), (-1, -1), 2),
             ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]
    for i, r in enumerate(sec.rows, start=1):
        if r.indent:
            style.append(("TEXTCOLOR", (0, i), (-1, i), colors.HexColor("#444444")))
    t.setStyle(TableStyle(style))
    return t


def _chart(chart: V.Chart, font: str, mm):
    """A horizontal bar chart, one bar per category with its value written at the end."""
    from reportlab.graphics.charts.barcharts import HorizontalBarChart
    from reportlab.graphics.shapes import Drawing, String
    from reportlab.lib import colors

    labels = list(chart.data)
    values = [float(v) / (100 if chart.unit == F.FEN else 1) for v in chart.data.values()]
    height = 14 * len(labels) + 30
    d = Drawing(170 * mm, height)
    d.add(String(0, height - 12, chart.title, fontName=font, fontSize=10))
    bc = HorizontalBarChart()
    bc.x, bc.y, bc.width, bc.height = 100, 6, 170 * mm - 170, height - 26
    bc.data = [values[::-1]]
    bc.categoryAxis.categoryNames = labels[::-1]
    bc.categoryAxis.labels.fontName = font
    bc.categoryAxis.labels.fontSize = 8.5
    bc.valueAxis.valueMin = 0
    bc.valueAxis.visible = False
    bc.bars[0].fillColor = colors.HexColor(BAR_COLOUR)
    bc.bars[0].strokeColor = None
    bc.barLabelFormat = lambda v: V.chart_value_text(chart.unit, round(v * 100) if chart.unit == F.FEN else int(v))
    bc.barLabels.fontName = font
    bc.barLabels.fontSize = 8
    bc.barLabels.boxAnchor = "w"
    bc.barLabels.dx = 3
    d.add(bc)
    return d
