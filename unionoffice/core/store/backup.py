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

This module is the one callers import; the work is done in:
  backup_folders   where the backups go (备份设置)
  backup_listing   the backups there are: names, labels, counts, checks
  backup_making    one verified, private copy and its attachments
  backup_rotation  the automatic backups and their rotation
  backup_restore   restoring a backup, and attachment files from the backups
  restore_audit    the audit across a restore (later rows kept aside, the restore on record)
"""

from __future__ import annotations

from .paths import backup_dir_for
from .backup_folders import BACKUP_DIR_KEY, backup_folder, backup_folders, configured_backup_dir, set_backup_folder
from .backup_listing import (AUTO_LABEL, BEFORE_RESTORE_LABEL, DAMAGED_LABEL, STAMP_FORMAT, BackupInfo, describe,
                             latest_good_backup, list_backups, parse_backup_name, verify)
from .backup_making import BackupResult, backup_office, make_backup
from .backup_rotation import AutoBackupResult, auto_backup, auto_backup_due, prune_attachments, rotate
from .backup_restore import (BackupPasswordError, RestoreResult, attachment_stores, recover_attachments, restore,
                             restore_office)
from .restore_audit import keep_later_audit

__all__ = [
    "AUTO_LABEL", "BACKUP_DIR_KEY", "BEFORE_RESTORE_LABEL", "DAMAGED_LABEL", "STAMP_FORMAT",
    "AutoBackupResult", "BackupInfo", "BackupPasswordError", "BackupResult", "RestoreResult",
    "attachment_stores", "auto_backup", "auto_backup_due", "backup_dir_for", "backup_folder", "backup_folders",
    "backup_office", "configured_backup_dir", "describe", "keep_later_audit", "latest_good_backup", "list_backups",
    "make_backup", "parse_backup_name", "prune_attachments", "recover_attachments", "restore", "restore_office",
    "rotate", "set_backup_folder", "verify",
]
