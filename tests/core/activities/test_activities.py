"""The activity calendar core: activities, attendance and 人次, attachments, planning next year."""

import datetime
import sqlite3

import pytest
from hypothesis import given, strategies as st

from unionoffice.core.activities import records as act
from unionoffice.core.activities import files as activity_files, plan as activity_plan
from unionoffice.core.store import audit
from unionoffice.core.values import dates
from unionoffice.core.demo import office as demo
from unionoffice.core.errors import UserError, ValueFormatError
from unionoffice.core.values.ids import make_id_number
from unionoffice.core.members.records import create_member
from unionoffice.core.orgs.records import create_org, delete_orgs
from unionoffice.core.store.connection import Store
from unionoffice.core.store.driver import sqlite as dbapi  # the store's SQLite (SQLCipher)


@pytest.fixture
def today(monkeypatch):
    day = datetime.date(2026, 11, 24)
    monkeypatch.setattr(dates, "today", lambda: day)
    return day


@pytest.fixture
def people(store):
    org = create_org(store, {"name": "深圳市华美科技有限公司", "union_mode": "独立建会", "workers": 50})
    ids = [create_member(store, {"name": n, "id_number": make_id_number("110105", datetime.date(1980, 1, 1), seq),
                                 "org_id": org, "phone": "13800138000"})
           for seq, n in enumerate(("张三", "李四", "王五"))]
    return org, ids


def activity_count(store):
    return store.scalar("SELECT count(*) FROM activities")


def plan(**over):
    data = {"title": "三八妇女节插花沙龙", "kind": "文体", "start_date": "2026-03-07", "start_time": "14:30",
            "end_time": "16:30", "location": "职工之家", "planned_headcount": 40}
    data.update(over)
    return data


# ------------------------------------------------------------------ fields


def test_an_activity_keeps_what_the_clerk_typed(store, today):
    aid = act.create_activity(store, plan(start_time="9点", end_time="11:30", cost="1,200.50", funding_source="区总",
                                          organiser="街道总工会", description="插花", recurring=True))
    a = act.get_activity(store, aid)
    assert (a["title"], a["kind"], a["start_date"], a["end_date"]) == ("三八妇女节插花沙龙", "文体", "2026-03-07", "2026-03-07")
    assert (a["start_time"], a["end_time"], a["cost"], a["recurring"], a["status"]) == ("09:00", "11:30", 120050, 1, "计划")
    assert act.when_text(a) == "2026年3月7日 09:00–11:30"


def test_a_multi_day_activity_is_allowed(store, today):
    aid = act.create_activity(store, plan(start_date="2026-10-24", end_date="2026-10-25", end_time="12:00"))
    assert act.when_text(act.get_activity(store, aid)) == "2026年10月24日 14:30–10月25日 12:00"
    # it shows on both days of the month view
    assert [a["id"] for a in act.activities_between(store, "2026-10-25", "2026-10-25")] == [aid]


@pytest.mark.parametrize("over, field, words", [
    ({"end_date": "2026-03-06"}, "end_date", "早于开始日期"),
    ({"end_time": "13:00"}, "end_time", "早于开始时间"),
    ({"start_date": ""}, "start_date", "请填写开始日期"),
    ({"start_date": "2026-02-30"}, "start_date", "没有 30 日"),
    ({"end_time": "25:00"}, "end_time", "不存在"),
    ({"title": "  "}, "title", "请填写活动名称"),
    ({"kind": "春游"}, "kind", "不在列表中"),
    ({"planned_headcount": -5}, "planned_headcount", "不能为负数"),
    ({"headcount": "200000"}, "headcount", "过大"),
    ({"headcount": "很多"}, "headcount", "不是数字"),
    ({"cost": "-100"}, "cost", "不能为负数"),
    ({"cost": "12.345"}, "cost", "两位小数"),
    ({"status": "已举办", "start_date": "2026-12-20"}, "status", "还不能标为“已举办”"),
    ({"end_date": "2028-01-01"}, "end_date", "超过一年"),
])
def test_bad_input_names_the_field_and_saves_nothing(store, today, over, field, words):
    with pytest.raises(ValueFormatError) as err:
        act.create_activity(store, plan(**over))
    assert err.value.field == field and words in str(err.value)
    assert activity_count(store) == 0


