"""The fee and mutual-aid figures recounted from their exports: a clerk who sums the exported
台账 and 参保名单 in Excel gets the figures the report and the district return show."""

import datetime as dt
from collections import Counter
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from unionoffice.core.demo.office import generate_demo
from unionoffice.core.figures import catalogue as F
from unionoffice.exchange.exports.fees import export_fee_ledger
from unionoffice.exchange.exports.mutual_aid import export_claims, export_enrolments, export_summary

TODAY = dt.date(2026, 10, 20)


@pytest.fixture
def demo(store):
    generate_demo(store, members=400, seed=7, today=TODAY)
    return store


def rows_of(path):
    ws = load_workbook(path).active
    values = list(ws.iter_rows(min_row=2, values_only=True))
    header = values[0]
    return [dict(zip(header, r)) for r in values[1:]]


def fen(value) -> int:
    return int((Decimal(str(value or 0)) * 100).to_integral_value())


def test_fee_figures_recount_from_the_ledger_export(demo, tmp_path):
    out = tmp_path / "台账.xlsx"
    export_fee_ledger(demo, out, "2026")
    rows = rows_of(out)
    total, lines = rows[-1], rows[:-1]
    assert total["单位名称"] == "合计"
    f = F.compute(demo, F.year(2026))
    assert f["fees.due"] == sum(fen(r["计提/应缴（元）"]) for r in lines) == fen(total["计提/应缴（元）"])
    assert f["fees.paid"] == sum(fen(r["实缴（元）"]) for r in lines)
    assert f["fees.district"] == sum(fen(r["上缴区总（元）"]) for r in lines)
    assert f["fees.street"] == sum(fen(r["上解街道（元）"]) for r in lines)
    assert f["fees.retained"] == sum(fen(r["留存（元）"]) for r in lines)
    status = Counter(r["状态"] for r in lines)
    assert (f["fees.exempt"], f["fees.deferred"], f["fees.arrears"]) == (status["免交"], status["缓交"], status["欠缴"])
    assert f["fees.orgs"] == sum(1 for r in lines if r["所属期"] and r["免缓交"] != "免交")
    assert f["fees.tax_orgs"] == sum(1 for r in lines if "税务代收" in (r["缴纳方式"] or "") and fen(r["实缴（元）"]))
    assert f["fees.exempt"] > 0 and f["fees.arrears"] > 0 and f["fees.tax_orgs"] > 0  # the demo has them all


def test_mutual_aid_figures_recount_from_the_exports(demo, tmp_path):
    export_enrolments(demo, tmp_path / "名单.xlsx", 2026)
    export_claims(demo, tmp_path / "给付.xlsx", "2026-01-01", "2026-12-31")
    export_summary(demo, tmp_path / "汇总.xlsx", 2026)
    rows, claims = rows_of(tmp_path / "名单.xlsx"), rows_of(tmp_path / "给付.xlsx")
    f = F.compute(demo, F.year(2026))
    assert f["mutual_aid.enrolled"] == len(rows)
    assert f["mutual_aid.people"] == len({r["身份证号"] for r in rows})
    assert f["mutual_aid.orgs"] == len({r["单位"] for r in rows})
    assert f["mutual_aid.premium"] == sum(fen(r["保费（元）"]) for r in rows)
    assert f["mutual_aid.ankang_shares"] == sum(r["份数"] for r in rows if "安康" in r["参保项目"])
    assert f["mutual_aid.to_add"] == len({r["身份证号"] for r in rows if r["会员名册"] == "待补录"})
    assert f.breakdown("mutual_aid.by_plan") == dict(Counter(r["参保项目"] for r in rows))
    assert (f["mutual_aid.claims"], f["mutual_aid.claimed"]) == (len(claims), sum(fen(c["给付金额（元）"]) for c in claims))
    summary = rows_of(tmp_path / "汇总.xlsx")
    assert sum(r["参保人数"] for r in summary) == f["mutual_aid.enrolled"]
    assert f["mutual_aid.whole_orgs"] > 0 and f["mutual_aid.claims"] > 0


def test_a_district_form_asking_for_fee_and_cover_figures_is_filled(demo, tmp_path):
    from openpyxl import Workbook

    from unionoffice.exchange.returns.district import fill_return

    wb = Workbook()
    ws = wb.active
    asked = ["工会经费计提", "上缴经费", "上解街道", "免交单位数", "实现税务代收企业数", "参保人数", "参保单位",
             "全员参保", "安康保险", "互助金给付", "参保人数.在职住院"]
    for n, name in enumerate(asked, start=1):
        ws.cell(n, 1, name)
        ws.cell(n, 2, f"{{{{{name}}}}}")
    template = tmp_path / "区总表.xlsx"
    wb.save(template)
    fill_return(demo, F.year(2026), tmp_path / "填好.xlsx", template)
    filled = {r[0]: r[1] for r in load_workbook(tmp_path / "填好.xlsx").active.iter_rows(values_only=True)}
    f = F.compute(demo, F.year(2026))
    assert fen(filled["工会经费计提"]) == f["fees.due"] and fen(filled["上缴经费"]) == f["fees.district"]
    assert filled["参保人数"] == f["mutual_aid.enrolled"] and filled["安康保险"] == f["mutual_aid.ankang_shares"]
    assert filled["参保人数.在职住院"] == f["mutual_aid.by_plan.在职住院"]
    assert filled["全员参保"] == f["mutual_aid.whole_orgs"] and fen(filled["互助金给付"]) == f["mutual_aid.claimed"]


def test_the_work_summary_tells_the_fee_and_cover_figures(demo, tmp_path):
    from docx import Document

    from unionoffice.exchange.returns.summary_docx import write_summary_docx

    out = write_summary_docx(demo, F.year(2026), tmp_path / "总结.docx")
    body = "\n".join(p.text for p in Document(str(out)).paragraphs)
    f = F.compute(demo, F.year(2026))
    from unionoffice.exchange.returns.summary_words import wan

    assert f"计提工会经费{wan(f['fees.due'])}" in body and f"另有{f['fees.exempt']}家单位申请免交" in body
    assert f"职工医疗互助保障参保人数达到{f['mutual_aid.enrolled']}人" in body
    assert f"其中{f['mutual_aid.whole_orgs']}家全员参保" in body
