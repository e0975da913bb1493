"""Meetings list benchmark on synthetic data: 10,000 meetings and 60,000 agenda items.

Prints, from one run: the list's open-to-first-paint time (median), the time of each filter
keystroke (median, typed into the search box with the repaint it causes), and what scrolling
from top to bottom reads from the store. Goals: first paint <= 150 ms, keystroke <= 50 ms,
and scrolling never holds every row in Python objects.

Run on purpose: `.venv/bin/python tests/benchmarks/meetings_list.py`.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from paint_probe import PaintProbe
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

MEETINGS = 10_000
SESSIONS_PER_MEETING = 2
AGENDA_PER_SESSION = 3
WORDS = [
    "regional",
    "follow-up",
    "workshop",
    "dialogue",
    "protection",
    "border",
    "management",
    "migration",
    "irregular",
    "mass",
    "strategy",
    "consultation",
    "plenary",
    "reunión",
    "taller",
    "diálogo",
    "protección",
    "frontera",
    "migración",
    "seguimiento",
]


def build_store(folder: Path):  # type: ignore[no-untyped-def]
    """A migrated store with reference data and synthetic meetings, written with bulk inserts."""
    from sqlalchemy import insert, select

    from rcm_desktop.data.models import (
        AgendaItem,
        Body,
        Forum,
        Meeting,
        MeetingSession,
        meeting_forums,
    )
    from rcm_desktop.data.store import open_database, prepare_store
    from rcm_desktop.domain.text import fold
    from rcm_desktop.paths import Profile

    profile = Profile(folder)
    database = open_database(profile)
    prepare_store(database, profile)
    rng = random.Random(2021)
    with database.session() as session:
        body_ids = list(session.scalars(select(Body.id)))
        forum_ids = list(session.scalars(select(Forum.id)))
        meetings, links, sessions, agenda = [], [], [], []
        session_id = agenda_id = 0
        for meeting_id in range(1, MEETINGS + 1):
            title = " ".join(rng.choice(WORDS) for _ in range(6)).capitalize() + f" {meeting_id}"
            start = dt.date(2010, 1, 1) + dt.timedelta(days=rng.randrange(365 * 16))
            meetings.append(
                {
                    "id": meeting_id,
                    "title": title,
                    "kind": "workshop",
                    "modality": "virtual",
                    "status": "held",
                    "start_date": start,
                    "end_date": start + dt.timedelta(days=1),
                    "first_date": start,
                    "search_text": fold(title),
                    "convening_body_id": rng.choice(body_ids),
                    "time_zone": "America/Costa_Rica",
                }
            )
            links.append({"meeting_id": meeting_id, "forum_id": rng.choice(forum_ids)})
            for position in range(1, SESSIONS_PER_MEETING + 1):
                session_id += 1
                sessions.append(
                    {
                        "id": session_id,
                        "meeting_id": meeting_id,
                        "position": position,
                        "title": f"Session {position}",
                        "date": start + dt.timedelta(days=position - 1),
                        "start_time": dt.time(9),
                        "end_time": dt.time(11),
                    }
                )
                for line in range(1, AGENDA_PER_SESSION + 1):
                    agenda_id += 1
                    agenda.append(
                        {
                            "id": agenda_id,
                            "session_id": session_id,
                            "position": line,
                            "start_time": dt.time(9, (line - 1) * 15),
                            "end_time": dt.time(9, line * 15),
                            "activity": f"Item {line}",
                            "coordinator": "PPT",
                        }
                    )
        session.execute(insert(Meeting.__table__), meetings)
        session.execute(insert(meeting_forums), links)
        session.execute(insert(MeetingSession.__table__), sessions)
        session.execute(insert(AgendaItem.__table__), agenda)
    return profile, database, agenda_id


def open_list(context) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    """Seconds from creating the meetings page to its table's first paint with rows."""
    from rcm_desktop.ui.pages.meetings import MeetingsPage

    started = time.perf_counter()
    page = MeetingsPage(context)
    page.resize(1200, 800)
    probe = PaintProbe()
    page.table.viewport().installEventFilter(probe)
    page.store_ready()
    page.show()
    while not probe.painted:
        QApplication.processEvents()
    return time.perf_counter() - started, page


def main() -> None:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    from rcm_desktop.preferences import Preferences
    from rcm_desktop.ui.context import AppContext
    from rcm_desktop.ui.tasks import TaskRunner

    with tempfile.TemporaryDirectory() as folder:
        built = time.perf_counter()
        profile, database, agenda_items = build_store(Path(folder))
        print(
            f"store: {MEETINGS:,} meetings, {agenda_items:,} agenda items (built in {time.perf_counter() - built:.1f} s)"
        )
        context = AppContext(
            profile=profile,
            preferences=Preferences(profile.preferences_path),
            tasks=TaskRunner(synchronous=True),
        )
        context.database = database

        open_list(context)[1].close()  # warm the caches once, untimed
        openings = []
        for _ in range(7):
            seconds, page = open_list(context)
            openings.append(seconds)
            page.close()
            page.deleteLater()
            app.processEvents()
        print(
            f"open list to first paint: median {statistics.median(openings) * 1000:.0f} ms (goal <= 150 ms)"
        )

        seconds, page = open_list(context)
        keystrokes = []
        for text in ("regional", "migración", "taller 12"):
            page.search.clear()
            app.processEvents()
            for character in text:
                started = time.perf_counter()
                QTest.keyClick(
                    page.search, character
                ) if character.isascii() else page.search.insert(character)
                app.processEvents()
                page.table.viewport().repaint()
                keystrokes.append(time.perf_counter() - started)
        print(
            f"filter keystroke: median {statistics.median(keystrokes) * 1000:.1f} ms, "
            f"slowest {max(keystrokes) * 1000:.1f} ms over {len(keystrokes)} keystrokes (goal <= 50 ms)"
        )

        page.clear_filters()
        app.processEvents()
        model = page.model
        model.rows_fetched = 0
        page.table.scrollToBottom()
        app.processEvents()
        page.table.viewport().repaint()
        print(
            f"jump to the bottom of {model.rowCount():,} rows: {model.rows_fetched} rows read from the store"
        )
        model.rows_fetched = 0
        bar = page.table.verticalScrollBar()
        bar.setValue(0)
        most_cached = 0
        started = time.perf_counter()
        while bar.value() < bar.maximum():
            bar.setValue(bar.value() + bar.pageStep())
            app.processEvents()
            page.table.viewport().repaint()
            most_cached = max(most_cached, model.cached_rows())
        print(
            f"scroll top to bottom, page by page: {time.perf_counter() - started:.1f} s, "
            f"{model.rows_fetched:,} rows read, at most {most_cached:,} rows held at once "
            f"(of {model.rowCount():,})"
        )
        page.close()
        database.dispose()


if __name__ == "__main__":
    main()
