"""Backups with activity attachments: the first backup copies every photo (verified), the daily one
after it only looks; rotation reads what each kept backup refers to before pruning.

Baselines: a plain ``shutil.copyfile`` of the same photos (no fsync, no read-back check: the first
backup pays for both, once), and the same backup with the attachment step left out (what a daily
backup cost before attachments were secured).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

from bench_core import ensure_office
from run import Context, Figure, timed

from unionoffice.core.activities import records as activities
from unionoffice.core.store import backup_attachments as attachment_backup, backup
from unionoffice.core.store.backup_policy import Retention
from unionoffice.core.store.connection import Store

PHOTOS = 2_000
PHOTO_BYTES = 50_000
BACKUPS = 30


def _office_with_photos(ctx: Context, tmp: Path) -> Path:
    db = tmp / "office.db"
    shutil.copy(ctx.db_path, db)
    camera = tmp / "相机"
    camera.mkdir()
    with Store.open(db) as store:
        for n in range(PHOTOS // 2):
            pair = []
            for side in (1, 2):
                photo = camera / f"{n}-{side}.jpg"
                photo.write_bytes(os.urandom(PHOTO_BYTES))
                pair.append(photo)
            activities.create_activity(store, {"title": f"活动{n}", "kind": "其他", "start_date": "2026-05-01"},
                                       attachments=pair)
    return db


def _copy_all(source: Path, dest: Path) -> None:
    dest.mkdir()
    for path in source.iterdir():
        shutil.copyfile(path, dest / path.name)


def _records_only_backup(store: Store) -> None:
    """The same backup (copy, integrity check, rename) with the attachment step left out."""
    real = attachment_backup.secure
    attachment_backup.secure = lambda *args: attachment_backup.SecureResult()
    try:
        backup.backup_office(store, label=backup.AUTO_LABEL)
    finally:
        attachment_backup.secure = real


def _rotate_backups_only(db: Path, folder: Path) -> None:
    real = backup.prune_attachments
    backup.prune_attachments = lambda *args: []
    try:
        backup.rotate(db, folder, Retention())
    finally:
        backup.prune_attachments = real


def run(ctx: Context) -> list[Figure]:
    ensure_office(ctx)
    with tempfile.TemporaryDirectory(dir=ctx.out) as name:
        tmp = Path(name)
        db = _office_with_photos(ctx, tmp)
        live = db.with_name("office-附件")
        copy_s, _ = timed(_copy_all, live, tmp / "plain-copy")
        with Store.open(db) as store:
            first_s, first = timed(backup.backup_office, store, label=backup.AUTO_LABEL)
            assert first.files.copied == PHOTOS, first.files.lines()
            bare_s, _ = timed(_records_only_backup, store, repeat=3)
            daily_s, daily = timed(backup.backup_office, store, label=backup.AUTO_LABEL, repeat=3)
            assert daily.files.copied == 0
            start = datetime(2026, 1, 1, 9)
            for n in range(BACKUPS):
                backup.make_backup(store, label=backup.AUTO_LABEL, when=start + timedelta(days=n))
        folder = backup.backup_dir_for(db)
        prune_s, _ = timed(backup.prune_attachments, db, folder)
        rotate_s, _ = timed(_rotate_backups_only, db, folder)
        assert len(list(attachment_backup.store_dir(folder, "office").iterdir())) == PHOTOS
    mb = PHOTOS * PHOTO_BYTES / 1e6
    return [
        Figure(f"first backup + {PHOTOS:,} photos ({mb:.0f} MB), verified", first_s,
               "shutil.copyfile of the same photos", copy_s, "once"),
        Figure(f"daily backup, {PHOTOS:,} photos already kept", daily_s,
               "same backup without the attachment step", bare_s, "≤ 1.3×"),
        Figure(f"attachment pruning, reading {BACKUPS + 4} backups", prune_s,
               "rotation deleting the expired backups", rotate_s, "≤ 0.5 s"),
    ]
