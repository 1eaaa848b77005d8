"""The import wizard as a clerk goes through it: file → column mapping → preview → import in the
background → result; re-importing changes nothing; problem rows are explained and reported."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from PySide6.QtWidgets import QFileDialog

from roll_fixtures import LI_ID, ZENG_ID, ZHANG_ID, advance
from unionoffice.core.members import records as members
from unionoffice.exchange.importing import importer
from unionoffice.ui.members.tab import MembersTab
from unionoffice.ui.orgs.tab import OrgsTab

DATA = Path(__file__).resolve().parents[2] / "data"
SHARED = Path(__file__).resolve().parents[4] / "shared" / "samples"


@pytest.fixture
def sample(tmp_path) -> Path:
    """The street's 会员名册 sample: a title row, 60 members, a 合计 row."""
    source = DATA / "members-sample.xlsx"
    if not source.is_file():
        source = SHARED / "members-sample.xlsx"
    return Path(shutil.copy(source, tmp_path / "会员名册.xlsx"))


@pytest.fixture
def messy(tmp_path) -> Path:
    """A small roll with a bad checksum, an ID Excel turned into a number, and a phone column."""
    wb = Workbook()
    ws = wb.active
    ws.title = "名册"
    ws.append(["东湖街道会员名册"])
    ws.append(["姓名", "身份证号码", "工作单位", "联系方式"])
    ws.append(["曾国藩", ZENG_ID, "深圳市华美科技有限公司", "13812345678"])
    ws.append(["张三丰", ZHANG_ID[:17] + ("0" if ZHANG_ID[17] != "0" else "1"), "深圳市华美科技有限公司", ""])
    ws.append(["李四", float(LI_ID[:17]) * 10, "深圳市金桥酒店", ""])
    ws.append(["合计", "3人"])
    path = tmp_path / "messy.xlsx"
    wb.save(path)
    return path


@pytest.fixture
def tab(qtbot, store):
    widget = MembersTab(store)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def start(tab, path):
    wizard = tab.import_members()
    wizard.set_path(path)
    return wizard


def run_through(qtbot, wizard):
    """下一步 to the preview, then 开始导入 and wait for the background import to end."""
    advance(qtbot, wizard)
    assert wizard.currentPage() is wizard.mapping_page
    advance(qtbot, wizard)
    assert wizard.currentPage() is wizard.preview_page
    advance(qtbot, wizard)
    assert wizard.currentPage() is wizard.run_page
    qtbot.waitUntil(lambda: wizard.run_page.isComplete(), timeout=15000)


def test_sample_roll_imports_60_members_then_nothing(qtbot, tab, store, sample):
    wizard = start(tab, sample)
    advance(qtbot, wizard)
    mapping = wizard.mapping_page
    assert "表头在第 3 行" in mapping.info_label.text()
    assert [c.currentText() for c in mapping.combos] == ["（不导入）", "姓名", "性别", "身份证号", "手机", "所在单位", "入会日期"]
    assert mapping.table.item(1, 1).text() == "谢婷燕"  # the first data row under the header
    advance(qtbot, wizard)
    preview = wizard.preview_page
    assert preview.summary_label.text().startswith("新增 60 人，更新 0 人，无变化 0 人，拒绝 0 行")
    assert "合计" in preview.detail_label.text()
    assert preview.new_table.rowCount() == 60
    advance(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.result is not None, timeout=15000)
    assert wizard.result.imported == 60
    assert "新增 60 人" in wizard.run_page.status_label.text()
    assert tab.count_label.text() == "共 60 人"
    assert "合计" not in tab.shown_names()

    again = start(tab, sample)
    advance(qtbot, again)
    assert "已按上次确认的对应关系" in again.mapping_page.info_label.text()
    advance(qtbot, again)
    assert "没有需要写入的内容" in again.preview_page.detail_label.text()
    advance(qtbot, again)
    qtbot.waitUntil(lambda: again.result is not None, timeout=15000)
    assert (again.result.imported, again.result.updated, again.result.unchanged) == (0, 0, 60)
    assert tab.count_label.text() == "共 60 人"
    assert store.counts()["members"] == 60


