"""Finding the table in a messy sheet, and guessing which column is which."""

from __future__ import annotations

import pytest

from unionoffice.exchange.importing import mapping, reader


@pytest.mark.parametrize(("headers", "expected"), [
    (["序号", "姓 名", "身份证号码"], [None, "name", "id_number"]),
    (["No.", "职工姓名", "公民身份号码", "手机号码"], [None, "name", "id_number", "phone"]),
    (["姓名*", "身份证号（必填）", "入会时间\n(年月日)", "工作单位名称"], ["name", "id_number", "joined_date", "org_id"]),
    (["会员姓名", "身份证件号码", "文化程度", "是否农民工", "户口性质"],
     ["name", "id_number", "education", "is_migrant", "hukou"]),
    (["姓名", "身份证号", "备用列", ""], ["name", "id_number", None, None]),
])
def test_member_header_variants(headers, expected):
    assert list(mapping.guess_mapping("members", headers).values()) == expected


def test_org_header_variants():
    headers = ["企业名称", "社会信用代码", "经济类型", "职工人数（人）", "其中：女职工", "工会主席联系电话", "是否建会"]
    assert list(mapping.guess_mapping("orgs", headers).values()) == [
        "name", "credit_code", "category", "workers", "women_workers", "union_chair_phone", "union_mode"]


def test_each_field_goes_to_one_column():
    assert list(mapping.guess_mapping("members", ["姓名", "姓名", "身份证号"]).values()) == ["name", None, "id_number"]


def test_title_and_instructions_are_not_headers():
    score = lambda t: mapping.header_score("members", t)  # noqa: E731
    assert score(["东湖街道工会会员名册"] * 5) == 0  # a merged title fills every cell
    assert score(["姓名", "必填"]) == 0
    assert score(["姓名", "身份证号"]) > 0


def test_headers_key_ignores_spacing():
    assert mapping.headers_key("members", ["姓 名", "身份证号"]) == mapping.headers_key("members", ["姓名", "身份证号 "])
    assert mapping.headers_key("members", ["姓名"]) != mapping.headers_key("orgs", ["姓名"])


def test_data_rows_skip_blank_total_footer_and_repeated_header():
    header = ["序号", "姓名", "身份证号"]
    rows = [header,
            [1, "甲", "X1"],
            ["", "", ""],
            [2, "", ""],  # only a serial number: blank
            [" ", "\u3000", ""],  # spaces only: blank
            header,  # printed pages repeat the header
            [3, "乙", "X2"],
            ["小 计", "2人", ""],
            ["", "总计：", "2"],
            ["填表人：李专干"],
            ["", "总人数：2"],
            ["注：身份证号须为文本"]]
    data, totals = reader.data_rows(rows, 0, header, {0})
    assert [(n, cells[1]) for n, cells in data] == [(2, "甲"), (7, "乙")]
    assert totals == [8, 9, 11]


def test_a_name_only_row_is_data_not_a_footer():
    header = ["姓名", "身份证号"]
    data, _ = reader.data_rows([header, ["张三", ""]], 0, header, set())
    assert len(data) == 1


def test_hidden_sheets_are_not_searched(tmp_path, book):
    from openpyxl import load_workbook

    path = book("h.xlsx", {"下拉选项": [["姓名", "身份证号"], ["甲", "1"]], "名册": [["姓名", "身份证号"]]})
    wb = load_workbook(path)
    wb["下拉选项"].sheet_state = "hidden"
    wb.save(path)
    assert reader.sheet_names(path) == ["名册"]
    assert reader.sheet_names(path, visible_only=False) == ["下拉选项", "名册"]
