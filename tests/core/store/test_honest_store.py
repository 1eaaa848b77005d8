"""Honest messages and nothing left behind (issue 20): read-only media is read-only, not damage;
an unreadable file says 没有读取权限; killed restores and prints leave nothing on the next open."""

import os
import subprocess
import sys
import time

import pytest

from unionoffice.cli import main
from unionoffice.core.errors import StoreError
from unionoffice.core.store import check
from unionoffice.core.store.connection import Store
from unionoffice.core.store import driver


@pytest.fixture
def office(db_path):
    with Store.open(db_path) as store:
        store.set_setting("office_name", "测试街道总工会")
    return db_path


def test_check_on_read_only_media_says_read_only_not_damaged(office, monkeypatch, capsys):
    """On a CD or write-protected stick SQLite cannot create the -shm a WAL file needs: the first
    read fails with 'unable to open database file'. Simulated here, since tests run as root."""
    real_connect = driver.sqlite.connect

    def connect(target, *args, **kwargs):
        if "mode=ro" in str(target) and "immutable=1" not in str(target):
            conn = real_connect(":memory:")
            conn.close()  # any query now fails like the -shm that cannot be made
            return conn
        return real_connect(target, *args, **kwargs)

    monkeypatch.setattr(driver.sqlite, "connect", connect)
    monkeypatch.setattr(check, "read_only_location", lambda path: True)
    assert main(["check", "--db", str(office)]) == 0
    out = capsys.readouterr().out
    assert "位置：只读" in out and "结论：正常" in out and "损坏" not in out


def test_unreadable_file_says_no_read_permission(office, monkeypatch, capsys):
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: False if mode == os.R_OK and str(p) == str(office)
                        else real_access(p, mode))
    assert main(["check", "--db", str(office)]) == 1
    err = capsys.readouterr().err
    assert "没有读取权限" in err and "损坏" not in err
    with pytest.raises(StoreError, match="没有读取权限"):
        Store.open(office)


@pytest.mark.skipif(sys.platform == "win32", reason="process ids checked on POSIX")
def test_stale_restore_copies_and_staged_pdfs_are_removed_on_open(office):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = office.with_name(f".{office.name}.restore-{dead.pid}")
    stale.write_bytes(b"copy of personal data")
    live = office.with_name(f".{office.name}.restore-{os.getppid()}")  # a running process: kept
    live.write_bytes(b"in progress")
    old_pdf = office.with_name(".~发放表abc.pdf")
    old_pdf.write_bytes(b"%PDF")
    hour_ago = time.time() - 7200
    os.utime(old_pdf, (hour_ago, hour_ago))
    fresh_pdf = office.with_name(".~发放表def.pdf")  # perhaps being written right now
    fresh_pdf.write_bytes(b"%PDF")
    Store.open(office).close()
    assert not stale.exists() and not old_pdf.exists()
    assert live.exists() and fresh_pdf.exists()
