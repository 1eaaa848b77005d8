"""Workbooks that carry one trap each: Excel's 1904 calendar, formulas never calculated, invisible
characters, rows with several problems at once. The clerk must see every one of them."""

from __future__ import annotations

import datetime

from exchange_books import ROLL_HEADER, person_id

from unionoffice.exchange.importing.importer import apply_import, prepare_import


def _write(path, rows, *, epoch_1904=False, formulas=None, header=ROLL_HEADER):
    """rows as lists; formulas: {cell ref: formula text} written without a cached value."""
    from openpyxl import Workbook
    from openpyxl.utils.datetime import CALENDAR_MAC_1904

    wb = Workbook()
    if epoch_1904:
        wb.epoch = CALENDAR_MAC_1904
    ws = wb.active
    ws.title = "名册"
    ws.append(header)
    for row in rows:
        ws.append(row)
    for ref, formula in (formulas or {}).items():
        ws[ref] = formula
    wb.save(path)
    return path


def test_a_1904_workbook_reads_serials_in_general_cells_as_its_own_calendar(store, tmp_path):
    may_day = datetime.date(2019, 5, 1)
    serial_1904 = (may_day - datetime.date(1904, 1, 1)).days
    rows = [[1, "张三", "男", person_id(1), "13800138000", "甲公司", serial_1904],
            [2, "李四", "男", person_id(2), "13800138001", "甲公司", may_day]]  # a date cell
    plan = prepare_import(store, _write(tmp_path / "mac.xlsx", rows, epoch_1904=True), "members")
    assert not plan.rejected
    assert [r.values["joined_date"] for r in plan.new_rows] == ["2019-05-01", "2019-05-01"]


def test_the_1900_calendar_is_kept_for_ordinary_workbooks(store, tmp_path):
    serial_1900 = (datetime.date(2019, 5, 1) - datetime.date(1899, 12, 30)).days
    rows = [[1, "张三", "男", person_id(1), "13800138000", "甲公司", serial_1900]]
    plan = prepare_import(store, _write(tmp_path / "pc.xlsx", rows), "members")
    assert plan.new_rows[0].values["joined_date"] == "2019-05-01"


def test_formula_cells_without_a_value_are_refused_by_name_never_taken_as_empty(store, tmp_path):
    rows = [[1, "张三", "男", person_id(1), None, "甲公司", None],
            [2, None, "男", person_id(2), "13800138001", "甲公司", None],
            [3, "王五", "男", None, "13800138002", "甲公司", None],
            [4, "赵六", "男", person_id(4), "13800138003", "甲公司", None]]
    path = _write(tmp_path / "formulas.xlsx", rows,
                  formulas={"E2": '=CONCATENATE("138","00138000")', "B3": "=Sheet2!A1", "D4": "=A1&B1"})
    plan = prepare_import(store, path, "members")
    reasons = {r.row: r.reason for r in plan.rejected}
    assert set(reasons) == {2, 3, 4}
    assert reasons[2] == "手机：公式未计算，请在 Excel/WPS 中打开并保存后再导入"
    assert reasons[3].startswith("姓名：公式未计算") and "未填写" not in reasons[3]
    assert reasons[4].startswith("身份证号：公式未计算") and "未填写" not in reasons[4]
    assert [r.values["name"] for r in plan.new_rows] == ["赵六"]


def test_invisible_characters_are_removed_and_counted(store, tmp_path):
    rows = [[1, "\u202e三张", "男", person_id(1), "13800138000", "甲\u200b公司", None],
            [2, "李\ufeff四", "男", person_id(2), "13800138001", "甲公司", None],
            [3, "王五", "男", person_id(3), "13800138002", "甲公司", "2019年5月\u20661日"],
            [4, "赵六", "男", person_id(4), "13800138003", "甲公司", "2019年5月\u20661日"],
            [5, "孙七", "男", person_id(5), "13800138004", "甲公司", None]]
    plan = prepare_import(store, _write(tmp_path / "bidi.xlsx", rows), "members")
    assert [r.values["name"] for r in plan.new_rows] == ["三张", "李四", "王五", "赵六", "孙七"]
    assert [r.values.get("joined_date") for r in plan.new_rows][2:4] == ["2019-05-01", "2019-05-01"]
    assert plan.new_orgs == ["甲公司"]
    assert plan.invisible_cleaned == 4 and "已清除 4 行中的不可见字符" in plan.summary()
    apply_import(store, plan)
    names = [r[0] for r in store.query("SELECT name FROM members ORDER BY id")]
    assert names == ["三张", "李四", "王五", "赵六", "孙七"]
    assert store.scalar("SELECT name FROM orgs WHERE name LIKE '甲%'") == "甲公司"


def test_every_problem_of_a_row_is_listed_the_duplicate_first_with_the_id_masked(store, tmp_path):
    twin = person_id(1)
    rows = [[1, "张三", "男", twin, "13800138000", "甲公司", None],
            [2, "张三丰", "女", twin, "12345", "甲公司", "2019-13-45"]]
    plan = prepare_import(store, _write(tmp_path / "twins.xlsx", rows), "members")
    (rejected,) = plan.rejected
    assert rejected.row == 3
    parts = rejected.reason.split("；")
    assert parts[0] == f"身份证号 {twin[:6]}********{twin[-4:]} 与第 2 行重复"
    assert twin not in rejected.reason
    assert any(p.startswith("性别") for p in parts) and any("手机" in p for p in parts) \
        and any("入会日期" in p for p in parts)
    assert rejected.field.startswith("身份证号")


def test_a_bad_first_row_still_names_its_twin(store, tmp_path):
    twin = person_id(1)
    rows = [[1, "张三", "女", twin, "13800138000", "甲公司", None],  # wrong sex
            [2, "张三", "男", twin, "13800138000", "甲公司", None]]
    plan = prepare_import(store, _write(tmp_path / "twins2.xlsx", rows), "members")
    reasons = {r.row: r.reason for r in plan.rejected}
    assert reasons[2].startswith("性别")
    assert reasons[3].startswith("身份证号") and "与第 2 行重复" in reasons[3]
    assert not plan.new_rows


def test_report_of_a_formula_row_shows_the_formula(store, tmp_path):
    from openpyxl import load_workbook

    from unionoffice.exchange.importing.importer import write_report

    rows = [[1, "张三", "男", person_id(1), None, "甲公司", None]]
    plan = prepare_import(store, _write(tmp_path / "f.xlsx", rows, formulas={"E2": "=A1"}), "members")
    out = write_report(plan, tmp_path / "f-导入问题.xlsx")
    cells = [c.value for row in load_workbook(out).active.iter_rows() for c in row]
    assert "（未计算的公式 =A1）" in cells


def test_a_ledger_loses_its_invisible_characters_too(store, tmp_path):
    header = ["单位名称", "职工人数", "建会方式", "工会主席", "联系电话"]
    rows = [["\u202e司公甲", 10, "独立建会", "张\u200d三", "13800138000"],
            ["乙公司", 5, "未建会", None, "0755-88881234"]]
    plan = prepare_import(store, _write(tmp_path / "ledger.xlsx", rows, header=header), "orgs")
    assert [r.values["name"] for r in plan.new_rows] == ["司公甲", "乙公司"]
    assert plan.new_rows[0].values["union_chair"] == "张三"
    assert plan.invisible_cleaned == 1
    # 联系电话 beside 工会主席 is the org's own phone (乙公司 has no chair at all)
    assert [r.values.get("contact_phone") for r in plan.new_rows] == ["13800138000", "0755-88881234"]
    assert not any(r.values.get("union_chair_phone") for r in plan.new_rows)
