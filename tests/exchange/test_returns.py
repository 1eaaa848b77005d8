"""District returns from an xlsx template with {{placeholders}}."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Border, Font, PatternFill, Side

from unionoffice import cli
from unionoffice.core.figures import catalogue as F
from unionoffice.core.hardship import figures as figures_hardship
from unionoffice.core.errors import UserError
from unionoffice.exchange.returns.district import DEFAULT_TEMPLATE, fill_return, placeholders_in

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


@pytest.fixture
def office(store):
    with store.atomic():
        a = store.execute("INSERT INTO orgs (name, union_mode, union_founded, workers) "
                          "VALUES ('甲公司', '独立建会', '2020-01-01', 8)").lastrowid
        store.execute("INSERT INTO orgs (name, workers) VALUES ('乙公司', 2)")
        for i, joined in enumerate(("2020-01-01", "2025-03-01", "2025-05-01")):
            store.execute("INSERT INTO members (name, org_id, joined_date) VALUES (?, ?, ?)", (f"会员{i}", a, joined))
        store.execute("INSERT INTO disputes (case_no, received_date, source, kind, respondent_name, workers) "
                      "VALUES ('2025-0001', '2025-04-01', '来访', '工伤', '甲公司', 1)")
        store.execute("INSERT INTO assistance (name, id_number, kind, paid_date, amount, funding_source, status) "
                      "VALUES ('张三', '110105198001010011', '金秋助学', '2025-08-01', 123450, '市总', '已发')")
    return store


def _template(path: Path, *extra: tuple[str, str]) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "基层工会统计"
    ws["A1"] = "{{填报单位}}{{统计期间}}工会统计表"
    box = Border(*(Side(style="thin"),) * 4)
    cells = {"B3": "{{入会率}}", "B4": "{{ members.total }}", "B5": "{{帮扶金额}}", "B6": "{{争议件数.工伤}}",
             "B7": "{{建会率}}", **dict(extra)}
    for ref, text in cells.items():
        ws[ref] = text
        ws[ref].font = Font(name="宋体", bold=True, color="FF0000")
        ws[ref].fill = PatternFill("solid", fgColor="FFFF00")
        ws[ref].border = box
    ws["B3"].number_format = "0.0%"
    ws["C4"] = "合计：{{会员人数}}人，新入会{{members.new}}人"
    wb.save(path)
    return path


@pytest.fixture
def enabled(monkeypatch):
    monkeypatch.setattr(figures_hardship, "core_module_exists", lambda name: True)
    monkeypatch.setattr(F.figures_disputes, "core_module_exists", lambda name: True)


def test_placeholders_filled_typed_and_formatting_kept(office, tmp_path, enabled):
    out = tmp_path / "年报.xlsx"
    result = fill_return(office, F.year(2025), out, _template(tmp_path / "区模板.xlsx"))
    ws = load_workbook(out)["基层工会统计"]
    assert ws["A1"].value == "测试街道总工会2025年工会统计表"
    assert ws["B3"].value == pytest.approx(0.3) and ws["B3"].number_format == "0.0%"  # 3 members / 10 workers
    assert ws["B4"].value == 3 and isinstance(ws["B4"].value, int)
    assert ws["B5"].value == pytest.approx(1234.50) and ws["B5"].number_format == "#,##0.00"
    assert ws["B6"].value == 1
    assert ws["B7"].value == pytest.approx(0.5) and ws["B7"].number_format == "0.00%"
    assert ws["C4"].value == "合计：3人，新入会2人"
    for ref in ("B3", "B4", "B5"):
        cell = ws[ref]
        assert cell.font.bold and cell.font.color.rgb.endswith("FF0000") and cell.font.name == "宋体"
        assert cell.fill.fgColor.rgb.endswith("FFFF00") and cell.border.left.style == "thin"
    assert result.filled == 9 and result.not_enabled == []


def test_unknown_placeholder_is_reported_and_nothing_written(office, tmp_path):
    out = tmp_path / "年报.xlsx"
    template = _template(tmp_path / "区模板.xlsx", ("B9", "{{会员总人数}}"), ("D2", "共{{foo.bar}}个"),
                         ("D3", "{{争议件数.工商}}"))
    with pytest.raises(UserError) as err:
        fill_return(office, F.year(2025), out, template)
    assert "基层工会统计!B9 {{会员总人数}}" in str(err.value) and "基层工会统计!D2 {{foo.bar}}" in str(err.value)
    assert "基层工会统计!D3 {{争议件数.工商}}" in str(err.value)  # a typo in the category is caught too
    assert not out.exists()


def test_an_area_not_enabled_says_so_in_its_cell(office, tmp_path, monkeypatch):
    monkeypatch.setattr(figures_hardship, "core_module_exists", lambda name: False)
    out = tmp_path / "年报.xlsx"
    result = fill_return(office, F.year(2025), out, _template(tmp_path / "t.xlsx"))
    assert load_workbook(out).active["B5"].value == "该模块尚未启用"
    assert result.not_enabled == ["基层工会统计!B5 {{帮扶金额}}"]


def test_bad_templates_are_refused_in_chinese(office, tmp_path):
    (tmp_path / "坏.xlsx").write_text("not a workbook")
    with pytest.raises(UserError, match="无法打开"):
        fill_return(office, F.year(2025), tmp_path / "o.xlsx", tmp_path / "坏.xlsx")
    with pytest.raises(UserError, match="找不到报表模板"):
        fill_return(office, F.year(2025), tmp_path / "o.xlsx", tmp_path / "无.xlsx")
    with pytest.raises(UserError, match=r"\.xlsx"):
        fill_return(office, F.year(2025), tmp_path / "o.xls", DEFAULT_TEMPLATE)


def test_shipped_template_only_uses_known_placeholders():
    names = [name for _sheet, _cell, name in placeholders_in(DEFAULT_TEMPLATE)]
    assert len(names) > 60
    assert [n for n in names if F.resolve_name(n) is None] == []


def test_readme_documents_every_placeholder():
    names = []
    for area in F.AREAS:
        names += [n for s in area.specs for n in (s.key, s.cn)]
        names += [f"{n}.<类别>" for b in area.breakdowns for n in (b.prefix, b.cn)]
    assert [n for n in names if f"`{{{{{n}}}}}`" not in README] == []


def test_cli_return_fills_the_default_template(office, tmp_path, capsys):
    office.close()
    out = tmp_path / "2025年报.xlsx"
    assert cli.main(["return", "--db", str(office.path), "--year", "2025", "--out", str(out)]) == 0
    ws = load_workbook(out).active
    values = {ws.cell(r, 2).value: ws.cell(r, 4).value for r in range(4, ws.max_row + 1)}
    assert values["会员人数（期末）"] == 3 and values["单位数（不含工联会）"] == 2
    assert ws["A1"].value == "测试街道总工会2025年工作统计表"
    assert "已生成2025年报表" in capsys.readouterr().out


def test_cli_return_bad_input_exits_1(office, tmp_path, capsys):
    office.close()
    bad = _template(tmp_path / "t.xlsx", ("B9", "{{会员总人数}}"))
    code = cli.main(["return", "--db", str(office.path), "--year", "2025", "--out", str(tmp_path / "o.xlsx"),
                     "--template", str(bad)])
    assert code == 1 and "{{会员总人数}}" in capsys.readouterr().err
    assert cli.main(["return", "--db", str(office.path), "--out", str(tmp_path / "o.xlsx")]) == 1
