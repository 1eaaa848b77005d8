"""Conflicts and changes as a clerk reads them: field labels, names for orgs, both values."""

from __future__ import annotations

from typing import Any, TYPE_CHECKING

from ...core.members.records import MEMBER_FIELDS
from ...core.orgs.records import ORG_FIELDS
from ...core.values.ids import mask_id_number
from ...core.values.phones import mask_phone
from .report import cell_text

if TYPE_CHECKING:
    from .importer import ImportPlan, PlannedRow

LABELS = {"members": {f.name: f.label for f in MEMBER_FIELDS}, "orgs": {f.name: f.label for f in ORG_FIELDS}}
ORG_REFS = ("org_id", "federation_id")
PHONES = ("phone", "contact_phone", "union_chair_phone")


def shown(plan: "ImportPlan", field: str, value: Any, values: dict[str, Any]) -> str:
    """A value as the clerk knows it: an org by its name (never its id), an empty one as （空）."""
    if field in ORG_REFS:
        if value is None:
            name = values.get("org_name" if field == "org_id" else "federation_name")
            return f"{name}（新建）" if name else "（空）"
        return plan.names.get(value, "（已删除的单位）")
    if value in (None, ""):
        return "（空）"
    if field == "id_number":  # personal data reads masked here as in every list
        return mask_id_number(str(value))
    if field in PHONES:
        return mask_phone(str(value))
    return cell_text(value)


def change_text(plan: "ImportPlan", row: "PlannedRow", *, conflict: bool = False) -> str:
    labels = LABELS[plan.kind]
    arrow = "，文件中为 " if conflict else " → "
    head = "本程序中为 " if conflict else ""
    return "；".join(f"{labels[k]}：{head}{shown(plan, k, old, row.values)}{arrow}{shown(plan, k, new, row.values)}"
                    for k, (old, new) in row.changes.items() if k in labels)  # not the pinyin keys


def conflict_lines(plan: "ImportPlan") -> list[str]:
    out = []
    for r in plan.conflicts:
        where = f"第 {r.row} 行" if len(plan.sheets) <= 1 else f"“{r.sheet}”第 {r.row} 行"
        kept = "采用文件中的值" if r.take else "保留本程序中的值"
        since = changed_where(r)
        since = f"（{since}）" if since else ""
        out.append(f"{where} {r.values.get('name', '')}：{change_text(plan, r, conflict=True)}{since} → {kept}")
    return out


def changed_where(row: "PlannedRow") -> str:
    """When and how the record was changed since: in the program, or by importing a newer roll."""
    if not row.since:
        return ""
    if row.by_file:
        return f"{row.since[:16]} 导入较新的“{row.by_file}”时修改"
    return f"{row.since[:16]} 在本程序中修改"
