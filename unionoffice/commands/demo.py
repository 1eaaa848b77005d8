"""unionoffice demo PATH [--members N] [--seed S]"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

NAME = "demo"
HELP = "生成一个演示用的街道工会数据库（单位、工联会、会员……）"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("path", type=Path, help="新数据库文件的路径（不能是已有数据的文件）")
    p.add_argument("--members", type=int, default=2000, help="会员人数（默认 2000）")
    p.add_argument("--seed", type=int, default=1, help="随机种子，相同种子生成相同数据（默认 1）")


def run(args: argparse.Namespace) -> int:
    from ..core.demo.office import generate_demo
    from ..core.errors import UserError
    from ..core.store.connection import Store

    if not 1 <= args.members <= 1_000_000:
        raise UserError("--members 应在 1 到 1000000 之间")
    with Store.open(args.path) as store:
        counts = generate_demo(store, members=args.members, seed=args.seed,
                               progress=lambda label: print(f"正在生成：{label}", file=sys.stderr))
    print(f"已生成演示数据库 {args.path}：单位 {counts['orgs']} 个，会员 {counts['members']} 人")
    return 0
