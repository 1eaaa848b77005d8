"""Backups and restore of an office file.

A backup is a consistent copy made with SQLite's online backup API (safe while the file is open
and in WAL mode), checked by reopening it (``PRAGMA integrity_check``), readable by the current
user only, and kept in a folder beside the database (or the one set in 备份设置). Automatic backups
are made when a file is opened and daily while it stays open, and rotated by
``backup_policy``; manual backups and the safety copies made before a restore are never deleted
by the program. Restoring first backs up the current file, so a restore can itself be undone —
even when the current file is damaged (it is then set aside as it is).

Activity attachments go with every backup into one shared store in the backup folder
(``attachment_backup``): new files only, each verified; rotation keeps every file a remaining
backup refers to, and a restore brings back the files its database refers to.
"""

from __future__ import annotations

import os
import re
import shutil

import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from . import driver
from .driver import sqlite
from . import backup_attachments as files
from . import migrations
from .paths import attachments_dir_for, backup_dir_for
from .backup_policy import DEFAULT_RETENTION, Retention, backups_to_remove
from ..errors import StoreError
from .lock import FileLock
from .connection import Store
from .opening import PRIVATE_MODE, readonly_uri
from .sqlite_errors import SQLITE_FULL, DamagedFileError

AUTO_LABEL = "自动"
BEFORE_RESTORE_LABEL = "恢复前"
DAMAGED_LABEL = "损坏"
BACKUP_DIR_KEY = "backup_dir"
STAMP_FORMAT = "%Y%m%d-%H%M%S"
STALE_PART_SECONDS = 3600  # a .part file this old belongs to a backup that was killed


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    made_at: datetime
    schema_version: int
    members: int
    orgs: int
    ok: bool
    label: str = ""
    locked: bool = False  # encrypted with a password other than the ones given in this session
    encrypted: bool = False

    @property
    def kind(self) -> str:
        """What the clerk reads in the 恢复 list."""
        if self.label.startswith(AUTO_LABEL):
            return "自动备份"
        if self.label.startswith(BEFORE_RESTORE_LABEL):
            return "恢复前的安全副本"
        if self.label.startswith(DAMAGED_LABEL):
            return "损坏的原文件（仅供技术支持）"
        return "手动备份"

    @property
    def usable(self) -> bool:
        return self.ok and 0 < self.schema_version <= migrations.latest_version()


@dataclass
class BackupResult:
    path: Path
    files: files.SecureResult

    def lines(self) -> list[str]:
        return [f"已备份到 {self.path}", *self.files.lines()]

    def raise_for_files(self) -> None:
        """The database copy is made; if attachments could not be written, the clerk must know."""
        if self.files.error:
            raise StoreError(f"数据库已备份到 {self.path}，但{self.files.error}")


@dataclass
class AutoBackupResult:
    path: Path
    removed: list[Path] = field(default_factory=list)
    files: files.SecureResult | None = None


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


# ------------------------------------------------------------------------ folders
def _resolve_folder(db_path: Path, value: str | None) -> Path:
    if not value:
        return backup_dir_for(db_path)
    folder = Path(value).expanduser()
    return folder if folder.is_absolute() else db_path.parent / folder


def backup_folder(store: Store) -> Path:
    """Where this office's backups go: the 备份设置 folder, or the default beside the file."""
    return _resolve_folder(store.path, store.get_setting(BACKUP_DIR_KEY))


def set_backup_folder(store: Store, folder: str | Path | None) -> Path:
    """Remember ``folder`` (None: back to the default) after checking that it can be written."""
    if folder is None or str(folder).strip() == "":
        store.set_setting(BACKUP_DIR_KEY, None)
        return backup_dir_for(store.path)
    target = _resolve_folder(store.path, str(folder))
    try:
        target.mkdir(parents=True, exist_ok=True)
        probe = target / f".写入测试-{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise StoreError(f"备份文件夹 {target} 无法写入（{exc.strerror or exc}），请选择另一个文件夹") from exc
    store.set_setting(BACKUP_DIR_KEY, str(target.resolve()))
    return target


