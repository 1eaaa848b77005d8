"""unionoffice backup --db PATH [--to DIR]"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import add_db_argument, open_store

NAME = "backup"
HELP = "备份数据库和活动附件（默认备份到数据库旁的“-备份”文件夹）"


def add_arguments(p: argparse.ArgumentParser) -> None:
    add_db_argument(p)
    p.add_argument("--to", type=Path, help="备份到此文件夹")


def run(args: argparse.Namespace) -> int:
    from ..core.store.backup import backup_office

    with open_store(args, reader=True) as store:
        result = backup_office(store, args.to)
    for line in result.lines():
        if line.startswith("错误："):
            continue  # raised below: exit 1 with that one line on stderr
        # files that were already lost are a warning (stderr); the backup itself succeeded
        print(line, file=sys.stderr if line.startswith("注意：") else sys.stdout)
    result.raise_for_files()
    return 0
