"""The 会员 tab on the 100k office: first paint, scrolling, search as you type (DESIGN §9, issue #3).

Each figure runs the real tab offscreen and stands beside the core work it cannot avoid, measured
in the same run: the id query plus one page of rows. What is left over is the tab's own cost
(model reset, painting, the filter bar); it should stay small whatever the roll size.
"""

from __future__ import annotations

import os
import subprocess
import sys

from run import Context, Figure

from bench_core import ensure_office

# A fresh interpreter: the tab is measured as the clerk meets it, not warmed by other benches.
_CODE = r"""
import os, sys, time
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtWidgets import QApplication
from unionoffice.core.members import records as members
from unionoffice.core.store.connection import Store
from unionoffice.ui.members.tab import MembersTab

app = QApplication(sys.argv[:1])
store = Store.open(sys.argv[1], lock=False)

def core_first_page(text=""):
    ids = members.search_member_ids(store, text)
    members.members_by_ids(store, ids[:200])

def best(fn, repeat=5):
    out = float("inf")
    for _ in range(repeat):
        t = time.perf_counter(); fn(); out = min(out, time.perf_counter() - t)
    return out

def first_paint():
    tab = MembersTab(store)
    tab.resize(1200, 700)
    tab.show()
    app.processEvents()
    assert tab.model.fetched_pages, "nothing painted"
    tab.close(); tab.deleteLater(); app.processEvents()

tab = MembersTab(store); tab.resize(1200, 700); tab.show(); app.processEvents()
bar = tab.view.verticalScrollBar()

def scroll_end():
    bar.setValue(0); app.processEvents()
    bar.setValue(bar.maximum()); app.processEvents()

def search(text):
    def go():
        tab.search_edit.setText(text); tab.run_search(); app.processEvents()
    return go

def core_last_page():
    ids = tab.model.ids()
    members.members_by_ids(store, ids[-200:])

print(best(first_paint), best(core_first_page))
print(best(scroll_end), best(core_last_page))
print(best(search("zgf")), best(lambda: core_first_page("zgf")))
print(best(search("王")), best(lambda: core_first_page("王")))
"""


def run(ctx: Context) -> list[Figure]:
    ensure_office(ctx)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run([sys.executable, "-c", _CODE, str(ctx.db_path)], capture_output=True, text=True,
                         check=True, env=env).stdout.split("\n")
    rows = [tuple(map(float, line.split())) for line in out if line.strip()][-4:]
    names = [("members tab first paint", "core ids + first page"),
             ("members tab scroll to the end", "core: fetch the last page"),
             ("members tab search 'zgf' (type → painted)", "core search + first page"),
             ("members tab search '王' (type → painted)", "core search + first page")]
    return [Figure(name, ours, base_name, base, "≤ 0.1 s" if "search" in name else "")
            for (name, base_name), (ours, base) in zip(names, rows)]