def configured_backup_dir(db_path: str | Path) -> Path | None:
    """The 备份设置 folder read from a file that is not open — best effort: a damaged file may
    still have a readable settings table, and if not the default folder is all we know."""
    db_path = Path(db_path)
    try:
        conn = driver.connect(readonly_uri(db_path), uri=True)
        try:
            row = conn.execute("SELECT value FROM settings WHERE key = ?", (BACKUP_DIR_KEY,)).fetchone()
        finally:
            conn.close()
    except (sqlite.Error, driver.PasswordError):
        return None
    return _resolve_folder(db_path, row[0]) if row and row[0] else None


def backup_folders(db_path: str | Path) -> list[Path]:
    db_path = Path(db_path)
    folders = [backup_dir_for(db_path)]
    configured = configured_backup_dir(db_path)
    if configured is not None and configured.resolve() != folders[0].resolve():
        folders.insert(0, configured)
    return folders


# ------------------------------------------------------------------------- making
def make_backup(store: Store, to_dir: str | Path | None = None, *, label: str = "",
                when: datetime | None = None) -> Path:
    """``backup_office`` for callers that need only the path: a copy whose attachments could not be
    written raises StoreError (the database copy is kept)."""
    result = backup_office(store, to_dir, label=label, when=when)
    result.raise_for_files()
    return result.path


def backup_office(store: Store, to_dir: str | Path | None = None, *, label: str = "",
                  when: datetime | None = None) -> BackupResult:
    """Copy the open database into ``to_dir`` (default: ``backup_folder``), verify it, and secure
    the attachment files it refers to (before the copy gets its final name, so a backup that looks
    complete has its files; the result says which could not be copied).

    If the copy fails its check because the database itself is damaged, ``DamagedFileError`` is
    raised and no bad copy is kept.
    """
    folder = Path(to_dir) if to_dir else backup_folder(store)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"无法创建备份文件夹 {folder}：{exc.strerror or exc}") from exc
    _remove_stale_parts(folder, store.path.stem)
    stamp = (when or datetime.now()).strftime(STAMP_FORMAT)
    suffix = f"-{label}" if label else ""
    target = _unique(folder / f"{store.path.stem}-{stamp}{suffix}.db")
    tmp = target.with_name(target.name + ".part")
    try:
        _new_private_file(tmp)
        dest = driver.connect(tmp, key=store.password)  # a backup is encrypted like its office
        try:
            store.conn.backup(dest)
            # one self-contained file: no -wal/-shm to lose when the copy is moved or copied on
            dest.execute("PRAGMA journal_mode=DELETE")
        finally:
            dest.close()
        problem = verify(tmp)
        if problem:
            _source_check(store, problem)
            raise StoreError(f"备份文件校验失败：{problem}（备份文件夹 {folder} 所在的磁盘可能有问题）")
        secured = files.secure(tmp, attachments_dir_for(store.path), files.store_dir(folder, store.path.stem))
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise StoreError(f"无法写入备份 {target}：{exc.strerror or exc}（磁盘是否已满或只读？）") from exc
    except sqlite.Error as exc:
        tmp.unlink(missing_ok=True)
        raise _backup_error(exc, store, folder) from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return BackupResult(target, secured)


def _source_check(store: Store, problem: str) -> None:
    """A copy that fails its check usually means the database itself is damaged: say so."""
    try:
        result = store.conn.execute("PRAGMA quick_check").fetchone()[0]
    except sqlite.DatabaseError as exc:
        result = str(exc)
    if result != "ok":
        raise DamagedFileError(
            f"数据库文件 {store.path.name} 已损坏（完整性检查：{result}），本次没有生成备份。"
            "请从最近的完好备份恢复。", path=store.path)


def _backup_error(exc: sqlite.Error, store: Store, folder: Path) -> StoreError:
    code = getattr(exc, "sqlite_errorcode", None)
    if (isinstance(code, int) and code & 0xFF == SQLITE_FULL) or "full" in str(exc).lower():
        return StoreError(f"磁盘空间不足，备份未完成（数据库本身没有改动）。请清理 {folder} 所在的磁盘，"
                          "或在「文件 → 备份设置」中换一个备份文件夹。")
    text = str(exc).lower()
    if "malformed" in text or "not a database" in text:
        return DamagedFileError(f"数据库文件 {store.path.name} 已损坏（{exc}），本次没有生成备份。"
                                "请从最近的完好备份恢复。", path=store.path)
    return StoreError(f"备份失败：{exc}")


