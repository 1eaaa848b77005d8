"""unionoffice password set|change|remove --db PATH"""

from __future__ import annotations

import argparse
import getpass
import os
import sys

from . import add_db_argument, open_store

NAME = "password"
HELP = "设置、更换或取消打开密码；设了密码的数据库和此后的备份都用它加密（先自动备份）"
ENV_NEW = "UNIONOFFICE_NEW_PASSWORD"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("action", choices=("set", "change", "remove"),
                   help="set 设置（文件还没有密码）；change 更换；remove 取消（文件不再加密）")
    add_db_argument(p)
    p.epilog = (f"新密码从环境变量 {ENV_NEW} 读取，没有时在终端提示输入两次；"
                "更换和取消需要的当前密码从环境变量 UNIONOFFICE_PASSWORD 读取。")


def run(args: argparse.Namespace) -> int:
    from ..core.errors import UserError
    from ..core.store import auth

    with open_store(args) as store:  # checks UNIONOFFICE_PASSWORD when the file has one
        has = auth.has_password(store) or store.encrypted
        if args.action == "set" and has:
            raise UserError(f"数据库 {store.path.name} 已经设置了密码；要换密码请用 password change")
        if args.action != "set" and not has:
            raise UserError(f"数据库 {store.path.name} 没有设置密码；要设置请用 password set")
        current = os.environ.get(auth.ENV_PASSWORD, "")
        if args.action == "remove":
            print(auth.remove_password(store, current=current, progress=_say))
            return 0
        print(auth.set_password(store, _new_password(), current=current, progress=_say))
    return 0


def _say(step: str) -> None:
    """Each step on its own line as it starts: a large office takes half a minute."""
    print(step, flush=True)


def _new_password() -> str:
    from ..core.errors import UserError

    given = os.environ.get(ENV_NEW)
    if given is not None:
        return given
    if not sys.stdin.isatty():
        raise UserError(f"请把新密码放进环境变量 {ENV_NEW}，或在终端里运行此命令输入新密码")
    first = getpass.getpass("新密码：")
    if getpass.getpass("再输入一次：") != first:
        raise UserError("两次输入的新密码不一致，密码没有改动")
    return first
