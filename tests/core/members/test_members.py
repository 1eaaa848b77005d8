"""Members: the roll keyed by 身份证号, membership life, recycle bin, and search as you type."""

from __future__ import annotations

import datetime

import pytest

from unionoffice.core.store import audit
from unionoffice.core.members import records as members
from unionoffice.core.orgs import records as orgs
from unionoffice.core.errors import UserError, ValueFormatError
from unionoffice.core.values.ids import make_id_number
from unionoffice.core.members.records import MemberFilter, search_member_ids


def pid(seq: int, born=datetime.date(1985, 3, 7)) -> str:
    return make_id_number("440303", born, seq)


@pytest.fixture
def org(store):
    return orgs.create_org(store, {"name": "深圳市华美科技有限公司"})


@pytest.fixture
def other_org(store):
    return orgs.create_org(store, {"name": "深圳市金桥商贸有限公司"})


def add(store, name, seq, org_id=None, **extra):
    data = {"name": name, "id_number": pid(seq), "org_id": org_id, "joined_date": "2019-05-01", **extra}
    return members.create_member(store, data)


def names_for(store, text="", filt=None):
    return [m["name"] for m in members.members_by_ids(store, search_member_ids(store, text, filt))]


# ------------------------------------------------------------------- CRUD


def test_create_derives_birth_date_and_gender(store, org):
    member_id = add(store, " 张 三 ", 1, org, phone="138 0013 8000", joined_date="2019年5月2日")
    m = members.get_member(store, member_id)
    assert (m["name"], m["gender"], m["birth_date"], m["phone"], m["joined_date"], m["org_name"]) == \
        ("张三", "男", "1985-03-07", "13800138000", "2019-05-02", "深圳市华美科技有限公司")
    assert (m["name_pinyin"], m["name_initials"], m["status"]) == ("zhangsan", "zs", "正常")
    assert [e["kind"] for e in members.member_events(store, member_id)] == ["入会"]
    assert audit.history(store.conn, "members", member_id)[0]["action"] == "insert"


def test_update_is_audited(store, org):
    member_id = add(store, "张三", 1, org)
    members.update_member(store, member_id, {"phone": "13912345678"})
    last = audit.history(store.conn, "members", member_id)[-1]
    assert last["action"] == "update" and audit.changed_fields(last) == {"phone": ("", "13912345678")}


@pytest.mark.parametrize(("data", "field", "words"), [
    ({"name": "", "id_number": pid(1)}, "name", "姓名"),
    ({"name": "张三", "id_number": "110101199003071235"}, "id_number", "校验位"),
    ({"name": "张三", "id_number": 1.10101199003074e17}, "id_number", "Excel"),
    ({"name": "张三", "id_number": pid(1), "gender": "女"}, "gender", "与身份证号不符"),
    ({"name": "张三", "id_number": pid(1), "status": "在逃"}, "status", "会籍状态"),
    ({"name": "张三", "id_number": pid(1), "phone": "12345"}, "phone", "12345"),
    ({"name": "张三", "id_number": pid(1), "joined_date": "2019-02-30"}, "date", "2月没有 30 日"),
    ({"name": "张三", "id_number": pid(1), "model_worker": "优秀"}, "model_worker", "劳模"),
    ({"name": "张三"}, "id_number", "身份证号"),
])
def test_validation_messages_name_the_field(store, data, field, words):
    with pytest.raises(ValueFormatError) as info:
        members.create_member(store, data)
    assert info.value.field == field and words in str(info.value)
    assert store.counts()["members"] == 0


def test_duplicate_id_is_refused_and_names_the_member(store):
    add(store, "张三", 1)
    with pytest.raises(ValueFormatError, match="已是会员“张三”"):
        add(store, "张叁", 1)


def test_unknown_org_is_refused(store):
    with pytest.raises(ValueFormatError, match="所选单位不存在"):
        add(store, "张三", 1, 999)


# ------------------------------------------------------------ membership life


def test_transfer_moves_the_member_and_keeps_history(store, org, other_org):
    member_id = add(store, "张三", 1, org)
    members.transfer_member(store, member_id, other_org, "2026-03-01", "调动")
    m = members.get_member(store, member_id)
    assert m["org_id"] == other_org
    events = members.member_events(store, member_id)
    assert [(e["kind"], e["from_org"], e["to_org"], e["event_date"]) for e in events][-1] == \
        ("转入", "深圳市华美科技有限公司", "深圳市金桥商贸有限公司", "2026-03-01")
    with pytest.raises(ValueFormatError, match="相同"):
        members.transfer_member(store, member_id, other_org, "2026-03-02")


