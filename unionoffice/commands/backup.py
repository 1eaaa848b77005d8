"""unionoffice backup --db PATH [--to DIR]"""

from __future__ import annotations

import argparse
from pathlib import Path

from . import add_db_argument, open_store

NAME = "backup"
HELP = "备份数据库（默认备份到数据库旁的“-备份”文件夹）"


def add_arguments(p: argparse.ArgumentParser) -> None:
    add_db_argument(p)
    p.add_argument("--to", type=Path, help="备份到此文件夹")


def run(args: argparse.Namespace) -> int:
    from ..core.backup import make_backup

    with open_store(args) as store:
        target = make_backup(store, args.to)
    print(f"已备份到 {target}")
    return 0
