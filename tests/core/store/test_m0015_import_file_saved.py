"""Schema 15 upgrades a schema-14 file without loss: its recorded imports stay, with no saved
time (unknown), and count as they did before (never as a newer roll)."""

from old_files import office_at_schema

from unionoffice.core.imports import rolls
from unionoffice.core.store import migrations
from unionoffice.core.store.connection import Store


def test_schema_14_file_upgrades_without_loss(tmp_path):
    path = tmp_path / "v14.db"
    with office_at_schema(path, 14) as conn:
        conn.execute("INSERT INTO import_runs (id, kind, file, first_audit_id, last_audit_id) "
                     "VALUES (4, 'members', '名册.xlsx', 10, 20)")
    with Store.open(path) as store:
        assert store.schema_version == migrations.latest_version() >= 15
        row = store.one("SELECT * FROM import_runs WHERE id = 4")
        assert (row["file"], row["first_audit_id"], row["last_audit_id"], row["file_saved"]) == \
            ("名册.xlsx", 10, 20, "")
        assert rolls.program_work(store, "members", [1], "2026-01-01 00:00:00")[1].fields == set()
