"""unionoffice restore BACKUP --db PATH"""

from __future__ import annotations

import argparse
from pathlib import Path

from . import add_db_argument, open_store

NAME = "restore"
HELP = "用备份文件恢复数据库（恢复前会先备份当前文件）"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("backup", type=Path, help="备份文件")
    add_db_argument(p)


def run(args: argparse.Namespace) -> int:
    from ..core.backup import describe, restore
    from ..core.store import DamagedFileError

    if args.db.is_file():
        try:
            open_store(args).close()  # the current file's password, if it has one
        except DamagedFileError:
            pass  # a damaged file cannot say; restoring it is the point
    safety = restore(args.backup, args.db)
    info = describe(args.db)
    print(f"已从 {args.backup} 恢复到 {args.db}：单位 {info.orgs} 个，会员 {info.members} 人")
    if safety:
        print(f"恢复前的文件已备份到 {safety}")
    return 0
