"""慰问金发放表 read back from the PDF as a checker would: rows, page subtotals, 合计, 大写, page numbers,
embedded fonts; and what printing final versus preview does to the rows."""

import re

import pytest

from assistance_fixtures import (MONEY, fen, fonts_of, make_campaign, needs_poppler, page_words, pdf_pages, person,
                                 sheet_page)
from unionoffice.core.assistance import records as assistance, campaigns
from unionoffice.core.assistance.query import sheet_rows
from unionoffice.core.errors import UserError
from unionoffice.core.values.money import money_in_capitals
from unionoffice.printing.common import LANDSCAPE
from unionoffice.printing.disbursement import (
    AMOUNT_COL,
    MARGIN_X,
    column_widths,
    paginate,
    print_disbursement,
)


def columns() -> list[tuple[float, float]]:
    edges, x = [], MARGIN_X
    for width in column_widths(LANDSCAPE[0]):
        edges.append((x, x + width))
        x += width
    return edges


def read_sheet(path):
    """Per page: ([(序号, amount)], [(label, amount)])."""
    return [sheet_page(words, columns(), AMOUNT_COL) for words in page_words(path)]


@pytest.fixture(scope="module")
def big_sheet(tmp_path_factory):
    """A final 2,000-row sheet, printed once for the module."""
    from unionoffice.core.store.connection import Store

    folder = tmp_path_factory.mktemp("big")
    with Store.open(folder / "office.db", user="测试员") as store:
        store.set_setting("office_name", "测试街道总工会")
        cid = make_campaign(store, 2000)
        result = print_disbursement(store, cid, folder / "sheet.pdf", final=True)
        totals = campaigns.campaign_totals(store, cid)
        amounts = [r[0] for r in store.query("SELECT amount FROM assistance WHERE campaign_id = ? ORDER BY print_seq", (cid,))]
    return result, totals, amounts


@pytest.fixture(scope="module")
def big_read(big_sheet):
    return read_sheet(big_sheet[0].path)


@needs_poppler
def test_2000_rows_all_printed_once_in_order_with_their_amounts(big_sheet, big_read):
    _, _, amounts = big_sheet
    printed = [row for rows, _ in big_read for row in rows]
    assert [seq for seq, _ in printed] == list(range(1, 2001))
    assert [amount for _, amount in printed] == amounts


@needs_poppler
def test_every_page_has_header_subtotal_and_page_number(big_sheet, big_read):
    result = big_sheet[0]
    pages = pdf_pages(result.path)
    assert len(pages) == len(big_read) == result.pages > 100
    for number, (page, (rows, labelled)) in enumerate(zip(pages, big_read), start=1):
        assert "测试街道总工会2026年元旦春节送温暖慰问金发放表" in page
        assert "领款人签名" in page and "身份证号" in page
        assert f"第 {number} 页 共 {len(pages)} 页" in page
        subtotals = [amount for label, amount in labelled if label.startswith("本页小计")]
        assert subtotals == [sum(amount for _, amount in rows)]
        assert "预览" not in page


@needs_poppler
def test_subtotals_add_up_to_the_total_in_figures_and_capitals(big_sheet, big_read):
    result, totals, amounts = big_sheet
    subtotals = [amount for _, labelled in big_read for label, amount in labelled if label.startswith("本页小计")]
    grand = [amount for _, labelled in big_read for label, amount in labelled if label.startswith("合")]
    assert len(subtotals) == result.pages
    assert sum(subtotals) == sum(amounts) == totals["amount"] == result.amount
    assert grand == [totals["amount"]]
    pages = pdf_pages(result.path)
    last = pages[-1]
    assert "共 2000 人" in last
    capitals = re.search(r"人民币(\S+?)\s*（小写）¥(" + MONEY + ")", last)
    assert capitals.group(1) == money_in_capitals(totals["amount"])
    assert fen(capitals.group(2)) == totals["amount"]
    for label in ("经办人", "审核人", "负责人"):
        assert label in last
    assert all("合计金额" not in page for page in pages[:-1])


@needs_poppler
def test_all_fonts_are_embedded(big_sheet):
    fonts = fonts_of(big_sheet[0].path)
    assert fonts and all(emb == "yes" for _, emb in fonts), fonts
    assert not any("STSong" in name or "Helvetica" in name for name, _ in fonts)


@needs_poppler
def test_money_is_right_aligned_with_two_decimals(big_sheet):
    words = page_words(big_sheet[0].path)[0]
    left, right = columns()[AMOUNT_COL]
    amounts = [(x1, t) for x0, x1, _, t in words if left <= x0 and x1 <= right + 1 and re.fullmatch(MONEY, t)]
    assert len(amounts) > 15
    assert max(x1 for x1, _ in amounts) - min(x1 for x1, _ in amounts) < 0.5  # one right edge
    assert all(re.fullmatch(r"-?[\d,]+\.\d\d", t) for _, t in amounts)


