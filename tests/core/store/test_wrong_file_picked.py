"""A clerk who picks a workbook, a CSV or a PDF in 打开 is told what the file is — not asked for a
password (a workbook's zipped bytes look encrypted) nor told her file is damaged."""

import zipfile

import pytest

from unionoffice.core.errors import StoreError
from unionoffice.core.store import auth, driver
from unionoffice.core.store.connection import DamagedFileError, Store


def workbook(path):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>" + "".join(f"<row r='{i}'>张三{i}</row>" for i in range(500)))
    return path


@pytest.mark.parametrize("name, make, says", [
    ("会员 名册.xlsx", workbook, "Excel 工作簿"),
    ("名单.csv", lambda p: p.write_text("姓名,身份证号\n张三,110101199003077777\n", encoding="utf-8"), "CSV"),
    ("发放表.pdf", lambda p: p.write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 8), "PDF 文件"),
])
def test_a_file_of_another_kind_is_named_for_what_it_is(tmp_path, name, make, says):
    path = tmp_path / "数据 文件夹" / name
    path.parent.mkdir()
    make(path)
    before = path.read_bytes()
    with pytest.raises(StoreError) as caught:
        Store.open(path, create=False)
    message = str(caught.value)
    assert not isinstance(caught.value, (driver.PasswordError, DamagedFileError))
    assert path.name in message and says in message and "不是本程序的数据库文件" in message
    assert "加密" not in message and "损坏" not in message
    assert path.read_bytes() == before
    assert not path.with_name(path.name + ".lock").exists()  # nothing left beside her file


def test_a_workbook_points_to_the_import(tmp_path):
    with pytest.raises(StoreError, match="导入会员名册"):
        Store.open(workbook(tmp_path / "名册.xlsx"), create=False)


def test_an_office_file_overwritten_by_text_is_still_damaged(tmp_path):
    path = tmp_path / "东湖.db"
    Store.open(path).close()
    path.write_text("会员名单\n张三\n" * 300, encoding="utf-8")
    with pytest.raises(DamagedFileError) as caught:
        with Store.open(path) as store:
            store.counts()
    assert "损坏" in str(caught.value) and "file is not a database" not in str(caught.value)


def test_an_encrypted_office_under_another_name_still_asks_its_password(tmp_path):
    path = tmp_path / "东湖.db"
    with Store.open(path) as store:
        auth.set_password(store, "东湖街道2026")
    driver.forget_all()
    renamed = path.rename(tmp_path / "东湖.bak")
    with pytest.raises(driver.PasswordError):
        Store.open(renamed, create=False)
