"""The tax office's 工会经费代收明细: read in any spelling, matched by credit code then name, unknown
payers and bad rows to the problem report (never a new org), re-import changes nothing; also
through the CLI."""

import datetime

import pytest
from openpyxl import load_workbook

from unionoffice import cli
from unionoffice.core.fees import records as fees
from unionoffice.core.orgs.records import create_org
from unionoffice.core.values.ids import credit_code_check_char
from unionoffice.exchange.importing.external_lists import apply_list, prepare_list, write_report


def code(body: str) -> str:
    first17 = f"91440300{body:0>9}"[:17]
    return first17 + credit_code_check_char(first17)


A, B, C = code("MA5AAAAA1"), code("MA5BBBBB2"), code("MA5CCCCC3")


@pytest.fixture
def orgs(store):
    a = create_org(store, {"name": "深圳市甲科技有限公司", "credit_code": A, "workers": 40, "union_mode": "独立建会"})
    b = create_org(store, {"name": "深圳市乙商贸有限公司", "workers": 12, "union_mode": "联合建会"})  # no code on file
    c = create_org(store, {"name": "深圳市丙物业有限公司", "credit_code": C, "workers": 80, "union_mode": "独立建会"})
    return a, b, c


def tax_book(book, rows, header=None, name="代收明细.xlsx"):
    header = header or ["序号", "纳税人识别号", "纳税人名称", "征收项目", "计费依据", "代收金额（元）", "入库日期"]
    body = [["国家税务总局深圳市罗湖区税务局 工会经费代收明细"] + [None] * (len(header) - 1),
            ["所属期：2026年1月-3月"] + [None] * (len(header) - 1), header] + rows
    body.append(["合计", None, None, None, None, sum(r[5] for r in rows if isinstance(r[5], (int, float))), None])
    return book(name, {"明细": body}, {"明细": ["A1:G1"]})


GOOD = [
    [1, A, "深圳市甲科技有限公司", "工会经费", 300000, 6000, datetime.date(2026, 4, 15)],
    [2, A, "深圳市甲科技有限公司（更名前）", "工会经费", 300000, 6000, "2026.7.15"],  # matched by its code
    [3, None, "深圳市乙商贸有限公司", "工会经费", 50000.5, 1000.01, 46127],  # by name; Excel serial date
]
BAD = [
    [4, code("MA5XXXXX9"), "深圳市不存在有限公司", "工会经费", 100000, 2000, "2026-04-15"],
    [5, "91440300MA5AAAAA1X", "深圳市某某公司", "工会经费", 100000, 2000, "2026-04-15"],
    [6, C, "深圳市丙物业有限公司", "工会经费", 100000, "两千", "2026-04-15"],
    [7, C, "深圳市丙物业有限公司", "工会经费", 100000, 2000, "2026-13-01"],
    [8, B, "深圳市甲科技有限公司", "工会经费", 100000, 2000, "2026-04-16"],
    [9, A, "深圳市甲科技有限公司", "工会经费", 300000, 6000, datetime.date(2026, 4, 15)],
]


def test_good_rows_are_matched_and_bad_rows_get_chinese_reasons(store, orgs, book, tmp_path):
    a, b, c = orgs
    path = tax_book(book, GOOD + BAD)
    plan = prepare_list(store, path, "tax_list")
    assert plan.header_row == 3 and plan.skipped_totals == [("明细", 13)]
    assert [(r["org_id"], r["amount"], r["paid_date"]) for r in plan.rows] == \
        [(a, 6000_00, "2026-04-15"), (a, 6000_00, "2026-07-15"), (b, 1000_01, "2026-04-15")]
    reasons = {r.row: (r.field, r.reason) for r in plan.rejected}
    assert "单位台账中没有“深圳市不存在有限公司”" in reasons[7][1] and "不会自动新建单位" in reasons[7][1]
    assert reasons[8][0] == "统一社会信用代码"
    assert reasons[9][0] == "代收金额"
    assert reasons[10][0] == "入库日期"
    assert "与本表的" in reasons[11][1] and reasons[11][0] == "统一社会信用代码"  # 甲's name with another code
    assert "第 4 行" in reasons[12][1]  # the very same row twice
    assert store.scalar("SELECT count(*) FROM orgs") == 3

    assert apply_list(store, plan) == 3
    assert store.scalar("SELECT count(*) FROM orgs") == 3  # never a new org
    line = {x.org_id: x for x in fees.fee_lines(store, "2026-01-01", "2026-12-31")}[a]
    assert (line.payroll, line.due, line.paid, line.method) == (600_000_00, 12_000_00, 12_000_00, "税务代收")

    report = write_report(plan, tmp_path / "问题.xlsx")
    ws = load_workbook(report).active
    rows = list(ws.iter_rows(min_row=3, values_only=True))
    assert [r[1] for r in rows] == [7, 8, 9, 10, 11, 12]
    assert rows[0][3].startswith("单位台账中没有")


def test_reimporting_the_same_list_changes_nothing(store, orgs, book):
    path = tax_book(book, GOOD)
    apply_list(store, prepare_list(store, path, "tax_list"))
    before = store.scalar("SELECT count(*) FROM audit")
    again = prepare_list(store, path, "tax_list")
    assert (len(again.rows), again.unchanged, again.rejected) == (0, 3, [])
    assert apply_list(store, again) == 0
    assert store.scalar("SELECT count(*) FROM audit") == before


