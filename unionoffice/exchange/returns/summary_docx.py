"""The drafted 工作总结 (work summary) as a Word document: the usual sections (一、组织建设
二、维权 三、帮扶 四、活动 五、存在的问题和下一步打算) with the period's figures written into
sentences, for the clerk to finish in Word or WPS.
"""

from __future__ import annotations

from pathlib import Path

from ...core.values import dates
from ...core.figures import catalogue as F
from ...core.figures.base import NOT_ENABLED
from ...core.store.connection import Store
from .summary_words import change_phrase, list_phrase

FONT = "仿宋"
TITLE_FONT = "方正小标宋简体"
TODO = "（请在此补充本期重点工作、典型事例和经验做法。）"


def write_summary_docx(store: Store, period: F.Period, out: str | Path) -> Path:
    from docx import Document

    now, last = F.compare(store, period)
    doc = Document()
    _styles(doc)
    office = now.get("office.name") or store.get_setting("office_name", "") or "街道总工会"
    _title(doc, f"{office}{period.label}工作总结")
    _para(doc, f"{period.label}，{office}在上级工会和街道党工委的领导下，围绕中心、服务大局，"
               "认真履行维护职工合法权益的基本职责，各项工作取得新进展。现将有关情况总结如下：")
    for number, (heading, sentences) in enumerate(_sections(now, last)):
        _heading(doc, f"{'一二三四五六'[number]}、{heading}")
        for s in sentences:
            _para(doc, s)
        _para(doc, TODO, hint=True)
    _heading(doc, "五、存在的问题和下一步打算")
    _para(doc, "（请在此填写存在的问题和下一步工作打算。）", hint=True)
    _para(doc, "")
    _para(doc, office, right=True)
    _para(doc, dates.format_date_cn(dates.today()), right=True)
    from ...core.outfile import staged_output

    out = Path(out)
    with staged_output(out) as tmp:
        doc.save(tmp)
    return out


def _sections(now: F.Figures, last: F.Figures) -> list[tuple[str, list[str]]]:
    return [("组织建设", _orgs(now, last)), ("维权", _disputes(now, last)),
            ("帮扶", _hardship(now, last) + _assistance(now, last)), ("活动", _activities(now, last))]


def _missing(now: F.Figures, area: str, what: str) -> list[str] | None:
    if now.enabled(area):
        return None
    return [f"【{what}：{NOT_ENABLED}，本部分数字请手工填写。】"]


def _orgs(n: F.Figures, last: F.Figures) -> list[str]:
    end = dates.format_date_cn(n.period.end)
    t = n.text
    out = [
        f"截至{end}，辖区在册单位{t('orgs.total')}家，已建会单位{t('orgs.covered')}家（其中独立建会"
        f"{t('orgs.independent')}家、通过工联会联合建会{t('orgs.joint')}家），建会率{t('orgs.unionisation_rate')}；"
        f"现有工会联合会{t('federations.total')}个。",
        f"辖区单位职工{t('workers.total')}人，会员{t('members.total')}人，入会率{t('members.membership_rate')}"
        f"{change_phrase(n, last, 'members.total', '人', '会员人数')}。本期新发展会员{t('members.new')}人，"
        f"减少会员{t('members.left')}人；会员中农民工{t('members.migrant')}人、女性{t('members.women')}人。",
    ]
    if n.get("orgs.new_unions"):
        out[0] += f"本期新建基层工会{t('orgs.new_unions')}家。"
    signed = [(t(f"contracts.{k}.signed"), t(f"contracts.{k}.workers"), label) for k, label in
              (("collective", "集体合同"), ("wage", "工资专项集体合同"), ("women", "女职工权益保护专项集体合同"))
              if n.get(f"contracts.{k}.signed")]
    if signed:
        parts = "，".join(f"{label}{count}份、覆盖职工{w}人" for count, w, label in signed)
        out.append(f"推进集体协商，本期签订{parts}；期末有效集体合同{t('contracts.collective.in_force')}份，"
                   f"覆盖职工{t('contracts.collective.in_force_workers')}人。")
    else:
        out.append(f"本期未新签集体合同；期末有效集体合同{t('contracts.collective.in_force')}份，"
                   f"覆盖职工{t('contracts.collective.in_force_workers')}人。")
    return out


