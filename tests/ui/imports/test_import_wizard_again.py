"""A clerk coming back to the import wizard: the roll she imported last time is filled in, the
orgs to be created are listed as the 单位 list lists them, and the preview's notes are still on
the page after 开始导入."""

from __future__ import annotations

import datetime
from pathlib import Path

from openpyxl import Workbook

from roll_fixtures import LI_ID, ZENG_ID, advance
from test_import_wizard import run_through, tab  # noqa: F401 - tab: the 会员 tab the wizard opens from
from unionoffice.core.values.ids import make_id_number
from unionoffice.ui.orgs.tab import OrgsTab


def roll(path: Path, rows: list[tuple[str, str, str]]) -> Path:
    wb = Workbook()
    wb.active.append(["姓名", "身份证号码", "工作单位"])
    for row in rows:
        wb.active.append(list(row))
    wb.save(path)
    return path


def import_all(qtbot, wizard) -> None:
    run_through(qtbot, wizard)
    assert wizard.result is not None


def test_the_last_imported_roll_is_filled_in_next_time(qtbot, tab, store, tmp_path):
    path = roll(tmp_path / "东湖会员名册.xlsx", [("曾国藩", ZENG_ID, "东方商场")])
    first = tab.import_members()
    assert first.file_page.path_edit.text() == ""  # nothing imported yet: nothing to offer
    first.set_path(path)
    import_all(qtbot, first)

    roll(path, [("曾国藩", ZENG_ID, "东方商场"), ("李四", LI_ID, "东方商场")])  # the roll, updated
    again = tab.import_members()
    assert again.file_page.path_edit.text() == str(path)
    assert "上次导入的文件" in again.file_page.error_label.text()
    import_all(qtbot, again)  # 下一步, 下一步, 开始导入: nothing typed, nothing browsed
    assert again.result.imported == 1
    assert store.counts()["members"] == 2

    orgs_tab = OrgsTab(store)  # a 单位台账 is another kind of file: not offered the member roll
    qtbot.addWidget(orgs_tab)
    assert orgs_tab.import_orgs().file_page.path_edit.text() == ""

    path.unlink()  # moved or deleted since: the wizard starts empty rather than on a missing file
    gone = tab.import_members()
    assert gone.file_page.path_edit.text() == "" and gone.file_page.error_label.text() == ""


def test_a_roll_that_was_only_previewed_is_not_remembered(qtbot, tab, tmp_path):
    wizard = tab.import_members()
    wizard.set_path(roll(tmp_path / "看看.xlsx", [("曾国藩", ZENG_ID, "东方商场")]))
    advance(qtbot, wizard)
    advance(qtbot, wizard)
    wizard.reject()
    assert tab.import_members().file_page.path_edit.text() == ""


NEW_ORGS_IN_ROLL_ORDER = ["中山百货商场", "安康医院", "北辰酒店", "曾记茶餐厅", "爱华电子厂"]


def test_orgs_to_create_are_listed_as_the_orgs_list_lists_them(qtbot, tab, store, tmp_path):
    people = [(f"会员{n}", make_id_number("440303", datetime.date(1980, 1, n + 1), 10 + n), org)
              for n, org in enumerate(NEW_ORGS_IN_ROLL_ORDER)]
    wizard = tab.import_members()
    wizard.set_path(roll(tmp_path / "新单位.xlsx", people))
    advance(qtbot, wizard)
    advance(qtbot, wizard)
    shown = wizard.preview_page.new_orgs_list
    listed = [shown.item(i).text() for i in range(shown.count())]
    # 爱 ai, 安 an, 北 bei, 曾 zeng, 中 zhong — not the roll's order
    assert listed == ["爱华电子厂", "安康医院", "北辰酒店", "曾记茶餐厅", "中山百货商场"]

    advance(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.run_page.isComplete(), timeout=15000)
    orgs_tab = OrgsTab(store)  # the order the 单位 tab then shows them in
    qtbot.addWidget(orgs_tab)
    assert orgs_tab.shown_names() == listed


def test_the_preview_notes_are_still_there_after_importing(qtbot, tab, store, tmp_path):
    """Members into a deregistered unit and a 未建会 one, and a new unit that sends 入会率 over 100%:
    what the preview said is on step 4 too, after 开始导入."""
    from unionoffice.core.orgs.lifecycle import record_event
    from unionoffice.core.orgs.records import create_org

    gone = create_org(store, {"name": "丙贸易公司", "workers": 1, "union_mode": "独立建会"})
    record_event(store, gone, "注销", "2022-03-21")
    create_org(store, {"name": "乙商行", "workers": 1, "union_mode": "未建会"})
    people = [(f"会员{n}", make_id_number("440303", datetime.date(1980, 1, n + 1), 10 + n), org)
              for n, org in enumerate(["丙贸易公司", "乙商行", "乙商行", "新开的公司"])]
    wizard = tab.import_members()
    wizard.set_path(roll(tmp_path / "名册.xlsx", people))
    advance(qtbot, wizard)
    advance(qtbot, wizard)
    preview = wizard.preview_page.detail_label.text()
    assert "已注销" in preview and "未建会" in preview
    advance(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.run_page.isComplete(), timeout=15000)
    page = wizard.run_page
    assert "新增 4 人" in page.status_label.text()
    notes = page.notes_label.text()
    assert not page.notes_label.isHidden()
    assert notes.startswith("预览时的提示（仍请留意）：")
    assert "丙贸易公司（注销 2022-03-21）" in notes and "登记为“未建会”（乙商行 2 人）" in notes
    assert "新建的 1 个单位为待补全" in notes and "入会率超过 100%" in notes


def test_no_notes_no_heading_after_importing(qtbot, tab, tmp_path):
    wizard = tab.import_members()
    wizard.set_path(roll(tmp_path / "名册.xlsx", [("曾国藩", ZENG_ID, "")]))
    import_all(qtbot, wizard)
    assert wizard.run_page.notes_label.text() == "" and wizard.run_page.notes_label.isHidden()
