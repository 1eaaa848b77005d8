"""The drafted 工作总结 (work summary) as a Word document, laid out as an official document
(GB/T 9704, as far as python-docx allows: A4, 37/35/28/26 mm margins, title in 2号小标宋, body in
3号仿宋 on a fixed 28.95 pt line, headings in 黑体, page numbers “— 1 —” at the foot).

Sections as a real one has them: 一、基本情况 二、组织建设 三、维权 四、帮扶 五、活动, then 六、存在问题
and 七、下一步打算 — the last two headed placeholders for the clerk, never invented text. Wording
fits the period (全年 / 上半年, 比上年 for a year and 比上年同期 for a part of one; 截至 never later
than today); money in 万元 with two decimals, rates with one. An area with nothing in the period
says so plainly; nothing claims progress the figures don't show.
"""

from __future__ import annotations


import cn2an
from pathlib import Path

from ...core.figures import catalogue as F
from ...core.figures import highlights
from ...core.figures.base import NOT_ENABLED
from ...core.store.connection import Store
from ...core.values import dates
from .summary_words import Wording, list_phrase, pct, wan

FONT = "仿宋"
TITLE_FONT = "方正小标宋简体"
HEADING_FONT = "黑体"
LINE = 28.95  # pt: 22 lines in the 225 mm type area
PLACEHOLDERS = (("存在问题", "（请在此填写工作中存在的主要问题。）"),
                ("下一步打算", "（请在此填写下一步的工作思路和主要措施。）"))


def write_summary_docx(store: Store, period: F.Period, out: str | Path) -> Path:
    from docx import Document

    now, last = F.compare(store, period)
    w = Wording(period, now, last)
    doc = Document()
    _page(doc)
    office = now.get("office.name") or store.get_setting("office_name", "") or "街道总工会"
    _title(doc, f"{office}{period.label}工作总结")
    district = now.get("district.name") or "上级工会"
    _para(doc, f"{w.span_intro}，{office}在{district}和街道党工委的领导下，围绕街道中心工作，履行维护职工合法权益的"
               f"基本职责。现将{period.label}工作情况总结如下：")
    sections = [("基本情况", _basics(w)), ("组织建设", _organising(store, w)), ("维权", _rights(w)),
                ("帮扶", _hardship(w) + _assistance(store, w)), ("活动", _activities(store, w)),
                ("工会经费", _fees(w)), ("互助保障", _mutual_aid(w))]
    number = 0
    for number, (heading, sentences) in enumerate(sections, start=1):
        _heading(doc, f"{_cn_number(number)}、{heading}")
        for s in sentences:
            _para(doc, s)
    for heading, hint in PLACEHOLDERS:
        number += 1
        _heading(doc, f"{_cn_number(number)}、{heading}")
        _para(doc, hint, hint=True)
    _para(doc, "")
    _para(doc, office, right=True)
    _para(doc, dates.format_date_cn(dates.today()), right=True)
    return _save(doc, Path(out))


def _cn_number(n: int) -> str:
    return cn2an.an2cn(n)  # 十一, 十二 … once more areas report


def _missing(n: F.Figures, area: str, what: str) -> list[str] | None:
    return None if n.enabled(area) else [f"【{what}：{NOT_ENABLED}，本部分数字请手工填写。】"]


def _basics(w: Wording) -> list[str]:
    n = w.now
    return [
        f"截至{w.as_of}，辖区在册单位{n['orgs.total']}家，已建会单位{n['orgs.covered']}家（其中独立建会"
        f"{n['orgs.independent']}家、通过工联会联合建会{n['orgs.joint']}家），建会率{pct(n['orgs.unionisation_rate'])}；"
        f"现有工会联合会{n['federations.total']}个。",
        f"辖区单位职工{n['workers.total']}人（其中女职工{n['workers.women']}人、农民工{n['workers.migrant']}人），"
        f"工会会员{n['members.total']}人{w.change('members.total', '人')}，入会率{pct(n['members.membership_rate'])}。",
    ]


def _organising(store: Store, w: Wording) -> list[str]:
    n, events = w.now, highlights.org_events(store, w.period)
    parts = []
    if n["orgs.new_unions"]:
        parts.append(f"新建基层工会{n['orgs.new_unions']}家")
    if events.get("换届"):
        parts.append(f"完成基层工会换届{events['换届']}家")
    first = f"{w.span}{'，'.join(parts)}。" if parts else f"{w.span}未新建基层工会，也没有登记换届。"
    out = [first, f"{w.span}新发展会员{n['members.new']}人，减少会员{n['members.left']}人；期末会员中农民工"
                  f"{n['members.migrant']}人、女会员{n['members.women']}人。"]
    gone = [f"{kind}{events[kind]}家" for kind in ("注销", "迁出", "合并") if events.get(kind)]
    if gone:
        out.append(f"辖区单位{'、'.join(gone)}，已从在册单位中减除。")
    return out


