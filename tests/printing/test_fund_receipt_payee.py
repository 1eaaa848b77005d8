"""The 收据's 收款单位（盖章） line ends inside the receipt box, a long office name too (set smaller),
as the rendered page shows it."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from assistance_fixtures import page_words
from unionoffice.core.fundraising import records as funds
from unionoffice.printing.fund_receipts import print_fund_receipts

needs_poppler = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils not installed")


@needs_poppler
@pytest.mark.parametrize("office", ["东湖街道总工会", "深圳市罗湖区东湖街道总工会委员会"])
def test_payee_stays_inside_the_box(store, tmp_path, office):
    store.set_setting("office_name", office)
    fid = funds.create_campaign(store, {"name": "2026年特殊会费（抗灾救灾）", "kind": "特殊会费",
                                        "start_date": "2026-10-28", "purpose": "用于困难职工帮扶"})
    gift = funds.add_contribution(store, fid, {"donor_name": "深圳市新安万象智能科技有限公司", "donor_kind": "单位",
                                               "amount": "3000", "paid_date": "2026-12-07", "receipt_no": "MJ1"})
    out = tmp_path / "收据.pdf"
    print_fund_receipts(store, out, [gift])
    [words] = page_words(out)
    amount = max((w for w in words if w[3] == "3,000.00"), key=lambda w: w[1])  # the receipt's, not the stub's
    box_right = amount[1] + 8  # the amount is set right in its cell, a few points inside the box
    sign_y = next(w[2] for w in words if "交款人" in w[3] or w[3] == "交")
    on_sign_line = [w for w in words if abs(w[2] - sign_y) < 6]
    assert max(w[1] for w in on_sign_line) <= box_right
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True,
                          encoding="utf-8", check=True).stdout
    assert office in text.replace(" ", "")
