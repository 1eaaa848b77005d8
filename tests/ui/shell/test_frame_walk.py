"""The window's frame as a hurried clerk walks it: the wrong file picked in 打开, a file that
went away, a second office, backups and restore — each ends with a clear Chinese word and the
office she was working on still open."""

from __future__ import annotations

import zipfile
from pathlib import Path

from PySide6.QtWidgets import QFileDialog


def choose_file(monkeypatch, path: Path, which: str = "getOpenFileName") -> None:
    monkeypatch.setattr(QFileDialog, which, staticmethod(lambda *a, **k: (str(path), "")))


def test_picking_a_workbook_in_open_names_it_and_keeps_the_office(window, store, tmp_path, monkeypatch, messages):
    book = tmp_path / "数据 文件夹" / "会员 名册.xlsx"
    book.parent.mkdir()
    with zipfile.ZipFile(book, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/workbook.xml", "<workbook/>" + "".join(f"<c>{i}</c>" for i in range(400)))
    choose_file(monkeypatch, book)
    assert not window.open_file_dialog()  # no password asked: that would be a modal and fail here
    assert window.store is store
    text = messages.texts()
    assert "会员 名册.xlsx" in text and "Excel 工作簿" in text and "导入会员名册" in text
    assert "加密" not in text and "损坏" not in text



def office_file(path: Path, office: str) -> Path:
    from unionoffice.core.store.connection import Store

    path.parent.mkdir(parents=True, exist_ok=True)
    s = Store.open(path)
    s.set_setting("office_name", office)
    s.close()
    return path.resolve()


def test_a_file_on_an_unplugged_drive_comes_back_to_the_recent_menu(window, store, tmp_path):
    usb = office_file(tmp_path / "U盘" / "工会 2026.db", "U盘上的街道总工会")
    assert window.open_file(usb)
    assert window.open_file(store.path)
    (tmp_path / "U盘").rename(tmp_path / "拔出")  # the U盘 is taken out
    assert usb not in window.recent_menu_paths()
    assert window.open_file(office_file(tmp_path / "另一个.db", "另一个街道总工会"))
    (tmp_path / "拔出").rename(tmp_path / "U盘")  # plugged in again the next day
    assert window.recent_menu_paths()[:3] == [tmp_path.resolve() / "另一个.db", store.path, usb]
