"""Unmarked district forms as they come: vertical and horizontal, units in a column and in
headers, 万元, % cells, an unreadable form — filled with no markers and no hand edits."""

from __future__ import annotations

import pytest
from openpyxl import Workbook, load_workbook

from unionoffice import cli
from unionoffice.core.errors import UserError
from unionoffice.core.figures import catalogue as F
from unionoffice.core.figures import labels as L
from unionoffice.core.hardship import figures as figures_hardship
from unionoffice.exchange.returns.district import fill_return, prepare


@pytest.fixture
def office(store, monkeypatch):
    monkeypatch.setattr(figures_hardship, "core_module_exists", lambda name: True)
    monkeypatch.setattr(F.figures_disputes, "core_module_exists", lambda name: True)
    with store.atomic():
        a = store.execute("INSERT INTO orgs (name, union_mode, union_founded, workers, women_workers) "
                          "VALUES ('甲公司', '独立建会', '2020-01-01', 8, 3)").lastrowid
        store.execute("INSERT INTO orgs (name, workers) VALUES ('乙公司', 2)")
        for i, joined in enumerate(("2020-01-01", "2025-03-01", "2025-05-01")):
            store.execute("INSERT INTO members (name, org_id, joined_date) VALUES (?, ?, ?)", (f"会员{i}", a, joined))
        for no, kind, result in (("2025-0001", "工伤", "成功"), ("2025-0002", "劳动合同", "不成"),
                                 ("2025-0003", "工伤", "")):
            store.execute("INSERT INTO disputes (case_no, received_date, source, kind, respondent_name, workers, "
                          "mediation_result) VALUES (?, '2025-04-01', '来访', ?, '甲公司', 2, ?)", (no, kind, result))
        for kind, amount in (("金秋助学", 1_234_500), ("元旦春节送温暖", 2_000_000)):
            store.execute("INSERT INTO assistance (name, id_number, kind, paid_date, amount, funding_source, status) "
                          "VALUES ('张三', '110105198001010011', ?, '2025-08-01', ?, '市总', '已发')", (kind, amount))
    return store


# expected, recounted by hand from the fixture: 2 orgs, 1 covered (50.0%), 10 workers, 3 members
# (30.0%), 3 disputes (2 mediated, 1 succeeded → 66.7 / 50.0), 32,345.00 元 = 3.23 万元


def _vertical(path, *, note=True, percent_cell=False):
    wb = Workbook()
    ws = wb.active
    ws.title = "基本情况"
    ws["A1"] = "街道（乡镇）工会工作情况统计表"
    ws["A2"] = "填报单位：            统计时段：            填报日期："
    head = ["序号", "指标名称", "计量单位", "数值"]
    for i, h in enumerate(head + head):
        ws.cell(3, i + 1, h)
    left = [(None, "一、组织建设", None), (1, "辖区单位总数", "家"), (2, "  其中：已建会单位", "家"),
            (3, "单位建会率", "%"), (4, "职工总数", "人"), (5, "　其中：女职工", "人"), (6, "会员总数", "人"),
            (7, "职工入会率", "%")]
    right = [(8, "受理劳动争议案件", "件"), (9, "其中：工伤", "件"), (10, "调解成功率", "%"),
             (11, "帮扶资金", "万元"), (12, "其中：金秋助学", "万元"), (13, "送温暖慰问金", "万元"),
             (14, "组织职工跳绳比赛", "次")]
    for r, (no, label, unit) in enumerate(left, start=4):
        ws.cell(r, 1, no), ws.cell(r, 2, label), ws.cell(r, 3, unit)
    for r, (no, label, unit) in enumerate(right, start=4):
        ws.cell(r, 5, no), ws.cell(r, 6, label), ws.cell(r, 7, unit)
    if percent_cell:
        ws["D7"].number_format = "0.0%"
    if note:
        ws["A14"] = "注：金额以万元为单位，保留两位小数；比率保留一位小数。"
    wb.save(path)
    return path


