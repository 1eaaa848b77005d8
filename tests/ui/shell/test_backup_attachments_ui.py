"""文件 → 备份 / 恢复 with activity photos: the clerk is told what happened to the attachments."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from PySide6.QtWidgets import QDialog

from unionoffice.core.activities import records as act
from unionoffice.core.store import backup_attachments as files
from unionoffice.core.store import backup
from unionoffice.ui.shell.dialogs import BackupListDialog


def add_photo_activity(store, folder: Path, title: str, name: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    photo = folder / name
    photo.write_bytes(os.urandom(5000))
    act.create_activity(store, {"title": title, "kind": "其他", "start_date": "2026-03-07"}, attachments=[photo])
    return photo


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def pick_newest_backup(monkeypatch) -> None:
    def fake_exec(self):
        self.select_row(0)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(BackupListDialog, "exec", fake_exec)


def test_backup_now_tells_how_many_attachments_were_secured(window, store, tmp_path, messages):
    add_photo_activity(store, tmp_path / "相机", "三八节插花", "合影.jpg")
    path = window.backup_now()
    kind, title, text = messages.calls[-1]
    assert (kind, title) == ("information", "备份完成")
    assert str(path) in text and "附件：共 1 个文件，本次新复制 1 个" in text


def test_backup_now_warns_when_a_photo_is_already_lost(window, store, tmp_path, messages):
    photo = add_photo_activity(store, tmp_path / "相机", "三八节插花", "合影.jpg")
    (store.path.with_name(f"{store.path.stem}-附件") / sha(photo)).unlink()
    window.backup_now()
    kind, title, text = messages.calls[-1]
    assert (kind, title) == ("warning", "备份完成，但附件有问题")
    assert "活动“三八节插花”（2026-03-07）的“合影.jpg”" in text


def test_restore_names_the_attachments_it_could_not_bring_back(window, store, tmp_path, monkeypatch, messages):
    kept = add_photo_activity(store, tmp_path / "相机", "三八节插花", "合影.jpg")
    lost = add_photo_activity(store, tmp_path / "相机", "五一健步走", "签到表.jpg")
    backup.make_backup(store)
    live = store.path.with_name(f"{store.path.stem}-附件")
    for p in (kept, lost):
        (live / sha(p)).unlink()  # the disk lost the folder
    files.store_dir(backup.backup_dir_for(store.path), store.path.stem).joinpath(sha(lost)).unlink()
    pick_newest_backup(monkeypatch)
    assert window.restore_from_backup()
    kind, title, text = messages.calls[-1]
    assert (kind, title) == ("warning", "恢复完成，但有附件未能找回")
    assert "从备份找回附件文件 1 个" in text
    assert "有 1 个附件文件无法找回" in text and "“签到表.jpg”" in text
    assert Path(text.split("\n")[-1]).is_file()  # the safety copy is still named last
    assert (live / sha(kept)).read_bytes() == kept.read_bytes()


def test_recover_attachments_from_the_file_menu_keeps_the_records(window, store, tmp_path, messages):
    """The disk lost the 附件 folder; the records entered since the backup must stay."""
    kept = add_photo_activity(store, tmp_path / "相机", "三八节插花", "合影.jpg")
    lost = add_photo_activity(store, tmp_path / "相机", "五一健步走", "签到表.jpg")
    backup.make_backup(store)
    store.execute("INSERT INTO orgs(name) VALUES ('备份之后新增的单位')")
    live = store.path.with_name(f"{store.path.stem}-附件")
    for p in (kept, lost):
        (live / sha(p)).unlink()
    files.store_dir(backup.backup_dir_for(store.path), store.path.stem).joinpath(sha(lost)).unlink()

    window.action_recover_attachments.trigger()
    kind, title, text = messages.calls[-1]
    assert (kind, title) == ("warning", "从备份找回附件")
    assert text.startswith("从备份找回附件文件 1 个。") and "“签到表.jpg”" in text
    assert (live / sha(kept)).read_bytes() == kept.read_bytes()
    assert window.store.scalar("SELECT count(*) FROM orgs WHERE name = '备份之后新增的单位'") == 1


def test_recover_attachments_when_nothing_is_missing(window, store, tmp_path, messages):
    add_photo_activity(store, tmp_path / "相机", "三八节插花", "合影.jpg")
    window.action_recover_attachments.trigger()
    assert messages.calls[-1] == ("information", "从备份找回附件", "1 个附件文件都在且完好，无需找回。")


def test_recover_attachments_in_an_office_without_any(window, messages):
    window.action_recover_attachments.trigger()
    assert messages.calls[-1] == ("information", "从备份找回附件", "本数据文件中还没有活动附件，无需找回。")
