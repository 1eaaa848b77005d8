"""The dispute log: 案号, parties, steps, the status workflow, deadlines, search — and bad input
refused in Chinese with nothing saved half-way."""

from datetime import date

import pytest

from unionoffice.core.store import audit
from unionoffice.core.values import dates
from unionoffice.core.disputes import query as dispute_query, records as disputes
from unionoffice.core.disputes.records import NeedsConfirmation
from unionoffice.core.disputes.query import DisputeFilter
from unionoffice.core.errors import UserError, ValueFormatError
from unionoffice.core.members.records import create_member
from unionoffice.core.orgs.records import create_org
from unionoffice.core.store.driver import sqlite as dbapi  # the store's SQLite (SQLCipher)


@pytest.fixture
def today(monkeypatch):
    """Freeze 'today' (dates in the future are refused, deadlines count from today)."""
    def freeze(day: date):
        monkeypatch.setattr(dates, "today", lambda: day)
        return day

    freeze(date(2026, 11, 24))
    return freeze


@pytest.fixture
def org(store):
    return create_org(store, {"name": "深圳市华美电子有限公司", "workers": 120, "union_mode": "独立建会"})


def new_case(store, received="2026-11-10", applicants=None, **fields):
    data = {"received_date": received, "source": "来访", "kind": "劳动报酬/欠薪",
            "respondent_name": "某某餐馆", "amount": "12000", "claim": "拖欠两个月工资", **fields}
    return disputes.create_dispute(store, data, applicants or [{"name": "张三", "phone": "13800138000"}])


def count(store, table="disputes"):
    return store.scalar(f"SELECT count(*) FROM {table}")


# ------------------------------------------------------------------ 案号


def test_case_numbers_are_year_and_sequence(store, today):
    first, second = new_case(store, "2026-03-01"), new_case(store, "2026-03-02")
    older = new_case(store, "2025-12-30")
    numbers = [disputes.get_dispute(store, i)["case_no"] for i in (first, second, older)]
    assert numbers == ["2026-0001", "2026-0002", "2025-0001"]


def test_case_numbers_are_never_reused_even_after_deletion(store, today):
    new_case(store)
    second = new_case(store)
    disputes.delete_disputes(store, [second])
    third = new_case(store)
    assert disputes.get_dispute(store, third)["case_no"] == "2026-0003"
    # even a case purged with raw SQL leaves its number taken
    store.execute("DELETE FROM dispute_steps WHERE dispute_id = ?", (third,))
    store.execute("DELETE FROM dispute_applicants WHERE dispute_id = ?", (third,))
    store.execute("DELETE FROM disputes WHERE id = ?", (third,))
    assert disputes.get_dispute(store, new_case(store))["case_no"] == "2026-0004"


def test_a_refused_case_takes_no_number_and_saves_nothing(store, today):
    with pytest.raises(ValueFormatError, match="涉及人数（1）不能少于申请人人数（2）"):
        new_case(store, workers=1, applicants=[{"name": "张三"}, {"name": "李四"}])
    assert count(store) == count(store, "dispute_applicants") == count(store, "dispute_steps") == 0
    assert disputes.get_dispute(store, new_case(store))["case_no"] == "2026-0001"


# ------------------------------------------------------------------ parties


def test_group_case_with_a_member_and_typed_applicants(store, today, org):
    member = create_member(store, {"name": "曾国藩", "id_number": "11010519491231002X", "org_id": org,
                                   "phone": "13900001111"})
    case_id = new_case(store, respondent_org_id=org, respondent_name="", workers=23,
                       applicants=[{"member_id": member}, {"name": "李 四", "phone": "139-0000-2222"}])
    case = disputes.get_dispute(store, case_id)
    assert case["respondent_name"] == "深圳市华美电子有限公司" and case["respondent_org_id"] == org
    assert [(a["name"], a["phone"], a["member_id"]) for a in case["applicants"]] == [
        ("曾国藩", "13900001111", member), ("李四", "13900002222", None)]
    assert case["applicant_label"] == "曾国藩等23人" and case["collective"] is True
    assert [s["action"] for s in case["steps"]] == ["接待登记"]


def test_workers_default_to_the_number_of_applicants(store, today):
    case = disputes.get_dispute(store, new_case(store, applicants=[{"name": "张三"}, {"name": "李四"}]))
    assert case["workers"] == 2 and case["applicant_label"] == "张三、李四" and not case["collective"]


