"""会员服务卡 figures, counted as the card offices report them ("今年采集信息633人，制卡657人，现已
累计采集信息12561人，制卡9449人"):

- **采集信息人数** / **制卡人数**: card records whose 信息采集日期 / 制卡日期 lies in the period.
- **累计采集信息人数** / **累计制卡人数**: those dated on or before the period's last day.

Live records only (a record in the recycle bin counts nowhere); members of any status are counted, as
a card once made stays made.
"""
from __future__ import annotations

from typing import Any

from ..figures.base import Area, Period, Spec, core_module_exists, has_tables
from ..store.connection import Store

SPECS = (
    Spec("cards.collected", "采集信息人数", "期内完成会员服务卡信息采集的人数", synonyms=("采集信息", "信息采集人数")),
    Spec("cards.made", "制卡人数", "期内制作会员服务卡的人数", synonyms=("制卡", "制卡数", "发卡人数")),
    Spec("cards.collected_total", "累计采集信息人数", "截至期末累计完成信息采集的人数",
         synonyms=("累计采集信息", "累计采集")),
    Spec("cards.made_total", "累计制卡人数", "截至期末累计制卡的人数", synonyms=("累计制卡", "累计发卡")),
)


def compute(store: Store, period: Period) -> dict[str, Any]:
    start, end = period.iso
    row = store.one(
        "SELECT sum(collected_date BETWEEN :s AND :e) AS c, sum(made_date BETWEEN :s AND :e) AS m, "
        "sum(collected_date <= :e) AS ct, sum(made_date <= :e) AS mt FROM member_cards WHERE deleted_at IS NULL",
        {"s": start, "e": end})
    return {"cards.collected": row["c"] or 0, "cards.made": row["m"] or 0,
            "cards.collected_total": row["ct"] or 0, "cards.made_total": row["mt"] or 0}


def available(store: Store) -> bool:
    return core_module_exists("member_card") and has_tables(store, "member_cards")


AREA = Area("cards", "会员服务卡", SPECS, (), compute, available)
