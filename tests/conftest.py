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
    if sys.platform == "win32":  # pragma: no cover
        monkeypatch.setenv("LOCALAPPDATA", str(home))
        monkeypatch.setenv("APPDATA", str(home))


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
