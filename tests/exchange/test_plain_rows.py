"""The short way through plain roll rows gives what the general way gives, row for row.

A roll mixing plain rows with every kind of row the short way must hand over (bad IDs, IDs
twice, a sex the ID contradicts, synonyms, invisible characters, numbers as text, blank cells,
full-width digits, dates of every shape) is previewed twice: with the short way and with it
switched off. The plans must be identical: the same kept values in the same order, the same
rejections and reasons, the same counts — and the short way must really have been taken.
"""

from __future__ import annotations

import datetime
import random

import pytest
from openpyxl import Workbook

from exchange_books import person_id

from unionoffice.core.orgs.records import create_org
from unionoffice.exchange.importing import plain_rows, rows as rows_mod
from unionoffice.exchange.importing.importer import prepare_import

HEADER = ["序号", "姓名", "性别", "身份证号", "民族", "政治面貌", "手机号码", "工作单位", "入会时间", "是否农民工", "备注"]
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def _row(rng: random.Random, n: int) -> list:
    id18 = person_id(n)
    sex = "男" if int(id18[16]) % 2 else "女"
    joined = datetime.date(2000, 1, 1) + datetime.timedelta(days=rng.randint(0, 9000))
    row = [n, f"会员{n}", sex, id18, rng.choice(["汉族", "汉", "回族", ""]), rng.choice(["群众", "中共党员", None]),
           f"138{n:08d}", rng.choice(["甲公司", "乙公司", "新开的丙公司", ""]),
           rng.choice([joined, joined.isoformat(), f"{joined.year}.{joined.month}.{joined.day}",
                       f"{joined.year}年{joined.month}月", float((joined - datetime.date(1899, 12, 30)).days), ""]),
           rng.choice(["是", "否", ""]), rng.choice(["", "", "调入", " 备注 "])]
    trap = rng.random()
    if trap < 0.04:
        row[3] = row[3][:17] + ("0" if row[3][17] != "0" else "1")  # wrong check digit
    elif trap < 0.08:
        row[3] = person_id(n - 1)  # the ID of the row before
    elif trap < 0.11:
        row[2] = "女" if sex == "男" else "男"  # contradicts the ID
    elif trap < 0.14:
        row[2] = "男性" if sex == "男" else "女性"  # a synonym
    elif trap < 0.17:
        row[1] = "\u202e" + row[1]  # bidi control in the name
    elif trap < 0.19:
        row[7] = "甲\u200b公司"  # zero-width space in the org
    elif trap < 0.22:
        row[6] = f"138{n:08d}.0"  # a phone that went through a number format
    elif trap < 0.25:
        row[6] = float(f"138{n:08d}")
    elif trap < 0.27:
        row[3] = row[3].translate(FULL_WIDTH)
    elif trap < 0.30:
        row[1] = ""  # no name
    elif trap < 0.32:
        row[8] = "2019年13月"  # no such month
    elif trap < 0.34:
        row[8] = rng.choice(["2099-01-01", datetime.date(2099, 1, 1)])  # joined after today
    elif trap < 0.36:
        row[10] = 12.0  # a number in 备注
    elif trap < 0.38:
        row[4] = "火星族"  # no such 民族? kept as typed (free text) — whatever the rules say
    elif trap < 0.40:
        row[9] = "也许"  # not a 是/否
    elif trap < 0.42:
        row[1] = "买买提.艾力"  # the dot as typed
    elif trap < 0.44:
        row[6] = "无"
    return row


def _book(path, rows) -> str:
    wb = Workbook()
    ws = wb.active
    ws.title = "会员名册"
    ws.append(["东湖街道工会会员名册"])
    ws.append(HEADER)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def _plan_facts(plan):
    return ([(r.row, list(r.values.items())) for r in plan.new_rows],
            [(r.row, r.existing_id, list(r.changes.items())) for r in plan.updates],
            [(r.sheet, r.row, r.field, r.reason) for r in plan.rejected],
            plan.new_orgs, plan.invisible_cleaned, plan.unchanged, plan.notes)


@pytest.mark.parametrize("seed", [1, 2])
def test_the_short_way_gives_the_plan_of_the_general_way(store, tmp_path, monkeypatch, seed):
    create_org(store, {"name": "甲公司", "workers": 30})
    create_org(store, {"name": "乙公司", "workers": 20})
    rng = random.Random(seed)
    path = _book(tmp_path / "roll.xlsx", [_row(rng, n) for n in range(1, 601)])

    taken = []
    real = plain_rows.plain_row_checker

    def counting(*args):
        check = real(*args)
        taken.append(check is not None)
        return check

    monkeypatch.setattr(rows_mod, "plain_row_checker", counting)
    short = prepare_import(store, path, "members")
    monkeypatch.setattr(rows_mod, "plain_row_checker", lambda *args: None)
    general = prepare_import(store, path, "members")

    assert taken == [True]
    assert len(short.rejected) > 60 and len(short.new_rows) > 400  # the traps did their work
    assert short.invisible_cleaned > 10
    assert _plan_facts(short) == _plan_facts(general)


def test_an_org_name_with_an_invisible_character_is_counted_on_its_first_row(store, tmp_path):
    """Only the org's cell is dirty, and only on the first row: still one row cleaned."""
    rows = [[1, "张三", "男", person_id(1), "汉族", "群众", "13800138001", "甲\u200b公司", "", "", ""],
            [2, "李四", "男", person_id(2), "汉族", "群众", "13800138002", "甲公司", "", "", ""]]
    plan = prepare_import(store, _book(tmp_path / "org.xlsx", rows), "members")
    assert plan.new_orgs == ["甲公司"]
    assert plan.invisible_cleaned == 1


WIDE = ["姓名", "身份证号", "性别", "出生日期", "会籍状态", "户籍", "劳模", "工作单位", "入会日期", "电话"]


def _wide_row(rng: random.Random, n: int) -> list:
    id18 = person_id(n)
    born = f"{id18[6:10]}-{id18[10:12]}-{id18[12:14]}"
    return [f"职工{n}", id18, rng.choice(["", "男" if int(id18[16]) % 2 else "女", "男性"]),
            rng.choice([born, "1985年13月", "", "1990-01-01"]), rng.choice(["正常", "在册", "退休", "退会", ""]),
            rng.choice(["本市", "外地", "", "火星"]), rng.choice(["", "市级", "全国劳模", "否"]),
            rng.choice(["甲公司", "乙公司"]), rng.choice(["2019-05-01", "2019年5月", 43586.0, ""]),
            rng.choice([f"0755-{n:08d}"[:13], f"139{n:08d}", "", "无"])]


def test_the_short_way_agrees_on_a_wider_roll_too(store, tmp_path, monkeypatch):
    """出生日期 beside the ID (the ID wins), 会籍状态 with 退休, 户籍 and 劳模 words, landlines."""
    create_org(store, {"name": "甲公司", "workers": 30})
    rng = random.Random(7)
    wb = Workbook()
    ws = wb.active
    ws.append(WIDE)
    for n in range(1, 401):
        ws.append(_wide_row(rng, n))
    path = tmp_path / "wide.xlsx"
    wb.save(path)
    short = prepare_import(store, path, "members")
    monkeypatch.setattr(rows_mod, "plain_row_checker", lambda *args: None)
    general = prepare_import(store, path, "members")
    assert len(short.new_rows) > 100 and len(short.rejected) > 50
    assert _plan_facts(short) == _plan_facts(general)
