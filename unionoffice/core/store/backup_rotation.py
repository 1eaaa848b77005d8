"""Automatic backups: one when a file is opened and daily while it stays open, then rotation.

Rotation (``backup_policy``) deletes only automatic backups the policy no longer keeps, and then
the attachment copies no remaining backup refers to; manual backups and safety copies stay.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from . import backup_attachments as files
from .paths import attachments_dir_for
from .backup_policy import DEFAULT_RETENTION, Retention, backups_to_remove
from .connection import Store
from .backup_folders import backup_folder
from .backup_listing import AUTO_LABEL, DAMAGED_LABEL, backup_files, parse_backup_name
from .backup_making import backup_in_progress, backup_office


@dataclass
class AutoBackupResult:
    path: Path
    removed: list[Path] = field(default_factory=list)
    files: files.SecureResult | None = None


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
    if backup_in_progress(folder, db_path.stem):
        return []
    backups = [(p, parse_backup_name(db_path.stem, p.name)[1].startswith(DAMAGED_LABEL))
               for p in backup_files(db_path, folder)]
    return files.prune(files.store_dir(folder, db_path.stem), attachments_dir_for(db_path), backups)


def _auto_stamps(db_path: Path, folder: Path) -> dict[Path, datetime]:
    out = {}
    for path in backup_files(db_path, folder):
        made, label = parse_backup_name(db_path.stem, path.name)
        if made is not None and label.startswith(AUTO_LABEL):
            out[path] = made
    return out
