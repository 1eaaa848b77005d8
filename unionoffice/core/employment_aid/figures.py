"""就业援助 figures for the period ("提供就业岗位20个，实现就业10名"; "完成对120名农民工的技能素质培训").

- **招聘会场次**: live activities of kind 招聘会, not cancelled, starting in the period; their
  **参会企业**, **岗位数** and **达成意向人数** added up.
- **实现就业人数**: live placements dated in the period (by route as a breakdown); of them members.
- **培训人数**: trainees of the trainings starting in the period — each person once (by 身份证号, or by
  name when none) — in total and per 培训对象; **取得证书人数**: of them, persons with a certificate.
"""
from __future__ import annotations

from typing import Any

from ..figures.base import COUNT, Area, Breakdown, Period, Spec, core_module_exists, has_tables
from ..store.connection import Store
from .records import PLACEMENT_ROUTES, TRAINING_TARGETS

SPECS = (
    Spec("employment.job_fairs", "招聘会场次", "期内举办的专场招聘会场次", synonyms=("专场招聘会", "招聘会")),
    Spec("employment.fair_employers", "招聘会参会企业数", "期内招聘会参会企业合计", synonyms=("参会企业",)),
    Spec("employment.fair_positions", "提供就业岗位数", "期内招聘会提供的岗位数合计", synonyms=("提供就业岗位", "岗位数")),
    Spec("employment.fair_intents", "达成就业意向人数", "期内招聘会达成意向的人数合计", synonyms=("达成意向人数",)),
    Spec("employment.placed", "实现就业人数", "期内登记实现就业的人数", synonyms=("实现就业", "帮助就业人数")),
    Spec("employment.placed_members", "会员实现就业人数", "其中为会员的人数"),
    Spec("employment.trainees", "就业培训人数", "期内开班培训的参训人数（每人计一次）", synonyms=("培训人数",)),
    Spec("employment.certified", "培训取得证书人数", "其中取得证书的人数", synonyms=("取得证书人数", "持证人数")),
)
BREAKDOWNS = (
    Breakdown("employment.placed_by_route", "实现就业", "期内实现就业人数，按途径", COUNT, PLACEMENT_ROUTES),
    Breakdown("employment.trainees_by_target", "培训人数", "期内参训人数，按培训对象", COUNT, TRAINING_TARGETS,
              synonyms=("农民工技能培训",)),
)


def compute(store: Store, period: Period) -> dict[str, Any]:
    start, end = period.iso
    fair = store.one(
        "SELECT count(*) AS n, coalesce(sum(f.employers), 0) AS e, coalesce(sum(f.positions), 0) AS p, "
        "coalesce(sum(f.intents), 0) AS i FROM activities a LEFT JOIN job_fairs f ON f.activity_id = a.id "
        "WHERE a.deleted_at IS NULL AND a.kind = '招聘会' AND a.status <> '取消' AND a.start_date BETWEEN ? AND ?",
        (start, end))
    placed = store.query("SELECT route, member_id FROM placements WHERE deleted_at IS NULL "
                         "AND placed_date BETWEEN ? AND ?", (start, end))
    people = store.query(
        "SELECT t.target, CASE WHEN p.id_number <> '' THEN p.id_number ELSE 'n:' || p.person_name END AS who, "
        "p.certificate FROM trainees p JOIN trainings t ON t.id = p.training_id WHERE p.deleted_at IS NULL "
        "AND t.deleted_at IS NULL AND t.start_date BETWEEN ? AND ?", (start, end))
    out: dict[str, Any] = {
        "employment.job_fairs": fair["n"], "employment.fair_employers": fair["e"],
        "employment.fair_positions": fair["p"], "employment.fair_intents": fair["i"],
        "employment.placed": len(placed), "employment.placed_members": sum(1 for r in placed if r["member_id"]),
        "employment.trainees": len({r["who"] for r in people}),
        "employment.certified": len({r["who"] for r in people if r["certificate"]}),
    }
    for route in PLACEMENT_ROUTES:
        out[f"employment.placed_by_route.{route}"] = sum(1 for r in placed if r["route"] == route)
    for target in TRAINING_TARGETS:
        out[f"employment.trainees_by_target.{target}"] = len({r["who"] for r in people if r["target"] == target})
    return out


def available(store: Store) -> bool:
    return core_module_exists("employment_aid") and has_tables(store, "job_fairs", "placements", "trainees")


AREA = Area("employment", "就业援助", SPECS, BREAKDOWNS, compute, available)
