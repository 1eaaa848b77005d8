"""活动 figures: activities held in the period, by kind, and their 人次.

- **Held** (举办活动): activities marked 已举办 whose start date falls in the period and that are
  not in the recycle bin. Planned (计划) and cancelled (取消) ones are not held.
- **人次** (参加人次): the headcount recorded on those activities (the attendance list when there
  is one, otherwise the number typed in).
- **Planned** (计划中): activities still 计划 whose start date falls in the period.
- **By kind** (按类型): held activities and their 人次 per 活动类型; kinds are the ones in the file.
"""

from __future__ import annotations

from typing import Any

from ..figures.base import COUNT, Area, Breakdown, Period, Spec, core_module_exists, has_tables
from ..store.connection import Store

SPECS = (
    Spec("activities.held", "举办活动次数", "期内开始且已举办的活动次数",
        synonyms=("开展活动", "举办活动", "活动场次", "开展活动次数", "举办活动场次", "开展活动场次", "活动次数", "组织活动", "举办各类活动", "开展各类活动", "各类活动", "组织各类活动",
                  "开展职工活动", "举办职工活动", "职工活动", "职工活动次数", "开展职工活动次数")),
    Spec("activities.headcount", "活动参加人次", "期内已举办活动的参加人次合计",
        synonyms=("参加活动职工", "活动人次", "参加活动人次", "参与职工人次", "参加活动职工人次", "参与人次", "受益职工人次", "参加人次", "参与职工", "参加职工", "参与活动职工", "参加活动职工人数", "服务职工人次")),
    Spec("activities.planned", "计划活动次数", "期内开始、仍为“计划”状态的活动次数"),
)


def kinds(store: Store) -> list[str]:
    """活动类型: the office's configured list, plus any kind still found on old activities."""
    if not available(store):
        return []
    from .records import activity_kinds

    configured = list(activity_kinds(store))
    found = [r[0] for r in store.query("SELECT DISTINCT kind FROM activities WHERE deleted_at IS NULL ORDER BY kind")]
    return configured + [k for k in found if k not in configured]


BREAKDOWNS = (
    Breakdown("activities.by_kind", "活动次数", "期内已举办活动次数，按活动类型", COUNT, kinds,
        synonyms=("活动", "次数", "场次", "活动场次")),
    Breakdown("activities.headcount_by_kind", "活动人次", "期内已举办活动的参加人次，按活动类型", COUNT, kinds,
        synonyms=("人次", "参加人次")),
)


def compute(store: Store, period: Period) -> dict[str, Any]:
    from .records import activity_totals  # the calendar's own definitions

    out: dict[str, Any] = {"activities.held": 0, "activities.headcount": 0, "activities.planned": 0}
    for kind in kinds(store):
        out[f"activities.by_kind.{kind}"] = 0
        out[f"activities.headcount_by_kind.{kind}"] = 0
    for kind, t in activity_totals(store, period.start, period.end).items():
        out[f"activities.by_kind.{kind}"] = t["held"]
        out[f"activities.headcount_by_kind.{kind}"] = t["headcount"]
        out["activities.held"] += t["held"]
        out["activities.headcount"] += t["headcount"]
        out["activities.planned"] += t["total"] - t["held"] - t["cancelled"]
    return out


def available(store: Store) -> bool:
    return core_module_exists("activities") and has_tables(store, "activities")


AREA = Area("activities", "活动", SPECS, BREAKDOWNS, compute, available)