@pytest.mark.parametrize("fields, applicants, message", [
    ({"amount": "-500"}, None, "涉及金额不能为负数"),
    ({"amount": "12.345"}, None, "超过两位小数"),
    ({"source": "传真"}, None, "来源“传真”无法识别"),
    ({"kind": ""}, None, "请选择争议类型"),
    ({"respondent_name": ""}, None, "请填写被申请人"),
    ({"received_date": "2026-13-01"}, None, "没有 13 月"),
    ({"received_date": "2026-12-01"}, None, "晚于今天"),
    ({}, [{"name": "", "phone": ""}], "请填写姓名或从会员名册中选择"),
    ({}, [{"name": "王五", "phone": "12345"}], "申请人“王五”的电话"),
    ({"workers": "0"}, None, "涉及人数不能为 0"),
])
def test_bad_case_input_is_refused_in_chinese(store, today, fields, applicants, message):
    with pytest.raises(UserError, match=message):
        new_case(store, applicants=applicants, **fields)
    assert count(store) == 0


def test_editing_a_case_replaces_applicants_and_keeps_the_case_number(store, today):
    case_id = new_case(store)
    disputes.update_dispute(store, case_id, {"amount": "15,000.50", "workers": 12},
                            [{"name": "张三", "phone": "13800138000"}, {"name": "王五"}])
    case = disputes.get_dispute(store, case_id)
    assert (case["case_no"], case["amount"], case["workers"]) == ("2026-0001", 1500050, 12)
    assert [a["name"] for a in case["applicants"]] == ["张三", "王五"]
    assert dispute_query.search_dispute_ids(store, "ww") == [case_id]


def test_moving_receipt_after_a_step_is_refused(store, today):
    case_id = new_case(store, "2026-11-10")
    disputes.add_step(store, case_id, "2026-11-12", "调查核实")
    with pytest.raises(ValueFormatError, match="受理日期不能晚于已登记的办理步骤（2026-11-12）"):
        disputes.update_dispute(store, case_id, {"received_date": "2026-11-13"})
    disputes.update_dispute(store, case_id, {"received_date": "2026-11-11"})
    steps = disputes.steps_of(store, case_id)
    assert [(s["step_date"], s["action"]) for s in steps] == [("2026-11-11", "接待登记"), ("2026-11-12", "调查核实")]


# ------------------------------------------------------------------ steps


def test_steps_form_a_dated_timeline(store, today):
    case_id = new_case(store, "2026-11-10")
    disputes.add_step(store, case_id, "2026-11-13", "调解", "陈专干", "双方到场")
    disputes.add_step(store, case_id, "2026.11.11", "调查核实", "刘协理员", "调取考勤")
    timeline = [(s["step_date"], s["action"], s["handler"]) for s in disputes.steps_of(store, case_id)]
    assert timeline == [("2026-11-10", "接待登记", ""), ("2026-11-11", "调查核实", "刘协理员"),
                        ("2026-11-13", "调解", "陈专干")]


def test_a_step_dated_before_receipt_is_refused(store, today):
    case_id = new_case(store, "2026-11-10")
    with pytest.raises(ValueFormatError, match="办理日期 2026-11-09 早于受理日期 2026-11-10"):
        disputes.add_step(store, case_id, "2026-11-09", "调查核实")
    assert len(disputes.steps_of(store, case_id)) == 1


def test_the_database_itself_refuses_a_step_before_receipt(store, today):
    import sqlite3

    case_id = new_case(store, "2026-11-10")
    with pytest.raises(dbapi.IntegrityError, match="办理步骤的日期不能早于受理日期"):
        store.execute("INSERT INTO dispute_steps(dispute_id, step_date, action) VALUES (?, '2026-11-01', '调解')",
                      (case_id,))


def test_status_steps_and_the_receipt_cannot_be_deleted(store, today):
    case_id = new_case(store)
    disputes.change_status(store, case_id, "调解中", "2026-11-12")
    typo = disputes.add_step(store, case_id, "2026-11-12", "回访")
    for step in disputes.steps_of(store, case_id):
        if step["id"] != typo:
            with pytest.raises(UserError, match="不能删除"):
                disputes.delete_step(store, step["id"])
    disputes.delete_step(store, typo)
    assert [s["action"] for s in disputes.steps_of(store, case_id)] == ["接待登记", "开始调解"]


# ------------------------------------------------------------------ workflow