def test_an_update_that_puts_the_end_before_the_start_changes_nothing(store, today):
    aid = act.create_activity(store, plan())
    with pytest.raises(ValueFormatError, match="早于开始日期"):
        act.update_activity(store, aid, {"start_date": "2026-03-10"})
    assert act.get_activity(store, aid)["start_date"] == "2026-03-07"


def test_the_database_itself_refuses_an_end_before_the_start(store):
    with pytest.raises(dbapi.IntegrityError):
        store.execute("INSERT INTO activities (title, start_date, end_date) VALUES ('x', '2026-03-07', '2026-03-01')")
    with pytest.raises(dbapi.IntegrityError):
        store.execute("INSERT INTO activities (title, start_date, end_date, headcount) VALUES ('x', '2026-03-07', '2026-03-07', -1)")


def test_kinds_are_configurable_and_old_records_keep_a_removed_kind(store, today):
    aid = act.create_activity(store, plan(kind="讲座"))
    act.set_activity_kinds(store, ["文体", "培训", "读书会"])
    assert act.activity_kinds(store) == ["文体", "培训", "读书会"]
    act.create_activity(store, plan(kind="读书会"))
    act.update_activity(store, aid, {"location": "新地点"})  # still 讲座, not refused
    assert act.get_activity(store, aid)["kind"] == "讲座"
    with pytest.raises(ValueFormatError, match="不在列表中"):
        act.create_activity(store, plan(kind="讲座"))
    with pytest.raises(ValueFormatError, match="重复"):
        act.set_activity_kinds(store, ["文体", "文体"])
    with pytest.raises(ValueFormatError, match="至少"):
        act.set_activity_kinds(store, [" "])


# -------------------------------------------------------------- attendance


def test_headcount_follows_the_attendance_list(store, today, people):
    _org, (a, b, c) = people
    aid = act.create_activity(store, plan(status="已举办", headcount=99), attendance=[a, b])
    assert act.get_activity(store, aid)["headcount"] == 2
    act.update_activity(store, aid, {"headcount": 50})  # a typed number can't contradict the list
    assert act.get_activity(store, aid)["headcount"] == 2
    assert act.add_attendees(store, aid, [c]) == 3
    assert [r["name"] for r in act.attendance_of(store, aid)] == ["张三", "李四", "王五"]
    act.set_attendance(store, aid, [c])
    assert act.get_activity(store, aid)["headcount"] == 1


def test_an_open_event_takes_a_typed_headcount(store, today):
    aid = act.create_activity(store, plan(status="已举办", headcount="300人次"))
    assert act.get_activity(store, aid)["headcount"] == 300
    assert act.get_activity(store, aid)["attendance_count"] == 0


def test_a_member_attending_twice_is_refused_and_nothing_is_saved(store, today, people):
    _org, (a, b, _c) = people
    with pytest.raises(ValueFormatError) as err:
        act.create_activity(store, plan(), attendance=[a, b, a])
    assert err.value.field == "attendance" and "张三" in str(err.value) and "两次" in str(err.value)
    assert activity_count(store) == 0
    aid = act.create_activity(store, plan(), attendance=[a])
    with pytest.raises(ValueFormatError, match="张三.*已在本活动的签到名单中"):
        act.add_attendees(store, aid, [b, a])
    assert [r["name"] for r in act.attendance_of(store, aid)] == ["张三"]


def test_partners_are_orgs_from_the_register(store, today, people):
    org, _ = people
    other = create_org(store, {"name": "东湖社区工会联合会", "is_federation": 1})
    aid = act.create_activity(store, plan(), partner_ids=[org, other, org])
    got = act.get_activity(store, aid)
    assert sorted(got["partner_ids"]) == sorted([org, other])
    act.update_activity(store, aid, {}, partner_ids=[other])
    assert act.get_activity(store, aid)["partner_ids"] == [other]
    gone = create_org(store, {"name": "已注销公司"})
    delete_orgs(store, [gone])
    with pytest.raises(ValueFormatError, match="合作单位不存在"):
        act.update_activity(store, aid, {"title": "改名"}, partner_ids=[gone])
    assert act.get_activity(store, aid)["title"] == "三八妇女节插花沙龙"


# ------------------------------------------------------------- attachments


