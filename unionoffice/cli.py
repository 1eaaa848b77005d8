"""The ``unionoffice`` command: the main window, or a headless command on the same core.

Each command is a module in ``unionoffice.commands`` with ``NAME``, ``HELP``, ``add_arguments(p)``
and ``run(args) -> int``; listing it in ``COMMANDS`` is all it takes to add one.

Exit status: 0 success, 1 bad input or a refused operation (one Chinese line on stderr), 2 wrong
usage, 3 an unexpected internal error (written to the log, never shown as a traceback).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

from . import APP_NAME, __version__
from .cli_text import install_chinese_argparse

COMMANDS = (
    "demo",
    "check",
    "backup",
    "restore",
    "import:import_roll",  # "name:module" when the module can't carry the name (import is a keyword)
    "export",
    "find",
    "report",
    "return:district_return",  # return is a keyword
    "print-dispute",
    "print-activity",
    "plan-year",
    "print:print_docs",  # print is a builtin name; the module says what it prints
    "audit",
    "honours",
    "cards",
    "fund:fundraising",
    "standing",
    "employment",
    "fees",
    "mutual-aid",
    "org-event",
    "password",
)

EXIT_OK, EXIT_BAD_INPUT, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


class Parser(argparse.ArgumentParser):
    def error(self, message: str):  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"用法错误：{message}\n")


def build_parser() -> Parser:
    install_chinese_argparse()
    parser = Parser(prog="unionoffice", description=f"{APP_NAME}（Union Office）。不带命令时打开主窗口。")
    parser.add_argument("--version", action="version", version=f"unionoffice {__version__}", help="显示程序版本号并退出")
    parser.add_argument("--db", type=Path, dest="top_db", help="数据库文件（默认在用户数据目录）；放在命令前后都可以")
    sub = parser.add_subparsers(dest="command", metavar="命令", parser_class=Parser)
    for entry in COMMANDS:
        name, _, module_name = entry.partition(":")
        module = importlib.import_module(f"unionoffice.commands.{module_name or name.replace('-', '_')}")
        p = sub.add_parser(module.NAME, help=module.HELP, description=module.HELP)
        module.add_arguments(p)
        p.set_defaults(run=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    _utf8_stdio()
    try:
        parser = build_parser()
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version and usage errors end here
        return int(exc.code or 0)
    if not args.command:
        from .app import run_gui  # Qt is imported only when a window is wanted

        return run_gui(args.top_db)
    try:
        _db_before_command(parser, args)
    except SystemExit as exc:
        return int(exc.code or 0)
    return run_command(args)


def _db_before_command(parser: Parser, args: argparse.Namespace) -> None:
    """``unionoffice --db X check`` means ``unionoffice check --db X``; given in both places, the
    two must agree. A command that needs a file and got none is a usage error, as argparse says it."""
    from .commands import DB_REQUIRED, PARSER

    if args.top_db is not None:
        if getattr(args, "db", None) is not None and args.db != args.top_db:
            getattr(args, PARSER).error(f"--db 给了两个不同的文件：{args.top_db} 和 {args.db}")
        if not hasattr(args, "db"):
            parser.error(f"命令 {args.command} 不使用 --db，请去掉它")
        args.db = args.top_db
    if getattr(args, DB_REQUIRED, False) and args.db is None:
        getattr(args, PARSER).error("缺少必需的参数：--db")


def run_command(args: argparse.Namespace) -> int:
    from .core.errors import UserError
    from .logs import log_exception

    try:
        return int(args.run(args) or 0)
    except UserError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("已取消。", file=sys.stderr)
        return EXIT_BAD_INPUT
    except OSError as exc:  # a full disk or a refused folder met outside a writer that says so itself
        from pathlib import Path

        from .core.store.outfile import write_error

        print(f"错误：{write_error(exc, Path(exc.filename or '输出文件'))}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except Exception as exc:  # noqa: BLE001 - the last line of defence before the clerk
        where = log_exception(exc, f"command {args.command}")
        print(f"程序内部错误（{type(exc).__name__}），详情已写入日志：{where}", file=sys.stderr)
        return EXIT_INTERNAL


def _utf8_stdio() -> None:
    """Chinese output must survive a Windows console or a pipe with a non-UTF-8 locale."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(encoding="utf-8", errors="replace")  # type: ignore[union-attr]
        except (AttributeError, ValueError):
            pass