def test_status_change_needs_a_reason_for_leaving(store, org):
    member_id = add(store, "张三", 1, org)
    with pytest.raises(ValueFormatError, match="退会须填写原因"):
        members.change_status(store, member_id, "退会", "2026-01-01")
    members.change_status(store, member_id, "退会", "2026-01-01", "本人申请")
    m = members.get_member(store, member_id)
    assert (m["status"], m["status_date"], m["status_reason"]) == ("退会", "2026-01-01", "本人申请")
    event = members.member_events(store, member_id)[-1]
    assert (event["old_status"], event["new_status"]) == ("正常", "退会")
    with pytest.raises(ValueFormatError, match="已经是"):
        members.change_status(store, member_id, "退会", "2026-01-02", "再次")
    members.change_status(store, member_id, "正常", "2026-02-01")
    assert members.get_member(store, member_id)["status"] == "正常"


def test_recycle_bin_restore_and_purge(store, org):
    a, b = add(store, "张三", 1, org), add(store, "李四", 2, org)
    assert members.delete_members(store, [a, b]) == 2
    assert names_for(store) == []
    assert sorted(names_for(store, filt=MemberFilter(recycle_bin=True))) == ["张三", "李四"]
    with pytest.raises(ValueFormatError, match="回收站"):
        add(store, "张三", 1)  # the ID still belongs to the deleted member
    assert members.restore_members(store, [a]) == 1
    assert names_for(store) == ["张三"]
    assert [h["action"] for h in audit.history(store.conn, "members", a)] == ["insert", "soft_delete", "restore"]
    assert members.purge_members(store, [a, b]) == 1  # only the one still in the bin
    assert members.get_member(store, b) is None and members.get_member(store, a) is not None


# ------------------------------------------------------------------- search


@pytest.fixture
def roll(store, org, other_org):
    add(store, "曾国藩", 1, org, phone="13800138000")
    add(store, "张三", 2, org, phone="13912345678", is_migrant=1)
    add(store, "单田芳", 3, other_org, phone="0755-88224466")
    add(store, "欧阳修", 4, other_org, model_worker="市级")
    add(store, "王芳", 5, org, is_retired=1)
    add(store, "尉迟恭", 6, org)
    return store


@pytest.mark.parametrize(("text", "expected"), [
    ("国藩", ["曾国藩"]),
    ("zgf", ["曾国藩"]),
    ("zengguofan", ["曾国藩"]),
    ("zeng", ["曾国藩"]),
    ("ZGF", ["曾国藩"]),
    ("cgf", []),
    ("stf", ["单田芳"]),
    ("shantianfang", ["单田芳"]),
    ("oyx", ["欧阳修"]),
    ("ycg", ["尉迟恭"]),
    ("芳", ["单田芳", "王芳"]),
    ("13800", ["曾国藩"]),
    ("8822", ["单田芳"]),
    ("0755", ["单田芳"]),
    ("z 藩", ["曾国藩"]),
    ("%", []),
    ("13", ["欧阳修", "单田芳", "王芳", "尉迟恭", "曾国藩", "张三"]),  # too short to filter yet
    ("", ["欧阳修", "单田芳", "王芳", "尉迟恭", "曾国藩", "张三"]),
])
def test_search_by_characters_pinyin_initials_and_fragments(roll, text, expected):
    assert names_for(roll, text) == expected


def test_search_by_id_fragment(roll):
    assert names_for(roll, pid(4)[-6:]) == ["欧阳修"]
    tail_x = next(i for i in range(7, 500) if pid(i).endswith("X"))
    add(roll, "李想", tail_x)
    assert names_for(roll, pid(tail_x)[-5:].lower()) == ["李想"]  # a lower-case x works too
    assert len(names_for(roll, "440303")) == 7  # the region code of every ID


def test_search_results_come_in_pinyin_order(roll):
    assert names_for(roll, "z") == ["曾国藩", "张三"]


def test_pinyin_and_initials_matches_merge_in_roll_order(roll):
    # 'sh': 沙华 and 单田芳 by full pinyin; 萨宏 (sahong) and 苏红 (suhong) by initials only, which
    # sort before and after them on the roll
    for seq, name in enumerate(("苏红", "萨宏", "沙华"), start=20):
        add(roll, name, seq)
    assert names_for(roll, "sh") == ["萨宏", "沙华", "单田芳", "苏红"]
    assert names_for(roll, "s") == ["萨宏", "沙华", "单田芳", "苏红"]
    assert names_for(roll, "shan") == ["单田芳"]


