"""Build the shipped default district return template ``district_return.xlsx``.

Run from the project root after changing the layout:
    .venv/bin/python resources/templates/make_default_return.py
Cells hold placeholders ({{…}}) that ``unionoffice return`` fills; see README “报表占位符”.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

HERE = Path(__file__).resolve().parent
OUT = HERE / "district_return.xlsx"

# (section, [(item, unit, placeholder)])
SECTIONS = [
    ("一、组织建设", [
        ("单位数（不含工联会）", "个", "orgs.total"), ("已建会单位数", "个", "orgs.covered"),
        ("  其中：独立建会", "个", "orgs.independent"), ("        联合建会", "个", "orgs.joint"),
        ("建会率", "%", "建会率"), ("本期新建工会", "个", "orgs.new_unions"),
        ("工会联合会（工联会）", "个", "federations.total"),
        ("职工人数", "人", "workers.total"), ("  其中：女职工", "人", "workers.women"),
        ("        农民工", "人", "workers.migrant"),
        ("会员人数（期末）", "人", "members.total"), ("入会率", "%", "入会率"),
        ("本期新入会会员", "人", "members.new"), ("本期减少会员", "人", "members.left"),
        ("农民工会员", "人", "members.migrant"), ("女会员", "人", "members.women"),
        ("本期签订集体合同", "份", "contracts.collective.signed"),
        ("  覆盖职工", "人", "contracts.collective.workers"),
        ("本期签订工资专项集体合同", "份", "contracts.wage.signed"),
        ("本期签订女职工专项集体合同", "份", "contracts.women.signed"),
        ("期末有效集体合同", "份", "contracts.collective.in_force"),
        ("  覆盖职工", "人", "contracts.collective.in_force_workers"),
    ]),
    ("二、维权（劳动争议调处）", [
        ("受理劳动争议", "件", "disputes.received"), ("  其中：集体争议", "件", "disputes.collective"),
        ("涉及职工", "人", "disputes.workers"), ("涉及金额", "元", "disputes.amount"),
        ("调处", "件", "disputes.mediated"), ("调解成功", "件", "disputes.succeeded"),
        ("调处率", "%", "调处率"), ("调解成功率", "%", "调解成功率"), ("追回金额", "元", "disputes.recovered"),
        ("  劳动报酬/欠薪", "件", "争议件数.劳动报酬/欠薪"), ("  劳动合同", "件", "争议件数.劳动合同"),
        ("  社会保险", "件", "争议件数.社会保险"), ("  工伤", "件", "争议件数.工伤"),
        ("  解除/终止", "件", "争议件数.解除/终止"), ("  工时休假", "件", "争议件数.工时休假"),
        ("  其他", "件", "争议件数.其他"),
    ]),
    ("三、困难职工帮扶", [
        ("期末在档困难职工", "户", "hardship.on_file"), ("  其中：市级", "户", "hardship.by_level.市"),
        ("        区级", "户", "hardship.by_level.区"), ("        街道级", "户", "hardship.by_level.街道"),
        ("本期新建档", "户", "hardship.new"), ("本期脱困", "户", "hardship.lifted"),
        ("本期撤档", "户", "hardship.withdrawn"),
        ("帮扶慰问", "人次", "assistance.count"), ("帮扶慰问人数", "人", "assistance.people"),
        ("发放慰问金", "元", "assistance.amount"), ("实物折价", "元", "assistance.goods_value"),
        ("  元旦春节送温暖", "元", "帮扶金额.元旦春节送温暖"), ("  金秋助学", "元", "帮扶金额.金秋助学"),
        ("  夏送清凉", "元", "帮扶金额.夏送清凉"), ("  大病救助", "元", "帮扶金额.大病救助"),
        ("  生病住院慰问", "元", "帮扶金额.生病住院慰问"), ("  临时救助", "元", "帮扶金额.临时救助"),
        ("  劳模慰问", "元", "帮扶金额.劳模慰问"), ("  其他", "元", "帮扶金额.其他"),
        ("资金来源：市总", "元", "资金来源金额.市总"), ("          区总", "元", "资金来源金额.区总"),
        ("          街道总工会", "元", "资金来源金额.街道总工会"), ("          企业", "元", "资金来源金额.企业"),
        ("          社会捐赠", "元", "资金来源金额.社会捐赠"),
    ]),
    ("四、职工活动", [
        ("举办活动", "次", "activities.held"), ("参加活动", "人次", "activities.headcount"),
    ]),
]

THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEAD_FILL = PatternFill("solid", fgColor="D9E1F2")
SECTION_FILL = PatternFill("solid", fgColor="F2F2F2")
FONT = "宋体"


def build(path: Path = OUT) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "工会工作统计表"
    ws.merge_cells("A1:D1")
    ws["A1"] = "{{office.name}}{{period.label}}工作统计表"
    ws["A1"].font = Font(name=FONT, size=16, bold=True)
    ws["A1"].alignment = Alignment(horizontal="center", vertical="center")
    ws.row_dimensions[1].height = 30
    ws.merge_cells("A2:D2")
    ws["A2"] = "统计期间：{{period.label}}（{{period.from}} 至 {{period.to}}）    报送：{{district.name}}"
    ws["A2"].font = Font(name=FONT, size=10)
    ws["A2"].alignment = Alignment(horizontal="center")
    for col, text in zip("ABCD", ("序号", "项  目", "计量单位", "数  值")):
        cell = ws[f"{col}3"]
        cell.value, cell.font, cell.fill, cell.border = text, Font(name=FONT, bold=True), HEAD_FILL, BOX
        cell.alignment = Alignment(horizontal="center", vertical="center")
    row, seq = 4, 0
    for section, items in SECTIONS:
        ws.merge_cells(f"A{row}:D{row}")
        ws[f"A{row}"] = section
        ws[f"A{row}"].font = Font(name=FONT, bold=True)
        for col in "ABCD":
            ws[f"{col}{row}"].fill, ws[f"{col}{row}"].border = SECTION_FILL, BOX
        row += 1
        for item, unit, key in items:
            seq += 1
            values = (seq, item, unit, "{{" + key + "}}")
            for col, value in zip("ABCD", values):
                cell = ws[f"{col}{row}"]
                cell.value, cell.border, cell.font = value, BOX, Font(name=FONT)
                cell.alignment = Alignment(horizontal="left" if col == "B" else "center")
            ws[f"D{row}"].alignment = Alignment(horizontal="right")
            ws[f"D{row}"].number_format = {"%": "0.00%", "元": "#,##0.00"}.get(unit, "0")
            row += 1
    row += 1
    ws[f"A{row}"] = "填报单位（盖章）：{{office.name}}        填报人：__________        审核人：__________        填报日期：____年__月__日"
    ws[f"A{row}"].font = Font(name=FONT, size=10)
    for col, width in zip("ABCD", (7, 38, 10, 18)):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = "A4"
    ws.print_title_rows = "3:3"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    wb.save(path)
    return path


if __name__ == "__main__":
    print(build())
