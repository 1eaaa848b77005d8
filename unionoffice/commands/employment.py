"""unionoffice employment {fair,results,place,training,trainee,import-trainees,list} --db PATH …"""

from __future__ import annotations

import argparse
from pathlib import Path

from . import add_db_argument, open_store

NAME = "employment"
HELP = "就业援助：登记专场招聘会及成效、实现就业人员、农民工/下岗失业培训及学员证书"


def _sub(sub, name: str, text: str) -> argparse.ArgumentParser:
    p = sub.add_parser(name, help=text, description=text)
    add_db_argument(p)
    return p


def add_arguments(p: argparse.ArgumentParser) -> None:
    sub = p.add_subparsers(dest="action", metavar="操作", required=True)
    fair = _sub(sub, "fair", "登记一场专场招聘会（活动日历中类别为“招聘会”的活动）及其成效")
    fair.add_argument("--title", required=True, help="名称")
    fair.add_argument("--date", required=True, help="日期")
    fair.add_argument("--location", default="", help="地点")
    fair.add_argument("--status", default="已举办", help="计划 或 已举办")
    for flag, text in (("employers", "参会企业数"), ("positions", "岗位数"), ("intents", "达成意向人数")):
        fair.add_argument(f"--{flag}", default="0", help=text)
    res = _sub(sub, "results", "登记或更正某招聘会活动的成效")
    res.add_argument("--activity", type=int, required=True, help="活动编号（export activities 的编号列）")
    for flag, text in (("employers", "参会企业数"), ("positions", "岗位数"), ("intents", "达成意向人数")):
        res.add_argument(f"--{flag}", default="0", help=text)
    place = _sub(sub, "place", "登记一名实现就业人员")
    place.add_argument("--name", required=True, help="姓名")
    place.add_argument("--id-number", default="", help="身份证号（会员可据此关联）")
    place.add_argument("--employer", required=True, help="就业单位")
    place.add_argument("--date", required=True, help="就业日期")
    place.add_argument("--route", default="其他", help="途径：招聘会、推荐、培训后、其他")
    tr = _sub(sub, "training", "登记一期培训")
    tr.add_argument("--title", required=True, help="培训名称")
    tr.add_argument("--target", required=True, help="培训对象：农民工、下岗失业、其他")
    tr.add_argument("--start", required=True, help="开班日期")
    tr.add_argument("--end", help="结业日期")
    te = _sub(sub, "trainee", "登记一名培训学员")
    te.add_argument("--training", required=True, help="培训名称或编号")
    te.add_argument("--name", required=True, help="姓名")
    te.add_argument("--id-number", default="", help="身份证号")
    te.add_argument("--certificate", default="", help="取得的证书")
    imp = _sub(sub, "import-trainees", "导入培训学员名单（整表导入或不导入）")
    imp.add_argument("file", type=Path, help="学员名单 .xlsx/.xls")
    imp.add_argument("--training", required=True, help="培训名称或编号")
    imp = _sub(sub, "import-placements", "导入实现就业登记表（整表导入或不导入，已登记的不重复）")
    imp.add_argument("file", type=Path, help="登记表 .xlsx/.xls")
    _sub(sub, "list", "列出招聘会、培训及实现就业人数")


def run(args: argparse.Namespace) -> int:
    from ..core.employment_aid import records as aid

    with open_store(args) as store:
        if args.action == "fair":
            aid.create_job_fair(store, {"title": args.title, "start_date": args.date, "location": args.location,
                                        "status": args.status, "employers": args.employers,
                                        "positions": args.positions, "intents": args.intents})
            print(f"已登记招聘会“{args.title}”")
        elif args.action == "results":
            aid.set_fair_results(store, args.activity, {"employers": args.employers, "positions": args.positions,
                                                        "intents": args.intents})
            print("已登记招聘会成效")
        elif args.action == "place":
            aid.add_placement(store, {"person_name": args.name, "id_number": args.id_number,
                                      "employer": args.employer, "placed_date": args.date, "route": args.route})
            print(f"已登记：{args.name} 在 {args.employer} 就业")
        elif args.action == "training":
            tid = aid.create_training(store, {"title": args.title, "target": args.target, "start_date": args.start,
                                              "end_date": args.end})
            print(f"已登记培训“{args.title}”（编号 {tid}）")
        elif args.action == "trainee":
            training = aid.find_training(store, args.training)
            aid.add_trainee(store, training["id"], {"person_name": args.name, "id_number": args.id_number,
                                                    "certificate": args.certificate})
            print(f"已登记学员 {args.name}")
        elif args.action == "import-trainees":
            from ..exchange.importing.areas import import_trainees

            print(f"已导入学员 {import_trainees(store, args.file, args.training).get('new', 0)} 人")
        elif args.action == "import-placements":
            from ..exchange.importing.areas import import_placements

            n = import_placements(store, args.file)
            print(f"已导入实现就业 {n.get('new', 0)} 人，已登记过的 {n.get('same', 0)} 人未重复导入")
        else:
            _list(store)
    return 0


def _list(store) -> None:
    from ..core.employment_aid import records as aid

    for f in aid.list_fairs(store):
        print(f"招聘会\t{f['start_date']}\t{f['title']}\t企业 {f['employers']}\t岗位 {f['positions']}\t意向 {f['intents']}")
    for t in aid.list_trainings(store):
        print(f"培训\t{t['start_date']}\t{t['title']}（{t['target']}）\t学员 {t['trainees']}\t取得证书 {t['certified']}")
    print(f"实现就业\t共 {len(aid.list_placements(store))} 人")
