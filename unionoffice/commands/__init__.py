"""Headless commands of the ``unionoffice`` CLI; each module is listed in ``cli.COMMANDS``."""

from __future__ import annotations

import argparse
from pathlib import Path

DB_REQUIRED = "_db_required"  # set by add_db_argument: the command needs --db
PARSER = "_command_parser"  # the command's own parser, for its usage line


def add_db_argument(parser: argparse.ArgumentParser, *, required: bool = True) -> None:
    # not required= here: ``unionoffice --db X check`` names the file before the command, and
    # cli.main checks after parsing that one of the two places named it (DB_REQUIRED)
    parser.add_argument("--db", type=Path, default=None, help="数据库文件路径")
    parser.set_defaults(**{DB_REQUIRED: required, PARSER: parser})
    parser.add_argument("--clerk", metavar="姓名",
                        help="经办人姓名：记为经办人、打印的制表人和操作日志的操作人（也可用环境变量 UNIONOFFICE_CLERK）")


def open_store(args: argparse.Namespace, *, create: bool = False, reader: bool = False):
    """Open the store named by ``--db``; a missing file is bad input, not a new empty office.

    ``reader``: the command only reads, so it also runs while the window has the file open (the
    store is then read-only beside it); writing commands are refused naming who has the file.

    A file with an opening password needs it in UNIONOFFICE_PASSWORD; UNIONOFFICE_USER names the
    user in the audit rows (default: the OS login name).
    """
    import os

    from ..core.store.auth import ENV_PASSWORD, cli_login
    from ..core.store.connection import Store
    from ..core.store.driver import PasswordError

    try:
        store = Store.open(args.db, create=create, reader=reader, password=os.environ.get(ENV_PASSWORD))
    except PasswordError as err:
        raise PasswordError(err.path, err.tried).with_hint(
            f"请把密码放进环境变量 {ENV_PASSWORD} 再运行此命令" if not err.tried
            else f"请检查环境变量 {ENV_PASSWORD} 中的密码") from None
    _notices(store)
    try:
        cli_login(store)
        if getattr(args, "clerk", None):
            from ..core.store.auth import act_as

            act_as(store, args.clerk)
    except BaseException:
        store.close()
        raise
    return store


def add_period_arguments(parser: argparse.ArgumentParser, what: str = "期间") -> None:
    """A period as the window offers it: --year with --month/--quarter/--half, or --from/--to."""
    parser.add_argument("--year", type=int, help=f"{what}：年度，如 2026（可与 --month、--quarter 或 --half 同用）")
    part = parser.add_mutually_exclusive_group()
    part.add_argument("--month", type=int, choices=range(1, 13), metavar="1-12", help="该年的某月")
    part.add_argument("--quarter", type=int, choices=(1, 2, 3, 4), help="该年的某季度（1-4）")
    part.add_argument("--half", type=int, choices=(1, 2), help="上半年（1）或下半年（2）")
    parser.add_argument("--from", dest="date_from", help=f"{what}：自定义起始日期，如 2026-01-01")
    parser.add_argument("--to", dest="date_to", help="自定义截止日期（含当天），如 2026-03-31")


def period_from_args(args: argparse.Namespace, *, required: bool = True):
    """The ``Period`` named by ``add_period_arguments``; None when none was given and none is required."""
    from ..core.errors import UserError
    from ..core.figures import catalogue as F

    custom = args.date_from is not None or args.date_to is not None
    part = args.month or args.quarter or args.half
    if custom and (args.year or part):
        raise UserError("请用 --year（及 --month/--quarter/--half）或 --from/--to 其中一种方式给出期间")
    if custom:
        if not (args.date_from and args.date_to):
            raise UserError("自定义期间需要同时给出 --from 和 --to")
        from ..core.values.dates import parse_date

        days = []
        for flag, value in (("--from", args.date_from), ("--to", args.date_to)):
            try:
                days.append(parse_date(value))
            except UserError as err:
                raise UserError(f"{flag} “{value}”：{err}") from None
        return F.make_period(*days)
    if args.year is None:
        if part:
            raise UserError("--month、--quarter、--half 需要与 --year 同用，如 --year 2026 --quarter 1")
        if required:
            raise UserError("请给出期间：--year 2026 [--quarter 1]，或 --from 2026-01-01 --to 2026-03-31")
        return None
    if not 1900 <= args.year <= 2100:
        raise UserError(f"年度有误：{args.year}")
    if args.month:
        return F.month(args.year, args.month)
    if args.quarter:
        return F.quarter(args.year, args.quarter)
    if args.half:
        return F.half_year(args.year, args.half)
    return F.year(args.year)


def _notices(store) -> None:
    """What the window would show on opening, as warnings on stderr (the command still runs)."""
    import sys

    from ..core.store.location import advice

    if store.repair_message:
        print(f"注意：{store.repair_message}", file=sys.stderr)
    if store.network:
        print(f"注意：{advice(store.network, store.path)}", file=sys.stderr)