def test_fragment_matches_come_in_roll_order_and_combine(roll, org):
    wang = search_member_ids(roll, "wf")[0]
    members.update_member(roll, wang, {"phone": "13944030300"})  # the fragment in ID and phone: once
    assert names_for(roll, "440303") == ["欧阳修", "单田芳", "王芳", "尉迟恭", "曾国藩", "张三"]
    assert names_for(roll, "440303 138") == ["曾国藩"]  # one term in the ID, the other in the phone
    assert names_for(roll, "440303 芳") == ["单田芳", "王芳"]
    assert names_for(roll, "z 440303") == ["曾国藩", "张三"]
    assert names_for(roll, "440303", MemberFilter(org_id=org)) == ["王芳", "尉迟恭", "曾国藩", "张三"]
    assert names_for(roll, "138 139") == []
    assert names_for(roll, "88224466") == ["单田芳"]


def test_long_fragments_and_x_look_in_id_numbers_only(roll):
    assert names_for(roll, "13800138000") == ["曾国藩"]  # 11 digits: still a phone
    assert names_for(roll, pid(1)[6:]) == ["曾国藩"]  # 12 digits: an ID only
    tail_x = next(i for i in range(7, 500) if pid(i).endswith("X"))
    add(roll, "李想", tail_x, phone="13700000000")
    assert names_for(roll, pid(tail_x)[-4:]) == ["李想"]
    assert names_for(roll, "0000") == ["李想"]
    assert names_for(roll, "0000X") == []


def test_fragment_search_sees_changes_at_once(roll):
    assert names_for(roll, "13800") == ["曾国藩"]
    zeng = search_member_ids(roll, "zgf")[0]
    members.update_member(roll, zeng, {"phone": "13912300000"})
    assert names_for(roll, "13800") == []
    assert names_for(roll, "123000") == ["曾国藩"]
    members.delete_members(roll, [zeng])
    assert names_for(roll, "123000") == []
    assert names_for(roll, "123000", MemberFilter(recycle_bin=True)) == ["曾国藩"]
    members.restore_members(roll, [zeng])
    assert names_for(roll, "123000") == ["曾国藩"]


def test_fragment_search_sees_another_connections_commit(roll, db_path):
    assert names_for(roll, "13800") == ["曾国藩"]
    other = roll.open_worker()
    try:
        add(other, "钱七", 30, phone="13800999999")
    finally:
        other.close()
    assert names_for(roll, "13800") == ["钱七", "曾国藩"]


def test_fragment_search_inside_a_transaction_and_after_rollback(roll):
    zeng = search_member_ids(roll, "zgf")
    assert search_member_ids(roll, "13800") == zeng
    with pytest.raises(RuntimeError):
        with roll.atomic():
            qian = add(roll, "钱七", 30, phone="13800999999")
            assert search_member_ids(roll, "13800") == [qian, *zeng]  # its own uncommitted row
            raise RuntimeError("cancelled")
    assert search_member_ids(roll, "13800") == zeng  # not the id of the row rolled back


def test_filters(roll, org):
    assert names_for(roll, filt=MemberFilter(migrant=True)) == ["张三"]
    assert names_for(roll, filt=MemberFilter(model_worker=True)) == ["欧阳修"]
    assert names_for(roll, filt=MemberFilter(retired=True)) == ["王芳"]
    assert names_for(roll, "wf", MemberFilter(org_id=org)) == ["王芳"]
    assert names_for(roll, "芳", MemberFilter(org_id=org)) == ["王芳"]
    female = names_for(roll, filt=MemberFilter(female=True))
    assert all(members.get_member(roll, mid)["gender"] == "女" for mid in
               search_member_ids(roll, "", MemberFilter(female=True))) and female
    zhang = search_member_ids(roll, "zs")[0]
    members.change_status(roll, zhang, "保留", "2026-01-01")
    assert names_for(roll, filt=MemberFilter(status="保留")) == ["张三"]


def test_find_by_id_number_accepts_messy_input(roll):
    assert members.find_by_id_number(roll, " " + pid(1).lower() + " ")["name"] == "曾国藩"
    assert members.find_by_id_number(roll, "not an id") is None


def test_members_by_ids_keeps_the_order_given(roll):
    ids = search_member_ids(roll)
    assert [m["id"] for m in members.members_by_ids(roll, ids[::-1])] == ids[::-1]
    assert members.members_by_ids(roll, []) == []


def test_update_refuses_someone_elses_id(roll):
    zhang = search_member_ids(roll, "zs")[0]
    with pytest.raises(UserError, match="曾国藩"):
        members.update_member(roll, zhang, {"id_number": pid(1)})
