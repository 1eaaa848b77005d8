"""The office's fee shares: how much of each org's fees goes up to the district (上缴区总) and to
the street (上解街道), by size. They differ by province and change over the years, so they live in
the office settings (editable in the 工会经费 window and by ``unionoffice fees settings``), never in
the code. Defaults follow the seed office: 20 % up to the district for orgs with 25 workers or
more, 20 % to the street below that, taken from 应缴.

A change is written to the 操作日志 like any record change.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from decimal import Decimal, InvalidOperation
from typing import Any

from ..errors import ValueFormatError
from ..store.connection import Store

PREFIX = "fees."
BASES = ("应缴", "实缴")

LABELS = {
    "threshold": "规模界线（职工人数）",
    "large_district": "上缴区总比例（界线及以上，%）",
    "large_street": "上解街道比例（界线及以上，%）",
    "small_district": "上缴区总比例（界线以下，%）",
    "small_street": "上解街道比例（界线以下，%）",
    "base": "分成基数（应缴/实缴）",
}


@dataclass(frozen=True)
class FeeSettings:
    threshold: int = 25
    large_district: Decimal = Decimal("20")
    large_street: Decimal = Decimal("0")
    small_district: Decimal = Decimal("0")
    small_street: Decimal = Decimal("20")
    base: str = "应缴"

    def describe(self) -> str:
        return (f"职工{self.threshold}人及以上：上缴区总{_pct(self.large_district)}、上解街道{_pct(self.large_street)}；"
                f"{self.threshold}人以下：上缴区总{_pct(self.small_district)}、上解街道{_pct(self.small_street)}"
                f"（按{self.base}计算）")


def _pct(value: Decimal) -> str:
    return f"{value.normalize():f}%"


def load(store: Store) -> FeeSettings:
    """The office's settings; a value never set (or unreadable) takes its default."""
    default = FeeSettings()
    values: dict[str, Any] = {}
    for f in fields(FeeSettings):
        text = store.get_setting(PREFIX + f.name)
        if text is None:
            continue
        try:
            values[f.name] = _parse(f.name, text)
        except ValueFormatError:
            values[f.name] = getattr(default, f.name)
    return FeeSettings(**values)


def _parse(name: str, value: Any) -> Any:
    text = "".join(str(value if value is not None else "").split()).rstrip("%％")
    label = LABELS[name]
    if name == "base":
        if text not in BASES:
            raise ValueFormatError(f"{label}应为：应缴 或 实缴", field=name)
        return text
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValueFormatError(f"{label}“{value}”不是数字", field=name) from None
    if name == "threshold":
        if number != number.to_integral_value() or not 1 <= number <= 100000:
            raise ValueFormatError(f"{label}应为 1 以上的整数", field=name)
        return int(number)
    if not 0 <= number <= 100:
        raise ValueFormatError(f"{label}应在 0 到 100 之间", field=name)
    return number


def save(store: Store, changes: dict[str, Any]) -> FeeSettings:
    """Check and store the changed settings (all or none); the change goes into the 操作日志."""
    old = load(store)
    merged = {**asdict(old), **{k: _parse(k, v) for k, v in changes.items() if k in LABELS}}
    new = FeeSettings(**merged)
    if new.large_district + new.large_street > 100 or new.small_district + new.small_street > 100:
        raise ValueFormatError("上缴区总与上解街道比例之和不能超过 100%", field="large_district")
    before = {k: str(v) for k, v in asdict(old).items() if asdict(new)[k] != v}
    after = {k: str(asdict(new)[k]) for k in before}
    if not before:
        return new
    with store.atomic():
        for key, value in after.items():
            store.set_setting(PREFIX + key, value)
        store.execute(
            "INSERT INTO audit(user, table_name, row_id, action, before, after) VALUES (?, 'settings', 0, 'update', ?, ?)",
            (store.user, json.dumps({"fees." + k: v for k, v in before.items()}, ensure_ascii=False),
             json.dumps({"fees." + k: v for k, v in after.items()}, ensure_ascii=False)))
    return new
