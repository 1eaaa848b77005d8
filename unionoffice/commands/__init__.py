"""Headless commands of the ``unionoffice`` CLI; each module is listed in ``cli.COMMANDS``."""

from __future__ import annotations

import argparse
from pathlib import Path


def add_db_argument(parser: argparse.ArgumentParser, *, required: bool = True) -> None:
    parser.add_argument("--db", type=Path, required=required, help="数据库文件路径")


def open_store(args: argparse.Namespace, *, create: bool = False):
    """Open the store named by ``--db``; a missing file is bad input, not a new empty office.

    A file with an opening password needs it in UNIONOFFICE_PASSWORD; UNIONOFFICE_USER names the
    user in the audit rows (default: the OS login name).
    """
    from ..core.store.auth import cli_login
    from ..core.store.connection import Store

    store = Store.open(args.db, create=create)
    _notices(store)
    try:
        cli_login(store)
    except BaseException:
        store.close()
        raise
    return store


def _notices(store) -> None:
    """What the window would show on opening, as warnings on stderr (the command still runs)."""
    import sys

    from ..core.store.location import advice

    if store.repair_message:
        print(f"注意：{store.repair_message}", file=sys.stderr)
    if store.network:
        print(f"注意：{advice(store.network, store.path)}", file=sys.stderr)
