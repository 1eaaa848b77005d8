"""A shared folder is not a server (issue 20): network locations are recognised, the clerk is told
where the file belongs, and a file opened there anyway never uses WAL and is held exclusively."""

import sqlite3
import sys

import pytest

from unionoffice.cli import main
from unionoffice.core.store import location
from unionoffice.core.store.connection import Store
from unionoffice.core.store.driver import sqlite as dbapi  # the store's SQLite (SQLCipher)


def test_unc_paths_are_network_locations():
    assert "\\\\server\\工会" in location.network_location(r"\\server\工会\2026\office.db")
    assert location.network_location("//nas/share/office.db")


@pytest.mark.skipif(sys.platform == "win32", reason="/proc/mounts is Linux's; Windows asks GetDriveTypeW")
def test_linux_network_mounts_are_recognised(tmp_path, monkeypatch):
    share = tmp_path / "share"
    (share / "工会").mkdir(parents=True)
    mounts = tmp_path / "mounts"
    mounts.write_text(f"/dev/sda1 / ext4 rw 0 0\n//server/gonghui {share} cifs rw,vers=3.0 0 0\n"
                      f"tmpfs {tmp_path / 'ram'} tmpfs rw 0 0\n", encoding="utf-8")
    monkeypatch.setattr(location, "MOUNTS", str(mounts))
    assert "cifs" in location.network_location(share / "工会" / "office.db")
    assert location.network_location(tmp_path / "local.db") == ""


@pytest.fixture
def on_share(monkeypatch):
    monkeypatch.setattr(location, "network_location", lambda path: "网络共享（cifs：//server/gonghui）")


def test_opened_on_a_share_it_uses_a_rollback_journal_and_holds_the_file(db_path, on_share):
    with Store.open(db_path) as store:
        assert store.scalar("PRAGMA journal_mode") == "delete"
        assert store.scalar("PRAGMA locking_mode") == "exclusive"
        store.set_setting("office_name", "共享街道")
        # the same SQLite library as the store: two libraries in one process don't see each other's locks
        other = dbapi.connect(str(db_path), timeout=0.1)
        with pytest.raises(dbapi.OperationalError, match="locked"):
            other.execute("SELECT count(*) FROM members").fetchone()
        other.close()
        worker = store.open_worker()  # a background job still gets its connection
        with worker.atomic():
            worker.execute("UPDATE settings SET value = '共享街道工会' WHERE key = 'office_name'")
        worker.close()
        assert store.office_name == "共享街道工会"
        assert store.scalar("PRAGMA locking_mode") == "exclusive"
    assert not db_path.with_name(db_path.name + "-wal").exists()


def test_cli_tells_the_clerk_where_the_file_belongs(db_path, on_share, capsys):
    Store.open(db_path).close()
    assert main(["audit", "--db", str(db_path), "--limit", "1"]) == 0
    err = capsys.readouterr().err
    assert "共享" in err and "应放在一台电脑上" in err
