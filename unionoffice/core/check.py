"""``unionoffice check``: is the file healthy, and which schema version is it?

Opens the file read-only so that checking never changes it (no upgrade, no lock), and so that a
file another instance has open can still be checked.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from . import migrations
from .errors import StoreError


@dataclass
class CheckReport:
    path: Path
    schema_version: int = 0
    latest_version: int = 0
    integrity: list[str] = field(default_factory=list)  # empty = ok
    foreign_key_problems: int = 0
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return (not self.integrity and not self.foreign_key_problems
                and self.schema_version <= self.latest_version and self.schema_version > 0)

    def lines(self) -> list[str]:
        out = [f"数据库：{self.path}"]
        if self.schema_version > self.latest_version:
            out.append(f"结构版本：{self.schema_version}（比本程序支持的 {self.latest_version} 新，请升级程序）")
        elif self.schema_version < self.latest_version:
            out.append(f"结构版本：{self.schema_version}（程序打开时会先备份再升级到 {self.latest_version}）")
        else:
            out.append(f"结构版本：{self.schema_version}（最新）")
        out.append("完整性：正常" if not self.integrity else "完整性：发现问题 — " + "；".join(self.integrity[:10]))
        if self.foreign_key_problems:
            out.append(f"关联检查：{self.foreign_key_problems} 处记录指向不存在的记录")
        labels = {"orgs": "单位", "members": "会员"}
        if self.counts:
            out.append("记录数：" + "，".join(f"{labels.get(k, k)} {v}" for k, v in self.counts.items()))
        out.append("结论：正常" if self.ok else "结论：有问题，请从备份恢复或联系技术支持")
        return out


def check_database(path: str | Path) -> CheckReport:
    path = Path(path)
    if not path.is_file():
        raise StoreError(f"找不到数据库文件：{path}")
    report = CheckReport(path, latest_version=migrations.latest_version())
    try:
        conn = sqlite3.connect(f"file:{path.resolve().as_posix()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise StoreError(f"无法打开 {path.name}：{exc}") from exc
    try:
        report.schema_version = conn.execute("PRAGMA user_version").fetchone()[0]
        rows = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
        report.integrity = [] if rows == ["ok"] else rows
        report.foreign_key_problems = len(conn.execute("PRAGMA foreign_key_check").fetchall())
        if report.schema_version >= 1:
            for table in ("orgs", "members"):
                report.counts[table] = conn.execute(
                    f"SELECT count(*) FROM {table} WHERE deleted_at IS NULL").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        report.integrity = [f"不是有效的数据库文件或已损坏（{exc}）"]
    finally:
        conn.close()
    return report
