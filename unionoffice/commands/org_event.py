"""unionoffice org-event --db PATH --org NAME (--kind 注销 --date D [--reason R] [--new-name N]
| --headcount 职工,女职工,农民工 --date D | --list | --withdraw KIND --date D)"""

from __future__ import annotations

import argparse

from . import add_db_argument, open_store

NAME = "org-event"
HELP = ("登记单位的变更（成立、建会、换届、更名、合并、迁出、注销）或某一日期的职工人数，"
        "使往期报表按当时的单位和人数统计；--list 列出该单位的变更和人数记录")


def add_arguments(p: argparse.ArgumentParser) -> None:
    add_db_argument(p)
    p.add_argument("--org", required=True, help="单位名称（或单位编号）")
    p.add_argument("--kind", help="变更类别：成立/建会/换届/更名/合并/迁出/注销")
    p.add_argument("--date", help="变更日期，或人数所属日期（如 2025-06-30）")
    p.add_argument("--reason", default="", help="原因或说明")
    p.add_argument("--new-name", default="", help="更名的新名称；合并时并入的单位名称")
    p.add_argument("--headcount", metavar="职工,女职工,农民工", help="登记该日期的人数，如 120,45,30")
    p.add_argument("--list", action="store_true", help="列出该单位的变更和人数记录")
    p.add_argument("--withdraw", metavar="类别",
                   help="撤销该单位 --date 那天登记错了的变更（成立/注销/迁出/合并，或最近一次更名：名称改回原名）")


def run(args: argparse.Namespace) -> int:
    from ..core.errors import UserError
    from ..core.orgs import lifecycle

    with open_store(args) as store:
        org = _find(store, args.org)
        if args.list:
            for e in lifecycle.events(store, org["id"]):
                extra = f"{e['old_value']} → {e['new_value']}" if e["old_value"] else e["new_value"]
                print(f"{e['date']}\t{e['kind']}\t{extra}\t{e['reason']}")
            for h in lifecycle.headcounts(store, org["id"]):
                print(f"{h['date']}\t人数\t职工{h['workers']}\t女职工{h['women_workers']}\t农民工{h['migrant_workers']}")
            return 0
        if args.headcount:
            parts = [p.strip() for p in args.headcount.replace("，", ",").split(",")]
            if not 1 <= len(parts) <= 3:
                raise UserError(f"--headcount 须写成 职工,女职工,农民工：{args.headcount}")
            lifecycle.record_headcount(store, org["id"], args.date, *parts)
            print(f"已登记 {org['name']} {args.date} 的人数：{args.headcount}")
            return 0
        if args.withdraw:
            lifecycle.withdraw_event(store, org["id"], args.withdraw, args.date)
            from ..core.orgs.records import get_org

            name = get_org(store, org["id"])["name"]
            print(f"已撤销 {args.date} 的{args.withdraw}记录，单位现名：{name}")
            return 0
        if not args.kind:
            raise UserError("请用 --kind 指明变更类别（成立/建会/换届/更名/合并/迁出/注销），或用 --headcount / --list")
        lifecycle.record_event(store, org["id"], args.kind, args.date, reason=args.reason, new_value=args.new_name)
    print(f"已登记 {org['name']} {args.date} {args.kind}")
    return 0


def _find(store, name: str) -> dict:
    from ..core.errors import UserError
    from ..core.orgs.lifecycle import org_by_name
    from ..core.orgs.records import get_org

    hit = org_by_name(store, name)  # today's name, or one it had before a 更名
    org = hit[0] if hit else None
    if org is None and str(name).isdigit():
        org = get_org(store, int(name))
    if org is None or org.get("deleted_at"):
        raise UserError(f"找不到单位“{name}”，请核对单位名称")
    return org