def test_problem_rows_are_explained_and_reported(qtbot, tab, store, messy, tmp_path, monkeypatch, messages):
    wizard = start(tab, messy)
    advance(qtbot, wizard)
    advance(qtbot, wizard)
    preview = wizard.preview_page
    assert "新增 1 人" in preview.summary_label.text() and "拒绝 2 行" in preview.summary_label.text()
    rejected = {preview.rejected_table.item(r, 1).text(): preview.rejected_table.item(r, 3).text()
                for r in range(preview.rejected_table.rowCount())}
    assert set(rejected) == {"4", "5"}
    assert "校验位" in rejected["4"]
    original = preview.rejected_table.item(0, 4)  # the row's cells on screen: the ID masked as everywhere
    bad_id = ZHANG_ID[:17] + ("0" if ZHANG_ID[17] != "0" else "1")
    assert bad_id not in original.text() + original.toolTip()
    assert f"{bad_id[:6]}********{bad_id[-4:]}" in original.toolTip()
    assert preview.tabs.currentWidget() is preview.rejected_table
    assert preview.new_orgs_list.count() == 1  # 深圳市华美科技有限公司 is created with its member
    report = tmp_path / "另存的问题清单.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(report), "")))
    preview.report_button.click()
    cells = [str(c.value) for row in load_workbook(report).active.iter_rows() for c in row]
    assert "张三丰" in cells and "李四" in cells and "曾国藩" not in cells
    assert "导入问题清单已保存" in messages.texts()
    advance(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.result is not None, timeout=15000)
    assert (wizard.result.imported, wizard.result.rejected) == (1, 2)
    assert wizard.run_page.report_button.isVisibleTo(wizard.run_page)
    assert tab.shown_names() == ["曾国藩"]


def test_mapping_can_be_corrected_and_is_remembered(qtbot, tab, store, messy):
    wizard = start(tab, messy)
    advance(qtbot, wizard)
    mapping = wizard.mapping_page
    assert mapping.combos[3].currentText() == "手机"
    mapping.set_field(3, None)  # the clerk doesn't want that column
    mapping.set_field(2, "name")
    advance(qtbot, wizard)
    assert "“姓名”对应了两列" in mapping.error_label.text()
    assert wizard.currentPage() is mapping
    mapping.set_field(2, "org_id")
    run_through_rest(qtbot, wizard)
    assert members.find_by_id_number(store, ZENG_ID)["phone"] == ""
    again = start(tab, messy)
    advance(qtbot, again)
    assert "已按上次确认的对应关系" in again.mapping_page.info_label.text()
    assert again.mapping_page.combos[3].currentText() == "（不导入）"


def run_through_rest(qtbot, wizard):
    advance(qtbot, wizard)
    assert wizard.currentPage() is wizard.preview_page
    advance(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.run_page.isComplete(), timeout=15000)


def test_unreadable_file_is_explained_on_the_first_page(qtbot, tab, tmp_path):
    bad = tmp_path / "不是表格.xlsx"
    bad.write_text("hello", encoding="utf-8")
    wizard = start(tab, bad)
    advance(qtbot, wizard)
    assert wizard.currentPage() is wizard.file_page
    assert "不是表格.xlsx" in wizard.file_page.error_label.text()
    assert "#c0392b" in wizard.file_page.error_label.styleSheet()  # a problem: red
    wizard.set_path(tmp_path / "没有这个文件.xlsx")
    advance(qtbot, wizard)
    assert wizard.file_page.error_label.text().startswith("找不到文件")


def test_reading_is_said_in_grey_not_as_an_error(qtbot, tab, messy):
    wizard = start(tab, messy)
    wizard.file_page.validatePage()  # 下一步: the reading starts in the background
    label = wizard.file_page.error_label
    assert label.text() == "正在读取…" and "#777" in label.styleSheet()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.mapping_page or label.text() != "正在读取…", timeout=15000)


def test_browse_remembers_the_folder(qtbot, tab, sample, monkeypatch):
    seen = []

    def fake_open(parent, title, folder, filters):
        seen.append(folder)
        return str(sample), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(fake_open))
    wizard = tab.import_members()
    wizard.file_page.browse()
    assert wizard.file_page.path_edit.text() == str(sample)
    tab.import_members().file_page.browse()
    assert seen[-1] == str(sample.parent)


