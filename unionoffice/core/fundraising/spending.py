"""What was paid out of a fundraising campaign: the assistance campaigns (送温暖 / 帮扶) that name it
as their source.

The money raised (``fund_contributions``) and the money paid out (``assistance`` rows of the
linked campaigns) stay in their own tables; ``fund_position`` only sets them side by side —
募集, 已支出, 结余 — and never adds the two into one figure elsewhere (the figures catalogue keeps
``fundraising.raised`` apart from the assistance figures).

How much of a linked campaign the fund paid: a campaign with one source (no funding lines) — which
must then be 社会捐赠 — was paid wholly from the fund it names; a campaign with several sources (``funding.py``) names the
fund for its 社会捐赠 part, split as the assistance figures split it (``funding.by_source``), so
the fund's 已支出 and the figures by 资金来源 agree to the fen.
"""

from __future__ import annotations

from typing import Any

from ..assistance.funding import by_source, funding_lines
from ..errors import UserError
from ..store.connection import Store, now_text

FUND_SOURCE = "社会捐赠"  # the source line a multi-source campaign's fund pays


def _live_fund(store: Store, fund_id: int) -> dict[str, Any]:
    row = store.one("SELECT id, name FROM fund_campaigns WHERE id = ? AND deleted_at IS NULL", (fund_id,))
    if row is None:
        raise UserError("募集活动不存在或已删除")
    return dict(row)


def link_campaign(store: Store, campaign_id: int, fund_id: int | None) -> None:
    """Name (or with ``None`` clear) the fund an assistance campaign is paid out of."""
    with store.atomic():
        campaign = store.one("SELECT id, name, funding_source FROM campaigns WHERE id = ? AND deleted_at IS NULL",
                             (campaign_id,))
        if campaign is None:
            raise UserError(f"找不到编号为 {campaign_id} 的慰问活动")
        if fund_id is not None:
            _live_fund(store, fund_id)
            lines = funding_lines(store, campaign_id)
            if lines and FUND_SOURCE not in {line["source"] for line in lines}:
                raise UserError(f"慰问活动“{campaign['name']}”有多个资金来源，其中没有“{FUND_SOURCE}”：请先在资金来源中"
                                f"写明募捐承担的部分（如“区总 60%、{FUND_SOURCE} 40%”），再关联募集活动")
            if not lines and campaign["funding_source"] != FUND_SOURCE:  # else the figures by source and the
                raise UserError(  # fund would both claim the same money
                    f"慰问活动“{campaign['name']}”的资金来源是“{campaign['funding_source']}”：从募集活动支出的活动，"
                    f"资金来源应为“{FUND_SOURCE}”（几个来源共同出资时，写明{FUND_SOURCE}承担的部分）。请先修改活动的资金来源")
        store.execute("UPDATE campaigns SET fund_campaign_id = ?, updated_at = ? WHERE id = ?",
                      (fund_id, now_text(), campaign_id))


def paid_from_fund(store: Store, campaign_id: int) -> dict[str, int]:
    """{'amount', 'goods_value'} of one campaign's live rows that its fund paid (see the module note)."""
    parts = by_source(store, "campaign_id = ? AND deleted_at IS NULL", (campaign_id,))
    if funding_lines(store, campaign_id):
        part = parts.get(FUND_SOURCE, {})
        return {"amount": part.get("amount", 0), "goods_value": part.get("goods_value", 0)}
    return {"amount": sum(p["amount"] for p in parts.values()),
            "goods_value": sum(p["goods_value"] for p in parts.values())}


def linked_campaigns(store: Store, fund_id: int) -> list[dict[str, Any]]:
    """The live assistance campaigns paid out of the fund, each with what the fund paid."""
    rows = [dict(r) for r in store.query(
        "SELECT id, name, kind, campaign_date, status FROM campaigns WHERE fund_campaign_id = ? AND deleted_at IS NULL "
        "ORDER BY campaign_date, id", (fund_id,))]
    for row in rows:
        row.update(paid_from_fund(store, row["id"]))
    return rows


def fund_position(store: Store, fund_id: int) -> dict[str, Any]:
    """募集 (raised), 已支出 (spent: money and goods, each kept), 结余 (raised − spent), and the
    campaigns paid out of it. All in fen."""
    fund = _live_fund(store, fund_id)
    raised = store.scalar("SELECT coalesce(sum(amount), 0) FROM fund_contributions WHERE fund_campaign_id = ? "
                          "AND deleted_at IS NULL", (fund_id,))
    campaigns = linked_campaigns(store, fund_id)
    spent_money = sum(c["amount"] for c in campaigns)
    spent_goods = sum(c["goods_value"] for c in campaigns)
    return {"fund": fund, "raised": raised, "spent_money": spent_money, "spent_goods": spent_goods,
            "spent": spent_money + spent_goods, "balance": raised - spent_money - spent_goods, "campaigns": campaigns}


def assistance_campaign_choices(store: Store) -> list[dict[str, Any]]:
    """Live assistance campaigns, newest first, with the fund each names (for the link form)."""
    return [dict(r) for r in store.query(
        "SELECT c.id, c.name, c.kind, c.campaign_date, c.fund_campaign_id, coalesce(f.name, '') AS fund_name "
        "FROM campaigns c LEFT JOIN fund_campaigns f ON f.id = c.fund_campaign_id AND f.deleted_at IS NULL "
        "WHERE c.deleted_at IS NULL ORDER BY c.campaign_date DESC, c.id DESC")]
