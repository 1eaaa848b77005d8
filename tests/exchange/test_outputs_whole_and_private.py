"""Every output whole or not at all, and owner-only (issue 20): a full disk gives one Chinese line,
exit 1, no traceback and no file under the final name; a finished export is 0600."""

import errno
import os
import sys

import pytest

from unionoffice.cli import main


def _full_disk(real):
    """A writer that gets some bytes onto the disk and then finds it full."""
    def save(self, target, *args, **kwargs):
        with open(target, "wb") as out:
            out.write(b"PK\x03\x04 partial")
        raise OSError(errno.ENOSPC, "No space left on device", str(target))
    return save


@pytest.fixture
def office(tmp_path):
    path = tmp_path / "office.db"
    assert main(["demo", str(path), "--members", "60"]) == 0
    return path


def _only_final_names(folder):
    return sorted(p.name for p in folder.iterdir())


def test_export_on_a_full_disk_leaves_nothing_and_says_so(office, tmp_path, monkeypatch, capsys):
    import openpyxl

    out_dir = tmp_path / "out"
    out_dir.mkdir()
    monkeypatch.setattr(openpyxl.Workbook, "save", _full_disk(openpyxl.Workbook.save))
    capsys.readouterr()
    assert main(["export", "members", "--db", str(office), "--out", str(out_dir / "会员.xlsx")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "磁盘空间不足" in err and "Traceback" not in err
    assert _only_final_names(out_dir) == []


@pytest.mark.parametrize("suffix", [".pdf", ".docx", ".xlsx"])
def test_report_on_a_full_disk_exits_1_without_a_file(office, tmp_path, monkeypatch, capsys, suffix):
    import docx.document
    import openpyxl
    from reportlab.platypus import SimpleDocTemplate

    def build(self, *args, **kwargs):
        with open(self.filename, "wb") as out:
            out.write(b"%PDF-1.4 partial")
        raise OSError(errno.ENOSPC, "No space left on device", self.filename)

    monkeypatch.setattr(SimpleDocTemplate, "build", build)
    monkeypatch.setattr(docx.document.Document, "save", _full_disk(None))
    monkeypatch.setattr(openpyxl.Workbook, "save", _full_disk(None))
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    capsys.readouterr()
    code = main(["report", "summary", "--db", str(office), "--from", "2026-01-01", "--to", "2026-12-31",
                 "--out", str(out_dir / f"报告{suffix}")])
    err = capsys.readouterr().err
    assert code == 1, err
    assert "磁盘空间不足" in err and "Traceback" not in err
    assert _only_final_names(out_dir) == []


@pytest.mark.skipif(sys.platform == "win32", reason="file modes are POSIX")
@pytest.mark.parametrize("argv", [["export", "members"], ["audit", "--full"],
                                  ["report", "summary", "--from", "2026-01-01", "--to", "2026-12-31"]])
def test_outputs_holding_personal_data_are_owner_only(office, tmp_path, argv, capsys):
    old = os.umask(0o022)
    try:
        out = tmp_path / ("out.pdf" if argv[0] == "report" else "out.xlsx")
        assert main([*argv, "--db", str(office), "--out", str(out)]) == 0
    finally:
        os.umask(old)
    assert out.stat().st_mode & 0o777 == 0o600
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".~")]


def test_disk_filling_up_inside_the_xlsx_writer_prints_no_traceback(office, tmp_path, monkeypatch, capsys):
    """The disk fills while openpyxl streams the sheet into the zip: its half-run generators must
    not print "Exception ignored … Traceback" when collected."""
    import gc
    import zipfile

    real = zipfile.ZipFile.writestr
    calls = {"n": 0}

    def writestr(self, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] > 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "writestr", writestr)
    seen = []
    monkeypatch.setattr(sys, "unraisablehook", lambda info: seen.append(info))
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    capsys.readouterr()
    assert main(["export", "members", "--db", str(office), "--out", str(out_dir / "会员.xlsx")]) == 1
    gc.collect()
    err = capsys.readouterr().err
    assert "磁盘空间不足" in err and "Traceback" not in err
    assert seen == []
    assert _only_final_names(out_dir) == []


def test_a_folder_under_the_problem_report_name_is_said_in_chinese(office, tmp_path, capsys):
    """A folder named like the report (…-导入问题.xlsx) is in the way: the clerk reads what to do,
    not the system's English "Is a directory"."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["姓名", "身份证号码", "工作单位"])
    wb.active.append(["张三", "110101199003070000", "东方商场"])  # a bad checksum: a rejected row
    roll = tmp_path / "名册.xlsx"
    wb.save(roll)
    (tmp_path / "名册-导入问题.xlsx").mkdir()
    capsys.readouterr()
    main(["import", "members", str(roll), "--db", str(office)])
    err = capsys.readouterr().err
    assert "问题清单未能写入" in err and "文件夹" in err
    assert "Is a directory" not in err


def test_a_folder_in_the_way_is_named_as_windows_reports_it_too(tmp_path):
    """Windows answers "Permission denied" (not "Is a directory") when a folder has the output's name."""
    import errno

    from unionoffice.core.store.outfile import write_error

    folder = tmp_path / "名册-导入问题.xlsx"
    folder.mkdir()
    text = str(write_error(PermissionError(errno.EACCES, "Permission denied"), folder))
    assert "同名的文件夹" in text and "没有写入权限" not in text
    plain = str(write_error(PermissionError(errno.EACCES, "Permission denied"), tmp_path / "名册-导入问题2.xlsx"))
    assert "没有写入权限" in plain
