"""An honours list naming an org by its name before a 更名: the window's result message and the
CLI's output both say 按曾用名匹配：旧名 → 新名; the honour keeps the name it was given under
and belongs to the renamed org."""

from __future__ import annotations

import openpyxl
from PySide6.QtWidgets import QFileDialog

from unionoffice.cli import main
from unionoffice.core.honours import records as honours
from unionoffice.core.orgs import lifecycle
from unionoffice.core.orgs.records import create_org
from unionoffice.ui.honours.tab import HonoursTab

OLD, NEW = "深圳市华美科技有限公司", "深圳市华美智能股份有限公司"
NOTE = f"按曾用名匹配：{OLD} → {NEW}"


def _renamed_and_list(store, tmp_path):
    org = create_org(store, {"name": OLD, "workers": 50, "union_mode": "独立建会"})
    lifecycle.record_event(store, org, "更名", "2025-03-01", new_value=NEW)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["对象", "荣誉类别", "级别", "年度", "单位", "授予单位"])
    ws.append(["集体", "工人先锋号", "区级", 2026, OLD, "罗湖区总工会"])
    path = tmp_path / "表彰名单.xlsx"
    wb.save(path)
    return org, path


def test_window_import_says_which_org_was_found_by_its_former_name(qtbot, store, messages, monkeypatch, tmp_path):
    org, path = _renamed_and_list(store, tmp_path)
    tab = HonoursTab(store)
    qtbot.addWidget(tab)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), "")))
    tab.import_list()
    assert "已导入荣誉 1 项" in messages.texts()
    assert NOTE in messages.texts()
    assert tab.table.rowCount() == 1 and tab.table.cell_text(0, 5) == OLD  # as the honour was given
    assert [h["org_id"] for h in honours.list_honours(store)] == [org]


def test_cli_import_prints_the_former_name_note(store, tmp_path, capsys):
    _org, path = _renamed_and_list(store, tmp_path)
    db = store.path
    store.close()
    assert main(["honours", "import", "--db", str(db), str(path)]) == 0
    out = capsys.readouterr().out
    assert "已导入荣誉 1 项" in out and NOTE in out
    assert main(["honours", "import", "--db", str(db), str(path)]) == 0
    out = capsys.readouterr().out
    assert "已登记过的 1 项" in out and NOTE in out  # the same list again still says how it matched
