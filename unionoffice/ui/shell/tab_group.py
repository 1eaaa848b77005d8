"""A tab page that holds several small registers as sub-tabs (登记簿: 规范化建设, 就业援助, 评先评优,
会员服务卡, 募捐与特殊会费), so the main tab bar stays short enough for a 1366-px screen.

It behaves toward the main window as one tab (``refresh``, ``set_store``, ``data_changed``) and
passes each on to its pages; ``page(object_name)`` and ``show_page(object_name)`` let the window
reach a page by the object name it had as a tab of its own, so the 工作台's tasks and every
other opener keep working.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from ...core.store.connection import Store

if TYPE_CHECKING:
    from .tabs import TabSpec


class TabGroup(QWidget):
    data_changed = Signal()

    def __init__(self, store: Store, specs: tuple["TabSpec", ...], parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.specs = specs
        self.tabs = QTabWidget()
        self.tabs.setObjectName("registerPages")
        self.tabs.setDocumentMode(True)
        # the pages are small lists: built together, so switching between them is instant
        for spec in specs:
            self.tabs.addTab(self._make(spec), spec.title)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.tabs)

    def _make(self, spec: "TabSpec") -> QWidget:
        return spec.build(self.store, self._page_changed)

    def _page_changed(self, source: QWidget) -> None:
        """One page changed records: the other pages reload, then the window hears of it."""
        for widget in self.pages():
            if widget is not source and callable(getattr(widget, "refresh", None)):
                widget.refresh()
        self.data_changed.emit()

    def pages(self) -> list[QWidget]:
        return [self.tabs.widget(i) for i in range(self.tabs.count())]

    def page_names(self) -> list[str]:
        return [spec.object_name for spec in self.specs]

    def page(self, object_name: str) -> QWidget:
        for widget in self.pages():
            if widget.objectName() == object_name:
                return widget
        raise KeyError(object_name)

    def show_page(self, object_name: str) -> QWidget:
        widget = self.page(object_name)
        self.tabs.setCurrentWidget(widget)
        return widget

    def current_page(self) -> QWidget:
        return self.tabs.currentWidget()

    def refresh(self) -> None:
        for widget in self.pages():
            if callable(getattr(widget, "refresh", None)):
                widget.refresh()

    def set_store(self, store: Store) -> None:
        """Hand the new store on; a page that cannot take one is rebuilt on it."""
        self.store = store
        for index, spec in enumerate(self.specs):
            widget = self.tabs.widget(index)
            if callable(getattr(widget, "set_store", None)):
                widget.set_store(store)
                continue
            current = self.tabs.currentIndex()
            self.tabs.removeTab(index)
            self.tabs.insertTab(index, self._make(spec), spec.title)
            self.tabs.setCurrentIndex(current)
            widget.deleteLater()


def tab_group(specs: tuple["TabSpec", ...]):
    """A factory for the main window's registry: ``factory(store) -> TabGroup``."""
    return lambda store: TabGroup(store, specs)
