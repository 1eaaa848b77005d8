"""The 区总工会报表 preview read on a 1366×768 screen: no column cuts its text — 单元格 (Sheet!D12（第2空）),
数值 and 来源 in full; only a long 表中栏目 or 指标 is shortened, and then its whole text is the tooltip."""

from __future__ import annotations

from openpyxl import Workbook

from unionoffice.ui.reports.district_return import DistrictReturnDialog

LONG_LABEL = "其中：本年度新组建的非公有制企业及社会组织基层工会联合会覆盖的单位数"


def _form(path):
    wb = Workbook()
    ws = wb.active
    ws.title = "基层组织建设情况"
    ws["A1"] = "填报单位：            统计时段："
    for c, h in enumerate(("序号", "指标名称", "计量单位", "数值"), start=1):
        ws.cell(2, c, h)
    rows = (("单位总数", "家"), ("会员总数", "人"), ("职工入会率", "%"), ("帮扶资金", "万元"), (LONG_LABEL, "个"))
    for r, (label, unit) in enumerate(rows, start=3):
        ws.cell(r, 2, label), ws.cell(r, 3, unit)
    ws["B20"] = "辖区共有单位____家，其中已建会____家，会员____人。"
    wb.save(path)
    return path


def _fits(table, row: int, col: int) -> bool:
    text = table.item(row, col).text()
    return table.fontMetrics().horizontalAdvance(text) + 8 <= table.columnWidth(col)


def test_every_column_readable_at_1366(qtbot, store, tmp_path):
    dialog = DistrictReturnDialog(store, 2026, 1)
    qtbot.addWidget(dialog)
    dialog.choose_template(_form(tmp_path / "区总工会下发.xlsx"))
    assert dialog.recognise()
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.width() <= 1366 and dialog.height() <= 768 - 40
    table = dialog.table
    wheres = [table.item(r, 0).text() for r in range(table.rowCount())]
    assert "基层组织建设情况!B20（第3空）" in wheres
    header = table.horizontalHeader()
    for col in range(table.columnCount()):
        head = table.horizontalHeaderItem(col).text()
        assert header.fontMetrics().horizontalAdvance(head) < table.columnWidth(col), head
    for row in range(table.rowCount()):
        for col in (0, 3, 4):  # 单元格, 数值, 来源: never cut
            assert _fits(table, row, col), (row, col, table.item(row, col).text(), table.columnWidth(col))
        for col in (1, 2):  # a long label may be shortened, with its whole text on hover
            item = table.item(row, col)
            assert _fits(table, row, col) or item.toolTip() == item.text(), item.text()
    long_row = next(r for r in range(table.rowCount()) if table.item(r, 1).text() == LONG_LABEL)
    assert table.item(long_row, 1).toolTip() == LONG_LABEL
    # the columns all fit beside each other in the dialog: nothing pushed off to the right
    used = sum(table.columnWidth(c) for c in range(table.columnCount() - 1))
    assert used < table.viewport().width()
