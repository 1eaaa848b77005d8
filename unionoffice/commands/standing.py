"""unionoffice standing {set,list,regional,facility,facility-edit,officer,officer-edit,officer-end,show,
import,import-officers,import-facilities,import-regional,export} --db PATH …"""

from __future__ import annotations

import argparse
from pathlib import Path

from . import add_db_argument, open_store

NAME = "standing"
HELP = "基层工会规范化建设与民主管理：按年度登记三有、等级、厂务公开、职代会、要约、调解组织等，区域性合同和职代会，阵地和委员"

_FIELDS = (("three-have", "三有工会：是/否"), ("grade", "规范化建设等级：达标/合格/先进/示范"), ("grade-level", "等级级别：区/市…"),
           ("open-affairs", "厂务公开：是/否"), ("congress", "职代会：单独/区域性"), ("offer-sent", "要约书发出日期"),
           ("offer-replied", "反馈单收回日期"), ("mediation-since", "调解组织建立日期"), ("warners", "预警员人数"),
           ("warner-names", "预警员姓名"), ("women-org", "女职工组织：女职工委员会/女职工小组"),
           ("hardship-fund", "内部帮困基金（元）"), ("notes", "备注"))


def add_arguments(p: argparse.ArgumentParser) -> None:
    sub = p.add_subparsers(dest="action", metavar="操作", required=True)
    put = sub.add_parser("set", help="登记一个工会某年度的情况（未给出的项取该年已登记的值）",
                         description="登记一个工会某年度的规范化建设与民主管理情况")
    add_db_argument(put)
    put.add_argument("--org", required=True, help="单位名称")
    put.add_argument("--year", type=int, required=True, help="年度")
    for flag, text in _FIELDS:
        put.add_argument(f"--{flag}", help=text)
    lst = sub.add_parser("list", help="列出某年度各工会情况", description="列出某年度各已建会单位的情况")
    add_db_argument(lst)
    lst.add_argument("--year", type=int, required=True, help="年度")
    reg = sub.add_parser("regional", help="登记区域性/行业性集体合同或区域性职代会", description="登记覆盖多家单位的合同或职代会")
    add_db_argument(reg)
    reg.add_argument("--kind", required=True, help="区域性集体合同、行业性集体合同 或 区域性职代会")
    reg.add_argument("--name", required=True, help="名称")
    reg.add_argument("--date", required=True, help="签订（召开）日期")
    reg.add_argument("--expiry", help="到期日期")
    reg.add_argument("--orgs", required=True, help="覆盖的单位名称，用顿号或逗号分隔")
    fac = sub.add_parser("facility", help="登记职工之家/职工书屋/职工服务点", description="登记职工之家/职工书屋/职工服务点")
    add_db_argument(fac)
    fac.add_argument("--org", required=True, help="单位名称")
    fac.add_argument("--kind", required=True, help="职工之家、职工书屋 或 职工服务点")
    fac.add_argument("--name", default="", help="名称")
    fac.add_argument("--level", default="", help="命名级别：全国/省/市/区/街道")
    fac.add_argument("--date", required=True, help="建立日期")
    off = sub.add_parser("officer", help="登记工会委员", description="登记工会主席、副主席、委员、经审委员、女职工委员")
    add_db_argument(off)
    off.add_argument("--org", required=True, help="单位名称")
    off.add_argument("--role", required=True, help="主席、副主席、委员、经审委员 或 女职工委员")
    off.add_argument("--name", required=True, help="姓名")
    off.add_argument("--since", help="任职日期")
    off.add_argument("--phone", help="联系电话")
    _union_parsers(sub)
    imp = sub.add_parser("import", help="导入某年度规范化建设情况表（按单位名称对应，空格保留原值，整表导入或不导入）",
                         description="导入基层工会规范化建设情况表")
    add_db_argument(imp)
    imp.add_argument("file", type=Path, help="情况表 .xlsx/.xls")
    imp.add_argument("--year", type=int, help="年度（表中没有年度列时必填）")
    exp = sub.add_parser("export", help="导出某年度情况表", description="导出某年度基层工会规范化建设情况表")
    add_db_argument(exp)
    exp.add_argument("--year", type=int, required=True, help="年度")
    exp.add_argument("--out", type=Path, required=True, help="导出的 Excel 文件（.xlsx）")


