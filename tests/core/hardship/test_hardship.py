"""Hardship files: 一户一档, derived figures, validation naming the field, reviews, closing, search."""

import datetime
import sqlite3

import pytest

from unionoffice.core.values import dates
from unionoffice.core.hardship import records as hardship, query as hq
from unionoffice.core.members import records as members
from unionoffice.core.store.audit import history
from unionoffice.core.errors import UserError, ValueFormatError
from unionoffice.core.store.driver import sqlite as dbapi  # the store's SQLite (SQLCipher)

FREE_ID = "11010519491231002X"  # a woman born 1949-12-31, not on the roll


@pytest.fixture
def today(monkeypatch):
    day = datetime.date(2026, 11, 24)
    monkeypatch.setattr(dates, "today", lambda: day)
    return day


@pytest.fixture
def member(store, today):
    return members.create_member(store, {"name": "曾国藩", "id_number": "110105198207208458", "phone": "13800138000"})


def base(**extra):
    return {"category": "深度困难", "level": "街道", "main_cause": "本人大病", "household_size": 3,
            "household_income": "3000", "filed_date": "2026-03-01", **extra}


def test_file_for_a_member_takes_the_person_from_the_roll(store, member):
    fid = hardship.create_hardship_file(store, base(member_id=member, bank_account="6222 0212 3456 7890",
                                                    other_causes="子女上学、低收入"))
    f = hq.get_hardship_file(store, fid)
    assert (f["file_no"], f["name"], f["gender"], f["phone"]) == ("2026-0001", "曾国藩", "男", "13800138000")
    assert f["household_income"] == 300000 and f["per_capita_income"] == 100000
    assert f["other_causes_list"] == ["子女上学", "低收入"] and f["causes_text"] == "本人大病、子女上学、低收入"
    assert f["bank_account"] == "6222021234567890" and f["bank_account_masked"] == "**** **** 7890"
    listed = hq.list_hardship_files(store)[0]
    assert "bank_account" not in listed and listed["id_number_masked"] == "110105********8458"


def test_per_capita_income_rounds_half_up():
    assert hardship.per_capita_income(100, 3) == 33
    assert hardship.per_capita_income(200, 3) == 67
    assert hardship.per_capita_income(150, 4) == 38  # 37.5 → 38
    assert hardship.per_capita_income(0, 1) == 0


def test_database_refuses_a_per_capita_income_that_does_not_match(store, member):
    fid = hardship.create_hardship_file(store, base(member_id=member))
    with pytest.raises(dbapi.IntegrityError):
        store.execute("UPDATE hardship_files SET per_capita_income = 1 WHERE id = ?", (fid,))


def test_one_file_per_person(store, member):
    hardship.create_hardship_file(store, base(member_id=member))
    with pytest.raises(ValueFormatError, match="曾国藩.*已有困难档案 2026-0001，一户一档") as err:
        hardship.create_hardship_file(store, base(name="曾国藩", id_number="110105198207208458"))
    assert err.value.field == "id_number"


def test_free_worker_and_the_recycle_bin(store, today):
    fid = hardship.create_hardship_file(store, base(name="赵六", id_number=FREE_ID, org_name="翠竹路快递驿站"))
    f = hq.get_hardship_file(store, fid)
    assert f["member_id"] is None and f["gender"] == "女" and f["org_display"] == "翠竹路快递驿站"
    hardship.delete_hardship_files(store, [fid])
    again = hardship.create_hardship_file(store, base(name="赵六", id_number=FREE_ID, org_name="快递驿站"))
    assert again != fid and hq.get_hardship_file(store, again)["file_no"] == "2026-0002"  # numbers never reused
    with pytest.raises(ValueFormatError, match="一户一档"):
        hardship.restore_hardship_files(store, [fid])


