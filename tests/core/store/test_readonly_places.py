"""A read-only place (write-protected U盘, CD, read-only folder) is named in Chinese: the system's
English reason ("Read-only file system") never reaches the clerk. The tests run as any user, so
the read-only place is simulated where the program meets it."""

import errno
import os
from pathlib import Path

import pytest

from unionoffice.core.errors import StoreError, os_reason
from unionoffice.core.store import backup, opening
from unionoffice.core.store.connection import Store


def read_only(*args, **kwargs):
    raise OSError(errno.EROFS, "Read-only file system")


@pytest.fixture
def store(tmp_path):
    s = Store.open(tmp_path / "工会.db")
    yield s
    s.close()


def test_choosing_a_read_only_backup_folder_says_so_in_chinese(store, tmp_path, monkeypatch):
    folder = tmp_path / "只读 盘"
    folder.mkdir()
    monkeypatch.setattr(Path, "write_bytes", read_only)
    with pytest.raises(StoreError) as caught:
        backup.set_backup_folder(store, folder)
    message = str(caught.value)
    assert str(folder) in message and "只读" in message and "Read-only" not in message


def test_a_backup_into_a_read_only_folder_says_so_in_chinese(store, tmp_path, monkeypatch):
    monkeypatch.setattr(Path, "mkdir", read_only)
    with pytest.raises(StoreError) as caught:
        backup.make_backup(store, tmp_path / "U盘" / "备份")
    message = str(caught.value)
    assert "只读" in message and "Read-only" not in message


def test_a_new_file_in_a_read_only_folder_does_not_ask_to_copy_it(tmp_path, monkeypatch):
    folder = tmp_path / "只读 盘"
    folder.mkdir()
    real = os.access
    monkeypatch.setattr(opening.os, "access", lambda p, mode: False if Path(p) == folder else real(p, mode))
    with pytest.raises(StoreError) as caught:
        Store.open(folder / "新 街道.db", create=True)
    message = str(caught.value)
    assert "新建" in message and "只读" in message and str(folder) in message and "复制" not in message
    assert not (folder / "新 街道.db").exists()


@pytest.mark.parametrize("exc, says", [
    (OSError(errno.ENOSPC, "No space left on device"), "磁盘空间不足"),
    (PermissionError(errno.EACCES, "Permission denied"), "没有写入权限"),
    (FileNotFoundError(errno.ENOENT, "No such file or directory"), "不存在"),
])
def test_common_reasons_are_chinese(exc, says):
    assert says in os_reason(exc)
