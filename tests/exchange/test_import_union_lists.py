"""工会委员名单, 职工之家/书屋/服务点台账 and 区域性/行业性合同名单 imported: headers by their
synonyms, orgs by today's or a former name (noted), every bad row named by file, row and field in
Chinese with nothing written, IDs masked, and the same list again changes nothing."""

from __future__ import annotations

import datetime

import pytest

from exchange_books import person_id
from unionoffice.core.errors import UserError
from unionoffice.core.orgs import lifecycle
from unionoffice.core.orgs.records import create_org
from unionoffice.core.union_standing import records as standing
from unionoffice.exchange.importing.areas import import_agreements, import_facilities, import_officers


@pytest.fixture
def unions(store):
    ids = {}
    for name in ("华美科技公司", "金桥商贸公司", "港岛酒店"):
        ids[name] = create_org(store, {"name": name, "workers": 20, "union_mode": "独立建会",
                                       "union_founded": "2020-01-01"})
    lifecycle.record_event(store, ids["华美科技公司"], "更名", "2025-03-01", new_value="华美智能公司")
    return ids


def _sheet(book, name, rows):
    return book(name, {"名单": [["东湖街道基层工会委员名单"], *rows]})


OFFICERS = [["序号", "单位名称", "工会职务", "姓名", "手机号码", "任职时间", "身份证号"],
            [1, "华美科技公司", "工会主席", "王五", "13800138000", datetime.date(2021, 1, 1), person_id(1)],
            [2, "金桥商贸公司", "经审", "赵六", None, "2022.3", None],
            [3, "金桥商贸公司", "女职工委员会委员", "钱七", None, None, None]]


def test_officers_list_imported_by_synonyms_and_former_names(store, book, unions):
    path = _sheet(book, "委员.xlsx", OFFICERS)
    result = import_officers(store, path)
    assert dict(result) == {"new": 3}
    assert "按曾用名匹配：华美科技公司 → 华美智能公司" in result.notes
    assert any("身份证号" in n for n in result.notes)  # the unread column is named
    roles = [(o["role"], o["name"], o["since"]) for o in standing.officers_of(store, unions["金桥商贸公司"])]
    assert roles == [("经审委员", "赵六", "2022-03-01"), ("女职工委员", "钱七", None)]
    assert standing.officers_of(store, unions["华美科技公司"])[0]["phone"] == "13800138000"
    assert dict(import_officers(store, path)) == {"same": 3}
    assert store.scalar("SELECT count(*) FROM union_officers") == 3


def test_bad_officer_rows_are_all_named_and_nothing_is_written(store, book, unions):
    rows = [OFFICERS[0],
            [1, "华美智能公司", "主席", "王五", None, None, None],
            [2, "没有的公司", "主席", "李四", None, None, None],
            [3, "港岛酒店", "秘书长", "孙八", None, None, None],
            [4, "港岛酒店", "主席", "周九", None, "2021-13-01", f"身份证 {person_id(2)}"]]
    with pytest.raises(UserError) as err:
        import_officers(store, _sheet(book, "坏名单.xlsx", rows))
    text = str(err.value)
    assert text.startswith("坏名单.xlsx 工作表“名单”有 3 行无法导入，未导入任何记录")
    assert "第4行（单位）：找不到单位“没有的公司”" in text
    assert "第5行（职务）：职务“秘书长”无法识别" in text
    assert "第6行（任职日期）" in text
    assert store.scalar("SELECT count(*) FROM union_officers") == 0


def test_facilities_ledger_imported_once(store, book, unions):
    rows = [["单位", "阵地类别", "阵地名称", "命名级别", "授牌日期", "备注"],
            ["港岛酒店", "职工之家", "港岛职工之家", "区级", "2024-05-01", None],
            ["港岛酒店", "书屋", None, "街道", "2023年3月1日", "100册"],
            ["华美科技公司", "职工服务站", "华美服务点", None, "2025-01-10", None]]
    path = _sheet(book, "阵地.xlsx", rows)
    result = import_facilities(store, path)
    assert dict(result) == {"new": 3} and result.notes == ["按曾用名匹配：华美科技公司 → 华美智能公司"]
    kinds = [(f["kind"], f["name"], f["level"]) for f in standing.facilities_of(store, unions["港岛酒店"])]
    assert kinds == [("职工书屋", "职工书屋", "街道"), ("职工之家", "港岛职工之家", "区")]
    assert dict(import_facilities(store, path)) == {"same": 3}
    bad = [rows[0], ["港岛酒店", "活动室", None, None, "2024-01-01", None], ["港岛酒店", "职工之家", "家", None, None, None]]
    with pytest.raises(UserError, match=r"第3行（类型）：类型“活动室”无法识别.*第4行（建立日期）：请填写建立日期"):
        import_facilities(store, _sheet(book, "坏阵地.xlsx", bad))
    assert store.scalar("SELECT count(*) FROM union_facilities") == 3


