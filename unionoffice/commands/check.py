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
    import os

    from ..core.store import driver
    from ..core.store.auth import ENV_PASSWORD
    from ..core.store.check import check_database

    driver.remember(os.environ.get(ENV_PASSWORD))  # an encrypted file is checked with its password
    try:
        report = check_database(args.db)
    except driver.PasswordError as err:
        raise err.with_hint(f"请检查环境变量 {ENV_PASSWORD} 中的密码" if err.tried else
                            f"检查加密的数据库需要密码，请把它放进环境变量 {ENV_PASSWORD}") from None
    for line in report.lines():
        print(line)
    if not report.ok:
        print(f"错误：{report.problem()}", file=sys.stderr)
    return 0 if report.ok else 1
