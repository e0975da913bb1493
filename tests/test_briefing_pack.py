"""The briefing pack as a reader sees it: sections, both zones, accents, fonts, outline, gaps."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from rcm_desktop.data.db import Database
from rcm_desktop.data.models import (
    AgendaItem,
    GuidingQuestion,
    Meeting,
    MeetingSession,
    Nomination,
    Person,
)
from rcm_desktop.data.services.briefing_data import gather_briefing
from rcm_desktop.domain.vocabulary import MeetingKind, Modality, NominationRole
from rcm_desktop.errors import StorageError
from rcm_desktop.printing.briefing.pack import BriefingOptions, build_briefing
from rcm_desktop.printing.pdf.document import BuildCancelled

OPTIONS = BriefingOptions("en", "Confidential", dt.date(2021, 9, 1))


def _text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def _meeting_id(database: Database, key: str) -> int:
    with database.session() as session:
        return session.scalar(select(Meeting.id).where(Meeting.source_key == key))


@pytest.fixture
def followup(demo_database: Database):  # type: ignore[no-untyped-def]
    meeting_id = _meeting_id(demo_database, "irregular-mass-migration-followup-2021")
    return gather_briefing(demo_database, meeting_id, "HN", "America/Tegucigalpa")


def test_every_section_both_zones_and_outline(followup, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "pack.pdf"
    pages = build_briefing(followup, target, OPTIONS)
    reader = PdfReader(target)
    assert pages == len(reader.pages) > 4
    content = _text(target)
    for section in (
        "Contents",
        "Summary",
        "Objectives",
        "Schedule",
        "The delegation",
        "Guiding questions and our positions",
        "Documents under discussion",
        "Deadlines",
        "Key contacts",
        "Background",
        "Members of RCM",
        "CONFIDENTIAL",
        "Delegation of Honduras",
        "Prepared on",
        "September 1, 2021",
        f"Page 2 of {pages}",
    ):
        assert section in content, section
    # 10:00 in Mexico City (daylight saving in 2021) is 9:00 in Tegucigalpa.
    assert "10:00" in content and "9:00" in content
    assert "UTC-05:00" in content and "UTC-06:00" in content
    top = [item.title for item in reader.outline if not isinstance(item, list)]
    assert top[:3] == ["Contents", "Summary", "Schedule"]
    assert reader.metadata.title.startswith("Briefing pack: Second Follow-up")
    assert reader.metadata.author == "Delegation of Honduras"
    assert str(reader.trailer["/Root"]["/Lang"]) == "en"
    # The contents give the page each section starts on.
    background = next(item for item in reader.outline if getattr(item, "title", "") == "Background")
    page_of_background = reader.get_destination_page_number(background) + 1
    contents = reader.pages[1].extract_text()
    assert re.search(r"(\d+)\s*\nBackground", contents).group(1) == str(page_of_background)


def test_spanish_pack_keeps_accents_and_embeds_fonts(followup, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "es.pdf"
    build_briefing(followup, target, BriefingOptions("es", "Reservado", dt.date(2021, 9, 1)))
    content = _text(target)
    assert "Delegación de Honduras" in content
    assert "1 de septiembre de 2021" in content
    assert "México" in content and "Tegucigalpa" in content
    reader = PdfReader(target)
    assert str(reader.trailer["/Root"]["/Lang"]) == "es"
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            descriptor = font.get_object().get("/FontDescriptor")
            assert descriptor is not None and "/FontFile2" in descriptor.get_object()


def test_empty_meeting_builds_with_each_gap_marked(database: Database, tmp_path: Path) -> None:
    with database.session() as session:
        meeting = Meeting(
            title="Reunión sin datos",
            kind=MeetingKind.OTHER,
            modality=Modality.VIRTUAL,
            start_date=dt.date(2022, 5, 2),
        )
        session.add(meeting)
        session.flush()
        meeting_id = meeting.id
    data = gather_briefing(database, meeting_id, "HN", "America/Tegucigalpa")
    target = tmp_path / "empty.pdf"
    build_briefing(data, target, OPTIONS)
    content = " ".join(_text(target).split())
    for gap in (
        "No sessions recorded — add them in the meeting editor.",
        "No delegation recorded",
        "No guiding questions recorded",
        "No documents recorded for this meeting.",
        "No deadlines recorded for this meeting.",
        "No objectives recorded",
    ):
        assert gap in content, gap


HOSTILE = [
    "<b>not bold</b> & 'quotes' \"double\"",
    "</para><para>Q&A <draft>",
    "Palabra" + "x" * 290,  # as long as the column allows: no line can hold it
    "Emoji 😀👍🏽 here",
    "עברית ועוד",
    "العربية",
]


def test_hostile_strings_render_or_are_replaced(database: Database, tmp_path: Path) -> None:
    with database.session() as session:
        first = MeetingSession(
            position=1,
            title=HOSTILE[1],
            date=dt.date(2022, 5, 2),
            start_time=dt.time(9),
            end_time=dt.time(10),
            agenda_items=[
                AgendaItem(position=n, activity=value, coordinator=value)
                for n, value in enumerate(HOSTILE, start=1)
            ],
        )
        meeting = Meeting(
            title=HOSTILE[0],
            kind=MeetingKind.OTHER,
            modality=Modality.VIRTUAL,
            time_zone="America/Costa_Rica",
            start_date=dt.date(2022, 5, 2),
            objectives="\n\n".join(HOSTILE),
            venue=HOSTILE[3],
            sessions=[first],
        )
        meeting.questions = [
            GuidingQuestion(position=n, session=first, text=value, delegation_position=value)
            for n, value in enumerate(HOSTILE, start=1)
        ]
        person = Person(full_name=HOSTILE[1], institution=HOSTILE[2], email=HOSTILE[4])
        session.add_all([meeting, person])
        session.flush()
        session.add(
            Nomination(
                meeting_id=meeting.id,
                country_code="HN",
                person=person,
                role=NominationRole.HEAD,
            )
        )
        meeting_id = meeting.id
    data = gather_briefing(database, meeting_id, "HN", "Europe/Madrid")
    target = tmp_path / "hostile.pdf"
    build_briefing(data, target, OPTIONS)
    content = _text(target)
    assert "<b>not bold</b> & 'quotes'" in content
    assert "Q&A <draft>" in content
    assert "\ufffd" in content  # emoji and scripts the font lacks show a visible mark


def test_unwritable_path_gives_a_clear_message_and_no_file(followup, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(StorageError, match="does not exist"):
        build_briefing(followup, tmp_path / "missing" / "pack.pdf", OPTIONS)
    folder = tmp_path / "out"
    (folder / "pack.pdf").mkdir(parents=True)  # a folder stands where the file should go
    with pytest.raises(StorageError, match="could not be written"):
        build_briefing(followup, folder / "pack.pdf", OPTIONS)
    assert [p.name for p in folder.iterdir()] == ["pack.pdf"] and (folder / "pack.pdf").is_dir()


def test_cancel_leaves_no_file_and_progress_reaches_the_end(followup, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "cancelled.pdf"
    with pytest.raises(BuildCancelled):
        build_briefing(followup, target, OPTIONS, cancelled=lambda: True)
    assert list(folder.iterdir()) == []
    seen: list[tuple[int, int]] = []
    build_briefing(
        followup, target, OPTIONS, progress=lambda done, total: seen.append((done, total))
    )
    assert seen[-1] == (100, 100)
    assert [p.name for p in folder.iterdir()] == ["cancelled.pdf"]


def test_an_end_on_the_next_day_in_the_delegation_zone_is_marked(
    database: Database, tmp_path: Path
) -> None:
    with database.session() as session:
        meeting = Meeting(
            title="Taller en México",
            kind=MeetingKind.WORKSHOP,
            modality=Modality.VIRTUAL,
            time_zone="America/Mexico_City",
            start_date=dt.date(2020, 10, 6),
            sessions=[
                MeetingSession(
                    position=1,
                    title="Morning session",
                    date=dt.date(2020, 10, 6),
                    start_time=dt.time(10, 0),
                    end_time=dt.time(12, 0),
                    agenda_items=[
                        AgendaItem(position=1, activity="Opening", start_time=dt.time(10, 0),
                                   end_time=dt.time(10, 30)),
                    ],
                )
            ],
        )  # fmt: skip
        session.add(meeting)
        session.flush()
        meeting_id = meeting.id
    data = gather_briefing(database, meeting_id, "CN", "Asia/Shanghai")
    moment = data.sessions[0].delegation
    assert (moment.day, moment.end_day) == (dt.date(2020, 10, 6), dt.date(2020, 10, 7))
    target = tmp_path / "pack.pdf"
    build_briefing(data, target, OPTIONS)
    content = " ".join(_text(target).split())
    assert "11:00 PM–1:00 AM (next day)" in content
    assert "11:00 PM–11:30 PM" in content  # the opening ends the same day: no mark
