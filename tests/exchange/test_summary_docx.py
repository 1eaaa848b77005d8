"""The drafted 工作总结: open the .docx with python-docx and read the sentences."""

from __future__ import annotations

import pytest
from docx import Document
from openpyxl import load_workbook

from unionoffice import cli
from unionoffice.core.figures import catalogue as F
from unionoffice.core.hardship import figures as figures_hardship


@pytest.fixture
def office(store):
    with store.atomic():
        a = store.execute("INSERT INTO orgs (name, union_mode, union_founded, workers) "
                          "VALUES ('甲公司', '独立建会', '2020-01-01', 10)").lastrowid
        store.execute("INSERT INTO orgs (name, union_mode, workers, federation_id) VALUES ('乙商店', '联合建会', 10, NULL)")
        store.execute("INSERT INTO orgs (name, workers) VALUES ('丙公司', 20)")
        for i, joined in enumerate(("2019-01-01", "2020-01-01", "2025-03-01", "2025-05-01")):
            store.execute("INSERT INTO members (name, org_id, joined_date) VALUES (?, ?, ?)", (f"会员{i}", a, joined))
        store.execute("INSERT INTO members (name, org_id, joined_date, status, status_date) "
                      "VALUES ('老会员', ?, '2010-01-01', '退会', '2025-07-01')", (a,))
        for no, kind, result in (("2025-0001", "工伤", "成功"), ("2025-0002", "工伤", "不成"),
                                 ("2025-0003", "劳动合同", "成功")):
            store.execute("INSERT INTO disputes (case_no, received_date, source, kind, respondent_name, workers, amount, "
                          "mediation_result, status, recovered) VALUES (?, '2025-04-01', '来访', ?, '甲公司', 2, 100000, ?, "
                          "'结案', ?)", (no, kind, result, 50000 if result == "成功" else 0))
        store.execute("INSERT INTO assistance (name, id_number, kind, paid_date, amount, funding_source, status) "
                      "VALUES ('张三', '110105198001010011', '金秋助学', '2025-08-01', 200000, '市总', '已发')")
        store.execute("INSERT INTO activities (title, kind, start_date, end_date, status, headcount) "
                      "VALUES ('健步走', '文体', '2025-05-01', '2025-05-01', '已举办', 80)")
    return store


@pytest.fixture
def enabled(monkeypatch):
    for module in (figures_hardship, F.figures_disputes, F.figures_activities):
        monkeypatch.setattr(module, "core_module_exists", lambda name: True)


def _text(path) -> list[str]:
    return [p.text for p in Document(str(path)).paragraphs]


def test_summary_docx_reads_as_a_work_summary(office, tmp_path, enabled):
    from unionoffice.exchange.returns.summary_docx import write_summary_docx

    out = write_summary_docx(office, F.year(2025), tmp_path / "总结.docx")
    paras = _text(out)
    assert paras[0] == "测试街道总工会2025年工作总结"
    headings = [p for p in paras if p[:2] in ("一、", "二、", "三、", "四、", "五、")]
    assert headings == ["一、组织建设", "二、维权", "三、帮扶", "四、活动", "五、存在的问题和下一步打算"]
    body = "\n".join(paras)
    assert "辖区在册单位3家，已建会单位2家（其中独立建会1家、通过工联会联合建会1家），建会率66.7%" in body
    assert "辖区单位职工40人，会员4人，入会率10.0%，会员人数比上年同期增加1人" in body
    assert "本期新发展会员2人，减少会员1人" in body
    assert "本期共受理劳动争议3件（其中集体争议0件），涉及职工6人、金额3,000.00元。" \
           "按类型分：工伤2件、劳动合同1件。" in body
    assert "调处3件，其中调解成功2件，调处率100.0%，调解成功率66.7%，为职工追回1,000.00元。" in body
    assert "开展帮扶慰问1人次（1人），发放慰问金2,000.00元" in body and "其中金秋助学2,000.00元" in body
    assert "本期举办各类职工活动1次，参加职工80人次" in body


def test_an_area_not_enabled_is_named_not_zero(office, tmp_path, monkeypatch):
    monkeypatch.setattr(figures_hardship, "core_module_exists", lambda name: False)
    from unionoffice.exchange.returns.summary_docx import write_summary_docx

    body = "\n".join(_text(write_summary_docx(office, F.year(2025), tmp_path / "s.docx")))
    assert "【困难职工档案：该模块尚未启用，本部分数字请手工填写。】" in body
    assert "帮扶慰问：该模块尚未启用" in body


@pytest.mark.parametrize("suffix", [".docx", ".xlsx", ".pdf"])
def test_cli_report_summary_writes_each_format(office, tmp_path, suffix, capsys):
    office.close()
    out = tmp_path / f"上半年{suffix}"
    code = cli.main(["report", "summary", "--db", str(office.path), "--from", "2025-01-01", "--to", "2025-06-30",
                     "--out", str(out)])
    assert code == 0 and out.stat().st_size > 1000
    assert "2025年上半年" in capsys.readouterr().out
    if suffix == ".xlsx":
        ws = load_workbook(out).active
        rows = {ws.cell(r, 1).value: (ws.cell(r, 2).value, ws.cell(r, 3).value) for r in range(1, ws.max_row + 1)}
        assert rows["会员人数"] == (5, 3) and rows["入会率"][0] == pytest.approx(5 / 40)


@pytest.mark.parametrize("args,message", [
    (["--from", "2025-07-01", "--to", "2025-01-01", "--out", "x.pdf"], "早于开始日期"),
    (["--from", "2025-01-01", "--to", "2025-06-30", "--out", "x.txt"], ".pdf、.xlsx 或 .docx"),
    (["--from", "2025-13-45", "--to", "2025-06-30", "--out", "x.pdf"], ""),
])
def test_cli_report_bad_input_exits_1(office, tmp_path, args, message, capsys):
    office.close()
    code = cli.main(["report", "summary", "--db", str(office.path)] + args)
    assert code == 1 and message in capsys.readouterr().err
