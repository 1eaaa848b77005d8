"""Importing a messy 会员名册: what a clerk sees in the preview, in the office, and in the report."""

from __future__ import annotations

import datetime

import pytest
from openpyxl import load_workbook

from exchange_books import ROLL_HEADER, person_id
from unionoffice.core.members import records as members_mod
from unionoffice.core.errors import UserError
from unionoffice.exchange.importing.importer import (
    apply_import,
    prepare_import,
    remember_mapping,
    write_report,
)

HUAMEI, JINQIAO = "深圳市华美科技有限公司", "深圳市金桥商贸有限公司"
FULL_WIDTH = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")


def messy_rows():
    bad_check = person_id(7)[:17] + ("0" if person_id(7)[17] != "0" else "1")
    return [
        [1, "张三", "男", person_id(1), "13800138000", HUAMEI, datetime.date(2019, 5, 1)],         # row 4
        [2, "李 四", "女", person_id(2, female=True), 13800138001.0, HUAMEI, 43586],               # row 5
        [3, "王五", None, person_id(3), "13700137000.0", JINQIAO, "2019.5.1"],                     # row 6
        [4, "赵六", "男", person_id(4).translate(FULL_WIDTH), None, f"　{JINQIAO} ", "2019年5月1日"],  # row 7
        [5, "曾国藩", "男", person_id(5), None, HUAMEI, "2019/05"],                                 # row 8
        [6, "钱七", "男", float(person_id(6)[:17] + "0"), None, HUAMEI, None],                     # row 9: number
        [7, "孙八", "男", bad_check, None, HUAMEI, None],                                          # row 10
        [8, "张三丰", "男", person_id(1), None, HUAMEI, None],                                      # row 11: dup
        [9, None, "男", person_id(9), None, HUAMEI, None],                                          # row 12: no name
        [None] * 7,                                                                                 # row 13: blank
        [10, "周九", "女", person_id(10), None, HUAMEI, None],                                      # row 14: gender
        [11, "吴十", "男", person_id(11), "12345", HUAMEI, None],                                   # row 15: phone
        [12, "郑十一", "男", person_id(12), None, HUAMEI, "2019-13-01"],                            # row 16: month
    ]


def by_row(plan):
    return {r.row: r for r in plan.rejected}


def test_preview_counts_and_reasons(store, roll):
    plan = prepare_import(store, roll(messy_rows()), "members")
    assert plan.sheet == "会员名册" and plan.header_row == 3
    assert (len(plan.new_rows), len(plan.updates), plan.unchanged) == (5, 0, 0)
    assert sorted(by_row(plan)) == [9, 10, 11, 12, 14, 15, 16]
    assert sorted(plan.new_orgs) == sorted([HUAMEI, JINQIAO])
    assert plan.skipped_totals == [("会员名册", 17)]
    assert plan.summary().startswith("新增 5 人，更新 0 人，无变化 0 人，拒绝 7 行，新建单位 2 个（待补全")
    rej = by_row(plan)
    assert rej[9].field == "身份证号" and "Excel" in rej[9].reason and "数字" in rej[9].reason
    assert rej[10].field == "身份证号" and "校验位" in rej[10].reason
    assert rej[11].field == "身份证号" and "第 4 行重复" in rej[11].reason
    assert rej[12].field == "姓名" and "姓名" in rej[12].reason
    assert rej[14].field == "性别" and "与身份证号不符" in rej[14].reason
    assert rej[15].field == "手机" and rej[15].reason.startswith("手机：") and "12345" in rej[15].reason
    assert rej[16].field == "入会日期" and rej[16].reason.startswith("入会日期") and "月份" in rej[16].reason
    assert rej[12].values["身份证号码"] == person_id(9) and rej[12].sheet == "会员名册"


def test_nothing_is_written_by_the_preview(store, roll):
    prepare_import(store, roll(messy_rows()), "members")
    assert store.counts() == {"orgs": 0, "members": 0}
    assert store.scalar("SELECT count(*) FROM audit") == 0


