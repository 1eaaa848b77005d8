"""unionoffice honours {add,list,import} --db PATH …"""

from __future__ import annotations

import argparse
from pathlib import Path

from . import add_db_argument, open_store

NAME = "honours"
HELP = "评先评优：登记、列出或从 Excel 名单导入个人和集体荣誉（劳模、优秀工会干部、工人先锋号等）"


def add_arguments(p: argparse.ArgumentParser) -> None:
    sub = p.add_subparsers(dest="action", metavar="操作", required=True)
    add = sub.add_parser("add", help="登记一项荣誉", description="登记一项荣誉")
    add_db_argument(add)
    add.add_argument("--category", required=True, help="荣誉类别，如 劳动模范、优秀工会干部、工人先锋号、示范工会")
    add.add_argument("--level", required=True, help="级别：全国、省、市、区、街道")
    add.add_argument("--year", help="年度，如 2026")
    add.add_argument("--date", help="授予日期")
    add.add_argument("--issuer", default="", help="授予机关")
    add.add_argument("--title", default="", help="荣誉称号全文（默认同类别）")
    add.add_argument("--person", default="", help="获奖人姓名（个人荣誉）")
    add.add_argument("--id-number", default="", help="获奖人身份证号（会员）")
    add.add_argument("--org", default="", help="获奖单位/工会（集体荣誉），或获奖人所在单位")
    add.add_argument("--place", default="", help="竞赛名次：第一名、第二名、第三名")
    lst = sub.add_parser("list", help="列出荣誉", description="列出荣誉，每行一项")
    add_db_argument(lst)
    lst.add_argument("--year", type=int, help="只列该年度")
    lst.add_argument("--no-year", action="store_true", help="只列缺少年份的劳模荣誉（含编号，供 set-year 用）")
    sy = sub.add_parser("set-year", help="补填或更正一项荣誉的年度（按表彰文件）",
                        description="补填或更正一项荣誉的年度（按表彰文件，程序不推测年份）")
    add_db_argument(sy)
    sy.add_argument("id", type=int, help="荣誉编号（list --no-year 的编号列）")
    sy.add_argument("--year", help="年度，如 2019")
    sy.add_argument("--date", help="授予日期（可不填；填了且未给年度时取其年份）")
    imp = sub.add_parser("import", help="从 Excel 荣誉名单导入（有问题的行全部列出，整表不导入）",
                         description="从 Excel 荣誉名单导入")
    add_db_argument(imp)
    imp.add_argument("file", type=Path, help="荣誉名单 .xlsx/.xls")


def run(args: argparse.Namespace) -> int:
    from ..core.honours import records as honours

    with open_store(args) as store:
        if args.action == "add":
            hid = honours.create_honour(store, {
                "category": args.category, "level": args.level, "year": args.year, "awarded_date": args.date,
                "issuer": args.issuer, "title": args.title, "person_name": args.person,
                "id_number": args.id_number, "org_name": args.org, "place": args.place})
            print(f"已登记：{honours.honour_label(honours.get_honour(store, hid))}")
        elif args.action == "set-year":
            honours.set_honour_year(store, args.id, args.year, args.date)
            print(f"已补填：{honours.honour_label(honours.get_honour(store, args.id))}")
        elif args.action == "list" and args.no_year:
            for h in honours.model_workers_without_year(store):
                print(f"{h['id']}\t{h['person_name']}\t{h['org_name']}\t{h['level']}级{h['title']}\t年度不详")
        elif args.action == "list":
            for h in honours.list_honours(store, year=args.year):
                who = h["person_name"] or h["org_name"]
                unit = f"（{h['org_name']}）" if h["person_name"] and h["org_name"] else ""
                print(f"{who}{unit}\t{honours.honour_label(h)}")
        else:
            from ..exchange.importing.areas import import_honours

            print(import_honours(store, args.file).honours_summary())
    return 0