def _rights(w: Wording) -> list[str]:
    n = w.now
    signed = [(n[f"contracts.{k}.signed"], n[f"contracts.{k}.workers"], label) for k, label in
              (("collective", "集体合同"), ("wage", "工资专项集体合同"), ("women", "女职工权益保护专项集体合同"))
              if n.get(f"contracts.{k}.signed")]
    if signed:
        parts = "，".join(f"{label}{count}份、覆盖职工{workers}人" for count, workers, label in signed)
        out = [f"推进集体协商，{w.span}签订{parts}；期末有效集体合同{n['contracts.collective.in_force']}份，"
               f"覆盖职工{n['contracts.collective.in_force_workers']}人。"]
    else:
        out = [f"{w.span}未新签集体合同；期末有效集体合同{n['contracts.collective.in_force']}份，"
               f"覆盖职工{n['contracts.collective.in_force_workers']}人。"]
    return out + (_missing(n, "disputes", "劳动争议台账") or _disputes(w))


def _disputes(w: Wording) -> list[str]:
    n = w.now
    if not n.get("disputes.received"):
        return [f"{w.span}未受理劳动争议案件。"]
    kinds = list_phrase(n.breakdown("disputes.by_kind"), "件")
    out = [f"{w.span}受理劳动争议{n['disputes.received']}件{w.change('disputes.received', '件')}（其中集体争议"
           f"{n['disputes.collective']}件），涉及职工{n['disputes.workers']}人、金额{wan(n['disputes.amount'])}。"
           f"按类型分：{kinds}。"]
    if n["disputes.mediated"]:
        out.append(f"调处{n['disputes.mediated']}件，其中调解成功{n['disputes.succeeded']}件，调处率"
                   f"{pct(n['disputes.mediation_rate'])}，调解成功率{pct(n['disputes.success_rate'])}"
                   + (f"，为职工追回{wan(n['disputes.recovered'])}。" if n["disputes.recovered"] else "。"))
    else:
        out.append("受理的案件尚无调解结果。")
    return out


def _hardship(w: Wording) -> list[str]:
    n = w.now
    missing = _missing(n, "hardship", "困难职工档案")
    if missing:
        return missing
    levels = list_phrase({f"{k}级": v for k, v in n.breakdown("hardship.by_level").items()}, "户")
    return [f"期末在档困难职工{n['hardship.on_file']}户" + (f"（{levels}）" if levels else "") +
            f"；{w.span}新建档{n['hardship.new']}户，脱困{n['hardship.lifted']}户，撤档{n['hardship.withdrawn']}户。"]


def _assistance(store: Store, w: Wording) -> list[str]:
    n = w.now
    missing = _missing(n, "assistance", "帮扶慰问")
    if missing:
        return missing
    if not n.get("assistance.count"):
        return [f"{w.span}暂无已发放的帮扶慰问记录。"]
    goods = f"，发放实物折价{wan(n['assistance.goods_value'])}" if n.get("assistance.goods_value") else ""
    out = [f"{w.span}开展帮扶慰问{n['assistance.count']}人次（{n['assistance.people']}人），发放慰问金"
           f"{wan(n['assistance.amount'])}{goods}{w.change('assistance.amount', '', money=True)}。"]
    named = [f"“{c['name']}”慰问{c['count']}人次、{wan(c['amount'])}" if not c["name"].startswith(highlights.SINGLE)
             else f"{c['name']}{c['count']}人次、{wan(c['amount'])}" for c in highlights.campaigns(store, w.period)]
    if named:
        out.append(f"其中：{'；'.join(named)}。")
    return out


def _activities(store: Store, w: Wording) -> list[str]:
    n = w.now
    missing = _missing(n, "activities", "活动日历")
    if missing:
        return missing
    if not n.get("activities.held"):
        return [f"{w.span}暂无已举办的活动记录。"]
    kinds = list_phrase(n.breakdown("activities.by_kind"), "次")
    out = [f"{w.span}举办各类职工活动{n['activities.held']}次，参加职工{n['activities.headcount']}人次"
           f"{w.change('activities.headcount', '人次')}" + (f"，其中{kinds}。" if kinds else "。")]
    main = [f"{a['title']}（{a['headcount']}人次）" for a in highlights.main_activities(store, w.period)]
    if main:
        out.append(f"主要活动有：{'、'.join(main)}。")
    return out


