"""Change journal benchmark: a meeting's history, and bringing back a day's work from home.

Prints, from one run:

- the history of a meeting saved 1,000 times (1,000 journal entries, a SQLite profile),
  read with `history(db, "meeting", id)`: median of 5 (goal <= 100 ms);
- bring-back of 1,000 actions done at home through the services (meeting notes saved,
  directory entries created, document comments written) onto the server: total time, time
  per action, and the round trips to the server (statements, plus BEGIN, COMMIT and
  ROLLBACK) in total and per action (goal <= 10 s behind the slow link).

The server is a SQLite profile unless `--database-url URL` names a PostgreSQL server: a
fresh database is then created on it (as tests/postgres.py does) and dropped at the end.
With `--slow-link` the bring-back reaches that server through the responsiveness
benchmark's proxy, which holds every chunk back 50 ms each way (filling the server and
taking it home go direct). `--actions N` measures fewer actions (the goal is then scaled).

Run on purpose:
    .venv/bin/python -m tests.benchmarks.journal [--database-url URL] [--slow-link] [--actions N]
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url

from rcm_desktop.data.db import Database
from rcm_desktop.data.demo import DEMO_COUNTRY, load_demo
from rcm_desktop.data.store import open_database, prepare_store
from rcm_desktop.paths import Profile

ENTRIES = 1_000
ACTIONS = 1_000
GOAL_HISTORY_MS = 100
GOAL_BRING_BACK_S = 10.0  # for 1,000 actions, behind the slow link


def _median_ms(action: Any, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        action()
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times)


def _first_meeting(database: Database) -> int:
    from rcm_desktop.data.models import Meeting

    with database.session() as session:
        return int(session.scalar(select(Meeting.id).order_by(Meeting.id).limit(1)) or 0)


def _save_notes(database: Database, meeting_id: int, notes: str) -> None:
    from rcm_desktop.data.services.meeting_editing import load_draft, save_meeting

    draft = load_draft(database, meeting_id)
    save_meeting(database, dataclasses.replace(draft, notes=notes))


# -- a. history ---------------------------------------------------------------------------


def measure_history(folder: Path) -> float:
    from rcm_desktop.data.services.history import history

    profile = Profile(folder / "history").ensure()
    database = open_database(profile)
    prepare_store(database, profile)
    load_demo(database)
    meeting_id = _first_meeting(database)
    began = time.perf_counter()
    for number in range(ENTRIES):
        _save_notes(database, meeting_id, f"Notes, version {number}")
    saving = time.perf_counter() - began
    print(
        f"{ENTRIES:,} saves of one meeting: {saving:.1f} s "
        f"({saving / ENTRIES * 1000:.1f} ms a save, journal included)"
    )
    found = history(database, "meeting", meeting_id)
    took = _median_ms(lambda: history(database, "meeting", meeting_id))
    database.dispose()
    print(
        f"history of a meeting with {len(found.items):,} changes: median {took:.1f} ms "
        f"(goal <= {GOAL_HISTORY_MS} ms)"
    )
    return took


# -- b. bring-back ------------------------------------------------------------------------


@contextmanager
def server_store(folder: Path, url: str | None) -> Iterator[tuple[Database, str]]:
    """A server with the demo: a SQLite profile, or a fresh database on *url*; its URL."""
    profile = Profile(folder / "server").ensure()
    if url is None:
        database = open_database(profile)
        prepare_store(database, profile)
        load_demo(database)
        try:
            yield database, str(database.url)
        finally:
            database.dispose()
        return
    name = "bench_journal_" + uuid.uuid4().hex[:10]
    admin = create_engine(make_url(url).set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    fresh = make_url(url).set(database=name).render_as_string(hide_password=False)
    database = open_database(profile, fresh)
    try:
        prepare_store(database, profile)
        load_demo(database)
        yield database, fresh
    finally:
        database.dispose()
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def work_at_home(home: Database, actions: int) -> dict[str, int]:
    """*actions* user actions through the services, in turn: notes, a person, a comment."""
    from rcm_desktop.data.models import Document, Meeting
    from rcm_desktop.data.services.directory import save_person
    from rcm_desktop.data.services.document_reviews import CommentDraft, save_comment
    from rcm_desktop.domain.people import PersonFields

    with home.session() as session:
        meetings = list(session.scalars(select(Meeting.id).order_by(Meeting.id).limit(20)))
        documents = list(session.scalars(select(Document.id).order_by(Document.id).limit(20)))
    done = {"meeting notes": 0, "new people": 0, "comments": 0}
    for number in range(actions):
        if number % 3 == 0:
            meeting = meetings[(number // 3) % len(meetings)]
            _save_notes(home, meeting, f"Notes written at home, {number}")
            done["meeting notes"] += 1
        elif number % 3 == 1:
            fields = PersonFields(
                full_name=f"Persona {number} Casa",
                institution="Cancillería",
                country_code=DEMO_COUNTRY,
            )
            save_person(home, fields, confirm_similar=True)
            done["new people"] += 1
        else:
            document = documents[(number // 3) % len(documents)]
            draft = CommentDraft(comment=f"Comment {number}", section=f"§ {number % 40}")
            save_comment(home, document, DEMO_COUNTRY, draft)
            done["comments"] += 1
    return done


def measure_bring_back(folder: Path, url: str | None, slow: bool, actions: int) -> float:
    from rcm_desktop.data.services.replay import bring_back
    from rcm_desktop.data.take_home import take_home
    from tests.benchmarks.responsiveness import DELAY_S, DelayProxy, RoundTrips

    with server_store(folder, url) as (server, server_url):
        home = open_database(Profile(folder / "home").ensure())
        take_home(server, home, server_url)
        began = time.perf_counter()
        done = work_at_home(home, actions)
        print(
            f"{actions:,} actions at home ({', '.join(f'{n} {k}' for k, n in done.items())}) "
            f"in {time.perf_counter() - began:.1f} s"
        )
        where = "SQLite" if url is None else "PostgreSQL, direct"
        target = server
        if slow:
            address = make_url(server_url)
            proxy = DelayProxy(address.host or "127.0.0.1", address.port or 5432, DELAY_S)
            proxied = address.set(host="127.0.0.1", port=proxy.start())
            target = open_database(Profile(folder / "server"), proxied.render_as_string(False))
            where = f"PostgreSQL behind the slow link ({2 * DELAY_S * 1000:.0f} ms a round trip)"
        trips = RoundTrips(target.engine)

        def progress(number: int, total: int) -> None:
            if number == total or number % max(1, total // 10) == 0:
                print(
                    f"  {number}/{total} replayed, {time.perf_counter() - began:.1f} s", flush=True
                )

        began = time.perf_counter()
        report = bring_back(home, target, progress=progress)
        took = time.perf_counter() - began
        if target is not server:
            target.dispose()
        home.dispose()
    goal = GOAL_BRING_BACK_S * actions / ACTIONS
    conflicts = len(report.conflicts)
    print(
        f"bring-back of {report.replayed:,} actions on {where}: {took:.2f} s, "
        f"{took / max(1, report.replayed) * 1000:.1f} ms an action; {trips.count:,} round trips, "
        f"{trips.count / max(1, report.replayed):.1f} an action; written: {report.written}, "
        f"conflicts: {conflicts} (goal <= {goal:g} s behind the slow link)"
    )
    return took


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="a PostgreSQL server for the bring-back's server")
    parser.add_argument("--slow-link", action="store_true", help="bring back through the proxy")
    parser.add_argument("--actions", type=int, default=ACTIONS, help="actions done at home")
    parser.add_argument("--skip-history", action="store_true", help="only the bring-back")
    args = parser.parse_args()
    if args.slow_link and not args.database_url:
        parser.error("--slow-link needs --database-url (a PostgreSQL server)")
    with tempfile.TemporaryDirectory(prefix="rcm-journal-bench-") as name:
        folder = Path(name)
        took_history = 0.0 if args.skip_history else measure_history(folder)
        took = measure_bring_back(folder, args.database_url, args.slow_link, args.actions)
    ok = took_history <= GOAL_HISTORY_MS
    if args.slow_link:
        ok = ok and took <= GOAL_BRING_BACK_S * args.actions / ACTIONS
    if not args.slow_link:
        print(
            "(the bring-back goal is judged behind the slow link: --database-url URL --slow-link)"
        )
    print(
        ("goals met" if ok else "GOAL MISSED") + (" (history only)" if not args.slow_link else "")
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
