"""The opening password (a scrypt hash in settings), the acting user in every audit row, the CLI's
UNIONOFFICE_PASSWORD, and files readable by their owner only."""

import os
import stat
import sys

import pytest

from unionoffice.cli import main
from unionoffice.core.store import auth, backup
from unionoffice.core.members import records as members
from unionoffice.core.errors import StoreError, UserError
from unionoffice.core.store.connection import Store

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")


# ------------------------------------------------------------------------ hashing
def test_hash_is_salted_scrypt_with_its_parameters():
    one, two = auth.hash_password("东湖123456"), auth.hash_password("东湖123456")
    assert one != two  # a random salt each time
    scheme, n, r, p, salt, key = one.split("$")
    assert (scheme, int(n), int(r), int(p)) == ("scrypt", auth.SCRYPT_N, auth.SCRYPT_R, auth.SCRYPT_P)
    assert "东湖123456" not in one
    assert auth.verify_hash("东湖123456", one) and auth.verify_hash("东湖123456", two)
    assert not auth.verify_hash("东湖12345", one)


def test_stored_parameters_are_used_so_they_can_change_later():
    cheap = auth.hash_password("secret1", n=2**10, r=4, p=1)
    assert auth.verify_hash("secret1", cheap) and not auth.verify_hash("secret2", cheap)


def test_a_mangled_hash_is_a_clear_error_not_a_way_in():
    with pytest.raises(StoreError, match="格式无法识别"):
        auth.verify_hash("anything", "md5$abc")


# ------------------------------------------------------------------------ setting
def test_no_password_by_default(store):
    assert not auth.has_password(store) and auth.check_password(store, "")


def test_set_change_and_remove(store):
    auth.set_password(store, "secret1")
    assert auth.has_password(store)
    assert store.get_setting(auth.PASSWORD_KEY).startswith("scrypt$")
    assert auth.check_password(store, "secret1") and not auth.check_password(store, "Secret1")
    with pytest.raises(UserError, match="当前密码不正确"):
        auth.set_password(store, "secret2", current="wrong")
    auth.set_password(store, "secret2", current="secret1")
    assert auth.check_password(store, "secret2")
    with pytest.raises(UserError, match="当前密码不正确"):
        auth.remove_password(store, current="secret1")
    auth.remove_password(store, current="secret2")
    assert not auth.has_password(store)


@pytest.mark.parametrize("bad, message", [("12345", "太短"), (" secret1", "空格"), ("x" * 200, "太长")])
def test_weak_or_odd_passwords_are_refused(store, bad, message):
    with pytest.raises(UserError, match=message):
        auth.set_password(store, bad)
    assert not auth.has_password(store)


def test_password_changes_are_in_the_audit_trail(store):
    auth.set_password(store, "secret1")
    auth.set_password(store, "secret2", current="secret1")
    auth.remove_password(store, current="secret2")
    rows = store.query("SELECT user, before, after FROM audit WHERE table_name = 'settings' ORDER BY id")
    assert [r["user"] for r in rows] == ["测试员"] * 3
    assert ['"已设置"' in r["after"] or '"已更换"' in r["after"] or '"未设置"' in r["after"] for r in rows] == [True] * 3
    assert all("secret" not in (r["before"] + r["after"]) for r in rows)


def test_password_survives_reopening(db_path):
    with Store.open(db_path) as s:
        auth.set_password(s, "东湖街道2026")
    with Store.open(db_path) as s:
        assert auth.check_password(s, "东湖街道2026")


# ------------------------------------------------------------------ who is acting
def test_login_name_goes_into_every_audit_row(store):
    store.set_user("李专干")
    member_id = members.create_member(store, {"name": "张三", "id_number": "11010519491231002X"})
    members.update_member(store, member_id, {"phone": "13800138000"})
    worker = store.open_worker()  # background work acts as the same person
    try:
        members.delete_members(worker, [member_id])
    finally:
        worker.close()
    users = [r[0] for r in store.query("SELECT user FROM audit WHERE table_name = 'members' ORDER BY id")]
    assert users == ["李专干", "李专干", "李专干"]


def test_blank_login_name_falls_back_to_the_os_user(store):
    store.set_user("   ")
    assert store.user and store.user.strip() == store.user


