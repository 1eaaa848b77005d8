"""unionoffice audit --db PATH [--table T] [--record TEXT] [--user U] [--from D] [--to D] [--out FILE.xlsx]"""

from __future__ import annotations

import argparse
from pathlib import Path

from . import add_db_argument, open_store

NAME = "audit"
HELP = "查看或导出操作日志（谁在什么时候改了什么），可按记录类型、记录、操作人、日期筛选"


def add_arguments(p: argparse.ArgumentParser) -> None:
    add_db_argument(p)
    p.add_argument("--table", help="记录类型，如 会员、单位、困难档案、帮扶慰问、劳动争议（或 members、orgs…）")
    p.add_argument("--record", default="", help="姓名、单位名称、案号或身份证号（的一部分）")
    p.add_argument("--user", help="操作人")
    p.add_argument("--from", dest="date_from", help="起始日期，如 2026-01-01")
    p.add_argument("--to", dest="date_to", help="截止日期（含当天）")
    p.add_argument("--limit", type=int, default=50, help="最多显示多少条（默认 50，导出时不限）")
    p.add_argument("--full", action="store_true", help="显示完整的身份证号、手机号（默认隐藏中间部分）")
    p.add_argument("--out", type=Path, help="导出到这个 Excel 文件（.xlsx）")


def _table(value: str | None) -> str | None:
    from ..core.store.audit_query import TABLE_LABELS
    from ..core.errors import UserError

    if not value:
        return None
    if value in TABLE_LABELS:
        return value
    by_label = {label: table for table, label in TABLE_LABELS.items()}
    if value in by_label:
        return by_label[value]
    raise UserError(f"--table “{value}” 不是记录类型；可用：{'、'.join(TABLE_LABELS.values())}")


def run(args: argparse.Namespace) -> int:
    from ..core.store.audit_query import AuditFilter, count_entries, entries
    from ..core.values.dates import parse_date

    filt = AuditFilter(table=_table(args.table), text=args.record, user=args.user,
                       date_from=parse_date(args.date_from) if args.date_from else None,
                       date_to=parse_date(args.date_to) if args.date_to else None)
    with open_store(args, reader=True) as store:
        if args.out:
            from ..exchange.exports.audit import export_audit

            n = export_audit(store, args.out, filt, masked=not args.full)
            print(f"已导出 {n} 条操作日志到 {args.out}（文件含个人信息，请妥善保管）")
            return 0
        total = count_entries(store, filt)
        for e in entries(store, filt, limit=max(1, args.limit), masked=not args.full):
            print(f"{e.at}  {e.user}  {e.what}  {e.action_label}  {e.summary(200)}")
    print(f"共 {total} 条" + (f"，显示最近 {min(total, args.limit)} 条" if total > args.limit else ""))
    return 0
