"""`unionoffice print …` and `unionoffice export hardship|assistance` on a demo office."""

import shutil
import sqlite3
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from unionoffice.cli import main
from unionoffice.core.assistance import campaigns
from unionoffice.core.store.connection import Store


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    assert main(["demo", str(path), "--members", "600", "--seed", "5"]) == 0
    return path


def campaign_named(path, fragment):
    with Store.open(path) as store:
        return next(c for c in campaigns.list_campaigns(store) if fragment in c["name"])


def test_demo_has_campaigns_in_every_state(demo_db):
    with Store.open(demo_db) as store:
        found = {c["kind"] + c["status"] for c in campaigns.list_campaigns(store)}
        files = store.query("SELECT DISTINCT category, level, status FROM hardship_files")
        singles = store.scalar("SELECT count(*) FROM assistance WHERE campaign_id IS NULL")
        reversals = store.scalar("SELECT count(*) FROM assistance WHERE reversal_of IS NOT NULL")
    assert {"元旦春节送温暖已签领", "金秋助学已打印", "元旦春节送温暖草稿", "大病救助已签领", "夏送清凉已签领"} <= found
    assert {r[0] for r in files} == {"深度困难", "相对困难", "意外致困"}
    assert {r[1] for r in files} == {"市", "区", "街道"} and {r[2] for r in files} == {"在档", "脱困", "撤档"}
    assert singles >= 2 and reversals == 1


def test_preview_then_final_print(demo_db, tmp_path, capsys):
    demo_db = Path(shutil.copy(demo_db, tmp_path / "copy.db"))  # this test locks a campaign
    draft = campaign_named(demo_db, "元旦春节")  # newest first: next year's draft
    assert draft["status"] == "草稿"
    out = tmp_path / "sheet.pdf"
    assert main(["print", "disbursement", "--db", str(demo_db), "--campaign", str(draft["id"]), "--out", str(out)]) == 0
    assert "预览，未锁定" in capsys.readouterr().out and out.exists()
    assert campaign_named(demo_db, "元旦春节")["status"] == "草稿"
    assert main(["print", "receipts", "--db", str(demo_db), "--campaign", str(draft["id"]), "--out", str(out),
                 "--final"]) == 0
    assert f"本次锁定 {draft['totals']['rows']} 笔" in capsys.readouterr().out
    assert campaign_named(demo_db, "元旦春节")["status"] == "已打印"
    assert main(["print", "condolence", "--db", str(demo_db), "--campaign", str(draft["id"]), "--out", str(out),
                 "--final"]) == 0
    assert "慰问名单（正式" in capsys.readouterr().out


@pytest.mark.parametrize("args, code, message", [
    (["--campaign", "9999"], 1, "找不到编号为 9999 的慰问活动"),
    (["--ids", "1"], 2, "--rows/--member 只用于打印收据"),
    ([], 2, "请给出 --campaign"),
    (["--campaign", "1", "--two-part"], 2, "--two-part 只用于收据"),
])
def test_bad_print_arguments(demo_db, tmp_path, capsys, args, code, message):
    assert main(["print", "disbursement", "--db", str(demo_db), "--out", str(tmp_path / "x.pdf"), *args]) == code
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_export_assistance_sums_to_the_campaign_totals(demo_db, tmp_path, capsys):
    out = tmp_path / "a.xlsx"
    assert main(["export", "assistance", "--db", str(demo_db), "--out", str(out)]) == 0
    assert "已导出帮扶慰问记录" in capsys.readouterr().out
    ws = openpyxl.load_workbook(out).active
    header = [c.value for c in ws[2]]
    rows = list(ws.iter_rows(min_row=3, values_only=True))
    col = {label: header.index(label) for label in ("慰问活动", "金额（元）", "身份证号", "更正的原记录编号")}
    signed = campaign_named(demo_db, "大病救助")
    amount = sum(Decimal(str(r[col["金额（元）"]])) for r in rows if r[col["慰问活动"]] == signed["name"])
    assert amount * 100 == signed["totals"]["amount"]
    assert all(isinstance(r[col["身份证号"]], str) and len(r[col["身份证号"]]) == 18 for r in rows)
    assert any(r[col["更正的原记录编号"]] for r in rows)


def test_export_hardship_masks_bank_accounts(demo_db, tmp_path):
    out = tmp_path / "h.xlsx"
    assert main(["export", "hardship", "--db", str(demo_db), "--out", str(out)]) == 0
    ws = openpyxl.load_workbook(out).active
    header = [c.value for c in ws[2]]
    accounts = [r[header.index("银行账号")] for r in ws.iter_rows(min_row=3, values_only=True)]
    assert any(accounts) and all(a.startswith("**** **** ") for a in accounts if a)
    with Store.open(demo_db) as store:
        assert ws.max_row - 2 == store.scalar("SELECT count(*) FROM hardship_files WHERE deleted_at IS NULL")


def test_final_pdf_is_moved_into_place_inside_the_locking_transaction(tmp_path, monkeypatch):
    """The final PDF is rendered to a temporary name and moved into place as the last step of the
    transaction that locks the rows: if the move fails, the lock rolls back with it."""
    from unionoffice.core.assistance import campaigns
    from unionoffice.core.store.connection import Store
    from unionoffice.printing import disbursement
    from unionoffice.printing.common import StagedPdf

    db = tmp_path / "d.db"
    assert main(["demo", str(db), "--members", "300"]) == 0
    with Store.open(db) as store:
        draft = next(c for c in campaigns.list_campaigns(store) if c["status"] == "草稿")
        out = tmp_path / "final.pdf"
        real_publish = StagedPdf.publish
        seen = []

        def publish_then_check(self):
            # at publish time the lock is not yet committed: another connection still sees a draft
            other = sqlite3.connect(db)
            seen.append(other.execute("SELECT status FROM campaigns WHERE id = ?", (draft["id"],)).fetchone()[0])
            other.close()
            return real_publish(self)

        monkeypatch.setattr(StagedPdf, "publish", publish_then_check)
        result = disbursement.print_disbursement(store, draft["id"], out, final=True, allow_duplicates=True)
        assert store.scalar("SELECT status FROM campaigns WHERE id = ?", (draft["id"],)) == "已打印"
    assert seen == ["草稿"]
    assert result.path == out.resolve() and out.exists()
    assert not list(tmp_path.glob(".~*"))
