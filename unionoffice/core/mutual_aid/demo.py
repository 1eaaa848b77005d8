"""Demo step: this year's mutual-aid plans, who joined them, and a few claims.

About a third of the orgs with members enrol everyone (在职住院 for those at work, 退休 for the
retired: 全员参保); elsewhere some members join one by one; women buy 女职工安康 by the 份; a few
workers not on the roll yet are enrolled by their org (listed 待补录).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from ..store.audit import bulk_insert
from ..values.ids import make_id_number

if TYPE_CHECKING:
    from ..demo.office import DemoContext

PLANS = (("在职住院", 6000, "单位"), ("退休", 4000, "单位"), ("女职工安康", 5000, "个人"), ("特种重病", 10000, "单位"),
         ("意外伤害", 3000, "单位"))
ENROLMENT_COLUMNS = ("plan_id", "member_id", "person_name", "id_number", "org_id", "enrolled_date", "shares", "premium",
                     "source")
CAUSES = ("肺炎住院", "骨折住院", "阑尾炎手术", "恶性肿瘤", "心脏支架手术", "意外摔伤", "乳腺疾病", "糖尿病并发症住院")


def make_mutual_aid(ctx: "DemoContext") -> None:
    rng, store, year = ctx.rng, ctx.store, ctx.today.year
    plan_ids = {}
    for name, premium, payer in PLANS:
        plan_ids[name] = store.execute("INSERT INTO aid_plans (year, name, premium, payer) VALUES (?, ?, ?, ?)",
                                       (year, name, premium, payer)).lastrowid
    premium = {name: p for name, p, _ in PLANS}
    members = store.query("SELECT id, name, id_number, org_id, gender, is_retired FROM members "
                          "WHERE status IN ('正常', '保留') AND id_number IS NOT NULL AND org_id IS NOT NULL")
    orgs = sorted({m["org_id"] for m in members})
    whole = set(rng.sample(orgs, len(orgs) // 3)) if orgs else set()
    start = date(year, 1, 1)
    rows = []

    def add(plan: str, m, shares: int = 1, source: str = "逐个登记", member: bool = True) -> None:
        day = start + timedelta(days=rng.randint(0, max(0, min(90, (ctx.today - start).days))))
        rows.append((plan_ids[plan], m["id"] if member else None, m["name"], m["id_number"], m["org_id"],
                     day.isoformat(), shares, premium[plan] * shares, source))

    for m in members:
        main = "退休" if m["is_retired"] else "在职住院"
        if m["org_id"] in whole:
            add(main, m, source="全员参保")
        elif rng.random() < 0.2:
            add(main, m)
        if m["gender"] == "女" and rng.random() < 0.3:
            add("女职工安康", m, shares=rng.choice((1, 1, 2)))
        if rng.random() < 0.08:
            add("特种重病", m)
    for n in range(min(8, len(orgs))):  # workers of covered orgs not yet on the roll
        birth = date(1975 + n, 3, 1 + n)
        person = {"id": None, "name": f"{'赵钱孙李周吴郑王'[n]}{'新来职工'[n % 4]}", "org_id": orgs[n],
                  "id_number": make_id_number("440303", birth, 900 + n)}
        add("意外伤害", person, source="导入：演示参保名单", member=False)
    if rows:
        first = store.scalar("SELECT coalesce(max(id), 0) FROM aid_enrolments") + 1
        bulk_insert(store.conn, "aid_enrolments", ENROLMENT_COLUMNS, rows)
        _claims(ctx, first, len(rows))


def _claims(ctx: "DemoContext", first: int, count: int) -> None:
    rng, year = ctx.rng, ctx.today.year
    last = max(date(year, 1, 2), ctx.today - timedelta(days=1))
    claims = []
    for enrolment_id in rng.sample(range(first, first + count), max(1, count // 100)):
        day = date(year, 1, 1) + timedelta(days=rng.randint(0, (last - date(year, 1, 1)).days))
        claims.append((enrolment_id, day.isoformat(), rng.choice(CAUSES), rng.randint(5, 80) * 10000))
    bulk_insert(ctx.store.conn, "aid_claims", ("enrolment_id", "claim_date", "cause", "amount"), claims)
