"""Money that must not go to the same person twice: who already has assistance of the same kind
in a campaign's year, on which list and how much — 拟发 rows on other lists included, because a
draft list is money about to go out.

The office can turn the warning into a refusal for chosen kinds (e.g. one 元旦春节送温暖 per
person per year): ``once_per_year_kinds`` in the settings.
"""

from __future__ import annotations

import json
from typing import Any, Iterable, Sequence

from ..errors import UserError, ValueFormatError
from ..store.connection import Store
from ..values.money import format_money
from .records import KINDS

ONCE_KEY = "assistance_once_per_year_kinds"
SINGLE_LIST = "单笔慰问"


class DuplicateError(UserError):
    """The final print found people already helped with the same kind that year (a warning the
    clerk may overrule, unless the office made that kind once-per-year)."""

    def __init__(self, message: str, found: dict[str, list[dict[str, Any]]], refused: bool):
        super().__init__(message)
        self.found, self.refused = found, refused


def once_per_year_kinds(store: Store) -> list[str]:
    """Kinds the office pays at most once per person per year (refusal, not a warning)."""
    try:
        kinds = json.loads(store.get_setting(ONCE_KEY, "[]") or "[]")
    except ValueError:
        return []
    return [k for k in kinds if k in KINDS]


def set_once_per_year_kinds(store: Store, kinds: Iterable[str]) -> None:
    """Choose the kinds paid at most once per person per year (an office setting, audited)."""
    chosen = list(dict.fromkeys(k.strip() for k in kinds if k and k.strip()))
    unknown = [k for k in chosen if k not in KINDS]
    if unknown:
        raise ValueFormatError(f"没有“{unknown[0]}”这一慰问类别，可选：{'、'.join(KINDS)}", field="kinds")
    before = once_per_year_kinds(store)
    with store.atomic():
        store.set_setting(ONCE_KEY, json.dumps(chosen, ensure_ascii=False))
        store.execute("INSERT INTO audit(user, os_user, table_name, row_id, action, before, after) "
                      "VALUES (?, ?, 'settings', 0, 'update', ?, ?)",
                      (store.user, store.os_user, json.dumps({"每人每年只发一次": "、".join(before)}, ensure_ascii=False),
                       json.dumps({"每人每年只发一次": "、".join(chosen)}, ensure_ascii=False)))


_SAME_KIND_SQL = """
SELECT a.id_number, a.campaign_id, coalesce(c.name, '{single}') AS list,
       sum(a.amount) AS amount, sum(a.goods_value) AS goods_value,
       min(CASE WHEN a.reversal_of IS NULL THEN a.status END) AS status
FROM assistance a LEFT JOIN campaigns c ON c.id = a.campaign_id
WHERE a.id_number IN ({marks}) AND a.kind = ? AND substr(a.paid_date, 1, 4) = ? AND a.deleted_at IS NULL
  AND a.campaign_id IS NOT ?
GROUP BY a.id_number, a.campaign_id HAVING sum(a.amount + a.goods_value) > 0
ORDER BY min(a.paid_date), a.campaign_id
"""


def same_kind_elsewhere(store: Store, id_numbers: Sequence[str], kind: str, year: str | int,
                        campaign_id: int | None) -> dict[str, list[dict[str, Any]]]:
    """{身份证号: [{'list', 'amount', 'goods_value', 'status'}]} — what each person already has of
    ``kind`` in ``year`` on lists other than ``campaign_id`` (net of corrections, drafts included)."""
    out: dict[str, list[dict[str, Any]]] = {}
    keys = list(dict.fromkeys(id_numbers))
    for start in range(0, len(keys), 500):
        chunk = keys[start:start + 500]
        sql = _SAME_KIND_SQL.format(single=SINGLE_LIST, marks=",".join("?" for _ in chunk))
        for r in store.query(sql, [*chunk, kind, str(year), campaign_id]):
            out.setdefault(r["id_number"], []).append(
                {"list": r["list"], "amount": r["amount"], "goods_value": r["goods_value"], "status": r["status"]})
    return out


def describe(entries: list[dict[str, Any]]) -> str:
    """'“2027年送温暖”800.00 元（拟发）；“单笔慰问”200.00 元（已发）'."""
    parts = []
    for e in entries:
        value = f"{format_money(e['amount'])} 元" if e["amount"] else ""
        if e["goods_value"]:
            value += ("，" if value else "") + f"实物折合 {format_money(e['goods_value'])} 元"
        parts.append(f"“{e['list']}”{value}" + (f"（{e['status']}）" if e["status"] else ""))
    return "；".join(parts)


def duplicate_lines(names: dict[str, str], found: dict[str, list[dict[str, Any]]], kind: str, year: str) -> list[str]:
    """One line per person: '张三：2027 年已在“…”领取元旦春节送温暖 800.00 元（拟发）'."""
    return [f"{names.get(key, key)}：{year} 年已有{kind}——{describe(entries)}" for key, entries in found.items()]


def check_people(store: Store, campaign: dict[str, Any], people: dict[str, str], *,
                 allow: bool) -> list[str]:
    """The duplicate check for ``people`` ({身份证号: 姓名}) joining or printed on ``campaign``.
    Refuses (UserError naming list and amount) for a once-per-year kind, or when not ``allow``ed;
    returns the warning lines otherwise."""
    kind, year = campaign["kind"], campaign["campaign_date"][:4]
    found = same_kind_elsewhere(store, list(people), kind, year, campaign["id"])
    if not found:
        return []
    lines = duplicate_lines(people, found, kind, year)
    refused = kind in once_per_year_kinds(store)
    if refused or not allow:
        head = (f"按本会设置，{kind}每人每年只发一次，以下 {len(found)} 人不能再发："
                if refused else f"以下 {len(found)} 人 {year} 年已获{kind}，请核对是否重复发放：")
        raise DuplicateError(head + "\n" + "\n".join(lines), found, refused)
    return lines