def _horizontal(path):
    wb = Workbook()
    ws = wb.active
    ws["A1"] = "2025年街道工会主要数据汇总表"
    ws["A2"] = "金额单位：万元"
    heads = ["序号", "街道名称", "单位总数（家）", "已建会单位数（家）", "建会率(%)", "会员人数（人）",
             "开展活动（次）", "参加活动职工（人次）", "帮扶慰问金额", "受理劳动争议（件）", "备注"]
    for i, h in enumerate(heads, start=1):
        ws.cell(3, i, h)
    wb.save(path)
    return path


def _values(path, sheet=None):
    ws = load_workbook(path)[sheet] if sheet else load_workbook(path).active
    return ws


def test_labels_normalised_and_matched():
    assert L.normalise("（一）其中：女职工会员数（人）") == "女职工会员数"
    assert L.normalise(" 会 员　总 数 ") == "会员总数"
    assert L.unit_in("帮扶资金（万元）") == L.MONEY_WAN and L.unit_in("建会率(%)") == L.PERCENT
    assert L.unit_in("人次") == L.NUMBER
    index = F.label_index()
    for label, key in (("辖区单位总数", "orgs.total"), ("单位数", "orgs.total"), ("会员人数", "members.total"),
                       ("会员总数（人）", "members.total"), ("举办活动", "activities.held"),
                       ("活动场次", "activities.held"), ("参加活动职工", "activities.headcount"),
                       ("2.期末会员人数", "members.total"), ("金秋助学金额", "assistance.amount_by_kind.金秋助学")):
        assert F.match_label(label, index=index) == key, label
    assert F.match_label("其中：金秋助学", unit=L.MONEY_WAN, index=index) == "assistance.amount_by_kind.金秋助学"
    assert F.match_label("其中：金秋助学", unit=L.NUMBER, parent="assistance.count", index=index) \
        == "assistance.count_by_kind.金秋助学"
    assert F.match_label("职工人数", unit=L.MONEY_WAN, index=index) is None  # unit says it is not that
    assert F.match_label("其中：女职工", parent="members.total", index=index) == "members.women"
    assert F.match_label("其中：女职工", parent="workers.total", index=index) == "workers.women"
    assert F.match_label("送温暖慰问困难职工", unit=L.NUMBER, unit_text="人次", index=index) \
        == "assistance.count_by_kind.元旦春节送温暖"
    assert F.match_label("组织职工跳绳比赛", index=index) is None


def test_instructions_read():
    assert L.instructions("注：金额以万元为单位，保留两位小数；比率保留一位小数。") == \
        {"money": "万元", "money_decimals": 2, "rate_decimals": 1}


def test_vertical_form_two_blocks_filled_in_form_units(office, tmp_path):
    out = tmp_path / "填好.xlsx"
    form = _vertical(tmp_path / "区总表.xlsx")
    result = fill_return(office, F.year(2025), out, form)
    ws = _values(out)
    assert [ws[c].value for c in ("D5", "D6", "D7", "D8", "D9", "D10", "D11")] == [2, 1, 50.0, 10, 3, 3, 30.0]
    assert ws["D4"].value is None  # a section heading, not a figure
    assert [ws[c].value for c in ("H4", "H5", "H6", "H7", "H8", "H9")] == [3, 2, 50.0, 3.23, 1.23, 2.0]
    assert ws["H7"].number_format == "0.00"
    assert ws["H10"].value is None and result.unplaced == ["基本情况!H10 组织职工跳绳比赛"]
    assert ws["A2"].value.startswith("填报单位：测试街道总工会  统计时段：2025年  填报日期：")
    mapping = {m.label: (m.key, m.text) for m in result.mapping}
    assert mapping["帮扶资金"] == ("assistance.amount", "3.23万元")
    assert result.layout == "vertical"
    assert load_workbook(form).active["D5"].value is None  # the received form is untouched


