"""组织建设 figures: orgs and their unions, workers, members, collective contracts.

What "as they stood" means here:

- **Orgs** (单位数): employers on the register at the end of the period — registered (成立, when
  recorded) by then and not ended (注销/迁出/合并) by then; not federations (they are unions, not
  employers), not in the recycle bin (an org deleted after the period end still counts). 建会方式
  is taken as recorded now — except that an org whose own union was founded (建会日期) after the
  period end is counted as not yet covered.
- **Covered orgs** (已建会单位): of those, 独立建会 (founded by the period end, or date unknown) plus
  联合建会 (covered through a 工联会). **建会率** = covered orgs / orgs.
- **Workers** (职工人数, of whom women and migrants): the head-counts of those orgs in force at the
  period end — the latest recorded on or before it (``org_headcounts``); for an org whose first
  recorded head-count is later than the period end, that first one (nothing earlier is known).
- **待补全 orgs**: named by a member roll and created with their name only; they count in none of
  单位数, 建会率, 职工人数 until the clerk gives a head-count and a 建会方式, and their members are
  left out of 入会率 (not of 会员人数) meanwhile.
- **Members** (会员人数): people on the roll at the end of the period: joined (入会日期) on or before
  it, and either still a member now (正常/保留) or left (转出/退会/开除/去世) after it. A member who
  left with no date is taken as gone. Members in the recycle bin never count. **入会率** = members /
  workers.
- **New members** (新入会): joined within the period. **Left** (减少): status 转出/退会/开除/去世 dated
  within the period.
- **Migrant / women members**: members at the period end flagged 农民工 / whose gender is 女.
- **Contracts** (集体合同, 工资专项, 女职工专项): signed within the period, with the workers they
  cover; and in force at the period end (signed by then, expiring on or after it).
"""

from __future__ import annotations

from typing import Any

from ..figures.base import COUNT, RATE, TEXT, Area, Breakdown, Period, Spec, ratio
from ..members.records import ACTIVE_STATUSES
from .lifecycle import HEADCOUNT_ROW_AT, ON_REGISTER_AT
from .records import CATEGORIES
from ..store.connection import Store

_ACTIVE = "('" + "', '".join(ACTIVE_STATUSES) + "')"
CONTRACT_KEYS = (("collective", "集体合同"), ("wage", "工资专项"), ("women", "女职工专项"))
UNKNOWN_CATEGORY = "未填类别"