def test_wage_arrears_group_case_from_receipt_to_closure(store, today, org):
    case_id = new_case(store, "2026-11-02", respondent_org_id=org, workers=15, amount="150,000",
                       applicants=[{"name": "王大力", "phone": "13800000001"}, {"name": "李小红"}])
    disputes.add_step(store, case_id, "2026-11-03", "调查核实", "陈专干", "核实欠薪名单 15 人")
    disputes.change_status(store, case_id, "调解中", "2026-11-05", handler="陈专干")
    disputes.change_status(store, case_id, "调解成功", "2026-11-12", note="企业同意分两期支付")
    disputes.close_dispute(store, case_id, "2026-11-20", "达成调解协议并已履行", "150000", "企业分两期付清",
                           handler="陈专干")
    case = disputes.get_dispute(store, case_id)
    assert (case["status"], case["mediation_result"], case["mediated_date"]) == ("结案", "成功", "2026-11-12")
    assert (case["closed_date"], case["outcome"], case["recovered"]) == ("2026-11-20", "达成调解协议并已履行", 15000000)
    assert case["days_open"] == 18 and case["alert"] == "" and case["days_left"] is None
    assert [s["new_status"] for s in case["steps"]] == [None, None, "调解中", "调解成功", "结案"]


def test_cannot_jump_to_closed_without_a_mediation_outcome(store, today):
    case_id = new_case(store)
    with pytest.raises(UserError, match="尚无调解结果（当前为“受理”），不能直接结案"):
        disputes.close_dispute(store, case_id, "2026-11-20", "已处理")
    disputes.change_status(store, case_id, "调解中", "2026-11-12")
    with pytest.raises(UserError, match="不能直接结案"):
        disputes.close_dispute(store, case_id, "2026-11-20", "已处理")
    with pytest.raises(UserError, match="可改为：调解成功、调解不成、撤回"):
        disputes.change_status(store, case_id, "转仲裁", "2026-11-20")
    assert disputes.get_dispute(store, case_id)["status"] == "调解中"


def test_closing_without_outcome_is_refused_and_nothing_saved(store, today):
    case_id = new_case(store)
    disputes.change_status(store, case_id, "调解中", "2026-11-12")
    disputes.change_status(store, case_id, "调解不成", "2026-11-14")
    with pytest.raises(ValueFormatError, match="结案须填写处理结果"):
        disputes.close_dispute(store, case_id, "2026-11-20", "  ")
    case = disputes.get_dispute(store, case_id)
    assert case["status"] == "调解不成" and case["closed_date"] is None and len(case["steps"]) == 3


def test_recovered_above_the_claim_needs_confirmation(store, today):
    case_id = new_case(store, amount="12000")
    disputes.change_status(store, case_id, "调解中", "2026-11-12")
    disputes.change_status(store, case_id, "调解成功", "2026-11-14")
    audit_rows = count(store, "audit")
    with pytest.raises(NeedsConfirmation, match="追回金额 13,000.00 元高于涉及金额 12,000.00 元"):
        disputes.close_dispute(store, case_id, "2026-11-20", "已支付", "13000")
    assert disputes.get_dispute(store, case_id)["status"] == "调解成功"
    assert count(store, "audit") == audit_rows  # nothing written
    disputes.close_dispute(store, case_id, "2026-11-20", "已支付并另付经济补偿", "13000", confirm_over_claim=True)
    assert disputes.get_dispute(store, case_id)["recovered"] == 1300000


def test_a_negative_recovered_amount_is_refused(store, today):
    case_id = new_case(store)
    disputes.change_status(store, case_id, "调解中", "2026-11-12")
    disputes.change_status(store, case_id, "调解成功", "2026-11-14")
    with pytest.raises(ValueFormatError, match="追回金额不能为负数"):
        disputes.close_dispute(store, case_id, "2026-11-20", "已支付", "-100")
    assert disputes.get_dispute(store, case_id)["status"] == "调解成功"


def test_status_dates_must_not_go_backwards(store, today):
    case_id = new_case(store, "2026-11-10")
    with pytest.raises(ValueFormatError, match="早于受理日期"):
        disputes.change_status(store, case_id, "调解中", "2026-11-09")
    disputes.change_status(store, case_id, "调解中", "2026-11-12")
    with pytest.raises(ValueFormatError, match="早于上一次状态变更（2026-11-12）"):
        disputes.change_status(store, case_id, "调解成功", "2026-11-11")


