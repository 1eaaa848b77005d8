"""会员服务卡: records, the card office's list imported all or nothing, figures recounted from the export."""

import datetime

import openpyxl
import pytest

from unionoffice.cli import main
from unionoffice.core.errors import UserError
from unionoffice.core.figures import catalogue
from unionoffice.core.member_card import records as cards
from unionoffice.core.members import records as members
from unionoffice.exchange.exports.member_cards import export_cards
from unionoffice.exchange.importing.areas import import_cards

IDS = ("110105198001010032", "110105198502020124", "110105199003030218")


@pytest.fixture
def roll(store):
    return store, [members.create_member(store, {"name": n, "id_number": i, "joined_date": "2015-01-01"})
                   for n, i in zip(("张三", "李四", "王五"), IDS)]


def test_cards_and_figures_recounted_from_the_export(roll, tmp_path):
    store, (a, b, c) = roll
    cards.save_card(store, a, {"collected_date": "2025-11-02", "made_date": "2026-01-10", "card_no": "K1"})
    cards.save_card(store, b, {"collected_date": "2026-02-03", "made_date": "2026-03-01", "card_no": "K2"})
    cards.save_card(store, c, {"collected_date": "2026-08-08"})
    f = catalogue.compute(store, catalogue.year(2026))
    assert (f["cards.collected"], f["cards.made"], f["cards.collected_total"], f["cards.made_total"]) == (2, 2, 3, 2)
    h1 = catalogue.compute(store, catalogue.half_year(2026, 1))
    assert (h1["cards.collected"], h1["cards.collected_total"]) == (1, 2)
    out = tmp_path / "c.xlsx"
    assert export_cards(store, out) == 3
    ws = openpyxl.load_workbook(out).active
    head = [x.value for x in ws[2]]
    rows = [dict(zip(head, [x.value for x in r])) for r in ws.iter_rows(min_row=3)]
    end = datetime.datetime(2026, 6, 30)
    assert sum(1 for r in rows if r["信息采集日期"] and r["信息采集日期"] <= end) == h1["cards.collected_total"]
    assert sum(1 for r in rows if r["制卡日期"] and r["制卡日期"].year == 2026) == f["cards.made"]


@pytest.mark.parametrize("data, message", [
    ({}, "信息采集日期或制卡日期"),
    ({"collected_date": "2026-03-01", "made_date": "2026-02-01"}, "早于信息采集日期"),
    ({"collected_date": "2099-01-01"}, "晚于今天"),
])
def test_bad_card_records_are_refused(roll, data, message):
    store, (a, _b, _c) = roll
    with pytest.raises(UserError, match=message):
        cards.save_card(store, a, data)


def test_card_number_is_not_given_twice(roll):
    store, (a, b, _c) = roll
    cards.save_card(store, a, {"made_date": "2026-01-10", "card_no": "K1"})
    with pytest.raises(UserError, match="卡号 K1 已登记给会员“张三”"):
        cards.save_card(store, b, {"made_date": "2026-01-10", "card_no": "K1"})


def _card_list(path, rows):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["会员服务卡制卡名单"])
    ws.append(["序号", "姓名", "身份证号码", "采集时间", "制卡时间", "卡号"])
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def test_card_office_list_merges_and_is_all_or_nothing(roll, tmp_path):
    store, (a, _b, _c) = roll
    cards.save_card(store, a, {"collected_date": "2026-01-05"})
    bad = _card_list(tmp_path / "bad.xlsx", [[1, "张三", IDS[0], "", "2026-02-01", "K1"],
                                             [2, "查无", "110105199003030234", "2026-02-01", "", ""]])
    with pytest.raises(UserError, match=r"bad.xlsx .*第4行（身份证号）"):
        import_cards(store, bad)
    assert cards.card_of_member(store, a)["made_date"] is None  # nothing written
    good = _card_list(tmp_path / "good.xlsx", [[1, "张三", IDS[0], "", "2026-02-01", "K1"],
                                               [2, "李四", IDS[1], "2026-02-01", "", ""]])
    assert import_cards(store, good) == {"changed": 1, "new": 1}
    card = cards.card_of_member(store, a)
    assert (card["collected_date"], card["made_date"], card["card_no"]) == ("2026-01-05", "2026-02-01", "K1")
    assert import_cards(store, good) == {"same": 2}


def test_cli_set_list_and_bad_id(roll, tmp_path, capsys):
    store = roll[0]
    db = str(store.path)
    store.close()
    assert main(["cards", "set", "--db", db, IDS[0], "--collected", "2026-01-05", "--card-no", "K9"]) == 0
    assert "张三：已登记服务卡" in capsys.readouterr().out
    assert main(["cards", "set", "--db", db, "110105199003030234", "--made", "2026-01-05"]) == 1
    assert "不在会员名册" in capsys.readouterr().err
    assert main(["cards", "list", "--db", db]) == 0
    assert "K9" in capsys.readouterr().out
