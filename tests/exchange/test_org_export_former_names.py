"""The 单位台账 export carries a 曾用名 column: every name an org had before its 更名 events, oldest
first, joined by 、; an org never renamed has it empty, and the workbook still imports back unchanged."""

from __future__ import annotations

from openpyxl import load_workbook

from unionoffice.cli import main
from unionoffice.core.orgs import lifecycle
from unionoffice.core.orgs.records import create_org
from unionoffice.exchange.exports.rolls import export_orgs
from unionoffice.exchange.importing.importer import prepare_import


def _office(store):
    renamed = create_org(store, {"name": "深圳市华美科技有限公司", "workers": 50, "union_mode": "独立建会"})
    lifecycle.record_event(store, renamed, "更名", "2023-03-01", new_value="深圳市华美电子有限公司")
    lifecycle.record_event(store, renamed, "更名", "2025-06-01", new_value="深圳市华美智能股份有限公司")
    create_org(store, {"name": "罗湖区东门餐饮店", "workers": 8, "union_mode": "未建会"})


def _former_by_name(path):
    ws = load_workbook(path).active
    header = [c.value for c in ws[2]]
    name, former = header.index("单位名称"), header.index("曾用名")
    return {r[name].value: r[former].value for r in ws.iter_rows(min_row=3)}


def test_former_names_column_lists_every_old_name(store, tmp_path):
    _office(store)
    out = tmp_path / "单位台账.xlsx"
    assert export_orgs(store, out) == 2
    assert _former_by_name(out) == {
        "深圳市华美智能股份有限公司": "深圳市华美科技有限公司、深圳市华美电子有限公司",
        "罗湖区东门餐饮店": None,  # an empty cell
    }
    plan = prepare_import(store, out, "orgs")  # the column is read by no field: nothing changes
    assert (len(plan.new_rows), len(plan.updates), plan.unchanged, len(plan.rejected)) == (0, 0, 2, 0)


def test_cli_export_of_orgs_has_the_column(store, tmp_path):
    _office(store)
    db = store.path
    store.close()
    out = tmp_path / "o.xlsx"
    assert main(["export", "orgs", "--db", str(db), "--out", str(out)]) == 0
    assert _former_by_name(out)["深圳市华美智能股份有限公司"].startswith("深圳市华美科技有限公司、")
