"""The 最近打开 list: the office files opened lately, kept in the program's QSettings.

A file that is not there now (on a U盘 not plugged in, a share not connected) is left out of the
menu but not forgotten: it comes back when the drive does.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

MAX_RECENT = 8
RECENT_KEY = "recentFiles"


def _remembered() -> list[Path]:
    raw = QSettings().value(RECENT_KEY, [], type=list) or []
    return [Path(p) for p in raw if p]


def recent_files() -> list[Path]:
    """The recently opened files that exist now, newest first (at most ``MAX_RECENT``)."""
    return [p for p in _remembered() if p.is_file()][:MAX_RECENT]


def remember_recent(path: Path) -> None:
    path = Path(path)
    others = [p for p in _remembered() if p != path]
    _save_recent([path, *others][:MAX_RECENT])


def clear_recent() -> None:
    _save_recent([])


def _save_recent(paths: list[Path]) -> None:
    QSettings().setValue(RECENT_KEY, [str(p) for p in paths])
