"""收据 / 领款凭证: one numbered slip per payment, three to an A4 page with dashed cut lines.

Each slip states the payer (the office), the recipient, the purpose, the amount in figures and in
大写 (both written from the same integer fen, so they cannot disagree), the payment method, the
date, signature lines and a ring where the seal goes. ``two_part`` prints a 存根联 stub (kept by
the office) beside the 收据联 on every slip.

A correcting entry prints too: a supplement reads 兹领到 … 补发; a refund reads 今收到 … 退回, with
the amount shown positive. Receipt numbers are given out only by the final print (and stored on the
rows, so a reprint shows the same numbers); a preview shows 预览 instead. A receipt printed again
for a row that already has its number keeps that number and is marked 补打, so two signed slips
for one payment can be told apart. A final print without chosen rows prints only the receipts not
printed yet; reprints are asked for row by row.

Goods only (no money): the slip is a 物品领取凭证 signed by the 领物人, without 发放方式.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Sequence

from ..core.values import dates
from ..core.assistance.records import assign_receipt_numbers, lock_assistance
from ..core.assistance.query import rows_for_print, sheet_rows
from ..core.assistance.campaigns import get_campaign, mark_printed
from ..core.assistance.funding import funding_text
from ..core.errors import UserError
from ..core.values.money import money_in_capitals
from ..core.store.connection import Store
from .common import PrintResult, masked_id, money, publish_after_commit
from .slips import Slip, receipt_width, render_slips


def purpose_of(row: dict[str, Any]) -> str:
    """'2026年元旦春节送温暖慰问金', '金秋助学金', '生病住院慰问金'; goods make it 慰问品."""
    base = row.get("campaign_name") or row["kind"]
    if row["goods_value"] and not row["amount"]:
        return base + "慰问品"
    money_word = base + ("金" if base.endswith(("助学", "救助", "慰问")) else "慰问金")
    return money_word + ("及慰问品" if row["goods_value"] else "")


def goods_only(row: dict[str, Any]) -> bool:
    return bool(row["goods_value"]) and not row["amount"]


def _wording(row: dict[str, Any], payer: str) -> tuple[str, str, str]:
    """(title, the 兹领到/今收到 sentence, who signs) for a payment, a supplement or a refund."""
    purpose = purpose_of(row)
    if goods_only(row):
        if row["is_correction"] and row["goods_value"] < 0:
            ref = f"（更正第{row['original_seq']}号）" if row.get("original_seq") else "（更正）"
            return "物品退回凭证", f"今收到 {row['name']} 退回 {payer} 发放的{purpose}{ref}", "交物人（签名）："
        extra = "补发" if row["is_correction"] else "发放"
        return "物品领取凭证", f"兹领到 {payer} {extra}的{purpose}", "领物人（签名）："
    if row["is_correction"]:
        ref = f"（更正第{row['original_seq']}号）" if row.get("original_seq") else "（更正）"
        if row["amount"] + row["goods_value"] < 0:
            return "收    据", f"今收到 {row['name']} 退回 {payer} 发放的{purpose}{ref}", "交款人（签名）："
        return "领 款 凭 证", f"兹领到 {payer} 补发的{purpose}{ref}", "收款人（签名）："
    return "领 款 凭 证", f"兹领到 {payer} 发放的{purpose}", "收款人（签名）："


def _money_rows(row: dict[str, Any]) -> list[list[tuple[str, float]]]:
    """The amount row(s): 大写 beside figures, from the same fen; goods on their own row."""
    rows = []
    amount, goods = abs(row["amount"]), abs(row["goods_value"])
    if amount or not goods:
        rows.append([(f"人民币（大写）：{money_in_capitals(amount)}", 0.64), (f"¥ {money(amount)}", 0.36)])
    if goods:
        rows.append([(f"实物：{row['goods']}，折合人民币（大写）：{money_in_capitals(goods)}", 0.64),
                     (f"¥ {money(goods)}", 0.36)])
    return rows


def _number(row: dict[str, Any]) -> str:
    if not row.get("receipt_no"):
        return "No. （预览，定稿时编号）"
    return f"No. {row['receipt_no']}" + ("（补打）" if row.get("reprint") else "")


def _person_rows(row: dict[str, Any], role: str, narrow: bool) -> list[list[tuple[str, float]]]:
    """Who signs, with the masked ID and the work unit: one row across, two on a narrow slip."""
    person = [(f"{role}：{row['name']}", 0.34 if narrow else 0.24),
              (f"身份证号：{masked_id(row['id_number'])}", 0.66 if narrow else 0.38)]
    org = (f"工作单位：{row['org_name'] or '—'}", 1.0 if narrow else 0.38)
    return [person, [org]] if narrow else [[*person, org]]


def _stub_lines(row: dict[str, Any], clerk: str) -> list[str]:
    """存根联: what the office keeps when the receipt is cut off."""
    refund = "（退回）" if row["amount"] + row["goods_value"] < 0 else ""
    return [f"{'领物人' if goods_only(row) else '领款人'}：{row['name']}", f"身份证号：{masked_id(row['id_number'])}",
            *([f"金额：¥ {money(abs(row['amount']))}{refund}"] if row["amount"] or not row["goods_value"] else []),
            *([f"实物：{row['goods']} ¥ {money(abs(row['goods_value']))}{refund}"] if row["goods_value"] else []),
            f"事由：{purpose_of(row)}", f"日期：{dates.format_date_cn(row['paid_date'])}", f"经手人：{clerk}"]


def _slip(row: dict[str, Any], payer: str, *, two_part: bool, clerk: str) -> Slip:
    title, sentence, signer = _wording(row, payer)
    narrow = receipt_width(two_part) < 400
    method = "" if goods_only(row) else f"发放方式：{row['method']}　"
    rows = [[(sentence, 1.0)], *_money_rows(row), *_person_rows(row, signer[:3], narrow),  # 收款人 / 交款人 / 领物人 …
            [(f"事由：{row['kind']}" + (f"（{row['category']}）" if row["category"] else ""), 0.5),
             (f"{method}资金来源：{row.get('funding_text') or row['funding_source']}", 0.5)]]
    return Slip(title=title, label="收据联" if two_part else "", number=_number(row), paid_date=row["paid_date"],
                rows=rows, signer=signer, clerk=clerk, clerk_at=0.45 if narrow else 0.36,
                reprint=bool(row.get("reprint")), seal_text="" if narrow else "发放单位（盖章）：", seal_text_at=0.62,
                seal_label="单位盖章" if narrow else "盖章处", stub=_stub_lines(row, clerk) if two_part else None)


def render_receipts(path: str | Path, rows: Sequence[dict[str, Any]], payer: str, *, preview: bool,
                    two_part: bool = False, clerk: str = "") -> int:
    """Draw the slips into ``path``; returns the page count. ``clerk`` is the 经手人 and 制表."""
    slips = [_slip(row, payer, two_part=two_part, clerk=clerk) for row in rows]
    return render_slips(path, slips, title=f"{payer}领款凭证", author=payer, preview=preview, clerk=clerk)


# ------------------------------------------------------------------ the print job


def _single_rows(store: Store, ids: Sequence[int]) -> list[dict[str, Any]]:
    rows = rows_for_print(store, ids)
    found = {r["id"] for r in rows}
    missing = [i for i in ids if i not in found]
    if missing:
        raise UserError(f"找不到编号为 {missing[0]} 的慰问记录（或已在回收站中）")
    in_campaign = [r for r in rows if r["campaign_id"] is not None]
    if in_campaign:
        r = in_campaign[0]
        raise UserError(f"编号 {r['id']}（{r['name']}）属于慰问活动“{r['campaign_name']}”，请按活动打印（--campaign）")
    return rows


def _campaign_rows(store: Store, campaign_id: int, ids: Sequence[int] | None) -> list[dict[str, Any]]:
    """The campaign's rows to print: the chosen ones, or else those without a receipt yet."""
    campaign = get_campaign(store, campaign_id)
    rows = sheet_rows(store, campaign_id)
    if not rows:
        raise UserError(f"慰问活动“{campaign['name']}”名单为空，没有可打印的内容")
    if ids:
        wanted = set(ids)
        missing = wanted - {r["id"] for r in rows}
        if missing:
            raise UserError(f"编号 {min(missing)} 不是慰问活动“{campaign['name']}”中的记录")
        return [r for r in rows if r["id"] in wanted]
    new = [r for r in rows if not r["receipt_no"]]
    if not new:
        raise UserError(f"慰问活动“{campaign['name']}”的收据都已打印过。如需补打，请选定要补打的记录"
                        "（窗口中选中这几行；命令行用 --rows 编号 或 --member 身份证号），补打的收据沿用原编号并注明“补打”")
    return new


