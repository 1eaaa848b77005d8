"""Benchmarks over a generated 100,000-member office (DESIGN §9).

Every figure is printed beside a baseline measured in the same run on the same machine, so the
numbers mean something on any PC. Each area adds a ``bench/bench_<area>.py`` module with
``run(ctx) -> list[Figure]``; this runner finds them.

    make bench                      # full size (100,000 members)
    make bench ARGS="--members 20000 --only core"
"""

from __future__ import annotations

import argparse
import importlib.util
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))


@dataclass
class Figure:
    name: str
    ours: float  # seconds (or MB when unit says so)
    baseline_name: str = ""
    baseline: float | None = None
    target: str = ""
    unit: str = "s"

    def row(self) -> str:
        ours = _fmt(self.ours, self.unit)
        base = _fmt(self.baseline, self.unit) if self.baseline is not None else "—"
        ratio = f"{self.ours / self.baseline:.2f}×" if self.baseline else ""
        return f"{self.name:<44} {ours:>10}  {base:>10} {ratio:>7}  {self.target:<10} {self.verdict():<7} {self.baseline_name}"

    def verdict(self) -> str:
        """'met' or 'MISSED' for a target of the form ≤ 1.5× (the ratio) or ≤ 20 ms / 1.0 s / 300 MB."""
        match = re.fullmatch(r"≤ ?([\d.]+) ?(×|ms|s|MB)", self.target)
        if not match:
            return ""
        limit, unit = float(match[1]), match[2]
        if unit == "×":
            if not self.baseline:
                return ""
            value = self.ours / self.baseline
        elif unit == "ms" and self.unit == "s":
            value = self.ours * 1000
        elif unit == self.unit:
            value = self.ours
        else:
            return ""
        return "met" if round(value, 2) <= limit else "MISSED"


@dataclass
class Context:
    members: int
    out: Path
    db_path: Path = field(init=False)
    seed: int = 1

    def __post_init__(self):
        self.db_path = self.out / f"office-{self.members}.db"


def timed(fn, *args, repeat: int = 1, **kwargs):
    """Best of ``repeat`` runs: (seconds, result of the last run)."""
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn(*args, **kwargs)
        best = min(best, time.perf_counter() - start)
    return best, result


def _fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "s":
        return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s"
    return f"{value:.1f} {unit}"


def discover(only: str | None):
    for path in sorted(HERE.glob("bench_*.py")):
        area = path.stem.removeprefix("bench_")
        if only and area not in only.split(","):
            continue
        spec = importlib.util.spec_from_file_location(f"bench_{area}", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        yield area, module


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description="Union Office benchmarks")
    p.add_argument("--members", type=int, default=100_000)
    p.add_argument("--only", help="comma-separated areas, e.g. core,members")
    p.add_argument("--out", type=Path, default=HERE / "out")
    args = p.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    ctx = Context(members=args.members, out=args.out)
    print(f"Union Office benchmarks — {args.members:,} members, Python {sys.version.split()[0]}")
    print(f"{'figure':<44} {'ours':>10}  {'baseline':>10} {'ratio':>7}  {'target':<10} {'verdict':<7} baseline is")
    for area, module in discover(args.only):
        for figure in module.run(ctx):
            print(figure.row(), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
