"""The audit across a restore: what the current file did after the backup is kept, and the
restore itself is on record.

Audit rows the current file has beyond the backup's go to a private CSV in the backup folder
before the data is replaced; the restored file's own audit then says which backup came back.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..errors import StoreError, os_reason
from .connection import Store
from .backup_folders import backup_folder
from .backup_listing import STAMP_FORMAT, describe
from .backup_making import new_private_file, unique_path

AUDIT_CSV_HEADER = ("序号", "时间", "操作人", "表", "记录号", "操作", "修改前", "修改后")


@dataclass
class AuditHistory:
    """A backup's audit as far as a restore needs it: its last id and its chain of hashes."""

    last_id: int
    hashes: dict[int, bytes]

    def shared_until(self, current: Store) -> int:
        """The last audit id the current file shares with the backup: rows after it exist only in the
        current file and are kept aside. Two files can hold the same ids with different rows (a
        backup restored, then both written to): the chain tells where their histories part."""
        if not self.hashes:
            return self.last_id
        from . import chain

        if not chain.has_chain(current.conn):
            return self.last_id
        for audit_id, digest in current.conn.execute("SELECT audit_id, hash FROM audit_chain ORDER BY audit_id"):
            if self.hashes.get(audit_id) != bytes(digest):
                return audit_id - 1
        return max(self.last_id, current.scalar("SELECT coalesce(max(audit_id), 0) FROM audit_chain") or 0)


def audit_history(store: Store) -> AuditHistory:
    from . import chain

    last = store.scalar("SELECT coalesce(max(id), 0) FROM audit")
    if not chain.has_chain(store.conn):
        return AuditHistory(last, {})
    return AuditHistory(last, {r[0]: bytes(r[1]) for r in store.conn.execute("SELECT audit_id, hash FROM audit_chain")})


def keep_later_audit(store: Store, after_id: int) -> tuple[Path | None, int]:
    """Write the audit rows after ``after_id`` to a private CSV in the backup folder (temp name,
    renamed when whole). Returns (file, rows); (None, 0) when there are none."""
    import csv

    rows = store.query("SELECT id, at, user, table_name, row_id, action, before, after FROM audit "
                       "WHERE id > ? ORDER BY id", (after_id,))
    if not rows:
        return None, 0
    folder = backup_folder(store)
    folder.mkdir(parents=True, exist_ok=True)
    target = unique_path(folder / f"{store.path.stem}-{datetime.now().strftime(STAMP_FORMAT)}-恢复前的操作日志.csv")
    part = target.with_name(target.name + ".part")
    try:
        new_private_file(part)
        with open(part, "w", encoding="utf-8-sig", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(AUDIT_CSV_HEADER)
            writer.writerows(tuple(r) for r in rows)
        os.replace(part, target)
    except OSError as exc:
        part.unlink(missing_ok=True)
        raise StoreError(f"无法把备份之后的操作日志另存到 {folder}（{os_reason(exc)}），未恢复，数据没有改动。") from exc
    return target, len(rows)


def record_restore(db_path: Path, backup_path: Path, user: str | None, safety: Path | None,
                    kept: Path | None, kept_rows: int) -> None:
    """The restored file's own audit says which backup was restored, by whom, and where the rest went."""
    from . import guard

    info = describe(backup_path)
    detail = {"message": f"从备份 {backup_path.name}（{info.made_at:%Y-%m-%d %H:%M}）恢复",
              "backup": str(backup_path), "safety": str(safety) if safety else None,
              "kept_audit": str(kept) if kept else None, "kept_rows": kept_rows}
    with Store.open(db_path, create=False, user=user) as restored:
        with restored.atomic():
            guard.record_event(restored.conn, restored.user, "restore_backup", detail)
