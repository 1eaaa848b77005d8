"""Officers and facilities corrected, an officer's term ended (离任) without deleting, and the merges
list imports use (same row again: 'same')."""

from __future__ import annotations

import pytest

from unionoffice.core.errors import UserError
from unionoffice.core.orgs.records import create_org
from unionoffice.core.union_standing import records as standing


@pytest.fixture
def union(store):
    return create_org(store, {"name": "单位甲", "workers": 20, "union_mode": "独立建会", "union_founded": "2020-01-01"})


def test_officer_corrected_and_ended(store, union):
    oid = standing.add_officer(store, union, {"role": "主席", "name": "王 五", "since": "2021-01-01"})
    standing.update_officer(store, oid, {"role": "副主席", "name": "王五", "phone": "138 0013 8000",
                                         "since": "2021-01-01"})
    o = standing.get_officer(store, oid)
    assert (o["role"], o["name"], o["phone"], o["until"]) == ("副主席", "王五", "13800138000", None)
    standing.end_officer(store, oid, "2025年6月30日")
    assert standing.get_officer(store, oid)["until"] == "2025-06-30"
    assert standing.officers_of(store, union, serving_only=True) == []
    assert [x["id"] for x in standing.officers_of(store, union)] == [oid]  # kept, not deleted
    rows = store.query("SELECT count(*) FROM audit WHERE table_name = 'union_officers' AND row_id = ?", (oid,))
    assert rows[0][0] >= 3  # every change audited


@pytest.mark.parametrize("data, message", [
    ({"role": "主席", "name": ""}, "请填写姓名"),
    ({"role": "秘书长", "name": "王五"}, "职务“秘书长”无法识别"),
    ({"role": "主席", "name": "王五", "since": "2025-01-01", "until": "2024-01-01"}, "离任日期早于任职日期"),
    ({"role": "主席", "name": "王五", "since": "2025-13-01"}, "任职日期"),
])
def test_bad_officer_edits_are_refused_and_nothing_changes(store, union, data, message):
    oid = standing.add_officer(store, union, {"role": "主席", "name": "王五"})
    with pytest.raises(UserError, match=message):
        standing.update_officer(store, oid, data)
    assert standing.get_officer(store, oid)["role"] == "主席"


def test_end_officer_refuses_blank_future_and_missing(store, union):
    oid = standing.add_officer(store, union, {"role": "委员", "name": "李四", "since": "2021-01-01"})
    with pytest.raises(UserError, match="请填写离任日期"):
        standing.end_officer(store, oid, "")
    with pytest.raises(UserError, match="晚于今天"):
        standing.end_officer(store, oid, "2099-01-01")
    with pytest.raises(UserError, match="离任日期早于任职日期"):
        standing.end_officer(store, oid, "2020-01-01")
    standing.delete_officers(store, [oid])
    with pytest.raises(UserError, match="不存在"):
        standing.end_officer(store, oid, "2025-01-01")


def test_facility_corrected_and_bad_edit_refused(store, union):
    fid = standing.add_facility(store, union, {"kind": "职工书屋", "set_up_date": "2024-05-01"})
    standing.update_facility(store, fid, {"kind": "职工之家", "name": "示范职工之家", "level": "区级",
                                          "set_up_date": "2024/6/1"})
    f = standing.get_facility(store, fid)
    assert (f["kind"], f["name"], f["level"], f["set_up_date"]) == ("职工之家", "示范职工之家", "区", "2024-06-01")
    with pytest.raises(UserError, match="请填写建立日期"):
        standing.update_facility(store, fid, {"kind": "职工之家", "set_up_date": ""})
    with pytest.raises(UserError, match="类型“活动室”无法识别"):
        standing.update_facility(store, fid, {"kind": "活动室", "set_up_date": "2024-06-01"})
    assert standing.get_facility(store, fid)["name"] == "示范职工之家"


def test_merges_are_idempotent_and_keep_what_blank_cells_do_not_say(store, union):
    row = {"role": "经审", "name": "赵六", "since": "2022-01-01"}
    assert standing.merge_officer(store, union, row) == "new"
    assert standing.officers_of(store, union)[0]["role"] == "经审委员"
    assert standing.merge_officer(store, union, row) == "same"
    assert standing.merge_officer(store, union, {"role": "经审委员", "name": "赵六", "phone": "13800138000"}) == "changed"
    assert standing.officers_of(store, union)[0]["since"] == "2022-01-01"  # blank since kept
    fac = {"kind": "书屋", "name": "职工书屋", "level": "街道", "set_up_date": "2023-03-01"}
    assert standing.merge_facility(store, union, fac) == "new"
    assert standing.merge_facility(store, union, fac) == "same"
    assert standing.merge_facility(store, union, {**fac, "level": ""}) == "same"  # blank keeps 街道
    assert standing.merge_facility(store, union, {**fac, "level": "区"}) == "changed"
    assert len(standing.facilities_of(store, union)) == 1
