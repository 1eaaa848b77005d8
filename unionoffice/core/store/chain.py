"""The sealed audit chain: every audit row carries a hash chained to the one before it.

Audit rows are written by SQLite triggers (see ``audit``), which cannot compute a SHA-256. So the
hashes live beside them in ``audit_chain`` (one row per audit row, append-only like ``audit``),
written by ``seal_new`` at the end of every transaction of the program: one INSERT … SELECT over
the new audit rows, each hashed by a Python function of the connection (~1 µs). Rows written by
other tools (a raw ``sqlite3`` shell) are sealed the next time the program opens the file; until
then ``verify`` counts them as "not yet sealed" at the end of the chain.

An audit row that records an assistance payment as locked (``after.locked = 1``) also carries a
``seal``: the hash of its frozen fields (every column but ``LOCK_FREE_COLUMNS``). The first seal
of a payment is its lock; ``verify`` then checks that every later audit row of it carries the same
seal and that the row in ``assistance`` still has those values — so a payment rewritten behind the
triggers' back (``INSERT OR REPLACE`` from a copy, triggers dropped) is named with what changed.

What this does and does not protect: anyone editing the file with the program's source at hand can
recompute every hash. The chain makes an edit by any other means visible; it is not a signature.
"""

from __future__ import annotations

import hashlib
from hashlib import sha256
import json

from dataclasses import dataclass, field
from typing import Any, Iterator

from .driver import sqlite
from .migrations.m0002_hardship_assistance import LOCK_FREE_COLUMNS

GENESIS = bytes(32)  # the "hash before" the first audit row
SHOWN = 10  # problems listed by name

CHAIN_TABLE = """CREATE TABLE audit_chain (
    audit_id INTEGER PRIMARY KEY,
    hash     BLOB NOT NULL,  -- SHA-256 (32 bytes) of the audit row and the hash before it
    seal     TEXT
)"""

# No REPLACE guard on audit_chain itself: a replaced link no longer matches the row after it,
# and the guard (a lookup per sealed row) cost 40 % of sealing a 50,000-row import.
CHAIN_SCHEMA = CHAIN_TABLE + """;
CREATE TRIGGER audit_chain_no_update BEFORE UPDATE ON audit_chain
BEGIN SELECT RAISE(ABORT, '操作日志封存链只能追加，不能修改'); END;
CREATE TRIGGER audit_chain_no_delete BEFORE DELETE ON audit_chain
BEGIN SELECT RAISE(ABORT, '操作日志封存链只能追加，不能删除'); END;
CREATE TRIGGER audit_no_replace BEFORE INSERT ON audit
WHEN NEW.id IS NOT NULL AND EXISTS (SELECT 1 FROM audit WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, '操作日志只能追加，不能替换'); END;
"""

# The audit columns as hashed: text as its stored bytes (see row_hash).
_AUDIT_COLUMNS = ("id, CAST(at AS BLOB), CAST(user AS BLOB), CAST(table_name AS BLOB), row_id, "
                  "CAST(action AS BLOB), CAST(before AS BLOB), CAST(after AS BLOB)")
_NUL = b"\x00"

FIELD_LABELS = {
    "name": "姓名", "id_number": "身份证号", "amount": "金额", "goods": "实物", "goods_value": "实物价值",
    "paid_date": "发放日期", "kind": "类别", "funding_source": "资金来源", "method": "发放方式",
    "campaign_id": "慰问活动", "print_seq": "序号", "notes": "备注", "locked": "锁定", "handler": "经办人",
    "deleted_at": "回收站", "reversal_of": "更正对象", "org_name": "单位", "category": "困难类别",
}


def has_chain(conn: sqlite.Connection) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_chain'").fetchone() is not None


def row_hash(prev: bytes, row: tuple, seal: str | None) -> bytes:
    """The chain hash of one audit row: its every column, the seal and the hash before it.

    ``row`` comes from ``_HASH_COLUMNS``: the text columns as their stored UTF-8 bytes, so that no
    text is decoded and encoded again (sealing a 50,000-row import: ~1 µs a row). Fields are joined
    with the unit separator, which JSON escapes and no typed name holds; NULL is a lone NUL byte.
    """
    i, at, user, table, row_id, action, before, after = row
    return sha256(b"\x1f".join((
        prev, b"%d" % i, at or _NUL, user or _NUL, table or _NUL,
        b"%d" % row_id if type(row_id) is int else str(row_id).encode(), action or _NUL,
        _NUL if before is None else before, _NUL if after is None else after,
        seal.encode() if seal else b"",
    ))).digest()