def test_cancel_leaves_the_file_as_it_was(qtbot, tab, store, sample, monkeypatch):
    real = importer.apply_import
    gate = threading.Event()

    def held(worker_store, plan, progress=None):
        def tick(done, total):
            if total and done >= total:
                gate.wait(5)  # the last rows are in, not yet committed: the clerk presses 取消
            progress(done, total)

        return real(worker_store, plan, tick)

    monkeypatch.setattr(importer, "apply_import", held)
    wizard = start(tab, sample)
    advance(qtbot, wizard)
    advance(qtbot, wizard)
    advance(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.operation is not None and wizard.operation.is_running())
    wizard.operation.cancel()
    gate.set()
    qtbot.waitUntil(lambda: wizard.run_page.state == "cancelled", timeout=10000)
    assert "已取消导入" in wizard.run_page.status_label.text()
    assert store.counts()["members"] == 0
    assert wizard.result is None


def test_orgs_import_from_the_orgs_tab(qtbot, store, tmp_path):
    source = DATA / "orgs-sample.xlsx"
    if not source.is_file():
        source = SHARED / "orgs-sample.xlsx"
    path = Path(shutil.copy(source, tmp_path / "单位台账.xlsx"))
    tab = OrgsTab(store)
    qtbot.addWidget(tab)
    wizard = tab.import_orgs()
    assert wizard.windowTitle() == "导入单位台账"
    wizard.set_path(path)
    advance(qtbot, wizard)
    advance(qtbot, wizard)
    assert "新增" in wizard.preview_page.summary_label.text()
    advance(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.result is not None, timeout=15000)
    assert tab.model.rowCount() == wizard.result.imported + wizard.result.orgs_created > 0
    assert "建会率" in tab.rates_label.text() and "（已建会 0 / 在册单位 0，" not in tab.rates_label.text()


def test_the_problem_report_is_written_beside_the_file(qtbot, tab, messy):
    wizard = start(tab, messy)
    run_through(qtbot, wizard)
    report = messy.with_name("messy-导入问题.xlsx")
    assert report.is_file()
    assert str(report) in wizard.run_page.status_label.text()
    cells = [str(c.value) for row in load_workbook(report).active.iter_rows() for c in row]
    assert "张三丰" in cells and "李四" in cells


def test_the_preview_is_read_off_the_window_thread_and_can_be_cancelled(qtbot, tab, sample, monkeypatch):
    real = importer.prepare_import
    seen = {}
    gate = threading.Event()

    def slow(store, path, kind, *, progress=None, **kw):
        seen["thread"] = threading.current_thread()
        plan = real(store, path, kind, progress=progress, **kw)
        gate.wait(5)
        progress(1, 2)  # a cancel takes effect here
        return plan

    monkeypatch.setattr(importer, "prepare_import", slow)
    wizard = start(tab, sample)
    wizard.next()
    qtbot.waitUntil(lambda: "thread" in seen)
    assert wizard.busy and seen["thread"] is not threading.main_thread()
    qtbot.waitUntil(lambda: wizard.operation.dialog.isVisible(), timeout=5000)  # progress shown, window alive
    wizard.operation.cancel()
    gate.set()
    qtbot.waitUntil(lambda: not wizard.busy, timeout=10000)
    assert wizard.currentPage() is wizard.file_page
    assert "已取消读取" in wizard.file_page.error_label.text()
    monkeypatch.setattr(importer, "prepare_import", real)
    advance(qtbot, wizard)
    assert wizard.currentPage() is wizard.mapping_page


