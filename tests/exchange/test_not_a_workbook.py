"""A file that is not a workbook is named in Chinese for what it is — never “BadZipFile”."""

from __future__ import annotations

import zipfile

import pytest

from unionoffice.cli import main
from unionoffice.core.errors import UserError
from unionoffice.core.figures import catalogue as F
from unionoffice.exchange.importing.reader import open_workbook
from unionoffice.exchange.returns.district import fill_return


def _files(tmp_path):
    pdf = tmp_path / "区总模板.xlsx"
    pdf.write_bytes(b"%PDF-1.4\n" + b"x" * 200)
    text = tmp_path / "名册.xlsx"
    text.write_text("姓名,身份证号\n张三,1\n", encoding="utf-8")
    zipped = tmp_path / "打包.xlsx"
    with zipfile.ZipFile(zipped, "w") as z:
        z.writestr("名册.xlsx", b"whatever")
    broken = tmp_path / "坏的.xlsx"
    broken.write_bytes(b"PK\x03\x04" + b"\x00" * 50)
    empty = tmp_path / "空的.xlsx"
    empty.write_bytes(b"")
    return {"PDF 文件": pdf, "纯文本": text, "压缩包": zipped, "已损坏": broken, "空的": empty}


def test_the_district_template_says_what_the_file_is(store, tmp_path):
    for words, path in _files(tmp_path).items():
        with pytest.raises(UserError) as err:
            fill_return(store, F.year(2026), tmp_path / "out.xlsx", path)
        assert words in str(err.value) and path.name in str(err.value)
        assert "BadZip" not in str(err.value) and "Error" not in str(err.value)
    assert not (tmp_path / "out.xlsx").exists()


def test_the_roll_reader_says_what_the_file_is(tmp_path):
    for words, path in _files(tmp_path).items():
        with pytest.raises(UserError) as err:
            open_workbook(path)
        assert words in str(err.value) and path.name in str(err.value)
        assert not any(english in str(err.value) for english in ("Zip", "EOCD", "detect", "Error"))


def test_cli_return_with_a_pdf_template_is_one_chinese_line(store, tmp_path, capsys):
    pdf = _files(tmp_path)["PDF 文件"]
    db = str(store.path)
    store.close()
    assert main(["return", "--db", db, "--year", "2026", "--out", str(tmp_path / "o.xlsx"), "--template", str(pdf)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "它是 PDF 文件，不是 Excel 工作簿" in err
