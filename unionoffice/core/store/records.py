"""Shared plumbing for record modules (orgs, members, …): field specs, inserts, soft delete.

A record module declares its fields once (identifier, Chinese label, kind); validation, the
generic insert/update SQL, exports and the GUI all read that one declaration.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Sequence

from ..errors import UserError, ValueFormatError
from ..values import dates, money
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


def soft_delete_with_children(store: Store, table: str, ids: Iterable[int], children: str, parent_column: str) -> int:
    """Move records and their live children (rows of ``children`` whose ``parent_column`` points at
    them) to the recycle bin in one transaction; returns how many parents moved."""
    ids = list(ids)
    with store.atomic():
        for parent_id in ids:
            soft_delete(store, children, [r[0] for r in store.query(
                f"SELECT id FROM {children} WHERE {parent_column} = ? AND deleted_at IS NULL", (parent_id,))])
        return soft_delete(store, table, ids)


def find_by_name_or_id(store: Store, table: str, name_column: str, name_or_id: Any, what: str) -> dict[str, Any]:
    """The live record named ``name_or_id`` (or with that number), as the command line names one."""
    text = text_value(name_or_id)
    row = store.one(f"SELECT * FROM {table} WHERE deleted_at IS NULL AND ({name_column} = ? OR CAST(id AS TEXT) = ?)",
                    (text, text))
    if row is None:
        raise UserError(f"找不到{what}“{text}”")
    return dict(row)


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


def count_value(value: Any, label: str, field: str, units: str = "人名") -> int:
    """A head count as lists write it: 3, 3.0 (a number cell), '3人' (any of ``units`` after it); blank is 0."""
    text = text_value(value).rstrip(units)
    if not text:
        return 0
    try:
        number = float(text)
    except ValueError:
        number = -1.0
    if number < 0 or not number.is_integer():
        raise ValueFormatError(f"{label}“{value}”应为整数", field=field)
    return int(number)


def date_value(value: Any, label: str, field: str) -> str | None:
    """A date as typed or as a sheet cell → ISO text; blank → None; unreadable → the reason, named."""
    try:
        day = dates.parse_date(value)
    except ValueFormatError as err:
        raise ValueFormatError(f"{label}：{err}", field=field) from None
    return day.isoformat() if day else None


def money_value(value: Any, label: str, field: str) -> int | None:
    """Yuan as typed (1,500 / 1500.50) → fen, never negative; blank → None."""
    try:
        fen = money.parse_money_optional(value)
    except ValueFormatError as err:
        raise ValueFormatError(f"{label}：{err}", field=field) from None
    if fen is not None and fen < 0:
        raise ValueFormatError(f"{label}不能为负数", field=field)
    return fen


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