def test_attachments_are_stored_once_by_hash_beside_the_database(store, today, tmp_path):
    photo = tmp_path / "合影.jpg"
    photo.write_bytes(b"\xff\xd8 a photo" * 100)
    copy = tmp_path / "合影副本.jpg"
    copy.write_bytes(photo.read_bytes())
    first = act.create_activity(store, plan(), attachments=[photo])
    second = act.create_activity(store, plan(title="另一个活动"), attachments=[copy])
    folder = activity_files.attachments_dir(store)
    assert folder == store.path.with_name("office-附件")
    files = [p for p in folder.iterdir()]
    assert len(files) == 1 and len(files[0].name) == 64  # identical content stored once
    att = act.get_activity(store, first)["attachments"][0]
    assert (att["original_name"], att["size"], att["present"]) == ("合影.jpg", 1000, True)
    assert act.get_activity(store, second)["attachments"][0]["original_name"] == "合影副本.jpg"
    out = activity_files.copy_out(store, att["id"], tmp_path / "out")
    assert out.name == "合影.jpg" and out.read_bytes() == photo.read_bytes()
    with pytest.raises(ValueFormatError, match="同一个文件"):
        act.update_activity(store, first, {}, attachments=[copy])


def test_a_missing_or_too_large_attachment_is_refused_and_nothing_is_saved(store, today, tmp_path):
    with pytest.raises(ValueFormatError) as err:
        act.create_activity(store, plan(), attachments=[tmp_path / "没有这个文件.jpg"])
    assert err.value.field == "attachments" and "找不到附件文件" in str(err.value)
    big = tmp_path / "签到表扫描.pdf"
    with big.open("wb") as f:
        f.truncate(activity_files.MAX_BYTES + 1)  # sparse: no 50 MB written
    with pytest.raises(ValueFormatError, match="超过 50 MB"):
        act.create_activity(store, plan(), attachments=[big])
    assert activity_count(store) == 0
    assert not activity_files.attachments_dir(store).exists()


# ---------------------------------------------------------------- planning


def test_copied_plan_lands_on_the_same_weekdays(store, today, people):
    org, (a, _b, _c) = people
    sources = {
        "三八": ("2025-03-08", "2025-03-08"),  # 2nd Saturday of March 2025
        "运动会": ("2025-10-25", "2025-10-26"),  # Saturday–Sunday
        "迎新": ("2025-12-31", "2025-12-31"),  # must not slip into 2027
        "讲座": ("2025-04-16", "2025-04-16"),
    }
    for title, (start, end) in sources.items():
        act.create_activity(store, plan(title=title, start_date=start, end_date=end, end_time="17:00",
                                        recurring=title != "讲座", status="已举办", cost=500),
                            attendance=[a], partner_ids=[org])
    result = activity_plan.copy_recurring(store, 2025, 2026)
    assert len(result.created) == 3
    copies = {r["title"]: r for r in act.activities_between(store, "2026-01-01", "2026-12-31")}
    assert (copies["三八"]["start_date"], copies["三八"]["end_date"]) == ("2026-03-07", "2026-03-07")
    assert (copies["运动会"]["start_date"], copies["运动会"]["end_date"]) == ("2026-10-24", "2026-10-25")
    assert copies["迎新"]["start_date"] == "2026-12-30"
    assert "讲座" not in copies
    for title, copy in copies.items():
        old = datetime.date.fromisoformat(sources[title][0])
        new = datetime.date.fromisoformat(copy["start_date"])
        assert new.weekday() == old.weekday() and new.year == 2026
        assert (copy["status"], copy["headcount"], copy["attendance_count"], copy["cost"]) == ("计划", None, 0, 0)
        assert copy["planned_headcount"] == 40 and copy["partner_names"] == "深圳市华美科技有限公司"
    # running it again copies nothing twice
    again = activity_plan.copy_recurring(store, 2025, 2026)
    assert again.created == [] and len(again.skipped) == 3
    assert "跳过 3 项" in again.message(2025, 2026)


def test_copying_needs_two_different_years(store):
    with pytest.raises(UserError, match="相同"):
        activity_plan.copy_recurring(store, 2026, 2026)
    assert "没有标为“每年举办”" in activity_plan.copy_recurring(store, 2019, 2020).message(2019, 2020)