SPECS = (
    Spec("office.name", "填报单位", "本街道总工会名称（设置中的办公室名称）", TEXT,
        synonyms=("填报单位名称", "报送单位", "单位名称（盖章）", "填报单位（盖章）")),
    Spec("district.name", "上级工会", "上级区总工会名称", TEXT,
        synonyms=("上级工会名称",)),
    Spec("period.from", "开始日期", "统计期间开始日期（YYYY-MM-DD）", TEXT),
    Spec("period.to", "结束日期", "统计期间结束日期（YYYY-MM-DD）", TEXT),
    Spec("period.label", "统计期间", "统计期间名称，如“2026年上半年”", TEXT,
        synonyms=("统计时段", "统计时间", "报告期", "统计期", "所属期间")),
    Spec("orgs.total", "单位数", "期末在册单位数（不含工联会）",
        synonyms=("辖区单位总数", "单位总数", "辖区单位数", "在册单位数", "企事业单位数", "法人单位数", "应建会单位数")),
    Spec("orgs.covered", "已建会单位数", "期末已建会单位数（独立建会＋联合建会）",
        synonyms=("建会单位数", "已建工会单位数", "已建会单位", "已建会", "覆盖单位数", "已建会单位总数", "已建会企业",
                  "已建会企业数", "建立工会的企业")),
    Spec("orgs.independent", "独立建会单位数", "期末独立建会的单位数",
        synonyms=("独立建会", "单独建会单位数", "独立建会数")),
    Spec("orgs.joint", "联合建会单位数", "期末通过工联会联合建会的单位数",
        synonyms=("联合建会", "联合建会数", "通过联合工会覆盖单位数")),
    Spec("orgs.uncovered", "未建会单位数", "期末未建会的单位数",
        synonyms=("未建会", "未建工会单位数")),
    Spec("orgs.unionisation_rate", "建会率", "已建会单位数 ÷ 单位数", RATE, parts=("orgs.covered", "orgs.total"),
        synonyms=("单位建会率", "工会组建率", "组建率", "建会覆盖率")),
    Spec("orgs.new_unions", "新建工会数", "期内建会日期落在期间内的独立工会数",
        synonyms=("新建工会", "新建基层工会数", "新组建工会数", "新建会单位数", "新建会")),
    Spec("federations.total", "工联会数", "期末在册的工会联合会（社区/楼宇/行业）数",
        synonyms=("工会联合会数", "联合工会数", "工联会", "区域性行业性工会联合会数", "工会联合会", "工会联合会个数")),
    Spec("workers.total", "职工人数", "期末在册单位的职工人数合计",
        synonyms=("职工总数", "辖区职工总数", "辖区职工人数", "职工数", "在岗职工人数", "从业人员数")),
    Spec("workers.women", "女职工人数", "期末在册单位的女职工人数合计",
        synonyms=("女职工", "女职工数")),
    Spec("workers.migrant", "农民工人数", "期末在册单位的农民工人数合计",
        synonyms=("农民工", "农民工数", "农民工职工人数")),
    Spec("members.total", "会员人数", "期末会员人数（入会日期不晚于期末、期末时未转出/退会/开除/去世）",
        synonyms=("会员总数", "工会会员总数", "工会会员人数", "会员数", "期末会员人数", "会员", "工会会员数", "会员人数合计")),
    Spec("members.start", "期初会员人数", "期间开始前一日的会员人数",
        synonyms=("期初会员数", "年初会员人数", "上期末会员人数")),
    Spec("members.membership_rate", "入会率", "会员人数 ÷ 职工人数", RATE, parts=("members.total", "workers.total"),
        synonyms=("职工入会率", "会员入会率")),
    Spec("members.new", "新入会会员数", "入会日期在期间内的会员数",
        synonyms=("新入会", "新发展会员", "新发展会员数", "新入会会员人数", "新增会员", "新增会员数", "发展会员")),
    Spec("members.left", "减少会员数", "期间内转出、退会、开除、去世的会员数",
        synonyms=("减少会员", "会员减少数", "转出会员数")),
    Spec("members.migrant", "农民工会员数", "期末会员中的农民工",
        synonyms=("农民工会员", "农民工会员人数", "农民工入会人数")),
    Spec("members.women", "女会员数", "期末会员中的女性",
        synonyms=("女会员", "女会员人数", "女职工会员数", "女职工会员人数", "女职工会员")),
    Spec("contracts.collective.signed", "集体合同签订数", "期内签订的集体合同份数",
        synonyms=("集体合同", "签订集体合同", "签订集体合同数", "集体合同份数", "新签集体合同")),
    Spec("contracts.collective.workers", "集体合同覆盖职工数", "期内签订的集体合同覆盖的职工人数",
        synonyms=("集体合同覆盖职工", "集体合同覆盖职工人数")),
    Spec("contracts.collective.in_force", "有效集体合同数", "期末仍在有效期内的集体合同份数",
        synonyms=("有效期内集体合同", "在有效期内的集体合同数")),
    Spec("contracts.collective.in_force_workers", "有效集体合同覆盖职工数", "期末有效集体合同覆盖的职工人数"),
    Spec("contracts.wage.signed", "工资专项合同签订数", "期内签订的工资专项集体合同份数",
        synonyms=("工资专项集体合同", "工资集体协商", "签订工资专项集体合同", "工资专项集体合同数")),
    Spec("contracts.wage.workers", "工资专项合同覆盖职工数", "期内签订的工资专项集体合同覆盖的职工人数",
        synonyms=("工资专项集体合同覆盖职工",)),
    Spec("contracts.women.signed", "女职工专项合同签订数", "期内签订的女职工专项集体合同份数",
        synonyms=("女职工专项集体合同", "女职工权益保护专项集体合同", "女职工专项集体合同数")),
    Spec("contracts.women.workers", "女职工专项合同覆盖职工数", "期内签订的女职工专项集体合同覆盖的职工人数",
        synonyms=("女职工专项集体合同覆盖职工", "女职工专项集体合同覆盖女职工")),
)
# 工会组织的变更 (union life): events recorded in the period, as the seed's offices count them
# ("已完成换届15家，注销2家，更名1家，转出1家"); each org once per kind.
LIFE_SPECS = (
    Spec("orgs.renewed", "完成换届单位数", "期内完成换届（登记了换届）的单位数",
         synonyms=("完成换届", "已完成换届", "换届", "换届单位数", "按期换届", "完成换届工会数")),
    Spec("orgs.renamed", "更名单位数", "期内更名的单位数", synonyms=("更名", "更名单位", "工会更名")),
    Spec("orgs.cancelled", "注销单位数", "期内注销的单位数", synonyms=("注销", "注销单位", "注销工会", "撤销工会")),
    Spec("orgs.moved_out", "迁出单位数", "期内迁出本街道的单位数", synonyms=("迁出", "转出", "迁出单位", "转出单位")),
    Spec("orgs.merged", "合并单位数", "期内合并（并入其他单位）的单位数", synonyms=("合并", "合并单位")),
)
LIFE_KEYS = {"换届": "orgs.renewed", "更名": "orgs.renamed", "注销": "orgs.cancelled", "迁出": "orgs.moved_out",
             "合并": "orgs.merged"}
