"""Exporting hardship files and assistance rows to Excel (``unionoffice export hardship|assistance``).

Bank accounts are masked (last 4 digits) unless the caller asks for them in full — the GUI offers
that for a bank's 代发 list; the CLI never does. Money columns are yuan with two decimals, so the
sum of the 金额 column equals the campaign totals the program shows.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Iterator, Sequence

from ...core.assistance.query import AssistanceFilter, assistance_by_ids, search_assistance_ids
from ...core.hardship.query import (
    HardshipFilter,
    get_hardship_file,
    hardship_files_by_ids,
    search_hardship_ids,
)
from ...core.store.connection import Store
from .xlsx_writer import Column, write_table

PAGE = 1000
Progress = Callable[[int, int], None] | None

HARDSHIP_COLUMNS = (
    ("file_no", "档案编号", "text", 11), ("name", "姓名", "text", 10), ("gender", "性别", "text", 6),
    ("id_number", "身份证号", "text", 21), ("org_display", "工作单位", "text", 28), ("phone", "联系电话", "text", 14),
    ("category", "困难类别", "text", 10), ("level", "建档层级", "text", 8), ("main_cause", "主要致困原因", "text", 12),
    ("other_causes", "其他致困原因", "text", 18), ("household_size", "家庭人口", "int", 8),
    ("household_income", "家庭月收入（元）", "money", 13), ("per_capita_income", "月人均收入（元）", "money", 13),
    ("health", "健康状况", "text", 10), ("housing", "住房", "text", 10), ("household_text", "家庭成员", "text", 36),
    ("bank_name", "收款银行", "text", 14), ("bank_branch", "开户行", "text", 18), ("account", "银行账号", "text", 22),
    ("filed_by", "建档人", "text", 9), ("checked_by", "审核人", "text", 9), ("filed_date", "建档日期", "date", 12),
    ("last_review_date", "上次复核日期", "date", 12), ("next_review_date", "下次复核日期", "date", 12),
    ("status", "状态", "text", 6), ("status_date", "状态日期", "date", 12), ("status_reason", "状态原因", "text", 16),
    ("notes", "备注", "text", 20),
)
ASSISTANCE_COLUMNS = (
    ("id", "编号", "int", 7), ("paid_date", "发放日期", "date", 12), ("name", "姓名", "text", 10),
    ("gender", "性别", "text", 6), ("id_number", "身份证号", "text", 21), ("org_name", "工作单位", "text", 28),
    ("category", "困难类别", "text", 10), ("kind", "慰问类别", "text", 14), ("campaign_name", "慰问活动", "text", 24),
    ("amount", "金额（元）", "money", 12), ("goods", "实物", "text", 18), ("goods_value", "实物折合（元）", "money", 13),
    ("funding_source", "资金来源", "text", 10), ("method", "发放方式", "text", 9), ("status", "状态", "text", 7),
    ("receipt_no", "收据号", "text", 11), ("signed_date", "签领日期", "date", 12), ("handler", "经办人", "text", 9),
    ("locked", "已锁定", "flag", 7), ("reversal_of", "更正的原记录编号", "int", 10), ("notes", "备注", "text", 24),
)


def _columns(spec) -> list[Column]:
    return [Column(label, kind, width) for _, label, kind, width in spec]


def household_text(members: list[dict[str, Any]]) -> str:
    """'李四（配偶，40岁，东湖小学）；王五（子女，14岁）'."""
    parts = []
    for m in members:
        extra = [m["relation"]] + ([f"{m['age']}岁"] if m.get("age") is not None else [])
        extra += [v for v in (m.get("occupation"), m.get("health")) if v]
        parts.append(f"{m['name']}（{'，'.join(extra)}）")
    return "；".join(parts)


def _hardship_rows(store: Store, ids: Sequence[int], full_accounts: bool) -> Iterator[list[Any]]:
    keys = [key for key, *_ in HARDSHIP_COLUMNS]
    for start in range(0, len(ids), PAGE):
        for record in hardship_files_by_ids(store, ids[start:start + PAGE]):
            record["household_text"] = household_text(record["household"])
            record["account"] = (get_hardship_file(store, record["id"])["bank_account"] if full_accounts
                                 else record["bank_account_masked"])
            yield [record.get(k) for k in keys]


def export_hardship(store: Store, out_path: str | Path, *, text: str = "", filt: HardshipFilter | None = None,
                    full_accounts: bool = False, progress: Progress = None) -> int:
    """Hardship files matching the search and filter (default: all not in the recycle bin)."""
    ids = search_hardship_ids(store, text, filt)
    return write_table(out_path, title=f"{store.office_name or '工会'}困难职工档案", columns=_columns(HARDSHIP_COLUMNS),
                       rows=_hardship_rows(store, ids, full_accounts), personal_data=True, sheet_name="困难职工档案",
                       n_rows=len(ids), progress=progress)


def _assistance_rows(store: Store, ids: Sequence[int]) -> Iterator[list[Any]]:
    keys = [key for key, *_ in ASSISTANCE_COLUMNS]
    for start in range(0, len(ids), PAGE):
        for record in assistance_by_ids(store, ids[start:start + PAGE]):
            yield [record.get(k) for k in keys]


def export_assistance(store: Store, out_path: str | Path, *, text: str = "", filt: AssistanceFilter | None = None,
                      progress: Progress = None) -> int:
    """Assistance rows (correcting entries included, so columns sum to the net totals), newest first."""
    ids = search_assistance_ids(store, text, filt)
    return write_table(out_path, title=f"{store.office_name or '工会'}帮扶慰问台账", columns=_columns(ASSISTANCE_COLUMNS),
                       rows=_assistance_rows(store, ids), personal_data=True, sheet_name="帮扶慰问台账",
                       n_rows=len(ids), progress=progress)
