"""Guards against a known-bad Qt binding release.

PySide6 6.12.0 on Python 3.11 drops a reference to None on every void call (setText, addItem …);
after a few thousand calls the interpreter aborts with "none_dealloc". Opening the members tab on a
100,000-member office made enough calls to crash. pyproject.toml pins PySide6 below 6.12; this
test makes the crash show up at once if the pin is ever loosened onto a bad release.
"""

import sys

from PySide6.QtWidgets import QLabel


def test_void_calls_do_not_leak_references_to_none(qtbot):
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(20_000):
        label.setText("会员")
    # On immortal-None Pythons (3.12+) the count is fixed; on 3.11 it must not fall by ~20,000.
    assert sys.getrefcount(None) > before - 1000
