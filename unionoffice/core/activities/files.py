"""Attachments of activities (photos, scanned sign-in sheets) kept beside the database.

Files are copied into ``<db stem>-附件/`` next to the office file and named by the SHA-256 of their
content, so the database stays small, an identical file is stored once however often it is
attached, and a renamed or moved original does not matter. The database keeps the hash, the
original file name and the size. Files are never deleted by the program: removing an attachment
only removes the row (the audit log still names the file, and the copy stays recoverable).
Backups copy the files a backup refers to into the backup folder (``attachment_backup``).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any, Iterable

from ..errors import UserError, ValueFormatError
from ..store.paths import attachments_dir_for
from ..store.records import as_dict
from ..values.sizes import size_text
from ..store.connection import Store

MAX_BYTES = 50 * 1024 * 1024
FIELD = "attachments"
_CHUNK = 1024 * 1024


def attachments_dir(store: Store) -> Path:
    return attachments_dir_for(store.path)


def stored_path(store: Store, sha256: str) -> Path:
    return attachments_dir(store) / sha256


def check_source(source: Any) -> Path:
    """The file to attach, or a UserError saying why it can't be (missing, a folder, empty, > 50 MB)."""
    path = Path(str(source)).expanduser()
    if not path.exists():
        raise ValueFormatError(f"找不到附件文件：{path}", field=FIELD)
    if not path.is_file():
        raise ValueFormatError(f"“{path.name}”是文件夹，不是文件", field=FIELD)
    size = path.stat().st_size
    if size == 0:
        raise ValueFormatError(f"附件“{path.name}”是空文件", field=FIELD)
    if size > MAX_BYTES:
        raise ValueFormatError(
            f"附件“{path.name}”有 {size_text(size)}，超过 50 MB 的上限，请压缩或缩小后再添加", field=FIELD)
    return path


def check_sources(sources: Iterable[Any]) -> list[Path]:
    """All files checked before anything is copied or saved."""
    return [check_source(s) for s in sources]


def store_file(store: Store, source: Any) -> tuple[str, int]:
    """Copy ``source`` into the attachment folder (once per content). Returns (sha256, size)."""
    path = check_source(source)
    folder = attachments_dir(store)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        # hash while copying into a temp file in the same folder, then rename: a crash never
        # leaves a half-written file under a hash name
        digest = hashlib.sha256()
        fd, tmp_name = tempfile.mkstemp(prefix=".part-", dir=folder)
        try:
            with os.fdopen(fd, "wb") as out, path.open("rb") as src:
                while chunk := src.read(_CHUNK):
                    digest.update(chunk)
                    out.write(chunk)
            sha = digest.hexdigest()
            target = folder / sha
            if target.exists() and target.stat().st_size == path.stat().st_size:
                os.unlink(tmp_name)
            else:
                os.replace(tmp_name, target)
        except BaseException:
            if os.path.exists(tmp_name):
                os.unlink(tmp_name)
            raise
    except OSError as exc:
        raise UserError(f"无法保存附件“{path.name}”到 {folder}：{exc.strerror or exc}") from exc
    return sha, path.stat().st_size


def add_attachment(store: Store, activity_id: int, source: Any) -> int:
    """Attach a file to an activity; the same file twice on one activity is refused."""
    path = check_source(source)
    sha, size = store_file(store, path)
    with store.atomic():
        clash = store.one("SELECT original_name FROM activity_attachments WHERE activity_id = ? AND sha256 = ?",
                          (activity_id, sha))
        if clash:
            raise ValueFormatError(f"“{path.name}”与已有附件“{clash['original_name']}”是同一个文件", field=FIELD)
        return int(store.execute(
            "INSERT INTO activity_attachments (activity_id, sha256, original_name, size) VALUES (?, ?, ?, ?)",
            (activity_id, sha, path.name, size)).lastrowid)


def remove_attachment(store: Store, attachment_id: int) -> None:
    with store.atomic():
        store.execute("DELETE FROM activity_attachments WHERE id = ?", (attachment_id,))


def attachments_of(store: Store, activity_id: int) -> list[dict[str, Any]]:
    rows = [as_dict(r) for r in store.query(
        "SELECT * FROM activity_attachments WHERE activity_id = ? ORDER BY id", (activity_id,))]
    for row in rows:
        row["present"] = stored_path(store, row["sha256"]).is_file()
        row["size_text"] = size_text(row["size"])
    return rows


def copy_out(store: Store, attachment_id: int, dest_dir: Path) -> Path:
    """A copy of the attachment under its original name in ``dest_dir`` (to open or save it)."""
    row = store.one("SELECT sha256, original_name FROM activity_attachments WHERE id = ?", (attachment_id,))
    if row is None:
        raise UserError("该附件已被删除")
    source = stored_path(store, row["sha256"])
    if not source.is_file():
        raise UserError(f"附件“{row['original_name']}”的文件不见了（应在 {source.parent}），"
                        "可能附件文件夹被移动或删除；可用“文件 → 从备份找回附件”（命令行：unionoffice restore --attachments）"
                        "从备份中找回，不改动其他数据")
    dest_dir.mkdir(parents=True, exist_ok=True)
    target = dest_dir / Path(row["original_name"]).name
    shutil.copyfile(source, target)
    return target


def missing_files(store: Store) -> list[dict[str, Any]]:
    """Attachment rows whose file is gone from the folder (for a check or a warning)."""
    rows = store.query("SELECT DISTINCT sha256, original_name FROM activity_attachments")
    return [as_dict(r) for r in rows if not stored_path(store, r["sha256"]).is_file()]
