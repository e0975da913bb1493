"""The sync suite: take a shared database home, edit both sides, bring it back, check.

``python -m tests.sync_torture.run --scenarios N [--seed S] [--kill-every K]``
(``make sync-torture N=…``), with RCM_DESK_TEST_DATABASE_URL naming a throw-away
PostgreSQL server (``eval "$(.ci/postgres start)"``).

Each scenario clones a PostgreSQL database holding the demo meetings, takes it home into
a fresh profile, then does random real actions through the services on both sides (edits
of the same and of different fields, creations, deletions, deletions of records edited on
the other side, nominations that together exceed a limit). It brings the work back with
`--prefer mine`, `--prefer theirs`, or the conflicts settled one by one as the conflicts
screen does; some scenarios save on the server during the bring-back, and every K-th is
killed with SIGKILL at a random moment of it, then run again. Afterwards: every edit is
present or listed as a conflict, no rule is broken, references are intact, the home copy
equals the server, a second bring-back changes nothing, and no stray file is left.

Four scenarios in ten only edit and add at home, so that the batch replay (one round of
reads, one of writes) is tried as often as the careful one.

It prints ``scenarios: N, lost: 0, unreported conflicts: 0, rule violations: 0,
duplicates: 0, blocked: 0`` and exits 1 if any count is not zero.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import make_url

from rcm_desktop.data.changes import read_data_version
from rcm_desktop.data.models import Meeting
from rcm_desktop.data.services import meeting_editing
from rcm_desktop.data.services.replay import settled_conflicts
from rcm_desktop.data.services.shared_database import bring_back_to
from rcm_desktop.data.store import open_database, prepare_store
from rcm_desktop.data.take_home import Conflict, take_home
from rcm_desktop.errors import RcmDeskError, StorageError
from rcm_desktop.paths import Profile
from tests.sync_torture.checks import check, contents
from tests.sync_torture.operations import EDITS, Intent, Side, act

REPOSITORY = Path(__file__).resolve().parents[2]
TEMPLATE = "rcm_sync_template"


def _admin(url: str) -> sa.Engine:
    return sa.create_engine(make_url(url).set(database="postgres"), isolation_level="AUTOCOMMIT")


def _url(url: str, name: str) -> str:
    return make_url(url).set(database=name).render_as_string(hide_password=False)


def prepare_template(url: str, folder: Path) -> None:
    """A database holding the demo meetings, cloned by every scenario."""
    from rcm_desktop.data.demo import load_demo

    admin = _admin(url)
    with admin.connect() as connection:
        connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{TEMPLATE}" WITH (FORCE)'))
        connection.execute(sa.text(f'CREATE DATABASE "{TEMPLATE}"'))
    admin.dispose()
    profile = Profile(folder / "template").ensure()
    store = open_database(profile, _url(url, TEMPLATE))
    prepare_store(store, profile)
    load_demo(store)
    store.dispose()


def _clone(url: str) -> str:
    name = "s_" + uuid.uuid4().hex[:12]
    admin = _admin(url)
    with admin.connect() as connection:
        connection.execute(sa.text(f'CREATE DATABASE "{name}" TEMPLATE "{TEMPLATE}"'))
    admin.dispose()
    return name


def _drop(url: str, name: str) -> None:
    admin = _admin(url)
    with admin.connect() as connection:
        connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@dataclasses.dataclass
class Result:
    lost: list[str] = dataclasses.field(default_factory=list)
    unreported: list[str] = dataclasses.field(default_factory=list)
    violations: list[str] = dataclasses.field(default_factory=list)
    duplicates: list[str] = dataclasses.field(default_factory=list)
    blocked: list[str] = dataclasses.field(default_factory=list)
    killed: bool = False
    conflicts: int = 0
    entries: int = 0


def _kill_during_bring_back(profile: Profile, url: str, prefer: str, rng: random.Random) -> None:
    worker = subprocess.Popen(
        [sys.executable, "-m", "tests.sync_torture.worker", str(profile.root), url, prefer],
        cwd=REPOSITORY,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert worker.stdout is not None
    worker.stdout.readline()  # "ready": loaded, about to bring back
    time.sleep(rng.uniform(0.0, 0.6))
    worker.send_signal(signal.SIGKILL)
    worker.wait()


def _concurrent_save(
    url: str, profile: Profile, gid_of_meeting: str, value: str
) -> threading.Thread:
    """A colleague saving a meeting on the server while the bring-back runs."""

    def save() -> None:
        store = open_database(profile, url)
        try:
            with store.session() as session:
                meeting_id = session.scalar(
                    sa.select(Meeting.id).where(Meeting.global_id == gid_of_meeting)
                )
            if meeting_id is not None:
                draft = meeting_editing.load_draft(store, meeting_id)
                meeting_editing.save_meeting(store, dataclasses.replace(draft, venue=value))
        except RcmDeskError:
            pass  # refused to that colleague with a message: not lost silently
        finally:
            store.dispose()

    thread = threading.Thread(target=save)
    thread.start()
    return thread


def _choices(conflicts: list[Conflict], rng: random.Random) -> dict[str, object]:
    """Settle each conflict (each field of one) as a person would on the conflicts screen."""
    choices: dict[str, object] = {}
    for conflict in conflicts:
        if conflict.fields:
            for item in conflict.fields:
                pick = rng.choice(("mine", "theirs", "edit"))
                choices[conflict.choice_key(item.column)] = (
                    ("edit", f"{item.mine} / {item.theirs}")
                    if pick == "edit" and isinstance(item.mine, str)
                    else "mine"
                    if pick == "edit"
                    else pick
                )
        else:
            choices[conflict.choice_key()] = rng.choice(("mine", "theirs"))
    return choices


def _stray_files(folder: Path) -> list[str]:
    return [
        str(path.relative_to(folder))
        for path in folder.rglob("*")
        if ".partial" in path.name or path.name.endswith((".tmp", "-journal"))
    ]


def scenario(seed: int, url: str, folder: Path, kill: bool) -> Result:
    rng = random.Random(seed)
    result = Result(killed=kill)
    name = _clone(url)
    server_url = _url(url, name)
    root = folder / f"scenario-{seed}"
    server_profile = Profile(root / "server").ensure()
    home_profile = Profile(root / "home").ensure()
    server = open_database(server_profile, server_url)
    try:
        home = open_database(home_profile)
        prepare_store(home, home_profile)
        take_home(server, home, server_url, replace=True)
        sides = {"home": Side("home", home, home_profile, rng),
                 "server": Side("server", server, server_profile, rng)}  # fmt: skip
        intents: list[Intent] = []
        # Some trips only edit and add at home: bring-back then replays them in one batch.
        home_only = EDITS if rng.random() < 0.4 else None
        for _step in range(rng.randint(4, 24)):
            side = sides["home"] if rng.random() < 0.6 else sides["server"]
            intent = act(side, home_only if side is sides["home"] else None)
            if intent is not None:
                intents.append(intent)
        result.entries = sum(1 for intent in intents if intent.side == "home")
        prefer = rng.choice(("mine", "theirs", "none"))
        before = {"home": contents(home), "server": contents(server)}
        home.dispose()
        if kill:
            _kill_during_bring_back(home_profile, server_url, prefer, rng)
        thread, concurrent = None, None
        if rng.random() < 0.2:
            with server.session() as session:
                gids = list(session.scalars(sa.select(Meeting.global_id)))
            if gids:
                concurrent = rng.choice(gids)
                value = f"Sala {seed} ñ"
                thread = _concurrent_save(server_url, server_profile, concurrent, value)
        report = _bring_back(home_profile, server_url, prefer, rng, result)
        if thread is not None:
            thread.join()
        if report is None:
            return result
        result.conflicts = len(report.conflicts)
        home = open_database(home_profile)
        # A run killed after its commit reported its conflicts to nobody: the server's journal
        # keeps them (the history shows each one settled), and so does this check.
        listed = report.conflicts + settled_conflicts(server)
        verdict = check(server, home, intents, listed, before)
        result.lost += verdict.lost
        result.unreported += verdict.unreported
        # A colleague's save that waited for the bring-back lands after the home refresh.
        late = {("meetings", concurrent, "venue")} if concurrent else set()
        result.violations += verdict.violations + [
            f"home differs: {table} {gid} {name}"
            for table, gid, name in verdict.different
            if (table, gid, name) not in late
        ]
        result.duplicates += verdict.duplicates
        counter = read_data_version(server)
        again = bring_back_to(home, home_profile, server_url, None)
        if again.report.replayed or not again.report.written:
            result.blocked.append("a second bring-back was not empty")
        if read_data_version(server) != counter:
            result.violations.append("a second bring-back changed the server")
        result.blocked += [f"stray file {path}" for path in _stray_files(root)]
    finally:
        server.dispose()
        _drop(url, name)
        shutil.rmtree(root, ignore_errors=True)
    return result


def _bring_back(profile: Profile, url: str, prefer: str, rng: random.Random, result: Result):  # type: ignore[no-untyped-def]
    """Bring back as a person would: again after a refusal to run; settling conflicts."""
    choices: dict[str, object] | None = None
    for _attempt in range(4):
        home = open_database(profile)
        try:
            outcome = bring_back_to(
                home, profile, url, None if prefer == "none" else prefer, choices=choices
            )
        except StorageError as error:  # the server changed meanwhile: run it again
            last_error = str(error)
            continue
        finally:
            home.dispose()
        if outcome.report.written:
            return outcome.report
        choices = _choices(outcome.report.open_conflicts, rng)
        last_error = "conflicts left open after choosing"
    result.blocked.append(last_error)
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenarios", type=int, default=20)
    parser.add_argument("--seed", type=int, default=int(time.time()))
    parser.add_argument("--kill-every", type=int, default=10, help="kill every K-th scenario")
    args = parser.parse_args(argv)
    url = os.environ.get("RCM_DESK_TEST_DATABASE_URL")
    if not url:
        print('Set RCM_DESK_TEST_DATABASE_URL, e.g. eval "$(.ci/postgres start)"', file=sys.stderr)
        return 2
    totals: Counter[str] = Counter()
    problems: list[str] = []
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="rcm-sync-") as temporary:
        folder = Path(temporary)
        prepare_template(url, folder)
        for number in range(args.scenarios):
            seed = args.seed + number
            kill = args.kill_every > 0 and number % args.kill_every == args.kill_every - 1
            result = scenario(seed, url, folder, kill)
            totals["killed"] += result.killed
            totals["conflicts"] += result.conflicts
            totals["entries"] += result.entries
            for key in ("lost", "unreported", "violations", "duplicates", "blocked"):
                values = getattr(result, key)
                totals[key] += len(values)
                problems += [f"seed {seed}: {key}: {value}" for value in values]
    for problem in problems[:40]:
        print(problem)
    print(
        f"scenarios: {args.scenarios}, lost: {totals['lost']}, "
        f"unreported conflicts: {totals['unreported']}, rule violations: {totals['violations']}, "
        f"duplicates: {totals['duplicates']}, blocked: {totals['blocked']}"
    )
    print(
        f"(seed {args.seed}; {totals['killed']} killed; {totals['entries']} home actions; "
        f"{totals['conflicts']} conflicts listed; {time.perf_counter() - started:.0f} s)"
    )
    bad = sum(totals[key] for key in ("lost", "unreported", "violations", "duplicates", "blocked"))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
