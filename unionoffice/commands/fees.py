"""unionoffice fees import|record|pay|list|ledger|notice|settings … — 工会经费 headless."""

from __future__ import annotations

import argparse
from pathlib import Path

from . import add_db_argument, open_store

NAME = "fees"
HELP = "工会经费：导入税务代收明细、登记计提与缴纳、欠缴名单、收缴台账（PDF/Excel）、催缴通知书、分成比例设置"
SHOWN_PROBLEMS = 20
SETTING_FLAGS = (("threshold", "--threshold", "规模界线（职工人数，默认25）"),
                 ("large_district", "--large-district", "界线及以上单位上缴区总比例（%）"),
                 ("large_street", "--large-street", "界线及以上单位上解街道比例（%）"),
                 ("small_district", "--small-district", "界线以下单位上缴区总比例（%）"),
                 ("small_street", "--small-street", "界线以下单位上解街道比例（%）"),
                 ("base", "--base", "分成基数：应缴 或 实缴"))


def _sub(sub, name: str, help_text: str) -> argparse.ArgumentParser:
    p = sub.add_parser(name, help=help_text, description=help_text)
    add_db_argument(p)
    return p


def add_arguments(p: argparse.ArgumentParser) -> None:
    sub = p.add_subparsers(dest="what", required=True,
                           metavar="import|record|pay|payments|delete-payment|list|arrears|ledger|notice|settings")
    _add_import(sub)
    rec = _sub(sub, "record", "登记或修改一个单位某所属期的工资总额、缴纳方式、免交/缓交")
    rec.add_argument("--org", required=True, help="单位名称或统一社会信用代码")
    rec.add_argument("--period", required=True, help="所属期，如 2026")
    rec.add_argument("--payroll", help="工资总额（元）")
    rec.add_argument("--method", help="缴纳方式：税务代收、自行拨缴、工联会代缴")
    rec.add_argument("--exempt", choices=("免交", "缓交", "无"), help="免交或缓交（“无”取消）")
    rec.add_argument("--reason", help="免交/缓交原因")
    rec.add_argument("--approved", help="免交/缓交批准日期")
    rec.add_argument("--notes", help="备注")
    pay = _sub(sub, "pay", "登记一笔实缴工会经费")
    pay.add_argument("--org", required=True, help="单位名称或统一社会信用代码")
    pay.add_argument("--period", required=True, help="所属期，如 2026")
    pay.add_argument("--date", required=True, help="缴纳日期")
    pay.add_argument("--amount", required=True, help="实缴金额（元）")
    pay.add_argument("--method", required=True, help="缴纳方式：税务代收、自行拨缴、工联会代缴")
    pays = _sub(sub, "payments", "列出一个单位某所属期的各笔缴款（含编号）")
    pays.add_argument("--org", required=True, help="单位名称或统一社会信用代码")
    pays.add_argument("--period", required=True, help="所属期，如 2026")
    unpay = _sub(sub, "delete-payment", "删除一笔录错的缴款（移入回收站，记入操作日志）")
    unpay.add_argument("--id", type=int, required=True, help="缴款编号（见 payments 的第一列）")
    for name, text in (("list", "列出某所属期各单位的计提、实缴与分成"), ("arrears", "列出某所属期欠缴的单位")):
        lp = _sub(sub, name, text)
        lp.add_argument("--period", required=True, help="所属期，如 2026")
    led = _sub(sub, "ledger", "工会经费收缴台账：.pdf（A4 横向，合计含大写）或 .xlsx")
    led.add_argument("--period", required=True, help="所属期，如 2026、2026-H1")
    led.add_argument("--out", type=Path, required=True, help="输出文件（.pdf 或 .xlsx）")
    notice = _sub(sub, "notice", "打印工会经费催缴通知书（一个单位，或全部欠缴单位各一页）")
    notice.add_argument("--period", required=True, help="所属期，如 2026")
    notice.add_argument("--org", help="只给这个单位（名称或信用代码）；不写则全部欠缴单位")
    notice.add_argument("--out", type=Path, required=True, help="输出的 PDF 文件")
    st = _sub(sub, "settings", "查看或修改上缴区总、上解街道的分成比例（不带参数只显示）")
    for _, flag, text in SETTING_FLAGS:
        st.add_argument(flag, help=text)


