"""Lazy table models over core id lists.

A list tab asks core for the ids that match its search and filters (cheap: one integer per row,
even for 100,000 members), hands them to a ``LazyTableModel`` and lets the view ask for rows.
Rows are fetched from core one page (~200 rows) at a time, only for the pages the view paints,
and the last few pages are kept in a small LRU cache. No widget per row, no QSqlTableModel.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from typing import Any, Callable, Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from ...core.orgs import query as org_query
from ...core.values import dates
from ...core.values.ids import mask_id_number
from ...core.values.phones import mask_phone

PAGE_SIZE = 200
CACHE_PAGES = 12

Row = dict[str, Any]
FetchRows = Callable[[Sequence[int]], list[Row]]

ALIGN_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
ALIGN_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
ALIGN_CENTER = Qt.AlignmentFlag.AlignCenter


@dataclass(frozen=True)
class Column:
    """One column of a list: its header, how to show a row's value, and optional colouring."""

    key: str  # stable name (QSettings, tests)
    title: str
    text: Callable[[Row], str]
    width: int = 100  # default width in pixels before the clerk resizes it
    align: Qt.AlignmentFlag = ALIGN_LEFT
    background: Callable[[Row], QColor | None] | None = None
    tooltip: Callable[[Row], str] | None = None


def flag_text(value: Any) -> str:
    return "是" if value else ""


def count_text(value: Any) -> str:
    return f"{int(value or 0):,}"


class LazyTableModel(QAbstractTableModel):
    """Rows are ``ids``; each row's dict is fetched page by page through ``fetch(ids)``."""

    def __init__(self, columns: Sequence[Column], fetch: FetchRows, *, page_size: int = PAGE_SIZE,
                 cache_pages: int = CACHE_PAGES, parent=None):
        super().__init__(parent)
        self.columns = list(columns)
        self._fetch = fetch
        self.page_size = page_size
        self.cache_pages = cache_pages
        self._ids: list[int] = []
        self._pages: OrderedDict[int, dict[int, Row]] = OrderedDict()
        self.fetched_pages: list[int] = []  # every page fetched, in order (tests, diagnostics)

    # ----------------------------------------------------------------- the id list
    def set_ids(self, ids: Sequence[int]) -> None:
        """Show these rows (e.g. a new search result); cached pages are dropped."""
        self.beginResetModel()
        self._ids = list(ids)
        self._pages.clear()
        self.endResetModel()

    def ids(self) -> list[int]:
        return list(self._ids)

    def id_at(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, record_id: int) -> int:
        """The row showing ``record_id``, or -1."""
        try:
            return self._ids.index(record_id)
        except ValueError:
            return -1

    def invalidate(self) -> None:
        """Records may have changed: forget cached pages and repaint what is visible."""
        self._pages.clear()
        if self._ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, len(self.columns) - 1))

    # ---------------------------------------------------------------------- paging
    def row_dict(self, row: int) -> Row | None:
        """The record shown in ``row`` (fetching its page if needed); None if it vanished."""
        record_id = self.id_at(row)
        if record_id is None:
            return None
        return self._page(row // self.page_size).get(record_id)

    def _page(self, number: int) -> dict[int, Row]:
        page = self._pages.get(number)
        if page is not None:
            self._pages.move_to_end(number)
            return page
        start = number * self.page_size
        rows = self._fetch(self._ids[start:start + self.page_size])
        page = {r["id"]: r for r in rows}
        self.fetched_pages.append(number)
        self._pages[number] = page
        while len(self._pages) > self.cache_pages:
            self._pages.popitem(last=False)
        return page

    def cached_pages(self) -> list[int]:
        return list(self._pages)

    # ------------------------------------------------------------ Qt model API
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            if role == Qt.ItemDataRole.DisplayRole:
                return self.columns[section].title
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(self.columns[section].align)
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1)
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role not in _ROLES:
            return None
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(column.align)
        row = self.row_dict(index.row())
        if row is None:
            return "（已删除）" if role == Qt.ItemDataRole.DisplayRole and index.column() == 0 else None
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == Qt.ItemDataRole.BackgroundRole:
            colour = column.background(row) if column.background else None
            return QBrush(colour) if colour is not None else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.tooltip(row) if column.tooltip else None
        if role == Qt.ItemDataRole.UserRole:
            return row["id"]
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


