"""Small SQL helpers shared by migrations and core modules."""

from __future__ import annotations
from .driver import sqlite


def run_script(conn: sqlite.Connection, script: str) -> None:
    """Run several statements inside the current transaction.

    ``executescript`` would COMMIT whatever transaction is open first, breaking the promise that
    an upgrade is all-or-nothing, so statements are split and executed one by one.
    """
    for statement in split_statements(script):
        conn.execute(statement)


def split_statements(script: str) -> list[str]:
    out, buf = [], []
    for line in script.splitlines():
        buf.append(line)
        candidate = "\n".join(buf)
        if sqlite.complete_statement(candidate):
            if candidate.strip():
                out.append(candidate)
            buf = []
    rest = "\n".join(buf).strip()
    if rest and not all(l.strip().startswith("--") or not l.strip() for l in buf):
        out.append(rest)
    return out


def like_escape(text: str) -> str:
    """Escape % and _ for a LIKE pattern written with ESCAPE '\\'."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def glob_escape(text: str) -> str:
    """Escape GLOB metacharacters so user text matches literally."""
    return "".join(f"[{c}]" if c in "*?[" else c for c in text)