def _fees(w: Wording) -> list[str]:
    n = w.now
    missing = _missing(n, "fees", "工会经费")
    if missing:
        return missing
    if not n.get("fees.orgs") and not n.get("fees.exempt"):
        return [f"{w.span}暂无工会经费计提记录。"]
    out = [f"{w.span}有{n['fees.orgs']}家单位计提工会经费{wan(n['fees.due'])}，实缴{wan(n['fees.paid'])}"
           f"{w.change('fees.due', '', money=True)}；上缴区总{wan(n['fees.district'])}，"
           f"上解街道总工会{wan(n['fees.street'])}。"]
    if n.get("fees.exempt"):
        out[0] += f"另有{n['fees.exempt']}家单位申请免交。"
    if n.get("fees.tax_orgs"):
        out.append(f"实现工会经费税务代收的单位{n['fees.tax_orgs']}家，{w.span}新增{n['fees.tax_new']}家。")
    return out


def _mutual_aid(w: Wording) -> list[str]:
    n = w.now
    missing = _missing(n, "mutual_aid", "互助保障")
    if missing:
        return missing
    if not n.get("mutual_aid.enrolled"):
        return [f"{w.span}暂无职工医疗互助保障参保记录。"]
    plans = list_phrase(n.breakdown("mutual_aid.by_plan"), "人")
    out = [f"职工医疗互助保障参保人数达到{n['mutual_aid.enrolled']}人（{plans}），共有{n['mutual_aid.orgs']}家单位参保，"
           f"其中{n['mutual_aid.whole_orgs']}家全员参保。"]
    if n.get("mutual_aid.ankang_shares"):
        out[0] += f"完成女职工安康计划{n['mutual_aid.ankang_shares']}份。"
    if n.get("mutual_aid.claims"):
        out.append(f"协助职工申领互助金{n['mutual_aid.claims']}人次，给付{wan(n['mutual_aid.claimed'])}。")
    return out


# ------------------------------------------------------------------ docx plumbing


def _page(doc) -> None:
    from docx.enum.text import WD_LINE_SPACING
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(20)
    style = doc.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(16)  # 三号
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    fmt = style.paragraph_format
    fmt.line_spacing_rule, fmt.line_spacing = WD_LINE_SPACING.EXACTLY, Pt(LINE)
    fmt.space_before = fmt.space_after = Pt(0)
    _page_number(section.footer.paragraphs[0])


def _page_number(p) -> None:
    """— 1 — centred, 4号宋体 (a PAGE field Word and WPS fill in)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for text, field in (("— ", False), ("PAGE", True), (" —", False)):
        run = p.add_run()
        run.font.size = Pt(14)
        _run_font(run, "宋体")
        if field:
            for kind in ("begin", None, "end"):
                if kind is None:
                    instr = OxmlElement("w:instrText")
                    instr.set(qn("xml:space"), "preserve")
                    instr.text = " PAGE "
                    run._r.append(instr)
                else:
                    char = OxmlElement("w:fldChar")
                    char.set(qn("w:fldCharType"), kind)
                    run._r.append(char)
        else:
            run.text = text


def _run_font(run, name: str) -> None:
    from docx.oxml.ns import qn

    run.font.name = name
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)


def _title(doc, text: str) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.space_after = Pt(LINE)  # one blank line under the title
    run = p.add_run(text)
    run.font.size = Pt(22)  # 二号
    _run_font(run, TITLE_FONT)


def _heading(doc, text: str) -> None:
    from docx.shared import Pt

    p = doc.add_paragraph()
    p.paragraph_format.first_line_indent = Pt(32)
    p.paragraph_format.keep_with_next = True
    _run_font(p.add_run(text), HEADING_FONT)


def _para(doc, text: str, *, hint: bool = False, right: bool = False) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt, RGBColor

    p = doc.add_paragraph()
    if right:
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        p.paragraph_format.right_indent = Pt(64)  # 右空四字, as the signature is placed
    else:
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        p.paragraph_format.first_line_indent = Pt(32)  # two characters
    run = p.add_run(text)
    if hint:
        run.font.color.rgb = RGBColor(0x80, 0x80, 0x80)


def _save(doc, out: Path) -> Path:
    """Write beside the target, then move into place: never a half-written document, created 0600."""
    from ...core.store.outfile import staged_output

    with staged_output(out) as tmp:
        doc.save(tmp)
    return out

