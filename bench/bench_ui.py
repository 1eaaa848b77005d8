"""GUI figures: start to a usable main window, and peak memory with the members tab open."""

from __future__ import annotations

import subprocess
import sys
import time

from run import Context, Figure

from bench_core import ensure_office

# Runs in a fresh interpreter so imports are cold, as when the clerk double-clicks the program.
_START = r"""
import os, sys, time, resource
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
t0 = time.perf_counter()
from PySide6.QtWidgets import QApplication
from unionoffice.app import configure_app, create_main_window
from unionoffice.core.store.connection import Store
app = QApplication(sys.argv)
configure_app(app)
store = Store.open(sys.argv[1])
window = create_main_window(store, ask_office_name=False)
window.show()
app.processEvents()
window.tab_widget.setCurrentWidget(window.tab("membersTab"))
app.processEvents()
elapsed = time.perf_counter() - t0
# VmHWM, not ru_maxrss: Linux carries ru_maxrss over exec from the forked parent, so a child of
# a bench process that had grown big would report the parent's size as its own
with open("/proc/self/status") as status:
    hwm = next((line for line in status if line.startswith("VmHWM:")), None)
peak_mb = int(hwm.split()[1]) / 1024 if hwm else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"{elapsed} {peak_mb}")
"""


def _cold(code: str, *args: str) -> str:
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=True).stdout


def run(ctx: Context) -> list[Figure]:
    ensure_office(ctx)
    best, peak = float("inf"), 0.0
    for _ in range(3):
        elapsed, mb = map(float, _cold(_START, str(ctx.db_path)).split()[-2:])
        best, peak = min(best, elapsed), max(peak, mb)
    base = float("inf")
    for _ in range(3):
        out = _cold("import time; t=time.perf_counter(); import PySide6.QtWidgets; print(time.perf_counter()-t)")
        base = min(base, float(out))
    return [
        Figure("start to a usable main window", best, "import PySide6.QtWidgets", base, "≤ 1.0 s"),
        Figure("peak memory, members tab open", peak, "", None, "≤ 300 MB", unit="MB"),
    ]
