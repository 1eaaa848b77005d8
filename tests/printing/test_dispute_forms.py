"""Printed dispute documents: the 调解登记表 of one case and the 台账 of a period — what is on the
paper (read back with pdftotext), the embedded font, page numbering, and the CLI."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date

import pytest

from unionoffice.cli import main
from unionoffice.core.values import dates
from unionoffice.core.disputes import records as disputes
from unionoffice.core.errors import UserError
from unionoffice.printing.dispute_forms import write_case_form, write_register

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler's pdftotext")


def pdf_text(path) -> str:
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True).stdout
    return out.decode("utf-8")


def pages(path) -> list[str]:
    return [squeeze(page) for page in pdf_text(path).split("\f")[:-1]]


def squeeze(text: str) -> str:
    """pdftotext drops or adds spaces between Chinese and digits, so compare without any."""
    return "".join(text.split())


@pytest.fixture(autouse=True)
def frozen_today(monkeypatch):
    monkeypatch.setattr(dates, "today", lambda: date(2026, 11, 24))


def closed_group_case(store, steps=0, claim="公司拖欠十五名员工三个月工资共计十五万元。"):
    case_id = disputes.create_dispute(store, {
        "received_date": "2026-11-02", "source": "来访", "kind": "劳动报酬/欠薪", "respondent_name": "深圳市华美电子有限公司",
        "workers": 15, "amount": "150000", "claim": claim, "handler": "陈专干"},
        [{"name": "王大力", "phone": "13900001111"}, {"name": "李小红"}])
    disputes.add_step(store, case_id, "2026-11-03", "调查核实", "陈专干", "约谈企业负责人")
    for i in range(steps):
        disputes.add_step(store, case_id, "2026-11-04", "回访", "刘协理员", f"第 {i + 1} 次电话联系企业财务，催促尽快拿出还款计划")
    disputes.change_status(store, case_id, "调解中", "2026-11-05")
    disputes.change_status(store, case_id, "调解成功", "2026-11-12")
    disputes.close_dispute(store, case_id, "2026-11-20", "达成调解协议并已履行", "150000", "企业分两期付清全部欠薪")
    return case_id


def test_case_form_holds_parties_claim_steps_outcome_and_signatures(store, tmp_path):
    case_id = closed_group_case(store)
    result = write_case_form(store, tmp_path / "表.pdf", case_id)
    assert result.pages == 1
    text = squeeze(pdf_text(result.path))
    for expected in ("测试街道总工会劳动争议调解登记表", "案号：2026-0001", "受理日期：2026年11月2日", "来源：来访",
                     "劳动报酬/欠薪", "15 人（集体争议）", "150,000.00 元", "调解期限", "2026年11月17日",
                     "王大力", "139****1111", "李小红", "共涉及职工 15 人", "深圳市华美电子有限公司",
                     "公司拖欠十五名员工三个月工资", "调查核实", "约谈企业负责人", "开始调解", "调解成功",
                     "达成调解协议并已履行", "壹拾伍万元整", "企业分两期付清全部欠薪", "申请人（签字）",
                     "调解员（签字）", "调解组织（盖章）", "第 1 页 共 1 页"):
        assert squeeze(expected) in text, expected
    assert "13900001111" not in text  # phones are masked on paper


def test_the_font_is_embedded_never_a_named_cid_font(store, tmp_path):
    path = write_case_form(store, tmp_path / "表.pdf", closed_group_case(store)).path
    raw = path.read_bytes()
    assert b"/FontFile2" in raw and b"STSong" not in raw


def test_a_long_case_continues_on_numbered_pages(store, tmp_path):
    case_id = closed_group_case(store, steps=30, claim="拖欠工资。" * 300)
    result = write_case_form(store, tmp_path / "长.pdf", case_id)
    sheets = pages(result.path)
    assert result.pages == len(sheets) >= 3
    assert all(f"共{result.pages}页" in sheet for sheet in sheets)
    assert all("（续）" in sheet and "2026-0001" in sheet for sheet in sheets[1:])
    assert "调解组织（盖章）" in sheets[-1]


def test_a_deleted_case_is_not_printed(store, tmp_path):
    case_id = closed_group_case(store)
    disputes.delete_disputes(store, [case_id])
    with pytest.raises(UserError, match="找不到编号为"):
        write_case_form(store, tmp_path / "表.pdf", case_id)
    assert not (tmp_path / "表.pdf").exists()


def test_register_lists_the_period_with_totals_at_the_foot(store, tmp_path):
    closed_group_case(store)
    for day, workers, amount in (("2026-03-01", 1, "8000"), ("2026-07-15", 2, "12000.50"), ("2025-12-31", 1, "999")):
        disputes.create_dispute(store, {"received_date": day, "source": "来电", "kind": "工伤",
                                        "respondent_name": "某某餐馆", "workers": workers, "amount": amount},
                                [{"name": f"申请人{day}"}])
    result = write_register(store, tmp_path / "台账.pdf", "2026-01-01", "2026-12-31")
    assert (result.rows, result.pages) == (3, 1)
    text = pdf_text(result.path)
    assert "测试街道总工会劳动争议台账" in text and "受理期间：2026年1月1日至2026年12月31日" in text
    assert "申请人2026-03-01" in text and "申请人2025-12-31" not in text
    assert "王大力等15人" in text
    foot = next(line for line in text.splitlines() if line.strip().startswith("合计")).split()
    assert foot == ["合计", "3件", "18", "170,000.50", "150,000.00"]
    assert "调处1件，其中调解成功1件，调处率33.3%，成功率100.0%" in squeeze(text)


def test_a_long_register_repeats_its_header_on_every_page(store, tmp_path):
    for i in range(45):
        disputes.create_dispute(store, {"received_date": "2026-10-01", "source": "来访", "kind": "其他",
                                        "respondent_name": f"单位{i}", "amount": "100"}, [{"name": f"职工{i}"}])
    result = write_register(store, tmp_path / "台账.pdf", "2026-01-01", "2026-12-31")
    sheets = pages(result.path)
    assert result.pages == len(sheets) >= 2
    for n, sheet in enumerate(sheets, start=1):
        assert "案号" in sheet and "追回金额(元)" in sheet and f"第{n}页共{len(sheets)}页" in sheet
    assert "合计" in sheets[-1] and "合计" not in sheets[0]


def test_register_period_must_make_sense(store, tmp_path):
    with pytest.raises(UserError, match="结束日期不能早于开始日期"):
        write_register(store, tmp_path / "台账.pdf", "2026-12-31", "2026-01-01")


def test_cli_prints_a_form_and_a_register(store, tmp_path, capsys):
    closed_group_case(store)
    db = str(store.path)
    store.close()
    assert main(["print-dispute", "form", "--db", db, "--case", "2026-0001", "--out", str(tmp_path / "f.pdf")]) == 0
    assert main(["print-dispute", "register", "--db", db, "--from", "2026-01-01", "--to", "2026年12月31日",
                 "--out", str(tmp_path / "r.pdf")]) == 0
    assert "已生成2026年劳动争议台账（1 件，1 页）" in capsys.readouterr().out
    assert main(["print-dispute", "form", "--db", db, "--case", "2026-0099", "--out", str(tmp_path / "x.pdf")]) == 1
    assert "找不到案号（或编号）为“2026-0099”的劳动争议案件" in capsys.readouterr().err
    assert main(["print-dispute", "register", "--db", db, "--from", "2026-02-30", "--to", "2026-12-31",
                 "--out", str(tmp_path / "x.pdf")]) == 1
    assert "--from" in capsys.readouterr().err
