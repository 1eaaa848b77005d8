"""The backups there are, and what each one is: its name (time and label), its counts, its check.

A backup is named ``<office>-YYYYmmdd-HHMMSS[-label].db``; the label tells an automatic backup,
a safety copy made before a restore and a damaged file set aside from the clerk's own copies.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from . import driver
from .driver import sqlite
from . import migrations
from .opening import foreign_kind, readonly_uri
from .backup_folders import backup_folders

AUTO_LABEL = "自动"
BEFORE_RESTORE_LABEL = "恢复前"
DAMAGED_LABEL = "损坏"
STAMP_FORMAT = "%Y%m%d-%H%M%S"


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
        return backup_kind(self.label)

    @property
    def usable(self) -> bool:
        return self.ok and 0 < self.schema_version <= migrations.latest_version()


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


@dataclass(frozen=True)
class BackupOrigin:
    """What a file's name says when it is one of our backups (see ``backup_origin``)."""

    office: str  # the office file it is a copy of, by name: 东湖.db
    made_at: datetime
    label: str

    @property
    def kind(self) -> str:
        return backup_kind(self.label)


def backup_kind(label: str) -> str:
    """What a backup is, from its name's label, as the clerk reads it."""
    if label.startswith(AUTO_LABEL):
        return "自动备份"
    if label.startswith(BEFORE_RESTORE_LABEL):
        return "恢复前的安全副本"
    if label.startswith(DAMAGED_LABEL):
        return "损坏的原文件（仅供技术支持）"
    return "手动备份"


def _read_name(name: str) -> tuple[str, datetime, str] | None:
    """(the office file's stem, time, label) of a backup's file name; None if the name is not one."""
    match = re.search(r"-(\d{8}-\d{6})(?:-(.+?))?\.db$", name)
    if not match:
        return None
    stem = name[: match.start()]
    made, label = parse_backup_name(stem, name)
    return None if made is None else (stem, made, label)


def backup_origin(path: str | Path) -> BackupOrigin | None:
    """The office a file is a backup of, when its name is a backup's (``<office>-YYYYmmdd-HHMMSS[-label].db``)
    — so that 打开 on a backup can say that work done in it is not in the office file, and that
    rotation may delete it."""
    read = _read_name(Path(path).name)
    return None if read is None else BackupOrigin(f"{read[0]}.db", read[1], read[2])


def backup_files(db_path: Path, folder: Path) -> list[Path]:
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
    read = _read_name(path.name)
    made, label = (read[1], read[2]) if read else (datetime.fromtimestamp(path.stat().st_mtime), "")
    if foreign_kind(path):  # a workbook picked as a backup: its zipped bytes would pass for encrypted
        return BackupInfo(path, made, 0, 0, 0, False, label)
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
        for path in backup_files(db_path, one):
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


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0