def _disputes(n: F.Figures, last: F.Figures) -> list[str]:
    missing = _missing(n, "disputes", "劳动争议台账")
    if missing:
        return missing
    t = n.text
    if not n.get("disputes.received"):
        return ["本期未受理劳动争议案件。"]
    kinds = list_phrase(n.breakdown("disputes.by_kind"), "件")
    return [
        f"本期共受理劳动争议{t('disputes.received')}件{change_phrase(n, last, 'disputes.received', '件', '')}"
        f"（其中集体争议{t('disputes.collective')}件），涉及职工{t('disputes.workers')}人、"
        f"金额{t('disputes.amount')}。按类型分：{kinds}。",
        f"调处{t('disputes.mediated')}件，其中调解成功{t('disputes.succeeded')}件，调处率{t('disputes.mediation_rate')}，"
        f"调解成功率{t('disputes.success_rate')}，为职工追回{t('disputes.recovered')}。",
    ]


def _hardship(n: F.Figures, last: F.Figures) -> list[str]:
    missing = _missing(n, "hardship", "困难职工档案")
    if missing:
        return missing
    t = n.text
    levels = list_phrase({f"{k}级": v for k, v in n.breakdown("hardship.by_level").items()}, "户")
    return [f"期末在档困难职工{t('hardship.on_file')}户（{levels or '无'}）；本期新建档{t('hardship.new')}户，"
            f"脱困{t('hardship.lifted')}户，撤档{t('hardship.withdrawn')}户。"]


def _assistance(n: F.Figures, last: F.Figures) -> list[str]:
    missing = _missing(n, "assistance", "帮扶慰问")
    if missing:
        return missing
    t = n.text
    if not n.get("assistance.count"):
        return ["本期暂无已发放的帮扶慰问记录。"]
    kinds = list_phrase(n.breakdown("assistance.amount_by_kind"), "元", money=True)
    sources = list_phrase(n.breakdown("assistance.amount_by_source"), "元", money=True)
    goods = f"，发放实物折价{t('assistance.goods_value')}" if n.get("assistance.goods_value") else ""
    return [f"开展帮扶慰问{t('assistance.count')}人次（{t('assistance.people')}人），发放慰问金{t('assistance.amount')}"
            f"{goods}{change_phrase(n, last, 'assistance.amount', '元', '慰问金', money=True)}。"
            f"其中{kinds}。资金来源：{sources}。"]


def _activities(n: F.Figures, last: F.Figures) -> list[str]:
    missing = _missing(n, "activities", "活动日历")
    if missing:
        return missing
    t = n.text
    if not n.get("activities.held"):
        return ["本期暂无已举办的活动记录。"]
    kinds = list_phrase(n.breakdown("activities.by_kind"), "次")
    return [f"本期举办各类职工活动{t('activities.held')}次，参加职工{t('activities.headcount')}人次"
            f"{change_phrase(n, last, 'activities.headcount', '人次', '参加人次')}，其中{kinds}。"]


# ------------------------------------------------------------------ docx plumbing


def _styles(doc) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    style = doc.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(16)  # 三号, as official documents are written
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)


def _run_font(run, name: str) -> None:
    from docx.oxml.ns import qn

    run.font.name = name
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)


def _title(doc, text: str) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run(text)
    run.font.size, run.bold = Pt(22), True
    _run_font(run, TITLE_FONT)


def _heading(doc, text: str) -> None:
    p = doc.add_paragraph()
    p.paragraph_format.first_line_indent = None
    run = p.add_run(text)
    _run_font(run, "黑体")


def _para(doc, text: str, *, hint: bool = False, right: bool = False) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt, RGBColor

    p = doc.add_paragraph()
    if right:
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    else:
        p.paragraph_format.first_line_indent = Pt(32)  # two characters
    run = p.add_run(text)
    if hint:
        run.font.color.rgb = RGBColor(0x80, 0x80, 0x80)
