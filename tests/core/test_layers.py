"""core never imports Qt: importing every core module in a fresh interpreter loads no PySide6."""

import pkgutil
import subprocess
import sys

import unionoffice.core


def core_modules():
    return sorted(m.name for m in pkgutil.walk_packages(unionoffice.core.__path__, "unionoffice.core."))


def test_core_has_modules_to_check():
    assert "unionoffice.core.store.connection" in core_modules()
    assert "unionoffice.core.store.migrations.m0001_initial" in core_modules()


def test_importing_core_does_not_load_qt():
    code = (
        "import importlib, sys\n"
        f"for name in {core_modules()!r}: importlib.import_module(name)\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'PyQt5', 'PyQt6'))\n"
        "print(','.join(loaded))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, encoding="utf-8", check=True)
    assert out.stdout.strip() == ""


def test_headless_commands_do_not_load_qt(tmp_path):
    code = (
        "import sys\n"
        "from unionoffice.cli import main\n"
        f"rc = main(['demo', {str(tmp_path / 'd.db')!r}, '--members', '20'])\n"
        "assert rc == 0, rc\n"
        "print(any(m.startswith('PySide6') for m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, encoding="utf-8", check=True)
    assert out.stdout.strip().splitlines()[-1] == "False"
