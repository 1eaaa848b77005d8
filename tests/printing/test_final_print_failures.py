"""`unionoffice print … --final` when the PDF cannot be written locks nothing and spends no receipt
number; receipts for chosen rows (--rows, --member) with 补打; the clerk named with --clerk."""

import os
import sqlite3

import pytest

from assistance_fixtures import make_campaign, needs_poppler, pdf_pages
from unionoffice.cli import main
from unionoffice.core.assistance import campaigns, records as assistance
from unionoffice.core.assistance.query import sheet_rows
from unionoffice.core.store.connection import Store


@pytest.fixture
def office(tmp_path):
    db = tmp_path / "office.db"
    with Store.open(db, user="测试员") as store:
        store.set_setting("office_name", "测试街道总工会")
        cid = make_campaign(store, 5)
    return db, cid


def state(db, cid):
    conn = sqlite3.connect(db)
    try:
        locked = conn.execute("SELECT count(*) FROM assistance WHERE campaign_id = ? AND locked = 1", (cid,)).fetchone()[0]
        numbers = conn.execute("SELECT count(*) FROM assistance WHERE receipt_no IS NOT NULL").fetchone()[0]
        status = conn.execute("SELECT status FROM campaigns WHERE id = ?", (cid,)).fetchone()[0]
    finally:
        conn.close()
    return locked, numbers, status


@pytest.mark.parametrize("what", ["disbursement", "receipts"])
def test_final_print_to_a_folder_exits_1_and_locks_nothing(office, tmp_path, capsys, what):
    db, cid = office
    folder = tmp_path / "发放表.pdf"
    folder.mkdir()
    code = main(["print", what, "--db", str(db), "--campaign", str(cid), "--out", str(folder), "--final"])
    err = capsys.readouterr().err
    assert code == 1 and "这是一个文件夹" in err and "Traceback" not in err
    assert state(db, cid) == (0, 0, "草稿")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root may write anywhere")
def test_final_print_to_a_read_only_folder_locks_nothing(office, tmp_path, capsys):
    db, cid = office
    shut = tmp_path / "只读"
    shut.mkdir()
    shut.chmod(0o500)
    try:
        code = main(["print", "receipts", "--db", str(db), "--campaign", str(cid), "--out", str(shut / "收据.pdf"),
                     "--final"])
    finally:
        shut.chmod(0o700)
    assert code == 1 and "没有写入权限" in capsys.readouterr().err
    assert state(db, cid) == (0, 0, "草稿")


def test_pdf_held_open_by_a_viewer_locks_nothing(office, tmp_path, capsys, monkeypatch):
    """On Windows a PDF open in a viewer cannot be replaced: os.replace raises PermissionError."""
    db, cid = office
    out = tmp_path / "收据.pdf"

    def refuse(src, dst):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    code = main(["print", "receipts", "--db", str(db), "--campaign", str(cid), "--out", str(out), "--final"])
    err = capsys.readouterr().err
    assert code == 1 and "PDF 阅读器中打开" in err
    assert state(db, cid) == (0, 0, "草稿")
    assert not out.exists() and not list(tmp_path.glob(".~*"))
    monkeypatch.undo()
    assert main(["print", "receipts", "--db", str(db), "--campaign", str(cid), "--out", str(out), "--final"]) == 0
    assert state(db, cid) == (5, 5, "已打印")
    with Store.open(db) as store:  # the failed attempt spent no number: the series starts at 1
        assert sorted(r["receipt_no"][4:] for r in sheet_rows(store, cid)) == ["00001", "00002", "00003", "00004",
                                                                              "00005"]


def test_duplicates_stop_the_final_print_from_the_cli(office, tmp_path, capsys):
    db, cid = office
    with Store.open(db) as store:
        first = sheet_rows(store, cid)[0]
        other = campaigns.create_campaign(store, {"kind": "元旦春节送温暖", "name": "第二批", "campaign_date": "2026-02-01",
                                                  "funding_source": "区总", "standard_amount": "500"})
        campaigns.add_recipients(store, other, [{"name": first["name"], "id_number": first["id_number"]}])
    args = ["print", "disbursement", "--db", str(db), "--campaign", str(other), "--out", str(tmp_path / "b.pdf"),
            "--final"]
    assert main(args) == 1
    err = capsys.readouterr().err
    assert first["name"] in err and "“2026年元旦春节送温暖”" in err
    assert state(db, other)[0] == 0
    assert main(args + ["--allow-duplicates"]) == 0
    assert state(db, other)[0] == 1


@needs_poppler
def test_receipt_for_one_correction_then_a_marked_reprint(office, tmp_path, capsys):
    db, cid = office
    out = tmp_path / "收据.pdf"
    assert main(["print", "receipts", "--db", str(db), "--campaign", str(cid), "--out", str(out), "--final"]) == 0
    with Store.open(db) as store:
        row = sheet_rows(store, cid)[1]
        fix = assistance.correct_assistance(store, row["id"], amount="900", reason="标准调整")
    capsys.readouterr()
    # only the correction's receipt, picked by row
    assert main(["print", "receipts", "--db", str(db), "--campaign", str(cid), "--rows", str(fix), "--out", str(out),
                 "--final", "--clerk", "李娟"]) == 0
    assert "1 条" in capsys.readouterr().out
    text = "".join(pdf_pages(out))
    assert text.count("领款凭证") == 1 and "补发" in text and "补打" not in text and "制表：李娟" in text
    with Store.open(db) as store:
        numbers = {r["id"]: r["receipt_no"] for r in sheet_rows(store, cid)}
        assert numbers[fix] == "202600006"
        handler = store.one("SELECT user, os_user FROM audit WHERE table_name = 'assistance' AND row_id = ? "
                            "ORDER BY id DESC LIMIT 1", (fix,))
    assert handler["user"] == "李娟" and handler["os_user"]
    # a reprint of that person's receipts, by member: same numbers, marked 补打
    assert main(["print", "receipts", "--db", str(db), "--campaign", str(cid), "--member", row["id_number"],
                 "--out", str(out), "--final"]) == 0
    assert "补打 2 张" in capsys.readouterr().out
    text = "".join(pdf_pages(out))
    assert f"No. {numbers[row['id']]}（补打）" in text and f"No. {numbers[fix]}（补打）" in text
    with Store.open(db) as store:
        assert {r["id"]: r["receipt_no"] for r in sheet_rows(store, cid)} == numbers


@needs_poppler
def test_goods_only_slips_and_sheet_use_goods_wording(tmp_path):
    db = tmp_path / "g.db"
    with Store.open(db, user="测试员") as store:
        store.set_setting("office_name", "测试街道总工会")
        cid = campaigns.create_campaign(store, {"kind": "夏送清凉", "campaign_date": "2026-07-10",
                                                "funding_source": "街道总工会", "standard_amount": "0"})
        campaigns.add_recipient(store, cid, {"name": "张三", "id_number": "11010519491231002X"}, amount=0,
                                goods="绿豆、凉茶", goods_value="80")
    out = tmp_path / "r.pdf"
    assert main(["print", "receipts", "--db", str(db), "--campaign", str(cid), "--out", str(out)]) == 0
    text = "".join(pdf_pages(out))
    assert "物品领取凭证" in text and "领物人（签名）" in text
    assert "发放方式" not in text and "领款凭证" not in text
    assert main(["print", "disbursement", "--db", str(db), "--campaign", str(cid), "--out", str(out)]) == 0
    text = "".join(pdf_pages(out))
    assert "领物人签名" in text and "发放方式" not in text and "慰问品发放表" in text
