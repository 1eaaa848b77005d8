"""收据/领款凭证: numbered, three to a page, figures and capitals that agree on every slip."""

import re

import pytest

from assistance_fixtures import MONEY, fen, fonts_of, make_campaign, needs_poppler, pdf_pages
from unionoffice.core.assistance import records as assistance, campaigns
from unionoffice.core.assistance.query import sheet_rows
from unionoffice.core.errors import UserError
from unionoffice.core.values.money import money_in_capitals
from unionoffice.printing.receipts import print_receipts

CAPITALS = re.compile(r"人民币（大写）：(\S+)\s+¥ (" + MONEY + ")")


def slips(pages: list[str]) -> list[tuple[str, int]]:
    """(大写, figures in fen) of every amount line printed."""
    return [(m.group(1), fen(m.group(2))) for page in pages for m in CAPITALS.finditer(page)]


@needs_poppler
def test_final_receipts_are_numbered_three_to_a_page_and_agree(store, tmp_path):
    cid = make_campaign(store, 7)
    result = print_receipts(store, tmp_path / "r.pdf", campaign_id=cid, final=True)
    pages = pdf_pages(result.path)
    assert result.pages == len(pages) == 3
    rows = sheet_rows(store, cid)
    numbers = [r["receipt_no"] for r in rows]
    assert len(set(numbers)) == 7 and all(numbers)
    text = "".join(pages)
    assert [int(n) for n in re.findall(r"No\. (\d+)", text)] == [int(n) for n in numbers]
    assert [p.count("沿虚线裁开") for p in pages] == [2, 2, 1]  # a cut line under each slip but the third
    printed = slips(pages)
    assert [amount for _, amount in printed] == [r["amount"] for r in rows]
    assert all(words == money_in_capitals(amount) for words, amount in printed)
    assert text.count("兹领到 测试街道总工会 发放的2026年元旦春节送温暖慰问金") == 7
    assert "预览" not in text and all(emb == "yes" for _, emb in fonts_of(result.path))
    assert campaigns.get_campaign(store, cid)["status"] == "已打印"


def test_reprint_keeps_receipt_numbers(store, tmp_path):
    cid = make_campaign(store, 4)
    print_receipts(store, tmp_path / "a.pdf", campaign_id=cid, final=True)
    first = [r["receipt_no"] for r in sheet_rows(store, cid)]
    ids = [r["id"] for r in sheet_rows(store, cid)]
    result = print_receipts(store, tmp_path / "b.pdf", campaign_id=cid, ids=ids, final=True)
    assert [r["receipt_no"] for r in sheet_rows(store, cid)] == first
    assert result.reprinted == 4


def test_a_second_full_final_print_does_not_reprint_every_receipt(store, tmp_path):
    cid = make_campaign(store, 3)
    print_receipts(store, tmp_path / "a.pdf", campaign_id=cid, final=True)
    with pytest.raises(UserError, match="收据都已打印过.*补打"):
        print_receipts(store, tmp_path / "b.pdf", campaign_id=cid, final=True)


@needs_poppler
def test_preview_gives_out_no_numbers_and_locks_nothing(store, tmp_path):
    cid = make_campaign(store, 2)
    result = print_receipts(store, tmp_path / "p.pdf", campaign_id=cid, two_part=True)
    text = "".join(pdf_pages(result.path))
    assert "预览" in text and "存根联" in text and "收据联" in text
    assert all(r["receipt_no"] is None and not r["locked"] for r in sheet_rows(store, cid))


@needs_poppler
def test_preview_after_the_final_print_shows_the_numbers_given(store, tmp_path):
    cid = make_campaign(store, 2)
    print_receipts(store, tmp_path / "final.pdf", campaign_id=cid, final=True)
    ids = [r["id"] for r in sheet_rows(store, cid)]
    text = "".join(pdf_pages(print_receipts(store, tmp_path / "again.pdf", campaign_id=cid, ids=ids).path))
    assert re.findall(r"No\. (\d+)", text) == [r["receipt_no"] for r in sheet_rows(store, cid)]
    assert "定稿时编号" not in text and text.count("补打") >= 2


@needs_poppler
def test_refund_and_supplement_receipts(store, tmp_path):
    cid = make_campaign(store, 2, varied=False)
    print_receipts(store, tmp_path / "a.pdf", campaign_id=cid, final=True)
    first, second = sheet_rows(store, cid)
    assistance.reverse_assistance(store, first["id"], reason="重复发放")
    assistance.correct_assistance(store, second["id"], amount="1000", reason="标准调整")
    result = print_receipts(store, tmp_path / "b.pdf", campaign_id=cid, final=True)
    text = "".join(pdf_pages(result.path))
    assert f"今收到 {first['name']} 退回 测试街道总工会 发放的2026年元旦春节送温暖慰问金（更正第1号）" in text
    assert "补发的2026年元旦春节送温暖慰问金（更正第2号）" in text
    printed = slips(pdf_pages(result.path))
    assert printed[-2:] == [("捌佰元整", 80000), ("贰佰元整", 20000)]  # refunds print positive, with 退回


@needs_poppler
def test_single_payments_by_id(store, tmp_path, monkeypatch):
    a = assistance.add_single_payment(store, {"name": "刘住院", "id_number": "11010519491231002X", "org_name": "某店"},
                                      {"kind": "生病住院慰问", "amount": "500", "funding_source": "街道总工会",
                                       "goods": "水果篮", "goods_value": "88.8"})
    result = print_receipts(store, tmp_path / "s.pdf", ids=[a], final=True)
    text = "".join(pdf_pages(result.path))
    assert "生病住院慰问金" in text and "水果篮" in text
    assert ("伍佰元整", 50000) in slips([text])
    assert "捌拾捌元捌角" in text and "¥ 88.80" in text
    row = assistance.get_assistance(store, a)
    assert row["locked"] == 1 and row["receipt_no"] and row["status"] == "已发"


def test_campaign_rows_by_id_and_bad_choices_are_refused(store, tmp_path):
    cid = make_campaign(store, 1)
    row_id = sheet_rows(store, cid)[0]["id"]
    with pytest.raises(UserError, match="请按活动打印"):
        print_receipts(store, tmp_path / "a.pdf", ids=[row_id], final=True)
    with pytest.raises(UserError, match="找不到编号为 999"):
        print_receipts(store, tmp_path / "a.pdf", ids=[999])
    with pytest.raises(UserError, match="请指定慰问活动"):
        print_receipts(store, tmp_path / "a.pdf")
    with pytest.raises(UserError, match="编号 999 不是慰问活动"):
        print_receipts(store, tmp_path / "a.pdf", campaign_id=cid, ids=[999], final=True)
    assert not sheet_rows(store, cid)[0]["locked"]  # the refused final print locked nothing


def test_reprint_one_receipt_of_a_campaign(store, tmp_path):
    cid = make_campaign(store, 4)
    print_receipts(store, tmp_path / "a.pdf", campaign_id=cid, final=True)
    third = sheet_rows(store, cid)[2]
    again = print_receipts(store, tmp_path / "b.pdf", campaign_id=cid, ids=[third["id"]], final=True)
    assert again.rows == 1 and again.pages == 1 and again.locked_now == 0
    assert sheet_rows(store, cid)[2]["receipt_no"] == third["receipt_no"]
