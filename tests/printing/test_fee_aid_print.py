"""Printed 工会经费收缴台账, 催缴通知书, 参保名单 and 参保汇总表: A4, embedded CJK font, totals in figures
and in capitals."""

import shutil
import subprocess

import pytest

from unionoffice import cli
from unionoffice.core.errors import UserError
from unionoffice.core.fees import records as fees
from unionoffice.core.members.records import create_member
from unionoffice.core.mutual_aid import records as aid
from unionoffice.core.orgs.records import create_org
from unionoffice.core.values.ids import make_id_number
from unionoffice.printing.fees import write_ledger, write_notices
from unionoffice.printing.mutual_aid import write_enrolment_list, write_summary
import datetime as dt

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils missing")


def pdf_text(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def pdf_info(path) -> str:
    return subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout


def pdf_fonts(path) -> str:
    return subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout


@pytest.fixture
def office(store):
    store.set_setting("office_name", "东湖街道总工会")
    a = create_org(store, {"name": "深圳市甲科技有限公司", "workers": 40, "union_mode": "独立建会",
                           "union_name": "深圳市甲科技有限公司工会委员会"})
    b = create_org(store, {"name": "深圳市乙商贸有限公司", "workers": 12, "union_mode": "联合建会"})
    r = fees.save_fee_record(store, {"org_id": a, "period": "2026", "payroll": "500000"})
    fees.add_payment(store, r, "2026-05-01", "10000", "自行拨缴")
    fees.save_fee_record(store, {"org_id": b, "period": "2026", "payroll": "60000"})
    plan = aid.save_plan(store, {"year": 2026, "name": "在职住院", "premium": "60"})
    for i, name in enumerate(("张三", "李四")):
        create_member(store, {"name": name, "id_number": make_id_number("440303", dt.date(1980, 1, 1 + i), 11 + i),
                              "org_id": a})
    aid.enrol_whole_org(store, plan, a, "2026-01-05")
    return a, b


@needs_poppler
def test_ledger_is_a4_landscape_with_totals_in_capitals(store, office, tmp_path):
    result = write_ledger(store, tmp_path / "台账.pdf", "2026")
    text = pdf_text(result.path)
    assert "东湖街道总工会工会经费收缴台账" in text and "2026年" in text
    assert "深圳市甲科技有限公司" in text and "深圳市乙商贸有限公司" in text
    assert "11,200.00" in text and "壹万壹仟贰佰元整" in text  # 应缴 10,000 + 1,200
    assert "欠缴 1 家" in text
    assert "841.89 x 595.276 pts (A4)" in pdf_info(result.path)  # landscape
    fonts = pdf_fonts(result.path).splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts)  # every font embedded


@needs_poppler
def test_notices_one_page_per_org_in_arrears(store, office, tmp_path):
    a, b = office
    result = write_notices(store, tmp_path / "催缴.pdf", "2026")
    text = pdf_text(result.path)
    assert result.pages == 1 and "工会经费催缴通知书" in text and "深圳市乙商贸有限公司工会" in text
    assert "1,200.00" in text and "壹仟贰佰元整" in text
    with pytest.raises(UserError, match="没有欠缴"):
        write_notices(store, tmp_path / "甲.pdf", "2026", a)


@needs_poppler
def test_enrolment_list_and_summary(store, office, tmp_path):
    text = pdf_text(write_enrolment_list(store, tmp_path / "名单.pdf", 2026).path)
    assert "参保名单" in text and "张三" in text and "合计" in text and "壹佰贰拾元整" in text
    assert "11010" not in text and "********" in text  # IDs masked on paper
    summary = pdf_text(write_summary(store, tmp_path / "汇总.pdf", 2026).path)
    assert "在职住院" in summary and "全员参保单位 1 家" in summary
    with pytest.raises(UserError, match="没有参保记录"):
        write_enrolment_list(store, tmp_path / "空.pdf", 2025)


def test_cli_prints_and_exports(store, office, tmp_path, capsys):
    db = str(store.path)
    store.close()
    for args in (["fees", "ledger", "--period", "2026", "--out", str(tmp_path / "a.pdf")],
                 ["fees", "ledger", "--period", "2026", "--out", str(tmp_path / "a.xlsx")],
                 ["fees", "notice", "--period", "2026", "--org", "深圳市乙商贸有限公司", "--out", str(tmp_path / "n.pdf")],
                 ["mutual-aid", "list", "--year", "2026", "--out", str(tmp_path / "l.pdf")],
                 ["mutual-aid", "summary", "--year", "2026", "--out", str(tmp_path / "s.xlsx")]):
        assert cli.main(args[:2] + ["--db", db] + args[2:]) == 0, capsys.readouterr().err
    assert cli.main(["fees", "ledger", "--db", db, "--period", "2026", "--out", str(tmp_path / "a.doc")]) == 1
    assert cli.main(["fees", "ledger", "--db", db, "--period", "明年", "--out", str(tmp_path / "a.pdf")]) == 1
    assert "所属期“明年”无法识别" in capsys.readouterr().err
    assert cli.main(["fees", "settings", "--db", db, "--large-district", "25"]) == 0
    assert "上缴区总25%" in capsys.readouterr().out
    assert cli.main(["fees", "settings", "--db", db, "--large-district", "abc"]) == 1
