"""A roll imported again after the clerk worked in the program: her work is never undone silently."""

from __future__ import annotations

import os
import time

from exchange_books import person_id
from openpyxl import Workbook

from unionoffice.core.members import records as members
from unionoffice.core.orgs.records import create_org
from unionoffice.exchange.importing.importer import apply_import, prepare_import


def _roll(path, rows):
    wb = Workbook()
    ws = wb.active
    ws.append(["姓名", "身份证号", "手机号码", "所在单位", "会籍状态"])
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


ROWS = [["张三", person_id(1), "13800138001", "东方商场", "正常"],
        ["李四", person_id(2), "13800138002", "东方商场", "正常"],
        ["王五", person_id(3), "13800138003", "东方商场", "正常"],
        ["赵六", person_id(4), "13800138004", "东方商场", "正常"]]


def _worked_office(store, tmp_path):
    """The roll imported, then in the window: 张三 transferred, 李四 退会, 王五's phone edited."""
    path = _roll(tmp_path / "名册.xlsx", ROWS)
    old = time.time() - 3600
    os.utime(path, (old, old))  # the roll was saved an hour ago
    apply_import(store, prepare_import(store, path, "members"))
    sun = create_org(store, {"name": "太阳百货", "workers": 30, "union_mode": "独立建会"})
    ids = {m["name"]: m["id"] for m in (members.find_by_id_number(store, person_id(i)) for i in (1, 2, 3, 4))}
    members.transfer_member(store, ids["张三"], sun, "2026-03-01")
    members.change_status(store, ids["李四"], "退会", "2026-03-02", "本人申请")
    members.update_member(store, ids["王五"], {"phone": "13900139003"})
    return path, ids, sun


def test_an_older_roll_never_reverts_a_transfer_a_status_change_or_an_edit(store, tmp_path):
    path, ids, sun = _worked_office(store, tmp_path)
    plan = prepare_import(store, path, "members")
    assert not plan.updates and plan.unchanged == 1
    shown = {r.values["name"]: r.changes for r in plan.conflicts}
    assert set(shown) == {"张三", "李四", "王五"}
    org_id, file_org = shown["张三"]["org_id"]
    assert plan.names[org_id] == "太阳百货" and plan.names[file_org] == "东方商场"
    assert shown["李四"]["status"] == ("退会", "正常")
    assert shown["王五"]["phone"] == ("13900139003", "13800138003")
    assert "冲突 3 人" in plan.summary() and "保留本程序中的值" in plan.summary()
    result = apply_import(store, plan)
    assert result.updated == 0
    assert members.find_by_id_number(store, person_id(1))["org_id"] == sun
    assert members.find_by_id_number(store, person_id(2))["status"] == "退会"
    assert members.find_by_id_number(store, person_id(3))["phone"] == "13900139003"


def test_taking_all_skips_what_changed_after_the_file_was_saved_row_by_row_takes_it(store, tmp_path):
    path, ids, sun = _worked_office(store, tmp_path)
    plan = prepare_import(store, path, "members")
    assert plan.take_file_values() == 0  # all three were changed after the roll was saved
    by_name = {r.values["name"]: r for r in plan.conflicts}
    plan.take_file_values([by_name["王五"]])
    assert apply_import(store, plan).updated == 1
    assert members.find_by_id_number(store, person_id(3))["phone"] == "13800138003"
    assert members.find_by_id_number(store, person_id(1))["org_id"] == sun


def test_a_newer_file_is_taken_for_all_when_the_clerk_says_so(store, tmp_path):
    path, ids, sun = _worked_office(store, tmp_path)
    newer = _roll(tmp_path / "新名册.xlsx", ROWS)  # saved now, after the changes
    future = time.time() + 5
    os.utime(newer, (future, future))
    plan = prepare_import(store, newer, "members")
    assert plan.take_file_values() == 3
    apply_import(store, plan)
    zhang = members.find_by_id_number(store, person_id(1))
    assert store.scalar("SELECT name FROM orgs WHERE id = ?", (zhang["org_id"],)) == "东方商场"
    assert members.find_by_id_number(store, person_id(2))["status"] == "正常"
    kinds = [e["kind"] for e in members.member_events(store, zhang["id"])]
    assert kinds.count("转入") >= 2  # the move back is in the history like any transfer


def test_a_field_the_program_did_not_touch_still_updates(store, tmp_path):
    path, ids, sun = _worked_office(store, tmp_path)
    rows = [list(r) for r in ROWS]
    rows[0][2] = "13700137001"  # a new phone for 张三, whose org the clerk changed
    plan = prepare_import(store, _roll(tmp_path / "改.xlsx", rows), "members")
    (update,) = plan.updates
    assert update.values["name"] == "张三" and set(update.changes) == {"phone"}
    assert [r.values["name"] for r in plan.conflicts if "org_id" in r.changes] == ["张三"]


def test_cli_lists_conflicts_and_takes_file_values_when_asked(tmp_path):
    import os
    import subprocess
    import sys

    from unionoffice.core.store.connection import Store

    db = tmp_path / "o.db"
    with Store.open(db) as store:
        path, ids, sun = _worked_office(store, tmp_path)

    def cli(*args):
        done = subprocess.run([sys.executable, "-m", "unionoffice", "import", "members", str(path), "--db", str(db),
                               *args], capture_output=True, text=True, encoding="utf-8",
                              env={**os.environ, "PYTHONIOENCODING": "utf-8"})  # not the console's code page
        return done.returncode, done.stdout

    code, out = cli()
    assert code == 0 and "冲突 3 条" in out
    assert "所在单位：本程序中为 太阳百货，文件中为 东方商场" in out and "保留本程序中的值" in out
    assert "--take-file-values" in out
    newer = time.time() + 5
    os.utime(path, (newer, newer))
    code, out = cli("--take-file-values")
    assert code == 0 and "采用文件中的值" in out and "更新 3 人" in out


