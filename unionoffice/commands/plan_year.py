"""unionoffice plan-year --db PATH [--from 2026] [--date ID=2027-02-21 …] [--skip ID …] [--dry-run]"""

from __future__ import annotations

import argparse

from . import add_db_argument, open_store

NAME = "plan-year"
HELP = "生成下一年活动计划：复制某年“每年举办”的活动，农历节日活动按新一年的节日日期，并提示节假日、调休和已过的日期"


def add_arguments(p: argparse.ArgumentParser) -> None:
    add_db_argument(p)
    p.add_argument("--from", dest="source_year", type=int,
                   help="复制哪一年的活动，生成其下一年的计划（默认：上半年里今年还没生成计划时为去年，否则为今年）")
    p.add_argument("--date", action="append", default=[], metavar="编号=日期",
                   help="改某项活动的新日期，如 --date 12=2027-02-21（编号见预览第一列）；可多次使用")
    p.add_argument("--skip", action="append", default=[], type=int, metavar="编号", help="不复制这项活动；可多次使用")
    p.add_argument("--dry-run", action="store_true", help="只列出预览，不写入数据库")


def _overrides(values: list[str]) -> dict[int, object]:
    from ..core.errors import UserError
    from ..core.values.dates import parse_date

    out = {}
    for value in values:
        key, sep, day = value.replace("＝", "=").partition("=")
        try:
            out[int(key)] = parse_date(day) if sep else None
        except (ValueError, UserError) as exc:
            raise UserError(f"--date “{value}” 应写成 编号=日期，如 12=2027-02-21（{exc}）") from None
        if out[int(key)] is None:
            raise UserError(f"--date “{value}” 缺少日期，应写成 编号=日期，如 12=2027-02-21")
    return out


def run(args: argparse.Namespace) -> int:
    from ..core.activities import plan as activity_plan
    from ..core.errors import UserError

    changed = _overrides(args.date)
    with open_store(args, reader=args.dry_run) as store:
        source = args.source_year or activity_plan.default_source_year(store)
        target = source + 1
        proposals = activity_plan.plan_copy(store, source, target)
        unknown = (set(changed) | set(args.skip)) - {p.source_id for p in proposals}
        if unknown:
            raise UserError(f"编号 {min(unknown)} 不是 {source} 年“每年举办”的活动")
        chosen = {}
        for p in proposals:
            day = changed.get(p.source_id, p.new_start)
            skipped = p.already_copied or p.source_id in args.skip
            notes = "；".join(activity_plan.date_notes(day, p.source_start))
            state = "已生成过" if p.already_copied else "不复制" if skipped else ""
            print(f"{p.source_id}\t{p.title}\t{p.source_start} → {day}\t{p.reason}\t{state or notes}")
            if not skipped:
                chosen[p.source_id] = day
        from ..core.activities import festivals

        if not festivals.holidays_published(target):
            print(f"注意：{festivals.unpublished_note(target)}")
        if args.dry_run:
            print(f"试运行，未写入数据库：将从 {source} 年生成 {target} 年计划 {len(chosen)} 项")
            return 0
        result = activity_plan.copy_recurring(store, source, target, chosen)
    print(result.message(source, target))
    return 0