SPECS = SPECS + LIFE_SPECS

BREAKDOWNS = (
    Breakdown("members.by_org_category", "会员按单位类别", "期末会员人数，按所在单位的单位类别",
              COUNT, CATEGORIES + (UNKNOWN_CATEGORY,)),
    Breakdown("orgs.by_category", "单位按类别", "期末在册单位数，按单位类别", COUNT, CATEGORIES + (UNKNOWN_CATEGORY,),
        synonyms=("单位",)),
)



def _member_at(alias: str = "") -> str:
    """SQL: the member counts at date ? (bound twice) — joined by then and not gone by then."""
    a = f"{alias}." if alias else ""
    return (f"(coalesce({a}joined_date, '') <= ? AND "
            f"({a}status IN {_ACTIVE} OR coalesce({a}status_date, '') > ?))")


_MEMBER_AT = _member_at()  # bind the date twice


def compute(store: Store, period: Period) -> dict[str, Any]:
    start, end = period.iso
    out: dict[str, Any] = {
        "office.name": store.get_setting("office_name", "") or "",
        "district.name": store.get_setting("district_name", "") or "",
        "period.from": start, "period.to": end, "period.label": period.label,
    }
    out.update(_orgs(store, end))
    out.update(_members(store, start, end))
    out["members.membership_rate"] = ratio(out["members.total"] - _in_incomplete_orgs(store, end),
                                           out["workers.total"])
    out.update(_contracts(store, start, end))
    out.update(_life_events(store, start, end))
    return out


def _life_events(store: Store, start: str, end: str) -> dict[str, int]:
    """Orgs with an event of each kind dated in the period (orgs in the recycle bin left out)."""
    counts = dict(store.query(
        "SELECT e.kind, count(DISTINCT e.org_id) FROM org_events e JOIN orgs o ON o.id = e.org_id "
        "WHERE o.deleted_at IS NULL AND e.date BETWEEN ? AND ? GROUP BY e.kind", (start, end)))
    return {key: counts.get(kind, 0) for kind, key in LIFE_KEYS.items()}


def _live_orgs(alias: str = "o") -> str:
    """SQL: a live employer org (bind the deleted-at timestamp); a 待补全 org (no head-count or 建会方式
    yet) is not counted."""
    return (f"{alias}.is_federation = 0 AND {alias}.needs_completion = 0 AND "
            f"({alias}.deleted_at IS NULL OR {alias}.deleted_at > ?)")


def _on_register(alias: str = "o") -> str:
    """SQL: a live employer on the register at the period end (bind: timestamp, end, end)."""
    return f"{_live_orgs(alias)} AND {ON_REGISTER_AT}"


def _orgs(store: Store, end: str) -> dict[str, Any]:
    end_ts = end + " 23:59:59"  # deleted_at is a timestamp
    independent = "(union_mode = '独立建会' AND coalesce(union_founded, '') <= ?)"
    # one scan, grouped by category: the totals are the sums of the groups
    groups = store.query(
        f"SELECT category, count(*) AS total, coalesce(sum({independent}), 0) AS independent, "
        "coalesce(sum(union_mode = '联合建会'), 0) AS joint, "
        "coalesce(sum(coalesce(h.workers, o.workers)), 0) AS workers, "
        "coalesce(sum(coalesce(h.women_workers, o.women_workers)), 0) AS women, "
        "coalesce(sum(coalesce(h.migrant_workers, o.migrant_workers)), 0) AS migrant "
        f"FROM orgs o LEFT JOIN org_headcounts h ON h.id = {HEADCOUNT_ROW_AT} WHERE {_on_register()} "
        "GROUP BY category",
        (end, end, end_ts, end, end),
    )
    row = {k: sum(g[k] for g in groups) for k in ("total", "independent", "joint", "workers", "women", "migrant")}
    covered = row["independent"] + row["joint"]
    by_cat: dict[str, int] = {}
    for g in groups:
        by_cat[g["category"] or UNKNOWN_CATEGORY] = by_cat.get(g["category"] or UNKNOWN_CATEGORY, 0) + g["total"]
    out = {
        "orgs.total": row["total"], "orgs.covered": covered, "orgs.independent": row["independent"],
        "orgs.joint": row["joint"], "orgs.uncovered": row["total"] - covered,
        "orgs.unionisation_rate": ratio(covered, row["total"]),
        "federations.total": store.scalar(
            "SELECT count(*) FROM orgs o WHERE is_federation = 1 AND (deleted_at IS NULL OR deleted_at > ?) "
            f"AND {ON_REGISTER_AT}", (end_ts, end, end)),
        "workers.total": row["workers"], "workers.women": row["women"], "workers.migrant": row["migrant"],
    }
    out.update(_prefixed("orgs.by_category", by_cat))
    return out