def print_receipts(store: Store, out: str | Path, *, campaign_id: int | None = None,
                   ids: Sequence[int] | None = None, final: bool = False, two_part: bool = False,
                   allow_duplicates: bool = False) -> PrintResult:
    """Receipts for the chosen rows (``ids``) of a campaign or of single payments; for a campaign
    without ``ids``, the rows that have no receipt yet. ``final``: lock exactly these rows (the
    duplicate check first) and give out receipt numbers to those without one — all in the
    transaction that moves the PDF into place, so a PDF that cannot be written locks nothing and
    spends no number. A row that already had its number is printed with it and marked 补打."""
    if campaign_id is None and not ids:
        raise UserError("请指定慰问活动，或要打印收据的单笔慰问记录编号")
    pages: list[int] = []
    with publish_after_commit(store, out) as stage:
        if campaign_id is not None:
            rows = _campaign_rows(store, campaign_id, ids)
        else:
            rows = _single_rows(store, list(ids or []))
        sources = funding_text(store, get_campaign(store, campaign_id)) if campaign_id is not None else ""
        for row in rows:
            row["reprint"] = bool(row["receipt_no"])
            row["funding_text"] = sources
        locked = 0
        if final:
            chosen = [r["id"] for r in rows]
            if campaign_id is not None:
                locked = mark_printed(store, campaign_id, ids=chosen, allow_duplicates=allow_duplicates)
            else:
                locked = lock_assistance(store, chosen)
            numbers = assign_receipt_numbers(store, chosen)
            for row in rows:
                row["receipt_no"] = numbers[row["id"]]
        payer = store.office_name or "街道总工会"
        clerk = store.user
        stage(lambda tmp: pages.append(render_receipts(tmp, rows, payer, preview=not final, two_part=two_part,
                                                       clerk=clerk)))
    path = stage.target
    return PrintResult(path=path, pages=pages[0], rows=len(rows), amount=sum(r["amount"] for r in rows),
                       goods_value=sum(r["goods_value"] for r in rows), final=final, locked_now=locked,
                       reprinted=sum(1 for r in rows if r["reprint"]))
