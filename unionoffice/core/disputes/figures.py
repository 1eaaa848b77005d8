"""维权 figures: the dispute log, read through ``core.dispute_figures`` so that the report, the
return and the 劳动争议 tab always agree.

The figures describe the **cases received in the period** (受理日期 within it, recycle bin
excluded), each in its present state — a year's return counts every case of that year,
including progress made on it after the year ended, and agrees with the exported case list
filtered by 受理日期.

- **Received** (受理件数), of them **collective** (集体争议, 涉及人数 ≥ 10); **workers** and **amount
  involved** (涉及人数, 涉及金额) added up; **by type**: received cases per 争议类型.
- **Mediated** (调处件数): mediation reached a result (调解成功 or 调解不成), whatever followed.
  **Succeeded** (调解成功): of those, the ones that ended in agreement.
- **调处率** = mediated / received; **成功率** = succeeded / mediated (— when nothing to divide by).
- **Recovered** (追回金额): 追回金额 of the received cases. **Open** (未结): not yet 结案 or 撤回.
"""
from __future__ import annotations

from typing import Any

from ..figures.base import COUNT, FEN, RATE, Area, Breakdown, Period, Spec, core_module_exists, has_tables
from ..store.connection import Store

# the fixed 争议类型 of the dispute log (m0004 CHECK); listed here so returns know them before it loads
KINDS = ("劳动报酬/欠薪", "劳动合同", "社会保险", "工伤", "解除/终止", "工时休假", "其他")

SPECS = (
    Spec("disputes.received", "受理争议件数", "受理日期在期间内的争议件数",
        synonyms=("受理劳动争议", "受理劳动争议件数", "受理案件", "受理件数", "劳动争议案件", "劳动争议受理件数", "受理劳动争议案件数", "受理劳动争议案件")),
    Spec("disputes.collective", "集体争议件数", "其中涉及人数10人及以上的件数",
        synonyms=("集体争议", "集体劳动争议", "集体劳动争议件数")),
    Spec("disputes.workers", "争议涉及人数", "期内受理争议的涉及人数合计",
        synonyms=("涉及职工", "涉及职工人数", "涉及人数", "涉及劳动者人数")),
    Spec("disputes.amount", "争议涉及金额", "期内受理争议的涉及金额合计（元）", FEN,
        synonyms=("涉及金额", "涉案金额", "争议金额")),
    Spec("disputes.mediated", "调处件数", "期内受理、调解已有结果（成功或不成）的件数",
        synonyms=("调处", "调处案件", "调解件数", "调解案件数", "调解劳动争议", "调解案件", "调处劳动争议", "调处案件数")),
    Spec("disputes.succeeded", "调解成功件数", "其中调解成功的件数",
        synonyms=("调解成功", "调解成功案件", "调解成功数")),
    Spec("disputes.mediation_rate", "调处率", "调处件数 ÷ 受理件数", RATE, parts=("disputes.mediated", "disputes.received"),
        synonyms=("争议调处率", "劳动争议调处率")),
    Spec("disputes.success_rate", "调解成功率", "调解成功件数 ÷ 调处件数", RATE, parts=("disputes.succeeded", "disputes.mediated"),
        synonyms=("成功率", "劳动争议调解成功率")),
    Spec("disputes.recovered", "追回金额", "期内受理争议的追回金额合计（元）", FEN,
        synonyms=("为职工追回", "挽回经济损失", "为职工挽回经济损失", "追回欠薪", "追讨金额", "为职工追回金额", "为职工追回欠薪", "追回工资", "追回劳动报酬", "为职工挽回损失")),
    Spec("disputes.open", "未结件数", "期内受理、至今尚未结案或撤回的件数",
        synonyms=("未结案件", "未结")),
)
BREAKDOWNS = (
    Breakdown("disputes.by_kind", "争议件数", "期内受理争议件数，按争议类型", COUNT, KINDS,
        synonyms=("争议", "案件", "件数", "劳动争议")),
    Breakdown("disputes.amount_by_kind", "争议金额", "期内受理争议涉及金额（元），按争议类型", FEN, KINDS,
        synonyms=("金额", "涉及金额")),
)


def compute(store: Store, period: Period) -> dict[str, Any]:
    from .stats import dispute_figures  # the dispute log's own definitions

    f = dispute_figures(store, period.start, period.end)
    out: dict[str, Any] = {
        "disputes.received": f.received, "disputes.collective": f.collective,
        "disputes.workers": f.workers, "disputes.amount": f.amount,
        "disputes.mediated": f.mediated, "disputes.succeeded": f.succeeded,
        "disputes.mediation_rate": f.mediation_rate, "disputes.success_rate": f.success_rate,
        "disputes.recovered": f.recovered, "disputes.open": f.open,
    }
    for kind in KINDS:
        out[f"disputes.by_kind.{kind}"] = f.by_kind.get(kind, 0)
        out[f"disputes.amount_by_kind.{kind}"] = f.amount_by_kind.get(kind, 0)
    return out


def available(store: Store) -> bool:
    return core_module_exists("disputes") and has_tables(store, "disputes")


AREA = Area("disputes", "维权", SPECS, BREAKDOWNS, compute, available)
