"""A contribution corrected from core and the command line; its 收据 printed as a PDF with the
amount in figures and in capitals that agree; bad input refused with nothing written."""

import shutil
import subprocess

import pytest

from unionoffice.cli import main
from unionoffice.core.errors import UserError
from unionoffice.core.fundraising import records as funds
from unionoffice.core.values.money import money_in_capitals
from unionoffice.printing.fund_receipts import print_fund_receipts

needs_poppler = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils not installed")


@pytest.fixture
def gift(store):
    fid = funds.create_campaign(store, {"name": "扶贫济困日募捐", "kind": "募捐", "start_date": "2026-06-28"})
    kid = funds.add_contribution(store, fid, {"donor_name": "华美公司", "donor_kind": "单位", "amount": "3,000",
                                              "paid_date": "2026-06-28", "receipt_no": "MJ001"})
    return fid, kid


def _text(path):
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          encoding="utf-8", check=True).stdout


def test_edit_keeps_what_is_not_named(store, gift):
    fid, kid = gift
    funds.edit_contribution(store, kid, {"amount": "3,250.5"})
    row = funds.get_contribution(store, kid)
    assert (row["amount"], row["donor_name"], row["receipt_no"]) == (325050, "华美公司", "MJ001")
    other = funds.add_contribution(store, fid, {"donor_name": "李四", "amount": "10", "paid_date": "2026-06-29",
                                                "receipt_no": "MJ002"})
    with pytest.raises(UserError, match="收据号 MJ001 已登记过"):
        funds.edit_contribution(store, other, {"receipt_no": "MJ001"})
    with pytest.raises(UserError, match="金额应大于 0"):
        funds.edit_contribution(store, other, {"amount": "0"})
    with pytest.raises(UserError, match="捐款 999 不存在"):
        funds.edit_contribution(store, 999, {"amount": "1"})
    assert funds.get_contribution(store, other)["amount"] == 1000


@needs_poppler
def test_receipt_pdf_states_the_amount_twice_and_agrees(store, gift, tmp_path):
    fid, kid = gift
    second = funds.add_contribution(store, fid, {"donor_name": "热心市民", "amount": "460.5",
                                                 "paid_date": "2026-06-29"})
    result = print_fund_receipts(store, tmp_path / "收据.pdf", [kid, second])
    text = _text(result.path)
    assert result.pages == 1 and result.rows == 2 and result.amount == 346050
    assert f"人民币（大写）：{money_in_capitals(300000)}" in text and "¥ 3,000.00" in text
    assert money_in_capitals(46050) in text and "¥ 460.50" in text
    assert "今收到 华美公司（单位） 交来扶贫济困日募捐款" in text and "No. MJ001" in text
    fonts = subprocess.run(["pdffonts", str(result.path)], capture_output=True, text=True, check=True).stdout
    assert all(line.split()[-5] == "yes" for line in fonts.splitlines()[2:])  # emb column


def test_bad_receipt_requests_write_nothing(store, gift, tmp_path):
    fid, kid = gift
    with pytest.raises(UserError, match="找不到编号为 999 的捐款"):
        print_fund_receipts(store, tmp_path / "out" / "a.pdf", [999])
    with pytest.raises(UserError, match=r"输出文件应为 \.pdf"):
        print_fund_receipts(store, tmp_path / "out" / "a.xlsx", [kid])
    funds.delete_contributions(store, [kid])
    with pytest.raises(UserError, match="或已在回收站中"):
        print_fund_receipts(store, tmp_path / "out" / "a.pdf", [kid])
    assert not (tmp_path / "out").exists() or list((tmp_path / "out").iterdir()) == []


def test_cli_edit_and_receipt(store, gift, tmp_path, capsys):
    fid, kid = gift
    db = str(store.path)
    store.close()
    assert main(["fund", "list", "--db", db, "--contributions", "扶贫济困日募捐"]) == 0
    assert f"{kid}\t2026-06-28\t单位\t华美公司\t3,000.00\tMJ001" in capsys.readouterr().out
    assert main(["fund", "edit", "--db", db, str(kid), "--amount", "3500"]) == 0
    assert main(["fund", "edit", "--db", db, str(kid), "--amount", "三千"]) == 1
    assert "金额" in capsys.readouterr().err
    out = tmp_path / "r.pdf"
    assert main(["fund", "receipt", "--db", db, str(kid), "--out", str(out)]) == 0
    assert out.exists() and "已生成收据 1 张" in capsys.readouterr().out
    assert main(["fund", "receipt", "--db", db, "--campaign", "扶贫济困日募捐", "--out", str(tmp_path / "all.pdf")]) == 0
    assert main(["fund", "receipt", "--db", db, "--out", str(tmp_path / "none.pdf")]) == 2
    assert not (tmp_path / "none.pdf").exists()