def test_withdrawal_ends_the_case(store, today):
    case_id = new_case(store)
    disputes.change_status(store, case_id, "撤回", "2026-11-15", note="企业已主动支付")
    case = disputes.get_dispute(store, case_id)
    assert (case["status"], case["closed_date"], case["outcome"]) == ("撤回", "2026-11-15", "申请人撤回申请")
    with pytest.raises(UserError, match="已撤回，不能再变更状态"):
        disputes.change_status(store, case_id, "调解中", "2026-11-16")


def test_arbitration_after_failed_mediation_then_closed(store, today):
    case_id = new_case(store)
    for status, day in (("调解中", "2026-11-11"), ("调解不成", "2026-11-13"), ("转仲裁", "2026-11-14")):
        disputes.change_status(store, case_id, status, day)
    disputes.close_dispute(store, case_id, "2026-11-23", "仲裁裁决支付", "8000")
    case = disputes.get_dispute(store, case_id)
    assert (case["status"], case["mediation_result"], case["recovered"]) == ("结案", "不成", 800000)


# ------------------------------------------------------------------ deadlines


@pytest.mark.parametrize("received, deadline", [
    ("2026-12-20", "2027-01-04"),  # across the year end
    ("2026-01-31", "2026-02-15"),  # across a month end
    ("2026-02-14", "2026-03-01"),  # February has 28 days in 2026
    ("2028-02-14", "2028-02-29"),  # … and 29 in 2028
    ("2026-11-24", "2026-12-09"),
])
def test_mediation_deadline_is_fifteen_days_after_receipt(received, deadline):
    assert disputes.mediation_deadline(received).isoformat() == deadline


def test_deadline_warnings_across_the_year_end(store, today):
    today(date(2027, 1, 2))
    due = new_case(store, "2026-12-20")  # deadline 2027-01-04: 2 days left
    overdue = new_case(store, "2026-12-15")  # deadline 2026-12-30: 3 days over
    new_case(store, "2026-12-28")  # deadline 2027-01-12: not yet
    closed = new_case(store, "2026-12-10")
    for status, day in (("调解中", "2026-12-11"), ("调解成功", "2026-12-20")):
        disputes.change_status(store, closed, status, day)
    rows = disputes.deadline_warnings(store)
    assert [(r["id"], r["alert"], r["days_left"]) for r in rows] == [(overdue, "overdue", -3), (due, "due", 2)]
    assert rows[1]["message"] == "2026-0001 张三 — 某某餐馆（劳动报酬/欠薪）调解期限 2027-01-04，还剩 2 天"
    assert "已超期 3 天" in rows[0]["message"]
    assert [r["id"] for r in disputes.deadline_warnings(store, within_days=10)][-1] != closed


@pytest.mark.parametrize("today_, alert, text", [
    (date(2027, 1, 1), "due", "还剩 3 天"),
    (date(2026, 12, 31), "", "还剩 4 天"),
    (date(2027, 1, 4), "due", "今天到期"),
    (date(2027, 1, 5), "overdue", "已超期 1 天"),
])
def test_alert_levels_around_the_deadline(today_, alert, text):
    state = disputes.deadline_state({"received_date": "2026-12-20", "status": "调解中"}, today_)
    assert (state["alert"], disputes.alert_text(state)) == (alert, text)
    assert state["days_open"] == (today_ - date(2026, 12, 20)).days


def test_closed_cases_count_days_to_closing_and_never_warn():
    case = {"received_date": "2026-01-25", "status": "结案", "closed_date": "2026-02-03"}
    state = disputes.deadline_state(case, date(2026, 11, 24))
    assert (state["days_open"], state["alert"], state["days_left"]) == (9, "", None)


# ------------------------------------------------------------------ list, search, audit


def test_search_by_name_pinyin_initials_case_number_and_phone(store, today, org):
    a = new_case(store, applicants=[{"name": "曾国藩", "phone": "13912345678"}])
    b = new_case(store, respondent_org_id=org, applicants=[{"name": "李四"}])
    find = lambda text: dispute_query.search_dispute_ids(store, text)  # noqa: E731
    assert find("国藩") == [a] and find("zgf") == [a] and find("zengguo") == [a]
    assert find("hmdz") == [b] and find("华美") == [b]
    assert find("2026-0002") == [b] and find("0001") == [a]
    assert find("1234567") == [a]
    assert find("ls 华美") == [b] and find("zgf 华美") == []