# ---------------------------------------------------------------------------- CLI
@pytest.fixture
def protected(tmp_path):
    path = tmp_path / "office.db"
    with Store.open(path) as s:
        s.set_setting("office_name", "东湖街道总工会")
        auth.set_password(s, "secret1")
    return path


def test_cli_needs_the_password_in_the_environment(protected, monkeypatch, capsys):
    monkeypatch.delenv(auth.ENV_PASSWORD, raising=False)
    assert main(["backup", "--db", str(protected)]) == 1
    assert auth.ENV_PASSWORD in capsys.readouterr().err
    monkeypatch.setenv(auth.ENV_PASSWORD, "wrong")
    assert main(["backup", "--db", str(protected)]) == 1
    assert "密码不正确" in capsys.readouterr().err
    monkeypatch.setenv(auth.ENV_PASSWORD, "secret1")
    assert main(["backup", "--db", str(protected)]) == 0


def test_cli_check_works_without_the_password(protected, monkeypatch):
    monkeypatch.delenv(auth.ENV_PASSWORD, raising=False)
    assert main(["check", "--db", str(protected)]) == 0  # integrity and counts only, no personal data


def test_cli_restore_over_a_protected_file_needs_the_password(protected, monkeypatch, capsys):
    monkeypatch.setenv(auth.ENV_PASSWORD, "secret1")
    with Store.open(protected) as s:
        copy = backup.make_backup(s)
    monkeypatch.delenv(auth.ENV_PASSWORD)
    assert main(["restore", str(copy), "--db", str(protected)]) == 1
    assert auth.ENV_PASSWORD in capsys.readouterr().err
    monkeypatch.setenv(auth.ENV_PASSWORD, "secret1")
    assert main(["restore", str(copy), "--db", str(protected)]) == 0


def test_cli_user_name_from_the_environment(tmp_path, monkeypatch):
    path = tmp_path / "office.db"
    Store.open(path).close()
    monkeypatch.setenv(auth.ENV_USER, "王专干")
    from argparse import Namespace

    from unionoffice.commands import open_store

    with open_store(Namespace(db=path)) as s:
        members.create_member(s, {"name": "李四", "id_number": "11010519491231002X"})
        assert s.scalar("SELECT user FROM audit WHERE table_name = 'members'") == "王专干"


# --------------------------------------------------------------- private files
def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@posix_only
def test_database_wal_shm_lock_and_backups_are_owner_only(tmp_path):
    old_umask = os.umask(0o022)  # the usual default: files readable by everyone
    try:
        path = tmp_path / "office.db"
        with Store.open(path) as s:
            members.create_member(s, {"name": "张三", "id_number": "11010519491231002X"})
            wal, shm = path.with_name("office.db-wal"), path.with_name("office.db-shm")
            assert wal.exists() and shm.exists()
            for p in (path, wal, shm, path.with_name("office.db.lock")):
                assert mode(p) & 0o077 == 0, (p.name, oct(mode(p)))
            for copy in (backup.make_backup(s), backup.auto_backup(s).path):
                assert mode(copy) & 0o077 == 0
        safety = backup.restore(copy, path)
        assert mode(safety) & 0o077 == 0 and mode(path) & 0o077 == 0
    finally:
        os.umask(old_umask)


@posix_only
def test_an_old_world_readable_file_is_tightened_on_opening(tmp_path):
    path = tmp_path / "old.db"
    Store.open(path).close()
    os.chmod(path, 0o644)
    with Store.open(path):
        assert mode(path) == 0o600


@posix_only
def test_the_copy_set_aside_before_an_upgrade_is_owner_only(tmp_path, monkeypatch):
    import types

    from unionoffice.core.store import migrations

    path = tmp_path / "office.db"
    Store.open(path).close()
    real = migrations.steps()
    step = types.SimpleNamespace(VERSION=real[-1].VERSION + 1, upgrade=lambda conn: None)
    monkeypatch.setattr(migrations, "steps", lambda: [*real, step])
    old_umask = os.umask(0o022)
    try:
        with Store.open(path) as s:
            assert s.upgrade_backup.exists() and mode(s.upgrade_backup) & 0o077 == 0
    finally:
        os.umask(old_umask)
