"""unionoffice mutual-aid plan|plans|enrol|enrol-org|import|claim|list|summary|claims|to-add … — 互助保障 headless."""

from __future__ import annotations

import argparse
from pathlib import Path

from . import add_db_argument, open_store

NAME = "mutual-aid"
HELP = "职工医疗互助保障/女职工安康：保障计划、参保登记（逐个、全员、导入名单）、互助金给付、参保名单与汇总（PDF/Excel）"


def _sub(sub, name: str, help_text: str, *, year: bool = True) -> argparse.ArgumentParser:
    p = sub.add_parser(name, help=help_text, description=help_text)
    add_db_argument(p)
    if year:
        p.add_argument("--year", type=int, required=True, help="年度，如 2026")
    return p


def add_arguments(p: argparse.ArgumentParser) -> None:
    sub = p.add_subparsers(dest="what", metavar="plan|plans|enrol|enrol-org|import|claim|list|summary|claims|to-add",
                           required=True)
    plan = _sub(sub, "plan", "设立（或修改）某年度的保障计划")
    plan.add_argument("--name", required=True, help="计划名称，如 在职住院、退休、女职工安康、特种重病")
    plan.add_argument("--premium", required=True, help="每人（每份）保费（元）")
    plan.add_argument("--payer", default="单位", help="缴费方：单位、个人、工会（默认单位）")
    _sub(sub, "plans", "列出某年度的保障计划")
    enrol = _sub(sub, "enrol", "为一人参保（在会员名册中按身份证号匹配；不在名册的列入待补录）")
    enrol.add_argument("--plan", required=True, help="计划名称")
    enrol.add_argument("--id-number", required=True, help="身份证号")
    enrol.add_argument("--name", default="", help="姓名（名册中没有此人时必填）")
    enrol.add_argument("--org", help="单位名称或信用代码（默认名册中的单位）")
    enrol.add_argument("--date", help="参保日期")
    enrol.add_argument("--shares", default="1", help="份数（默认 1）")
    org = _sub(sub, "enrol-org", "全员参保：把一个单位的全部会员参加某计划")
    org.add_argument("--plan", required=True, help="计划名称")
    org.add_argument("--org", required=True, help="单位名称或信用代码")
    org.add_argument("--date", help="参保日期")
    imp = _sub(sub, "import", "导入单位或保险机构的参保名单（重复导入不重复参保；不在名册的人列入待补录）")
    imp.add_argument("file", type=Path, help="参保名单 Excel 文件")
    imp.add_argument("--plan", help="名单中没写参保项目时，全部参加这个计划")
    imp.add_argument("--org", help="名单中没写单位时，全部算这个单位")
    imp.add_argument("--dry-run", action="store_true", help="只检查并显示结果，不写入数据库")
    imp.add_argument("--report", type=Path, help="把未导入的行及原因写到这个 Excel 文件")
    imp.add_argument("--sheet", help="只读这个工作表")
    imp.add_argument("--column", action="append", metavar="字段=列名",
                     help="列名写法特别时指出某列，如 --column 身份证号=证件号（可多次使用；下次同样的表头自动沿用）")
    claim = _sub(sub, "claim", "登记一笔互助金给付")
    claim.add_argument("--plan", required=True, help="计划名称")
    claim.add_argument("--id-number", required=True, help="参保人身份证号")
    claim.add_argument("--date", required=True, help="给付日期")
    claim.add_argument("--cause", required=True, help="疾病或原因")
    claim.add_argument("--amount", required=True, help="给付金额（元）")
    _add_outputs(sub)


def _add_outputs(sub) -> None:
    lst = _sub(sub, "list", "参保名单：.pdf（按单位分组，每单位合计）或 .xlsx")
    lst.add_argument("--org", help="只列这个单位")
    lst.add_argument("--out", type=Path, required=True, help="输出文件（.pdf 或 .xlsx）")
    summ = _sub(sub, "summary", "参保情况汇总表（按计划）：.pdf 或 .xlsx")
    summ.add_argument("--out", type=Path, required=True, help="输出文件（.pdf 或 .xlsx）")
    cl = _sub(sub, "claims", "导出某期间的互助金给付明细（.xlsx）", year=False)
    cl.add_argument("--from", dest="date_from", required=True, help="开始日期")
    cl.add_argument("--to", dest="date_to", required=True, help="结束日期")
    cl.add_argument("--out", type=Path, required=True, help="输出的 Excel 文件")
    _sub(sub, "to-add", "列出已参保但不在会员名册中的人（待补录会员）")


