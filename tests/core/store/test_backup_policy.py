"""Rotation of automatic backups: which copies survive (7 daily, 4 weekly, 12 monthly, last 3),
first as a pure function over timestamps, then on real files in a backup folder."""

from datetime import datetime, timedelta

import pytest

from unionoffice.core.store import backup
from unionoffice.core.store.backup_policy import Retention, backups_to_keep, backups_to_remove
from unionoffice.core.store.connection import Store

ONLY_DAILY = Retention(last=0, daily=7, weekly=0, monthly=0)


def every_day(start: datetime, days: int, hour: int = 9) -> dict[str, datetime]:
    return {f"d{i}": (start + timedelta(days=i)).replace(hour=hour) for i in range(days)}


def test_nothing_to_keep_from_nothing():
    assert backups_to_keep({}) == set()


def test_the_newest_is_kept_even_with_every_count_zero():
    stamps = every_day(datetime(2026, 1, 1), 5)
    assert backups_to_keep(stamps, Retention(0, 0, 0, 0)) == {"d4"}


def test_daily_keeps_the_newest_of_each_of_the_last_seven_days():
    stamps = every_day(datetime(2026, 3, 1), 20)
    stamps.update({"d19-early": datetime(2026, 3, 20, 7), "d18-late": datetime(2026, 3, 19, 18)})
    kept = backups_to_keep(stamps, ONLY_DAILY)
    assert kept == {"d19", "d18-late", "d17", "d16", "d15", "d14", "d13"}


def test_days_without_backups_do_not_count():
    # a two-week holiday: the seven daily copies reach back past it
    stamps = every_day(datetime(2026, 7, 1), 5)
    stamps.update({f"after{i}": datetime(2026, 7, 20 + i, 9) for i in range(3)})
    assert backups_to_keep(stamps, ONLY_DAILY) == {"after0", "after1", "after2", "d4", "d3", "d2", "d1"}


def test_weekly_keeps_the_newest_of_each_iso_week():
    # 2026-01-05 is a Monday; five weeks of daily copies
    stamps = every_day(datetime(2026, 1, 5), 35)
    kept = backups_to_keep(stamps, Retention(last=0, daily=0, weekly=4, monthly=0))
    sundays = {f"d{i}" for i in (34, 27, 20, 13)}
    assert kept == sundays


def test_monthly_keeps_the_newest_of_each_of_twelve_months():
    stamps = every_day(datetime(2025, 1, 1), 500)
    kept = backups_to_keep(stamps, Retention(last=0, daily=0, weekly=0, monthly=12))
    months = sorted({(stamps[k].year, stamps[k].month) for k in kept})
    assert len(kept) == 12 and months[0] == (2025, 6) and months[-1] == (2026, 5)
    for key in kept:  # each is the last day that month had a copy
        nxt = stamps[key] + timedelta(days=1)
        assert nxt.month != stamps[key].month or nxt > max(stamps.values())


def test_a_year_of_daily_backups_keeps_a_bounded_set():
    stamps = every_day(datetime(2025, 1, 1), 400)
    kept = backups_to_keep(stamps)  # the default 3 / 7 / 4 / 12
    newest = max(stamps.values())
    assert len(kept) <= 3 + 7 + 4 + 12
    ages = sorted((newest - stamps[k]).days for k in kept)
    assert ages[:7] == [0, 1, 2, 3, 4, 5, 6]  # a week of dailies
    assert ages[-1] > 300  # and a copy from nearly a year ago
    assert backups_to_remove(stamps) == set(stamps) - kept


def test_several_copies_in_one_day_keep_the_last_three():
    stamps = {f"t{h}": datetime(2026, 5, 4, h) for h in (8, 10, 12, 14, 16)}
    kept = backups_to_keep(stamps)
    assert kept == {"t16", "t14", "t12"}  # the morning copy before a mistake at noon would be gone


