"""The tab registry: which tabs the main window shows, in order.

Plugging a real tab in is a one-line change here. Replace the ``pending(...)`` factory of its
entry with your widget class (or any callable ``factory(store) -> QWidget``)::

    from .members_tab import MembersTab
    ...
    TabSpec("会员", "membersTab", MembersTab),

The main window builds each tab with ``factory(store)``, sets its ``objectName`` and adds it.
A tab widget may also implement (all optional — see ``TabWidget``):

- ``refresh()``: reload what it shows. Called after the file was switched or restored, after a
  background operation announced a change, and when another tab's ``data_changed`` fired.
- ``set_store(store)``: take the newly opened store after a file switch (``refresh()`` follows).
  A tab **without** ``set_store`` is rebuilt from its factory instead, so it never keeps a closed
  store.
- a ``data_changed = Signal()``: emit it after the tab changed records; the main window then
  refreshes the status-bar counts and the other tabs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Protocol, runtime_checkable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ...core.store.connection import Store

TabFactory = Callable[[Store], QWidget]


@runtime_checkable
class TabWidget(Protocol):
    """What a tab may implement (duck-typed; none of it is required)."""

    def refresh(self) -> None: ...

    def set_store(self, store: Store) -> None: ...


@dataclass(frozen=True)
class TabSpec:
    title: str  # what the clerk reads on the tab
    object_name: str  # stable name for tests, QSettings keys and stylesheets
    factory: TabFactory
    pages: tuple["TabSpec", ...] = ()  # a group's sub-pages, still reachable by their own object names

    def build(self, store: Store, on_changed: Callable[[QWidget], None]) -> QWidget:
        """The tab's widget on ``store``, named ``object_name``; its ``data_changed`` (if any) calls
        ``on_changed(widget)`` — the main window for a tab, the group for a 登记簿 page."""
        widget = self.factory(store)
        widget.setObjectName(self.object_name)
        signal = getattr(widget, "data_changed", None)
        if signal is not None and hasattr(signal, "connect"):
            signal.connect(lambda w=widget: on_changed(w))
        return widget


class PendingTab(QWidget):
    """Placeholder for an area not built yet: says so plainly, offers nothing that looks usable."""

    def __init__(self, store: Store, what: str, issue: int | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.label = QLabel(pending_note(what, issue))
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setWordWrap(True)
        self.label.setStyleSheet("color: #666; font-size: 15px;")
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)

    def refresh(self) -> None:
        """Nothing to reload."""

    def set_store(self, store: Store) -> None:
        self.store = store


def pending_note(what: str, issue: int | None = None) -> str:
    ref = f"（见任务 #{issue}）" if issue else ""
    return f"{what}功能正在开发中{ref}，尚不可用。"


def pending(what: str, issue: int | None = None) -> TabFactory:
    """A factory for a ``PendingTab`` naming the missing area (and its task number, if known)."""
    return lambda store: PendingTab(store, what, issue)


from ..activities.tab import ActivitiesTab  # noqa: E402
from ..dashboard.tab import DashboardTab  # noqa: E402
from ..disputes.tab import DisputesTab  # noqa: E402 - tab modules import this registry's siblings only
from ..employment_aid.tab import EmploymentTab  # noqa: E402
from ..fundraising.tab import FundraisingTab  # noqa: E402
from ..fees.tab import FeesTab  # noqa: E402
from ..hardship.tab import HardshipTab  # noqa: E402
from ..honours.tab import HonoursTab  # noqa: E402
from ..member_card.tab import CardsTab  # noqa: E402
from ..members.tab import MembersTab  # noqa: E402
from ..mutual_aid.tab import MutualAidTab  # noqa: E402
from ..orgs.tab import OrgsTab  # noqa: E402
from ..reports.tab import ReportsTab  # noqa: E402
from ..union_standing.tab import StandingTab  # noqa: E402
from .tab_group import tab_group  # noqa: E402

# The small registers share one tab (登记簿) with a sub-tab each: fourteen tabs side by side did not
# fit a 1366-px screen. Each keeps its object name: window.tab("honoursTab") still finds it.
REGISTERS: tuple[TabSpec, ...] = (
    TabSpec("规范化建设", "standingTab", StandingTab),
    TabSpec("就业援助", "employmentTab", EmploymentTab),
    TabSpec("评先评优", "honoursTab", HonoursTab),
    TabSpec("会员服务卡", "cardsTab", CardsTab),
    TabSpec("募捐与特殊会费", "fundraisingTab", FundraisingTab),
)

# One line per tab, in the order the clerk sees them.
TABS: list[TabSpec] = [
    TabSpec("工作台", "dashboardTab", DashboardTab),
    TabSpec("会员", "membersTab", MembersTab),
    TabSpec("单位/基层工会", "orgsTab", OrgsTab),
    TabSpec("困难帮扶", "hardshipTab", HardshipTab),
    TabSpec("活动日历", "activitiesTab", ActivitiesTab),
    TabSpec("劳动争议", "disputesTab", DisputesTab),
    TabSpec("工会经费", "feesTab", FeesTab),
    TabSpec("互助保障", "mutualAidTab", MutualAidTab),
    TabSpec("登记簿", "registersTab", tab_group(REGISTERS), REGISTERS),
    TabSpec("报表", "reportsTab", ReportsTab),
]