@given(st.dates(datetime.date(2000, 1, 1), datetime.date(2098, 12, 31)), st.integers(1, 3))
def test_shifted_dates_keep_weekday_stay_in_year_and_near_the_anniversary(day, years):
    new = activity_plan.shifted_date(day, day.year + years)
    assert new.weekday() == day.weekday() and new.year == day.year + years
    anniversary = activity_plan._same_day(day, day.year + years)
    assert abs((new - anniversary).days) <= 6
    if datetime.date(day.year, 1, 4) <= day <= datetime.date(day.year, 12, 28):
        assert abs((new - anniversary).days) <= 3


# --------------------------------------------------------- moving, deleting


def test_moving_keeps_length_and_times(store, today):
    aid = act.create_activity(store, plan(start_date="2026-10-24", end_date="2026-10-25"))
    act.move_activity(store, aid, "2026-10-31")
    got = act.get_activity(store, aid)
    assert (got["start_date"], got["end_date"], got["start_time"]) == ("2026-10-31", "2026-11-01", "14:30")


def test_every_change_leaves_an_audit_row(store, today, people):
    _org, (a, _b, _c) = people
    aid = act.create_activity(store, plan(), attendance=[a])
    act.update_activity(store, aid, {"location": "礼堂"})
    act.delete_activities(store, [aid])
    assert act.activities_between(store, "2026-03-01", "2026-03-31") == []
    act.restore_activities(store, [aid])
    actions = [h["action"] for h in audit.history(store.conn, "activities", aid)]
    assert actions[0] == "insert" and "soft_delete" in actions and actions[-1] == "restore"
    assert store.scalar("SELECT count(*) FROM audit WHERE table_name = 'activity_attendance'") == 1
    act.delete_activities(store, [aid])
    with pytest.raises(UserError, match="不存在或已删除"):
        act.update_activity(store, aid, {"location": "别处"})


def test_upcoming_activities_feed_the_dashboard(store, today):
    soon = act.create_activity(store, plan(start_date="2026-11-28", end_date="2026-11-28"))
    act.create_activity(store, plan(title="太远", start_date="2026-12-20"))
    act.create_activity(store, plan(title="取消的", start_date="2026-11-26", status="取消"))
    running = act.create_activity(store, plan(title="进行中", start_date="2026-11-20", end_date="2026-11-25"))
    rows = act.upcoming_activities(store, days=14)
    assert [r["id"] for r in rows] == [running, soon]
    assert [r["days_until"] for r in rows] == [0, 4]


def test_totals_count_only_held_activities(store, today, people):
    _org, (a, b, _c) = people
    act.create_activity(store, plan(status="已举办", cost="300"), attendance=[a, b])
    act.create_activity(store, plan(status="已举办", headcount=100, start_date="2026-04-01"))
    act.create_activity(store, plan(status="取消", kind="讲座"))
    totals = act.activity_totals(store, "2026-01-01", "2026-12-31")
    assert totals["文体"] == {"total": 2, "held": 2, "cancelled": 0, "headcount": 102, "cost": 30000}
    assert totals["讲座"]["cancelled"] == 1 and totals["讲座"]["headcount"] == 0


# -------------------------------------------------------------------- demo


def test_demo_has_a_year_of_activities_with_attendance(tmp_path):
    with Store.open(tmp_path / "demo.db") as s:
        demo.generate_demo(s, members=300, seed=5, today=datetime.date(2026, 11, 24))
        rows = act.activities_between(s, "2026-01-01", "2026-12-31")
        months = {r["start_date"][5:7] for r in rows}
        assert len(months) == 12  # every month has an activity
        statuses = {r["status"] for r in rows}
        assert statuses == {"已举办", "计划", "取消"}
        for r in rows:
            if r["status"] == "已举办":
                # 实际人次 is the list plus those who signed its blank rows (名单外人数)
                assert r["headcount"] and (r["attendance_count"] in (0, r["headcount"] - r["walk_ins"]))
            else:
                assert r["attendance_count"] == 0
            assert (r["status"] == "计划") == (r["start_date"] > "2026-11-24" and r["status"] != "取消")
        assert sum(r["attendance_count"] > 0 for r in rows) >= 10
        assert any(r["walk_ins"] for r in rows)
        assert s.scalar("SELECT count(*) FROM audit WHERE table_name = 'activities'") == len(rows)
        assert act.upcoming_activities(s, days=14, today=datetime.date(2026, 11, 24))
