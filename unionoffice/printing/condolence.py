"""慰问名单: who received what in a campaign, grouped by 工作单位 with per-org counts and subtotals
and a grand total (A4 portrait), for the file.

Each person appears once with the net of their payment and any corrections; a payment reversed in
full drops off the list. The totals equal the campaign's totals. The list locks nothing: the final
version (no 预览 mark) can only be printed once every row is locked, i.e. after the 发放表 or the
receipts went out for signature.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from ..core.values import dates
from ..core.assistance.query import org_sort_key, sheet_rows
from ..core.assistance.funding import funding_text
from ..core.assistance.campaigns import campaign_totals, get_campaign
from ..core.errors import UserError
from ..core.values.money import money_in_capitals
from ..core.store.connection import Store
from .common import PORTRAIT, PagedCanvas, PrintResult, font, masked_id, mm, money, page_footer, write_pdf

NO_ORG = "（未填工作单位）"
# label, width (pt)
COLUMNS = (("序号", 32), ("姓名", 70), ("性别", 32), ("困难类别", 64), ("身份证号", 120), ("慰问金额(元)", 80),
           ("实物", 112))
AMOUNT_COL = 5
GAP = "&nbsp;" * 6  # Paragraph collapses ordinary spaces


@dataclass
class OrgGroup:
    org: str
    people: list[dict[str, Any]] = field(default_factory=list)

    @property
    def amount(self) -> int:
        return sum(p["amount"] for p in self.people)

    @property
    def goods_value(self) -> int:
        return sum(p["goods_value"] for p in self.people)


def group_people(rows: list[dict[str, Any]]) -> list[OrgGroup]:
    """Net each person's rows (payment + corrections), drop the fully reversed, group by org."""
    people: dict[str, dict[str, Any]] = {}
    for row in rows:
        person = people.setdefault(row["id_number"], {**row, "amount": 0, "goods_value": 0, "goods_list": []})
        person["amount"] += row["amount"]
        person["goods_value"] += row["goods_value"]
        if row["goods"] and row["goods_value"] > 0 and row["goods"] not in person["goods_list"]:
            person["goods_list"].append(row["goods"])
    groups: dict[str, OrgGroup] = {}
    for person in people.values():
        if person["amount"] + person["goods_value"] <= 0:
            continue
        if person["goods_value"] <= 0:
            person["goods_list"] = []
        key = person["org_name"] or NO_ORG
        groups.setdefault(key, OrgGroup(key)).people.append(person)
    ordered = sorted(groups.values(), key=lambda g: org_sort_key("" if g.org == NO_ORG else g.org))
    number = 0
    for group in ordered:
        group.people.sort(key=lambda p: p["seq"])
        for p in group.people:  # the list is numbered on its own, 1..N
            number += 1
            p["seq"] = number
    return ordered


def _styles() -> dict[str, ParagraphStyle]:
    name = font()
    return {
        "title": ParagraphStyle("title", fontName=name, fontSize=17, leading=22, alignment=TA_CENTER, spaceAfter=4),
        "info": ParagraphStyle("info", fontName=name, fontSize=10, leading=14, alignment=TA_CENTER),
        "org": ParagraphStyle("org", fontName=name, fontSize=11, leading=15, spaceBefore=8, spaceAfter=3),
        "cell": ParagraphStyle("cell", fontName=name, fontSize=9, leading=11, wordWrap="CJK"),
        "total": ParagraphStyle("total", fontName=name, fontSize=11, leading=17, spaceBefore=10),
    }


def _org_table(group: OrgGroup, styles: dict[str, ParagraphStyle]) -> Table:
    data: list[list[Any]] = [[c[0] for c in COLUMNS]]
    for p in group.people:
        goods = "、".join(p["goods_list"])
        goods_text = f"{goods}（折合{money(p['goods_value'])}元）" if goods else ""
        data.append([str(p["seq"]), p["name"], p["gender"], p["category"], masked_id(p["id_number"]),
                     money(p["amount"]), Paragraph(escape(goods_text), styles["cell"])])
    data.append([f"小计：{len(group.people)} 人", "", "", "", "", money(group.amount),
                 f"折合{money(group.goods_value)}元" if group.goods_value else ""])
    table = Table(data, colWidths=[c[1] for c in COLUMNS], repeatRows=1)
    last = len(data) - 1
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), font(), 9.5),
        ("FONTSIZE", (0, 0), (-1, 0), 10),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("BOX", (0, 0), (-1, -1), 1, colors.black),
        ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.92, 0.92, 0.92)),
        ("ALIGN", (0, 0), (-1, 0), "CENTER"),
        ("ALIGN", (0, 1), (4, -1), "CENTER"),
        ("ALIGN", (AMOUNT_COL, 1), (AMOUNT_COL, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("SPAN", (0, last), (4, last)),
        ("ALIGN", (0, last), (4, last), "CENTER"),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]))
    return table


