"""unionoffice return --db PATH --year YYYY [--half 1|2] --out FILE.xlsx [--template T.xlsx] | --list"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import add_db_argument, open_store

NAME = "return"
HELP = "按模板生成报区总工会的统计报表（Excel）；模板单元格中的 {{占位符}} 填入该年（或半年）的数据"


def add_arguments(p: argparse.ArgumentParser) -> None:
    add_db_argument(p, required=False)
    p.add_argument("--year", type=int, help="统计年度，如 2026")
    p.add_argument("--half", type=int, choices=(1, 2), help="只统计上半年（1）或下半年（2）")
    p.add_argument("--out", type=Path, help="输出的 Excel 文件（.xlsx）")
    p.add_argument("--template", type=Path, help="区总工会下发的模板（.xlsx）；不填则用程序自带的模板")
    p.add_argument("--list", action="store_true", help="列出模板中可用的全部占位符")


def run(args: argparse.Namespace) -> int:
    from ..core.errors import UserError
    from ..core.figures import catalogue as F

    if args.list:
        return _list(args)
    missing = [flag for flag, value in (("--db", args.db), ("--year", args.year), ("--out", args.out)) if not value]
    if missing:
        raise UserError(f"请提供 {'、'.join(missing)}（例如 unionoffice return --db 工会.db --year 2026 --out 年报.xlsx）")
    if not 1900 <= args.year <= 2100:
        raise UserError(f"统计年度有误：{args.year}")
    period = F.half_year(args.year, args.half) if args.half else F.year(args.year)
    from ..exchange.returns.district import fill_return

    with open_store(args, reader=True) as store:
        result = fill_return(store, period, args.out, args.template)
    print(f"已生成{period.label}报表：{args.out}（填入 {result.filled} 处数据）")
    if result.not_enabled:
        print(f"注意：以下 {len(result.not_enabled)} 处所属模块尚未启用，已填“该模块尚未启用”，请手工填写："
              + "；".join(result.not_enabled), file=sys.stderr)
    return 0


def _list(args: argparse.Namespace) -> int:
    from ..core.figures import catalogue as F

    store = open_store(args, reader=True) if args.db else None
    try:
        for e in F.catalogue(store):
            print(f"{{{{{e.key}}}}}\t{{{{{e.cn}}}}}\t{e.meaning}")
    finally:
        if store is not None:
            store.close()
    return 0