@pytest.mark.parametrize("change, field, message", [
    ({"category": "特别困难"}, "category", "困难类别“特别困难”无法识别"),
    ({"level": "省"}, "level", "建档层级"),
    ({"main_cause": "懒"}, "main_cause", "主要致困原因“懒”无法识别"),
    ({"other_causes": "残疾、单亲、工伤、低收入"}, "other_causes", "最多选 3 项"),
    ({"other_causes": "本人大病"}, "other_causes", "已是主要原因"),
    ({"household_size": "0"}, "household_size", "1–30"),
    ({"household_size": "三"}, "household_size", "应为整数"),
    ({"household_income": "-5"}, "household_income", "不能为负数"),
    ({"household_income": "12,5"}, "household_income", "逗号"),
    ({"bank_account": "1234"}, "bank_account", "8–30 位数字"),
    ({"filed_date": "2027-01-01"}, "filed_date", "晚于今天"),
    ({"household_size": 1, "household": [{"name": "李四", "relation": "配偶"}]}, "household_size", "少于家庭成员表"),
    ({"household": [{"name": "李四"}]}, "household", "第 1 行（李四）：请填写与本人关系"),
    ({"household": [{"name": "李四", "relation": "配偶", "age": "二百"}]}, "household", "年龄"),
    ({"last_review_date": "2026-01-01"}, "last_review_date", "早于建档日期"),
])
def test_bad_input_names_the_field(store, member, change, field, message):
    with pytest.raises(ValueFormatError, match=message) as err:
        hardship.create_hardship_file(store, base(member_id=member, **change))
    assert err.value.field == field
    assert store.scalar("SELECT count(*) FROM hardship_files") == 0


def test_free_worker_needs_an_org_and_a_valid_id(store, today):
    with pytest.raises(ValueFormatError) as err:
        hardship.create_hardship_file(store, base(name="赵六", id_number=FREE_ID))
    assert err.value.field == "org_id"
    with pytest.raises(ValueFormatError) as err:
        hardship.create_hardship_file(store, base(name="赵六", id_number="110105194912310021", org_name="店"))
    assert err.value.field == "id_number"


def test_categories_are_configurable(store, member):
    hardship.set_categories(store, ["深度困难", "相对困难", "意外致困", "因病致困"])
    fid = hardship.create_hardship_file(store, base(member_id=member, category="因病致困"))
    with pytest.raises(ValueFormatError, match="因病致困”还有 1 份档案在用"):
        hardship.set_categories(store, ["深度困难"])
    hardship.update_hardship_file(store, fid, {"category": "深度困难"})
    hardship.set_categories(store, ["深度困难", "相对困难"])
    assert hardship.categories(store) == ["深度困难", "相对困难"]


def test_household_table_and_ages(store, member):
    fid = hardship.create_hardship_file(store, base(member_id=member, household=[
        {"name": "李四", "relation": "配偶", "age": "40"},
        {"name": "曾小明", "relation": "子女", "birth_date": "2012-03-01", "occupation": "东湖小学"}]))
    household = hq.get_hardship_file(store, fid)["household"]
    assert [(m["name"], m["age"], m["occupation"]) for m in household] == [("李四", 40, ""), ("曾小明", 14, "东湖小学")]


def test_review_applies_changes_and_records_them(store, member, today):
    fid = hardship.create_hardship_file(store, base(member_id=member, filed_date="2025-06-01"))
    assert hq.get_hardship_file(store, fid)["review_overdue"]
    hardship.add_review(store, fid, review_date="2026-11-20", reviewer="陈志强", notes="入户走访",
                        changes={"household_income": "4500", "category": "相对困难"})
    f = hq.get_hardship_file(store, fid)
    assert f["last_review_date"] == "2026-11-20" and f["next_review_date"] == "2027-11-20"
    assert f["per_capita_income"] == 150000 and not f["review_overdue"]
    review = f["reviews"][0]
    assert review["reviewer"] == "陈志强"
    assert "家庭月收入：3,000.00 → 4,500.00" in review["changes"] and "困难类别：深度困难 → 相对困难" in review["changes"]
    with pytest.raises(ValueFormatError) as err:
        hardship.add_review(store, fid, review_date="2026-11-21", reviewer=" ")
    assert err.value.field == "reviewer"


