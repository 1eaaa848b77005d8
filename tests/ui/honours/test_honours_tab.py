"""The 评先评优 tab as a clerk uses it: an honour entered on the form shows in the list and on the
member's record (with her 劳模 level), bad input stays on the form, export and import work."""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog

from unionoffice.core.members.records import create_member, get_member
from unionoffice.core.orgs.records import create_org
from unionoffice.ui.honours.tab import HonoursTab
from unionoffice.ui.members.dialog import MemberDialog

ID_A = "110105198001010032"


def test_honour_entered_in_the_window_shows_on_the_member(qtbot, store, messages, monkeypatch, tmp_path):
    org = create_org(store, {"name": "深圳市华美电子有限公司", "workers": 120, "union_mode": "独立建会"})
    member = create_member(store, {"name": "张三", "id_number": ID_A, "org_id": org, "joined_date": "2015-01-01"})
    tab = HonoursTab(store)
    qtbot.addWidget(tab)
    form = tab.open_form(None)
    form.category.setCurrentText("劳动模范")
    form.level.setCurrentText("区")
    form.year.setText("2026")
    form.issuer.setText("罗湖区人民政府")
    form.id_number.setText(ID_A)
    assert form.save()
    assert tab.table.rowCount() == 1 and tab.table.cell_text(0, 4) == "张三"
    assert tab.table.cell_text(0, 5) == "深圳市华美电子有限公司"
    assert get_member(store, member)["model_worker"] == "区级"

    form = tab.open_form(None)
    form.kind.setCurrentText("集体")
    form.category.setCurrentText("工人先锋号")
    form.year.setText("2026")
    assert not form.save()  # no org: the form says so and stays open
    assert "获奖单位" in form.error.text()
    form.org.setCurrentText("深圳市华美电子有限公司")
    assert form.save()
    assert tab.count_label.text() == "个人 1 人次，集体 1 个"

    dialog = MemberDialog(store, member)
    qtbot.addWidget(dialog)
    titles = [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
    page = dialog.tabs.widget(titles.index("荣誉与服务卡"))
    assert page.honour_list.item(0).text() == "区级劳动模范（2026年，罗湖区人民政府）"
    assert page.card_label.text() == "会员服务卡：未登记"

    out = tmp_path / "h.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), "")))
    tab.export()
    assert out.exists() and "已导出荣誉 2 条" in messages.texts()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(out), "")))
    tab.import_list()
    assert "已登记过的 2 项未重复导入" in messages.texts()

    tab.table.selectRow(0)
    tab.delete_selected()
    assert tab.table.rowCount() == 1
