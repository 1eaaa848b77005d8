"""Rows around and between the records that are not records: totals, notes, page lines, merged titles."""

from __future__ import annotations

import pytest

from unionoffice.exchange.importing import reader

ID = "440303198503121234"


@pytest.mark.parametrize("cells", [
    ["合计", "35人", None], [None, "合  计", 35], ["", "", "总计：", 35], ["小计", None, None],
    [None, "本页小计", "50"], [None, None, "以上合计：5人"], [None, "东湖社区小计", "4家"],
    [None, "华美科技小计", "4人"], ["共 35 人", None], [None, "共计35人"], ["　合　计　", 3],
])
def test_totals_are_never_records(cells):
    assert reader.is_total_row(cells)


@pytest.mark.parametrize("cells", [
    [1, "李小计", "男", ID],  # a person whose given name is 小计
    [1, "深圳市总计算机服务有限公司", "私营"],
    [1, "全红", "女", ID], [1, "合欢", "女", ID],
])
def test_records_that_merely_look_like_totals_are_kept(cells):
    assert not reader.is_total_row(cells)


@pytest.mark.parametrize("cells", [
    ["填表人：王芳", None, None, "审核人：李主席", None, "联系电话：0755-88881234"],
    ["单位负责人：", None, "填表人：", None, "2024年12月"],
    ["经办人：李专干", None, "分管领导：", None, "报送日期："],
    [None, None, "第 1 页 共 4 页"], [None, "（以下空白）"], ["- 3 -"], ["注：身份证号须为文本"],
    ["示例", "张三", "男", ID], ["（示例）", "张三", "男", ID],
])
def test_notes_and_example_rows_are_never_records(cells):
    assert reader.is_footer_row(cells)


@pytest.mark.parametrize("cells", [
    ["注意", ID], ["第五伦", "男", ID], ["范冰", "女", ID], ["单丽", "女", ID],
    ["联系人：王芳", "填表人：", ID],  # an ID makes it a record whatever the first cell says
])
def test_records_that_merely_start_like_notes_are_kept(cells):
    assert not reader.is_footer_row(cells)


def test_rows_showing_only_merged_cells_are_not_records():
    header = ["序号", "单位", "姓名", "身份证号"]
    rows = reader.SheetRows([
        header,
        [1, "甲公司", "张三", ID],
        ["", "甲公司", "", ""],  # a blank row inside 甲公司 merged down B2:B4
        [2, "甲公司", "李四", ID[:-1] + "5"],
        ["二、退休会员", "二、退休会员", "二、退休会员", "二、退休会员"],  # a section title merged A5:D5
        [3, "乙公司", "王五", ""],  # typed: a record (refused later for its missing ID)
    ])
    rows.copies = {2: {1: 1}, 3: {1: 1}, 4: {1: 4, 2: 4, 3: 4}}
    data, totals = reader.data_rows(rows, 0, header, {0})
    assert [n for n, _ in data] == [2, 4, 6] and totals == []


def test_instruction_and_example_sheets_are_not_searched(book):
    path = book("tpl.xlsx", {"填表说明": [["姓名", "身份证号"]], "填写示例": [["姓名", "身份证号"], ["张三", ID]],
                             "名册": [["姓名", "身份证号"]]})
    assert reader.sheet_names(path) == ["名册"]
    only = book("only.xlsx", {"示例": [["姓名", "身份证号"], ["张三", ID]]})
    assert reader.sheet_names(only) == ["示例"]  # the clerk typed her roll into the template's sheet


def test_an_xlsx_named_xls_is_read_by_its_content(tmp_path, book):
    path = book("roll.xlsx", {"会员": [["姓名", "身份证号"], ["张三", ID]]})
    renamed = path.rename(tmp_path / "roll.xls")
    wb = reader.open_workbook(renamed)
    assert reader.sheet_rows(wb, renamed, "会员")[1] == ["张三", ID]
