"""unionoffice print-activity signin --db PATH --activity ID --out F.pdf
unionoffice print-activity month --db PATH --month 2026-11 --out F.pdf"""

from __future__ import annotations

import argparse
from pathlib import Path

from . import add_db_argument, open_store

NAME = "print-activity"
HELP = "打印活动签到表（signin）或某月活动安排表（month），输出 PDF"


def add_arguments(p: argparse.ArgumentParser) -> None:
    sub = p.add_subparsers(dest="what", metavar="signin|month", required=True)
    signin = sub.add_parser("signin", help="一项活动的签到表", description="一项活动的签到表（PDF）")
    add_db_argument(signin)
    signin.add_argument("--activity", type=int, required=True, help="活动编号（见导出的活动台账“编号”列）")
    signin.add_argument("--blank-rows", type=int, help="空白行数（默认：有名单时 5 行以上，开放式活动按计划人次）")
    signin.add_argument("--out", type=Path, required=True, help="输出的 PDF 文件")
    month = sub.add_parser("month", help="某月的活动安排表（一页 A4）", description="某月的活动安排表（一页 A4，PDF）")
    add_db_argument(month)
    month.add_argument("--month", required=True, help="月份，如 2026-11")
    month.add_argument("--out", type=Path, required=True, help="输出的 PDF 文件")


def run(args: argparse.Namespace) -> int:
    from ..core.values import dates
    from ..core.errors import UserError
    from ..printing.activity_sheets import write_month_schedule, write_signin_sheet

    if args.what == "month":
        try:
            first = dates.parse_date(args.month)
        except UserError as exc:
            raise UserError(f"--month “{args.month}”：{exc}") from None
        if first is None:
            raise UserError("--month 不能为空，请写成 2026-11 这样的格式")
        with open_store(args, reader=True) as store:
            result = write_month_schedule(store, first.year, first.month, args.out)
        print(f"已生成 {first.year}年{first.month}月活动安排表（{result.rows} 项活动，{result.pages} 页）：{result.path}")
        return 0
    if args.blank_rows is not None and not 0 <= args.blank_rows <= 500:
        raise UserError("--blank-rows 应在 0 到 500 之间")
    with open_store(args, reader=True) as store:
        result = write_signin_sheet(store, args.activity, args.out, blank_rows=args.blank_rows)
    listed = f"预印名单 {result.rows} 人，" if result.rows else ""
    print(f"已生成签到表（{listed}{result.pages} 页）：{result.path}")
    return 0