def test_apply_stores_clean_values(store, roll):
    plan = prepare_import(store, roll(messy_rows()), "members")
    result = apply_import(store, plan)
    assert (result.imported, result.updated, result.unchanged, result.rejected, result.orgs_created) == (5, 0, 0, 7, 2)
    rows = {r["name"]: dict(r) for r in store.query(
        "SELECT m.*, o.name AS org FROM members m JOIN orgs o ON o.id = m.org_id")}
    assert set(rows) == {"张三", "李四", "王五", "赵六", "曾国藩"}
    assert {r["joined_date"] for r in rows.values()} == {"2019-05-01"}
    assert rows["李四"]["phone"] == "13800138001" and rows["张三"]["phone"] == "13800138000"
    assert rows["王五"]["phone"] == "13700137000"
    assert rows["赵六"]["id_number"] == person_id(4)  # full-width digits made half-width
    assert rows["赵六"]["org"] == JINQIAO  # trimmed, matched to the same org
    assert rows["王五"]["gender"] == "男" and rows["王五"]["birth_date"] == "1985-03-07"
    assert store.scalar("SELECT count(*) FROM members WHERE name LIKE '%合计%'") == 0
    assert store.scalar("SELECT count(*) FROM member_events WHERE kind = '入会'") == 5
    # every new row is in the audit trail, orgs too
    assert store.scalar("SELECT count(*) FROM audit WHERE table_name = 'members' AND action = 'insert'") == 5
    assert store.scalar("SELECT count(*) FROM audit WHERE table_name = 'orgs' AND action = 'insert'") == 2


def test_found_by_surname_aware_initials_after_import(store, roll):
    apply_import(store, prepare_import(store, roll(messy_rows()), "members"))
    found = members_mod.members_by_ids(store, members_mod.search_member_ids(store, "zgf"))
    assert [m["name"] for m in found] == ["曾国藩"]


def test_reimport_changes_nothing(store, roll):
    path = roll(messy_rows())
    apply_import(store, prepare_import(store, path, "members"))
    audit_rows = store.scalar("SELECT count(*) FROM audit")
    again = prepare_import(store, path, "members")
    assert (len(again.new_rows), len(again.updates), again.unchanged, len(again.rejected)) == (0, 0, 5, 7)
    assert again.new_orgs == []
    result = apply_import(store, again)
    assert (result.imported, result.updated, result.unchanged) == (0, 0, 5)
    assert store.scalar("SELECT count(*) FROM audit") == audit_rows


def test_changed_row_updates_the_member_with_an_audit_row(store, roll, book):
    apply_import(store, prepare_import(store, roll(messy_rows()), "members"))
    rows = messy_rows()
    rows[0][4] = "13912345678"  # 张三's new phone
    rows[2][5] = HUAMEI  # 王五 moved to 华美
    plan = prepare_import(store, roll(rows, name="v2.xlsx"), "members")
    assert (len(plan.new_rows), len(plan.updates), plan.unchanged) == (0, 2, 3)
    changes = {p.values["name"]: p.changes for p in plan.updates}
    assert changes["张三"] == {"phone": ("13800138000", "13912345678")}
    assert set(changes["王五"]) == {"org_id"}
    apply_import(store, plan)
    zhang = members_mod.find_by_id_number(store, person_id(1))
    assert zhang["phone"] == "13912345678"
    entries = store.query("SELECT before, after FROM audit WHERE table_name = 'members' AND action = 'update' "
                          "AND row_id = ?", (zhang["id"],))
    assert len(entries) == 1 and "13800138000" in entries[0]["before"] and "13912345678" in entries[0]["after"]
    wang = members_mod.find_by_id_number(store, person_id(3))
    assert wang["org_name"] == HUAMEI
    assert [e["kind"] for e in members_mod.member_events(store, wang["id"])] == ["入会", "转入"]