def _story(campaign: dict[str, Any], office: str, groups: list[OrgGroup], totals: dict[str, Any]) -> list[Any]:
    styles = _styles()
    people = sum(len(g.people) for g in groups)
    story: list[Any] = [
        Paragraph(escape(f"{office}{campaign['name']}慰问名单"), styles["title"]),
        Paragraph(GAP.join([f"慰问类别：{campaign['kind']}", f"资金来源：{campaign.get('funding') or campaign['funding_source']}",
                            f"发放日期：{dates.format_date_cn(campaign['campaign_date'])}", "金额单位：元"]),
                  styles["info"]),
        Spacer(1, 4 * mm),
    ]
    for number, group in enumerate(groups, start=1):
        heading = Paragraph(f"{number}. {escape(group.org)}（{len(group.people)} 人，小计 {money(group.amount)} 元"
                            + (f"，实物折合 {money(group.goods_value)} 元" if group.goods_value else "") + "）",
                            styles["org"])
        # a short group stays on one page with its heading
        table = _org_table(group, styles)
        story.append(KeepTogether([heading, table]) if len(group.people) <= 12 else heading)
        if len(group.people) > 12:
            story.append(table)
    total = (f"总计：共 {len(groups)} 个单位 {people} 人，慰问金 {money(totals['amount'])} 元"
             f"（大写：人民币{money_in_capitals(totals['amount'])}）")
    if totals["goods_value"]:
        total += f"；实物折合 {money(totals['goods_value'])} 元"
    story.append(Paragraph(total, styles["total"]))
    story.append(Paragraph(GAP.join([f"制表：{escape(campaign.get('clerk') or campaign['handler'])}", "审核：" + GAP * 2,
                                     f"制表日期：{dates.format_date_cn(dates.today())}"]), styles["total"]))
    return story


def render_condolence(path: str | Path, campaign: dict[str, Any], office: str, groups: list[OrgGroup],
                      totals: dict[str, Any], *, preview: bool) -> int:
    """Build the list into ``path``; returns the page count."""
    doc = SimpleDocTemplate(str(path), pagesize=PORTRAIT, leftMargin=15 * mm, rightMargin=15 * mm,
                            topMargin=14 * mm, bottomMargin=16 * mm, title=f"{office}{campaign['name']}慰问名单",
                            author=office, creator="街道工会办公系统 Union Office")
    pages: list[int] = []

    def decorate(canvas, number: int, count: int) -> None:
        page_footer(canvas, number, count, preview=preview)
        pages[:] = [count]

    doc.build(_story(campaign, office, groups, totals), canvasmaker=PagedCanvas.maker(decorate))
    return pages[0] if pages else 1


def print_condolence(store: Store, campaign_id: int, out: str | Path, *, final: bool = False) -> PrintResult:
    """Write the 慰问名单. ``final`` drops the 预览 mark and needs every row locked already."""
    campaign = get_campaign(store, campaign_id)
    rows = sheet_rows(store, campaign_id)
    if not rows:
        raise UserError(f"慰问活动“{campaign['name']}”名单为空，没有可打印的内容")
    if final and any(not r["locked"] for r in rows):
        raise UserError("还有未定稿的慰问记录；请先打印定稿的发放表或收据，再打印正式的慰问名单")
    totals = campaign_totals(store, campaign_id)
    groups = group_people(rows)
    if (sum(g.amount for g in groups), sum(g.goods_value for g in groups)) != (totals["amount"], totals["goods_value"]):
        raise RuntimeError("慰问名单金额与数据库合计不一致")  # never expected: both sum the same rows
    office = store.office_name
    campaign = {**campaign, "clerk": store.user, "funding": funding_text(store, campaign)}
    pages: list[int] = []
    path = write_pdf(out, lambda tmp: pages.append(
        render_condolence(tmp, campaign, office, groups, totals, preview=not final)))
    return PrintResult(path=path, pages=pages[0], rows=sum(len(g.people) for g in groups), amount=totals["amount"],
                       goods_value=totals["goods_value"], final=final)
