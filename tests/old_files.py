"""Office files as an older release wrote them, for the tests that upgrade them without loss."""

from __future__ import annotations

import sqlite3  # SQLCipher's build in the test process (tests/conftest.py)
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from unionoffice.core.store import migrations


@contextmanager
def office_at_schema(path: Path, version: int) -> Iterator[sqlite3.Connection]:
    """The migration steps up to ``version`` in one transaction; the caller adds its rows in the
    ``with`` block, then the file is committed and closed, its user_version saying ``version``."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN")
    for step in migrations.steps()[:version]:
        step.upgrade(conn)
    conn.execute(f"PRAGMA user_version = {version}")
    yield conn
    conn.execute("COMMIT")
    conn.close()