def test_phones_and_ids_in_the_change_text_are_masked(store, tmp_path):
    """What the wizard and the CLI show of a conflict or an update: masked like every list (the
    newcomer saw 15100780963 → 13700000000 in full); the values written stay whole."""
    from unionoffice.exchange.importing.conflicts import change_text, conflict_lines

    path, ids, sun = _worked_office(store, tmp_path)
    plan = prepare_import(store, path, "members")
    row = next(r for r in plan.conflicts if r.values["name"] == "王五")
    assert change_text(plan, row, conflict=True) == "手机：本程序中为 139****9003，文件中为 138****8003"
    assert all("13900139003" not in line and "13800138003" not in line for line in conflict_lines(plan))
    assert row.changes["phone"] == ("13900139003", "13800138003")


def test_the_original_cells_of_a_rejected_row_read_masked_on_screen(store, tmp_path):
    from unionoffice.exchange.importing.importer import mask_personal

    assert mask_personal(f"姓名=张三；身份证号={person_id(1)}；手机=13800138001") == \
        f"姓名=张三；身份证号={person_id(1)[:6]}********{person_id(1)[-4:]}；手机=138****8001"
    assert mask_personal("序号=12；入会日期=2019-05-01；会员证号=DH2024001413") == \
        "序号=12；入会日期=2019-05-01；会员证号=DH2024001413"  # dates and member numbers stay
    assert mask_personal("手机：电话号码“1581234567”无法识别") == "手机：电话号码“158***4567”无法识别"  # a digit short


def _aged(path, hours):
    when = time.time() - hours * 3600
    os.utime(path, (when, when))
    return path


def test_an_older_roll_never_undoes_what_a_newer_roll_brought(store, tmp_path):
    """The newcomer's walk: a big roll saved last week, a small one saved today changed 王五's
    phone; importing the big one again showed the old phone as a plain 更新. It is a conflict now,
    kept as it is unless the clerk takes the file's value, and it says which import changed it."""
    from unionoffice.exchange.importing.conflicts import conflict_lines

    old = _aged(_roll(tmp_path / "上周的名册.xlsx", ROWS), 24 * 7)
    apply_import(store, prepare_import(store, old, "members"))
    newer_rows = [list(r) for r in ROWS]
    newer_rows[2][2] = "13900139003"
    new = _aged(_roll(tmp_path / "今天的名册.xlsx", newer_rows), 1)
    result = apply_import(store, prepare_import(store, new, "members"))
    assert result.updated == 1  # a newer roll updates as before

    plan = prepare_import(store, old, "members")
    assert not plan.updates and plan.unchanged == 3
    (row,) = plan.conflicts
    assert row.values["name"] == "王五" and row.changes["phone"] == ("13900139003", "13800138003")
    assert row.by_file == "今天的名册.xlsx"
    assert "导入较新的“今天的名册.xlsx”时修改" in conflict_lines(plan)[0]
    assert plan.take_file_values() == 0  # 全部采用 leaves newer work alone; row by row only
    result = apply_import(store, plan)
    assert result.kept == 1 and result.kept_text("人") == "，冲突 1 人保留了本程序中的值"  # said after the import too
    assert members.find_by_id_number(store, person_id(3))["phone"] == "13900139003"


def test_a_roll_imported_twice_in_its_own_order_stays_a_plain_update(store, tmp_path):
    """Older first, then newer: the newer roll's change is an update, no conflict."""
    old = _aged(_roll(tmp_path / "旧.xlsx", ROWS), 48)
    apply_import(store, prepare_import(store, old, "members"))
    rows = [list(r) for r in ROWS]
    rows[0][2] = "13700137001"
    plan = prepare_import(store, _aged(_roll(tmp_path / "新.xlsx", rows), 1), "members")
    assert [r.values["name"] for r in plan.updates] == ["张三"] and not plan.conflicts


def test_a_copy_of_an_old_roll_received_today_is_still_an_old_roll(store, tmp_path):
    """The roll saved in Excel last month, sent over WeChat and downloaded today: the copy's file
    time is today, but the workbook says when it was saved. 全部采用 still leaves the transfer and
    the 退会 done in the program since then alone."""
    import datetime
    import zipfile

    path, ids, sun = _worked_office(store, tmp_path)
    month_ago = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(days=30)
    with zipfile.ZipFile(path) as z:
        core = z.read("docProps/core.xml").decode("utf-8")
    assert "dcterms:modified" in core  # as Excel and WPS write it
    copy = tmp_path / "名册(1).xlsx"
    wb = __import__("openpyxl").load_workbook(path)
    wb.save(copy)  # today, by the program that received it: the file time is now...
    with zipfile.ZipFile(copy) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    import re
    parts["docProps/core.xml"] = re.sub(  # ...but the workbook was last saved a month ago
        rb"(<dcterms:modified[^>]*>)[^<]*(<)", rb"\g<1>" + month_ago.strftime("%Y-%m-%dT%H:%M:%SZ").encode() + rb"\2",
        parts["docProps/core.xml"])
    with zipfile.ZipFile(copy, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    plan = prepare_import(store, copy, "members")
    assert len(plan.conflicts) == 3
    assert plan.take_file_values() == 0
    apply_import(store, plan)
    assert members.find_by_id_number(store, person_id(1))["org_id"] == sun
    assert members.find_by_id_number(store, person_id(2))["status"] == "退会"
