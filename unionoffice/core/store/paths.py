"""Where an office file keeps its companions: the backup folder and the attachments folder
beside ``<name>.db``. Known also for a file that is not open (backup, restore, check)."""

from __future__ import annotations

from pathlib import Path


def backup_dir_for(db_path: str | Path) -> Path:
    """Default backup folder: ``<db folder>/<db name>-备份``."""
    db_path = Path(db_path)
    return db_path.with_name(f"{db_path.stem}-备份")


def attachments_dir_for(db_path: str | Path) -> Path:
    """``<db folder>/<db name>-附件``: activity photos and scanned 签到表."""
    db_path = Path(db_path)
    return db_path.with_name(f"{db_path.stem}-附件")
