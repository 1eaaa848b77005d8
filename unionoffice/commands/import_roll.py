"""unionoffice import members|orgs FILE.xlsx --db PATH [--dry-run] [--report OUT.xlsx] [--sheet NAME] [--take-file-values]"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from . import add_db_argument, open_store

NAME = "import"
HELP = "从 Excel 导入会员名册（members）或单位台账（orgs），同一身份证号/单位再次导入只更新不重复"
SHOWN_PROBLEMS = 20  # the rest are in the report workbook


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("kind", choices=("members", "orgs"), help="members：会员名册；orgs：单位台账")
    p.add_argument("file", type=Path, help="Excel 文件（.xlsx / .xls / .ods）")
    add_db_argument(p)
    p.add_argument("--dry-run", action="store_true", help="只检查并显示结果，不写入数据库")
    p.add_argument("--report", type=Path, help="把未导入的行及原因写到这个 Excel 文件")
    p.add_argument("--sheet", help="只导入这个工作表（默认自动找出名册所在的工作表）")
    p.add_argument("--take-file-values", action="store_true",
                   help="冲突时采用文件中的值（默认保留在本程序中改过的值；文件保存之后才在本程序中做的调动、"
                        "状态变更等不会被旧文件改回）")


def run(args: argparse.Namespace) -> int:
    from ..core.store.connection import Store

    if args.dry_run and not Path(args.db).exists():
        # a dry run must not create the office file: check against an empty one instead
        with tempfile.TemporaryDirectory() as tmp, Store.open(Path(tmp) / "empty.db") as store:
            return _import(store, args)
    if args.dry_run:  # writes nothing: runs beside the window like every other reading command
        with open_store(args, reader=True) as store:
            return _import(store, args)
    created = not Path(args.db).exists()
    try:
        # open_store checks the file's opening password like every other command
        with open_store(args, create=True) as store:
            return _import(store, args, created)
    except BaseException:
        if created:  # a file that could not be imported leaves no empty office behind
            for leftover in (Path(f"{args.db}{suffix}") for suffix in ("", "-wal", "-shm", ".lock")):
                leftover.unlink(missing_ok=True)
        raise


def _import(store, args: argparse.Namespace, created: bool = False) -> int:
    from ..exchange.importing.importer import apply_import, prepare_import

    plan = prepare_import(store, args.file, args.kind, sheet=args.sheet)
    if args.take_file_values:
        plan.take_file_values()
    if created:
        print(f"已新建数据库文件 {args.db}")
    sheets = "、".join(f"“{s}”" for s in plan.sheets)
    print(f"读取 {args.file.name}：工作表{sheets}，表头在第 {plan.header_row} 行")
    _left_out(plan, args)
    unit = "人" if args.kind == "members" else "个"
    if args.dry_run:
        print(f"试运行，未写入数据库。将会：{plan.summary()}")
    else:
        result = apply_import(store, plan)
        made = "新建单位" if args.kind == "members" else "新建工联会"
        # the new orgs are 待补全 and leave the rates as the preview said: said here too, as the wizard's last step does
        print(f"导入完成：新增 {result.imported} {unit}，更新 {result.updated} {unit}，无变化 {result.unchanged} {unit}"
              f"{result.kept_text(unit)}，拒绝 {result.rejected} 行，{made} {result.orgs_created} 个"
              f"{plan.rates_note if result.orgs_created else ''}")
    if plan.new_orgs:
        from ..core.orgs.query import in_list_order

        print(("新建单位：" if args.kind == "members" else "新建工联会：") + "、".join(in_list_order(plan.new_orgs)))
    if plan.skipped_totals:
        print("已跳过合计行：第 " + "、".join(str(r) for _, r in plan.skipped_totals) + " 行")
    for note in plan.notes:
        print(f"注意：{note}")
    _conflicts(plan)
    _problems(plan, args)
    return 0


def _left_out(plan, args: argparse.Namespace) -> None:
    """Say what the import leaves out without a row to blame: other roll sheets, a right half."""
    from ..exchange.importing import mapping

    if not args.sheet:
        for name in mapping.other_roll_sheets(plan.path, plan.kind, plan.sheets):
            print(f"注意：工作表“{name}”也像名册，但表头与“{plan.sheet}”不同，这次没有导入；"
                  f"请另外导入：unionoffice import {plan.kind} {args.file.name} --sheet {name} --db …")
    unread = mapping.unread_columns(plan.kind, plan.headers, plan.mapping)
    if unread:
        print(f"注意：“{'”“'.join(unread)}”列没有对应的项目，没有导入（在窗口的导入向导第 2 步可以为它们选择项目）")
    repeated = mapping.repeated_required(plan.kind, plan.headers)
    if repeated:
        print(f"注意：表头中“{'”“'.join(repeated)}”出现不止一次，只导入了第一次出现的那一列；"
              "若名册是左右两栏排版，请把右栏剪切到左栏下方后再导入")


def _conflicts(plan) -> None:
    """Each conflict with both values; what was kept."""
    from ..exchange.importing.conflicts import conflict_lines

    if not plan.conflicts:
        return
    print(f"冲突 {len(plan.conflicts)} 条：以下内容在上次导入之后改过（在本程序中，或导入较新的名册时），与文件不同")
    for line in conflict_lines(plan)[:SHOWN_PROBLEMS]:
        print(f"  {line}")
    if len(plan.conflicts) > SHOWN_PROBLEMS:
        print(f"  …… 另有 {len(plan.conflicts) - SHOWN_PROBLEMS} 条")
    if not any(r.take for r in plan.conflicts):
        print("以上均保留本程序中的值；要采用文件中的值，加上 --take-file-values 再导入一次")


def _problems(plan, args: argparse.Namespace) -> None:
    from ..core.errors import UserError
    from ..exchange.importing.importer import write_report

    for r in plan.rejected[:SHOWN_PROBLEMS]:
        where = f"第 {r.row} 行" if len(plan.sheets) == 1 else f"“{r.sheet}”第 {r.row} 行"
        print(f"  未导入 {where}：{r.reason}")
    if len(plan.rejected) > SHOWN_PROBLEMS:
        print(f"  …… 另有 {len(plan.rejected) - SHOWN_PROBLEMS} 行")
    target = args.report
    if target is None and plan.rejected and not args.dry_run:
        from ..exchange.importing.importer import report_path

        target = report_path(plan)
    if target is not None:
        try:
            write_report(plan, target)
        except UserError as exc:  # the import itself is done; say so rather than fail it
            print(f"问题清单未能写入：{exc}", file=sys.stderr)
            return
        print(f"未导入的 {len(plan.rejected)} 行及原因已写入：{target}")
    elif plan.rejected:
        print("加上 --report 问题.xlsx 可把未导入的行及原因写成 Excel 文件")
