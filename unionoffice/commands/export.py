"""unionoffice export KIND --db PATH --out FILE.xlsx"""

from __future__ import annotations

import argparse
import importlib
from pathlib import Path

from . import add_db_argument, open_store

NAME = "export"
HELP = "把会员、单位等名单导出为 Excel（身份证号为文本，日期为日期格式）"

# kind → "module:function" taking (store, out_path) and returning the number of rows written.
# Loaded only when used, so the CLI starts without openpyxl. Each area adds its line here.
EXPORTERS = {
    "members": "unionoffice.exchange.exports.rolls:export_members",
    "orgs": "unionoffice.exchange.exports.rolls:export_orgs",
    "disputes": "unionoffice.exchange.exports.disputes:export_disputes",
    "activities": "unionoffice.exchange.exports.activities:export_activities",
    "hardship": "unionoffice.exchange.exports.assistance:export_hardship",
    "assistance": "unionoffice.exchange.exports.assistance:export_assistance",
}
LABELS = {"members": "会员", "orgs": "单位", "disputes": "劳动争议案件", "activities": "活动",
          "hardship": "困难职工档案", "assistance": "帮扶慰问记录"}


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("kind", choices=tuple(EXPORTERS), help="要导出的名单")
    add_db_argument(p)
    p.add_argument("--out", type=Path, required=True, help="导出的 Excel 文件（.xlsx）")


def exporter(kind: str):
    module, _, function = EXPORTERS[kind].partition(":")
    return getattr(importlib.import_module(module), function)


def run(args: argparse.Namespace) -> int:
    from ..core.errors import UserError

    if args.out.suffix.lower() != ".xlsx":
        raise UserError(f"导出文件应以 .xlsx 结尾：{args.out}")
    with open_store(args, reader=True) as store:
        n = exporter(args.kind)(store, args.out)
    print(f"已导出{LABELS.get(args.kind, '')} {n} 条到 {args.out}")
    return 0
