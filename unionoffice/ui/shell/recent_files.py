"""The 最近打开 list: the office files opened lately, kept in the program's QSettings."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

MAX_RECENT = 8
RECENT_KEY = "recentFiles"


def recent_files() -> list[Path]:
    """The recently opened files that still exist, newest first (at most ``MAX_RECENT``)."""
    raw = QSettings().value(RECENT_KEY, [], type=list) or []
    paths = [Path(p) for p in raw if p]
    existing = [p for p in paths if p.is_file()][:MAX_RECENT]
    if len(existing) != len(paths):
        _save_recent(existing)
    return existing


def remember_recent(path: Path) -> None:
    path = Path(path)
    others = [p for p in recent_files() if p != path]
    _save_recent([path, *others][:MAX_RECENT])


def clear_recent() -> None:
    _save_recent([])


def _save_recent(paths: list[Path]) -> None:
    QSettings().setValue(RECENT_KEY, [str(p) for p in paths])
