"""Period figures of the dispute log, exact on a hand-built set, and agreeing with the export."""

from datetime import date

import openpyxl
import pytest

from unionoffice.core.values import dates
from unionoffice.core.disputes import records as disputes
from unionoffice.core.disputes.stats import dispute_figures, percent
from unionoffice.core.errors import UserError
from unionoffice.exchange.exports.disputes import export_disputes


def case(store, received, kind, source, workers, amount, path=(), close=None):
    """A case taken along ``path`` [(status, date)], then closed with (date, outcome, recovered)."""
    names = [{"name": f"申请人{received}{i}"} for i in range(min(workers, 2))]
    case_id = disputes.create_dispute(store, {"received_date": received, "kind": kind, "source": source,
                                              "respondent_name": "某公司", "workers": workers, "amount": amount},
                                      names)
    for status, day in path:
        disputes.change_status(store, case_id, status, day)
    if close:
        disputes.close_dispute(store, case_id, *close)
    return case_id


@pytest.fixture
def office(store, monkeypatch):
    """Nine cases by hand (see the expected figures in each test)."""
    monkeypatch.setattr(dates, "today", lambda: date(2026, 11, 24))
    case(store, "2026-01-05", "劳动报酬/欠薪", "来访", 15, "150000",
         [("调解中", "2026-01-06"), ("调解成功", "2026-01-15")], ("2026-01-25", "已履行", "140000"))  # A
    case(store, "2026-02-10", "解除/终止", "来电", 1, "20000",
         [("调解中", "2026-02-11"), ("调解不成", "2026-02-20"), ("转仲裁", "2026-02-21")])  # B
    case(store, "2026-03-15", "社会保险", "网络", 2, "0", [("撤回", "2026-03-18")])  # C
    case(store, "2026-06-30", "工伤", "上级转办", 1, "50000", [("调解中", "2026-07-01")])  # D: overdue
    case(store, "2026-07-01", "劳动报酬/欠薪", "来访", 30, "300000",
         [("调解中", "2026-07-02"), ("调解成功", "2026-07-10")])  # E
    case(store, "2026-11-20", "其他", "主动排查", 1, "0")  # F: deadline 2026-12-05, not overdue
    case(store, "2025-12-31", "劳动合同", "来信", 1, "9999")  # G: the year before
    gone = case(store, "2026-04-01", "工伤", "来访", 3, "70000")  # H: in the recycle bin
    disputes.delete_disputes(store, [gone])
    case(store, "2026-05-05", "劳动报酬/欠薪", "来访", 10, "80000",
         [("调解中", "2026-05-06"), ("调解不成", "2026-05-18")], ("2026-05-30", "告知申请仲裁", ""))  # I
    return store


def test_first_half_year_figures_are_exact(office):
    f = dispute_figures(office, "2026-01-01", "2026-06-30")
    assert (f.received, f.collective, f.collective_workers, f.workers) == (5, 2, 25, 29)  # A B C D I
    assert f.amount == 300_000_00
    assert (f.mediated, f.succeeded, f.failed) == (3, 1, 2)  # A成功 B不成 I不成; C withdrew, D still mediating
    assert f.mediation_rate == pytest.approx(3 / 5) and f.success_rate == pytest.approx(1 / 3)
    assert f.recovered == 140_000_00
    assert (f.open, f.overdue, f.closed, f.withdrawn) == (2, 1, 2, 1)  # open: B 转仲裁, D 调解中 (overdue)
    assert f.by_kind == {"劳动报酬/欠薪": 2, "劳动合同": 0, "社会保险": 1, "工伤": 1, "解除/终止": 1, "工时休假": 0, "其他": 0}
    assert f.by_source == {"来访": 2, "来电": 1, "来信": 0, "网络": 1, "上级转办": 1, "主动排查": 0}
    assert f.amount_by_kind["劳动报酬/欠薪"] == 230_000_00 and f.amount_by_kind["工伤"] == 50_000_00
    assert f.by_status["结案"] == 2 and f.by_status["撤回"] == 1


def test_whole_year_figures_are_exact(office):
    f = dispute_figures(office, date(2026, 1, 1), date(2026, 12, 31))
    assert (f.received, f.collective, f.workers, f.amount) == (7, 3, 60, 600_000_00)
    assert (f.mediated, f.succeeded) == (4, 2)
    assert percent(f.mediation_rate) == "57.1%" and percent(f.success_rate) == "50.0%"
    assert (f.open, f.overdue) == (4, 1)  # B D E F; F is within its 15 days
    assert dict(f.lines())["调处率"] == "57.1%"
    assert dict(f.lines())["涉及金额"] == "600,000.00 元"


def test_an_empty_period_has_no_rates(office):
    f = dispute_figures(office, "2024-01-01", "2024-12-31")
    assert f.received == 0 and f.mediation_rate is None and percent(f.success_rate) == "—"


def test_a_period_ending_before_it_starts_is_refused(office):
    with pytest.raises(UserError, match="结束日期 2026-01-01 早于开始日期 2026-06-30"):
        dispute_figures(office, "2026-06-30", "2026-01-01")


def test_exported_rows_agree_with_the_period_figures(office, tmp_path):
    out = tmp_path / "争议.xlsx"
    assert export_disputes(office, out) == 8  # the recycle bin stays out
    sheet = openpyxl.load_workbook(out).active
    header = [c.value for c in sheet[2]]
    rows = [dict(zip(header, r)) for r in sheet.iter_rows(min_row=3, values_only=True)]
    assert [r["案号"] for r in rows][:3] == ["2025-0001", "2026-0001", "2026-0002"]
    for start, end in (("2026-01-01", "2026-06-30"), ("2026-01-01", "2026-12-31"), ("2025-01-01", "2026-12-31")):
        f = dispute_figures(office, start, end)
        period = [r for r in rows if start <= r["受理日期"].date().isoformat() <= end]
        assert len(period) == f.received
        assert sum(r["涉及人数"] for r in period) == f.workers
        assert round(sum(r["涉及金额（元）"] for r in period) * 100) == f.amount
        assert sum(r["集体争议"] == "是" for r in period) == f.collective
        assert sum(r["调解结果"] in ("调解成功", "调解不成") for r in period) == f.mediated
        assert sum(r["调解结果"] == "调解成功" for r in period) == f.succeeded
        assert round(sum(r["追回金额（元）"] or 0 for r in period) * 100) == f.recovered
        assert sum(r["状态"] not in ("结案", "撤回") for r in period) == f.open
        for kind, n in f.by_kind.items():
            assert sum(r["争议类型"] == kind for r in period) == n


def test_cli_exports_the_dispute_log(office, tmp_path, capsys):
    from unionoffice.cli import main

    db = str(office.path)
    office.close()
    assert main(["export", "disputes", "--db", db, "--out", str(tmp_path / "台账.xlsx")]) == 0
    assert "8 条" in capsys.readouterr().out
    rows = list(openpyxl.load_workbook(tmp_path / "台账.xlsx").active.iter_rows(min_row=3, values_only=True))
    assert len(rows) == 8
