"""互助保障: plans per year, enrolments (one by one, whole org, a person not on the roll), claims,
the figures, and the audit trail."""

import pytest

from unionoffice.core.errors import UserError, ValueFormatError
from unionoffice.core.figures import catalogue as F
from unionoffice.core.members.records import create_member
from unionoffice.core.mutual_aid import records as aid
from unionoffice.core.orgs.records import create_org
from unionoffice.core.values.ids import make_id_number
import datetime as dt


def pid(n: int) -> str:
    return make_id_number("440303", dt.date(1980, 1, 1) + dt.timedelta(days=n), n)


@pytest.fixture
def office(store):
    org = create_org(store, {"name": "甲公司", "workers": 30, "union_mode": "独立建会"})
    other = create_org(store, {"name": "乙公司", "workers": 30, "union_mode": "独立建会"})
    members = [create_member(store, {"name": n, "id_number": pid(i), "org_id": org})
               for i, n in enumerate(("张三", "李四", "王五"))]
    create_member(store, {"name": "赵六", "id_number": pid(9), "org_id": other})
    plans = {name: aid.save_plan(store, {"year": 2026, "name": name, "premium": premium, "payer": payer})
             for name, premium, payer in (("在职住院", "60", "单位"), ("女职工安康", "50", "个人"), ("特种重病", "100", "单位"))}
    return org, other, members, plans


def test_plans_are_per_year_and_unique(store, office):
    with pytest.raises(UserError, match="已有“在职住院”"):
        aid.save_plan(store, {"year": 2026, "name": "在职住院", "premium": "70"})
    aid.save_plan(store, {"year": 2027, "name": "在职住院", "premium": "70"})
    with pytest.raises(ValueFormatError, match="缴费方"):
        aid.save_plan(store, {"year": 2027, "name": "退休", "premium": "40", "payer": "财政"})
    with pytest.raises(ValueFormatError, match="年度"):
        aid.save_plan(store, {"year": "明年", "name": "退休"})
    assert [p["name"] for p in aid.plans(store, 2027)] == ["在职住院"]


def test_enrol_a_member_and_a_worker_not_on_the_roll(store, office):
    org, _, members, plans = office
    e1 = aid.enrol(store, plans["女职工安康"], member_id=members[1], shares=2, enrolled_date="2026.3.1")
    row = aid.enrolments(store, 2026)[0]
    assert (row["person_name"], row["shares"], row["premium"], row["enrolled_date"], row["to_add"]) == \
        ("李四", 2, 100_00, "2026-03-01", 0)
    aid.enrol(store, plans["在职住院"], name="新来的", id_number=pid(50), org_id=org)
    assert [r["person_name"] for r in aid.to_add(store, 2026)] == ["新来的"]
    with pytest.raises(UserError, match="不能重复参保"):
        aid.enrol(store, plans["女职工安康"], name="李四", id_number=pid(1))
    with pytest.raises(ValueFormatError, match="与“李某”不符"):
        aid.enrol(store, plans["在职住院"], name="李某", id_number=pid(1))
    with pytest.raises(ValueFormatError):
        aid.enrol(store, plans["在职住院"], name="某人", id_number="440303198001011234")
    assert e1


def test_a_new_member_is_linked_once_added_to_the_roll(store, office):
    org, _, _, plans = office
    aid.enrol(store, plans["在职住院"], name="新来的", id_number=pid(50), org_id=org)
    create_member(store, {"name": "新来的", "id_number": pid(50), "org_id": org})
    assert aid.to_add(store, 2026) == []  # on the roll now: no longer to be added
    assert F.compute(store, F.year(2026))["mutual_aid.to_add"] == 0
    assert aid.link_new_members(store) == 1
    assert aid.to_add(store, 2026) == []


def test_whole_org_enrolment_and_its_figure(store, office):
    org, other, members, plans = office
    aid.enrol(store, plans["在职住院"], member_id=members[0])
    assert aid.enrol_whole_org(store, plans["在职住院"], org, "2026-02-01") == (2, 1)
    assert aid.enrol_whole_org(store, plans["在职住院"], org) == (0, 3)  # again: nothing changes
    assert aid.whole_org_ids(store, 2026) == [org]
    assert len(aid.enrolments(store, 2026, org_id=org)) == 3
    empty = create_org(store, {"name": "空单位"})
    with pytest.raises(UserError, match="没有会员"):
        aid.enrol_whole_org(store, plans["在职住院"], empty)


def test_claims_need_an_enrolment_and_a_positive_amount(store, office):
    _, _, members, plans = office
    e = aid.enrol(store, plans["特种重病"], member_id=members[0])
    with pytest.raises(ValueFormatError, match="疾病或原因"):
        aid.add_claim(store, e, "2026-05-01", "", "800")
    with pytest.raises(ValueFormatError, match="大于 0"):
        aid.add_claim(store, e, "2026-05-01", "住院", "0")
    aid.add_claim(store, e, "2026-05-01", "肺炎住院", "1,200.50")
    assert [(c["person_name"], c["amount"]) for c in aid.claims(store, "2026-01-01", "2026-12-31")] == [("张三", 1_200_50)]
    with pytest.raises(UserError, match="已有互助金给付"):
        aid.delete_enrolment(store, e)


def test_figures_for_the_year(store, office):
    org, other, members, plans = office
    aid.enrol_whole_org(store, plans["在职住院"], org, "2026-01-10")
    aid.enrol(store, plans["女职工安康"], member_id=members[1], shares=2, enrolled_date="2026-02-01")
    aid.enrol(store, plans["特种重病"], name="外来工", id_number=pid(60), org_id=other, enrolled_date="2026-03-01")
    e = aid.enrol(store, plans["特种重病"], member_id=members[2], enrolled_date="2026-03-01")
    aid.add_claim(store, e, "2026-06-01", "手术", "3000")
    f = F.compute(store, F.year(2026))
    assert (f["mutual_aid.enrolled"], f["mutual_aid.people"], f["mutual_aid.orgs"]) == (6, 4, 2)
    assert (f["mutual_aid.whole_orgs"], f["mutual_aid.ankang_shares"], f["mutual_aid.to_add"]) == (1, 2, 1)
    assert f["mutual_aid.premium"] == 3 * 60_00 + 2 * 50_00 + 2 * 100_00
    assert (f["mutual_aid.claims"], f["mutual_aid.claimed"]) == (1, 3_000_00)
    assert f.breakdown("mutual_aid.by_plan") == {"在职住院": 3, "女职工安康": 1, "特种重病": 2}
    q1 = F.compute(store, F.quarter(2026, 1))
    assert (q1["mutual_aid.enrolled"], q1["mutual_aid.claims"]) == (6, 0)
    jan = F.compute(store, F.month(2026, 1))
    assert jan["mutual_aid.enrolled"] == 3  # enrolled by the end of January


def test_every_change_is_audited(store, office):
    _, _, members, plans = office
    e = aid.enrol(store, plans["特种重病"], member_id=members[0])
    c = aid.add_claim(store, e, "2026-05-01", "住院", "100")
    aid.delete_claim(store, c)
    tables = {r[0] for r in store.query("SELECT DISTINCT table_name FROM audit WHERE table_name LIKE 'aid_%'")}
    assert tables == {"aid_plans", "aid_enrolments", "aid_claims"}
    assert store.scalar("SELECT action FROM audit WHERE table_name = 'aid_claims' ORDER BY id DESC LIMIT 1") == "soft_delete"
