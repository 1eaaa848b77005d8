"""A printout on a full disk (issue 20): one Chinese line, exit 1, no PDF and no .~ temporary file
left in the folder, and a final print locks nothing."""

import errno

from unionoffice.cli import main
from unionoffice.core.store.connection import Store


def test_final_print_on_a_full_disk_leaves_nothing(tmp_path, monkeypatch, capsys):
    from reportlab.pdfgen.canvas import Canvas

    db = tmp_path / "office.db"
    assert main(["demo", str(db), "--members", "60"]) == 0
    with Store.open(db) as store:
        cid = store.scalar("SELECT campaign_id FROM assistance WHERE locked = 0 AND campaign_id IS NOT NULL LIMIT 1")
        unlocked = store.scalar("SELECT count(*) FROM assistance WHERE locked = 0")

    def save(self):
        with open(self._filename, "wb") as out:
            out.write(b"%PDF-1.4 partial")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Canvas, "save", save)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    capsys.readouterr()
    code = main(["print", "disbursement", "--db", str(db), "--campaign", str(cid), "--final",
                 "--out", str(out_dir / "发放表.pdf")])
    err = capsys.readouterr().err
    assert code == 1 and "磁盘空间不足" in err and "Traceback" not in err
    assert list(out_dir.iterdir()) == []
    with Store.open(db) as store:
        assert store.scalar("SELECT count(*) FROM assistance WHERE locked = 0") == unlocked
