"""unionoffice find --db PATH QUERY"""

from __future__ import annotations

import argparse

from . import add_db_argument, open_store

NAME = "find"
HELP = "查找会员：姓名、拼音、首字母（如 zgf 找曾国藩）、身份证号或手机号片段，每行一人"


def add_arguments(p: argparse.ArgumentParser) -> None:
    add_db_argument(p)
    p.add_argument("query", nargs="+", help="查找内容；多个词须同时符合")


def run(args: argparse.Namespace) -> int:
    import sys

    from ..core.errors import UserError
    from ..core.values.ids import mask_id_number
    from ..core.members.records import members_by_ids, search_member_ids, short_fragments

    text = " ".join(args.query).strip()
    if not text:
        raise UserError("请输入要查找的内容：姓名、拼音、首字母、身份证号或手机号片段")
    short = short_fragments(text)
    if short:
        # a digit or two matches nearly everyone: the whole roll would scroll past
        raise UserError(f"“{'”“'.join(short)}”太短：身份证号或手机号片段至少要输入 3 位数字")
    with open_store(args, reader=True) as store:
        ids = search_member_ids(store, text)
        for start in range(0, len(ids), 1000):
            for m in members_by_ids(store, ids[start:start + 1000]):
                print(f"{m['name']}\t{mask_id_number(m['id_number'])}\t{m['org_name'] or '（无单位）'}")
    if not ids:
        print(f"没有找到与“{text}”相符的会员", file=sys.stderr)
    return 0
