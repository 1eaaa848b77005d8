"""慰问名单: grouped by org, per-org counts and subtotals that add up to the campaign total."""

import re

import pytest

from assistance_fixtures import MONEY, fen, fonts_of, make_campaign, needs_poppler, pdf_pages
from unionoffice.core.assistance import records as assistance, campaigns
from unionoffice.core.assistance.query import sheet_rows
from unionoffice.core.errors import UserError
from unionoffice.core.values.money import money_in_capitals
from unionoffice.printing.condolence import NO_ORG, group_people, print_condolence
from unionoffice.printing.disbursement import print_disbursement

HEADING = re.compile(r"\d+\. (.+?)（(\d+) 人，小计 (" + MONEY + ") 元")


@needs_poppler
def test_groups_counts_and_totals(store, tmp_path):
    cid = make_campaign(store, 40)
    result = print_condolence(store, cid, tmp_path / "c.pdf")
    text = "".join(pdf_pages(result.path))
    headings = [(m.group(1), int(m.group(2)), fen(m.group(3))) for m in HEADING.finditer(text)]
    rows = sheet_rows(store, cid)
    expected = {}
    for r in rows:
        org = r["org_name"] or NO_ORG
        count, amount = expected.get(org, (0, 0))
        expected[org] = (count + 1, amount + r["amount"])
    assert {org: (n, amount) for org, n, amount in headings} == expected
    assert headings[-1][0] == NO_ORG  # people without an org come last
    totals = campaigns.campaign_totals(store, cid)
    assert f"共 4 个单位 40 人，慰问金 {totals['amount'] / 100:,.2f} 元" in text
    assert money_in_capitals(totals["amount"]) in text
    assert text.count("小计：") == 4
    assert "预览" in text and all(emb == "yes" for _, emb in fonts_of(result.path))


def test_people_are_netted_and_fully_reversed_drop_off(store, tmp_path):
    cid = make_campaign(store, 3, varied=False)
    print_disbursement(store, cid, tmp_path / "s.pdf", final=True)
    first, second, _ = sheet_rows(store, cid)
    assistance.reverse_assistance(store, first["id"], reason="不符合条件")
    assistance.correct_assistance(store, second["id"], amount="1000", reason="补发")
    groups = group_people(sheet_rows(store, cid))
    people = {p["name"]: p["amount"] for g in groups for p in g.people}
    assert first["name"] not in people and people[second["name"]] == 100000
    assert sum(g.amount for g in groups) == campaigns.campaign_totals(store, cid)["amount"]


def test_final_list_needs_the_rows_locked(store, tmp_path):
    cid = make_campaign(store, 2)
    with pytest.raises(UserError, match="请先打印定稿的发放表或收据"):
        print_condolence(store, cid, tmp_path / "c.pdf", final=True)
    print_disbursement(store, cid, tmp_path / "s.pdf", final=True)
    assert print_condolence(store, cid, tmp_path / "c.pdf", final=True).final
