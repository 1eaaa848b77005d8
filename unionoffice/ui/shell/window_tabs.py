"""The main window's tabs: built when first shown, found by name, refreshed when records change
(in the window or through another connection), and handed the new store after a file switch.

``WindowTabs`` is a part of ``MainWindow`` (main_window.py), which owns ``tab_widget`` and ``store``.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

from . import tabs

OUTSIDE_POLL_MS = 2000  # how soon the window shows what a command beside it changed


class _TabSlot(QWidget):
    """Stands in for a tab until it is first shown (see MainWindow._build_tabs)."""

    def __init__(self, spec: tabs.TabSpec):
        super().__init__()
        self.spec = spec
        self.setObjectName(spec.object_name)


class WindowTabs:
    """The tab part of ``MainWindow``: which tabs exist, which are built, which are stale."""

    # ------------------------------------------------------------------ tabs
    # Tabs are built the first time they are shown: the clerk sees the window as soon as the
    # first tab is ready, and tabs she never opens (a 报表 of a 100,000-member office) cost nothing.
    def _build_tabs(self) -> None:
        for spec in self._specs:
            self.tab_widget.addTab(_TabSlot(spec), spec.title)
        self.tab_widget.currentChanged.connect(self._ensure_built)

    def _make_tab(self, spec: tabs.TabSpec) -> QWidget:
        return spec.build(self.store, self.on_data_changed)

    def _ensure_built(self, index: int) -> QWidget | None:
        widget = self.tab_widget.widget(index)
        if isinstance(widget, _TabSlot):
            widget = self._put_tab(index, self._make_tab(widget.spec))
        return widget

    def _put_tab(self, index: int, widget: QWidget) -> QWidget:
        """Swap the widget at ``index`` keeping the current tab where it is."""
        current = self.tab_widget.currentIndex()
        old = self.tab_widget.widget(index)
        blocked = self.tab_widget.blockSignals(True)
        self.tab_widget.insertTab(index, widget, self._specs[index].title)
        self.tab_widget.removeTab(index + 1)
        self.tab_widget.setCurrentIndex(current)
        self.tab_widget.blockSignals(blocked)
        old.deleteLater()
        return widget

    def tab_titles(self) -> list[str]:
        return [self.tab_widget.tabText(i) for i in range(self.tab_widget.count())]

    def tab(self, object_name: str) -> QWidget:
        """The tab widget by object name, built now if it has not been shown yet; a page of a
        group (登记簿) is found by its own object name too."""
        for i in range(self.tab_widget.count()):
            if self.tab_widget.widget(i).objectName() == object_name:
                return self._ensure_built(i)
        for i, spec in enumerate(self._specs):
            if any(page.object_name == object_name for page in spec.pages):
                return self._ensure_built(i).page(object_name)
        raise KeyError(object_name)

    def show_tab(self, object_name: str) -> QWidget:
        """Bring the tab (or the group page) named ``object_name`` to the front; returns it."""
        widget = self.tab(object_name)
        for i, spec in enumerate(self._specs):
            if spec.object_name == object_name:
                self.tab_widget.setCurrentIndex(i)
            elif any(page.object_name == object_name for page in spec.pages):
                self.tab_widget.setCurrentIndex(i)
                self.tab_widget.widget(i).show_page(object_name)
        return widget

    def current_page(self) -> QWidget:
        """What the clerk sees: the current tab, or inside a group its current page."""
        widget = self.tab_widget.currentWidget()
        inner = getattr(widget, "current_page", None)
        return inner() if callable(inner) else widget

    def tab_widgets(self) -> list[QWidget]:
        """The tabs built so far (the others will be built on the current store when shown)."""
        widgets = [self.tab_widget.widget(i) for i in range(self.tab_widget.count())]
        return [w for w in widgets if not isinstance(w, _TabSlot)]

    def refresh_tabs(self, *, skip: QWidget | None = None) -> None:
        for widget in self.tab_widgets():
            if widget is not skip and callable(getattr(widget, "refresh", None)):
                widget.refresh()

    def on_data_changed(self, source: QWidget | None = None) -> None:
        """A tab (or a finished background operation) changed records: refresh the rest."""
        self.refresh_status()
        self.refresh_tabs(skip=source)

    # ------------------------------------------------- changes from outside
    # A command run beside the window (or a background connection) commits through another
    # connection; SQLite counts those commits in PRAGMA data_version. Polling it is cheap (no
    # query on the tables), so the window sees them within seconds: the tab on screen is
    # reloaded at once, the others when they are shown again.
    def _watch_for_outside_changes(self) -> None:
        self._stale: set[int] = set()
        self._seen_version = self._data_version()
        self.outside_timer = QTimer(self)
        self.outside_timer.setInterval(OUTSIDE_POLL_MS)
        self.outside_timer.timeout.connect(self.check_outside_changes)
        self.outside_timer.start()
        self.tab_widget.currentChanged.connect(self._refresh_if_stale)

    def _data_version(self) -> int | None:
        try:
            return self.store.data_version()
        except Exception:  # noqa: BLE001 - a closed or damaged store is reported elsewhere
            return None

    def check_outside_changes(self) -> bool:
        """Reload what another connection changed; True when there was something."""
        version = self._data_version()
        if version is None or version == self._seen_version:
            return False
        self._seen_version = version
        self.refresh_status()
        self._update_title()
        current = self.tab_widget.currentWidget()
        for widget in self.tab_widgets():
            if widget is current:
                if callable(getattr(widget, "refresh", None)):
                    widget.refresh()
            else:
                self._stale.add(id(widget))
        return True

    def _refresh_if_stale(self, index: int) -> None:
        widget = self.tab_widget.widget(index)
        if widget is not None and id(widget) in self._stale:
            self._stale.discard(id(widget))
            if callable(getattr(widget, "refresh", None)):
                widget.refresh()

    def _hand_store_to_tabs(self) -> None:
        for index, spec in enumerate(self._specs):
            widget = self.tab_widget.widget(index)
            if isinstance(widget, _TabSlot):
                continue
            if callable(getattr(widget, "set_store", None)):
                widget.set_store(self.store)
                if callable(getattr(widget, "refresh", None)):
                    widget.refresh()
            else:
                self._replace_tab(index, spec)

    def _replace_tab(self, index: int, spec: tabs.TabSpec) -> None:
        """A tab that cannot take a new store is rebuilt (now if showing, else when next shown)."""
        showing = index == self.tab_widget.currentIndex()
        self._put_tab(index, self._make_tab(spec) if showing else _TabSlot(spec))