def test_conflicts_are_listed_with_both_values_and_taken_row_by_row(qtbot, tab, store, tmp_path):
    import os
    import time

    from unionoffice.core.orgs.records import create_org

    wb = Workbook()
    ws = wb.active
    ws.append(["姓名", "身份证号码", "工作单位"])
    ws.append(["曾国藩", ZENG_ID, "东方商场"])
    ws.append(["李四", LI_ID, "东方商场"])
    path = tmp_path / "名册.xlsx"
    wb.save(path)
    os.utime(path, (time.time() - 600, time.time() - 600))
    run_through(qtbot, start(tab, path))
    sun = create_org(store, {"name": "太阳百货", "workers": 9, "union_mode": "独立建会"})
    for id_number in (ZENG_ID, LI_ID):
        members.transfer_member(store, members.find_by_id_number(store, id_number)["id"], sun, "2026-03-01")

    wizard = start(tab, path)
    advance(qtbot, wizard)
    advance(qtbot, wizard)
    preview = wizard.preview_page
    assert "冲突 2 人" in preview.summary_label.text()
    assert preview.tabs.currentWidget() is preview.conflicts_box
    text = preview.conflicts_table.item(0, 2).text()
    assert "本程序中为 太阳百货" in text and "文件中为 东方商场" in text
    assert not any(ch.isdigit() for ch in text.split("：", 1)[1].split("，")[0])  # a name, not an id
    preview.take_all()  # both moves were made after the file was saved: taking all leaves them
    assert all(not r.take for r in wizard.plan.conflicts)
    preview.take_row(0)
    assert "1 人采用文件中的值" in preview.summary_label.text()
    advance(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.result is not None, timeout=15000)
    orgs_now = {m["name"]: store.scalar("SELECT name FROM orgs WHERE id = ?", (m["org_id"],))
                for m in (members.find_by_id_number(store, i) for i in (ZENG_ID, LI_ID))}
    assert orgs_now == {"曾国藩": "东方商场", "李四": "太阳百货"}


def test_the_sample_shows_dates_and_masks_ids_as_the_import_reads_them(qtbot, tab, tmp_path):
    """Step 2's sample: a 入会日期 kept as a number in a 常规 cell reads as its date (not 40175);
    the ID and the mobile are masked as in every list."""
    wb = Workbook()
    ws = wb.active
    ws.append(["姓名", "身份证号码", "手机", "入会日期"])
    ws.append(["曾国藩", ZENG_ID, "13812345678", 40175])
    path = tmp_path / "dated.xlsx"
    wb.save(path)
    wizard = start(tab, path)
    advance(qtbot, wizard)
    table = wizard.mapping_page.table
    row = [table.item(1, c).text() for c in range(4)]
    assert row == ["曾国藩", f"{ZENG_ID[:6]}********{ZENG_ID[-4:]}", "138****5678", "2009-12-28"]


def test_the_preview_opens_on_the_tab_that_has_something(qtbot, tab, store, tmp_path):
    """Only an update to make: the preview shows 将更新, not an empty 将新增 (the newcomer's walk)."""
    def roll(phone):
        wb = Workbook()
        wb.active.append(["姓名", "身份证号码", "工作单位", "联系方式"])
        wb.active.append(["曾国藩", ZENG_ID, "深圳市华美科技有限公司", phone])
        path = tmp_path / f"{phone}.xlsx"
        wb.save(path)
        return path

    first = start(tab, roll("13812345678"))
    run_through(qtbot, first)
    wizard = start(tab, roll("13912345678"))
    advance(qtbot, wizard)
    advance(qtbot, wizard)
    preview = wizard.preview_page
    assert preview.tabs.currentWidget() is preview.updates_table
    assert preview.updates_table.item(0, 2).text() == "手机：138****5678 → 139****5678"


def test_the_bar_standing_full_says_the_import_is_saving(qtbot, tab, sample, monkeypatch):
    """After the last row the indexes, histories and the sealed log are still being saved: the
    progress words say so rather than stand at 已写入 60 / 60 as if stuck."""
    from unionoffice.ui.widgets import runner

    said = []
    real_start = runner.Operation.start

    def start_recording(op):
        op.progressed.connect(lambda done, total, text: said.append(text))
        return real_start(op)

    monkeypatch.setattr(runner.Operation, "start", start_recording)
    wizard = start(tab, sample)
    run_through(qtbot, wizard)
    written = [t for t in said if t.startswith("已写入")]
    assert written[-1] == "已写入 72 / 72，正在保存（整理索引、封存操作日志）…"  # 60 members, 12 new 单位
    assert all("正在保存" not in t for t in written[:-1])
