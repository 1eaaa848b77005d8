"""The house drawn from its imports: core never loads Qt, SQL stays in core, no area's core
imports the ui, and no two modules import each other (directly or round a circle)."""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

import unionoffice
import unionoffice.core

PACKAGE = Path(unionoffice.__file__).resolve().parent
QT_ROOTS = ("PySide6", "shiboken6", "PyQt5", "PyQt6")


def module_files() -> dict[str, Path]:
    """Every module of the program by dotted name (a package by its own name)."""
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def imports_of(name: str, path: Path, known: set[str]) -> set[str]:
    """The program's modules ``name`` imports anywhere in its text (lazy imports count too)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for block in ast.walk(tree):  # imports for type annotations only never run
        if isinstance(block, ast.If) and "TYPE_CHECKING" in ast.unparse(block.test):
            block.body = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")
            base = base[: len(base) - node.level + 1] if node.level else []
            source = ".".join(base + ([node.module] if node.module else []))
            targets = [f"{source}.{alias.name}" for alias in node.names] + [source]
        else:
            continue
        for target in targets:
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != name and not (path.name == "__init__.py" and target == package):
                found.add(target)
    return found


def import_graph() -> dict[str, set[str]]:
    files = module_files()
    known = set(files)
    graph = {name: imports_of(name, path, known) for name, path in files.items()}
    for name in graph:  # importing a module also runs its packages' __init__, which hold nothing
        graph[name] = {t for t in graph[name] if files[t].name != "__init__.py" or files[t].stat().st_size}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in graph.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    sys.setrecursionlimit(10_000)
    for node in sorted(graph):
        if node not in index:
            visit(node)
    return groups


def test_the_graph_sees_the_program():
    graph = import_graph()
    assert "unionoffice.core.store.connection" in graph["unionoffice.core.members.records"]
    assert len(graph) > 100


def test_no_import_circles():
    assert cycles(import_graph()) == []


def test_the_cycle_finder_finds_one():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_nothing_outside_core_touches_sqlite3():
    offenders = []
    for name, path in module_files().items():
        if name.startswith("unionoffice.core"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            if any(n.split(".")[0] in ("sqlite3", "sqlite_utils") for n in names):
                offenders.append(name)
    assert offenders == []


def test_one_sqlite_library_opens_the_office_file():
    """Only core/store/driver.py imports an SQLite binding: the rest use its ``sqlite`` (SQLCipher's build).
    Two SQLite libraries on one file in one process lose each other's locks, and their errors differ."""
    offenders = []
    for name, path in module_files().items():
        if name == "unionoffice.core.store.driver":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            if any(n.split(".")[0] in ("sqlite3", "sqlcipher3", "pysqlite3") for n in names):
                offenders.append(name)
    assert offenders == []


def test_core_imports_nothing_above_it():
    upward = [(name, target) for name, targets in import_graph().items() if name.startswith("unionoffice.core")
              for target in targets if not target.startswith("unionoffice.core")]
    assert upward == []


def test_exchange_and_printing_never_import_the_ui():
    upward = [(name, target) for name, targets in import_graph().items()
              if name.startswith(("unionoffice.exchange", "unionoffice.printing", "unionoffice.commands"))
              for target in targets if target.startswith(("unionoffice.ui", "unionoffice.app"))]
    assert upward == []


def test_every_area_has_a_package_in_core():
    areas = {m.name for m in pkgutil.iter_modules(unionoffice.core.__path__) if m.ispkg}
    assert {"members", "orgs", "hardship", "assistance", "activities", "disputes", "store", "values"} <= areas


def core_modules():
    return sorted(m.name for m in pkgutil.walk_packages(unionoffice.core.__path__, "unionoffice.core."))


def test_importing_core_does_not_load_qt():
    code = (
        "import importlib, sys\n"
        f"for name in {core_modules()!r}: importlib.import_module(name)\n"
        f"loaded = sorted(m for m in sys.modules if m.split('.')[0] in {QT_ROOTS!r})\n"
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


GROUND = ("unionoffice.core.store", "unionoffice.core.values", "unionoffice.core.errors")
# What the areas build on besides the ground: the figure catalogue's pieces and the demo's context.
AREA_BASES = ("unionoffice.core.figures.base", "unionoffice.core.demo.context")


def test_the_shared_ground_imports_no_area():
    graph = import_graph()
    upward = [(name, target) for name, targets in graph.items() if name.startswith(GROUND)
              for target in targets if not target.startswith(GROUND)]
    upward += [(name, target) for name in AREA_BASES for target in graph[name] if not target.startswith(GROUND)]
    assert upward == []


SQL_WORDS = ("SELECT", "INSERT", "UPDATE", "DELETE", "REPLACE", "PRAGMA", "CREATE", "DROP", "ALTER", "WITH", "BEGIN")


def _sql_text(node: ast.AST) -> str:
    """The leading text of a string or f-string argument ('' for anything else)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr) and node.values and isinstance(node.values[0], ast.Constant):
        return str(node.values[0].value)
    if isinstance(node, ast.BinOp):
        return _sql_text(node.left)
    return ""


def sql_calls(source: str) -> list[int]:
    """Lines where ``source`` hands SQL text to a store or connection."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.args \
                and node.func.attr in ("one", "query", "scalar", "execute", "executemany"):
            if _sql_text(node.args[0]).lstrip().upper().startswith(SQL_WORDS):
                lines.append(node.lineno)
    return lines


def test_the_sql_finder_finds_sql():
    source = 'x = store.one("SELECT 1 FROM orgs")\ny = store.query(f"select {c} FROM t")\nz = store.one(name)\n'
    assert sql_calls(source) == [1, 2]


def test_all_sql_lives_in_core():
    """The window, the CLI, Excel and printing ask core for rows; none of them writes SQL itself."""
    found = [f"{name}:{line}" for name, path in module_files().items() if not name.startswith("unionoffice.core")
             for line in sql_calls(path.read_text(encoding="utf-8"))]
    assert found == []
