"""Fixtures shared by every test area: a fresh office file per test, and a sandboxed home.

Core tests need no display; UI tests set QT_QPA_PLATFORM=offscreen in tests/ui/conftest.py.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from sandbox_dirs import redirect_user_dirs

from unionoffice.core.store import driver as _driver

# One SQLite library in the test process, as in the program (core/store/driver.py). Tests attack
# the office file with raw SQL through `import sqlite3`, beside the program's own connections: two
# SQLite copies in one process don't see each other's locks, and the one that thinks it closes the
# file last truncates the -shm the other has mapped (SIGBUS in a worker thread). The raw SQL still
# bypasses the program's Store; only the library is the program's (it reads plain files as SQLite).
if _driver.ENCRYPTION:
    import sqlcipher3

    sys.modules["sqlite3"], sys.modules["sqlite3.dbapi2"] = sqlcipher3, sqlcipher3.dbapi2

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
SHARED_SAMPLES = ROOT.parent / "shared" / "samples"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(autouse=True)
def _forget_passwords():
    """Passwords given to open encrypted files are remembered per process: not across tests."""
    from unionoffice.core.store import driver

    driver.forget_all()
    yield
    driver.forget_all()


@pytest.fixture(autouse=True)
def _sandbox_home(tmp_path_factory, monkeypatch):
    """Logs, settings and the default database go to a temp folder, never the real profile."""
    home = tmp_path_factory.mktemp("home")
    redirect_user_dirs(home, monkeypatch)
    # Child processes (the CLI, helper scripts) write UTF-8 whatever the Windows ANSI code page,
    # and the tests read them as UTF-8.
    monkeypatch.setenv("PYTHONIOENCODING", "utf-8")


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
