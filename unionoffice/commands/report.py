"""unionoffice report summary --db PATH --from DATE --to DATE --out FILE.pdf|.xlsx|.docx"""

from __future__ import annotations

import argparse
import importlib
from pathlib import Path

from . import add_db_argument, open_store

NAME = "report"
HELP = "生成某一期间的工作数据报告：PDF（含图表）、Excel 汇总表或 Word 工作总结初稿"

# suffix → "module:function" taking (store, period, out); loaded only when used
WRITERS = {
    ".pdf": "unionoffice.printing.summary_report:write_summary_pdf",
    ".xlsx": "unionoffice.exchange.returns.summary_xlsx:write_summary_xlsx",
    ".docx": "unionoffice.exchange.returns.summary_docx:write_summary_docx",
}
WHAT = {".pdf": "工作数据报告（PDF）", ".xlsx": "工作数据汇总表（Excel）", ".docx": "工作总结初稿（Word）"}


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("kind", choices=("summary",), help="报告类型（summary：工作数据报告/工作总结）")
    add_db_argument(p)
    p.add_argument("--from", dest="date_from", required=True, help="开始日期，如 2026-01-01")
    p.add_argument("--to", dest="date_to", required=True, help="结束日期，如 2026-06-30")
    p.add_argument("--out", type=Path, required=True, help="输出文件：.pdf、.xlsx 或 .docx")


def writer(suffix: str):
    module, _, function = WRITERS[suffix].partition(":")
    return getattr(importlib.import_module(module), function)


def run(args: argparse.Namespace) -> int:
    from ..core.errors import UserError
    from ..core.figures.catalogue import make_period

    suffix = args.out.suffix.lower()
    if suffix not in WRITERS:
        raise UserError(f"输出文件应以 .pdf、.xlsx 或 .docx 结尾：{args.out}")
    period = make_period(args.date_from, args.date_to)
    with open_store(args, reader=True) as store:
        writer(suffix)(store, period, args.out)
    print(f"已生成{period.label}{WHAT[suffix]}：{args.out}")
    return 0
