"""Exporting the 会员服务卡 register: one row per member with a card record. Counting the
信息采集日期 / 制卡日期 columns within a period (and up to its end) gives the card figures."""

from __future__ import annotations

from pathlib import Path

from ...core.member_card.records import list_cards
from ...core.store.connection import Store
from .xlsx_writer import Column, write_table

COLUMNS = (Column("姓名", "text", 10), Column("身份证号", "text", 20), Column("所在单位", "text", 30),
           Column("信息采集日期", "date", 13), Column("制卡日期", "date", 12), Column("卡号", "text", 14),
           Column("备注", "text", 20))


def export_cards(store: Store, out_path: str | Path, *, progress=None) -> int:
    rows = sorted(list_cards(store), key=lambda c: c["id"])
    data = ([c["name"], c["id_number"], c["org_name"], c["collected_date"], c["made_date"], c["card_no"], c["notes"]]
            for c in rows)
    return write_table(out_path, title=f"{store.office_name or '工会'}会员服务卡登记表", columns=COLUMNS, rows=data,
                       sheet_name="会员服务卡", n_rows=len(rows), progress=progress)
