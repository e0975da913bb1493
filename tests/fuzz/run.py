"""The fuzz suite: hostile CSV files and hostile strings through every reader and writer.

``python -m tests.fuzz.run --files N --strings N [--seed S]`` (``make fuzz N=2000``); the
test suite runs a bounded sample (tests/test_fuzz.py). It prints what it fed and found:
``files: N, strings: N, crashes: 0, hangs: 0, partial writes: 0``, and exits 1 otherwise.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

from tests.fuzz.generators import hostile_csv, hostile_note, hostile_string
from tests.fuzz.targets import (
    HANDOVER_MAGIC,
    Tally,
    every_writer,
    feed_csv,
    feed_handover_candidate,
    feed_note,
    feed_restore_candidate,
    overwrite_texts,
)

#: Strings per round: each round puts them in every text field, then runs every writer.
STRINGS_PER_ROUND = 50
SQLITE_MAGIC = b"SQLite format 3\x00"


def fuzz_files(count: int, seed: int, folder: Path, tally: Tally) -> None:
    """*count* hostile CSV files through the import; every fifth also offered for restore."""
    from rcm_desktop.data.services.store import open_store
    from rcm_desktop.paths import Profile
    from rcm_desktop.preferences import Preferences

    randomness = random.Random(seed)
    profile = Profile(folder / "files-profile").ensure()
    store = open_store(profile).store
    scratch = folder / "files"
    scratch.mkdir()
    try:
        for number in range(count):
            data = hostile_csv(randomness)
            feed_csv(store, data, scratch, f"file {number} (seed {seed})", tally)
            note, name = hostile_note(randomness)
            feed_note(store, profile, note, name, f"note {number} (seed {seed})", tally)
            if number % 5 == 0:
                offered = data if randomness.random() < 0.5 else SQLITE_MAGIC + data[:4096]
                candidates = scratch / "restore"
                candidates.mkdir(exist_ok=True)
                feed_restore_candidate(offered, candidates, f"file {number}", tally)
                archive = data if randomness.random() < 0.5 else HANDOVER_MAGIC + data[:4096]
                feed_handover_candidate(archive, candidates, f"file {number}", tally)
                (candidates / "preferences.json").write_bytes(data[:65536])
                tally.call(
                    f"file {number} preferences",
                    lambda where=candidates: Preferences(where / "preferences.json"),
                )
    finally:
        store.dispose()


def fuzz_strings(count: int, seed: int, folder: Path, tally: Tally) -> None:
    """*count* hostile strings, a round at a time, through every text field and every writer."""
    from rcm_desktop.data.demo import load_demo
    from rcm_desktop.data.services.store import open_store
    from rcm_desktop.paths import Profile

    randomness = random.Random(seed + 1)
    profile = Profile(folder / "strings-profile").ensure()
    store = open_store(profile).store
    try:
        load_demo(store)
        for round_number in range((count + STRINGS_PER_ROUND - 1) // STRINGS_PER_ROUND):
            strings = [hostile_string(randomness) for _ in range(STRINGS_PER_ROUND)]
            tally.inputs += len(strings)
            overwrite_texts(store, strings, randomness, tally)
            every_writer(store, folder / "strings", f"round {round_number} (seed {seed})", tally)
    finally:
        store.dispose()


def run(files: int, strings: int, seed: int, slack: float = 1.0) -> tuple[Tally, Tally]:
    """Both halves, in a temporary folder; returns their tallies (time limits times *slack*)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    file_tally, string_tally = Tally(slack=slack), Tally(slack=slack)
    with tempfile.TemporaryDirectory(prefix="rcm-desk-fuzz-") as folder:
        (Path(folder) / "strings").mkdir()
        fuzz_files(files, seed, Path(folder), file_tally)
        fuzz_strings(strings, seed, Path(folder), string_tally)
    return file_tally, string_tally


def report(file_tally: Tally, string_tally: Tally, seconds: float) -> str:
    lines = []
    for name, tally in (("files", file_tally), ("strings", string_tally)):
        lines.append(
            f"{name}: {tally.inputs}, calls: {tally.calls}, refused with a message: {tally.refused}, "
            f"crashes: {len(tally.crashes)}, hangs: {len(tally.hangs)}, "
            f"partial writes: {len(tally.partial)}, slowest call under 1 MB: {tally.slowest:.2f} s"
        )
        lines.extend(f"  {problem}" for problem in tally.crashes + tally.hangs + tally.partial)
    lines.append(f"time: {seconds:.0f} s")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--strings", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    options = parser.parse_args(argv)
    started = time.perf_counter()
    file_tally, string_tally = run(options.files, options.strings, options.seed)
    print(report(file_tally, string_tally, time.perf_counter() - started))
    failed = any(t.crashes or t.hangs or t.partial for t in (file_tally, string_tally))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
