"""``unionoffice check``: is the file healthy, and which schema version is it?

Opens the file read-only so that checking never changes it (no upgrade, no lock), and so that a
file another instance has open can still be checked. When the file has a problem the report names
the newest backup that verifies, and the command that restores it.

The activity attachments the file refers to are checked too: each must be in the folder beside it
with the size and SHA-256 its name promises. Missing or damaged ones are reported with how many the
backup folders still hold and the command that copies them back without touching the records.
"""

from __future__ import annotations

import os

from dataclasses import dataclass, field
from pathlib import Path

from . import driver
from .driver import sqlite
from . import backup_attachments as files
from . import chain, guard, migrations
from .schema import SchemaObject, missing_objects
from .paths import attachments_dir_for
from ..errors import StoreError
from .connection import Store
from .opening import readonly_uri
from .sqlite_errors import SQLITE_CORRUPT, SQLITE_NOTADB, DamagedFileError, primary_code, unreadable_message

SHOWN = 5  # attachment problems listed by name


@dataclass
class CheckReport:
    path: Path
    schema_version: int = 0
    latest_version: int = 0
    integrity: list[str] = field(default_factory=list)  # empty = ok
    foreign_key_problems: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    readable: bool = True  # False: the header or schema could not be read at all
    good_backup: object | None = None  # backup.BackupInfo of the newest verified backup, when not ok
    attachments: int = 0  # distinct attachment files the database refers to
    missing_files: list[files.Ref] = field(default_factory=list)
    damaged_files: list[files.Ref] = field(default_factory=list)
    recoverable_files: int | None = None  # of the missing/damaged ones, how many a backup holds (None: not looked)
    missing_schema: list[SchemaObject] = field(default_factory=list)  # tables/indexes/triggers someone removed
    chain: chain.ChainReport | None = None  # the sealed audit and locked payments (None: not looked)
    guards: str = ""  # protective triggers missing or altered ('' when all there)
    read_only: bool = False  # on read-only media: read as it is, not damaged
    encrypted: bool = False  # SQLCipher-encrypted with the office password

    @property
    def tampered(self) -> bool:
        """The audit, a locked payment or a protective trigger was changed behind the program."""
        return bool(self.guards) or (self.chain is not None and not self.chain.ok)

    @property
    def db_ok(self) -> bool:
        """The database itself is healthy (whatever its attachment files)."""
        return (self.readable and not self.integrity and not self.foreign_key_problems
                and self.schema_version <= self.latest_version and self.schema_version > 0)

    @property
    def ok(self) -> bool:
        return (self.db_ok and not self.missing_files and not self.damaged_files and not self.tampered
                and not self.missing_schema)

    def problem(self) -> str:
        """One line saying what is wrong ('' when nothing is)."""
        if self.ok:
            return ""
        if self.db_ok and self.tampered:
            return self.chain.summary() if self.chain is not None and not self.chain.ok else self.guards
        if self.db_ok and self.missing_schema:
            return f"数据库文件 {self.path.name} 缺少 {len(self.missing_schema)} 项结构：{self.missing_schema[0].text()}"
        if self.db_ok:
            bad = len(self.missing_files) + len(self.damaged_files)
            return f"有 {bad} 个活动附件文件缺失或已损坏（附件文件夹 {attachments_dir_for(self.path)}）"
        if self.integrity:
            return f"数据库文件 {self.path.name} 未通过完整性检查：{self.integrity[0]}"
        if self.schema_version == 0:
            return f"{self.path.name} 不是本程序的数据库文件（里面没有会员、单位等表）"
        if self.schema_version > self.latest_version:
            return f"数据库文件 {self.path.name} 来自更新版本的程序，请升级本程序"
        return f"数据库文件 {self.path.name} 有 {self.foreign_key_problems} 处记录指向不存在的记录"

    def lines(self) -> list[str]:
        out = [f"数据库：{self.path}"]
        if not self.readable:
            out.append("结构版本：无法读取")
        elif self.schema_version > self.latest_version:
            out.append(f"结构版本：{self.schema_version}（比本程序支持的 {self.latest_version} 新，请升级程序）")
        elif self.schema_version == 0:
            out.append("结构版本：无（不是本程序的数据库）")
        elif self.schema_version < self.latest_version:
            out.append(f"结构版本：{self.schema_version}（程序打开时会先备份再升级到 {self.latest_version}）")
        else:
            out.append(f"结构版本：{self.schema_version}（最新）")
        out.append("加密：是（设了打开密码，没有密码读不出内容）" if self.encrypted
                   else "加密：否（没有设置密码，任何能拿到文件的人都能读出个人信息）")
        if self.read_only:
            out.append("位置：只读（光盘、写保护的U盘或只读文件夹）。文件可以查看和检查；要修改，请先复制到电脑上可写的文件夹")
        out.append("完整性：正常" if not self.integrity else "完整性：发现问题 — " + "；".join(self.integrity[:10]))
        if self.foreign_key_problems:
            out.append(f"关联检查：{self.foreign_key_problems} 处记录指向不存在的记录")
        labels = {"orgs": "单位", "members": "会员"}
        if self.counts:
            out.append("记录数：" + "，".join(f"{labels.get(k, k)} {v}" for k, v in self.counts.items()))
        out.extend(self.chain.lines() if self.chain is not None else [])
        if self.guards:
            out.append(f"保护规则：{self.guards}（程序下次打开此文件时会恢复并记入操作日志）")
        if self.missing_schema:
            out.append("结构检查：缺少 " + "、".join(o.text() for o in self.missing_schema[:SHOWN])
                       + ("……" if len(self.missing_schema) > SHOWN else "")
                       + "。锁定和操作日志的保护规则可能已被删除，请从备份恢复或联系技术支持")
        out.extend(self._attachment_lines())
        if self.ok:
            out.append("结论：正常")
        elif self.db_ok and self.tampered:
            out.append("结论：数据库文件在本程序之外被改动过（见上），请核对这些记录；可与最近的备份比对")
        elif self.db_ok and self.missing_schema:
            out.append("结论：数据库结构不完整")
        elif self.db_ok:
            out.append("结论：数据库正常，但有附件文件缺失或损坏")
        else:
            out.append("结论：有问题，请从备份恢复或联系技术支持")
        out.extend(self._backup_lines())
        return out

    def _attachment_lines(self) -> list[str]:
        if not self.attachments:
            return []
        if not self.missing_files and not self.damaged_files:
            return [f"附件：{self.attachments} 个文件，完好"]
        out = [f"附件：{self.attachments} 个文件，缺失 {len(self.missing_files)} 个，损坏 {len(self.damaged_files)} 个"
               f"（应在 {attachments_dir_for(self.path)}）"]
        out += [f"  缺失：{ref.text()}" for ref in self.missing_files[:SHOWN]]
        out += [f"  损坏：{ref.text()}" for ref in self.damaged_files[:SHOWN]]
        bad = len(self.missing_files) + len(self.damaged_files)
        if bad > len(out) - 1:
            out.append(f"  …… 共 {bad} 个")
        if self.recoverable_files is None:
            return out
        if self.recoverable_files:
            out.append(f"其中 {self.recoverable_files} 个可从备份找回：unionoffice restore --attachments --db "
                       f"\"{self.path}\"（只补回附件文件，不改动数据）")
        else:
            out.append("备份中也没有这些文件；如还有原件，请在活动中移除该附件后重新添加。")
        return out

    def _backup_lines(self) -> list[str]:
        if self.db_ok:
            return []
        info = self.good_backup
        if info is None:
            return ["没有找到可用的备份。请勿继续使用此文件，并联系技术支持。"]
        return [
            f"最近的完好备份：{info.path}（{info.made_at:%Y-%m-%d %H:%M}，会员 {info.members}，单位 {info.orgs}）",
            f"恢复方法：unionoffice restore \"{info.path}\" --db \"{self.path}\"（当前文件会先另存一份）",
        ]


