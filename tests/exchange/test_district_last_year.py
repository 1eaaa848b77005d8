"""A district form's 上年数 column: the same figures one year earlier, computed in core
(catalogue.compute_last_year), written by ``unionoffice return`` exactly as the window previews
them; a figure with no previous-year value reads “—”."""

from __future__ import annotations

from openpyxl import Workbook, load_workbook

from unionoffice import cli
from unionoffice.core.figures import catalogue as F
from unionoffice.exchange.returns.district import prepare


def _office(store):
    with store.atomic():
        a = store.execute("INSERT INTO orgs (name, union_mode, union_founded, workers) "
                          "VALUES ('甲公司', '独立建会', '2016-01-01', 10)").lastrowid
        for joined in ("2020-01-01", "2025-03-01"):
            store.execute("INSERT INTO members (name, org_id, joined_date) VALUES ('会员', ?, ?)", (a, joined))
        store.execute("INSERT INTO activities (title, kind, start_date, end_date, status, headcount) "
                      "VALUES ('职工跳绳', '文体活动', '2025-05-01', '2025-05-01', '已举办', 40)")
    return store


def _form(path):
    wb = Workbook()
    ws = wb.active
    for c, h in enumerate(("指标名称", "计量单位", "本期数", "上年同期数", "比上年增减"), start=1):
        ws.cell(1, c, h)
    for r, (label, unit) in enumerate((("会员总数", "人"), ("举办活动次数", "次"), ("职工入会率", "%")), start=2):
        ws.cell(r, 1, label), ws.cell(r, 2, unit)
    wb.save(path)
    return path


def test_last_year_of_an_area_without_records_is_none_not_zero(store):
    _office(store)
    last = F.compute_last_year(store, F.year(2025))
    assert last.period.label == "2024年"
    assert last.get("members.total") == 1 and last.text("members.total") == "1"
    assert last.get("activities.held") is None and last.text("activities.held") == "—"
    now = F.compute(store, F.year(2025))
    assert now.get("activities.held") == 1 and now.get("members.total") == 2


def test_cli_prints_and_writes_the_same_last_year_values_as_the_preview(store, tmp_path, capsys):
    _office(store)
    form = _form(tmp_path / "区里的表.xlsx")
    preview = {r.where: r.text for r in prepare(store, F.year(2025), form).rows()}
    assert (preview["Sheet!D2"], preview["Sheet!D3"], preview["Sheet!D4"]) == ("1", "—", "10.0")
    store.close()
    out = tmp_path / "o.xlsx"
    code = cli.main(["return", "--db", str(store.path), "--year", "2025", "--template", str(form), "--out", str(out)])
    printed = capsys.readouterr().out
    assert code == 0
    assert "Sheet!D2\t会员总数（上年同期数） → 会员人数（2024年） → 1" in printed
    assert "Sheet!D3\t举办活动次数（上年同期数） → 举办活动次数（2024年） → —" in printed
    ws = load_workbook(out).active
    assert [ws["C2"].value, ws["C3"].value, ws["D2"].value, ws["D3"].value, ws["D4"].value] == [2, 1, 1, "—", 10.0]
    assert ws["E2"].value is None  # 比上年增减 is the form's own


def test_an_area_with_records_from_before_keeps_its_true_zero(store):
    """Activities were kept in the program in 2023, none held in 2024: 2024's count is 0, not “—”."""
    _office(store)
    store.execute("INSERT INTO activities (title, kind, start_date, end_date, status, headcount) "
                  "VALUES ('读书会', '文体活动', '2023-04-01', '2023-04-01', '已举办', 20)")
    last = F.compute_last_year(store, F.year(2025))
    assert last.get("activities.held") == 0 and last.text("activities.held") == "0"
