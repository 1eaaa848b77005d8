"""The lazy table model: rowCount is the id count, rows are fetched a page at a time, only when asked."""

from __future__ import annotations

import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView

from unionoffice.core.store import audit
from unionoffice.core.members import records as members
from unionoffice.core.values import names
from unionoffice.core.values.ids import make_id_number, mask_id_number
from unionoffice.ui.widgets.table_models import PAGE_SIZE, Column, LazyTableModel, member_columns

N = 20_000


@pytest.fixture
def big_roll(store):
    """20,000 members written the way an import writes them (one transaction, bulk audit)."""
    rows = []
    for i in range(N):
        name = f"会员{i:05d}"
        pinyin, initials = names.pinyin_keys(name)
        birth = datetime.date(1960, 1, 1) + datetime.timedelta(days=i)
        rows.append((name, make_id_number("440303", birth, i % 1000), pinyin, initials))
    with store.atomic():
        audit.bulk_insert(store.conn, "members", ("name", "id_number", "name_pinyin", "name_initials"), rows)
    return members.search_member_ids(store)


class Spy:
    """Counts core fetches and the ids asked for."""

    def __init__(self, store):
        self.store = store
        self.calls: list[list[int]] = []

    def __call__(self, ids):
        self.calls.append(list(ids))
        return members.members_by_ids(self.store, ids)


def test_row_count_is_the_id_count_and_nothing_is_fetched_up_front(store, big_roll):
    spy = Spy(store)
    model = LazyTableModel(member_columns(), spy)
    model.set_ids(big_roll)
    assert model.rowCount() == N == 20_000
    assert model.columnCount() == 9
    assert spy.calls == []


def test_only_the_pages_asked_for_are_fetched(store, big_roll):
    spy = Spy(store)
    model = LazyTableModel(member_columns(), spy)
    model.set_ids(big_roll)
    assert model.index(0, 0).data() == "会员00000"
    assert model.index(5, 2).data() == mask_id_number(members.get_member(store, big_roll[5])["id_number"])
    assert model.index(N - 1, 0).data() == f"会员{N - 1:05d}"
    assert model.fetched_pages == [0, (N - 1) // PAGE_SIZE]
    assert [len(c) for c in spy.calls] == [PAGE_SIZE, PAGE_SIZE]
    model.index(PAGE_SIZE - 1, 0).data()  # same page again: from the cache
    assert len(spy.calls) == 2


def test_cache_is_small_and_least_recently_used(store, big_roll):
    model = LazyTableModel(member_columns(), Spy(store), cache_pages=3)
    model.set_ids(big_roll)
    for page in (0, 1, 2, 0, 3):
        model.index(page * PAGE_SIZE, 0).data()
    assert model.cached_pages() == [2, 0, 3]
    model.index(PAGE_SIZE, 0).data()  # page 1 was dropped: fetched again
    assert model.fetched_pages == [0, 1, 2, 3, 1]


def test_a_view_fetches_only_what_it_shows(qtbot, store, big_roll):
    spy = Spy(store)
    model = LazyTableModel(member_columns(), spy)
    model.set_ids(big_roll)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(900, 500)
    view.show()
    qtbot.waitUntil(lambda: bool(model.fetched_pages))  # the first paint
    assert set(model.fetched_pages) == {0}
    view.scrollToBottom()
    last = (N - 1) // PAGE_SIZE
    qtbot.waitUntil(lambda: last in model.fetched_pages)
    assert set(model.fetched_pages) == {0, last}
    assert len(spy.calls) < 5


def test_new_search_result_and_invalidate(store, big_roll):
    spy = Spy(store)
    model = LazyTableModel(member_columns(), spy)
    model.set_ids(big_roll)
    model.index(0, 0).data()
    members.update_member(store, big_roll[0], {"name": "改过的名字"})
    assert model.index(0, 0).data() == "会员00000"  # cached
    model.invalidate()
    assert model.index(0, 0).data() == "改过的名字"
    model.set_ids(big_roll[:10])
    assert model.rowCount() == 10 and model.cached_pages() == []
    assert model.row_of(big_roll[3]) == 3 and model.row_of(-1) == -1
    assert model.id_at(10) is None


def test_a_row_deleted_meanwhile_shows_as_deleted(store, big_roll):
    model = LazyTableModel(member_columns(), Spy(store))
    model.set_ids(big_roll[:5])
    members.delete_members(store, [big_roll[2]])
    members.purge_members(store, [big_roll[2]])
    assert model.index(2, 0).data() == "（已删除）"
    assert model.index(2, 1).data() is None


def test_roles_alignment_background_tooltip(store):
    colour = Qt.GlobalColor.red
    columns = [Column("a", "甲", lambda r: str(r["id"]), align=Qt.AlignmentFlag.AlignRight,
                      background=lambda r: colour if r["id"] == 2 else None, tooltip=lambda r: f"第{r['id']}条")]
    model = LazyTableModel(columns, lambda ids: [{"id": i} for i in ids])
    model.set_ids([1, 2])
    assert model.index(1, 0).data() == "2"
    assert model.index(1, 0).data(Qt.ItemDataRole.ToolTipRole) == "第2条"
    assert model.index(1, 0).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert model.index(0, 0).data(Qt.ItemDataRole.BackgroundRole) is None
    assert model.index(0, 0).data(Qt.ItemDataRole.UserRole) == 1
    assert model.headerData(0, Qt.Orientation.Horizontal) == "甲"
    assert model.headerData(1, Qt.Orientation.Vertical) == "2"