def test_last_page_keeps_room_for_the_totals():
    for count in range(1, 80):
        pages = paginate(count, 18, 14)
        assert pages[0][0] == 0 and pages[-1][1] == count
        assert all(a[1] == b[0] for a, b in zip(pages, pages[1:]))
        assert pages[-1][1] - pages[-1][0] <= 14
        assert all(end - start <= 18 for start, end in pages)


@needs_poppler
def test_preview_is_marked_and_locks_nothing(store, tmp_path):
    cid = make_campaign(store, 5)
    result = print_disbursement(store, cid, tmp_path / "p.pdf")
    text = "".join(pdf_pages(result.path))
    assert "预览稿" in text and not result.final
    totals = campaigns.campaign_totals(store, cid)
    assert totals["locked"] == 0 and campaigns.get_campaign(store, cid)["status"] == "草稿"


def test_final_print_locks_and_reprint_keeps_numbers(store, tmp_path):
    cid = make_campaign(store, 5)
    first = print_disbursement(store, cid, tmp_path / "a.pdf", final=True)
    assert first.locked_now == 5 and campaigns.get_campaign(store, cid)["status"] == "已打印"
    seqs = [r["seq"] for r in sheet_rows(store, cid)]
    again = print_disbursement(store, cid, tmp_path / "b.pdf", final=True)
    assert again.locked_now == 0 and [r["seq"] for r in sheet_rows(store, cid)] == seqs


@needs_poppler
def test_correction_prints_on_next_sheet_and_nets_the_total(store, tmp_path):
    cid = make_campaign(store, 4, varied=False)
    print_disbursement(store, cid, tmp_path / "a.pdf", final=True)
    first = sheet_rows(store, cid)[0]
    assistance.correct_assistance(store, first["id"], amount="500", reason="标准应为500元")
    result = print_disbursement(store, cid, tmp_path / "b.pdf", final=True)
    text = pdf_pages(result.path)[-1]
    assert result.locked_now == 1
    assert "更正第1号：标准应为500元" in text and "-300.00" in text
    grand = [amount for label, amount in read_sheet(result.path)[-1][1] if label.startswith("合")]
    assert grand == [4 * 80000 - 30000]
    assert money_in_capitals(4 * 80000 - 30000) in text
    only = print_disbursement(store, cid, tmp_path / "c.pdf", corrections_only=True)
    assert only.rows == 1 and only.amount == -30000
    assert "慰问金发放更正表" in pdf_pages(only.path)[0]


def test_empty_campaign_and_bad_output_are_refused(store, tmp_path):
    cid = campaigns.create_campaign(store, {"kind": "夏送清凉", "campaign_date": "2026-07-01", "funding_source": "企业"})
    with pytest.raises(UserError, match="名单为空"):
        print_disbursement(store, cid, tmp_path / "a.pdf", final=True)
    assert campaigns.get_campaign(store, cid)["status"] == "草稿"
    cid = make_campaign(store, 2)
    with pytest.raises(UserError, match=r"\.pdf"):
        print_disbursement(store, cid, tmp_path / "a.txt", final=True)
    assert campaigns.campaign_totals(store, cid)["locked"] == 0  # the failed final print rolled back


def test_a_zero_amount_blocks_the_final_print(store, tmp_path):
    cid = make_campaign(store, 3, varied=False)
    row = sheet_rows(store, cid)[1]
    assistance.update_assistance(store, row["id"], {"amount": "0"})
    with pytest.raises(UserError, match=f"{row['name']}等 1 人的金额为 0"):
        print_disbursement(store, cid, tmp_path / "a.pdf", final=True)
    assert not (tmp_path / "a.pdf").exists()


@needs_poppler
def test_goods_only_campaign_lists_the_goods_value(store, tmp_path):
    cid = campaigns.create_campaign(store, {"kind": "夏送清凉", "campaign_date": "2026-07-10", "funding_source": "企业"})
    for i in range(3):
        campaigns.add_recipient(store, cid, person(i), amount=0, goods="绿豆、凉茶", goods_value="80")
    result = print_disbursement(store, cid, tmp_path / "g.pdf")
    text = pdf_pages(result.path)[0]
    assert "夏送清凉慰问品发放表" in text and "折合金额(元)" in text
    rows, labelled = read_sheet(result.path)[0]
    assert [amount for _, amount in rows] == [8000] * 3
    assert [amount for label, amount in labelled if label.startswith("合")] == [24000]
    assert f"人民币{money_in_capitals(24000)}" in text and "共发放实物 3 份" in text