def frozen_values(values: dict[str, Any], keys: Any = None) -> dict[str, Any]:
    """The fields of a locked payment that may never change (``keys``: those of its sealing row)."""
    keys = values.keys() if keys is None else keys
    return {k: values.get(k) for k in sorted(keys) if k not in LOCK_FREE_COLUMNS}


def seal_of(frozen: dict[str, Any]) -> str:
    text = json.dumps(sorted(frozen.items()), ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _row_seal(audit: tuple) -> tuple[str | None, dict[str, Any] | None]:
    """(seal, frozen fields) of an audit row that shows a locked payment; (None, None) otherwise.

    The seal names the payment ("<id>:<hash>") so that it still says which payment it sealed when
    the audit row itself has been deleted."""
    table, row_id, after = audit[3], audit[4], audit[7]
    if table != b"assistance" or not after or b'"locked":1' not in after:
        return None, None
    values = json.loads(after)
    if values.get("locked") != 1:
        return None, None
    frozen = frozen_values(values)
    return f"{row_id}:{seal_of(frozen)}", frozen


def seal_new(conn: sqlite.Connection) -> int:
    """Chain every audit row written since the last seal. The caller holds the transaction.

    The hashes are made inside one INSERT … SELECT through two SQL functions of this
    connection: no audit row is fetched into Python and no link is bound back (sealing a
    50,000-row import: 0.31 s → 0.12 s), and SQLite hands each row over as one body of bytes
    (``_HASHED_BODY``), the seal asked for only on assistance rows. The chain's order is the
    audit ids': the hashing function refuses a row that comes out of order, and then the rows
    are sealed one by one.
    """
    last = conn.execute("SELECT audit_id, hash FROM audit_chain ORDER BY audit_id DESC LIMIT 1").fetchone()
    last_id, prev = (last[0], last[1]) if last else (0, GENESIS)
    link = _Linker(last_id, prev)
    conn.create_function("uo_chain_link", 3, link)
    conn.create_function("uo_chain_seal", 3, _seal_column, deterministic=True)
    conn.execute("SAVEPOINT seal")
    try:
        cursor = conn.execute(
            f"INSERT INTO audit_chain(audit_id, hash, seal) SELECT id, uo_chain_link(id, {_HASHED_BODY}, {_SEAL}), "
            f"{_SEAL} FROM audit WHERE id > ? ORDER BY id", (last_id,))
        conn.execute("RELEASE seal")
        return cursor.rowcount
    except sqlite.Error:
        if not link.out_of_order:
            raise
        conn.execute("ROLLBACK TO seal")
        conn.execute("RELEASE seal")
        return _seal_in_python(conn, last_id, prev)


class _OutOfOrder(Exception):
    pass


# The bytes row_hash joins between the hash before and the seal, put together by SQLite itself:
# one argument instead of eight for each of an import's 50,000 rows. A NULL or empty text
# stands as NUL, a NULL before/after as NUL (see row_hash); ``||`` keeps every byte.
_HASHED_BODY = "CAST(" + " || x'1f' || ".join((
    "CAST(id AS TEXT)",
    *(f"coalesce(nullif(CAST({c} AS BLOB), x''), x'00')" for c in ("at", "user", "table_name")),
    "CAST(row_id AS TEXT)",
    "coalesce(nullif(CAST(action AS BLOB), x''), x'00')",
    "coalesce(CAST(before AS BLOB), x'00')", "coalesce(CAST(after AS BLOB), x'00')",
)) + " AS BLOB)"
# Only an assistance row may carry a seal: Python is asked for the few, not for every row.
_SEAL = ("CASE WHEN CAST(table_name AS BLOB) = CAST('assistance' AS BLOB) THEN "
         "uo_chain_seal(CAST(table_name AS BLOB), row_id, CAST(after AS BLOB)) END")


class _Linker:
    """The SQL function that chains one audit row to the one before it (state: the last hash).
    Called with the row's id, its hashed body (``_HASHED_BODY``) and its seal or NULL."""

    def __init__(self, last_id: int, prev: bytes):
        self.last_id, self.prev, self.out_of_order = last_id, prev, False

    def __call__(self, audit_id: int, body: bytes, seal: str | None) -> bytes:
        if audit_id <= self.last_id:  # SQLite chose to sort after hashing: the chain would be wrong
            self.out_of_order = True
            raise _OutOfOrder()
        self.prev = sha256(b"%b\x1f%b\x1f%b" % (self.prev, body, seal.encode() if seal else b"")).digest()
        self.last_id = audit_id
        return self.prev


def _seal_column(table: bytes, row_id: int, after: bytes | None) -> str | None:
    if table != b"assistance":
        return None
    return _row_seal((None, None, None, table, row_id, None, None, after))[0]


def _seal_in_python(conn: sqlite.Connection, last_id: int, prev: bytes) -> int:
    """The same chain, the rows fetched and hashed here (the fallback of ``seal_new``)."""
    cursor = conn.cursor()
    cursor.row_factory = None  # plain tuples: no sqlite.Row per audit row
    rows = cursor.execute(f"SELECT {_AUDIT_COLUMNS} FROM audit WHERE id > ? ORDER BY id", (last_id,)).fetchall()
    out = []
    for row in rows:
        seal = _row_seal(row)[0] if row[3] == b"assistance" else None
        prev = row_hash(prev, row, seal)
        out.append((row[0], prev, seal))
    conn.executemany("INSERT INTO audit_chain(audit_id, hash, seal) VALUES (?, ?, ?)", out)
    return len(out)


# ------------------------------------------------------------------------ verify
@dataclass
class Sealed:
    """The lock of one payment as the chain recorded it (``frozen`` None: its audit row was deleted)."""
    audit_id: int
    at: str
    seal: str
    frozen: dict[str, Any] | None


@dataclass
class ChainReport:
    checked: int = 0  # sealed audit rows verified
    unsealed: int = 0  # audit rows at the end not yet sealed (written by another tool, or open now)
    problems: list[str] = field(default_factory=list)
    locked_checked: int = 0
    present: bool = True  # False: the file predates the chain

    @property
    def ok(self) -> bool:
        return not self.problems

    def lines(self) -> list[str]:
        if not self.present:
            return []
        if self.ok:
            tail = f"，另有 {self.unsealed} 条尚未封存（程序下次打开时封存）" if self.unsealed else ""
            return [f"操作日志封存链：{self.checked} 条完好{tail}；已锁定的慰问记录 {self.locked_checked} 笔与封存一致"]
        out = [f"操作日志封存链：发现 {len(self.problems)} 处被改动或删除"]
        out += [f"  {p}" for p in self.problems[:SHOWN]]
        if len(self.problems) > SHOWN:
            out.append(f"  …… 共 {len(self.problems)} 处")
        return out

    def summary(self) -> str:
        return "" if self.ok else f"操作日志或已锁定的慰问记录被改动：{self.problems[0]}"


def verify(conn: sqlite.Connection) -> ChainReport:
    """Walk the audit rows and their chain together; then compare locked payments with their seals."""
    report = ChainReport()
    if not has_chain(conn):
        report.present = False
        return report
    seals: dict[int, Sealed] = {}
    deleted: list[int] = []
    rewrites: list[str] = []
    prev = GENESIS
    last_chained = conn.execute("SELECT coalesce(max(audit_id), 0) FROM audit_chain").fetchone()[0]
    for audit, link in _merged(conn):
        if link is None:
            if audit[0] > last_chained:
                report.unsealed += 1
                _note_seal(rewrites, seals, audit, _row_seal(audit))
            else:
                report.problems.append(f"操作日志第 {audit[0]} 条不在封存链中（事后插入）")
            continue
        if audit is None:
            deleted.append(link[0])
            _note_lost_seal(seals, link)
            prev = link[1]
            continue
        found = _row_seal(audit)
        if row_hash(prev, audit, link[2]) != link[1] or found[0] != link[2]:
            report.problems.append(_changed_row(audit, prev == GENESIS and audit[0] != 1))
            _note_lost_seal(seals, link)  # the seal the chain kept binds, not the rewritten row
        else:
            report.checked += 1
        _note_seal(rewrites, seals, audit, found)
        prev = link[1]
    chain_problems = [_deleted_text(first, last) for first, last in _runs(deleted)] + report.problems
    report.problems = []
    _verify_locked(conn, seals, report)
    report.problems += rewrites + chain_problems  # money first: it matters most
    return report


def _runs(ids: list[int]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for i in ids:
        if out and out[-1][1] == i - 1:
            out[-1] = (out[-1][0], i)
        else:
            out.append((i, i))
    return out


def _deleted_text(first: int, last: int) -> str:
    if first == last:
        return f"操作日志第 {first} 条被删除（封存链仍有它的记录）"
    return f"操作日志第 {first}–{last} 条（{last - first + 1} 条）被删除（封存链仍有它们的记录）"


def _merged(conn: sqlite.Connection) -> Iterator[tuple[Any, Any]]:
    """(audit row, chain row) pairs in id order; either is None where the other has no partner."""
    audits, links = conn.cursor(), conn.cursor()
    audits.row_factory = links.row_factory = None
    audits.execute(f"SELECT {_AUDIT_COLUMNS} FROM audit ORDER BY id")
    links.execute("SELECT audit_id, hash, seal FROM audit_chain ORDER BY audit_id")
    a, c = audits.fetchone(), links.fetchone()
    while a is not None or c is not None:
        if c is None or (a is not None and a[0] < c[0]):
            yield tuple(a), None
            a = audits.fetchone()
        elif a is None or c[0] < a[0]:
            yield None, tuple(c)
            c = links.fetchone()
        else:
            yield tuple(a), tuple(c)
            a, c = audits.fetchone(), links.fetchone()


def _changed_row(audit: tuple, _first: bool) -> str:
    return (f"操作日志第 {audit[0]} 条（{_text(audit[1])}，{_text(audit[2]) or '未知用户'}，{_text(audit[3])} #{audit[4]}）"
            "与封存不符：它或它之前的日志被改动、删除")


def _note_lost_seal(seals: dict[int, "Sealed"], link: tuple) -> None:
    """A deleted audit row that sealed a payment: its seal, kept in the chain, still binds it."""
    head = (link[2] or "").split(":", 1)[0]
    if head.isdigit():
        row_id = int(head)
        seals.setdefault(row_id, Sealed(link[0], f"操作日志第 {link[0]} 条（已被删除）", link[2], None))


def _note_seal(rewrites: list[str], seals: dict[int, Sealed], audit: tuple, found: tuple) -> None:
    """Remember the first seal of each payment; a later row with other frozen values is a rewrite."""
    seal, frozen = found
    if seal is None:
        return
    first = seals.get(audit[4])
    if first is None:
        seals[audit[4]] = Sealed(audit[0], _text(audit[1]), seal, frozen)
        return
    if first.frozen is None:
        if seal != first.seal:
            rewrites.append(f"已锁定的慰问记录 #{audit[4]} 在 {_text(audit[1])}（操作日志第 {audit[0]} 条）被改写"
                            f"（它锁定时的日志已被删除，无法列出原值）")
        return
    # compared over the keys of the lock: a column added later by a migration is not a rewrite
    same_keys = {k: frozen.get(k) for k in first.frozen}
    if seal != first.seal and f"{audit[4]}:{seal_of(same_keys)}" != first.seal:
        what = _differences(first.frozen, same_keys)
        rewrites.append(f"已锁定的慰问记录 #{audit[4]} 在 {_text(audit[1])}（操作日志第 {audit[0]} 条）被改写：{what}")


def _verify_locked(conn: sqlite.Connection, seals: dict[int, Sealed], report: ChainReport) -> None:
    if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'assistance'").fetchone():
        return
    cursor = conn.execute("SELECT * FROM assistance WHERE locked = 1")
    names = [d[0] for d in cursor.description]
    present: set[int] = set()
    for raw in cursor:
        values = dict(zip(names, raw))
        present.add(values["id"])
        sealed = seals.get(values["id"])
        if sealed is None:
            report.problems.append(f"慰问记录 #{values['id']}（{values.get('name')}）标为已锁定，但操作日志里没有它的锁定记录")
            continue
        now = frozen_values(values, None if sealed.frozen is None else sealed.frozen.keys())
        if f"{values['id']}:{seal_of(now)}" == sealed.seal:
            report.locked_checked += 1
        elif sealed.frozen is None:
            report.problems.append(f"已锁定的慰问记录 #{values['id']}（{values.get('name')}，金额 {_yuan(values.get('amount'))}）"
                                   f"与锁定时的封存不符，被改动过（锁定它的{sealed.at}，无法列出原值）")
        else:
            report.problems.append(f"已锁定的慰问记录 #{values['id']}（锁定于 {sealed.at}）被改动：{_differences(sealed.frozen, now)}")
    for row_id in sorted(set(seals) - present):
        sealed = seals[row_id]
        if sealed.frozen is None:
            report.problems.append(f"已锁定的慰问记录 #{row_id} 被删除或解除了锁定（锁定它的{sealed.at}）")
            continue
        report.problems.append(f"已锁定的慰问记录 #{row_id}（{sealed.frozen.get('name')}，金额 "
                               f"{_yuan(sealed.frozen.get('amount'))}，锁定于 {sealed.at}）被删除或解除了锁定")


def _differences(before: dict[str, Any], after: dict[str, Any]) -> str:
    parts = []
    for key in sorted(set(before) | set(after)):
        old, new = before.get(key), after.get(key)
        if old != new:
            label = FIELD_LABELS.get(key, key)
            if key in ("amount", "goods_value"):
                old, new = _yuan(old), _yuan(new)
            parts.append(f"{label} 原为 {old}，现为 {new}")
    return "；".join(parts) or "封存值不符"


def _text(value: Any) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value or "")


def _yuan(fen: Any) -> str:
    return f"¥{fen / 100:,.2f}" if isinstance(fen, int) else str(fen)
