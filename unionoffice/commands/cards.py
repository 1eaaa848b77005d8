"""unionoffice cards {set,list,import} --db PATH …"""

from __future__ import annotations

import argparse
from pathlib import Path

from . import add_db_argument, open_store

NAME = "cards"
HELP = "会员服务卡：登记会员的信息采集、制卡日期和卡号，或导入制卡单位的名单"


def add_arguments(p: argparse.ArgumentParser) -> None:
    sub = p.add_subparsers(dest="action", metavar="操作", required=True)
    put = sub.add_parser("set", help="登记一名会员的服务卡", description="登记一名会员的服务卡（空项保留原值）")
    add_db_argument(put)
    put.add_argument("id_number", help="会员身份证号")
    put.add_argument("--collected", help="信息采集日期")
    put.add_argument("--made", help="制卡日期")
    put.add_argument("--card-no", default="", help="卡号")
    lst = sub.add_parser("list", help="列出服务卡登记", description="列出服务卡登记，每行一人")
    add_db_argument(lst)
    lst.add_argument("--year", type=int, help="只列该年采集或制卡的")
    imp = sub.add_parser("import", help="导入制卡单位的采集/制卡名单（按身份证号对应会员，整表导入或不导入）",
                         description="导入制卡单位的采集/制卡名单")
    add_db_argument(imp)
    imp.add_argument("file", type=Path, help="名单 .xlsx/.xls")


def run(args: argparse.Namespace) -> int:
    from ..core.member_card import records as cards
    from ..core.values.ids import mask_id_number

    with open_store(args) as store:
        if args.action == "set":
            member = cards.member_by_id_number(store, args.id_number)
            with store.atomic():
                result = cards.merge_card(store, member["id"], {
                    "collected_date": args.collected, "made_date": args.made, "card_no": args.card_no})
            print(f"{member['name']}：" + {"new": "已登记服务卡", "changed": "已更新服务卡", "same": "无变化"}[result])
        elif args.action == "list":
            for c in cards.list_cards(store, year=args.year):
                print(f"{c['name']}\t{mask_id_number(c['id_number'])}\t采集 {c['collected_date'] or '—'}\t"
                      f"制卡 {c['made_date'] or '—'}\t{c['card_no']}")
        else:
            from ..exchange.importing.areas import import_cards

            n = import_cards(store, args.file)
            print(f"新登记 {n.get('new', 0)} 人，更新 {n.get('changed', 0)} 人，无变化 {n.get('same', 0)} 人")
    return 0
