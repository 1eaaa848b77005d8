"""unionoffice employment {fair,results,place,edit-placement,training,edit-training,trainee,edit-trainee,
import-trainees,import-placements,list} --db PATH …"""

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
    lst = _sub(sub, "list", "列出招聘会、培训及实现就业人数")
    lst.add_argument("--placements", action="store_true", help="逐条列出实现就业登记（含编号，供 edit-placement 用）")
    lst.add_argument("--trainees", metavar="培训", help="逐条列出某培训的学员（含编号，供 edit-trainee 用）")
    _edit_arguments(sub)


def _edit_arguments(sub) -> None:
    """edit-*: only the options given change; the others keep what is stored."""
    ep = _sub(sub, "edit-placement", "更正一条实现就业登记（只改给出的项）")
    ep.add_argument("id", type=int, help="登记编号（list --placements 的编号列）")
    ep.add_argument("--name", help="姓名")
    ep.add_argument("--id-number", help="身份证号（填空字符串即清除）")
    ep.add_argument("--employer", help="就业单位")
    ep.add_argument("--date", help="就业日期")
    ep.add_argument("--route", help="途径：招聘会、推荐、培训后、其他")
    ep.add_argument("--notes", help="备注")
    et = _sub(sub, "edit-training", "更正一期培训（只改给出的项）")
    et.add_argument("training", help="培训名称或编号")
    et.add_argument("--title", help="培训名称")
    et.add_argument("--target", help="培训对象：农民工、下岗失业、其他")
    et.add_argument("--start", help="开班日期")
    et.add_argument("--end", help="结业日期")
    et.add_argument("--organiser", help="承办")
    ee = _sub(sub, "edit-trainee", "更正一名培训学员（只改给出的项）")
    ee.add_argument("id", type=int, help="学员编号（list --trainees 培训 的编号列）")
    ee.add_argument("--name", help="姓名")
    ee.add_argument("--id-number", help="身份证号（填空字符串即清除）")
    ee.add_argument("--certificate", help="取得的证书")


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
        elif args.action.startswith("edit-"):
            _edit(store, args)
        else:
            _list(store, args)
    return 0


def _edit(store, args: argparse.Namespace) -> None:
    from ..core.employment_aid import records as aid

    if args.action == "edit-placement":
        aid.update_placement(store, args.id, {"person_name": args.name, "id_number": args.id_number,
                                              "employer": args.employer, "placed_date": args.date,
                                              "route": args.route, "notes": args.notes})
        print(f"已更正就业登记 {args.id}")
    elif args.action == "edit-training":
        training = aid.find_training(store, args.training)
        aid.update_training(store, training["id"], {"title": args.title, "target": args.target,
                                                    "start_date": args.start, "end_date": args.end,
                                                    "organiser": args.organiser})
        print(f"已更正培训“{args.title or training['title']}”")
    else:
        aid.update_trainee(store, args.id, {"person_name": args.name, "id_number": args.id_number,
                                            "certificate": args.certificate})
        print(f"已更正学员 {args.id}")


def _list(store, args: argparse.Namespace) -> None:
    from ..core.employment_aid import records as aid

    if args.placements:
        for p in aid.list_placements(store):
            print(f"{p['id']}\t{p['placed_date']}\t{p['person_name']}\t{p['employer']}\t{p['route']}")
        return
    if args.trainees:
        for p in aid.list_trainees(store, aid.find_training(store, args.trainees)["id"]):
            print(f"{p['id']}\t{p['person_name']}\t{p['certificate']}")
        return

    for f in aid.list_fairs(store):
        print(f"招聘会\t{f['start_date']}\t{f['title']}\t企业 {f['employers']}\t岗位 {f['positions']}\t意向 {f['intents']}")
    for t in aid.list_trainings(store):
        print(f"培训\t{t['start_date']}\t{t['title']}（{t['target']}）\t学员 {t['trainees']}\t取得证书 {t['certified']}")
    print(f"实现就业\t共 {len(aid.list_placements(store))} 人")
