"""Imports of the honours list, the card office's list and a campaign's contribution list, on
``lists.import_list`` (all or nothing)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ...core.employment_aid import records as employment
from ...core.fundraising import records as funds
from ...core.honours import records as honours
from ...core.member_card import records as cards
from ...core.store.connection import Store
from ...core.union_standing import records as standing
from .lists import import_list


def import_honours(store: Store, path: str | Path) -> dict[str, int]:
    """Honours from a 表彰名单; an honour already registered (same person or org, category, level,
    year) is left as it is."""
    def one(row: dict[str, Any]) -> str:
        values = honours.validate_honour(store, row, require_year=False)
        if honours.honour_exists(store, values):
            return "same"
        honours.create_honour(store, row)
        return "new"

    return import_list(store, path, honours.FIELDS, "荣誉名单", one)


def import_cards(store: Store, path: str | Path) -> dict[str, int]:
    """The card office's list (采集 / 制卡): each row onto the member found by 身份证号."""
    def one(row: dict[str, Any]) -> str:
        member = cards.member_by_id_number(store, row.get("id_number"))
        return cards.merge_card(store, member["id"], row)

    return import_list(store, path, cards.FIELDS, "会员服务卡名单", one)


def import_contributions(store: Store, path: str | Path, campaign: Any) -> dict[str, int]:
    """A campaign's 捐款登记表; a receipt number already registered is refused (a double import)."""
    campaign_id = funds.find_campaign(store, campaign)["id"]
    def one(row: dict[str, Any]) -> str:
        funds.add_contribution(store, campaign_id, row)
        return "new"

    return import_list(store, path, funds.CONTRIBUTION_FIELDS, "捐款登记表", one)


def import_trainees(store: Store, path: str | Path, training: Any) -> dict[str, int]:
    """A training's 学员名单 (姓名, 身份证号, 证书) into the training."""
    training_id = employment.find_training(store, training)["id"]
    def one(row: dict[str, Any]) -> str:
        employment.add_trainee(store, training_id, row)
        return "new"

    return import_list(store, path, employment.TRAINEE_FIELDS, "培训学员名单", one)


def import_standing(store: Store, path: str | Path, year: int | None = None) -> dict[str, int]:
    """A yearly 规范化建设 list (单位, 三有, 等级, 厂务公开 …); the year from its 年度 column, else ``year``.
    The unions are matched by exact name; blank cells keep what that year holds."""
    from ...core.errors import ValueFormatError

    def one(row: dict[str, Any]) -> str:
        org_id = standing.org_id_by_name(store, row.get("org_name"))
        text = str(row.get("year") or "").strip().rstrip("年").split(".")[0]
        row_year = int(text) if text.isdigit() else year
        if row_year is None:
            raise ValueFormatError("请填写年度（表中没有年度列时，导入时指定年度）", field="year")
        return standing.merge_standing(store, org_id, row_year, row)

    return import_list(store, path, standing.LIST_FIELDS, "基层工会规范化建设情况表", one)


def import_placements(store: Store, path: str | Path) -> dict[str, int]:
    """A 实现就业登记表; a person already registered with the same employer and date is not added twice."""
    def one(row: dict[str, Any]) -> str:
        values = employment.validate_placement(store, row)
        if employment.placement_exists(store, values):
            return "same"
        employment.add_placement(store, row)
        return "new"

    return import_list(store, path, employment.PLACEMENT_FIELDS, "实现就业登记表", one)
