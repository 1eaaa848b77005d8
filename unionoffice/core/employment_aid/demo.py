"""Demo employment aid: this year's two 专场招聘会 in the activity calendar with their results, a dozen
placements (some from the fairs), and a 农民工 skills training and a 下岗失业 training with trainees
(most certified)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from ..activities.records import activity_kinds, set_activity_kinds
from ..store.records import insert_row
from ..values.ids import make_id_number

if TYPE_CHECKING:
    from ..demo.context import DemoContext

ROUTES = ("招聘会", "推荐", "培训后")
CERTIFICATES = ("电工证", "育婴员证", "中式烹调师（初级）", "保安员证", "")


def make_employment_aid(ctx: "DemoContext") -> None:
    rng, store, today = ctx.rng, ctx.store, ctx.today
    if "招聘会" not in activity_kinds(store):
        set_activity_kinds(store, [*activity_kinds(store), "招聘会"])
    employers = [r[0] for r in store.query("SELECT name FROM orgs WHERE is_federation = 0 LIMIT 40")] or ["某公司"]
    fairs = []
    year = today.year  # the calendar's demo covers this year only
    for _ in (year,):
        for month, title in ((2, "春风行动专场招聘会"), (9, "金秋专场招聘会")):
            day = date(year, month, 20)
            if day > today:
                continue
            aid = insert_row(store, "activities", {"title": f"{year}年{title}", "kind": "招聘会",
                                                  "start_date": day.isoformat(), "end_date": day.isoformat(),
                                                  "location": "东湖街道文化广场", "status": "已举办",
                                                  "headcount": rng.randint(150, 400)})
            fairs.append((day, insert_row(store, "job_fairs", {
                "activity_id": aid, "employers": rng.randint(15, 40), "positions": rng.randint(200, 600),
                "intents": rng.randint(30, 90)})))
    people = [dict(r) for r in store.query("SELECT id, name, id_number FROM members WHERE status = '正常' LIMIT 300")]
    for i in range(12):
        fair_day, fair_id = rng.choice(fairs) if fairs else (today - timedelta(days=30), None)
        route = rng.choice(ROUTES) if fair_id else "推荐"
        person = rng.choice(people) if people and rng.random() < 0.4 else None
        day = min(today, fair_day + timedelta(days=rng.randint(3, 40)))
        insert_row(store, "placements", {
            "person_name": person["name"] if person else f"求职者{i + 1:02d}",
            "id_number": person["id_number"] if person else "", "member_id": person["id"] if person else None,
            "employer": rng.choice(employers), "placed_date": day.isoformat(), "route": route,
            "job_fair_id": fair_id if route == "招聘会" else None})
    _trainings(ctx)


def _trainings(ctx: "DemoContext") -> None:
    rng, store, today = ctx.rng, ctx.store, ctx.today
    start = today - timedelta(days=60)
    for title, target, n in (("农民工技能素质提升培训", "农民工", 30), ("下岗失业人员再就业培训", "下岗失业", 12)):
        tid = insert_row(store, "trainings", {"title": f"{start.year}年{title}", "target": target,
                                              "start_date": start.isoformat(),
                                              "end_date": (start + timedelta(days=10)).isoformat(),
                                              "organiser": "东湖街道总工会"})
        for i in range(n):
            id_number = make_id_number("440303" if target == "农民工" else "440304", date(1975 + i % 25, 1 + i % 12, 1 + i % 28), 500 + i)
            insert_row(store, "trainees", {"training_id": tid, "person_name": f"学员{target}{i + 1:02d}",
                                           "id_number": id_number, "certificate": rng.choice(CERTIFICATES)})