def check_database(path: str | Path, *, find_backup: bool = True) -> CheckReport:
    path = Path(path)
    if not path.is_file():
        raise StoreError(f"找不到数据库文件：{path}")
    if not os.access(path, os.R_OK):
        raise StoreError(unreadable_message(path))
    report = CheckReport(path, latest_version=migrations.latest_version())
    report.encrypted = driver.is_encrypted(path)
    if path.stat().st_size == 0:
        report.readable = False
        report.integrity = ["文件是空的（0 字节），内容已丢失"]
    else:
        _inspect(path, report)
    if find_backup and report.db_ok and not report.ok:
        report.recoverable_files = _recoverable(path, report.missing_files + report.damaged_files)
    if find_backup and not report.db_ok:
        from .backup import latest_good_backup  # backup imports store; keep check light

        report.good_backup = latest_good_backup(path)
    return report


def _open_read_only(path: Path, report: CheckReport) -> sqlite.Connection:
    """A read-only connection whose header has been read. On read-only media SQLite cannot make the
    WAL index (-shm) a WAL file needs even to be read: then the file is read as immutable (nothing
    can write it there) and the report says read-only, never damaged."""
    conn = None
    try:
        conn = driver.connect(readonly_uri(path), uri=True)
        report.schema_version = conn.execute("PRAGMA user_version").fetchone()[0]
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite.Error as exc:
        if conn is not None:
            conn.close()
        if not read_only_location(path) or primary_code(exc) in (SQLITE_CORRUPT, SQLITE_NOTADB):
            if isinstance(exc, sqlite.DatabaseError):
                raise
            raise StoreError(f"无法打开 {path.name}：{exc}") from exc
    report.read_only = True
    conn = _connect_ro(path, immutable=True)
    report.schema_version = conn.execute("PRAGMA user_version").fetchone()[0]
    conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    return conn


