"""The store's transactions: ``atomic()`` nesting through savepoints, and read snapshots.

A mixin of ``Store`` (see connection.py), which provides ``conn``, ``path``, ``read_only`` and the
transaction state these methods keep (``_depth``, ``_savepoint_seq``, ``_sealing``).
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

from .driver import sqlite
from ..errors import StoreError
from . import chain
from .sqlite_errors import explain_sqlite_error


class Transactions:
    """``Store``'s transaction methods; every failure rolls back before it is raised."""

    # ----------------------------------------------------------- transactions
    @contextmanager
    def atomic(self) -> Iterator[sqlite.Connection]:
        """One transaction; nested calls become savepoints that roll back on their own.

        ``BEGIN IMMEDIATE`` takes the write lock up front so a transaction never fails half-way
        because another connection started writing.
        """
        with (self._transaction() if self._depth == 0 else self._savepoint()) as conn:
            yield conn

    @contextmanager
    def _transaction(self) -> Iterator[sqlite.Connection]:
        if self.read_only:
            self._refuse_write()
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite.Error as exc:
            raise explain_sqlite_error(exc, self.path) from exc
        self._depth = 1
        try:
            yield self.conn
        except BaseException as exc:
            self._depth = 0
            self._rollback()
            if isinstance(exc, sqlite.Error):
                clear = explain_sqlite_error(exc, self.path, strict=True)
                if clear is not None:
                    raise clear from exc
            raise
        self._depth = 0
        try:
            if self._sealing:  # chain the audit rows this transaction wrote, inside it
                chain.seal_new(self.conn)
            self.conn.execute("COMMIT")
        except sqlite.Error as exc:
            self._rollback()
            clear = explain_sqlite_error(exc, self.path, strict=True)
            raise (clear or StoreError(f"保存失败，已撤销本次修改：{exc}")) from exc

    @contextmanager
    def _savepoint(self) -> Iterator[sqlite.Connection]:
        self._savepoint_seq += 1
        name = f"sp{self._savepoint_seq}"
        self.conn.execute(f"SAVEPOINT {name}")
        self._depth += 1
        try:
            yield self.conn
        except BaseException:
            # A full disk or I/O error may already have rolled the whole transaction back.
            if self.conn.in_transaction:
                self.conn.execute(f"ROLLBACK TO {name}")
                self.conn.execute(f"RELEASE {name}")
            raise
        finally:
            self._depth -= 1
        self.conn.execute(f"RELEASE {name}")

    @contextmanager
    def snapshot(self) -> Iterator[sqlite.Connection]:
        """Reads that must agree with each other (a printout and its totals): one transaction on a
        writable store, a plain read transaction on a read-only one (whose writes then fail)."""
        if not self.read_only:
            with self.atomic() as conn:
                yield conn
            return
        self.conn.execute("BEGIN")
        try:
            yield self.conn
        finally:
            self._rollback()

    def _rollback(self) -> None:
        """Undo the open transaction, if SQLite has not already done so itself (SQLITE_FULL…)."""
        if self.conn.in_transaction:
            try:
                self.conn.execute("ROLLBACK")
            except sqlite.Error:
                pass  # the connection is gone or the transaction already ended

    @property
    def in_transaction(self) -> bool:
        return self._depth > 0