# ---------------------------------------------------------------- on real files
def fake_auto_copies(store, stamps):
    """Copies of one verified backup, named as automatic backups made at ``stamps``."""
    first = backup.make_backup(store, label=backup.AUTO_LABEL, when=stamps[0])
    made = [first]
    for t in stamps[1:]:
        target = first.with_name(f"{store.path.stem}-{t:%Y%m%d-%H%M%S}-{backup.AUTO_LABEL}.db")
        target.write_bytes(first.read_bytes())
        made.append(target)
    return made


def test_rotation_removes_only_automatic_backups(db_path):
    start = datetime(2025, 1, 1, 9)
    with Store.open(db_path) as store:
        stamps = [start + timedelta(days=i) for i in range(120)]
        fake_auto_copies(store, stamps)
        manual = backup.make_backup(store, when=start)
        before_restore = backup.make_backup(store, label=backup.BEFORE_RESTORE_LABEL, when=start)
        removed = backup.rotate(db_path, backup.backup_folder(store))
    listed = backup.list_backups(db_path)
    kinds = [b.kind for b in listed]
    assert kinds.count("自动备份") == len(backups_to_keep({t: t for t in stamps}))
    assert manual.exists() and before_restore.exists()
    assert len(removed) == 120 - kinds.count("自动备份")
    # the 恢复 list shows the survivors newest first, with their dates from the file names
    auto = [b for b in listed if b.kind == "自动备份"]
    assert auto[0].made_at == stamps[-1]
    assert [b.made_at for b in auto] == sorted((b.made_at for b in auto), reverse=True)


def test_auto_backup_verifies_then_rotates(db_path):
    with Store.open(db_path) as store:
        store.execute("INSERT INTO orgs(name) VALUES ('甲')")
        old = fake_auto_copies(store, [datetime(2026, 1, 1, 9) + timedelta(hours=h) for h in range(5)])
        result = backup.auto_backup(store, now=datetime(2026, 1, 1, 20))
    assert result.path.exists() and backup.verify(result.path) is None
    assert set(result.removed) == set(old[:3])  # the last 3 stay: 2 old ones and the new one
    info = backup.describe(result.path)
    assert (info.orgs, info.kind, info.made_at) == (1, "自动备份", datetime(2026, 1, 1, 20))


def test_auto_backup_is_due_once_a_day(db_path):
    with Store.open(db_path) as store:
        assert backup.auto_backup_due(store, datetime(2026, 2, 1, 8))
        backup.auto_backup(store, now=datetime(2026, 2, 1, 8))
        assert not backup.auto_backup_due(store, datetime(2026, 2, 1, 23))
        assert backup.auto_backup_due(store, datetime(2026, 2, 2, 0, 5))
        backup.make_backup(store, when=datetime(2026, 2, 2, 1))  # a manual one does not count
        assert backup.auto_backup_due(store, datetime(2026, 2, 2, 9))


def test_backup_folder_can_be_set_and_is_used(db_path, tmp_path):
    elsewhere = tmp_path / "U盘" / "工会备份"
    with Store.open(db_path) as store:
        assert backup.set_backup_folder(store, elsewhere) == elsewhere
        copy = backup.auto_backup(store).path
        assert copy.parent == elsewhere
    # the folder is found again from the closed file, so 恢复 lists what is there
    assert [b.path for b in backup.list_backups(db_path)] == [copy]
    with Store.open(db_path) as store:
        assert backup.set_backup_folder(store, None) == backup.backup_dir_for(db_path)


def test_unwritable_backup_folder_is_refused(db_path, tmp_path):
    from unionoffice.core.errors import StoreError

    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    with Store.open(db_path) as store, pytest.raises(StoreError, match="无法写入"):
        backup.set_backup_folder(store, blocker / "sub")


def test_a_backup_is_one_self_contained_file(db_path):
    with Store.open(db_path) as store:
        store.execute("INSERT INTO orgs(name) VALUES ('甲')")
        copy = backup.make_backup(store)
        backup.list_backups(db_path)  # describing and verifying copies leaves nothing beside them
        backup.latest_good_backup(db_path)
    assert sorted(p.name for p in copy.parent.iterdir()) == [copy.name]
    import sqlite3

    conn = sqlite3.connect(copy)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()
