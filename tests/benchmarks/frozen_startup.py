"""Start-up of the frozen app (dist/rcm-desk) against the same app run from the virtual environment.

Both open the same demo profile and quit at the main window's first paint (the
RCM_DESK_STARTUP_PROBE hook prints the moment). Prints the medians and
"frozen start-up ratio: X" (goal: at most 1.2). Build first: `make installer`.

Run on purpose: `.venv/bin/python tests/benchmarks/frozen_startup.py [--runs N]`.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FROZEN = ROOT / "dist" / "rcm-desk" / "rcm-desk"
GOAL = 1.2


def first_paint_seconds(command: list[str], environment: dict[str, str]) -> float:
    started = time.time()
    result = subprocess.run(command, capture_output=True, text=True, env=environment, timeout=120)
    for line in result.stdout.splitlines():
        if line.startswith("FIRST_PAINT"):
            return float(line.split()[1]) - started
    raise RuntimeError(f"{command[0]} never painted: {result.stderr[-2000:]}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    if not FROZEN.exists():
        print("dist/rcm-desk is missing: run `make installer` first", file=sys.stderr)
        return 2
    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen", RCM_DESK_STARTUP_PROBE="1")
    with tempfile.TemporaryDirectory() as folder:
        profile = Path(folder) / "profile"
        commands = {
            "venv": [sys.executable, "-m", "rcm_desktop", "--demo", "--profile", str(profile)],
            "frozen": [str(FROZEN), "--demo", "--profile", str(profile)],
        }
        first_paint_seconds(commands["venv"], environment)  # creates the demo profile
        for command in commands.values():
            first_paint_seconds(command, environment)  # warm the file cache
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, command in commands.items():  # interleaved, so load drifts hit both
                times[name].append(first_paint_seconds(command, environment))
    medians = {name: statistics.median(values) for name, values in times.items()}
    for name, value in medians.items():
        print(f"{name}: first paint median {value * 1000:.0f} ms over {args.runs} runs")
    ratio = medians["frozen"] / medians["venv"]
    print(f"frozen start-up ratio: {ratio:.2f} (goal ≤ {GOAL})")
    size = sum(
        p.stat().st_size for p in FROZEN.parent.rglob("*") if p.is_file() and not p.is_symlink()
    )
    print(f"dist/rcm-desk size: {size / 1024 / 1024:.1f} MiB (goal ≤ 150)")
    return 0 if ratio <= GOAL else 1


if __name__ == "__main__":
    sys.exit(main())