def test_reviews_due_and_overdue(store, today):
    files = {}
    for n, (filed, reviewed) in enumerate([("2024-01-01", "2025-10-01"), ("2025-01-01", "2025-12-10"),
                                           ("2026-02-01", None), ("2023-05-01", "2026-06-01")]):
        files[n] = hardship.create_hardship_file(store, base(
            name=f"甲{n}", id_number=_id(n), org_name="店", filed_date=filed, last_review_date=reviewed))
    due = hq.reviews_due(store, 30)
    assert [f["id"] for f in due] == [files[0], files[1]]  # overdue first, then due within 30 days
    assert [f["id"] for f in hq.overdue_reviews(store)] == [files[0]]
    assert hq.hardship_summary(store)["overdue"] == 1
    hardship.close_file(store, files[0], "脱困", "2026-11-01", "再就业")
    assert hq.overdue_reviews(store) == []


def _id(n):
    from unionoffice.core.values.ids import make_id_number

    return make_id_number("440303", datetime.date(1980 + n, 1, 1), 10 + n)


def test_close_and_reopen(store, member, today):
    fid = hardship.create_hardship_file(store, base(member_id=member))
    with pytest.raises(ValueFormatError) as err:
        hardship.close_file(store, fid, "脱困", "2026-10-01", "")
    assert err.value.field == "status_reason"
    hardship.close_file(store, fid, "脱困", "2026-10-01", "子女工作，收入提高")
    f = hq.get_hardship_file(store, fid)
    assert (f["status"], f["status_date"], f["status_reason"]) == ("脱困", "2026-10-01", "子女工作，收入提高")
    assert hq.list_hardship_files(store, filt=hq.HardshipFilter(status="在档")) == []
    assert [x["id"] for x in hq.list_hardship_files(store, filt=hq.HardshipFilter(status="脱困"))] == [fid]
    with pytest.raises(UserError, match="不再复核"):
        hardship.add_review(store, fid, review_date="2026-11-01", reviewer="陈")
    hardship.reopen_file(store, fid, "2026-11-20", "再次失业")
    assert hq.get_hardship_file(store, fid)["status"] == "在档"


def test_search_and_filters(store, member, today):
    a = hardship.create_hardship_file(store, base(member_id=member, other_causes="残疾"))
    b = hardship.create_hardship_file(store, base(name="赵六", id_number=FREE_ID, org_name="翠竹路快递驿站",
                                                  category="相对困难", level="区", main_cause="单亲"))
    ids = lambda text="", **f: hq.search_hardship_ids(store, text, hq.HardshipFilter(**f))  # noqa: E731
    assert ids("zgf") == [a] and ids("zengguo") == [a] and ids("zl") == [b]
    assert ids("8458") == [a] and ids("2026-0002") == [b] and ids("快递") == [b]
    assert ids(cause="残疾") == [a] and ids(cause="单亲") == [b] and ids(cause="工伤") == []
    assert ids(category="相对困难") == [b] and ids(level="街道") == [a]


def test_every_change_is_audited(store, member):
    fid = hardship.create_hardship_file(store, base(member_id=member))
    hardship.update_hardship_file(store, fid, {"housing": "租住"})
    actions = [h["action"] for h in history(store.conn, "hardship_files", fid)]
    assert actions == ["insert", "update"]


def test_linked_person_fields_are_changed_on_the_roll(store, member):
    fid = hardship.create_hardship_file(store, base(member_id=member))
    with pytest.raises(ValueFormatError, match="请在会员名册中修改"):
        hardship.update_hardship_file(store, fid, {"name": "曾某"})