def test_blank_cells_never_erase_what_the_office_knows(store, roll):
    apply_import(store, prepare_import(store, roll(messy_rows()), "members"))
    rows = messy_rows()
    rows[0][4] = None  # 张三's phone left blank in the new sheet
    plan = prepare_import(store, roll(rows, name="v2.xlsx"), "members")
    assert plan.updates == [] and plan.unchanged == 5


def index_sql(store):
    """The members table's indexes as the schema defines them (a big import rebuilds them)."""
    return sorted(tuple(r) for r in store.query(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'members'"))


def test_a_first_big_import_leaves_every_index_as_it_was(store, roll):
    before = index_sql(store)
    assert any(name == "members_pinyin" for name, _ in before)
    apply_import(store, prepare_import(store, roll(messy_rows()), "members"))
    assert index_sql(store) == before
    # and the rebuilt indexes answer: the initials search goes through members_initials
    assert [m["name"] for m in members_mod.members_by_ids(store, members_mod.search_member_ids(store, "zgf"))] == ["曾国藩"]
    assert [r[0] for r in store.query("PRAGMA integrity_check")] == ["ok"]


def test_cancel_leaves_the_file_as_it_was(store, roll):
    before = index_sql(store)
    plan = prepare_import(store, roll(messy_rows()), "members")
    seen = []

    def progress(done, total):
        seen.append((done, total))
        if done > 0:
            raise KeyboardInterrupt  # the clerk pressed 取消

    with pytest.raises(KeyboardInterrupt):
        apply_import(store, plan, progress)
    assert seen[0] == (0, 7)  # 2 orgs + 5 members
    assert store.counts() == {"orgs": 0, "members": 0}
    assert index_sql(store) == before
    assert store.scalar("SELECT count(*) FROM audit") == 0
    assert store.scalar("SELECT count(*) FROM member_events") == 0


def test_a_crash_half_way_leaves_the_file_as_it_was(store, roll, monkeypatch):
    from unionoffice.core.imports import rolls as roll_import

    before = index_sql(store)
    plan = prepare_import(store, roll(messy_rows()), "members")

    def boom(*args):
        raise RuntimeError("disk gone")

    monkeypatch.setattr(roll_import, "_join_events", boom)
    with pytest.raises(RuntimeError):
        apply_import(store, plan)
    assert store.counts() == {"orgs": 0, "members": 0}
    assert store.scalar("SELECT count(*) FROM audit") == 0
    # the insert trigger dropped by bulk_insert is back (its re-creation was rolled back too)
    assert store.scalar("SELECT count(*) FROM sqlite_master WHERE name = 'audit_members_insert'") == 1
    assert index_sql(store) == before  # the indexes set aside for the big insert are back


def test_member_in_recycle_bin_is_not_imported_twice(store, roll):
    apply_import(store, prepare_import(store, roll(messy_rows()), "members"))
    zhang = members_mod.find_by_id_number(store, person_id(1))
    members_mod.delete_members(store, [zhang["id"]])
    plan = prepare_import(store, roll(messy_rows(), name="again.xlsx"), "members")
    assert "回收站" in by_row(plan)[4].reason


def test_header_variants_instruction_sheet_and_merged_org_cells(store, book):
    header = ["序号", "职工姓名", "性 别", "公民身份号码", "联系电话", "工作单位", "入会时间", "备注"]
    notes = [["填表说明"], ["1. 身份证号请设为文本格式"], ["姓名", "必填"]]
    rows = [
        ["东湖街道2026年会员花名册"] + [None] * 7,
        header,
        [1, "甲一", "男", person_id(21), None, HUAMEI, "2020-01-02", None],
        [2, "乙二", "男", person_id(22), None, None, "2020-01-02", None],  # org cell merged from above
        [3, "丙三", "男", person_id(23), None, None, "2020-01-02", "夜班"],
        [4, "丁四", "男", person_id(24), None, JINQIAO, "2020-01-02", None],
        [None, "小计", None, None, None, None, None, None],
        ["填表人：李专干　　　审核人：王主席"],
    ]
    path = book("variants.xlsx", {"填表说明": notes, "花名册": rows}, {"花名册": ["A1:H1", "F3:F5"]})
    plan = prepare_import(store, path, "members")
    assert plan.sheet == "花名册" and plan.header_row == 2
    assert plan.mapping == {0: None, 1: "name", 2: "gender", 3: "id_number", 4: "phone", 5: "org_id",
                            6: "joined_date", 7: "notes"}
    assert len(plan.new_rows) == 4 and plan.rejected == []
    assert [p.values["org_name"] for p in plan.new_rows] == [HUAMEI, HUAMEI, HUAMEI, JINQIAO]
    apply_import(store, plan)
    assert members_mod.find_by_id_number(store, person_id(23))["notes"] == "夜班"


def test_numbers_in_text_columns_keep_their_digits(store, book):
    header = ["姓名", "身份证号", "会员证号", "联系电话"]
    path = book("nums.xlsx", {"Sheet1": [header, ["甲", person_id(51), 20190012.0, 13800138000.0]]})
    (row,) = prepare_import(store, path, "members").new_rows
    assert (row.values["member_no"], row.values["phone"]) == ("20190012", "13800138000")


def test_data_split_over_sheets_with_the_same_header(store, book):
    def sheet(rows):
        return [ROLL_HEADER] + rows

    path = book("split.xlsx", {
        "东湖社区": sheet([[1, "甲", "男", person_id(31), None, HUAMEI, None]]),
        "桂园社区": sheet([[1, "乙", "男", person_id(32), None, JINQIAO, None],
                          [2, "丙", "男", person_id(31), None, JINQIAO, None]]),
    })
    plan = prepare_import(store, path, "members")
    assert plan.sheets == ["东湖社区", "桂园社区"] and len(plan.new_rows) == 2
    (dup,) = plan.rejected
    assert dup.sheet == "桂园社区" and dup.row == 3 and "工作表“东湖社区”第 2 行" in dup.reason


def test_no_header_found_is_one_clear_error(store, book):
    path = book("other.xlsx", {"Sheet1": [["品名", "数量"], ["毛巾", 3]]})
    with pytest.raises(UserError, match="other.xlsx 中找不到会员名册的表头"):
        prepare_import(store, path, "members")
    with pytest.raises(UserError, match="没有名为“名册”的工作表"):
        prepare_import(store, path, "members", sheet="名册")


def test_unreadable_file_names_the_file(store, tmp_path):
    bad = tmp_path / "坏文件.xlsx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(UserError, match="坏文件.xlsx"):
        prepare_import(store, bad, "members")
    with pytest.raises(UserError, match="找不到文件"):
        prepare_import(store, tmp_path / "missing.xlsx", "members")


def test_mapping_given_by_the_clerk_and_remembered(store, book):
    header = ["姓名", "证件", "单位"]  # '证件' is not a known spelling of 身份证号
    path = book("odd.xlsx", {"Sheet1": [header, ["甲", person_id(41), HUAMEI]]})
    with pytest.raises(UserError, match="找不到会员名册的表头"):
        prepare_import(store, path, "members")
    plan = prepare_import(store, path, "members", mapping={0: "name", 1: "id_number", 2: "org_id"})
    assert plan.header_row == 1 and len(plan.new_rows) == 1 and plan.rejected == []
    remember_mapping(store, plan)
    plan = prepare_import(store, path, "members")  # the same headers next time: no question asked
    assert plan.mapping_remembered and plan.mapping[1] == "id_number" and len(plan.new_rows) == 1
    # with the guessable headers the wizard's correction is remembered for the next file
    header = ["姓名", "身份证号", "单位", "卡号"]
    path = book("cards.xlsx", {"Sheet1": [header, ["甲", person_id(41), HUAMEI, "HY001"]]})
    plan = prepare_import(store, path, "members")
    assert plan.mapping[3] is None and not plan.mapping_remembered
    plan = prepare_import(store, path, "members", mapping={0: "name", 1: "id_number", 2: "org_id", 3: "member_no"})
    assert plan.new_rows[0].values["member_no"] == "HY001"
    remember_mapping(store, plan)
    second = book("cards2.xlsx", {"Sheet1": [header, ["乙", person_id(42), HUAMEI, "HY002"]]})
    plan = prepare_import(store, second, "members")
    assert plan.mapping_remembered and plan.mapping[3] == "member_no"
    assert plan.new_rows[0].values["member_no"] == "HY002"


def test_report_lists_every_rejected_row(store, roll, tmp_path):
    plan = prepare_import(store, roll(messy_rows()), "members")
    out = write_report(plan, tmp_path / "问题.xlsx")
    ws = load_workbook(out).active
    assert "个人信息" in ws["A1"].value
    header = [c.value for c in ws[2]]
    assert header[:4] == ["工作表", "行号", "字段", "原因"] and header[4:] == ROLL_HEADER
    body = [[c.value for c in row] for row in ws.iter_rows(min_row=3)]
    assert [r[1] for r in body] == [9, 10, 11, 12, 14, 15, 16]
    number_id = body[0]
    assert number_id[2] == "身份证号" and number_id[5] == "钱七" and number_id[7].startswith("4.40303198503070")


def test_members_listed_under_their_union_join_the_company(store, roll):
    """Rolls often name the member's 工会, not the company: 华美 by 工会 suffix, 金桥 by its 工会名称;
    a 联合工会 is a federation's name and never read as a company."""
    from unionoffice.core.orgs import records as orgs_mod

    huamei = orgs_mod.create_org(store, {"name": HUAMEI})
    jinqiao = orgs_mod.create_org(store, {"name": JINQIAO, "union_name": "金桥商贸职工之家"})
    federation = orgs_mod.create_org(store, {"name": "东湖社区联合工会", "is_federation": 1,
                                             "union_mode": "独立建会"})
    orgs_mod.create_org(store, {"name": "桂园社区", "is_federation": 1, "union_mode": "独立建会"})
    plan = prepare_import(store, roll([
        [1, "张三", "男", person_id(1), None, f"{HUAMEI}工会", None],
        [2, "李四", "女", person_id(2, female=True), None, f"{HUAMEI}工会委员会", None],
        [3, "王五", "男", person_id(3), None, "金桥商贸 职工之家", None],
        [4, "赵六", "男", person_id(4), None, "东湖社区联合工会", None],
        [5, "钱七", "男", person_id(5), None, "桂园社区工会", None],
    ]), "members")
    assert [r.values["org_id"] for r in plan.new_rows] == [huamei, huamei, jinqiao, federation, None]
    assert plan.new_orgs == ["桂园社区工会"]  # 桂园社区 is a 工联会, not this member's company


def test_a_federation_written_the_long_way_is_the_federation_not_a_new_org(store, roll):
    """The ledger calls it 桂园社区工联会, the community's roll 桂园社区工会联合会: the members are the
    federation's, not a new 待补全 org (a second 桂园社区 union the clerk would have to find and merge)."""
    from unionoffice.core.orgs import records as orgs_mod

    federation = orgs_mod.create_org(store, {"name": "桂园社区工联会", "is_federation": 1, "union_mode": "独立建会"})
    plan = prepare_import(store, roll([
        [1, "张三", "男", person_id(1), None, "桂园社区工会联合会", None],
        [2, "李四", "女", person_id(2, female=True), None, "桂园社区联合工会", None],
    ]), "members")
    assert [r.values["org_id"] for r in plan.new_rows] == [federation, federation]
    assert plan.new_orgs == []
