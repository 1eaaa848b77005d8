"""unionoffice return --db PATH --year YYYY [--half 1|2] --out FILE.xlsx [--template T.xlsx] [--assign 标签=指标]
| --combine A.xlsx B.xlsx … --out ALL.xlsx | --list"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import add_db_argument, open_store

NAME = "return"
HELP = ("填写报区总工会的统计报表（Excel）：区里下发的报表按指标名称自动识别填入该年（或半年）的数据，"
        "也可用 {{占位符}} 模板；--combine 汇总各街道填好的同一张报表")


def add_arguments(p: argparse.ArgumentParser) -> None:
    add_db_argument(p, required=False)
    p.add_argument("--year", type=int, help="统计年度，如 2026")
    p.add_argument("--half", type=int, choices=(1, 2), help="只统计上半年（1）或下半年（2）")
    p.add_argument("--out", type=Path, help="输出的 Excel 文件（.xlsx）")
    p.add_argument("--template", type=Path, help="区总工会下发的模板（.xlsx）；不填则用程序自带的模板")
    p.add_argument("--list", action="store_true", help="列出模板中可用的全部占位符")
    p.add_argument("--assign", action="append", default=[], metavar="标签=指标",
                   help="指定报表中某一栏填哪个指标（如 “组织职工跳绳比赛=举办活动次数”；指标写“空”则留空），"
                        "可重复；指定后记住，下次同一张报表自动沿用")
    p.add_argument("--combine", nargs="+", type=Path, metavar="FILE.xlsx",
                   help="汇总各街道填好的同一张报表（数量、金额相加，比率按分子分母重算）")


def run(args: argparse.Namespace) -> int:
    from ..core.errors import UserError
    from ..core.figures import catalogue as F

    if args.list:
        return _list(args)
    if args.combine:
        return _combine(args)
    missing = [flag for flag, value in (("--db", args.db), ("--year", args.year), ("--out", args.out)) if not value]
    if missing:
        raise UserError(f"请提供 {'、'.join(missing)}（例如 unionoffice return --db 工会.db --year 2026 --out 年报.xlsx）")
    if not 1900 <= args.year <= 2100:
        raise UserError(f"统计年度有误：{args.year}")
    period = F.half_year(args.year, args.half) if args.half else F.year(args.year)
    from ..exchange.returns.district import fill_return

    # --assign remembers the mapping in the office file, so it writes; a plain return only reads and
    # runs while the window has the file open
    with open_store(args, reader=not args.assign) as store:
        assignments = _assignments(args.assign, store)
        result = fill_return(store, period, args.out, args.template, assignments=assignments,
                             remember=bool(assignments))
    for row in result.mapping:
        print(f"  {row.where}\t{row.label} → {row.name} → {row.text}")
    for where in result.unplaced:
        print(f"  {where}\t未能识别，留空（可用 --assign 指定）")
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


def _assignments(pairs: list[str], store) -> dict[str, str | None]:
    """--assign 标签=指标 → {label: figure key}; the figure by key, Chinese name or a synonym."""
    from ..core.errors import UserError
    from ..core.figures import catalogue as F

    out: dict[str, str | None] = {}
    index = F.label_index(store) if pairs else {}
    for pair in pairs:
        label, sep, name = pair.partition("=")
        if not sep or not label.strip():
            raise UserError(f"--assign 须写成 标签=指标：{pair}")
        name = name.strip()
        if name in ("", "空", "留空"):
            out[label.strip()] = None
            continue
        found = F.resolve_name(name)
        key = found[0] if found else F.match_label(name, index=index)
        if key is None:
            raise UserError(f"--assign {pair}：没有名为“{name}”的指标（可用的指标见 unionoffice return --list）")
        out[label.strip()] = key
    return out


def _combine(args: argparse.Namespace) -> int:
    from ..core.errors import UserError
    from ..exchange.returns.combine import combine_returns

    if not args.out:
        raise UserError("请用 --out 指定汇总表的文件名")
    result = combine_returns(args.combine, args.out)
    print(f"已汇总 {len(result.streets)} 个街道（{'、'.join(result.streets)}）：{args.out}（{result.summed} 处相加）")
    if result.rates_left_empty:
        print("注意：以下比率在表中找不到分子分母，未能重算，已留空：" + "；".join(result.rates_left_empty),
              file=sys.stderr)
    return 0
