"""The crash suite: kill a writer with SIGKILL at random moments, reopen, check nothing was lost.

``python -m tests.torture.run --trials N [--seed S] [--jobs J]`` (``make torture N=…``). Each trial
copies a prepared profile (the demo meetings and 3,000 people), starts ``tests.torture.writer``
in one of its modes (writes through the services, backups, restores), kills it with SIGKILL
either while it opens the store or at a random moment of its work, then reopens the profile
through the app's open path and checks:

- the store opens (not refused), ``PRAGMA integrity_check`` is ok and ``foreign_key_check`` empty;
- every acknowledged record is there as written (people, meetings with their sessions and
  agenda, CSV batches), and no CSV batch is there in part;
- every acknowledged backup is a store that can be restored; a restored store is wholly one of
  the sources, never a mix;
- every acknowledged handover archive verifies with its passphrase, and every profile opened
  from one (acknowledged or not) is whole;
- no temporary file is left anywhere in the profile or the output folder.

It prints ``trials: N, lost: 0, corrupt: 0, leftovers: 0`` (and more detail), and exits 1 if
any count is not zero. POSIX only (SIGKILL).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[2]
MODES = ("write", "write", "write", "backup", "restore", "handover")
#: The longest a writer works (seconds) before it is killed, once its store is open.
WORK_SECONDS = {"write": 3.0, "backup": 1.5, "restore": 1.5, "handover": 4.0}
PEOPLE = 3000
SOURCES = 2


@dataclass
class Outcome:
    mode: str
    lost: list[str] = field(default_factory=list)
    corrupt: list[str] = field(default_factory=list)
    partial: list[str] = field(default_factory=list)
    leftovers: list[str] = field(default_factory=list)
    acknowledged: int = 0
    killed_while_opening: bool = False


def _people_csv(path: Path, rows: int, tag: str) -> Path:
    from rcm_desktop.exchange.csv_cells import SafeWriter

    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = SafeWriter(stream)
        writer.writerow(["full_name", "institution", "email", "country_code", "notes"])
        for row in range(rows):
            writer.writerow(
                [
                    f"Persona {tag} {row}",
                    f"Ministerio {row % 40}",
                    f"{tag}{row}@example.org",
                    "GT",
                    "Nota " * (row % 30),
                ]
            )
    return path


def _import(store, path: Path) -> int:
    from rcm_desktop.data.services.directory import import_people, preview_import

    return import_people(store, preview_import(store, path).rows)


def _mark(store, marker: str) -> None:
    from rcm_desktop.data.services.directory import save_person
    from rcm_desktop.domain.people import PersonFields

    save_person(store, PersonFields(full_name=marker, institution="Torture"), confirm_similar=True)


def prepare(folder: Path) -> tuple[Path, dict[str, int]]:
    """The profile each trial starts from, and restore sources: {source path: people}."""
    from rcm_desktop.data.demo import load_demo
    from rcm_desktop.data.services.backups import back_up_profile_to
    from rcm_desktop.data.services.directory import count_people
    from rcm_desktop.data.services.store import open_store
    from rcm_desktop.paths import Profile

    base = Profile(folder / "base").ensure()
    store = open_store(base).store
    load_demo(store)
    _import(store, _people_csv(folder / "people.csv", PEOPLE, "base"))
    _mark(store, "Marker 0")
    store.dispose()
    sources: dict[str, int] = {}
    for number in range(1, SOURCES + 1):
        variant = Profile(folder / f"variant-{number}")
        shutil.copytree(base.root, variant.root)
        store = open_store(variant).store
        _import(store, _people_csv(folder / f"v{number}.csv", 400 * number, f"v{number}"))
        _mark(store, f"Marker {number}")
        people = count_people(store)
        store.dispose()
        source = back_up_profile_to(variant, folder / f"source-{number}.sqlite3")
        sources[str(source)] = people
    return base.root, sources


def _leftovers(*folders: Path) -> list[str]:
    found = []
    for folder in folders:
        for path in folder.rglob("*"):
            if path.name.startswith(".partial-") or path.name.endswith(".part"):
                found.append(str(path.relative_to(folder.parent)))
    return found


def _check_store(database: Path, outcome: Outcome) -> sqlite3.Connection | None:
    try:
        connection = sqlite3.connect(database)
        if connection.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            outcome.corrupt.append("integrity_check failed")
        problems = connection.execute("PRAGMA foreign_key_check").fetchall()
        if problems:
            outcome.corrupt.append(f"foreign_key_check: {problems[:3]}")
        return connection
    except sqlite3.DatabaseError as error:
        outcome.corrupt.append(f"unreadable: {error}")
        return None


def _journaled(connection: sqlite3.Connection, table: str, key: int) -> bool:
    """Whether the journal holds the record's creation (written in the same transaction)."""
    found = connection.execute(
        f"SELECT count(*) FROM journal_changes JOIN {table} ON {table}.global_id = "
        f"journal_changes.record_gid WHERE {table}.id = ? AND journal_changes.operation = 'insert'",
        (key,),
    ).fetchone()[0]
    return bool(found)


