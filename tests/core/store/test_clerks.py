"""The clerk by name: kept in the office settings, the 经办人 of what she enters and the audit's
操作人, with the OS login only beside it."""

import pytest

from unionoffice.cli import main
from unionoffice.core.assistance import campaigns
from unionoffice.core.errors import UserError
from unionoffice.core.store import auth
from unionoffice.core.store.connection import Store


def test_clerk_names_are_kept_in_the_office_settings(store):
    assert auth.clerk_names(store) == []
    assert auth.set_clerk_names(store, ["张丽", " 李  娟 ", "", "张丽"]) == ["张丽", "李 娟"]
    assert auth.clerk_names(store) == ["张丽", "李 娟"]
    entry = store.one("SELECT user, after FROM audit WHERE table_name = 'settings' ORDER BY id DESC LIMIT 1")
    assert "张丽" in entry["after"]
    with pytest.raises(UserError, match="太长"):
        auth.set_clerk_names(store, ["名" * 21])


def test_the_clerk_is_the_handler_and_the_audits_operator(store):
    auth.act_as(store, "张丽")
    cid = campaigns.create_campaign(store, {"kind": "金秋助学", "campaign_date": "2026-08-20", "funding_source": "市总"})
    assert campaigns.get_campaign(store, cid)["handler"] == "张丽"
    row = store.one("SELECT user, os_user FROM audit WHERE table_name = 'campaigns' AND row_id = ?", (cid,))
    assert row["user"] == "张丽" and row["os_user"] == store.os_user and row["os_user"] != "张丽"
    with pytest.raises(UserError, match="请填写经办人姓名"):
        auth.act_as(store, "  ")


def test_cli_takes_the_clerk_from_the_option_or_the_environment(tmp_path, monkeypatch, capsys):
    db = tmp_path / "o.db"
    Store.open(db).close()
    monkeypatch.setenv("UNIONOFFICE_CLERK", "王芳")
    with Store.open(db) as store:
        auth.cli_login(store)
        assert store.user == "王芳"
    assert main(["audit", "--db", str(db), "--clerk", "李娟"]) == 0
