"""unionoffice fund {campaign,give,list,import} --db PATH …"""

from __future__ import annotations

import argparse
from pathlib import Path

from . import add_db_argument, open_store

NAME = "fund"
HELP = "募捐与特殊会费：建立募集活动，登记单位或个人的捐款（含收据号），列出或导入捐款登记表"


def add_arguments(p: argparse.ArgumentParser) -> None:
    sub = p.add_subparsers(dest="action", metavar="操作", required=True)
    camp = sub.add_parser("campaign", help="建立募集活动", description="建立募集活动")
    add_db_argument(camp)
    camp.add_argument("name", help="活动名称")
    camp.add_argument("--kind", default="募捐", help="募捐 或 特殊会费")
    camp.add_argument("--start", required=True, help="开始日期")
    camp.add_argument("--end", help="结束日期")
    camp.add_argument("--purpose", default="", help="用途")
    give = sub.add_parser("give", help="登记一笔捐款", description="登记一笔捐款")
    add_db_argument(give)
    give.add_argument("campaign", help="募集活动名称或编号")
    give.add_argument("donor", help="捐款单位或个人姓名")
    give.add_argument("amount", help="金额（元）")
    give.add_argument("--date", required=True, help="日期")
    give.add_argument("--receipt", default="", help="收据号")
    give.add_argument("--kind", default="", help="单位 或 个人（默认按名称判断）")
    give.add_argument("--id-number", default="", help="会员身份证号（会员个人捐款）")
    lst = sub.add_parser("list", help="列出募集活动及其金额", description="列出募集活动及其金额")
    add_db_argument(lst)
    imp = sub.add_parser("import", help="把捐款登记表导入某募集活动（整表导入或不导入）",
                         description="把捐款登记表导入某募集活动")
    add_db_argument(imp)
    imp.add_argument("file", type=Path, help="捐款登记表 .xlsx/.xls")
    imp.add_argument("--campaign", required=True, help="募集活动名称或编号")


def run(args: argparse.Namespace) -> int:
    from ..core.fundraising import records as funds
    from ..core.values.money import format_money, parse_money

    with open_store(args) as store:
        if args.action == "campaign":
            cid = funds.create_campaign(store, {"name": args.name, "kind": args.kind, "start_date": args.start,
                                                "end_date": args.end, "purpose": args.purpose})
            print(f"已建立募集活动“{args.name}”（编号 {cid}）")
        elif args.action == "give":
            campaign = funds.find_campaign(store, args.campaign)
            funds.add_contribution(store, campaign["id"], {
                "donor_name": args.donor, "amount": args.amount, "paid_date": args.date,
                "receipt_no": args.receipt, "donor_kind": args.kind, "id_number": args.id_number})
            print(f"已登记：{args.donor} 捐款 {format_money(parse_money(args.amount))} 元")
        elif args.action == "list":
            for c in funds.list_campaigns(store):
                print(f"{c['id']}\t{c['name']}\t{c['kind']}\t{c['start_date']}\t{c['contributions']} 笔\t"
                      f"{format_money(c['raised'])} 元")
        else:
            from ..exchange.importing.areas import import_contributions

            n = import_contributions(store, args.file, args.campaign)
            print(f"已导入捐款 {n.get('new', 0)} 笔")
    return 0
