"""A district form asking for the seed's other figures (三有, 覆盖企业, 工人先锋号, 实现就业, 服务卡, 募集金额)
is filled from the demo office with no hand edits, and agrees with the period figures."""

from __future__ import annotations

import datetime

from openpyxl import Workbook, load_workbook

from unionoffice import cli
from unionoffice.core.demo.office import generate_demo
from unionoffice.core.figures import catalogue as F
from unionoffice.core.store.connection import Store

FORM = {
    "B2": "{{三有工会数}}", "B3": "{{集体合同覆盖单位数}}", "B4": "{{厂务公开建制率}}", "B5": "{{区级荣誉.工人先锋号}}",
    "B6": "{{竞赛前三名人次}}", "B7": "{{提供就业岗位数}}", "B8": "{{实现就业人数}}", "B9": "{{培训人数.农民工}}",
    "B10": "{{采集信息人数}}", "B11": "{{累计制卡人数}}", "B12": "{{募集金额}}", "B13": "{{规范化等级.示范}}",
    "A14": "今年采集信息{{采集信息人数}}人，制卡{{制卡人数}}人，现已累计采集信息{{累计采集信息人数}}人，制卡{{累计制卡人数}}人",
}


def test_district_form_with_the_new_figures_is_filled(tmp_path):
    db = tmp_path / "demo.db"
    with Store.open(db, create=True) as store:
        generate_demo(store, members=300, seed=3, today=datetime.date(2026, 11, 24))
        f = F.compute(store, F.year(2026))
    template = tmp_path / "区总表.xlsx"
    wb = Workbook()
    for ref, text in FORM.items():
        wb.active[ref] = text
    wb.save(template)
    out = tmp_path / "填好.xlsx"
    assert cli.main(["return", "--db", str(db), "--year", "2026", "--out", str(out), "--template", str(template)]) == 0
    ws = load_workbook(out).active
    assert ws["B2"].value == f["standing.three_have"] and ws["B3"].value == f["standing.contract_orgs"]
    assert abs(ws["B4"].value - f["standing.open_affairs_rate"]) < 1e-9
    assert ws["B5"].value == f["honours.district.工人先锋号"] > 0
    assert ws["B7"].value == f["employment.fair_positions"] > 0
    assert ws["B9"].value == f["employment.trainees_by_target.农民工"] > 0
    assert ws["B11"].value == f["cards.made_total"] > 0
    assert round(ws["B12"].value * 100) == f["fundraising.raised"] > 0
    assert ws["A14"].value == (f"今年采集信息{f['cards.collected']}人，制卡{f['cards.made']}人，现已累计采集信息"
                               f"{f['cards.collected_total']}人，制卡{f['cards.made_total']}人")
    assert all("{{" not in str(c.value) for row in ws.iter_rows() for c in row if c.value is not None)
