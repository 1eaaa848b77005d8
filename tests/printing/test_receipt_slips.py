"""Both kinds of 收据 (the 募捐 receipt and the assistance 领款凭证) are drawn by one slip layout
(printing/slips.py); read back from the PDF as a clerk reads the paper: three slips to a page, the
收据号 as entered, the amount in 大写, and long names or remarks kept inside their slip."""

from __future__ import annotations

import pytest

from assistance_fixtures import needs_poppler, page_words, pdf_pages
from unionoffice.core.assistance import records as assistance
from unionoffice.core.fundraising import records as funds
from unionoffice.printing.fund_receipts import print_fund_receipts
from unionoffice.printing.receipts import print_receipts

LONG_UNIT = "深圳市宝安区新安街道海滨社区某某某某精密电子科技股份有限公司第二分公司工会委员会"
LONG_NOTE = ("该单位工会委员会代全体职工捐款，款项于六月三十日经银行转账汇入街道总工会账户，"
             "附转账凭证复印件一份，另有物资待清点后补登")
LABELS = ("骑缝", "沿虚线裁开")


def _geometry(words):
    """(x of the 骑缝 line or None, right edge of the receipt box, y of each horizontal cut line)."""
    seam = [(x0 + x1) / 2 for x0, x1, _, t in words if t == "骑缝"]
    box_right = max(x1 for x0, x1, _, t in words if t.startswith("日期：") and x1 > 300)  # set right at the edge
    cuts = sorted(y for _, _, y, t in words if t == "沿虚线裁开")
    return (seam[0] if seam else None), box_right, cuts


def _assert_inside(words, *, stub: bool):
    """Nothing crosses the 骑缝 line or runs past the receipt box; each slip's signature line sits above
    the cut line under it."""
    seam, box_right, cuts = _geometry(words)
    assert (seam is not None) == stub
    for x0, x1, _, text in words:
        if text in LABELS or text.startswith("第") or text.startswith("制表"):
            continue
        if seam is not None and x0 < seam:
            assert x1 <= seam - 3, text  # the 存根联 stays on its side
        else:
            assert x1 <= box_right + 0.5, text
    signs = sorted(y for _, _, y, t in words if "（签名）" in t)
    for sign, cut in zip(signs, cuts):
        assert sign < cut - 10


def _receipt_text(words, seam, top, bottom):
    """The receipt's words of one slip (right of the seam, between two heights), joined as read."""
    return "".join(t for x0, _, y, t in sorted(words, key=lambda w: (round(w[2]), w[0]))
                   if x0 > seam and top < y < bottom)


def _cell(words, prefix):
    """The first slip's cell that starts with ``prefix``, its (up to two) wrapped lines joined."""
    x, y = min(((x0, y) for x0, _, y, t in words if t.startswith(prefix)), key=lambda w: w[1])
    return "".join(t for x0, _, wy, t in sorted(words, key=lambda w: w[2]) if abs(x0 - x) < 1 and y <= wy < y + 16)


@pytest.fixture
def fund(store):
    return funds.create_campaign(store, {"name": "广东扶贫济困日募捐", "kind": "募捐", "start_date": "2026-06-28",
                                         "purpose": "用于困难职工帮扶"})


def _give(store, fid, donor, amount, receipt="", kind="个人", notes=""):
    return funds.add_contribution(store, fid, {"donor_name": donor, "donor_kind": kind, "amount": amount,
                                               "paid_date": "2026-06-30", "receipt_no": receipt, "notes": notes})


@needs_poppler
def test_fund_receipts_three_to_a_page_with_the_number_as_entered(store, fund, tmp_path):
    ids = [_give(store, fund, f"捐款人{i}", str(100 + i), f"MJ-2026/{i:04d}号") for i in range(6)]
    ids.append(_give(store, fund, "欧阳娜娜", "0.01"))  # no 收据号 entered
    result = print_fund_receipts(store, tmp_path / "收据.pdf", ids)
    pages = pdf_pages(result.path)
    assert result.pages == len(pages) == 3
    assert [p.count("（收据联）") for p in pages] == [3, 3, 1]
    assert [p.count("沿虚线裁开") for p in pages] == [2, 2, 1]
    text = "".join(pages)
    for i in range(6):  # on the receipt and on its stub, exactly as typed
        assert text.count(f"No. MJ-2026/{i:04d}号") == 2
    assert text.count("No. ____________") == 2  # a line to write the number in, none made up
    assert "人民币（大写）：壹佰零伍元整" in text and "¥ 105.00" in text
    assert "人民币（大写）：壹分" in text and "¥ 0.01" in text


@needs_poppler
def test_a_long_donor_and_remark_stay_inside_the_slip(store, fund, tmp_path):
    long_id = _give(store, fund, LONG_UNIT, "12,345.67", "MJ1", kind="单位", notes=LONG_NOTE)
    ids = [long_id, _give(store, fund, "李四", "50", "MJ2"), _give(store, fund, "王五", "60", "MJ3")]
    result = print_fund_receipts(store, tmp_path / "收据.pdf", ids)
    [words] = page_words(result.path)
    _assert_inside(words, stub=True)
    seam, box_right, cuts = _geometry(words)
    first = _receipt_text(words, seam, 0, cuts[0])
    assert f"今收到{LONG_UNIT}（单位）交来广东扶贫济困日募捐款" in first  # the whole name, wrapped in its row
    assert "壹万贰仟叁佰肆拾伍元陆角柒分" in first
    box_left = min(x0 for x0, _, y, t in words if t.startswith("今收到"))
    remark = [w for w in words if w[3].startswith("备注：该单位")]
    assert remark and all(x0 >= (box_left + box_right) / 2 for x0, _, _, _ in remark)  # in its own cell


@needs_poppler
@pytest.mark.parametrize("two_part", [False, True])
def test_a_long_name_and_work_unit_stay_inside_the_assistance_slip(store, tmp_path, two_part):
    person = {"name": "阿卜杜热合曼·买买提艾力江", "id_number": "11010519491231002X",
              "org_name": "深圳市宝安区新安街道海滨社区某某某某精密电子科技股份有限公司第二分公司"}
    ids = [assistance.add_single_payment(store, person, {"kind": "生病住院慰问", "amount": amount,
                                                         "funding_source": "街道总工会"})
           for amount in ("500", "800")]
    result = print_receipts(store, tmp_path / "r.pdf", ids=ids, final=True, two_part=two_part)
    [words] = page_words(result.path)
    _assert_inside(words, stub=two_part)
    text = "".join(pdf_pages(result.path))
    assert text.count("（收据联）") == (2 if two_part else 0)
    assert "人民币（大写）：伍佰元整" in text and "人民币（大写）：捌佰元整" in text
    assert _cell(words, "收款人：") == "收款人：阿卜杜热合曼·买买提艾力江"  # wrapped in its cell, not cut
    assert _cell(words, "工作单位：") == f"工作单位：{person['org_name']}"
