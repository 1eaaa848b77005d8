"""Helpers for the printing tests of campaigns: a campaign of N people, and reading PDFs back as
text with poppler (pdftotext -layout, pdffonts) the way a checker reads the paper."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from unionoffice.core.assistance import campaigns
from unionoffice.core.values.ids import make_id_number

needs_poppler = pytest.mark.skipif(not (shutil.which("pdftotext") and shutil.which("pdffonts")),
                                   reason="poppler-utils (pdftotext, pdffonts) not installed")

ORGS = ("东湖街道某某社区居民委员会下属某某物业服务中心有限公司", "深圳市华美金桥科技有限公司", "翠竹路快递驿站", "")
MONEY = r"-?[\d,]+\.\d\d"


def person(i: int) -> dict:
    birth = date(1960 + i % 40, 1 + i % 12, 1 + i % 28)
    return {"name": ("张三", "李四", "王小五", "欧阳娜娜", "买买提·艾力江")[i % 5] + str(i),
            "id_number": make_id_number("440303", birth, i % 1000), "org_name": ORGS[i % len(ORGS)]}


def make_campaign(store, n: int, *, standard: str = "800", varied: bool = True) -> int:
    """A campaign with ``n`` free-named recipients; every 7th amount differs (cents included)."""
    cid = campaigns.create_campaign(store, {"kind": "元旦春节送温暖", "campaign_date": "2026-01-10",
                                            "funding_source": "区总", "standard_amount": standard})
    people, seen = [], set()
    i = 0
    while len(people) < n:
        p = person(i)
        i += 1
        if p["id_number"] not in seen:
            seen.add(p["id_number"])
            people.append(p)
    added = campaigns.add_recipients(store, cid, people)["added"]
    if varied:
        for k, row_id in enumerate(added):
            if k % 7 == 3:
                store.execute("UPDATE assistance SET amount = ? WHERE id = ?", (12345 + k * 101, row_id))
    return cid


def pdf_pages(path: Path) -> list[str]:
    """The text of each page, laid out as printed."""
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, encoding="utf-8", check=True).stdout
    pages = out.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def fonts_of(path: Path) -> list[tuple[str, str]]:
    """(font name, emb column) for every font pdffonts lists."""
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, encoding="utf-8", check=True).stdout
    rows = out.splitlines()[2:]
    result = []
    for line in rows:
        parts = line.split()
        # name type [type2] encoding emb sub uni object ID: emb is the 5th field from the end
        result.append((parts[0], parts[-5]))
    return result


def fen(text: str) -> int:
    """'1,234.56' → 123456."""
    return int(Decimal(text.replace(",", "")) * 100)


def money_after(label: str, text: str) -> list[int]:
    """Every amount printed on a line that contains ``label``."""
    found = []
    for line in text.splitlines():
        if label in line:
            amounts = re.findall(MONEY, line)
            found.append(fen(amounts[-1]))
    return found


WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')


def page_words(path: Path) -> list[list[tuple[float, float, float, str]]]:
    """Per page: (x_min, x_max, y_centre, text) of every word, y measured from the top."""
    import html

    out = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, encoding="utf-8", check=True).stdout
    pages = []
    for chunk in out.split("<page ")[1:]:
        pages.append([(float(a), float(c), (float(b) + float(d)) / 2, html.unescape(t))
                      for a, b, c, d, t in WORD.findall(chunk)])
    return pages


def sheet_page(words, columns: list[tuple[float, float]], amount_col: int):
    """One 发放表 page as a checker reads it: [(序号, amount)] for the rows, and
    [(label, amount)] for the merged rows (本页小计, 合计) — amounts matched to labels by height."""
    seq_x, amount_x = columns[0], columns[amount_col]
    seqs = [(y, int(t)) for x0, x1, y, t in words if seq_x[0] <= x0 and x1 <= seq_x[1] and t.isdigit()]
    amounts = [(y, fen(t)) for x0, x1, y, t in words
               if amount_x[0] <= x0 and x1 <= amount_x[1] + 1 and re.fullmatch(MONEY, t)]
    rows, labelled = [], []
    for y, amount in amounts:
        seq = [s for sy, s in seqs if abs(sy - y) < 6]
        if seq:
            rows.append((seq[0], amount))
        else:
            label = "".join(t for x0, x1, wy, t in sorted(words) if abs(wy - y) < 6 and x1 < amount_x[0])
            labelled.append((label, amount))
    return sorted(rows), labelled