def verify(path: str | Path) -> str | None:
    """None when the file is a healthy SQLite database, else a Chinese description."""
    try:
        conn = driver.connect(readonly_uri(path, immutable=True), uri=True)
        try:
            result = conn.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            conn.close()
    except driver.PasswordError:
        return "备份已加密，使用的密码与现在不同，需要备份时的密码才能校验"
    except sqlite.Error as exc:
        return f"无法读取（{exc}）"
    return None if result == "ok" else f"文件已损坏（{result}）"


# ------------------------------------------------------------------- automatic
def auto_backup(store: Store, *, now: datetime | None = None,
                policy: Retention = DEFAULT_RETENTION) -> AutoBackupResult:
    """The automatic backup (on opening a file, and daily while open), then rotation.

    Rotation runs only after the new copy verified, and touches only automatic backups, so a
    damaged database can never push the good old copies out.
    """
    made = backup_office(store, label=AUTO_LABEL, when=now)
    made.raise_for_files()
    removed = rotate(store.path, backup_folder(store), policy)
    return AutoBackupResult(made.path, removed, made.files)


def auto_backup_due(store: Store, now: datetime | None = None) -> bool:
    """True when no automatic backup of this file was made today (the daily timer asks)."""
    today = (now or datetime.now()).date()
    stamps = _auto_stamps(store.path, backup_folder(store))
    return not any(t.date() == today for t in stamps.values())


def rotate(db_path: str | Path, folder: str | Path, policy: Retention = DEFAULT_RETENTION) -> list[Path]:
    """Delete the automatic backups the policy no longer keeps, then the attachment files no
    remaining backup refers to; returns the backups deleted."""
    stamps = _auto_stamps(Path(db_path), Path(folder))
    removed = []
    for path in sorted(backups_to_remove(stamps, policy)):
        try:
            path.unlink()
            removed.append(path)
        except OSError:
            pass  # in use by a virus scanner, say: it goes next time
    prune_attachments(Path(db_path), Path(folder))
    return removed


def prune_attachments(db_path: Path, folder: Path) -> list[Path]:
    """Remove attachment files that no backup left in ``folder`` refers to — never while another
    backup is being written there (its files may be copied but not yet named by a finished copy)."""
    if _backup_in_progress(folder, db_path.stem):
        return []
    backups = [(p, parse_backup_name(db_path.stem, p.name)[1].startswith(DAMAGED_LABEL))
               for p in _backup_files(db_path, folder)]
    return files.prune(files.store_dir(folder, db_path.stem), attachments_dir_for(db_path), backups)


def _backup_in_progress(folder: Path, stem: str) -> bool:
    cutoff = time.time() - STALE_PART_SECONDS
    for part in folder.glob(f"{stem}-*.db.part"):
        try:
            if part.stat().st_mtime >= cutoff:
                return True
        except OSError:
            pass
    return False


def _auto_stamps(db_path: Path, folder: Path) -> dict[Path, datetime]:
    out = {}
    for path in _backup_files(db_path, folder):
        made, label = parse_backup_name(db_path.stem, path.name)
        if made is not None and label.startswith(AUTO_LABEL):
            out[path] = made
    return out


# ------------------------------------------------------------------------ listing
def parse_backup_name(stem: str, name: str) -> tuple[datetime | None, str]:
    """(time, label) from ``<stem>-YYYYmmdd-HHMMSS[-label][-n].db``; (None, '') if not ours."""
    match = re.fullmatch(re.escape(stem) + r"-(\d{8}-\d{6})(?:-(.+?))?\.db", name)
    if not match:
        return None, ""
    try:
        made = datetime.strptime(match.group(1), STAMP_FORMAT)
    except ValueError:
        return None, ""
    return made, match.group(2) or ""


