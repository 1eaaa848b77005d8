"""Another program opening the office file while the window has it open must not take it over.

The newcomer's walk: with the window open, a read-only look with the sqlite3 shell made the
-wal and -shm files vanish; the window went on writing into the deleted WAL and the file on
disk went stale until the program closed. The cause: reading the file's header with open()
whenever a connection was made (a worker, a check) — closing that descriptor drops every POSIX
lock this process held on the file, so the shell believed it was the last user, checkpointed
and deleted the WAL. The header is now read only before the process's first connection.
"""

from __future__ import annotations

import subprocess
import sys

from unionoffice.core.store import driver
from unionoffice.core.store.connection import Store

LOOK = ("import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
        "print(c.execute('SELECT count(*) FROM members').fetchone()[0]); c.close()")


def _other_program_counts(path) -> int:
    """A separate process with the standard library's SQLite: 'another program'."""
    done = subprocess.run([sys.executable, "-c", LOOK, str(path)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return int(done.stdout)


def test_a_look_by_another_program_leaves_the_window_its_file(tmp_path):
    path = tmp_path / "office.db"
    with Store.open(path) as store:
        store.execute("INSERT INTO members (name) VALUES ('张三')")
        worker = store.open_worker()  # what the window does for a long job: a second connection
        worker.execute("INSERT INTO members (name) VALUES ('李四')")
        worker.close()
        assert not driver.is_encrypted(path)  # what a check asks beside the window
        assert _other_program_counts(path) == 2
        assert path.with_name("office.db-wal").exists()  # not checkpointed away under the window
        store.execute("INSERT INTO members (name) VALUES ('王五')")
        assert _other_program_counts(path) == 3  # the file on disk is current, not stale


def test_the_header_is_read_again_for_a_file_with_no_connection_left(tmp_path):
    """Remembered only while a connection is open: a file replaced meanwhile is read afresh."""
    path = tmp_path / "office.db"
    Store.open(path).close()
    assert not driver.is_encrypted(path)
    path.unlink()
    path.write_bytes(bytes(range(256)) * 8)  # noise, as an encrypted page looks
    assert driver.is_encrypted(path)
