"""The import wizard on a roll made by several predecessors: what the preview tells the clerk."""

from __future__ import annotations

import datetime

import pytest
from openpyxl import Workbook

from roll_fixtures import LI_ID, WANG_ID, ZENG_ID, ZHANG_ID, advance
from unionoffice.ui.members.tab import MembersTab


@pytest.fixture
def two_hands(tmp_path):
    """东湖社区 by one clerk (title, 小计, 填表人 line, a year typed as a number), 桂园社区 by another."""
    wb = Workbook()
    ws = wb.active
    ws.title = "东湖社区"
    ws.append(["东湖社区会员名册"])
    ws.merge_cells("A1:E1")
    ws.append(["序号", "姓  名", "身份证\n号码", "工作单位", "入会\n时间"])
    ws.append([1, "曾国藩", ZENG_ID, "深圳市华美科技有限公司", datetime.date(2019, 5, 1)])
    ws.append([2, "张三丰", ZHANG_ID, "深圳市华美科技有限公司", 2019.5])
    ws.append([None, "本页小计", "2人"])
    ws.append(["填表人：王芳", None, "审核人：李主席"])
    other = wb.create_sheet("桂园社区")
    other.append(["姓名", "身份证号", "单位", "备注"])
    other.append(["李四", LI_ID, "深圳市金桥酒店", None])
    other.append(["王五", WANG_ID, "深圳市金桥酒店", "退休"])
    path = tmp_path / "两位前任.xlsx"
    wb.save(path)
    return path


def test_preview_reads_both_hands_sheets_and_shows_each_reason_whole(qtbot, store, two_hands):
    tab = MembersTab(store)
    qtbot.addWidget(tab)
    tab.show()
    wizard = tab.import_members()
    wizard.set_path(two_hands)
    advance(qtbot, wizard)
    advance(qtbot, wizard)
    preview = wizard.preview_page
    # 桂园社区 has its own columns (单位 + 备注) and is read with them
    assert "新增 3 人" in preview.summary_label.text() and "拒绝 1 行" in preview.summary_label.text()
    notes = preview.detail_label.text()
    assert "本页小计" not in notes and "第 5 行" in notes  # the 小计 row was skipped, and said so
    assert "也像名册" not in notes
    table = preview.rejected_table
    assert table.rowCount() == 1 and table.item(0, 1).text() == "4"
    reason = table.item(0, 3).text()
    assert "看不出是几月" in reason and "写成 2019-05-01" in reason
    # tall enough for the whole reason, not one line cut off at the column edge
    assert table.rowHeight(0) >= 2 * table.fontMetrics().height()
    assert "\n" not in table.item(0, 4).text() and "张三丰" in table.item(0, 4).text()