def _union_parsers(sub) -> None:
    """Correcting officers and facilities, ending a term, showing a union, and the union lists' imports."""
    fe = sub.add_parser("facility-edit", help="修改已登记的职工之家/职工书屋/职工服务点",
                        description="修改一个工会已登记的职工之家/职工书屋/职工服务点（未给出的项保持不变）")
    add_db_argument(fe)
    fe.add_argument("--org", required=True, help="单位名称（曾用名也可）")
    fe.add_argument("--kind", required=True, help="要修改的阵地类型：职工之家、职工书屋 或 职工服务点")
    fe.add_argument("--name", help="要修改的阵地名称（同类有两个以上时必填）")
    for flag, text in (("new-kind", "新的类型"), ("new-name", "新的名称"), ("level", "命名级别：全国/省/市/区/街道"),
                       ("date", "建立日期"), ("notes", "备注")):
        fe.add_argument(f"--{flag}", help=text)
    oe = sub.add_parser("officer-edit", help="修改已登记的工会委员（职务、姓名、电话、任职/离任日期）",
                        description="修改一个工会已登记的委员（未给出的项保持不变）")
    add_db_argument(oe)
    _officer_target(oe)
    for flag, text in (("new-role", "新的职务"), ("new-name", "改正后的姓名"), ("phone", "联系电话"),
                       ("since", "任职日期"), ("until", "离任日期")):
        oe.add_argument(f"--{flag}", help=text)
    end = sub.add_parser("officer-end", help="登记工会委员离任（记录保留，不再列为在任）",
                         description="登记工会委员离任：填写离任日期，记录保留")
    add_db_argument(end)
    _officer_target(end)
    end.add_argument("--date", required=True, help="离任日期")
    show = sub.add_parser("show", help="列出一个工会的委员和职工之家/书屋/服务点",
                          description="列出一个工会的委员（含已离任）和职工之家/职工书屋/职工服务点")
    add_db_argument(show)
    show.add_argument("--org", required=True, help="单位名称（曾用名也可）")
    for name, text in (("import-officers", "工会委员名单（单位、职务、姓名、电话、任职/离任日期）"),
                       ("import-facilities", "职工之家/职工书屋/职工服务点台账（单位、类型、名称、级别、建立日期）"),
                       ("import-regional", "区域性/行业性集体合同、区域性职代会名单（类型、名称、签订日期、覆盖单位）")):
        p = sub.add_parser(name, help=f"导入{text}；按单位名称（含曾用名）对应，整表导入或不导入，重复导入不变",
                           description=f"导入{text}")
        add_db_argument(p)
        p.add_argument("file", type=Path, help="名单 .xlsx/.xls")


def _officer_target(p: argparse.ArgumentParser) -> None:
    p.add_argument("--org", required=True, help="单位名称（曾用名也可）")
    p.add_argument("--name", required=True, help="委员姓名")
    p.add_argument("--role", help="职务（同一人有两条任职记录时必填）")


def _union_action(store, args) -> bool:
    """The subcommands of ``_union_parsers``; False when ``args.action`` is none of them."""
    from ..core.union_standing import records as standing

    if args.action.startswith("import-"):
        from ..exchange.importing import areas

        run_import = {"import-officers": areas.import_officers, "import-facilities": areas.import_facilities,
                      "import-regional": areas.import_agreements}[args.action]
        print(run_import(store, args.file).summary())
        return True
    if args.action not in ("facility-edit", "officer-edit", "officer-end", "show"):
        return False
    org_id = standing.org_id_by_name(store, args.org)
    if args.action == "show":
        _show(store, org_id)
    elif args.action == "facility-edit":
        f = standing.find_facility(store, org_id, args.kind, args.name)
        given = {"kind": args.new_kind, "name": args.new_name, "level": args.level, "set_up_date": args.date,
                 "notes": args.notes}
        standing.update_facility(store, f["id"], {k: (f[k] if v is None else v) for k, v in given.items()})
        print(f"已修改{args.org}的{f['kind']}“{f['name']}”")
    else:
        o = standing.find_officer(store, org_id, args.name, args.role)
        if args.action == "officer-end":
            standing.end_officer(store, o["id"], args.date)
            print(f"已登记{args.org}工会{o['role']} {o['name']} 离任")
        else:
            given = {"role": args.new_role, "name": args.new_name, "phone": args.phone, "since": args.since,
                     "until": args.until}
            standing.update_officer(store, o["id"], {k: (o[k] if v is None else v) for k, v in given.items()})
            print(f"已修改{args.org}工会{o['role']} {o['name']}")
    return True


