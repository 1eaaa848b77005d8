"""unionoffice check --db PATH"""

from __future__ import annotations

import argparse
import sys

from . import add_db_argument

NAME = "check"
HELP = "检查数据库的完整性和结构版本"


def add_arguments(p: argparse.ArgumentParser) -> None:
    add_db_argument(p)


def run(args: argparse.Namespace) -> int:
    from ..core.store.check import check_database

    report = check_database(args.db)
    for line in report.lines():
        print(line)
    if not report.ok:
        print(f"错误：{report.problem()}", file=sys.stderr)
    return 0 if report.ok else 1