def _add_import(sub) -> None:
    imp = _sub(sub, "import", "导入税务部门的工会经费代收明细（按信用代码、再按名称匹配单位；重复导入不重复计入）")
    imp.add_argument("file", type=Path, help="代收明细 Excel 文件")
    imp.add_argument("--period", help="所属期（如 2026、2026-H1、2026-Q3、2026-05；默认按入库日期的年度）")
    imp.add_argument("--dry-run", action="store_true", help="只检查并显示结果，不写入数据库")
    imp.add_argument("--report", type=Path, help="把未导入的行及原因写到这个 Excel 文件")
    imp.add_argument("--sheet", help="只读这个工作表")
    imp.add_argument("--column", action="append", metavar="字段=列名",
                     help="列名写法特别时指出某列，如 --column 代收金额=本期实缴（可多次使用；下次同样的表头自动沿用）")


def run(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        return globals()["_" + args.what.replace("-", "_")](store, args)


def _import(store, args) -> int:
    from ..exchange.importing.external_lists import apply_list, remember_mapping

    plan = prepare_with_hint(store, args, "tax_list", "代收金额", period=args.period)
    print(f"读取 {args.file.name}：工作表“{plan.sheet}”，表头在第 {plan.header_row} 行")
    if args.dry_run:
        print(f"试运行，未写入数据库。将会：{plan.summary()}")
    else:
        added = apply_list(store, plan)
        if args.column:
            remember_mapping(store, plan)  # the same headers next time need no --column
        print(f"导入完成：{plan.summary()}（实际新增 {added} 笔）")
    report_problems(plan, args)
    return 0


def prepare_with_hint(store, args, kind: str, example: str, **options):
    """prepare_list, with --column; a header it can't find says how to name the columns."""
    from ..core.errors import UserError
    from ..exchange.importing.external_lists import parse_columns, prepare_list

    columns = parse_columns(args.column)
    try:
        return prepare_list(store, args.file, kind, sheet=args.sheet, columns=columns or None, **options)
    except UserError as err:
        if columns or "找不到" not in str(err):
            raise
        raise UserError(f"{err}；若列名写法特别，可用 --column {example}=表中列名 指出各列") from None


def report_problems(plan, args) -> None:
    """Rejected rows on the console (the first 20) and in the report workbook."""
    import sys

    from ..core.errors import UserError
    from ..exchange.importing.external_lists import write_report

    if plan.skipped_totals:
        print("已跳过合计行：第 " + "、".join(str(r) for _, r in plan.skipped_totals) + " 行")
    for note in plan.notes:
        print(f"注意：{note}")
    for r in plan.rejected[:SHOWN_PROBLEMS]:
        print(f"  未导入 第 {r.row} 行：{r.reason}")
    if len(plan.rejected) > SHOWN_PROBLEMS:
        print(f"  …… 另有 {len(plan.rejected) - SHOWN_PROBLEMS} 行")
    target = args.report
    if target is None and plan.rejected and not args.dry_run:
        target = args.file.with_name(f"{args.file.stem}-导入问题.xlsx")
    if target is not None:
        try:
            write_report(plan, target)
        except UserError as exc:
            print(f"问题清单未能写入：{exc}", file=sys.stderr)
            return
        print(f"未导入的 {len(plan.rejected)} 行及原因已写入：{target}")


def _record(store, args) -> int:
    from ..core.fees import records as fees

    org_id = fees.org_by_text(store, args.org)
    data = {k: v for k, v in (("payroll", args.payroll), ("method", args.method), ("exemption_reason", args.reason),
                              ("exemption_approved", args.approved), ("notes", args.notes)) if v is not None}
    if args.exempt:
        data["exemption"] = "" if args.exempt == "无" else args.exempt
    found = fees.find_fee_record(store, org_id, args.period)
    if found:
        fees.save_fee_record(store, data, found["id"])
    else:
        fees.save_fee_record(store, {"org_id": org_id, "period": args.period, **data})
    print(f"已{'修改' if found else '登记'}：{_line_text(store, org_id, args.period)}")
    return 0


def _pay(store, args) -> int:
    from ..core.fees import records as fees

    org_id = fees.org_by_text(store, args.org)
    with store.atomic():
        record_id = fees.ensure_fee_record(store, org_id, args.period)
        fees.add_payment(store, record_id, args.date, args.amount, args.method)
    print(f"已登记缴款：{_line_text(store, org_id, args.period)}")
    return 0


def _payments(store, args) -> int:
    from ..core.fees import records as fees
    from ..core.values.money import format_money

    fp = fees.fee_period(args.period)
    rows = fees.payments_of_org(store, fees.org_by_text(store, args.org), *fp.period.iso)
    for p in rows:
        print(f"{p['id']}\t{p['paid_date']}\t{p['period']}\t{format_money(p['amount'])}\t{p['method']}\t{p['source']}")
    print(f"共 {len(rows)} 笔，{format_money(sum(p['amount'] for p in rows))} 元")
    return 0


def _delete_payment(store, args) -> int:
    from ..core.fees import records as fees

    fees.delete_payment(store, args.id)
    print(f"已删除缴款 {args.id}（移入回收站）")
    return 0


def _line_text(store, org_id: int, period: str) -> str:
    from ..core.fees import records as fees

    fp = fees.fee_period(period)
    line = next(x for x in fees.fee_lines(store, *fp.period.iso) if x.org_id == org_id)
    return _format(line)


def _format(line) -> str:
    from ..core.values.money import format_money as m

    return (f"{line.org_name}\t{line.periods or '—'}\t工资总额 {m(line.payroll)}\t应缴 {m(line.due)}\t实缴 {m(line.paid)}"
            f"\t{line.paid_date or '—'}\t{line.method or '—'}\t{line.status}\t上缴区总 {m(line.district)}"
            f"\t上解街道 {m(line.street)}")


def _list(store, args) -> int:
    from ..core.fees import records as fees
    from ..core.values.money import format_money as m

    fp = fees.fee_period(args.period)
    lines = fees.fee_lines(store, *fp.period.iso)
    for line in lines:
        print(_format(line))
    t = fees.totals(lines)
    print(f"合计 {t.orgs} 家：应缴 {m(t.due)} 元，实缴 {m(t.paid)} 元，上缴区总 {m(t.district)} 元，"
          f"上解街道 {m(t.street)} 元；免交 {t.exempt} 家，缓交 {t.deferred} 家，欠缴 {t.arrears} 家")
    return 0


def _arrears(store, args) -> int:
    from ..core.fees import records as fees

    fp = fees.fee_period(args.period)
    lines = fees.arrears(store, fp.key)
    for line in lines:
        print(f"{line.org_name}\t职工 {line.workers} 人\t{line.union_mode}")
    print(f"{fp.label}欠缴单位 {len(lines)} 家")
    return 0


def _ledger(store, args) -> int:
    from ..core.errors import UserError

    suffix = args.out.suffix.lower()
    if suffix == ".xlsx":
        from ..exchange.exports.fees import export_fee_ledger

        n = export_fee_ledger(store, args.out, args.period)
        print(f"已导出工会经费收缴台账 {n} 家单位到 {args.out}")
        return 0
    if suffix != ".pdf":
        raise UserError(f"台账文件应以 .pdf 或 .xlsx 结尾：{args.out}")
    from ..printing.fees import write_ledger

    result = write_ledger(store, args.out, args.period)
    print(f"已生成工会经费收缴台账（{result.rows} 家单位，{result.pages} 页）：{result.path}")
    return 0


def _notice(store, args) -> int:
    from ..core.fees import records as fees
    from ..printing.fees import write_notices

    org_id = fees.org_by_text(store, args.org) if args.org else None
    result = write_notices(store, args.out, args.period, org_id)
    print(f"已生成催缴通知书 {result.rows} 份：{result.path}")
    return 0


def _settings(store, args) -> int:
    from ..core.fees import settings as fee_settings

    changes = {name: getattr(args, name) for name, _, _ in SETTING_FLAGS if getattr(args, name) is not None}
    current = fee_settings.save(store, changes) if changes else fee_settings.load(store)
    print(("已保存。" if changes else "") + current.describe())
    return 0
