"""The window side of importing the lists other offices send (税务代收明细, 参保名单), shared by the
工会经费 and 互助保障 tabs: the first rejected rows, the problem report written beside the list, and
the question before the checked rows are written."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QMessageBox, QWidget

from ...core.errors import UserError
from ...core.store.connection import Store
from ..widgets.errors import show_user_error

SHOWN_PROBLEMS = 15


def first_problems(plan: Any) -> str:
    """The first rejected rows, one line each."""
    return "\n".join(f"第 {r.row} 行：{r.reason}" for r in plan.rejected[:SHOWN_PROBLEMS])


def problem_report(plan: Any) -> str:
    """Write the rejected rows beside the list; the line saying where it went (or why it could not
    be written), '' when no row was rejected."""
    from ...exchange.importing.external_lists import write_report

    if not plan.rejected:
        return ""
    target = plan.path.with_name(f"{plan.path.stem}-导入问题.xlsx")
    try:
        write_report(plan, target)
    except UserError as err:
        return f"\n问题清单未能写入：{err}"
    return f"\n未导入的行及原因已写入：{target}"


def confirm_and_apply(parent: QWidget, store: Store, plan: Any, title: str, text: str, nothing: str) -> int | None:
    """Tell ``nothing`` when no row is new; otherwise ask, write the rows and remember the columns.
    Returns how many rows were added, None when nothing was written."""
    from ...exchange.importing.external_lists import apply_list, remember_mapping

    if not plan.rows:
        QMessageBox.information(parent, title, f"{nothing}\n{text}")
        return None
    if QMessageBox.question(parent, title, f"{text}\n\n确定导入吗？") != QMessageBox.StandardButton.Yes:
        return None
    try:
        added = apply_list(store, plan)
        remember_mapping(store, plan)
    except UserError as err:
        show_user_error(parent, err)
        return None
    return added
