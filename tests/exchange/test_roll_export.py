"""Exported workbooks as Excel shows them: text IDs, date cells, frozen header, no formulas."""

from __future__ import annotations

import datetime

import pytest
from openpyxl import load_workbook

from exchange_books import person_id
from unionoffice.core.members import records as members
from unionoffice.core.orgs import records as orgs
from unionoffice.core.members.records import MemberFilter
from unionoffice.core.orgs.query import OrgFilter
from unionoffice.exchange.exports.rolls import export_members, export_orgs
from unionoffice.exchange.importing.importer import prepare_import
from unionoffice.exchange.exports.xlsx_writer import Column, write_table


@pytest.fixture
def office(store):
    a = orgs.create_org(store, {"name": "深圳市华美科技有限公司", "workers": 20, "union_mode": "独立建会"})
    b = orgs.create_org(store, {"name": "=HYPERLINK(\"x\")公司", "workers": 5})
    members.create_member(store, {"name": "曾国藩", "id_number": person_id(1), "org_id": a,
                                  "joined_date": "2019-05-01", "phone": "13800138000", "notes": "=1+1"})
    members.create_member(store, {"name": "李四", "id_number": person_id(2, female=True), "org_id": b,
                                  "is_migrant": "是"})
    return store


def sheet_of(path):
    return load_workbook(path).active


def test_members_export_cells(office, tmp_path):
    out = tmp_path / "members.xlsx"
    assert export_members(office, out) == 2
    ws = sheet_of(out)
    assert "个人信息" in ws["A1"].value
    header = [c.value for c in ws[2]]
    assert header[:4] == ["姓名", "性别", "身份证号", "出生日期"]
    assert ws.freeze_panes == "A3" and ws.print_title_rows == "$2:$2" and ws.auto_filter.ref.startswith("A2:")
    rows = {r[0].value: r for r in ws.iter_rows(min_row=3)}
    zeng = rows["曾国藩"]
    col = {h: i for i, h in enumerate(header)}
    id_cell = zeng[col["身份证号"]]
    assert id_cell.value == person_id(1) and id_cell.data_type == "s"
    joined = zeng[col["入会日期"]]
    assert joined.is_date and joined.value.date() == datetime.date(2019, 5, 1)
    assert zeng[col["出生日期"]].is_date
    note = zeng[col["备注"]]
    assert note.value == "=1+1" and note.data_type == "s"
    assert rows["李四"][col["农民工"]].value == "是" and zeng[col["农民工"]].value == "否"
    assert ws.column_dimensions["C"].width >= 18  # the full ID fits


def test_members_export_applies_search_and_filter(office, tmp_path):
    out = tmp_path / "m.xlsx"
    assert export_members(office, out, text="zgf") == 1
    assert export_members(office, out, filt=MemberFilter(migrant=True)) == 1
    assert sheet_of(out)["A3"].value == "李四"


def test_exported_roll_imports_back_unchanged(office, tmp_path):
    out = tmp_path / "m.xlsx"
    export_members(office, out)
    plan = prepare_import(office, out, "members")
    assert (len(plan.new_rows), len(plan.updates), plan.unchanged, len(plan.rejected)) == (0, 0, 2, 0)
    out = tmp_path / "o.xlsx"
    export_orgs(office, out)
    plan = prepare_import(office, out, "orgs")
    assert (len(plan.new_rows), len(plan.updates), plan.unchanged, len(plan.rejected)) == (0, 0, 2, 0)


def test_orgs_export_formula_looking_name_stays_text(office, tmp_path):
    out = tmp_path / "o.xlsx"
    assert export_orgs(office, out, filt=OrgFilter(federations=False)) == 2
    ws = sheet_of(out)
    header = [c.value for c in ws[2]]
    names = [r[0] for r in ws.iter_rows(min_row=3)]
    odd = next(c for c in names if c.value.startswith("="))
    assert odd.data_type == "s" and odd.value == '=HYPERLINK("x")公司'
    member_count = header.index("会员人数")
    assert sorted(r[member_count].value for r in ws.iter_rows(min_row=3)) == [1, 1]


def test_write_table_kinds(tmp_path):
    out = tmp_path / "t.xlsx"
    cols = [Column("名称"), Column("金额", "money"), Column("日期", "date"), Column("人数", "int"), Column("是否", "flag")]
    n = write_table(out, title="测试", columns=cols, personal_data=False,
                    rows=[["+8613800138000", 123456, "2026-11-24", 3, 1], ["@home", 5, None, None, 0]])
    assert n == 2
    ws = sheet_of(out)
    assert ws["A1"].value == "测试"
    assert (ws["A3"].value, ws["A3"].data_type) == ("+8613800138000", "s")
    assert ws["B3"].value == 1234.56 and ws["B3"].number_format == "0.00"
    assert ws["C3"].is_date and ws["C4"].value is None
    assert (ws["D3"].value, ws["E3"].value, ws["E4"].value) == (3, "是", "否")
    assert ws["A4"].value == "@home" and ws["A4"].data_type == "s"


def test_write_table_to_a_locked_place_is_a_clear_error(tmp_path):
    from unionoffice.core.errors import UserError

    folder = tmp_path / "是文件夹.xlsx"
    folder.mkdir()
    with pytest.raises(UserError, match="无法写入"):
        write_table(folder, title="t", columns=[Column("a")], rows=[["x"]])
