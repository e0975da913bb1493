"""A row taller than a page splits across pages instead of stopping the PDF (part of #15)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pypdf import PdfReader

from rcm_desktop.data.db import Database
from rcm_desktop.data.services.briefing_data import gather_briefing
from rcm_desktop.data.services.meeting_editing import save_meeting
from rcm_desktop.data.services.seats import SeatDraft, save_seat_setup
from rcm_desktop.data.services.settings import set_profile_country
from rcm_desktop.domain.meetings import AgendaDraft, MeetingDraft, QuestionDraft, SessionDraft
from rcm_desktop.printing.briefing.pack import BriefingOptions, build_briefing

#: About four pages of text, in one cell.
LONG = " ".join(["Intervención de la Presidencia Pro Tempore sobre la movilidad humana"] * 450)


def test_a_pack_whose_rows_are_taller_than_a_page_is_written(
    database: Database, tmp_path: Path
) -> None:
    set_profile_country(database, "HN")
    session = SessionDraft(
        "Mesa redonda",
        dt.date(2027, 3, 15),
        agenda=[AgendaDraft(dt.time(10), dt.time(11), LONG, LONG[:5000])],
    )
    meeting_id = save_meeting(
        database,
        MeetingDraft(
            title="Reunión con filas larguísimas",
            start_date=dt.date(2027, 3, 15),
            time_zone="America/Tegucigalpa",
            max_participants_per_country=2,
            sessions=[session],
            questions=[QuestionDraft(LONG, context=LONG, delegation_position=LONG)],
        ),
    )
    save_seat_setup(database, meeting_id, 2, "nota", [SeatDraft(LONG[:20000])])
    data = gather_briefing(database, meeting_id, "HN", "America/Tegucigalpa")
    for language in ("es",):
        target = tmp_path / f"carpeta-{language}.pdf"
        pages = build_briefing(data, target, BriefingOptions(language))
        assert pages > 8 and len(PdfReader(target).pages) == pages
        text = PdfReader(target).pages[-2].extract_text()
        assert "Pro Tempore" in text or "movilidad" in text


def test_a_100k_word_is_printed_quickly(database: Database, tmp_path: Path) -> None:
    """One unbroken 100,000-character word (a question, a position) took minutes: reportlab
    measured every prefix of it."""
    import time

    set_profile_country(database, "HN")
    word = "x" * 100_000
    meeting_id = save_meeting(
        database,
        MeetingDraft(
            title="Reunión con una palabra interminable",
            start_date=dt.date(2027, 3, 15),
            time_zone="America/Tegucigalpa",
            sessions=[SessionDraft("Sesión", dt.date(2027, 3, 15))],
            questions=[QuestionDraft(word, delegation_position=word)],
        ),
    )
    data = gather_briefing(database, meeting_id, "HN", "America/Tegucigalpa")
    target = tmp_path / "pack.pdf"
    started = time.perf_counter()
    pages = build_briefing(data, target, BriefingOptions("es"))
    assert time.perf_counter() - started < 60  # minutes before; seconds now
    assert len(PdfReader(target).pages) == pages > 10


def test_a_heading_taller_than_a_page_splits_and_keeps_one_short_bookmark(tmp_path: Path) -> None:
    """reportlab splits a paragraph by calling its class with arguments Heading refused
    (TypeError: a pack whose heading text filled a page was not written)."""
    from reportlab.platypus import Paragraph

    from rcm_desktop.printing.pdf.document import Heading, PageFurniture, PdfInfo, write_pdf
    from rcm_desktop.printing.pdf.markup import text
    from rcm_desktop.printing.pdf.styles import stylesheet

    styles = stylesheet()

    def story() -> list:
        return [Heading(text(LONG[:12000]), styles.h1, 0), Paragraph(text("Fin"), styles.body)]

    target = tmp_path / "titulo.pdf"
    info = PdfInfo(title="t", author="", subject="", language="es")
    furniture = PageFurniture(LONG[:12000], lambda page, total: f"{page}/{total}")
    pages = write_pdf(target, story, info, furniture)
    reader = PdfReader(target)
    assert len(reader.pages) == pages > 1
    assert len(reader.outline) == 1 and len(reader.outline[0].title) <= 200