def _show(store, org_id: int) -> None:
    from ..core.union_standing import records as standing

    for o in standing.officers_of(store, org_id):
        term = f"{o['since'] or ''}" + (f" 至 {o['until']}（已离任）" if o["until"] else "")
        print(f"委员\t{o['role']}\t{o['name']}\t{o['phone'] or ''}\t{term}".rstrip())
    for f in standing.facilities_of(store, org_id):
        print(f"阵地\t{f['kind']}\t{f['name']}\t{f['level'] + '级' if f['level'] else ''}\t{f['set_up_date']}")


def run(args: argparse.Namespace) -> int:
    from ..core.union_standing import records as standing

    with open_store(args) as store:
        if args.action == "set":
            return _set(store, args)
        if _union_action(store, args):
            return 0
        if args.action == "list":
            for r in standing.standing_for_year(store, args.year):
                print(_line(r))
        elif args.action == "regional":
            names = [n.strip() for n in args.orgs.replace("，", ",").replace("、", ",").split(",") if n.strip()]
            ids = [standing.org_id_by_name(store, n) for n in names]
            standing.create_agreement(store, {"kind": args.kind, "name": args.name, "signed_date": args.date,
                                              "expiry_date": args.expiry}, ids)
            print(f"已登记{args.kind}“{args.name}”，覆盖 {len(set(ids))} 家单位")
        elif args.action == "import":
            from ..exchange.importing.areas import import_standing

            print(import_standing(store, args.file, args.year).summary("个"))
        elif args.action == "facility":
            standing.add_facility(store, standing.org_id_by_name(store, args.org), {
                "kind": args.kind, "name": args.name, "level": args.level, "set_up_date": args.date})
            print(f"已登记{args.org}{args.kind}")
        elif args.action == "officer":
            standing.add_officer(store, standing.org_id_by_name(store, args.org),
                                 {"role": args.role, "name": args.name, "since": args.since, "phone": args.phone})
            print(f"已登记{args.org}工会{args.role} {args.name}")
        else:
            from ..core.errors import UserError
            from ..exchange.exports.union_standing import export_standing

            if args.out.suffix.lower() != ".xlsx":
                raise UserError(f"导出文件应以 .xlsx 结尾：{args.out}")
            n = export_standing(store, args.out, year=args.year)
            print(f"已导出 {n} 个工会到 {args.out}")
    return 0


def _set(store, args) -> int:
    from ..core.union_standing import records as standing

    org_id = standing.org_id_by_name(store, args.org)
    old = standing.standing_of(store, org_id, args.year)
    data = {f.name: (old[f.name] if old else None) for f in standing.STANDING_FIELDS}
    if old:
        data["hardship_fund"] = old["hardship_fund"] / 100
    for flag, _text in _FIELDS:
        value = getattr(args, flag.replace("-", "_"))
        if value is not None:
            data[flag.replace("-", "_")] = value
    standing.save_standing(store, org_id, args.year, data)
    print(f"已登记{args.org} {args.year}年情况")
    return 0


def _line(r: dict) -> str:
    if r["year"] is None:
        return f"{r['org_name']}\t（未登记）"
    parts = [("三有" if r["three_have"] else ""), (f"{r['grade_level']}级{r['grade']}" if r["grade"] else ""),
             ("厂务公开" if r["open_affairs"] else ""), (f"职代会（{r['congress']}）" if r["congress"] else ""),
             (f"要约 {r['offer_sent']}" if r["offer_sent"] else ""), (r["women_org"] or "")]
    carried = f"（沿用{r['year']}年）" if r["carried"] else ""
    return f"{r['org_name']}\t{' '.join(p for p in parts if p) or '—'}{carried}"
