"""Helpers shared by the 会员 / 单位 tab tests: a small roll built through core, and waiting helpers."""

from __future__ import annotations

import datetime

from unionoffice.core.members import records as members
from unionoffice.core.orgs import records as orgs
from unionoffice.core.values.ids import credit_code_check_char, make_id_number
from unionoffice.core.store.connection import Store

ZENG_ID = make_id_number("440303", datetime.date(1981, 11, 26), 11)  # 男
ZHANG_ID = make_id_number("110105", datetime.date(1990, 3, 7), 22)  # 女
LI_ID = make_id_number("320104", datetime.date(1975, 6, 1), 33)  # 男
WANG_ID = make_id_number("330206", datetime.date(1960, 1, 15), 44)  # 女


def credit_code(body: str) -> str:
    """A checksum-valid 统一社会信用代码 from 17 characters."""
    return body + credit_code_check_char(body)


def build_roll(store: Store) -> dict[str, int]:
    """Two employers, one federation, four members of different kinds. Returns ids by short name."""
    ids: dict[str, int] = {}
    ids["fed"] = orgs.create_org(store, {"name": "东湖社区工会联合会", "is_federation": 1, "federation_kind": "社区",
                                         "community": "东湖社区"})
    ids["huamei"] = orgs.create_org(store, {"name": "深圳市华美科技有限公司", "credit_code": credit_code("91440303MA5F8K2L1"),
                                            "category": "私营", "community": "东湖社区", "workers": 10,
                                            "union_mode": "独立建会", "union_chair": "任飞"})
    ids["jinqiao"] = orgs.create_org(store, {"name": "深圳市金桥酒店", "category": "私营", "community": "桂园社区",
                                             "workers": 10, "union_mode": "未建会"})
    ids["zeng"] = members.create_member(store, {"name": "曾国藩", "id_number": ZENG_ID, "org_id": ids["huamei"],
                                                "phone": "13812345678", "joined_date": "2019-05-01"})
    ids["zhang"] = members.create_member(store, {"name": "张三丰", "id_number": ZHANG_ID, "org_id": ids["huamei"],
                                                 "is_migrant": 1})
    ids["li"] = members.create_member(store, {"name": "李四", "id_number": LI_ID, "org_id": ids["jinqiao"],
                                              "model_worker": "市级"})
    ids["wang"] = members.create_member(store, {"name": "王五", "id_number": WANG_ID, "org_id": ids["jinqiao"],
                                                "is_retired": 1})
    return ids


def pick(combo, text: str) -> None:
    """Choose an entry of a combo box by its text, as a clerk would from the list."""
    index = combo.findText(text)
    assert index >= 0, f"{text!r} not offered in {combo.objectName() or combo}"
    combo.setCurrentIndex(index)


def advance(qtbot, wizard) -> None:
    """下一步 on an import wizard, then wait while it reads the workbook off the window's thread."""
    wizard.next()
    qtbot.waitUntil(lambda: not wizard.busy, timeout=20000)
