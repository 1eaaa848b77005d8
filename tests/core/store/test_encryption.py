"""The office password encrypts the database and its backups (SQLCipher); without it the file is noise."""

from __future__ import annotations

import sqlite3

import pytest

from unionoffice.core.demo.office import generate_demo
from unionoffice.core.errors import StoreError, UserError
from unionoffice.core.store import auth, backup, driver, encryption
from unionoffice.core.store.check import check_database
from unionoffice.core.store.connection import Store


@pytest.fixture
def office(tmp_path):
    path = tmp_path / "office.db"
    with Store.open(path) as store:
        generate_demo(store, members=300, seed=3)
    return path


def plain_sqlite_reads(path) -> bool:
    """What another program (the sqlite3 shell, DB Browser) sees."""
    try:
        conn = sqlite3.connect(path)
        try:
            return conn.execute("SELECT count(*) FROM members").fetchone()[0] >= 0
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return False


def test_setting_a_password_encrypts_the_file_and_keeps_every_record(office):
    with Store.open(office) as store:
        before = {t: store.scalar(f"SELECT count(*) FROM {t}") for t in ("members", "orgs", "assistance", "activities")}
        ids = [r[0] for r in store.query("SELECT id_number FROM members ORDER BY id LIMIT 5")]
        message = auth.set_password(store, "东湖街道2026")
        assert "加密" in message and store.encrypted
        after = {t: store.scalar(f"SELECT count(*) FROM {t}") for t in before}
        assert after == before
        members_id = store.scalar("SELECT min(id) FROM members")
        store.execute("UPDATE members SET phone = '13900000000' WHERE id = ?", (members_id,))  # still writable
    assert driver.is_encrypted(office)
    assert not plain_sqlite_reads(office)
    raw = office.read_bytes()
    assert ids[0].encode() not in raw and "东湖".encode() not in raw
    driver.forget_all()
    with Store.open(office, password="东湖街道2026") as store:
        assert [r[0] for r in store.query("SELECT id_number FROM members ORDER BY id LIMIT 5")] == ids
        assert store.scalar("SELECT phone FROM members WHERE id = ?", (members_id,)) == "13900000000"
        assert store.repaired_triggers == []  # the guards came across with the data


def test_an_encrypted_file_needs_its_password(office):
    with Store.open(office) as store:
        auth.set_password(store, "secret1")
    driver.forget_all()
    with pytest.raises(driver.PasswordError, match="已加密，需要输入密码") as err:
        Store.open(office)
    assert not err.value.tried
    with pytest.raises(driver.PasswordError, match="密码不正确"):
        Store.open(office, password="secret2")
    with Store.open(office, password="secret1") as store:
        assert store.counts()["members"] == 300


def test_backups_of_an_encrypted_office_are_encrypted_with_it(office):
    with Store.open(office) as store:
        plain_copy = auth._backup_first(store, "测试")
        auth.set_password(store, "secret1")
        made = backup.make_backup(store)
    assert not driver.is_encrypted(plain_copy)  # the copy taken before the password: plain, as said
    assert driver.is_encrypted(made) and not plain_sqlite_reads(made)
    assert backup.verify(made) is None
    driver.forget_all()
    info = backup.describe(made)
    assert info.locked and "密码" in (backup.verify(made) or "")


def test_changing_the_password_takes_a_backup_under_the_old_one_first(office):
    with Store.open(office) as store:
        auth.set_password(store, "secret1")
        auth.set_password(store, "secret2", current="secret1")
        with pytest.raises(UserError, match="当前密码不正确"):
            auth.set_password(store, "secret3", current="secret1")
    driver.forget_all()
    with pytest.raises(driver.PasswordError):
        Store.open(office, password="secret1")
    driver.forget_all()
    safety = [b for b in backup.list_backups(office) if "改密码前" in b.path.name]
    assert len(safety) == 1 and safety[0].locked
    driver.remember("secret1")
    assert backup.verify(safety[0].path) is None
    with Store.open(office, password="secret2") as store:
        actions = [r[0] for r in store.query("SELECT after FROM audit WHERE table_name = 'settings' ORDER BY id")]
        assert actions[-2:] == ['{"password": "已设置"}', '{"password": "已更换"}']


def test_removing_the_password_decrypts(office):
    with Store.open(office) as store:
        auth.set_password(store, "secret1")
        with pytest.raises(UserError):
            auth.remove_password(store, current="nope")
        assert "不再加密" in auth.remove_password(store, current="secret1")
        assert not store.encrypted and not auth.has_password(store)
    assert plain_sqlite_reads(office) and not driver.is_encrypted(office)


def test_a_failed_re_encryption_leaves_the_file_as_it_was(office, monkeypatch):
    def broken(store, staged):
        raise StoreError("加密后的副本校验失败（测试），数据库没有改动。")

    monkeypatch.setattr(encryption, "_compare", broken)
    with Store.open(office) as store:
        with pytest.raises(StoreError, match="没有改动"):
            auth.set_password(store, "secret1")
        assert not store.encrypted and not auth.has_password(store)
        assert store.counts()["members"] == 300  # the window goes on with the file as it was
    assert plain_sqlite_reads(office)
    assert not [p for p in office.parent.iterdir() if ".rekey-" in p.name]


def test_check_reads_an_encrypted_file_with_its_password(office):
    with Store.open(office) as store:
        auth.set_password(store, "secret1")
    report = check_database(office)
    assert report.ok and report.encrypted
    assert "加密：是" in "\n".join(report.lines())
    driver.forget_all()
    with pytest.raises(driver.PasswordError):
        check_database(office)


def test_a_damaged_plain_file_is_still_called_damaged_not_encrypted(office):
    data = bytearray(office.read_bytes())
    data[:100] = b"\0" * 100  # the header wiped
    office.write_bytes(bytes(data))
    assert not driver.is_encrypted(office)


def test_restoring_a_backup_made_under_another_password_asks_for_it(office):
    with Store.open(office) as store:
        auth.set_password(store, "secret1")
        old = backup.make_backup(store, label="旧密码")
        auth.set_password(store, "secret2", current="secret1")
        store.execute("DELETE FROM settings WHERE key = 'nothing'")
    driver.forget_all()
    driver.remember("secret2")
    with pytest.raises(backup.BackupPasswordError, match="制作这份备份时使用的数据库密码"):
        backup.restore_office(old, office)
    with pytest.raises(backup.BackupPasswordError, match="密码不对"):
        backup.restore_office(old, office, password="wrong11")
    result = backup.restore_office(old, office, password="secret1")
    assert "制作备份时的密码" in result.password_note
    driver.forget_all()
    with Store.open(office, password="secret1") as store:  # the office now opens with the backup's password
        assert store.counts()["members"] == 300
        assert store.scalar("SELECT count(*) FROM audit WHERE action = 'restore_backup'") == 1


def test_a_worker_and_a_reader_beside_the_window_open_the_encrypted_file(office):
    with Store.open(office) as store:
        auth.set_password(store, "secret1")
        worker = store.open_worker()
        with worker.atomic():
            worker.execute("UPDATE settings SET value = '加密街道' WHERE key = 'office_name'")
        worker.close()
        assert store.office_name == "加密街道"
        reader = Store.open(office, reader=True)  # the CLI while the window has the file
        try:
            assert reader.read_only and reader.office_name == "加密街道"
        finally:
            reader.close()
