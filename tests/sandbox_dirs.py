"""Where the program's per-user folders go during tests: never the real user's profile.

On Linux the XDG variables are enough. On Windows platformdirs asks Windows itself
(SHGetKnownFolderPath) and ignores LOCALAPPDATA, so it is redirected in this process by patching
platformdirs, and in the CLI processes the tests start through its WIN_PD_OVERRIDE_* variables.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest


def redirect_user_dirs(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(var, str(home / var.lower()))
    if sys.platform != "win32":
        return
    import platformdirs  # pragma: no cover - exercised by make wintest

    for folder in ("LOCAL_APPDATA", "APPDATA"):
        (home / folder).mkdir(parents=True, exist_ok=True)
        monkeypatch.setenv(f"WIN_PD_OVERRIDE_{folder}", str(home / folder))
    monkeypatch.setenv("LOCALAPPDATA", str(home / "LOCAL_APPDATA"))
    monkeypatch.setenv("APPDATA", str(home / "APPDATA"))
    for name in ("user_data_dir", "user_log_dir", "user_config_dir", "user_cache_dir", "user_state_dir"):
        monkeypatch.setattr(platformdirs, name, _sandboxed(home / "LOCAL_APPDATA", name))


def _sandboxed(base: Path, kind: str):
    """A stand-in for platformdirs.user_*_dir that stays under the test's home."""

    def folder(appname=None, appauthor=None, version=None, roaming=False, *args, **kwargs) -> str:
        return str(base / (appname or "") / ("Logs" if kind == "user_log_dir" else ""))

    return folder
