"""The audit trail in the clerk's words (core side of 操作日志) and ``unionoffice audit``."""

from datetime import date

import pytest
from openpyxl import load_workbook

from unionoffice.cli import main
from unionoffice.core.store import auth
from unionoffice.core.members import records as members
from unionoffice.core.orgs import records as orgs
from unionoffice.core.store.audit_query import AuditFilter, count_entries, entries, tables, users
from unionoffice.core.store.connection import Store

ZHANG_ID = "11010519491231002X"


@pytest.fixture
def acted(store):
    store.set_user("李专干")
    org = orgs.create_org(store, {"name": "东湖物业公司", "workers": 30, "contact_phone": "0755-82345678"})
    member = members.create_member(store, {"name": "张三", "id_number": ZHANG_ID, "phone": "13800138000",
                                           "org_id": org, "is_migrant": 1})
    members.update_member(store, member, {"status": "保留", "status_reason": "失业"})
    members.delete_members(store, [member])
    members.restore_members(store, [member])
    return {"org": org, "member": member}


def test_each_action_reads_as_done(store, acted):
    got = [(e.what, e.action_label) for e in entries(store)]
    assert got == [("会员 张三", "从回收站恢复"), ("会员 张三", "移入回收站"), ("会员 张三", "修改"),
                   ("会员 张三", "新增"), ("单位 东湖物业公司", "新增")]


def test_changed_fields_have_chinese_labels_and_readable_values(store, acted):
    update = entries(store, AuditFilter(action="update"))[0]
    assert [(c.label, c.before, c.after) for c in update.changes] == [
        ("会籍状态", "正常", "保留"), ("状态原因", "（空）", "失业")]
    insert = entries(store, AuditFilter(table="members", action="insert"))[0]
    shown = {c.label: c.after for c in insert.changes}
    assert shown["所在单位"] == "东湖物业公司"  # the org's name, not its id
    assert shown["农民工"] == "是"
    assert shown["身份证号"] == "110105********002X" and shown["手机"] == "138****8000"
    full = entries(store, AuditFilter(table="members", action="insert"), masked=False)[0]
    assert {c.label: c.after for c in full.changes}["身份证号"] == ZHANG_ID
    org = entries(store, AuditFilter(table="orgs"))[0]
    assert {c.label: c.after for c in org.changes}["联系电话"] == "0755-****5678"


def test_filters(store, acted):
    assert count_entries(store) == 5
    assert count_entries(store, AuditFilter(table="orgs")) == 1
    assert count_entries(store, AuditFilter(table="members", row_id=acted["member"])) == 4
    assert count_entries(store, AuditFilter(text="东湖")) == 1
    assert count_entries(store, AuditFilter(text="0519491231")) == 4
    assert count_entries(store, AuditFilter(user="李专干")) == 5
    assert count_entries(store, AuditFilter(user="别人")) == 0
    today = date.today()
    assert count_entries(store, AuditFilter(date_from=today, date_to=today)) == 5
    assert count_entries(store, AuditFilter(date_to="2000-01-01")) == 0
    assert count_entries(store, AuditFilter(text="100%_")) == 0  # LIKE characters are literal


def test_lists_for_the_filter_boxes(store, acted):
    assert users(store) == ["李专干"]
    assert tables(store) == [("members", "会员"), ("orgs", "单位")]


def test_password_changes_show_without_the_password(store):
    auth.set_password(store, "secret1")
    (entry,) = entries(store, AuditFilter(table="settings"))
    assert entry.what == "设置 打开密码" and entry.summary() == "打开密码：未设置 → 已设置"


def test_paging_by_id(store):
    with store.atomic():
        for i in range(25):
            orgs.create_org(store, {"name": f"单位{i:02d}"})
    first = entries(store, limit=10)
    second = entries(store, limit=10, before_id=first[-1].id)
    assert [e.record for e in first][:2] == ["单位24", "单位23"] and second[0].record == "单位14"


def test_audit_command_lists_and_exports(tmp_path, capsys):
    db = tmp_path / "office.db"
    with Store.open(db, user="李专干") as store:
        members.create_member(store, {"name": "张三", "id_number": ZHANG_ID, "phone": "13800138000"})
    assert main(["audit", "--db", str(db), "--table", "会员"]) == 0
    out = capsys.readouterr().out
    assert "李专干  会员 张三  新增" in out and "138****8000" in out and "共 1 条" in out
    assert main(["audit", "--db", str(db), "--full"]) == 0
    assert "13800138000" in capsys.readouterr().out
    target = tmp_path / "日志.xlsx"
    assert main(["audit", "--db", str(db), "--out", str(target)]) == 0
    rows = list(load_workbook(target).active.iter_rows(values_only=True))
    assert "个人信息" in rows[0][0] and rows[2][3:6] == ("会员", "张三", "新增")
    assert main(["audit", "--db", str(db), "--table", "猫"]) == 1
    assert "不是记录类型" in capsys.readouterr().err


def test_a_member_imported_in_bulk_reads_in_the_log_as_one_typed_in(store):
    """A bulk insert (a roll import) leaves the row id, time stamps and pinyin out of its audit
    rows; the 操作日志 still lists the very same fields and values as for a member added by hand."""
    from unionoffice.core.store import audit

    org = orgs.create_org(store, {"name": "东湖物业公司", "workers": 30})
    members.create_member(store, {"name": "张三", "id_number": ZHANG_ID, "phone": "13800138000", "org_id": org,
                                  "is_migrant": 1, "joined_date": "2019-05-01"})
    typed = store.one("SELECT * FROM members WHERE id_number = ?", (ZHANG_ID,))
    columns = [c for c in typed.keys() if c not in ("id", "created_at", "updated_at", "deleted_at")]
    copy = {**dict(typed), "id_number": "110105194912310048"}  # the same person but for the ID
    with store.atomic() as conn:
        audit.bulk_insert(conn, "members", columns, [[copy[c] for c in columns]])
    by_hand, in_bulk = sorted(entries(store, AuditFilter(table="members", action="insert")), key=lambda e: e.row_id)
    assert "name_pinyin" not in store.scalar("SELECT after FROM audit WHERE id = ?", (in_bulk.id,))

    def shown(entry):
        return [(c.label, c.after) for c in entry.changes if c.label != "身份证号"]

    assert in_bulk.what == by_hand.what == "会员 张三"
    assert ("手机", "138****8000") in shown(in_bulk) and ("入会日期", "2019-05-01") in shown(in_bulk)
    assert shown(in_bulk) == shown(by_hand)