def _backup_files(db_path: Path, folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return [p for p in folder.glob(f"{db_path.stem}-*.db") if p.is_file()]


def describe(path: str | Path) -> BackupInfo:
    """Dates and counts of a backup, for the 恢复 list.

    ``ok`` means the file opens and its counts can be read. The full page check is left to
    ``restore``/``latest_good_backup``: a quick_check of twenty 100 MB copies, cold, would keep the
    clerk waiting ~20 s for the list; each copy was fully checked when it was made.
    """
    path = Path(path)
    match = re.search(r"-(\d{8}-\d{6})(?:-(.+?))?\.db$", path.name)
    made, label = (parse_backup_name(path.name[: match.start()], path.name) if match else (None, ""))
    if made is None:
        made = datetime.fromtimestamp(path.stat().st_mtime)
    try:
        conn = driver.connect(readonly_uri(path, immutable=True), uri=True)
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            members = conn.execute("SELECT count(*) FROM members WHERE deleted_at IS NULL").fetchone()[0]
            orgs = conn.execute("SELECT count(*) FROM orgs WHERE deleted_at IS NULL").fetchone()[0]
            ok = version > 0
        finally:
            conn.close()
    except driver.PasswordError:
        return BackupInfo(path, made, 0, 0, 0, False, label, locked=True, encrypted=True)
    except sqlite.Error:
        return BackupInfo(path, made, 0, 0, 0, False, label)
    return BackupInfo(path, made, version, members, orgs, ok, label, encrypted=driver.is_encrypted(path))


def list_backups(db_path: str | Path, folder: str | Path | None = None) -> list[BackupInfo]:
    """Backups of ``db_path`` (in ``folder``, or in its configured and default folders), newest first."""
    db_path = Path(db_path)
    folders = [Path(folder)] if folder else backup_folders(db_path)
    infos = []
    for one in folders:
        for path in _backup_files(db_path, one):
            info = describe(path)
            made, label = parse_backup_name(db_path.stem, path.name)
            if made is not None:  # the stem may itself contain '-': trust the full name
                info = BackupInfo(path, made, info.schema_version, info.members, info.orgs, info.ok, label, info.locked,
                                  info.encrypted)
            infos.append(info)
    return sorted(infos, key=lambda i: (i.made_at, _mtime(i.path)), reverse=True)


def latest_good_backup(db_path: str | Path) -> BackupInfo | None:
    """The newest backup that passes a full integrity check and this program can open."""
    for info in list_backups(db_path):
        if info.usable and not info.label.startswith(DAMAGED_LABEL) and verify(info.path) is None:
            return info
    return None


# ------------------------------------------------------------------------ restore
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
            backup_audit = _audit_history(upgraded)
        return _restore_over(staged, backup_path, db_path, refs, backup_audit, user, existed)
    finally:
        for leftover in (staged, *staged.parent.glob(staged.name + "*")):
            Path(leftover).unlink(missing_ok=True)


def _restore_over(staged: Path, backup_path: Path, db_path: Path, refs: list[files.Ref], backup_audit: "AuditHistory",
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
    _record_restore(db_path, backup_path, user, safety, kept, kept_rows)
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
        raise StoreError(f"无法用备份替换数据库文件 {db_path}：{exc.strerror or exc}") from exc
    finally:
        lock.release()


def _restore_damaged(staged: Path, backup_path: Path, db_path: Path, refs: list[files.Ref],
                     user: str | None) -> RestoreResult:
    """The current file is damaged: it is set aside as it is (its audit cannot be read to keep)."""
    recovered = _recover_files(refs, backup_path, db_path)
    aside = _replace_damaged(staged, db_path)
    _record_restore(db_path, backup_path, user, aside, None, 0)
    return RestoreResult(aside, recovered)


AUDIT_CSV_HEADER = ("序号", "时间", "操作人", "表", "记录号", "操作", "修改前", "修改后")


@dataclass
class AuditHistory:
    """A backup's audit as far as a restore needs it: its last id and its chain of hashes."""

    last_id: int
    hashes: dict[int, bytes]

    def shared_until(self, current: Store) -> int:
        """The last audit id the current file shares with the backup: rows after it exist only in the
        current file and are kept aside. Two files can hold the same ids with different rows (a
        backup restored, then both written to): the chain tells where their histories part."""
        if not self.hashes:
            return self.last_id
        from . import chain

        if not chain.has_chain(current.conn):
            return self.last_id
        for audit_id, digest in current.conn.execute("SELECT audit_id, hash FROM audit_chain ORDER BY audit_id"):
            if self.hashes.get(audit_id) != bytes(digest):
                return audit_id - 1
        return max(self.last_id, current.scalar("SELECT coalesce(max(audit_id), 0) FROM audit_chain") or 0)


def _audit_history(store: Store) -> AuditHistory:
    from . import chain

    last = store.scalar("SELECT coalesce(max(id), 0) FROM audit")
    if not chain.has_chain(store.conn):
        return AuditHistory(last, {})
    return AuditHistory(last, {r[0]: bytes(r[1]) for r in store.conn.execute("SELECT audit_id, hash FROM audit_chain")})


def keep_later_audit(store: Store, after_id: int) -> tuple[Path | None, int]:
    """Write the audit rows after ``after_id`` to a private CSV in the backup folder (temp name,
    renamed when whole). Returns (file, rows); (None, 0) when there are none."""
    import csv

    rows = store.query("SELECT id, at, user, table_name, row_id, action, before, after FROM audit "
                       "WHERE id > ? ORDER BY id", (after_id,))
    if not rows:
        return None, 0
    folder = backup_folder(store)
    folder.mkdir(parents=True, exist_ok=True)
    target = _unique(folder / f"{store.path.stem}-{datetime.now().strftime(STAMP_FORMAT)}-恢复前的操作日志.csv")
    part = target.with_name(target.name + ".part")
    try:
        _new_private_file(part)
        with open(part, "w", encoding="utf-8-sig", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(AUDIT_CSV_HEADER)
            writer.writerows(tuple(r) for r in rows)
        os.replace(part, target)
    except OSError as exc:
        part.unlink(missing_ok=True)
        raise StoreError(f"无法把备份之后的操作日志另存到 {folder}（{exc.strerror or exc}），未恢复，数据没有改动。") from exc
    return target, len(rows)


def _record_restore(db_path: Path, backup_path: Path, user: str | None, safety: Path | None,
                    kept: Path | None, kept_rows: int) -> None:
    """The restored file's own audit says which backup was restored, by whom, and where the rest went."""
    from . import guard

    info = describe(backup_path)
    detail = {"message": f"从备份 {backup_path.name}（{info.made_at:%Y-%m-%d %H:%M}）恢复",
              "backup": str(backup_path), "safety": str(safety) if safety else None,
              "kept_audit": str(kept) if kept else None, "kept_rows": kept_rows}
    with Store.open(db_path, create=False, user=user) as restored:
        with restored.atomic():
            guard.record_event(restored.conn, restored.user, "restore_backup", detail)


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
        aside = _unique(folder / f"{db_path.stem}-{datetime.now().strftime(STAMP_FORMAT)}-{DAMAGED_LABEL}.db")
        for suffix in ("-wal", "-shm"):
            journal = db_path.with_name(db_path.name + suffix)
            if journal.exists():
                shutil.move(str(journal), str(aside.with_name(aside.name + suffix)))
        shutil.move(str(db_path), str(aside))
        os.replace(staged, db_path)
    except OSError as exc:
        raise StoreError(f"无法替换损坏的数据库文件 {db_path}：{exc.strerror or exc}") from exc
    finally:
        lock.release()
    return aside


def _copy_file(src: Path, dest: Path) -> None:
    _new_private_file(dest)
    source = driver.connect(readonly_uri(src, immutable=True), uri=True)
    target = driver.connect(dest, key=driver.password_for(src))  # a page copy needs the same key
    try:
        source.backup(target)
    finally:
        source.close()
        target.close()


# ------------------------------------------------------------------------ helpers
def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def _unique(path: Path) -> Path:
    n = 1
    candidate = path
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
    return candidate


def _new_private_file(path: Path) -> None:
    """An empty file readable by its owner only, before SQLite writes personal data into it."""
    path.unlink(missing_ok=True)
    os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE_MODE))
    _restrict(path)


def _remove_stale_parts(folder: Path, stem: str) -> None:
    cutoff = time.time() - STALE_PART_SECONDS
    for part in folder.glob(f"{stem}-*.db.part"):
        try:
            if part.stat().st_mtime < cutoff:
                part.unlink()
        except OSError:
            pass


def _restrict(path: Path) -> None:
    """Personal data: readable by the current user only (no-op where chmod means nothing)."""
    try:
        os.chmod(path, PRIVATE_MODE)
    except OSError:
        pass
