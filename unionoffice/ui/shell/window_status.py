"""The main window's status bar (the file and its counts) and title (the office's name).

``WindowStatus`` is a part of ``MainWindow`` (main_window.py).
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QSizePolicy

from ... import APP_NAME


class WindowStatus:
    """What ``MainWindow`` shows of the open file outside the tabs."""

    # ------------------------------------------------------------ status bar
    def _build_status_bar(self) -> None:
        self.path_label = QLabel()
        self.path_label.setObjectName("pathLabel")
        self.path_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.counts_label = QLabel()
        self.counts_label.setObjectName("countsLabel")
        self.statusBar().addWidget(self.path_label, 1)
        self.statusBar().addPermanentWidget(self.counts_label)

    def refresh_status(self) -> None:
        counts = self.store.counts()
        # every record in the file, not the 在册 figures of the 工作台 and 单位 tab: say so
        self.counts_label.setText(f"单位记录 {counts['orgs']:,} 个（含工联会、已注销） · "
                                  f"会员记录 {counts['members']:,} 条（含退会、转出）")
        self.path_label.setText(f"数据文件：{self.store.path}")
        self.path_label.setToolTip(str(self.store.path))

    def _update_title(self) -> None:
        office = self.store.office_name or APP_NAME
        self.setWindowTitle(f"{office} — {self.store.path.name}")

    def _after_store_change(self) -> None:
        self._update_title()
        self.refresh_status()
        self._fill_recent_menu()
