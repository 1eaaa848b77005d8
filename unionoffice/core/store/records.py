"""Shared plumbing for record modules (orgs, members, …): field specs, inserts, soft delete.

A record module declares its fields once (identifier, Chinese label, kind); validation, the
generic insert/update SQL, exports and the GUI all read that one declaration.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Sequence

from ..errors import UserError, ValueFormatError
from .connection import Store, now_text


@dataclass(frozen=True)
class Field:
    name: str  # column identifier
    label: str  # Chinese label shown to the clerk
    kind: str = "text"  # text | int | flag | date | money | choice | ref
    choices: tuple[str, ...] = ()
    required: bool = False
    aliases: tuple[str, ...] = field(default=())  # other header spellings met in Excel sheets


def fields_by_name(fields: Sequence[Field]) -> dict[str, Field]:
    return {f.name: f for f in fields}


def insert_row(store: Store, table: str, values: dict[str, Any]) -> int:
    cols = list(values)
    sql = f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})"
    with store.atomic():
        return int(store.execute(sql, [values[c] for c in cols]).lastrowid)


def update_row(store: Store, table: str, row_id: int, values: dict[str, Any]) -> None:
    if not values:
        return
    values = {**values, "updated_at": now_text()}
    assignments = ", ".join(f"{c} = ?" for c in values)
    with store.atomic():
        cur = store.execute(f"UPDATE {table} SET {assignments} WHERE id = ?", [*values.values(), row_id])
        if cur.rowcount != 1:
            raise UserError("要修改的记录不存在，可能已被删除")


def soft_delete(store: Store, table: str, ids: Iterable[int]) -> int:
    """Move records to the recycle bin (回收站); returns how many moved."""
    ids = list(ids)
    stamp = now_text()
    with store.atomic():
        n = 0
        for row_id in ids:
            n += store.execute(
                f"UPDATE {table} SET deleted_at = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL",
                (stamp, stamp, row_id),
            ).rowcount
    return n


def restore_deleted(store: Store, table: str, ids: Iterable[int], conflict_check: Callable[[int], None] | None = None) -> int:
    """Bring records back from the recycle bin; ``conflict_check`` may refuse one with a UserError."""
    ids = list(ids)
    with store.atomic():
        n = 0
        for row_id in ids:
            if conflict_check:
                conflict_check(row_id)
            n += store.execute(
                f"UPDATE {table} SET deleted_at = NULL, updated_at = ? WHERE id = ? AND deleted_at IS NOT NULL",
                (now_text(), row_id),
            ).rowcount
    return n


def as_dict(row) -> dict[str, Any] | None:
    return None if row is None else {k: row[k] for k in row.keys()}


# ------------------------------------------------------- shared value cleaners
# Every record module validates free text, fixed choices and yes/no flags the same way, so the
# clerk reads the same wording whichever form she is in.

_YES = frozenset(("1", "1.0", "是", "有", "√", "✓", "Y", "y", "True", "true", "已代收"))


def text_value(value: Any) -> str:
    """Free text as typed (Chinese punctuation kept), trimmed; None → ''."""
    return str(value if value is not None else "").strip()


def flag_value(value: Any) -> int:
    """Yes/no cells as sheets write them (是, √, 1, True …) → 1, anything else → 0."""
    return 1 if text_value(value) in _YES else 0


def choice_value(value: Any, allowed: Sequence[str], label: str, field: str, *, required: bool = True) -> str:
    """One of ``allowed`` (inner spaces dropped: "独 立" is 独立); '' only when not required."""
    text = "".join(text_value(value).split())
    if not text:
        if required:
            raise ValueFormatError(f"请选择{label}", field=field)
        return ""
    if text not in allowed:
        raise ValueFormatError(f"{label}“{text}”无法识别，应为：{'、'.join(allowed)}", field=field)
    return text
