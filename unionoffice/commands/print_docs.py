"""unionoffice print disbursement|receipts|condolence --db PATH --campaign ID --out FILE.pdf [--final]

Without --final the PDF is a preview (a 预览 watermark, nothing locked, no receipt numbers). With
--final the rows are locked (they can then only be corrected by a correcting entry) and receipts
get their numbers — in the same transaction that moves the PDF into place, so a PDF that cannot
be written (a folder, a read-only place, a file held open by a viewer) locks nothing and spends
no receipt number. Receipts for chosen rows: --rows 12,15 (or --member 身份证号/姓名); receipts of
single payments: --rows without --campaign. A receipt printed again keeps its number and says 补打.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import add_db_argument, open_store

NAME = "print"
HELP = "打印慰问金发放表（disbursement）、收据/领款凭证（receipts）或慰问名单（condolence），输出 PDF"
DOCS = {"disbursement": "慰问金发放表", "receipts": "收据/领款凭证", "condolence": "慰问名单"}


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("what", choices=tuple(DOCS), metavar="disbursement|receipts|condolence", help="要打印的文档")
    add_db_argument(p)
    p.add_argument("--campaign", type=int, help="慰问活动编号")
    p.add_argument("--rows", "--ids", dest="ids",
                   help="（仅收据）只打这几条慰问记录的收据，编号逗号分隔，如 12,15：与 --campaign 同用为活动中的几行，"
                        "单独用为单笔慰问；已有收据号的沿用原号并注明“补打”")
    p.add_argument("--member", help="（仅收据，与 --campaign 同用）只打此人的收据（含其更正记录）：身份证号或姓名")
    p.add_argument("--allow-duplicates", action="store_true",
                   help="定稿时如有人今年已获同类帮扶，仍然打印（默认列出这些人并停止，什么也不锁定）")
    p.add_argument("--out", type=Path, required=True, help="输出的 PDF 文件")
    p.add_argument("--final", action="store_true",
                   help="定稿打印：交签领用，打印后这些记录即锁定，不能再修改或删除（不加则为预览）")
    p.add_argument("--corrections", action="store_true", help="（仅发放表）只打印更正记录（更正表）")
    p.add_argument("--two-part", action="store_true", help="（仅收据）每张带存根联")


def _usage(message: str) -> int:
    print(f"用法错误：{message}", file=sys.stderr)
    return 2


def _ids(text: str) -> list[int]:
    from ..core.errors import UserError

    try:
        return [int(part) for part in text.replace("，", ",").split(",") if part.strip()]
    except ValueError:
        raise UserError(f"--ids “{text}” 应为逗号分隔的编号，如 12,15") from None


def run(args: argparse.Namespace) -> int:
    if (args.ids or args.member) and args.what != "receipts":
        return _usage("--rows/--member 只用于打印收据")
    if args.member and args.campaign is None:
        return _usage("--member 需与 --campaign 同用")
    if args.campaign is None and not args.ids:
        return _usage("请给出 --campaign（打印单笔发放的收据时给出 --rows）")
    if args.corrections and args.what != "disbursement":
        return _usage("--corrections 只用于发放表")
    if args.two_part and args.what != "receipts":
        return _usage("--two-part 只用于收据")
    with open_store(args, reader=not args.final) as store:  # a preview only reads
        result = _print(store, args)
    _report(args, result)
    return 0


def _print(store, args: argparse.Namespace):
    if args.what == "disbursement":
        from ..printing.disbursement import print_disbursement

        return print_disbursement(store, args.campaign, args.out, final=args.final, corrections_only=args.corrections,
                                  allow_duplicates=args.allow_duplicates)
    if args.what == "receipts":
        from ..printing.receipts import print_receipts

        ids = _ids(args.ids) if args.ids else None
        if args.member:
            ids = (ids or []) + _member_rows(store, args.campaign, args.member)
        return print_receipts(store, args.out, campaign_id=args.campaign, ids=ids,
                              final=args.final, two_part=args.two_part, allow_duplicates=args.allow_duplicates)
    from ..printing.condolence import print_condolence

    return print_condolence(store, args.campaign, args.out, final=args.final)


def _member_rows(store, campaign_id: int, who: str) -> list[int]:
    """The rows (payment and corrections) of one person in a campaign, by 身份证号 or name."""
    from ..core.assistance.query import sheet_rows
    from ..core.errors import UserError
    from ..core.values.ids import normalize_id_number

    who = who.strip()
    try:
        key, column = normalize_id_number(who), "id_number"
    except UserError:
        key, column = who, "name"
    rows = [r["id"] for r in sheet_rows(store, campaign_id) if r[column] == key]
    if not rows:
        raise UserError(f"慰问活动 {campaign_id} 的名单中没有“{who}”")
    return rows


def _report(args: argparse.Namespace, result) -> None:
    from ..core.values.money import format_money

    if not result.final:
        state = "预览，未锁定"
    elif args.what == "condolence":
        state = "正式"
    else:
        state = f"定稿，本次锁定 {result.locked_now} 笔" if result.locked_now else "定稿，记录此前已锁定"
    goods = f"，实物折合 {format_money(result.goods_value)} 元" if result.goods_value else ""
    if result.reprinted:
        state += f"，其中补打 {result.reprinted} 张（沿用原收据号）"
    print(f"已生成{DOCS[args.what]}（{state}；{result.pages} 页，{result.rows} 条，金额合计 "
          f"{format_money(result.amount)} 元{goods}）：{result.path}")
