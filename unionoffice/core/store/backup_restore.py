"""Restoring a backup over an office file, and bringing back attachment files from the backups.

Restoring first backs up the current file, so a restore can itself be undone — even when the
current file is damaged (it is then set aside as it is). The backup is worked on as a staged
copy, brought up to this program's schema, and its attachment files are back before the data.
"""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from . import driver
from . import backup_attachments as files
from .paths import attachments_dir_for, backup_dir_for
from ..errors import StoreError, os_reason
from .lock import FileLock
from .connection import Store
from .opening import foreign_kind, readonly_uri
from .sqlite_errors import DamagedFileError
from .backup_folders import backup_folder, backup_folders
from .backup_listing import BEFORE_RESTORE_LABEL, DAMAGED_LABEL, STAMP_FORMAT, verify
from .backup_making import backup_office, new_private_file, unique_path
from .restore_audit import AuditHistory, audit_history, keep_later_audit, record_restore


@dataclass
class RestoreResult:
    safety: Path | None  # the copy of the file as it was before (or the damaged file set aside)
    files: files.RecoverResult
    kept_audit: Path | None = None  # audit rows written after the backup, kept in a CSV beside it
    kept_rows: int = 0
    password_note: str = ""  # set when the restored file opens with another password than before

    def audit_lines(self) -> list[str]:
        if not self.kept_rows:
            return [self.password_note] if self.password_note else []
        return [f"备份之后的 {self.kept_rows} 条操作日志不在恢复的文件里，已另存为 {self.kept_audit}（含个人信息，请妥善保管）",
                *([self.password_note] if self.password_note else [])]


def restore(backup_path: str | Path, db_path: str | Path) -> Path | None:
    """``restore_office`` returning only the safety copy (or the damaged file set aside)."""
    return restore_office(backup_path, db_path).safety


def restore_office(backup_path: str | Path, db_path: str | Path, *, user: str | None = None,
                   password: str | None = None) -> RestoreResult:
    """Replace the database at ``db_path`` with ``backup_path`` and bring back its attachment files.

    The current file (if any) is backed up first; ``safety`` is that copy (for a damaged file:
    the damaged file itself, set aside untouched). Attachment files missing beside the database
    are copied from the backup folder's store before the database is replaced; any that can't be
    found are listed in ``files`` and do not stop the restore. The target must not be open
    elsewhere (the store lock is taken for the whole operation).

    The restored file's audit gets a ``restore_backup`` row (which backup, by whom). Audit rows
    the current file has beyond the backup's are written to a CSV in the backup folder first
    (``kept_audit``): a restore never drops the record of what was done silently.

    An encrypted backup needs the password it was made with (``password``, or one already given);
    without it ``driver.PasswordError`` says so. The restored office opens with that password.
    """
    backup_path, db_path = Path(backup_path), Path(db_path).resolve()
    if not backup_path.is_file():
        raise StoreError(f"找不到备份文件：{backup_path}")
    kind = foreign_kind(backup_path)
    if kind:
        raise StoreError(f"文件 {backup_path.name} 是{kind}，不是本程序的备份文件，不能用于恢复。")
    new = not driver.is_remembered(password)
    driver.remember(password)
    if driver.is_encrypted(backup_path):
        try:
            _unlock_backup(backup_path, typed=password is not None)
        except BackupPasswordError:
            if new:
                driver.forget(password)
            raise
    problem = verify(backup_path)
    if problem:
        raise StoreError(f"备份文件 {backup_path.name} 不能用于恢复：{problem}")
    existed = db_path.exists()
    db_path.parent.mkdir(parents=True, exist_ok=True)
    # Work on a copy: opening brings an older backup up to this program's schema (or refuses one
    # from a newer program) without touching the backup itself.
    staged = db_path.with_name(f".{db_path.name}.restore-{os.getpid()}")
    try:
        _copy_file(backup_path, staged)
        with Store.open(staged, create=False, lock=False) as upgraded:
            refs = files.read_refs(upgraded.conn)
            backup_audit = audit_history(upgraded)
        return _restore_over(staged, backup_path, db_path, refs, backup_audit, user, existed)
    finally:
        for leftover in (staged, *staged.parent.glob(staged.name + "*")):
            Path(leftover).unlink(missing_ok=True)


def _restore_over(staged: Path, backup_path: Path, db_path: Path, refs: list[files.Ref], backup_audit: AuditHistory,
                  user: str | None, existed: bool) -> RestoreResult:
    """Put the staged copy in place of the current file: a safety copy first, the attachments, the
    later audit rows kept aside, then the data in one transaction and the restore on record."""
    try:
        current = Store.open(db_path, user=user)
    except DamagedFileError:
        return _restore_damaged(staged, backup_path, db_path, refs, user)
    with current:
        try:
            # attachments the restore would drop stay in the live folder; a failed copy of
            # them into the backup store must not block bringing the backup back
            safety = backup_office(current, label=BEFORE_RESTORE_LABEL).path if existed else None
        except DamagedFileError:  # opens, but its pages are damaged: set it aside as it is
            current.close()
            return _restore_damaged(staged, backup_path, db_path, refs, user)
        recovered = _recover_files(refs, backup_path, db_path)
        kept, kept_rows = keep_later_audit(current, backup_audit.shared_until(current))
        before, after = current.password, driver.password_for(staged)
        if before == after:
            src = driver.connect(staged)
            try:
                src.backup(current.conn)  # one transaction: a crash leaves the old data whole
            finally:
                src.close()
        else:  # SQLite's page copy can't change the key: the staged file replaces the current one whole
            current.close()
            _swap_in(staged, db_path)
    record_restore(db_path, backup_path, user, safety, kept, kept_rows)
    return RestoreResult(safety, recovered, kept, kept_rows, _password_note(before, after))


