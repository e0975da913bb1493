"""Gathering a briefing pack's content: times in both zones, the delegation, documents, background."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from rcm_desktop.data.db import Database
from rcm_desktop.data.models import (
    AgendaItem,
    Deadline,
    Document,
    DocumentReview,
    Forum,
    GuidingQuestion,
    Meeting,
    MeetingSession,
    Nomination,
    Person,
    Seat,
)
from rcm_desktop.data.services.briefing_data import gather_briefing
from rcm_desktop.domain.vocabulary import (
    AnchorKind,
    DeadlineKind,
    DeadlineRule,
    DocumentKind,
    MeetingKind,
    Modality,
    NominationRole,
    NominationStatus,
    ReviewStage,
)
from rcm_desktop.errors import ValidationError


def _meeting_id(database: Database, key: str) -> int:
    with database.session() as session:
        return session.scalar(select(Meeting.id).where(Meeting.source_key == key))


def _person(name: str, **fields: object) -> Person:
    return Person(full_name=name, institution=fields.pop("institution", "Instituto"), **fields)


@pytest.fixture
def staffed(database: Database) -> int:
    """A 2020 RCM–MIRPS meeting with seats, nominations, a document and deadlines on it."""
    with database.session() as session:
        forums = list(session.scalars(select(Forum).where(Forum.code.in_(["RCM", "MIRPS"]))))
        meeting = Meeting(
            title="Taller",
            kind=MeetingKind.WORKSHOP,
            modality=Modality.VIRTUAL,
            start_date=dt.date(2020, 10, 6),
            forums=forums,
        )
        session.add(meeting)
        session.flush()
        meeting_id = meeting.id
        mirps = session.scalar(select(Forum).where(Forum.code == "MIRPS"))
        seats = [
            Seat(meeting_id=meeting_id, position=1, profile="Autoridad migratoria"),
            Seat(meeting_id=meeting_id, position=2, profile="Otra institución"),
            Seat(meeting_id=meeting_id, position=3, forum=mirps, beyond_limit=True),
        ]
        session.add_all(seats)
        head = _person("María José Núñez", honorific="Lic.", email="mjn@example.org")
        gone = _person("Withdrawn Person")
        other = _person("Costa Rican Delegate")
        session.add_all([head, gone, other])
        session.flush()
        session.add_all(
            [
                Nomination(
                    meeting_id=meeting_id,
                    country_code="HN",
                    seat=seats[0],
                    person=head,
                    role=NominationRole.HEAD,
                    status=NominationStatus.CONFIRMED,
                ),
                Nomination(
                    meeting_id=meeting_id,
                    country_code="HN",
                    seat=seats[1],
                    person=gone,
                    role=NominationRole.DELEGATE,
                    status=NominationStatus.WITHDRAWN,
                ),
                Nomination(
                    meeting_id=meeting_id,
                    country_code="CR",
                    seat=seats[1],
                    person=other,
                    role=NominationRole.DELEGATE,
                    status=NominationStatus.DRAFT,
                ),
            ]
        )
        document = Document(
            title="Protocolo regional", kind=DocumentKind.PROTOCOL, meeting_id=meeting_id
        )
        session.add(document)
        session.flush()
        ours = DocumentReview(
            document_id=document.id,
            country_code="HN",
            stage=ReviewStage.IN_REVIEW,
            received_on=dt.date(2020, 10, 8),
        )
        theirs = DocumentReview(
            document_id=document.id, country_code="CR", received_on=dt.date(2020, 10, 9)
        )
        session.add_all([ours, theirs])
        session.flush()
        for review in (ours, theirs):
            session.add(
                Deadline(
                    title=f"Comments {review.country_code}",
                    kind=DeadlineKind.COMMENTS,
                    rule=DeadlineRule.CALENDAR_DAYS,
                    days=10,
                    anchor_kind=AnchorKind.DOCUMENT,
                    anchor_document_review_id=review.id,
                    due_date=review.received_on + dt.timedelta(days=10),
                )
            )
    return meeting_id


def test_sessions_in_both_zones_with_daylight_saving(demo_database: Database) -> None:
    meeting_id = _meeting_id(demo_database, "irregular-mass-migration-followup-2021")
    data = gather_briefing(demo_database, meeting_id, "hn", "America/Tegucigalpa")
    assert data.country == "HN" and data.zones_differ
    session = data.sessions[0]
    # Mexico City kept daylight saving time in 2021 (UTC−5); Tegucigalpa is UTC−6.
    assert session.organiser.utc_offset == "UTC\u221205:00"
    assert session.delegation.utc_offset == "UTC\u221206:00"
    assert session.delegation.start == dt.time(session.organiser.start.hour - 1, 0)
    assert session.agenda and session.agenda[0].delegation is not None
    assert [forum.presidency for forum in data.forums] == ["MX"]
    assert data.deadlines and data.deadlines[0].due is not None
    assert data.question_groups and all(group.questions for group in data.question_groups)


def test_dates_shift_across_midnight(database: Database) -> None:
    with database.session() as session:
        meeting = Meeting(
            title="Late call",
            kind=MeetingKind.DIALOGUE,
            modality=Modality.VIRTUAL,
            time_zone="America/Costa_Rica",
            start_date=dt.date(2021, 3, 1),
            sessions=[
                MeetingSession(
                    position=1,
                    title="Only",
                    date=dt.date(2021, 3, 1),
                    start_time=dt.time(20, 0),
                    end_time=dt.time(21, 30),
                    agenda_items=[
                        AgendaItem(position=1, activity="Talk", start_time=dt.time(20, 0))
                    ],
                )
            ],
        )
        session.add(meeting)
        session.flush()
        meeting_id = meeting.id
    data = gather_briefing(database, meeting_id, "ES", "Europe/Madrid")
    moment = data.sessions[0].delegation
    assert moment.day == dt.date(2021, 3, 2) and moment.start == dt.time(3, 0)
    assert data.sessions[0].agenda[0].delegation.day == dt.date(2021, 3, 2)


def test_delegation_seats_and_documents(staffed: int, database: Database) -> None:
    data = gather_briefing(database, staffed, "HN", "America/Tegucigalpa")
    assert [d.name for d in data.delegates] == ["María José Núñez"]  # withdrawn and CR left out
    assert data.delegates[0].honorific == "Lic." and data.delegates[0].seat_position == 1
    # Honduras belongs to MIRPS in 2020, so the reserved seat 3 is open and empty too.
    assert [seat.position for seat in data.empty_seats] == [2, 3]
    document = data.documents[0]
    assert document.stage == ReviewStage.IN_REVIEW
    assert [d.title for d in document.deadlines] == ["Comments HN"]
    assert "Comments CR" not in [d.title for d in data.deadlines]
    # A country outside MIRPS sees seat 3 as not open to it.
    canada = gather_briefing(database, staffed, "CA", None)
    assert [seat.position for seat in canada.empty_seats] == [1, 2]
    assert not canada.seats[2].open_to_country
    assert canada.documents[0].stage is None and canada.delegation_zone is None


def test_membership_respects_start_years(demo_database: Database) -> None:
    meeting_id = _meeting_id(demo_database, "mirps-workshop-2020")
    data = gather_briefing(demo_database, meeting_id, "HN", None)
    mirps = next(forum for forum in data.forums if forum.code == "MIRPS")
    assert "SV" in mirps.members  # joined 2019
    with demo_database.session() as session:
        meeting = session.get(Meeting, meeting_id)
        meeting.start_date = dt.date(2018, 5, 1)
        meeting.end_date = None
        for item in meeting.sessions:
            item.date = None
    earlier = gather_briefing(demo_database, meeting_id, "HN", None)
    mirps = next(forum for forum in earlier.forums if forum.code == "MIRPS")
    assert "SV" not in mirps.members and "HN" in mirps.members
    assert {org.code for org in data.observers} >= {"IOM", "UNHCR"}
    assert {body.forum_code for body in data.secretariats} == {"MIRPS", "RCM"}


def test_questions_grouped_by_session_or_phase(database: Database) -> None:
    with database.session() as session:
        first = MeetingSession(position=1, title="Uno")
        meeting = Meeting(
            title="Q",
            kind=MeetingKind.WORKSHOP,
            modality=Modality.VIRTUAL,
            start_date=dt.date(2021, 1, 1),
            sessions=[first],
        )
        meeting.questions = [
            GuidingQuestion(position=1, session=first, text="a"),
            GuidingQuestion(position=2, phase="Fase 1", text="b"),
            GuidingQuestion(position=3, session=first, text="c", delegation_position="Sí"),
            GuidingQuestion(position=4, text="d"),
        ]
        session.add(meeting)
        session.flush()
        meeting_id = meeting.id
    groups = gather_briefing(database, meeting_id, "HN", None).question_groups
    assert [(g.session_title, g.phase, [q.text for q in g.questions]) for g in groups] == [
        ("Uno", None, ["a", "c"]),
        (None, "Fase 1", ["b"]),
        (None, None, ["d"]),
    ]


def test_missing_meeting_or_country_is_refused(database: Database) -> None:
    with pytest.raises(ValidationError, match="no longer exists"):
        gather_briefing(database, 999, "HN", None)
    with pytest.raises(ValidationError) as refused:
        gather_briefing(database, 1, "", None)
    assert refused.value.field == "country"