def test_rate_in_a_percent_cell_stays_a_fraction(office, tmp_path):
    out = tmp_path / "o.xlsx"
    fill_return(office, F.year(2025), out, _vertical(tmp_path / "f.xlsx", percent_cell=True))
    ws = _values(out)
    assert ws["D7"].value == pytest.approx(0.5) and ws["D7"].number_format == "0.0%"


def test_horizontal_form_fills_the_street_row(office, tmp_path):
    out = tmp_path / "h.xlsx"
    result = fill_return(office, F.year(2025), out, _horizontal(tmp_path / "横表.xlsx"))
    ws = _values(out)
    row = [ws.cell(4, c).value for c in range(1, 12)]
    assert row == [None, "测试街道", 2, 1, 50.0, 3, 0, 0, 3.23, 3, None]
    assert result.layout == "horizontal"


def test_labels_beside_blank_cells(office, tmp_path):
    wb = Workbook()
    ws = wb.active
    for r, (label, unit) in enumerate((("会员人数", "人"), ("入会率", "%"), ("帮扶金额", "元"), ("调处率", None)),
                                      start=2):
        ws.cell(r, 1, label), ws.cell(r, 2, unit)
    wb.save(tmp_path / "简表.xlsx")
    fill_return(office, F.year(2025), tmp_path / "o.xlsx", tmp_path / "简表.xlsx")
    ws = _values(tmp_path / "o.xlsx")
    assert [ws.cell(r, 3).value for r in range(2, 5)] == [3, 30.0, 32345.0]
    assert ws["B5"].value == 66.7  # no unit cell: the value sits right beside the label


def test_unreadable_form_is_refused_and_nothing_written(office, tmp_path):
    wb = Workbook()
    ws = wb.active
    for r, label in enumerate(("甲方意见", "乙方意见", "签字", "会员人数"), start=1):
        ws.cell(r, 1, label)
    wb.save(tmp_path / "怪表.xlsx")
    with pytest.raises(UserError, match="只认出 1 处"):
        fill_return(office, F.year(2025), tmp_path / "o.xlsx", tmp_path / "怪表.xlsx")
    assert not (tmp_path / "o.xlsx").exists()
    wb = Workbook()
    wb.active["A1"] = "说明：请如实填写"
    wb.save(tmp_path / "空表.xlsx")
    with pytest.raises(UserError, match="没有找到可填的指标"):
        fill_return(office, F.year(2025), tmp_path / "o.xlsx", tmp_path / "空表.xlsx")
    assert not (tmp_path / "o.xlsx").exists()


def test_assigned_label_is_remembered_for_the_form(office, tmp_path):
    form = _vertical(tmp_path / "f.xlsx")
    fill_return(office, F.year(2025), tmp_path / "a.xlsx", form,
                assignments={"组织职工跳绳比赛": "activities.held"}, remember=True)
    prepared = prepare(office, F.half_year(2026, 1), form)  # next half-year, nothing assigned
    slot = next(s for s in prepared.plan.slots if s.label == "组织职工跳绳比赛")
    assert slot.key == "activities.held" and slot.source == "remembered"
    assert prepared.unplaced() == []


def test_never_overwrites_the_received_form(office, tmp_path):
    form = _vertical(tmp_path / "f.xlsx")
    with pytest.raises(UserError, match="不能覆盖"):
        fill_return(office, F.year(2025), form, form)


def test_cli_fills_unmarked_form_and_prints_mapping(office, tmp_path, capsys):
    office.close()
    out = tmp_path / "o.xlsx"
    code = cli.main(["return", "--db", str(office.path), "--year", "2025", "--template",
                     str(_vertical(tmp_path / "f.xlsx")), "--out", str(out)])
    text = capsys.readouterr()
    assert code == 0 and "辖区单位总数 → 单位数 → 2" in text.out
    assert "组织职工跳绳比赛" in text.out  # named as not placed
    assert _values(out)["D5"].value == 2