def _unlock_backup(backup_path: Path, *, typed: bool) -> None:
    """An encrypted backup opens only with the password it was made with: say so before anything.
    ``typed``: the clerk gave a password for this backup (only then is "wrong" the right word)."""
    try:
        driver.connect(readonly_uri(backup_path, immutable=True), uri=True).close()
    except driver.PasswordError:
        raise BackupPasswordError(backup_path, tried=typed) from None


class BackupPasswordError(driver.PasswordError):
    """The backup is encrypted and no password given decrypts it (the window then asks for one)."""

    def __init__(self, path: Path, tried: bool):
        super().__init__(path, tried)
        self.base = (f"备份 {Path(path).name} 已加密：需要输入制作这份备份时使用的数据库密码才能恢复"
                     + ("（刚才输入的密码不对，请再试）" if tried else ""))
        self.message = self.base + "。"


def _password_note(before: str | None, after: str | None) -> str:
    if before == after:
        return ""
    if after is None:
        return "注意：这份备份没有加密，恢复后的数据库没有打开密码；需要时请重新设置密码。"
    if before is None:
        return "注意：这份备份是加密的，恢复后的数据库要用制作备份时的密码打开。"
    return "注意：这份备份的密码与恢复前不同，恢复后的数据库要用制作备份时的密码打开。"


def _swap_in(staged: Path, db_path: Path) -> None:
    """Replace the (closed, healthy) current file by the staged copy; its -wal/-shm go with it."""
    lock = FileLock.acquire(db_path)
    try:
        for suffix in ("-wal", "-shm"):
            db_path.with_name(db_path.name + suffix).unlink(missing_ok=True)
        os.replace(staged, db_path)
    except OSError as exc:
        raise StoreError(f"无法用备份替换数据库文件 {db_path}：{os_reason(exc)}") from exc
    finally:
        lock.release()


def _restore_damaged(staged: Path, backup_path: Path, db_path: Path, refs: list[files.Ref],
                     user: str | None) -> RestoreResult:
    """The current file is damaged: it is set aside as it is (its audit cannot be read to keep)."""
    recovered = _recover_files(refs, backup_path, db_path)
    aside = _replace_damaged(staged, db_path)
    record_restore(db_path, backup_path, user, aside, None, 0)
    return RestoreResult(aside, recovered)


def _recover_files(refs: list[files.Ref], backup_path: Path, db_path: Path) -> files.RecoverResult:
    """Copy the files the restored database refers to into the live folder (before the database
    itself is replaced: a crash in between leaves only extra files, never missing ones)."""
    return files.recover(refs, attachments_dir_for(db_path), attachment_stores(db_path, backup_path))


def attachment_stores(db_path: Path, backup_path: Path | None = None) -> list[Path]:
    """Where attachment copies of ``db_path`` may be: beside the chosen backup (named after the
    office it came from, which may differ from the file restored onto), then the backup folders."""
    stems = []
    if backup_path is not None:
        match = re.search(r"-(\d{8}-\d{6})(?:-(.+?))?\.db$", backup_path.name)
        if match:
            stems.append((backup_path.parent, backup_path.name[: match.start()]))
        stems.append((backup_path.parent, db_path.stem))
    stems.extend((folder, db_path.stem) for folder in backup_folders(db_path))
    return list(dict.fromkeys(files.store_dir(folder, stem) for folder, stem in stems))


def recover_attachments(store: Store) -> files.RecoverResult:
    """Bring back attachment files missing beside the open database from its backup folders,
    without touching the records (the clerk's disk lost the folder, the records are fine)."""
    folders = [backup_folder(store), backup_dir_for(store.path)]
    stores = [files.store_dir(f, store.path.stem) for f in dict.fromkeys(folders)]
    return files.recover(files.read_refs(store.conn), attachments_dir_for(store.path), stores, read_live=True)


def _replace_damaged(staged: Path, db_path: Path) -> Path:
    """Set the damaged file (with its -wal/-shm, which belong to it) aside, put the copy in place."""
    lock = FileLock.acquire(db_path)
    try:
        folder = backup_dir_for(db_path)
        folder.mkdir(parents=True, exist_ok=True)
        aside = unique_path(folder / f"{db_path.stem}-{datetime.now().strftime(STAMP_FORMAT)}-{DAMAGED_LABEL}.db")
        for suffix in ("-wal", "-shm"):
            journal = db_path.with_name(db_path.name + suffix)
            if journal.exists():
                shutil.move(str(journal), str(aside.with_name(aside.name + suffix)))
        shutil.move(str(db_path), str(aside))
        os.replace(staged, db_path)
    except OSError as exc:
        raise StoreError(f"无法替换损坏的数据库文件 {db_path}：{os_reason(exc)}") from exc
    finally:
        lock.release()
    return aside


def _copy_file(src: Path, dest: Path) -> None:
    new_private_file(dest)
    source = driver.connect(readonly_uri(src, immutable=True), uri=True)
    target = driver.connect(dest, key=driver.password_for(src))  # a page copy needs the same key
    try:
        source.backup(target)
    finally:
        source.close()
        target.close()
