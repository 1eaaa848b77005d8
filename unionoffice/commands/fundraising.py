"""unionoffice fund {campaign,give,edit,receipt,link,show,list,import} --db PATH …"""

from __future__ import annotations

import argparse
import sys
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
    lst.add_argument("--contributions", metavar="活动", help="逐笔列出某募集活动的捐款（含编号，供 edit、receipt 用）")
    _more_arguments(sub)
    imp = sub.add_parser("import", help="把捐款登记表导入某募集活动（整表导入或不导入）",
                         description="把捐款登记表导入某募集活动")
    add_db_argument(imp)
    imp.add_argument("file", type=Path, help="捐款登记表 .xlsx/.xls")
    imp.add_argument("--campaign", required=True, help="募集活动名称或编号")


def _more_arguments(sub) -> None:
    edit = sub.add_parser("edit", help="更正一笔捐款（只改给出的项）", description="更正一笔捐款（只改给出的项）")
    add_db_argument(edit)
    edit.add_argument("id", type=int, help="捐款编号（list --contributions 的编号列）")
    edit.add_argument("--donor", help="捐款单位或个人姓名")
    edit.add_argument("--amount", help="金额（元）")
    edit.add_argument("--date", help="日期")
    edit.add_argument("--receipt", help="收据号")
    edit.add_argument("--kind", help="单位 或 个人")
    edit.add_argument("--id-number", help="会员身份证号（填空字符串即取消与会员的关联）")
    edit.add_argument("--notes", help="备注")
    rec = sub.add_parser("receipt", help="打印捐款收据（PDF，带存根联，金额大小写）",
                         description="打印捐款收据（PDF，带存根联，金额大小写）")
    add_db_argument(rec)
    rec.add_argument("ids", nargs="*", type=int, help="捐款编号（可多个）")
    rec.add_argument("--campaign", help="打印某募集活动的全部捐款收据（名称或编号）")
    rec.add_argument("--out", type=Path, required=True, help="输出的 PDF 文件")
    link = sub.add_parser("link", help="把慰问/帮扶活动记为从本募集活动支出",
                          description="把慰问/帮扶活动记为从本募集活动支出（募集与支出分开记，结余=募集−已支出）")
    add_db_argument(link)
    link.add_argument("campaign", help="募集活动名称或编号")
    link.add_argument("--assistance", type=int, required=True, help="慰问活动编号（export campaigns 的编号列）")
    link.add_argument("--unlink", action="store_true", help="取消该慰问活动与募集活动的关联")
    show = sub.add_parser("show", help="显示募集活动的募集、已支出、结余及支出的慰问活动",
                          description="显示募集活动的募集、已支出、结余及支出的慰问活动")
    add_db_argument(show)
    show.add_argument("campaign", help="募集活动名称或编号")


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
        elif args.action in ("edit", "receipt", "link", "show"):
            return _more(store, args)
        elif args.action == "list" and args.contributions:
            for k in funds.list_contributions(store, funds.find_campaign(store, args.contributions)["id"]):
                print(f"{k['id']}\t{k['paid_date']}\t{k['donor_kind']}\t{k['donor_name']}\t"
                      f"{format_money(k['amount'])}\t{k['receipt_no']}")
        elif args.action == "list":
            for c in funds.list_campaigns(store):
                print(f"{c['id']}\t{c['name']}\t{c['kind']}\t{c['start_date']}\t{c['contributions']} 笔\t"
                      f"{format_money(c['raised'])} 元")
        else:
            from ..exchange.importing.areas import import_contributions

            n = import_contributions(store, args.file, args.campaign)
            print(f"已导入捐款 {n.get('new', 0)} 笔")
    return 0


def _more(store, args: argparse.Namespace) -> int:
    from ..core.fundraising import records as funds
    from ..core.fundraising import spending
    from ..core.values.money import format_money

    if args.action == "edit":
        funds.edit_contribution(store, args.id, {
            "donor_name": args.donor, "amount": args.amount, "paid_date": args.date, "receipt_no": args.receipt,
            "donor_kind": args.kind, "id_number": args.id_number, "notes": args.notes})
        print(f"已更正捐款 {args.id}")
    elif args.action == "receipt":
        return _receipt(store, args)
    elif args.action == "link":
        fund = funds.find_campaign(store, args.campaign)
        spending.link_campaign(store, args.assistance, None if args.unlink else fund["id"])
        print(f"已取消慰问活动 {args.assistance} 与“{fund['name']}”的关联" if args.unlink
              else f"慰问活动 {args.assistance} 已记为从“{fund['name']}”支出")
    else:
        pos = spending.fund_position(store, funds.find_campaign(store, args.campaign)["id"])
        print(f"{pos['fund']['name']}：募集 {format_money(pos['raised'])} 元；已支出 {format_money(pos['spent'])} 元"
              f"（现金 {format_money(pos['spent_money'])} 元，物品折合 {format_money(pos['spent_goods'])} 元）；"
              f"结余 {format_money(pos['balance'])} 元")
        for c in pos["campaigns"]:
            print(f"支出\t{c['id']}\t{c['campaign_date']}\t{c['name']}\t{format_money(c['amount'] + c['goods_value'])}")
    return 0


def _receipt(store, args: argparse.Namespace) -> int:
    from ..core.fundraising import records as funds
    from ..printing.fund_receipts import print_fund_receipts

    if bool(args.ids) == bool(args.campaign):
        print("用法错误：请给出捐款编号，或 --campaign（二选一）", file=sys.stderr)
        return 2
    ids = args.ids or [k["id"] for k in funds.list_contributions(store, funds.find_campaign(store, args.campaign)["id"])]
    result = print_fund_receipts(store, args.out, ids)
    print(f"已生成收据 {result.rows} 张（{result.pages} 页）：{result.path}")
    return 0