def test_regional_agreements_list_one_row_or_one_row_per_org(store, book, unions):
    rows = [["类型", "合同名称", "签订日期", "到期日期", "覆盖企业", "覆盖职工人数"],
            ["区域性集体合同", "东湖片区工资集体合同", "2025-01-01", "2027-12-31", "华美科技公司、金桥商贸公司", 40],
            ["行业性", "餐饮业集体合同", "2025-02-01", None, "金桥商贸公司", None],
            ["行业性", "餐饮业集体合同", "2025-02-01", None, "港岛酒店", None]]
    path = _sheet(book, "合同.xlsx", rows)
    result = import_agreements(store, path)
    assert dict(result) == {"new": 2} and "按曾用名匹配：华美科技公司 → 华美智能公司" in result.notes
    shown = {a["name"]: (a["kind"], a["org_count"]) for a in standing.list_agreements(store)}
    assert shown == {"东湖片区工资集体合同": ("区域性集体合同", 2), "餐饮业集体合同": ("行业性集体合同", 2)}
    assert dict(import_agreements(store, path)) == {"same": 2}
    more = rows[:2] + [["区域性集体合同", "东湖片区工资集体合同", "2025-01-01", None, "港岛酒店", None]]
    assert dict(import_agreements(store, _sheet(book, "合同2.xlsx", more))) == {"changed": 1}
    assert {a["name"]: a["org_count"] for a in standing.list_agreements(store)}["东湖片区工资集体合同"] == 3


def test_bad_agreement_lists_write_nothing(store, book, unions):
    rows = [["类型", "名称", "签订日期", "覆盖单位"],
            ["区域性职代会", "东湖职代会", "2025-01-01", "港岛酒店"],  # one org only: not regional
            ["区域性集体合同", "片区合同", None, "港岛酒店、金桥商贸公司"],
            ["区域性集体合同", "片区合同二", "2025-01-01", "港岛酒店、不存在公司"]]
    with pytest.raises(UserError) as err:
        import_agreements(store, _sheet(book, "坏合同.xlsx", rows))
    text = str(err.value)
    assert "第4行（签订日期）：请填写签订（召开）日期" in text
    assert "第5行（覆盖单位）：找不到单位“不存在公司”" in text
    assert store.scalar("SELECT count(*) FROM regional_agreements") == 0
    with pytest.raises(UserError, match=r"第3行（区域性职代会“东湖职代会”）：.*两家及以上"):
        import_agreements(store, _sheet(book, "坏合同2.xlsx", rows[:2]))
    assert store.scalar("SELECT count(*) FROM regional_agreements") == 0


def test_list_problems_never_show_a_whole_id_number(store, book, unions):
    from unionoffice.exchange.importing.areas import import_honours

    rows = [["姓名", "身份证号", "荣誉类别", "级别", "年度"], ["王五", person_id(3), "优秀职工", "区", 2025]]
    with pytest.raises(UserError) as err:
        import_honours(store, _sheet(book, "荣誉.xlsx", rows))
    assert person_id(3) not in str(err.value)
    assert person_id(3)[:6] in str(err.value) and person_id(3)[-4:] in str(err.value)


def test_honours_list_naming_a_former_name_links_the_org_and_says_so(store, book, unions):
    from unionoffice.core.honours.records import honours_of_org
    from unionoffice.exchange.importing.areas import import_honours

    rows = [["获奖单位", "荣誉类别", "级别", "年度"], ["华美科技公司", "工人先锋号", "区", 2025],
            ["不在台账的公司", "安康杯", "区", 2025]]
    result = import_honours(store, _sheet(book, "集体荣誉.xlsx", rows))
    assert dict(result) == {"new": 2} and result.notes == ["按曾用名匹配：华美科技公司 → 华美智能公司"]
    assert [h["category"] for h in honours_of_org(store, unions["华美科技公司"])] == ["工人先锋号"]


def test_a_later_list_with_leaving_dates_ends_terms_without_deleting(store, book, unions):
    import_officers(store, _sheet(book, "委员.xlsx", OFFICERS))
    rows = [["单位名称", "职务", "姓名", "离任时间"], ["金桥商贸公司", "经审委员", "赵六", "2025-12-31"]]
    assert dict(import_officers(store, _sheet(book, "离任.xlsx", rows))) == {"changed": 1}
    serving = [o["name"] for o in standing.officers_of(store, unions["金桥商贸公司"], serving_only=True)]
    assert serving == ["钱七"] and len(standing.officers_of(store, unions["金桥商贸公司"])) == 2
