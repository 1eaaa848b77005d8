"""Printing figures (DESIGN §9): a 2,000-row 慰问金发放表 PDF, target ≤ 1.0 s, beside a bare reportlab
platypus Table of the same rows and columns in the same embedded font (repeated header, no page
subtotals, no totals) built in the same run.

Ours is timed as the clerk gets it: reading the campaign's rows from the database, checking them
against the totals, laying out the pages, writing the PDF. The preview is timed best of three; the
final print (which also locks the 2,000 rows) once, on a copy, since it can happen only once.
"""

from __future__ import annotations

import shutil
import tempfile
from datetime import date
from pathlib import Path

from run import Context, Figure, timed

from unionoffice.core.assistance import campaigns
from unionoffice.core.assistance.query import sheet_rows
from unionoffice.core.values.ids import make_id_number, mask_id_number
from unionoffice.core.values.money import format_money
from unionoffice.core.store.connection import Store
from unionoffice.printing.disbursement import COLUMNS, print_disbursement

ROWS = 2000
ORGS = ("深圳市华美金桥科技有限公司", "东湖街道翠竹社区居民委员会下属物业服务中心", "翠竹路快递驿站", "深圳市鹏基酒店")


def _office(path: Path) -> int:
    with Store.open(path, user="bench") as store:
        store.set_setting("office_name", "东湖街道总工会")
        cid = campaigns.create_campaign(store, {"kind": "元旦春节送温暖", "campaign_date": "2026-01-10",
                                                "funding_source": "区总", "standard_amount": "800"})
        people, seen = [], set()
        for i in range(ROWS * 2):
            id_number = make_id_number("440303", date(1960 + i % 40, 1 + i % 12, 1 + i % 28), i % 1000)
            if id_number not in seen:
                seen.add(id_number)
                people.append({"name": ("张三", "李四", "欧阳娜娜", "买买提·艾力")[i % 4] + str(i),
                               "id_number": id_number, "org_name": ORGS[i % len(ORGS)]})
            if len(people) == ROWS:
                break
        campaigns.add_recipients(store, cid, people)
        return cid


def _bare_table(path: Path, rows: list[list[str]]) -> None:
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.platypus import SimpleDocTemplate, Table, TableStyle

    from unionoffice.printing.fonts import register_font

    name = register_font()
    doc = SimpleDocTemplate(str(path), pagesize=landscape(A4))
    table = Table([[c[0] for c in COLUMNS], *rows], repeatRows=1)
    table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), name, 9), ("GRID", (0, 0), (-1, -1), 0.5, "black")]))
    doc.build([table])


def run(ctx: Context) -> list[Figure]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        cid = _office(folder / "office.db")
        shutil.copy(folder / "office.db", folder / "final.db")
        with Store.open(folder / "office.db") as store:
            rows = [[str(r["seq"]), r["name"], r["gender"], r["org_name"], r["category"], mask_id_number(r["id_number"]),
                     format_money(r["amount"]), "", r["remark"]] for r in sheet_rows(store, cid)]
            baseline, _ = timed(_bare_table, folder / "bare.pdf", rows, repeat=3)
            preview, result = timed(print_disbursement, store, cid, folder / "preview.pdf", repeat=3)
        with Store.open(folder / "final.db") as store:
            final, _ = timed(print_disbursement, store, cid, folder / "final.pdf", final=True)
    return [
        Figure(f"{ROWS:,}-row 发放表 PDF, preview ({result.pages} pages)", preview,
               f"bare reportlab Table of the same {ROWS:,} rows", baseline, "≤ 1.0 s"),
        Figure(f"{ROWS:,}-row 发放表 PDF, final (locks {ROWS:,} rows)", final,
               f"bare reportlab Table of the same {ROWS:,} rows", baseline, "≤ 1.0 s"),
    ]
