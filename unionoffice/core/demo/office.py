"""A realistic demo office to try the program on: ``unionoffice demo PATH [--members N] [--seed S]``.

Everything generated is valid by our own rules (IDs and credit codes pass their checksums, dates
are plausible, each org's members fit its head-count) so the demo doubles as test data for
benchmarks. Each area has its own step (``<area>/demo.py``); ``STEPS`` runs them in order.
"""


from __future__ import annotations

import random
from datetime import date
from typing import Callable

from ..activities.demo import make_activities
from ..assistance.demo import make_hardship_and_assistance
from ..disputes.demo import make_disputes
from ..members.demo import make_members
from ..orgs.demo import make_orgs
from ..employment_aid.demo import make_employment_aid
from ..fundraising.demo import make_fundraising
from ..honours.demo import make_honours
from ..member_card.demo import make_cards
from ..union_standing.demo import make_standing
from ..fees.demo import make_fees
from ..mutual_aid.demo import make_mutual_aid
from ..orgs.demo import make_org_history
from ..store.connection import Store
from .context import DemoContext

DEMO_OFFICE = "东湖街道总工会"
DEMO_DISTRICT = "罗湖区总工会"


def generate_demo(store: Store, *, members: int = 2000, seed: int = 1, today: date | None = None,
                  progress: Callable[[str], None] | None = None) -> dict[str, int]:
    """Fill an empty office file; returns counts of what was made. Runs in one transaction."""
    if store.scalar("SELECT count(*) FROM members") or store.scalar("SELECT count(*) FROM orgs"):
        from ..errors import UserError

        raise UserError(f"{store.path.name} 已有数据，演示数据只能生成到新文件中")
    ctx = DemoContext(store, random.Random(seed), members, today or date.today())
    with store.atomic():
        store.set_setting("office_name", DEMO_OFFICE)
        store.set_setting("district_name", DEMO_DISTRICT)
        for label, step in STEPS:
            if progress:
                progress(label)
            step(ctx)
    return store.counts()


# Each area appends its generator here; they run in order inside one transaction.
STEPS: list[tuple[str, Callable[[DemoContext], None]]] = [
    ("单位与工联会", make_orgs),
    ("会员", make_members),
    ("活动日历", make_activities),
    ("劳动争议", make_disputes),
    ("困难帮扶与慰问", make_hardship_and_assistance),
    ("规范化建设与民主管理", make_standing),
    ("就业援助", make_employment_aid),
    ("评先评优", make_honours),
    ("会员服务卡", make_cards),
    ("募捐与特殊会费", make_fundraising),
    ("工会经费", make_fees),
    ("互助保障", make_mutual_aid),
    ("单位变更与历年人数", make_org_history),
]