def test_cli_refuses_an_unreadable_form(office, tmp_path, capsys):
    office.close()
    wb = Workbook()
    wb.active["A1"] = "签字"
    wb.save(tmp_path / "怪.xlsx")
    code = cli.main(["return", "--db", str(office.path), "--year", "2025", "--template",
                     str(tmp_path / "怪.xlsx"), "--out", str(tmp_path / "o.xlsx")])
    assert code == 1 and "未生成文件" in capsys.readouterr().err
    assert not (tmp_path / "o.xlsx").exists()


def _filled_copy(office, tmp_path, form, name: str, street: str):
    office.set_setting("office_name", f"{street}总工会")
    out = tmp_path / name
    fill_return(office, F.year(2025), out, form)
    return out


def test_combine_horizontal_one_row_per_street_and_total(office, tmp_path, capsys):
    form = _horizontal(tmp_path / "横表.xlsx")
    a = _filled_copy(office, tmp_path, form, "a.xlsx", "东街道")
    with office.atomic():  # the second street has one more org, not covered
        office.execute("INSERT INTO orgs (name, workers) VALUES ('丙公司', 5)")
    b = _filled_copy(office, tmp_path, form, "b.xlsx", "西街道")
    out = tmp_path / "区汇总.xlsx"
    assert cli.main(["return", "--combine", str(a), str(b), "--out", str(out)]) == 0
    ws = _values(out)
    rows = [[ws.cell(r, c).value for c in range(2, 11)] for r in (4, 5, 6)]
    assert rows[0] == ["东街道", 2, 1, 50.0, 3, 0, 0, 3.23, 3]
    assert rows[1] == ["西街道", 3, 1, 33.3, 3, 0, 0, 3.23, 3]
    assert rows[2] == ["合计", 5, 2, 40.0, 6, 0, 0, 6.46, 6]  # 建会率 from its parts, not averaged
    assert "已汇总 2 个街道" in capsys.readouterr().out


def test_combine_vertical_sums_cells_and_recomputes_rates(office, tmp_path):
    form = _vertical(tmp_path / "f.xlsx")
    a = _filled_copy(office, tmp_path, form, "a.xlsx", "东街道")
    with office.atomic():
        office.execute("INSERT INTO orgs (name, workers) VALUES ('丙公司', 5)")
    b = _filled_copy(office, tmp_path, form, "b.xlsx", "西街道")
    out = tmp_path / "sum.xlsx"
    assert cli.main(["return", "--combine", str(a), str(b), "--out", str(out)]) == 0
    ws = _values(out)
    assert [ws[c].value for c in ("D5", "D6", "D7", "D8", "D10", "D11")] == [5, 2, 40.0, 25, 6, 24.0]
    assert ws["H7"].value == 6.46 and ws["A2"].value.startswith("填报单位：  统计时段：2025年")


def test_combine_refuses_different_forms(office, tmp_path, capsys):
    a = _filled_copy(office, tmp_path, _vertical(tmp_path / "f.xlsx"), "a.xlsx", "东街道")
    b = _filled_copy(office, tmp_path, _horizontal(tmp_path / "h.xlsx"), "b.xlsx", "西街道")
    assert cli.main(["return", "--combine", str(a), str(b), "--out", str(tmp_path / "o.xlsx")]) == 1
    assert "不是同一张报表" in capsys.readouterr().err and not (tmp_path / "o.xlsx").exists()