def run(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        return globals()["_" + args.what.replace("-", "_")](store, args)


def _plan_id(store, args) -> int:
    from ..core.errors import UserError
    from ..core.mutual_aid import records as aid

    plan = aid.find_plan(store, args.year, args.plan)
    if not plan:
        known = "、".join(p["name"] for p in aid.plans(store, args.year)) or "（尚未设立）"
        raise UserError(f"{args.year}年没有“{args.plan}”计划，现有计划：{known}")
    return plan["id"]


def _plan(store, args) -> int:
    from ..core.mutual_aid import records as aid

    found = aid.find_plan(store, args.year, args.name)
    aid.save_plan(store, {"year": args.year, "name": args.name, "premium": args.premium, "payer": args.payer},
                  found["id"] if found else None)
    print(f"已{'修改' if found else '设立'}{args.year}年保障计划“{args.name}”")
    return 0


def _plans(store, args) -> int:
    from ..core.mutual_aid import records as aid
    from ..core.values.money import format_money

    for p in aid.plans(store, args.year):
        print(f"{p['name']}\t每人保费 {format_money(p['premium'])} 元\t{p['payer']}缴费\t已参保 {p['enrolled']} 人")
    return 0


def _org_id(store, text):
    from ..core.fees.records import org_by_text

    return org_by_text(store, text) if text else None


def _enrol(store, args) -> int:
    from ..core.mutual_aid import records as aid

    aid.enrol(store, _plan_id(store, args), name=args.name, id_number=args.id_number, org_id=_org_id(store, args.org),
              enrolled_date=args.date, shares=args.shares)
    print(f"已参保：{args.plan}")
    return 0


def _enrol_org(store, args) -> int:
    from ..core.mutual_aid import records as aid

    added, already = aid.enrol_whole_org(store, _plan_id(store, args), _org_id(store, args.org), args.date)
    print(f"全员参保：新增 {added} 人，此前已参保 {already} 人")
    return 0


def _import(store, args) -> int:
    from ..exchange.importing.external_lists import apply_list, remember_mapping
    from .fees import prepare_with_hint, report_problems

    plan_id = _plan_id(store, args) if args.plan else None
    plan = prepare_with_hint(store, args, "aid_list", "身份证号", year=args.year, plan_id=plan_id,
                             org_id=_org_id(store, args.org))
    print(f"读取 {args.file.name}：工作表“{plan.sheet}”，表头在第 {plan.header_row} 行")
    if args.dry_run:
        print(f"试运行，未写入数据库。将会：{plan.summary()}")
    else:
        apply_list(store, plan)
        if args.column:
            remember_mapping(store, plan)  # the same headers next time need no --column
        print(f"导入完成：{plan.summary()}")
    for row in plan.to_add[:20]:
        print(f"  待补录会员：{row['name']}")
    report_problems(plan, args)
    return 0


def _claim(store, args) -> int:
    from ..core.errors import UserError
    from ..core.mutual_aid import records as aid
    from ..core.values import ids

    plan_id = _plan_id(store, args)
    id18 = ids.normalize_id_number(args.id_number)
    from ..core.mutual_aid.records import enrolment_id

    enrolment = enrolment_id(store, plan_id, id18)
    if not enrolment:
        raise UserError(f"身份证号 {ids.mask_id_number(id18)} 没有参加{args.year}年“{args.plan}”，不能给付")
    aid.add_claim(store, enrolment, args.date, args.cause, args.amount)
    print("已登记互助金给付")
    return 0


def _out_kind(out: Path) -> str:
    from ..core.errors import UserError

    suffix = out.suffix.lower()
    if suffix not in (".pdf", ".xlsx"):
        raise UserError(f"输出文件应以 .pdf 或 .xlsx 结尾：{out}")
    return suffix


def _list(store, args) -> int:
    org_id = _org_id(store, args.org)
    if _out_kind(args.out) == ".xlsx":
        from ..exchange.exports.mutual_aid import export_enrolments

        n = export_enrolments(store, args.out, args.year, org_id)
        print(f"已导出参保名单 {n} 人次到 {args.out}")
        return 0
    from ..printing.mutual_aid import write_enrolment_list

    result = write_enrolment_list(store, args.out, args.year, org_id)
    print(f"已生成参保名单（{result.rows} 人次，{result.pages} 页）：{result.path}")
    return 0


def _summary(store, args) -> int:
    if _out_kind(args.out) == ".xlsx":
        from ..exchange.exports.mutual_aid import export_summary

        n = export_summary(store, args.out, args.year)
        print(f"已导出参保情况汇总（{n} 个计划）到 {args.out}")
        return 0
    from ..printing.mutual_aid import write_summary

    result = write_summary(store, args.out, args.year)
    print(f"已生成参保情况汇总表（{result.rows} 个计划，{result.pages} 页）：{result.path}")
    return 0


def _claims(store, args) -> int:
    from ..core.errors import UserError
    from ..core.values import dates
    from ..exchange.exports.mutual_aid import export_claims

    start, end = dates.parse_date(args.date_from), dates.parse_date(args.date_to)
    if not start or not end or end < start:
        raise UserError("请正确填写起止日期（结束日期不能早于开始日期）")
    n = export_claims(store, args.out, start.isoformat(), end.isoformat())
    print(f"已导出互助金给付 {n} 笔到 {args.out}")
    return 0


def _to_add(store, args) -> int:
    from ..core.mutual_aid import records as aid
    from ..core.values.ids import mask_id_number

    rows = aid.to_add(store, args.year)
    for r in rows:
        print(f"{r['person_name']}\t{mask_id_number(r['id_number'])}\t{r['org_name'] or '—'}\t{r['plan_name']}")
    print(f"待补录会员 {len(rows)} 人")
    return 0
