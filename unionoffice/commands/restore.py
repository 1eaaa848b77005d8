"""unionoffice restore BACKUP --db PATH  ·  unionoffice restore --attachments --db PATH"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import add_db_argument, open_store

ENV_BACKUP_PASSWORD = "UNIONOFFICE_BACKUP_PASSWORD"  # an encrypted backup made under an older password
NAME = "restore"
HELP = "用备份文件恢复数据库和它的活动附件（恢复前会先备份当前文件）；--attachments 只从备份找回缺失的附件"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("backup", type=Path, nargs="?",
                   help="备份文件（加密的备份要用制作它时的密码：环境变量 UNIONOFFICE_BACKUP_PASSWORD，"
                        "与现在的密码相同时 UNIONOFFICE_PASSWORD 即可）")
    add_db_argument(p)
    p.add_argument("--attachments", action="store_true",
                   help="不恢复数据，只从备份文件夹找回缺失或损坏的附件文件")


def run(args: argparse.Namespace) -> int:
    if args.attachments == (args.backup is not None):
        print("用法错误：请给出备份文件，或者用 --attachments 只找回附件（二者选一）", file=sys.stderr)
        return 2
    return _attachments_only(args) if args.attachments else _restore(args)


def _restore(args: argparse.Namespace) -> int:
    from ..core.store.backup import BackupPasswordError, describe, restore_office
    from ..core.store.connection import DamagedFileError

    user = None
    if args.db.is_file():
        try:
            with open_store(args) as current:  # the current file's password, if it has one
                user = current.user
        except DamagedFileError:
            pass  # a damaged file cannot say; restoring it is the point
    try:
        result = restore_office(args.backup, args.db, user=user or os.environ.get("UNIONOFFICE_USER") or None,
                                password=os.environ.get(ENV_BACKUP_PASSWORD))
    except BackupPasswordError as err:
        raise err.with_hint(f"请把那时的密码放进环境变量 {ENV_BACKUP_PASSWORD}（与现在的密码相同时用 "
                            "UNIONOFFICE_PASSWORD 即可）") from None
    info = describe(args.db)
    print(f"已从 {args.backup} 恢复到 {args.db}：单位 {info.orgs} 个，会员 {info.members} 人")
    _print_files(result.files)
    if result.safety:
        print(f"恢复前的文件已备份到 {result.safety}")
    for line in result.audit_lines():
        print(line)
    return 0


def _attachments_only(args: argparse.Namespace) -> int:
    from ..core.store.backup import recover_attachments
    from ..core.errors import UserError

    with open_store(args) as store:
        result = recover_attachments(store)
    if result.restored:
        print(f"附件：从备份找回 {result.restored} 个文件")
    if result.lost or result.error:
        raise UserError(result.message())  # exit 1, the one line naming what is still missing
    if not result.restored:
        print(f"附件：{result.total} 个文件都在且完好，无需找回")
    return 0


def _print_files(files) -> None:
    """Files found go to stdout; those that could not be found are a warning on stderr."""
    for line in files.lines():
        print(line, file=sys.stderr if line.startswith("注意：") else sys.stdout)
