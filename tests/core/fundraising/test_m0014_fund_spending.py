"""Schema 14 upgrades a file of schema 13 without loss: its assistance campaigns keep everything
and name no fund until the clerk links one."""

from old_files import office_at_schema

from unionoffice.core.store import migrations
from unionoffice.core.store.connection import Store


def test_schema_13_file_upgrades_without_loss(tmp_path):
    path = tmp_path / "v13.db"
    with office_at_schema(path, 13) as conn:
        conn.execute("INSERT INTO campaigns(id, kind, name, campaign_date, funding_source, standard_amount) "
                     "VALUES (7, '元旦春节送温暖', '2025年送温暖', '2025-01-10', '社会捐赠', 50000)")
        conn.execute("INSERT INTO fund_campaigns(id, name, kind, start_date) VALUES (3, '募捐', '募捐', '2025-01-01')")
    with Store.open(path) as store:
        assert store.schema_version == migrations.latest_version() >= 14
        row = store.one("SELECT * FROM campaigns WHERE id = 7")
        assert (row["name"], row["standard_amount"], row["fund_campaign_id"]) == ("2025年送温暖", 50000, None)
        from unionoffice.core.fundraising import spending

        spending.link_campaign(store, 7, 3)
        assert store.scalar("SELECT fund_campaign_id FROM campaigns WHERE id = 7") == 3
