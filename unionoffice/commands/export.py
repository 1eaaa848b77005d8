"""unionoffice export KIND --db PATH --out FILE.xlsx"""

from __future__ import annotations

import argparse
import importlib
from pathlib import Path

from . import add_db_argument, add_period_arguments, open_store, period_from_args

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
    "honours": "unionoffice.exchange.exports.honours:export_honours",
    "cards": "unionoffice.exchange.exports.member_cards:export_cards",
    "fundraising": "unionoffice.exchange.exports.fundraising:export_contributions",
    "standing": "unionoffice.exchange.exports.union_standing:export_standing",
    "fairs": "unionoffice.exchange.exports.employment_aid:export_fairs",
    "placements": "unionoffice.exchange.exports.employment_aid:export_placements",
    "trainees": "unionoffice.exchange.exports.employment_aid:export_trainees",
}
LABELS = {"members": "会员", "orgs": "单位", "disputes": "劳动争议案件", "activities": "活动",
          "hardship": "困难职工档案", "assistance": "帮扶慰问记录",
          "honours": "荣誉", "cards": "会员服务卡", "fundraising": "募捐收款",
          "standing": "基层工会规范化建设情况", "fairs": "招聘会", "placements": "实现就业登记",
          "trainees": "培训学员"}


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("kind", choices=tuple(EXPORTERS), help="要导出的名单")
    add_db_argument(p)
    p.add_argument("--out", type=Path, required=True, help="导出的 Excel 文件（.xlsx）")
    add_period_arguments(p, "（仅 disputes）只导出该期间受理的案件")


def exporter(kind: str):
    module, _, function = EXPORTERS[kind].partition(":")
    return getattr(importlib.import_module(module), function)


def run(args: argparse.Namespace) -> int:
    from ..core.errors import UserError

    if args.out.suffix.lower() != ".xlsx":
        raise UserError(f"导出文件应以 .xlsx 结尾：{args.out}")
    period = period_from_args(args, required=False)
    if period is not None and args.kind != "disputes":
        raise UserError("期间（--year、--from 等）只用于导出劳动争议案件（disputes）")
    with open_store(args, reader=True) as store:
        if period is None:
            n = exporter(args.kind)(store, args.out)
        else:
            from ..core.disputes.query import DisputeFilter

            n = exporter(args.kind)(store, args.out, filt=DisputeFilter(
                received_from=period.start.isoformat(), received_to=period.end.isoformat()))
    during = f"{period.label}受理的" if period is not None else ""
    private = "" if args.kind == "orgs" else "（文件含个人信息，不加密，请妥善保管）"
    print(f"已导出{during}{LABELS.get(args.kind, '')} {n} 条到 {args.out}{private}")
    return 0