def test_filters_by_status_type_org_year_and_deadline(store, today, org):
    old = new_case(store, "2025-06-01", kind="工伤")
    mine = new_case(store, "2026-11-20", respondent_org_id=org)
    late = new_case(store, "2026-11-01")
    done = new_case(store, "2026-10-01")
    for status, day in (("调解中", "2026-10-02"), ("调解成功", "2026-10-05")):
        disputes.change_status(store, done, status, day)
    disputes.close_dispute(store, done, "2026-10-10", "已支付", "12000")
    ids = lambda **kw: set(dispute_query.search_dispute_ids(store, "", DisputeFilter(**kw)))  # noqa: E731
    assert ids(year=2025) == {old} and ids(kind="工伤") == {old} and ids(org_id=org) == {mine}
    assert ids(status="结案") == {done} and ids(status="未结案") == {old, mine, late}
    assert ids(status="临近或超期") == {old, late}
    disputes.delete_disputes(store, [old])
    assert ids(recycle_bin=True) == {old} and old not in ids()
    assert dispute_query.dispute_years(store) == [2026]
    assert dispute_query.respondent_orgs(store) == [(org, "深圳市华美电子有限公司")]


def test_list_rows_carry_deadline_and_labels(store, today):
    case_id = new_case(store, "2026-11-21", workers=30, applicants=[{"name": "王大力"}])
    row = dispute_query.list_disputes(store)[0]
    assert row["id"] == case_id
    assert (row["deadline"], row["days_open"], row["days_left"], row["alert"]) == ("2026-12-06", 3, 12, "")
    assert row["applicant_label"] == "王大力等30人"


def test_every_change_leaves_an_audit_row(store, today):
    case_id = new_case(store)
    disputes.add_step(store, case_id, "2026-11-11", "调查核实")
    disputes.change_status(store, case_id, "调解中", "2026-11-12")
    disputes.delete_disputes(store, [case_id])
    actions = [e["action"] for e in audit.history(store.conn, "disputes", case_id)]
    assert actions == ["insert", "update", "soft_delete"]
    assert store.scalar("SELECT count(*) FROM audit WHERE table_name = 'dispute_steps'") == 3
    assert store.scalar("SELECT count(*) FROM audit WHERE table_name = 'dispute_applicants'") == 1
    assert store.scalar("SELECT user FROM audit WHERE table_name = 'disputes' LIMIT 1") == "测试员"


def test_saving_an_unchanged_case_writes_no_audit_row(store, today):
    case_id = new_case(store)
    before = count(store, "audit")
    case = disputes.get_dispute(store, case_id)
    disputes.update_dispute(store, case_id, {"amount": "12000", "claim": case["claim"]},
                            [{"name": "张三", "phone": "13800138000"}])
    assert count(store, "audit") == before


# ------------------------------------------------------------------ demo


def test_demo_office_has_a_year_of_disputes_in_every_status(tmp_path, monkeypatch):
    from unionoffice.core.demo.office import generate_demo
    from unionoffice.core.store.connection import Store

    monkeypatch.setattr(dates, "today", lambda: date(2026, 11, 24))
    with Store.open(tmp_path / "demo.db") as demo:
        generate_demo(demo, members=800, seed=3, today=date(2026, 11, 24))
        statuses = {r[0] for r in demo.query("SELECT DISTINCT status FROM disputes")}
        assert statuses == set(disputes.STATUSES)
        assert demo.scalar("SELECT min(received_date) FROM disputes") >= "2025-11-24"
        assert demo.scalar("SELECT count(*) FROM disputes WHERE kind = '劳动报酬/欠薪' AND workers >= 10") >= 2
        alerts = {r["alert"] for r in disputes.deadline_warnings(demo)}
        assert alerts == {"overdue", "due"}
        n = demo.scalar("SELECT count(*) FROM disputes")
        assert demo.scalar("SELECT count(*) FROM audit WHERE table_name = 'disputes'") == n
        last = demo.scalar("SELECT max(case_no) FROM disputes WHERE case_no LIKE '2026-%'")
        assert demo.scalar("SELECT last_seq FROM dispute_counters WHERE year = 2026") == int(last[5:])
        # every generated case obeys the rules the forms enforce
        assert demo.scalar("SELECT count(*) FROM dispute_steps s JOIN disputes d ON d.id = s.dispute_id "
                           "WHERE s.step_date < d.received_date OR s.step_date > '2026-11-24'") == 0
        assert demo.scalar("SELECT count(*) FROM disputes WHERE status = '结案' AND outcome = ''") == 0
        assert demo.scalar("SELECT count(*) FROM disputes WHERE workers < applicant_count") == 0
