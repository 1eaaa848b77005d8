"""unionoffice print-dispute form --db PATH --case 案号 --out F.pdf
unionoffice print-dispute register --db PATH (--year Y [--month M|--quarter Q|--half H] | --from D --to D) --out F.pdf"""

from __future__ import annotations

import argparse
from pathlib import Path

from . import add_db_argument, add_period_arguments, open_store, period_from_args

NAME = "print-dispute"
HELP = "打印劳动争议调解登记表（form）或某期间的劳动争议台账（register），输出 PDF"


def add_arguments(p: argparse.ArgumentParser) -> None:
    sub = p.add_subparsers(dest="what", metavar="form|register", required=True)
    form = sub.add_parser("form", help="一个案件的劳动争议调解登记表", description="一个案件的劳动争议调解登记表（PDF）")
    add_db_argument(form)
    form.add_argument("--case", required=True, help="案号（如 2026-0007）或案件编号")
    form.add_argument("--out", type=Path, required=True, help="输出的 PDF 文件")
    register = sub.add_parser("register", help="某期间受理案件的台账（A4 横向）",
                              description="某期间受理的劳动争议案件台账，一案一行，末尾合计（PDF）")
    add_db_argument(register)
    add_period_arguments(register, "受理日期的期间")
    register.add_argument("--out", type=Path, required=True, help="输出的 PDF 文件")


def run(args: argparse.Namespace) -> int:
    from ..core.disputes.records import find_case
    from ..printing.dispute_forms import write_case_form, write_register

    if args.what == "form":
        with open_store(args, reader=True) as store:
            result = write_case_form(store, args.out, find_case(store, args.case))
        print(f"已生成劳动争议调解登记表（{result.pages} 页）：{result.path}")
        return 0
    period = period_from_args(args)
    with open_store(args, reader=True) as store:
        result = write_register(store, args.out, period.start, period.end)
    print(f"已生成{period.label}劳动争议台账（{result.rows} 件，{result.pages} 页）：{result.path}")
    return 0