def _check_acknowledged(connection: sqlite3.Connection, acks: list[str], outcome: Outcome) -> None:
    from rcm_desktop.data.services.backups import check_backup
    from rcm_desktop.errors import RcmDeskError
    from rcm_desktop.exchange.handover_archive import verify_archive
    from tests.torture.writer import HANDOVER_PASSPHRASE

    for line in acks:
        kind, _, rest = line.partition(" ")
        if kind == "person":
            key, name = rest.split(" ", 1)
            row = connection.execute(
                "SELECT full_name FROM people WHERE id = ?", (int(key),)
            ).fetchone()
            if row is None or row[0] != name:
                outcome.lost.append(line)
            elif not _journaled(connection, "people", int(key)):
                outcome.lost.append(f"{line}: not in the journal")
        elif kind == "meeting":
            key, title = rest.split(" ", 1)
            row = connection.execute(
                "SELECT title FROM meetings WHERE id = ?", (int(key),)
            ).fetchone()
            items = connection.execute(
                "SELECT count(*) FROM agenda_items JOIN sessions ON sessions.id = "
                "agenda_items.session_id WHERE sessions.meeting_id = ?",
                (int(key),),
            ).fetchone()[0]
            if row is None or row[0] != title or items != 10:
                outcome.lost.append(line)
            elif not _journaled(connection, "meetings", int(key)):
                outcome.lost.append(f"{line}: not in the journal")
        elif kind == "note":
            key, sha256 = rest.split(" ")
            found = connection.execute(
                "SELECT count(*) FROM attachments WHERE meeting_id = ? AND sha256 = ?",
                (int(key), sha256),
            ).fetchone()[0]
            items = connection.execute(
                "SELECT count(*) FROM agenda_items JOIN sessions ON sessions.id = "
                "agenda_items.session_id WHERE sessions.meeting_id = ?",
                (int(key),),
            ).fetchone()[0]
            if found != 1 or items != 4:
                outcome.lost.append(line)
        elif kind == "batch":
            tag, count = rest.split(" ")
            stored = connection.execute(
                "SELECT count(*) FROM people WHERE institution = ?", (tag,)
            ).fetchone()[0]
            if stored != int(count):
                outcome.lost.append(line)
        elif kind == "backup":
            try:
                check_backup(Path(rest))
            except RcmDeskError as error:
                outcome.lost.append(f"{line}: {error}")
        elif kind == "handover":
            try:
                verify_archive(Path(rest), HANDOVER_PASSPHRASE)
            except RcmDeskError as error:
                outcome.lost.append(f"{line}: {error}")
    for meeting_id, attachments in connection.execute(
        "SELECT meetings.id, count(attachments.id) FROM meetings LEFT JOIN attachments ON "
        "attachments.meeting_id = meetings.id WHERE meetings.title LIKE 'Torture Note%' GROUP BY 1"
    ):
        if attachments != 1:
            outcome.partial.append(f"note meeting {meeting_id}: {attachments} attachments")
    for tag, stored in connection.execute(
        "SELECT institution, count(*) FROM people WHERE institution LIKE 'lote%' GROUP BY 1"
    ):
        if stored not in (0, 1000):
            outcome.partial.append(f"batch {tag}: {stored} of 1000 rows")


def _check_opened_profiles(out: Path, acks: list[str], outcome: Outcome) -> None:
    """Every profile made from an archive is whole (a store that opens), acknowledged or not:
    one appears by a rename only once complete."""
    from rcm_desktop.data.services.backups import check_backup
    from rcm_desktop.errors import RcmDeskError

    folders = {Path(line.partition(" ")[2]) for line in acks if line.startswith("opened ")}
    folders |= set(out.glob("opened-*"))
    for folder in sorted(folders):
        try:
            check_backup(folder / "rcm-desk.sqlite3")
        except RcmDeskError as error:
            outcome.partial.append(f"profile {folder.name}: {error}")


def _check_restored(
    connection: sqlite3.Connection, expected: dict[tuple[str, ...], int], outcome: Outcome
) -> None:
    """The store is wholly one of the sources (its markers and its number of people)."""
    markers = tuple(
        sorted(
            name
            for (name,) in connection.execute(
                "SELECT full_name FROM people WHERE full_name LIKE 'Marker %'"
            )
        )
    )
    people = connection.execute("SELECT count(*) FROM people").fetchone()[0]
    if expected.get(markers) != people:
        outcome.partial.append(f"a mixed store: markers {markers}, {people} people")