def new_unions(store: Store, start: str, end: str) -> int:
    return store.scalar(
        f"SELECT count(*) FROM orgs o WHERE {_on_register()} AND union_mode = '独立建会' "
        "AND union_founded BETWEEN ? AND ?", (end + " 23:59:59", end, end, start, end))


def _members(store: Store, start: str, end: str) -> dict[str, Any]:
    # One scan grouped by org gives the totals and the split by org category together; NOT
    # INDEXED makes SQLite scan the table rather than walk members_org with a lookup per row.
    per_org = store.query(
        "SELECT org_id, count(*), coalesce(sum(is_migrant), 0), coalesce(sum(gender = '女'), 0) "
        f"FROM members NOT INDEXED WHERE deleted_at IS NULL AND {_MEMBER_AT} GROUP BY org_id", (end, end))
    category = {r[0]: r[1] for r in store.query("SELECT id, category FROM orgs")}
    by_cat: dict[str, int] = {}
    for org_id, count, _migrant, _women in per_org:
        cat = category.get(org_id) or UNKNOWN_CATEGORY
        by_cat[cat] = by_cat.get(cat, 0) + count
    out = {
        "members.total": sum(r[1] for r in per_org),
        "members.migrant": sum(r[2] for r in per_org),
        "members.women": sum(r[3] for r in per_org),
        "members.start": store.scalar(
            f"SELECT count(*) FROM members WHERE deleted_at IS NULL AND {_MEMBER_AT}", (_day_before(start),) * 2),
        "members.new": store.scalar(
            "SELECT count(*) FROM members WHERE deleted_at IS NULL AND joined_date BETWEEN ? AND ?", (start, end)),
        "members.left": store.scalar(
            f"SELECT count(*) FROM members WHERE deleted_at IS NULL AND status NOT IN {_ACTIVE} "
            "AND status_date BETWEEN ? AND ?", (start, end)),
        "orgs.new_unions": new_unions(store, start, end),
    }
    out.update(_prefixed("members.by_org_category", by_cat))
    return out


def _in_incomplete_orgs(store: Store, end: str) -> int:
    """Members at ``end`` in 待补全 orgs: their workers are unknown, so 入会率 leaves them out."""
    return store.scalar(f"SELECT count(*) FROM members WHERE deleted_at IS NULL AND {_MEMBER_AT} "
                        "AND org_id IN (SELECT id FROM orgs WHERE needs_completion = 1)", (end, end))


def _contracts(store: Store, start: str, end: str) -> dict[str, Any]:
    live = "c.org_id IN (SELECT id FROM orgs WHERE deleted_at IS NULL OR deleted_at > ?)"
    end_ts = end + " 23:59:59"
    signed = {r[0]: (r[1], r[2]) for r in store.query(
        f"SELECT kind, count(*), coalesce(sum(workers_covered), 0) FROM org_contracts c "
        f"WHERE {live} AND signed_date BETWEEN ? AND ? GROUP BY kind", (end_ts, start, end))}
    in_force = store.one(
        f"SELECT count(*), coalesce(sum(workers_covered), 0) FROM org_contracts c WHERE {live} "
        "AND kind = '集体合同' AND signed_date <= ? AND (expiry_date IS NULL OR expiry_date >= ?)",
        (end_ts, end, end))
    out: dict[str, Any] = {}
    for key, kind in CONTRACT_KEYS:
        count, workers = signed.get(kind, (0, 0))
        out[f"contracts.{key}.signed"] = count
        out[f"contracts.{key}.workers"] = workers
    out["contracts.collective.in_force"] = in_force[0]
    out["contracts.collective.in_force_workers"] = in_force[1]
    return out


def _prefixed(prefix: str, counts: dict[str, int]) -> dict[str, int]:
    """Every fixed category (0 when none), then 未填类别 only when some record lacks one."""
    out = {f"{prefix}.{c}": counts.get(c, 0) for c in CATEGORIES}
    if counts.get(UNKNOWN_CATEGORY):
        out[f"{prefix}.{UNKNOWN_CATEGORY}"] = counts[UNKNOWN_CATEGORY]
    return out


def _day_before(iso: str) -> str:
    import datetime as dt

    return (dt.date.fromisoformat(iso) - dt.timedelta(days=1)).isoformat()


AREA = Area("orgs", "组织建设", SPECS, BREAKDOWNS, compute, lambda store: True)
