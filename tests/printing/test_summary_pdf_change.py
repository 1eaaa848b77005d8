"""The summary PDF shows the 增减 column the 报表 tab has."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from unionoffice.core.figures import catalogue as F
from unionoffice.printing.summary_report import write_summary_pdf


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) missing")
def test_summary_pdf_has_the_change_column(store, tmp_path):
    with store.atomic():
        a = store.execute("INSERT INTO orgs (name, union_mode, union_founded, workers) "
                          "VALUES ('甲公司', '独立建会', '2016-01-01', 10)").lastrowid
        for joined in ("2020-01-01", "2025-03-01", "2025-04-01"):
            store.execute("INSERT INTO members (name, org_id, joined_date) VALUES ('会员', ?, ?)", (a, joined))
    out = write_summary_pdf(store, F.year(2025), tmp_path / "报告.pdf")
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert "增减" in text
    line = next(l for l in text.splitlines() if l.strip().startswith("会员人数"))
    assert line.split()[1:] == ["3", "1", "+2"]
    assert "+20.0个百分点" in text  # 入会率 10% → 30%
