"""Fixtures shared by every test area: a fresh office file per test, and a sandboxed home.

Core tests need no display; UI tests set QT_QPA_PLATFORM=offscreen in tests/ui/conftest.py.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
SHARED_SAMPLES = ROOT.parent / "shared" / "samples"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(autouse=True)
def _sandbox_home(tmp_path_factory, monkeypatch):
    """Logs, settings and the default database go to a temp folder, never the real profile."""
    home = tmp_path_factory.mktemp("home")
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(var, str(home / var.lower()))
    # Child processes (the CLI, helper scripts) write UTF-8 whatever the Windows ANSI code page,
    # and the tests read them as UTF-8.
    monkeypatch.setenv("PYTHONIOENCODING", "utf-8")
    if sys.platform == "win32":  # pragma: no cover - exercised by make wintest
        # platformdirs asks Windows itself (SHGetKnownFolderPath), not LOCALAPPDATA: redirect it in
        # this process, and through its WIN_PD_OVERRIDE_* variables in the CLI processes we start.
        import platformdirs

        for folder in ("LOCAL_APPDATA", "APPDATA"):
            (home / folder).mkdir(exist_ok=True)
            monkeypatch.setenv(f"WIN_PD_OVERRIDE_{folder}", str(home / folder))
        monkeypatch.setenv("LOCALAPPDATA", str(home / "LOCAL_APPDATA"))
        monkeypatch.setenv("APPDATA", str(home / "APPDATA"))
        for name, base in (("user_data_dir", "LOCAL_APPDATA"), ("user_log_dir", "LOCAL_APPDATA"),
                           ("user_config_dir", "LOCAL_APPDATA"), ("user_cache_dir", "LOCAL_APPDATA")):
            monkeypatch.setattr(platformdirs, name, _sandboxed(home / base, name))


def _sandboxed(base: Path, kind: str):
    """A stand-in for platformdirs.user_*_dir that stays under the test's home."""

    def folder(appname=None, appauthor=None, version=None, roaming=False, *args, **kwargs) -> str:
        path = base / (appname or "") / ("Logs" if kind == "user_log_dir" else "")
        return str(path)

    return folder


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "office.db"


@pytest.fixture
def store(db_path):
    from unionoffice.core.store.connection import Store

    s = Store.open(db_path, user="测试员")
    s.set_setting("office_name", "测试街道总工会")
    yield s
    s.close()