@pytest.mark.parametrize("header", [
    ["序号", "社会信用代码（纳税人识别号）", "缴费人名称", "征收品目", "计征依据", "实缴金额", "缴款日期"],
    ["No", "统一社会信用代码", "单位名称", "项目", "工资总额", "入库金额", "入库时间"],
])
def test_other_spellings_of_the_columns(store, orgs, book, header):
    plan = prepare_list(store, tax_book(book, GOOD[:1], header=header), "tax_list")
    assert [(r["amount"], r["base"]) for r in plan.rows] == [(6000_00, 300000_00)]


def test_a_period_puts_every_row_in_it(store, orgs, book):
    a, _, _ = orgs
    apply_list(store, prepare_list(store, tax_book(book, GOOD[:1]), "tax_list", period="2026-Q2"))
    assert fees.find_fee_record(store, a, "2026-Q2") is not None


def test_a_workbook_without_the_columns_is_refused(store, orgs, book):
    path = book("别的表.xlsx", {"Sheet1": [["姓名", "电话"], ["张三", "123"]]})
    with pytest.raises(Exception, match="找不到工会经费税务代收明细的表头"):
        prepare_list(store, path, "tax_list")


def test_cli_import_dry_run_then_import_and_report(store, orgs, book, tmp_path, capsys):
    path = tax_book(book, GOOD + BAD)
    db = str(store.path)
    store.close()
    assert cli.main(["fees", "import", str(path), "--db", db, "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "试运行" in out and "新增缴款 3 笔" in out and "拒绝 6 行" in out
    report = tmp_path / "问题清单.xlsx"
    assert cli.main(["fees", "import", str(path), "--db", db, "--report", str(report)]) == 0
    out = capsys.readouterr().out
    assert "导入完成" in out and "未导入 第 7 行：单位台账中没有" in out and report.exists()
    assert cli.main(["fees", "import", str(path), "--db", db]) == 0
    assert "已导入过 3 笔" in capsys.readouterr().out
    assert cli.main(["fees", "import", str(tmp_path / "无此文件.xlsx"), "--db", db]) == 1
    assert "错误" in capsys.readouterr().err


def test_a_rows_own_period_decides_its_fee_year(store, orgs, book):
    a, _, _ = orgs
    header = ["纳税人识别号", "纳税人名称", "费款所属期", "计费依据", "代收金额", "入库日期"]
    rows = [[A, "深圳市甲科技有限公司", "2025-10-01至2025-12-31", 100000, 2000, "2026-01-15"],
            [A, "深圳市甲科技有限公司", datetime.date(2026, 1, 1), 100000, 2000, "2026-04-15"],
            [A, "深圳市甲科技有限公司", "上季度", 100000, 2000, "2026-04-16"]]
    path = book("带所属期.xlsx", {"Sheet1": [header] + rows})
    plan = prepare_list(store, path, "tax_list")
    assert [r["period"] for r in plan.rows] == ["2025", "2026"]
    assert [(r.row, r.field) for r in plan.rejected] == [(4, "所属期起")]


def test_a_list_shaped_like_the_tax_systems_own_export(store, orgs, book):
    a, b, c = orgs
    header = ["序号", "缴费人识别号", "缴费人名称", "费种", "征收品目", "费款所属期起", "费款所属期止", "缴费基数",
              "费率", "应缴费额", "实缴费额", "入库时间", "电子税票号码", "主管税务所（科、分局）"]
    rows = [[1, C, "深圳市丙物业有限公司", "工会经费", "工会经费", "2026-01-01", "2026-03-31", 800000, 0.02, 16000,
             16000, "2026-04-20", "326046260000123456", "东湖税务所"],
            [2, A, "深圳市甲科技有限公司", "工会经费", "工会经费", "2026-01-01", "2026-03-31", 300000, 0.02, 6000,
             6000, "2026-04-20", "326046260000123457", "东湖税务所"]]
    plan = prepare_list(store, book("征收系统导出.xlsx", {"sheet1": [header] + rows}), "tax_list")
    assert plan.rejected == []
    assert [(r["org_id"], r["amount"], r["base"], r["period"]) for r in plan.rows] == \
        [(c, 16000_00, 800000_00, "2026"), (a, 6000_00, 300000_00, "2026")]


def test_columns_spelled_as_never_before_are_named_on_the_command_line(store, orgs, book, capsys):
    header = ["单位", "号码", "本期实缴", "到账"]
    path = book("怪表头.xlsx", {"Sheet1": [["某区代收情况"], header, ["深圳市甲科技有限公司", A, 2000, "2026-04-15"]]})
    db = str(store.path)
    store.close()
    assert cli.main(["fees", "import", str(path), "--db", db, "--dry-run"]) == 1
    assert "可用 --column 代收金额=表中列名" in capsys.readouterr().err
    args = ["fees", "import", str(path), "--db", db, "--column", "代收金额=本期实缴", "--column", "入库日期=到账",
            "--column", "纳税人名称=单位"]
    assert cli.main(args) == 0
    assert "新增缴款 1 笔（2,000.00 元）" in capsys.readouterr().out
    assert cli.main(["fees", "import", str(path), "--db", db]) == 0  # remembered: no --column needed now
    assert "已导入过 1 笔" in capsys.readouterr().out
    assert cli.main(["fees", "import", str(path), "--db", db, "--column", "金额"]) == 1
    assert cli.main(["fees", "import", str(path), "--db", db, "--column", "工资=本期实缴"]) == 1
    assert "字段“工资”无法识别" in capsys.readouterr().err
