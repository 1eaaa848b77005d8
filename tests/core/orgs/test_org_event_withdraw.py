"""An org event recorded by mistake is withdrawn: 注销/迁出/合并/成立 simply go (the org counts again),
the latest 更名 goes with the old name back; 换届/建会 and an older 更名 are refused with a reason."""

import pytest

from unionoffice.cli import main
from unionoffice.core.errors import UserError
from unionoffice.core.orgs import lifecycle
from unionoffice.core.orgs.records import create_org, get_org


def test_withdraw_rules(store):
    org = create_org(store, {"name": "甲公司", "workers": 10, "union_mode": "独立建会", "term_years": 5})
    lifecycle.record_event(store, org, "更名", "2024-01-01", new_value="乙公司")
    lifecycle.record_event(store, org, "更名", "2025-01-01", new_value="丙公司")
    lifecycle.record_event(store, org, "换届", "2025-05-01")
    with pytest.raises(UserError, match="只能撤销最近一次更名"):
        lifecycle.withdraw_event(store, org, "更名", "2024-01-01")
    with pytest.raises(UserError, match="换届已改写了工会的届期，不能撤销"):
        lifecycle.withdraw_event(store, org, "换届", "2025-05-01")
    with pytest.raises(UserError, match="没有 2025-02-02 的注销记录"):
        lifecycle.withdraw_event(store, org, "注销", "2025-02-02")
    lifecycle.withdraw_event(store, org, "更名", "2025-01-01")
    assert get_org(store, org)["name"] == "乙公司"
    assert [n["name"] for n in lifecycle.former_names(store, org)] == ["甲公司"]
    lifecycle.record_event(store, org, "迁出", "2026-02-01")
    lifecycle.withdraw_event(store, org, "迁出", "2026-02-01")
    assert lifecycle.ended_on(store, org) is None


def test_cli_withdraw(store, capsys):
    org = create_org(store, {"name": "甲公司", "workers": 10})
    lifecycle.record_event(store, org, "注销", "2025-06-30")
    db = store.path
    store.close()
    assert main(["org-event", "--db", str(db), "--org", "甲公司", "--withdraw", "注销", "--date", "2025-06-30"]) == 0
    assert "已撤销 2025-06-30 的注销记录，单位现名：甲公司" in capsys.readouterr().out
    assert main(["org-event", "--db", str(db), "--org", "甲公司", "--withdraw", "注销", "--date", "2025-06-30"]) == 1
    assert "没有 2025-06-30 的注销记录" in capsys.readouterr().err


def test_rename_carries_the_union_name_along_and_back(store):
    org = create_org(store, {"name": "甲公司", "workers": 10, "union_mode": "独立建会",
                             "union_name": "甲公司工会委员会"})
    other = create_org(store, {"name": "丁公司", "workers": 10, "union_mode": "独立建会",
                               "union_name": "丁集团联合工会"})
    lifecycle.record_event(store, org, "更名", "2025-01-01", new_value="乙公司")
    lifecycle.record_event(store, other, "更名", "2025-01-01", new_value="戊公司")
    assert get_org(store, org)["union_name"] == "乙公司工会委员会"
    assert get_org(store, other)["union_name"] == "丁集团联合工会"  # not derived from the name: kept
    lifecycle.withdraw_event(store, org, "更名", "2025-01-01")
    assert (get_org(store, org)["name"], get_org(store, org)["union_name"]) == ("甲公司", "甲公司工会委员会")
