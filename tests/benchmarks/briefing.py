"""Briefing pack benchmark.

Prints, from one run: the demo plenary's pack (six sessions, two forums, 23 countries; goal
<= 0.5 s), a synthetic pack of about 200 pages (goal <= 5 s), and the ratio of that build to
a bare reportlab build of the same flowables with the same table of contents (goal <= 1.3).
Each figure is the median of a few runs, after one warm-up build (fonts, babel data).

Run on purpose: `.venv/bin/python tests/benchmarks/briefing.py`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

RUNS = 3


def _median(function, runs: int = RUNS) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def demo_plenary(folder: Path):  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from rcm_desktop.data.demo import load_demo
    from rcm_desktop.data.models import Meeting
    from rcm_desktop.data.services.briefing_data import gather_briefing
    from rcm_desktop.data.store import open_database, prepare_store
    from rcm_desktop.paths import Profile

    profile = Profile(folder / "profile").ensure()
    database = open_database(profile)
    prepare_store(database, profile)
    load_demo(database)
    with database.session() as session:
        meeting_id = session.scalar(
            select(Meeting.id).where(Meeting.source_key == "rcm-sacm-plenary-2021")
        )
    return database, meeting_id, gather_briefing


def synthetic(data, copies: int):  # type: ignore[no-untyped-def]
    """The demo follow-up pack with its sessions, questions and delegates repeated."""
    from rcm_desktop.printing.briefing.data import QuestionData, QuestionGroup

    sessions = tuple(
        dataclasses.replace(session, position=n, title=f"{session.title} ({n})")
        for n in range(1, copies + 1)
        for session in data.sessions
    )
    groups = tuple(
        QuestionGroup(
            f"Sesión {n}: protección internacional y gestión de fronteras",
            None,
            ("MX", "CR"),
            tuple(
                QuestionData(
                    f"¿Qué prácticas de cooperación regional ({k}) pueden ampliarse?",
                    "Contexto: la región enfrenta flujos mixtos.",
                    "Honduras propone fortalecer los mecanismos de información. " * 4,
                )
                for k in range(1, 7)
            ),
        )
        for n in range(1, copies + 1)
    )
    return dataclasses.replace(
        data,
        sessions=sessions,
        question_groups=groups,
        delegates=data.delegates * copies,
        deadlines=data.deadlines * copies,
        documents=data.documents * copies,
    )


def bare_build(story, target: Path) -> int:  # type: ignore[no-untyped-def]
    """What a plain reportlab program does: a doc template that feeds its contents, no extras."""
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import SimpleDocTemplate

    from rcm_desktop.printing.pdf.document import MARGIN, Heading

    class Bare(SimpleDocTemplate):
        def afterFlowable(self, flowable) -> None:  # type: ignore[no-untyped-def]
            if isinstance(flowable, Heading):
                key = f"h{id(flowable)}"
                self.canv.bookmarkPage(key)
                if flowable.in_contents:
                    text = flowable.getPlainText()
                    self.notify("TOCEntry", (flowable.outline_level, text, self.page, key))

    document = Bare(
        str(target),
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
    )
    document.multiBuild(story)
    return document.page


def main() -> int:
    from rcm_desktop.data.services.briefing_data import gather_briefing
    from rcm_desktop.printing.briefing.pack import BriefingOptions, bare_story, build_briefing

    options = BriefingOptions("es", "Confidencial", dt.date(2021, 9, 1))
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        database, meeting_id, gather = demo_plenary(folder)
        plenary = gather(database, meeting_id, "HN", "America/Tegucigalpa")
        target = folder / "plenary.pdf"
        build_briefing(plenary, target, options)  # warm-up: fonts, babel, glyph tables
        plenary_pages = build_briefing(plenary, target, options)
        plenary_time = _median(
            lambda: build_briefing(
                gather_briefing(database, meeting_id, "HN", "America/Tegucigalpa"),
                target,
                options,
            )
        )

        from sqlalchemy import select

        from rcm_desktop.data.models import Meeting

        with database.session() as session:
            followup_id = session.scalar(
                select(Meeting.id).where(
                    Meeting.source_key == "irregular-mass-migration-followup-2021"
                )
            )
        followup = gather_briefing(database, followup_id, "HN", "America/Tegucigalpa")
        big = synthetic(followup, 80)
        big_target = folder / "big.pdf"
        big_pages = build_briefing(big, big_target, options)
        big_time = _median(lambda: build_briefing(big, big_target, options))
        bare_target = folder / "bare.pdf"
        bare_pages = bare_build(bare_story(big, options), bare_target)
        bare_time = _median(lambda: bare_build(bare_story(big, options), bare_target))
        database.dispose()

    ratio = big_time / bare_time
    print(f"demo plenary pack: {plenary_pages} pages in {plenary_time:.3f} s (goal <= 0.5 s)")
    print(f"synthetic pack: {big_pages} pages in {big_time:.3f} s (goal <= 5 s)")
    print(f"bare reportlab, same flowables and contents: {bare_pages} pages in {bare_time:.3f} s")
    print(f"ratio: {ratio:.2f} (goal <= 1.3)")
    met = plenary_time <= 0.5 and big_time <= 5 and ratio <= 1.3
    print("all goals met" if met else "GOALS MISSED")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
