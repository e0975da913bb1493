"""Deadlines benchmark: 50,000 deadlines over every RCM and SACM calendar.

Prints, from one run: the time to recompute every due date (goal <= 0.5 s) and the dashboard's
first paint with those deadlines and 5,000 documents (each with the profile country's review,
a fifth of them with a deadline counted from their receipt) in the store (median, goal <= 200 ms).

Run on purpose: `.venv/bin/python tests/benchmarks/deadlines.py`.
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
from PySide6.QtWidgets import QApplication

DEADLINES = 50_000
DOCUMENTS = 5_000


def build_store(folder: Path):  # type: ignore[no-untyped-def]
    from sqlalchemy import insert

    from rcm_desktop.data.models import CalendarClosure, Deadline, Document, DocumentReview
    from rcm_desktop.data.services.settings import COUNTRY_KEY, set_setting
    from rcm_desktop.data.store import open_database, prepare_store
    from rcm_desktop.domain.workdays import SUPPORTED_CALENDARS
    from rcm_desktop.paths import Profile

    def set_profile_country_in(session) -> None:  # type: ignore[no-untyped-def]
        set_setting(session, COUNTRY_KEY, "HN")

    profile = Profile(folder)
    database = open_database(profile)
    prepare_store(database, profile)
    rng = random.Random(7)
    today = dt.date.today()
    rows = []
    for number in range(1, DEADLINES + 1):
        rule = rng.choices(["working_days", "calendar_days", "fixed"], weights=[8, 1, 1])[0]
        anchor = today + dt.timedelta(days=rng.randint(-400, 400))
        rows.append(
            {
                "id": number,
                "title": f"Deadline {number}",
                "kind": "comments",
                "rule": rule,
                "fixed_date": anchor if rule == "fixed" else None,
                "days": None if rule == "fixed" else rng.randint(1, 30),
                "anchor_kind": None if rule == "fixed" else "date",
                "anchor_date": None if rule == "fixed" else anchor,
                "calendar_country": rng.choice(SUPPORTED_CALENDARS)
                if rule == "working_days"
                else None,
                "calendar_categories": "public",
                "due_date": None,
                "anchor_document_review_id": None,
            }
        )
    documents, reviews = [], []
    stages = ["received", "in_review", "comments_sent", "approval_submitted", "approved"]
    for number in range(1, DOCUMENTS + 1):
        received = today - dt.timedelta(days=rng.randint(0, 400))
        documents.append(
            {"id": number, "title": f"Document {number}", "kind": "protocol", "version": "draft"}
        )
        reviews.append(
            {
                "id": number,
                "document_id": number,
                "country_code": "HN",
                "stage": rng.choice(stages),
                "received_on": received,
            }
        )
    for number in range(1, DOCUMENTS + 1, 5):  # a fifth counted from the document's receipt
        rows[number]["anchor_kind"] = "document" if rows[number]["rule"] != "fixed" else None
        rows[number]["anchor_document_review_id"] = (
            number if rows[number]["rule"] != "fixed" else None
        )
    with database.session() as session:
        session.execute(insert(Document.__table__), documents)
        session.execute(insert(DocumentReview.__table__), reviews)
        session.execute(insert(Deadline.__table__), rows)
        set_profile_country_in(session)
        session.execute(
            insert(CalendarClosure.__table__),
            [
                {"country_code": "HN", "day": today + dt.timedelta(days=offset), "reason": "bridge"}
                for offset in (5, 40)
            ],
        )
    return profile, database


def main() -> None:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    from rcm_desktop.data.services.due_dates import recompute_in
    from rcm_desktop.preferences import Preferences
    from rcm_desktop.ui.context import AppContext
    from rcm_desktop.ui.pages.dashboard import DashboardPage
    from rcm_desktop.ui.tasks import TaskRunner

    with tempfile.TemporaryDirectory() as folder:
        profile, database = build_store(Path(folder))
        with database.session() as session:
            recompute_in(session)  # warm the holiday indexes once, untimed
        runs = []
        for _ in range(5):
            with database.session() as session:
                session.execute(
                    __import__("sqlalchemy").text("UPDATE deadlines SET due_date = NULL")
                )
            started = time.perf_counter()
            with database.session() as session:
                moved = recompute_in(session)
            runs.append(time.perf_counter() - started)
        print(
            f"recompute {moved:,} deadlines over 23 calendars: median {statistics.median(runs):.3f} s (goal <= 0.5 s)"
        )

        context = AppContext(
            profile=profile,
            preferences=Preferences(profile.preferences_path),
            tasks=TaskRunner(synchronous=True),
        )
        context.database = database
        paints = []
        for _ in range(7):
            started = time.perf_counter()
            page = DashboardPage(context)
            probe = PaintProbe()
            page.summary.installEventFilter(probe)
            page.resize(1100, 800)
            page.show()
            while not probe.painted:
                app.processEvents()
            paints.append(time.perf_counter() - started)
            page.close()
            page.deleteLater()
            app.processEvents()
        print(
            f"dashboard with {DEADLINES:,} deadlines and {DOCUMENTS:,} documents, first paint: "
            f"median {statistics.median(paints) * 1000:.0f} ms (goal <= 200 ms)"
        )
        database.dispose()


if __name__ == "__main__":
    main()
