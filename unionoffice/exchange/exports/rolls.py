"""Exporting the member roll and the org register to Excel, with the tab's current search and filter.

Column headers are the field labels, so an exported workbook imports back unchanged.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Iterator, Sequence

from ...core.members.records import MemberFilter, members_by_ids, search_member_ids
from ...core.orgs.lifecycle import former_names_joined
from ...core.orgs.query import OrgFilter, orgs_by_ids, search_org_ids
from ...core.store.connection import Store
from .xlsx_writer import Column, write_table

PAGE = 1000
Progress = Callable[[int, int], None] | None

# (column, label, kind, width); 'org_name'/'federation_name' come from the query rows
MEMBER_COLUMNS = (
    ("name", "姓名", "text", 10), ("gender", "性别", "text", 6), ("id_number", "身份证号", "text", 21),
    ("birth_date", "出生日期", "date", 12), ("ethnicity", "民族", "text", 8), ("politics", "政治面貌", "text", 10),
    ("education", "学历", "text", 8), ("phone", "手机", "text", 14), ("org_name", "所在单位", "text", 30),
    ("joined_date", "入会日期", "date", 12), ("member_no", "会员证号", "text", 14), ("status", "会籍状态", "text", 9),
    ("status_date", "状态日期", "date", 12), ("status_reason", "状态原因", "text", 14),
    ("is_migrant", "农民工", "flag", 8), ("model_worker", "劳模", "text", 8), ("is_retired", "退休", "flag", 6),
    ("hukou", "户籍", "text", 6), ("notes", "备注", "text", 20),
)
ORG_COLUMNS = (
    ("name", "单位名称", "text", 30), ("credit_code", "统一社会信用代码", "text", 21), ("category", "单位类别", "text", 9),
    ("industry", "行业", "text", 10), ("community", "所属社区", "text", 10), ("address", "地址", "text", 30),
    ("contact", "联系人", "text", 9), ("contact_phone", "联系电话", "text", 14), ("workers", "职工人数", "int", 9),
    ("women_workers", "女职工人数", "int", 9), ("migrant_workers", "农民工人数", "int", 9),
    ("member_count", "会员人数", "int", 9), ("is_federation", "是否工联会", "flag", 8),
    ("federation_kind", "工联会类型", "text", 9), ("union_mode", "建会方式", "text", 9),
    ("federation_name", "所属工联会", "text", 24), ("union_name", "工会名称", "text", 24),
    ("union_founded", "建会日期", "date", 12), ("union_chair", "工会主席", "text", 9),
    ("union_chair_phone", "主席电话", "text", 14), ("term_years", "届期（年）", "int", 8),
    ("term_start", "本届开始日期", "date", 12), ("term_expiry", "换届到期日", "date", 12),
    ("fee_by_tax", "经费税务代收", "flag", 8), ("notes", "备注", "text", 20),
    # the org's dated life (org-event): past periods count it only from 成立 to its end
    ("registered", "成立日期", "date", 12), ("ended", "注销/迁出/合并", "text", 18),
    ("former_names", "曾用名", "text", 30),  # every name before a 更名, oldest first
)


def _columns(spec) -> list[Column]:
    return [Column(label, kind, width) for _, label, kind, width in spec]


def _rows(store: Store, ids: Sequence[int], fetch, spec) -> Iterator[list[Any]]:
    keys = [key for key, *_ in spec]
    for start in range(0, len(ids), PAGE):
        for record in fetch(store, ids[start:start + PAGE]):
            yield [record.get(k) for k in keys]


def _orgs_with_former_names(store: Store, ids: Sequence[int]) -> list[dict[str, Any]]:
    rows = orgs_by_ids(store, ids)
    former = former_names_joined(store, ids)
    for row in rows:
        row["former_names"] = former.get(row["id"], "")
    return rows


def export_members(store: Store, out_path: str | Path, *, text: str = "", filt: MemberFilter | None = None,
                   progress: Progress = None) -> int:
    """The members matching the search and filter, in roll order; returns the rows written."""
    ids = search_member_ids(store, text, filt)
    title = f"{store.office_name or '工会'}会员名册"
    return write_table(out_path, title=title, columns=_columns(MEMBER_COLUMNS),
                       rows=_rows(store, ids, members_by_ids, MEMBER_COLUMNS), personal_data=True,
                       sheet_name="会员名册", n_rows=len(ids), progress=progress)


def export_orgs(store: Store, out_path: str | Path, *, text: str = "", filt: OrgFilter | None = None,
                progress: Progress = None) -> int:
    """The orgs matching the search and filter, in pinyin order; returns the rows written."""
    ids = search_org_ids(store, text, filt)
    title = f"{store.office_name or '工会'}单位台账"
    # chair and contact names with their phones are personal data too
    return write_table(out_path, title=title, columns=_columns(ORG_COLUMNS),
                       rows=_rows(store, ids, _orgs_with_former_names, ORG_COLUMNS), personal_data=True,
                       sheet_name="单位台账", n_rows=len(ids), progress=progress)
