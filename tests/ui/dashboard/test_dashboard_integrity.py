"""The 工作台 shows the same warning as ``unionoffice check`` when money or the audit were changed
behind the program's back (issue 20), and nothing when the file is as the program left it."""

import sqlite3

import pytest
from PySide6.QtWidgets import QLabel

from unionoffice.core.assistance import campaigns
from unionoffice.core.store.connection import Store
from unionoffice.core.values.ids import make_id_number

import datetime as dt


@pytest.fixture
def printed_office(db_path):
    with Store.open(db_path, user="测试员") as store:
        cid = campaigns.create_campaign(store, {"kind": "金秋助学", "campaign_date": "2026-08-20",
                                                "funding_source": "市总", "standard_amount": "800"})
        ids = campaigns.add_recipients(store, cid, [{"name": "家长甲", "id_number": make_id_number(
            "440303", dt.date(1981, 2, 3), 401), "org_name": "某厂"}])["added"]
        campaigns.mark_printed(store, cid)
    return db_path, ids[0]


def _window(qtbot, db_path):
    from unionoffice.app import create_main_window

    store = Store.open(db_path)
    window = create_main_window(store)
    qtbot.addWidget(window)
    window.show()
    return window, store


def test_clean_file_shows_no_warning(qtbot, printed_office):
    window, store = _window(qtbot, printed_office[0])
    tab = window.tab("dashboardTab")
    qtbot.waitUntil(lambda: tab.integrity_done, timeout=10000)
    label = tab.findChild(QLabel, "integrityWarning")
    assert not label.isVisible()
    window.close()
    store.close()


def test_rewritten_payment_is_shown_on_the_dashboard(qtbot, printed_office):
    db_path, row_id = printed_office
    raw = sqlite3.connect(str(db_path), isolation_level=None)
    raw.execute("DROP TRIGGER assistance_locked_update")
    raw.execute("UPDATE assistance SET amount = 999900 WHERE id = ?", (row_id,))
    raw.close()
    window, store = _window(qtbot, db_path)
    tab = window.tab("dashboardTab")
    qtbot.waitUntil(lambda: tab.integrity_done, timeout=10000)
    label = tab.findChild(QLabel, "integrityWarning")
    assert label.isVisible()
    assert "在本程序之外被改动过" in label.text()
    assert f"#{row_id}" in label.text() and "金额 原为 ¥800.00，现为 ¥9,999.00" in label.text()
    assert "保护规则" in label.text()  # the dropped trigger, put back on opening
    window.close()
    store.close()
