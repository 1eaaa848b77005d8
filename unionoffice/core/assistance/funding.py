"""Several funding sources (资金来源) for one campaign: 区总 and 街道 together, each with its share
(a percentage) or its amount.

A campaign without lines is funded by its own ``funding_source`` alone. With lines, the first
line's source is also kept as the campaign's (and its rows') ``funding_source`` — the primary
source — and the figures by 资金来源 split the campaign's money and goods among the lines in
proportion to their shares or amounts, by largest remainder, so that the figures by source add up
to the campaign's total to the fen.
"""

from __future__ import annotations

import re
from typing import Any, Iterable

from ..errors import ValueFormatError
from ..store.connection import Store
from ..values.money import format_money, parse_money
from ..store.records import choice_value
from .records import FUNDING_SOURCES

FULL_SHARE = 10000  # basis points


def funding_lines(store: Store, campaign_id: int) -> list[dict[str, Any]]:
    """[{'source', 'amount' (fen or None), 'share' (basis points or None)}] in the order entered."""
    return [dict(r) for r in store.query(
        "SELECT source, amount, share FROM campaign_funding WHERE campaign_id = ? ORDER BY id", (campaign_id,))]


def _share(value: Any, source: str) -> int | None:
    """'60', '60%', '33.5' → basis points."""
    if value in (None, ""):
        return None
    text = str(value).strip().rstrip("%％").strip()
    try:
        points = round(float(text) * 100)
    except ValueError:
        raise ValueFormatError(f"{source}的比例“{value}”应为百分数，如 60", field="funding") from None
    if not 0 < points <= FULL_SHARE:
        raise ValueFormatError(f"{source}的比例应在 0 到 100 之间", field="funding")
    return points


def _amount(value: Any, source: str) -> int | None:
    if value in (None, ""):
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        fen = value
    else:
        try:
            fen = parse_money(value)
        except ValueFormatError as exc:
            raise ValueFormatError(f"{source}的金额：{exc}", field="funding") from None
    if fen <= 0:
        raise ValueFormatError(f"{source}的金额应大于 0", field="funding")
    return fen


def validate_lines(lines: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each source once, each with a share or an amount; shares (when used) add up to 100 %."""
    out: list[dict[str, Any]] = []
    for line in lines:
        source = choice_value(line.get("source"), FUNDING_SOURCES, "资金来源", "funding")
        if any(o["source"] == source for o in out):
            raise ValueFormatError(f"资金来源“{source}”填了两次", field="funding")
        share, amount = _share(line.get("share"), source), _amount(line.get("amount"), source)
        if share is None and amount is None:
            raise ValueFormatError(f"请填写{source}承担的比例或金额", field="funding")
        out.append({"source": source, "share": share, "amount": amount})
    if len(out) > 1:
        if all(o["amount"] is not None for o in out):
            pass  # amounts decide the split
        elif all(o["share"] is not None for o in out):
            total = sum(o["share"] for o in out)
            if total != FULL_SHARE:
                raise ValueFormatError(f"各资金来源的比例合计应为 100%，现在是 {total / 100:g}%", field="funding")
        else:
            raise ValueFormatError("几个资金来源请统一填写比例，或统一填写金额", field="funding")
    return out


_LINE = re.compile(r"^(\S+?)\s*([\d.,，]+)\s*(%|％|元)$")


def parse_funding(text: str) -> list[dict[str, Any]]:
    """'区总 60%，街道总工会 40%' or '区总 30000元、企业 20000元' → lines for ``campaigns.set_funding``."""
    lines = []
    for part in re.split(r"[，,、;；\n]+(?![\d])", (text or "").strip()):
        part = part.strip()
        if not part:
            continue
        found = _LINE.match(part)
        if found is None:
            raise ValueFormatError(f"“{part}”看不懂：请写成“区总 60%”或“区总 30000元”，几个来源用顿号隔开", field="funding")
        source, number, unit = found.groups()
        key = "share" if unit in ("%", "％") else "amount"
        lines.append({"source": source, key: number.replace("，", "")})
    return lines


def funding_text(store: Store, campaign: dict[str, Any]) -> str:
    """'区总 60%、街道总工会 40%' / '区总 30,000.00 元、街道总工会 20,000.00 元' / '区总'."""
    lines = funding_lines(store, campaign["id"]) if campaign.get("id") else []
    if len(lines) < 2:
        return campaign["funding_source"]
    if all(line["amount"] is not None for line in lines):
        return "、".join(f"{line['source']} {format_money(line['amount'])} 元" for line in lines)
    return "、".join(f"{line['source']} {line['share'] / 100:g}%" for line in lines)


def split(total: int, weights: list[int]) -> list[int]:
    """``total`` fen in proportion to ``weights``, by largest remainder: the parts add up exactly
    (a negative total — a refund — splits like its absolute value)."""
    if total < 0:
        return [-p for p in split(-total, weights)]
    whole = sum(weights)
    if not whole:
        return [total] + [0] * (len(weights) - 1)
    parts = [total * w // whole for w in weights]
    order = sorted(range(len(weights)), key=lambda i: (-(total * weights[i] % whole), i))
    for i in order[:total - sum(parts)]:
        parts[i] += 1
    return parts


def _weights(lines: list[dict[str, Any]]) -> list[int]:
    if all(line["amount"] is not None for line in lines):
        return [line["amount"] for line in lines]
    return [line["share"] or 0 for line in lines]


def by_source(store: Store, where: str, params: Iterable[Any]) -> dict[str, dict[str, int]]:
    """{source: {'count', 'amount', 'goods_value'}} over the assistance rows matching ``where``
    (SQL on table ``assistance``). A multi-source campaign's money and goods are split among its
    sources; its 人次 count under its primary source, so counts add up to the total count too."""
    params = list(params)
    out: dict[str, dict[str, int]] = {}

    def add(source: str, count: int, amount: int, goods: int) -> None:
        entry = out.setdefault(source, {"count": 0, "amount": 0, "goods_value": 0})
        entry["count"] += count
        entry["amount"] += amount
        entry["goods_value"] += goods

    shared = "campaign_id IN (SELECT campaign_id FROM campaign_funding)"
    for r in store.query(f"SELECT funding_source, coalesce(sum(reversal_of IS NULL), 0), coalesce(sum(amount), 0), "
                         f"coalesce(sum(goods_value), 0) FROM assistance WHERE ({where}) AND NOT ({shared} AND "
                         f"campaign_id IS NOT NULL) GROUP BY funding_source", params):
        add(r[0], r[1], r[2], r[3])
    for r in store.query(f"SELECT campaign_id, coalesce(sum(reversal_of IS NULL), 0), coalesce(sum(amount), 0), "
                         f"coalesce(sum(goods_value), 0) FROM assistance WHERE ({where}) AND {shared} "
                         f"GROUP BY campaign_id", params):
        lines = funding_lines(store, r[0])
        weights = _weights(lines)
        for i, (line, amount, goods) in enumerate(zip(lines, split(r[2], weights), split(r[3], weights))):
            add(line["source"], r[1] if i == 0 else 0, amount, goods)
    return out