def trial(number: int, seed: int, base: Path, sources: dict[str, int], work: Path) -> Outcome:
    """One writer started, killed and checked."""
    from rcm_desktop.data.services.store import open_store
    from rcm_desktop.errors import RcmDeskError
    from rcm_desktop.paths import Profile

    randomness = random.Random(seed * 100_003 + number)
    mode = randomness.choice(MODES)
    outcome = Outcome(mode)
    folder = work / f"trial-{number}"
    profile = Profile(folder / "profile")
    out = folder / "out"
    shutil.copytree(base, profile.root)
    out.mkdir()
    for source in sources:
        shutil.copy(source, out / Path(source).name)
    ack_path = folder / "acks.txt"
    ack_path.touch()
    writer = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.torture.writer",
            str(profile.root),
            str(out),
            str(ack_path),
            mode,
            str(randomness.randrange(10**9)),
        ],
        cwd=REPOSITORY,
        env={**os.environ, "PYTHONPATH": str(REPOSITORY)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    if randomness.random() < 0.2:
        outcome.killed_while_opening = True
        time.sleep(randomness.uniform(0, 1.2))  # the random moment of the kill, nothing awaited
    else:
        writer.stdout.readline()  # "ready", or nothing if the writer died
        time.sleep(randomness.uniform(0, WORK_SECONDS[mode]))
    writer.send_signal(signal.SIGKILL)
    _, errors = writer.communicate()
    if writer.returncode != -signal.SIGKILL:
        outcome.corrupt.append(
            f"the writer ended by itself ({writer.returncode}): {errors[-500:]!r}"
        )
    acks = ack_path.read_text("utf-8").splitlines()
    outcome.acknowledged = len(acks)
    try:
        open_store(profile).store.dispose()
    except RcmDeskError as error:
        outcome.corrupt.append(f"refused on reopening: {error}")
    connection = _check_store(profile.database_path, outcome)
    if connection is not None:
        try:
            if mode == "restore":
                expected = {("Marker 0",): _base_people(base)}
                for number, people in enumerate(sources.values(), 1):
                    expected["Marker 0", f"Marker {number}"] = people
                _check_restored(connection, expected, outcome)
            _check_acknowledged(connection, [a for a in acks if mode != "restore"], outcome)
            if mode == "handover":
                _check_opened_profiles(out, acks, outcome)
        finally:
            connection.close()
    outcome.leftovers = _leftovers(profile.root, out)
    if not (outcome.lost or outcome.corrupt or outcome.partial or outcome.leftovers):
        shutil.rmtree(folder, ignore_errors=True)
    return outcome


_base_counts: dict[Path, int] = {}


def _base_people(base: Path) -> int:
    if base not in _base_counts:
        connection = sqlite3.connect(base / "rcm-desk.sqlite3")
        try:
            _base_counts[base] = connection.execute("SELECT count(*) FROM people").fetchone()[0]
        finally:
            connection.close()
    return _base_counts[base]


def run(trials: int, seed: int, jobs: int, work: Path) -> list[Outcome]:
    """Run *trials* trials, *jobs* at a time, in *work*; returns their outcomes."""
    base, sources = prepare(work / "prepared")
    _base_people(base)
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        return list(pool.map(lambda n: trial(n, seed, base, sources, work), range(trials)))


def summary(outcomes: list[Outcome]) -> str:
    """The suite's result line, then what each mode did."""
    counts = Counter(outcome.mode for outcome in outcomes)
    lines = [
        f"trials: {len(outcomes)}, lost: {sum(len(o.lost) for o in outcomes)}, "
        f"corrupt: {sum(1 for o in outcomes if o.corrupt)}, "
        f"partial: {sum(1 for o in outcomes if o.partial)}, "
        f"leftovers: {sum(1 for o in outcomes if o.leftovers)}",
        "modes: "
        + ", ".join(f"{mode} {count}" for mode, count in sorted(counts.items()))
        + f"; killed while opening: {sum(o.killed_while_opening for o in outcomes)}"
        + f"; acknowledged writes checked: {sum(o.acknowledged for o in outcomes)}",
    ]
    for number, outcome in enumerate(outcomes):
        for problem in outcome.lost + outcome.corrupt + outcome.partial + outcome.leftovers:
            lines.append(f"  trial {number} ({outcome.mode}): {problem}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=50)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=max(1, min(4, os.cpu_count() or 1)))
    parser.add_argument("--keep", type=Path, help="work in this folder and keep failed trials")
    options = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if options.keep:
        options.keep.mkdir(parents=True, exist_ok=True)
        outcomes = run(options.trials, options.seed, options.jobs, options.keep)
    else:
        with tempfile.TemporaryDirectory(prefix="rcm-desk-torture-") as folder:
            outcomes = run(options.trials, options.seed, options.jobs, Path(folder))
    print(summary(outcomes))
    failed = any(o.lost or o.corrupt or o.partial or o.leftovers for o in outcomes)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