_ROLES = {
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.TextAlignmentRole,
    Qt.ItemDataRole.BackgroundRole,
    Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.UserRole,
}


# ------------------------------------------------------------------- list columns
TERM_WARN_DAYS = 90
EXPIRED_COLOUR = QColor("#f8d7da")  # 换届 overdue
DUE_SOON_COLOUR = QColor("#fff3cd")  # 换届 within TERM_WARN_DAYS


def member_columns() -> list[Column]:
    """The 会员 list: personal numbers masked (DESIGN §10)."""
    return [
        Column("name", "姓名", lambda r: r["name"], 90),
        Column("gender", "性别", lambda r: r.get("gender") or "", 48, ALIGN_CENTER),
        Column("id_number", "身份证号", lambda r: mask_id_number(r.get("id_number")), 170),
        Column("phone", "手机", lambda r: mask_phone(r.get("phone")), 120),
        Column("org", "所在单位", lambda r: r.get("org_name") or "", 300),
        Column("joined_date", "入会日期", lambda r: r.get("joined_date") or "", 100, ALIGN_CENTER),
        Column("status", "会籍状态", lambda r: r.get("status") or "", 76, ALIGN_CENTER),
        Column("is_migrant", "农民工", lambda r: flag_text(r.get("is_migrant")), 60, ALIGN_CENTER),
        Column("model_worker", "劳模", lambda r: r.get("model_worker") or "", 70, ALIGN_CENTER),
    ]


def term_colour(row: Row) -> QColor | None:
    """Red when the union's term has run out, yellow when it runs out within 90 days (never for an
    org that has ended: no more elections are due there)."""
    expiry = row.get("term_expiry")
    if not expiry or row.get("ended"):
        return None
    days = (dates.parse_date(expiry) - dates.today()).days
    if days < 0:
        return EXPIRED_COLOUR
    return DUE_SOON_COLOUR if days <= TERM_WARN_DAYS else None


def term_tooltip(row: Row) -> str:
    expiry = row.get("term_expiry")
    if not expiry or row.get("ended"):
        return ""
    days = (dates.parse_date(expiry) - dates.today()).days
    if days < 0:
        return f"已过换届期 {-days} 天"
    return f"还有 {days} 天到换届期"


def union_mode_text(row: Row) -> str:
    if row.get("is_federation"):
        return f"{row.get('federation_kind') or ''}工联会"
    if row.get("needs_completion"):
        return org_query.INCOMPLETE  # a name from a member roll: its 建会方式 is not known yet
    return row.get("union_mode") or ""


def org_name_text(row: Row) -> str:
    """甲公司（已注销） for an org that has ended (its 变更记录); 乙公司（曾用名：甲公司） for one renamed,
    so a search by the old name plainly finds the same org."""
    ended = row.get("ended")
    text = f"{row['name']}（已{ended.split()[0]}）" if ended else row["name"]
    return text + (f"（曾用名：{row['former_names']}）" if row.get("former_names") else "")


def _org_name_tooltip(row: Row) -> str:
    """The whole name cell (the column may cut it) with the 注销/迁出/合并 date."""
    return "\n".join(t for t in (org_name_text(row), row.get("ended") or "") if t)


def org_columns() -> list[Column]:
    """The 单位/基层工会 list."""
    return [
        Column("name", "单位名称", org_name_text, 280, tooltip=_org_name_tooltip),
        Column("category", "类别", lambda r: r.get("category") or "", 70, ALIGN_CENTER),
        Column("community", "社区", lambda r: r.get("community") or "", 90),
        Column("workers", "职工人数", lambda r: count_text(r.get("workers")), 76, ALIGN_RIGHT),
        Column("member_count", "会员人数", lambda r: count_text(r.get("member_count")), 76, ALIGN_RIGHT),
        Column("union_mode", "建会方式", union_mode_text, 90, ALIGN_CENTER),
        Column("federation", "所属工联会", lambda r: r.get("federation_name") or "", 180),
        Column("union_chair", "工会主席", lambda r: r.get("union_chair") or "", 80),
        Column("term_expiry", "换届到期日", lambda r: r.get("term_expiry") or "", 100, ALIGN_CENTER,
               background=term_colour, tooltip=term_tooltip),
    ]