def _connect_ro(path: Path, *, immutable: bool) -> sqlite.Connection:
    try:
        return driver.connect(readonly_uri(path, immutable=immutable), uri=True)
    except sqlite.Error as exc:
        raise StoreError(f"无法打开 {path.name}：{exc}") from exc


def read_only_location(path: Path) -> bool:
    """The file or its folder cannot be written (CD, write-protected stick, read-only share)."""
    return not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK)


def _inspect(path: Path, report: CheckReport) -> None:
    try:
        conn = _open_read_only(path, report)
    except sqlite.DatabaseError as exc:
        report.readable = False
        report.integrity = [f"不是有效的数据库文件或已损坏（{exc}）"]
        return
    try:
        rows = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
        report.integrity = [] if rows == ["ok"] else rows
        report.foreign_key_problems = len(conn.execute("PRAGMA foreign_key_check").fetchall())
        if report.schema_version >= 1:
            for table in ("orgs", "members"):
                report.counts[table] = conn.execute(
                    f"SELECT count(*) FROM {table} WHERE deleted_at IS NULL").fetchone()[0]
        if report.db_ok:
            report.missing_schema = missing_objects(conn, report.schema_version)
            _inspect_seals(conn, report)
            _inspect_files(path, files.read_refs(conn), report)
    except sqlite.DatabaseError as exc:
        report.integrity = report.integrity or [f"文件已损坏（{exc}）"]
    finally:
        conn.close()


def _inspect_seals(conn: sqlite.Connection, report: CheckReport) -> None:
    """The audit chain, the locked payments and the protective triggers (files from schema 13 on)."""
    if report.schema_version < guard.CHAIN_VERSION or report.schema_version > report.latest_version:
        return
    report.chain = chain.verify(conn)
    missing, altered = guard.trigger_problems(conn, report.schema_version)
    if not report.chain.present:
        report.chain.present = True
        report.chain.problems.append("操作日志封存链（audit_chain 表）被删除")
    if missing or altered:
        report.guards = guard.problem_text(missing, altered)


def _inspect_files(path: Path, refs: list[files.Ref], report: CheckReport) -> None:
    """Read every attachment file through (a photo whose bytes changed is as lost as a missing one)."""
    folder = attachments_dir_for(path)
    report.attachments = len(refs)
    for ref in refs:
        state = files.file_state(folder / ref.sha256, ref)
        if state == "missing":
            report.missing_files.append(ref)
        elif state == "damaged":
            report.damaged_files.append(ref)


def _recoverable(path: Path, refs: list[files.Ref]) -> int:
    """How many of ``refs`` a backup folder's store holds (size checked; restore checks the content)."""
    from .backup import attachment_stores  # backup imports store; keep check light

    stores = attachment_stores(path)
    return sum(1 for ref in refs if any(files.present(s / ref.sha256, ref.size) for s in stores))


def quick_check(store: Store) -> None:
    """Raise DamagedFileError when an open file's pages are damaged (``PRAGMA quick_check``: every
    page read, ~0.25 s for a 100,000-member office). Used before switching the window to a file."""
    try:
        result = store.conn.execute("PRAGMA quick_check").fetchone()[0]
    except sqlite.DatabaseError as exc:
        result = str(exc)
    if result != "ok":
        raise DamagedFileError(f"数据库文件 {store.path.name} 已损坏（完整性检查：{result}）。可以从最近的备份恢复。",
                               path=store.path)