def test_vertical_form_with_period_column_and_last_year_beside(office, tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.merge_cells("A1:F1")
    ws["A1"] = "2025年度街道工会工作统计报表"
    for c, h in enumerate(("序号", "项目", "单位", "2025年", "上年同期", "同比增减（%）"), start=1):
        ws.cell(2, c, h)
    rows = (("一", "组织建设", None), ("1", "基层工会数", "个"), ("2", "工会会员数", "人"),
            ("", "其中：女职工会员", "人"), ("二", "帮扶工作", None), ("3", "困难职工帮扶金额", "元"),
            ("", "其中：金秋助学", "元"), ("4", "受理劳动争议", "件"))
    for r, (no, label, unit) in enumerate(rows, start=3):
        ws.cell(r, 1, no), ws.cell(r, 2, label), ws.cell(r, 3, unit)
    wb.save(tmp_path / "f.xlsx")
    result = fill_return(office, F.year(2025), tmp_path / "o.xlsx", tmp_path / "f.xlsx")
    ws = _values(tmp_path / "o.xlsx")
    assert [ws.cell(r, 4).value for r in range(3, 11)] == [None, None, 3, 0, None, 32345.0, 12345.0, 3]
    # 上年同期: the same figures of 2024 — 1 member then (joined 2020); no dispute or assistance was
    # recorded in 2024, so those have no previous-year value: “—”, not 0 and not blank
    assert [ws.cell(r, 5).value for r in range(3, 11)] == [None, None, 1, 0, None, "—", "—", "—"]
    assert all(ws.cell(r, 6).value is None for r in range(3, 11))  # 同比增减 is the form's own
    assert result.unplaced == ["Sheet!D4 基层工会数"]
    assert ("Sheet!E5", "工会会员数（上年同期）", "1") in [(m.where, m.label, m.text) for m in result.mapping]


def test_horizontal_form_with_two_header_rows(office, tmp_path):
    wb = Workbook()
    ws = wb.active
    ws["A1"] = "各街道工会工作情况表"
    top = {1: "序号", 2: "街道", 3: "组织建设", 6: "会员", 8: "帮扶（万元）"}
    for c, h in top.items():
        ws.cell(3, c, h)
    for rng in ("A3:A4", "B3:B4", "C3:E3", "F3:G3", "H3:I3"):
        ws.merge_cells(rng)
    for c, h in enumerate(("单位数", "已建会", "建会率(%)", "会员人数", "其中：女会员", "帮扶资金", "其中：金秋助学"),
                          start=3):
        ws.cell(4, c, h)
    for c, mark in enumerate(("甲", "乙", "1", "2", "3", "4", "5", "6", "7"), start=1):
        ws.cell(5, c, mark)
    wb.save(tmp_path / "h2.xlsx")
    result = fill_return(office, F.year(2025), tmp_path / "o.xlsx", tmp_path / "h2.xlsx")
    ws = _values(tmp_path / "o.xlsx")
    assert [ws.cell(6, c).value for c in range(2, 10)] == ["测试街道", 2, 1, 50.0, 3, 0, 3.23, 1.23]
    assert result.unplaced == []


def test_horizontal_form_listing_every_street_fills_our_row(office, tmp_path):
    wb = Workbook()
    ws = wb.active
    ws["A1"] = "填报单位（盖章）：______   填报日期：    年  月  日"
    for c, h in enumerate(("街道名称", "单位数量", "工会会员总数", "建会率（%）"), start=1):
        ws.cell(2, c, h)
    for r, name in enumerate(("东门街道", "测试街道", "西湖街道"), start=3):
        ws.cell(r, 1, name)
    ws.merge_cells("A8:B8")
    ws["A8"] = "受理劳动争议"
    wb.save(tmp_path / "全区.xlsx")
    fill_return(office, F.year(2025), tmp_path / "o.xlsx", tmp_path / "全区.xlsx")
    ws = _values(tmp_path / "o.xlsx")
    assert [ws.cell(4, c).value for c in range(1, 5)] == ["测试街道", 2, 3, 50.0]
    assert ws.cell(3, 2).value is None and ws.cell(5, 2).value is None
    assert ws["A1"].value.startswith("填报单位（盖章）：测试街道总工会  填报日期：20")


def test_blanks_inside_sentences_are_filled(office, tmp_path):
    wb = Workbook()
    ws = wb.active
    ws["A1"] = "一、辖区共有单位____家，其中已建会____家，建会率____%；工会会员____人。"
    ws["A2"] = "二、发放帮扶资金____万元，受理劳动争议____件，另有____项目待定。"
    wb.save(tmp_path / "填空.xlsx")
    result = fill_return(office, F.year(2025), tmp_path / "o.xlsx", tmp_path / "填空.xlsx")
    ws = _values(tmp_path / "o.xlsx")
    assert ws["A1"].value == "一、辖区共有单位2家，其中已建会1家，建会率50.0%；工会会员3人。"
    assert ws["A2"].value == "二、发放帮扶资金3.23万元，受理劳动争议3件，另有____项目待定。"
    assert result.unplaced == ["Sheet!A2（第3空） 另有"]


def test_combine_a_form_listing_every_street(office, tmp_path):
    wb = Workbook()
    ws = wb.active
    for c, h in enumerate(("街道名称", "单位数量", "工会会员总数", "建会率（%）", "已建会单位"), start=1):
        ws.cell(1, c, h)
    for r, name in enumerate(("东门街道", "测试街道", "西湖街道", "合计"), start=2):
        ws.cell(r, 1, name)
    wb.save(tmp_path / "全区.xlsx")
    office.set_setting("office_name", "东门街道总工会")
    fill_return(office, F.year(2025), tmp_path / "东门.xlsx", tmp_path / "全区.xlsx")
    with office.atomic():
        office.execute("INSERT INTO orgs (name, workers) VALUES ('丙公司', 5)")
    office.set_setting("office_name", "西湖街道总工会")
    fill_return(office, F.year(2025), tmp_path / "西湖.xlsx", tmp_path / "全区.xlsx")
    out = tmp_path / "区汇总.xlsx"
    assert cli.main(["return", "--combine", str(tmp_path / "东门.xlsx"), str(tmp_path / "西湖.xlsx"),
                     "--out", str(out)]) == 0
    ws = _values(out)
    rows = [[ws.cell(r, c).value for c in range(1, 6)] for r in range(2, 6)]
    assert rows == [["东门街道", 2, 3, 50.0, 1], ["测试街道", None, None, None, None], ["西湖街道", 3, 3, 33.3, 1],
                    ["合计", 5, 6, 40.0, 2]]  # 建会率 from its parts


def test_cli_assign_to_a_label_the_form_lacks_is_refused(office, tmp_path, capsys):
    office.close()
    form = _vertical(tmp_path / "f.xlsx")
    code = cli.main(["return", "--db", str(office.path), "--year", "2025", "--template", str(form),
                     "--out", str(tmp_path / "o.xlsx"), "--assign", "跳绳=举办活动次数"])
    assert code == 1 and "没有这些栏目：跳绳" in capsys.readouterr().err
    code = cli.main(["return", "--db", str(office.path), "--year", "2025", "--template", str(form),
                     "--out", str(tmp_path / "o.xlsx"), "--assign", "组织职工跳绳比赛=举办活动"])
    assert code == 0 and "组织职工跳绳比赛 → 举办活动次数 → 0" in capsys.readouterr().out


def test_two_tables_one_under_another(office, tmp_path):
    wb = Workbook()
    ws = wb.active
    ws["A1"] = "表一 组织建设"
    ws.append(["指标名称", "计量单位", "数值"])
    ws.append(["单位总数", "家", None])
    ws.append(["会员总数", "人", None])
    ws.append([])
    ws.append(["表二 维权帮扶"])
    ws.append(["项目", "单位", "本期数", "上年同期"])
    ws.append(["受理劳动争议", "件", None, None])
    ws.append(["帮扶资金", "万元", None, None])
    wb.save(tmp_path / "两表.xlsx")
    result = fill_return(office, F.year(2025), tmp_path / "o.xlsx", tmp_path / "两表.xlsx")
    assert result.unplaced == []  # 表二 … is a title, not a figure
    ws = _values(tmp_path / "o.xlsx")
    assert [ws["C3"].value, ws["C4"].value, ws["C8"].value, ws["C9"].value] == [2, 3, 3, 3.23]
    assert ws["D8"].value == "—" and ws["D9"].value == "—"  # 上年同期: nothing recorded in 2024
