"""The ORM models round-trip through SQLite, and the database itself rejects bad rows."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError

from rcm_desktop.data.db import Database
from rcm_desktop.data.models import (
    AgendaItem,
    Body,
    Country,
    Forum,
    GuidingQuestion,
    Meeting,
    MeetingSession,
)
from rcm_desktop.domain.vocabulary import MeetingKind, MeetingStatus, Modality


def _meeting(**overrides: object) -> Meeting:
    values: dict[str, object] = {
        "title": "Taller de protección: niñez migrante",
        "kind": MeetingKind.WORKSHOP,
        "modality": Modality.HYBRID,
        "start_date": dt.date(2026, 3, 2),
        "end_date": dt.date(2026, 3, 3),
        "time_zone": "America/Costa_Rica",
    }
    values.update(overrides)
    return Meeting(**values)


def test_meeting_round_trip_keeps_every_value(database: Database) -> None:
    with database.session() as session:
        body = session.scalar(select(Body).where(Body.code == "RCM-WG-PROT"))
        forums = list(session.scalars(select(Forum).where(Forum.code.in_(["RCM", "MIRPS"]))))
        meeting = _meeting(convening_body=body, forums=forums, objectives="¿Qué? — ñandú")
        first = MeetingSession(
            position=1,
            title="Sesión 1",
            date=dt.date(2026, 3, 2),
            start_time=dt.time(9, 0),
            end_time=dt.time(11, 0),
            lead_countries=[session.get(Country, "CR"), session.get(Country, "PA")],
            agenda_items=[
                AgendaItem(
                    position=1,
                    start_time=dt.time(9),
                    end_time=dt.time(9, 10),
                    activity="Apertura",
                    coordinator="PPT",
                )
            ],
        )
        meeting.sessions.append(first)
        meeting.questions = [
            GuidingQuestion(
                position=1,
                session=first,
                text="¿Cuáles son los retos?",
                delegation_position="Compartir la experiencia.",
            ),
            GuidingQuestion(position=2, phase="Phase I", text="What steps?"),
        ]
        session.add(meeting)
        session.flush()
        meeting_id = meeting.id
    with database.session() as session:
        stored = session.get(Meeting, meeting_id)
        assert stored is not None
        assert stored.title == "Taller de protección: niñez migrante"
        assert stored.objectives == "¿Qué? — ñandú"
        assert stored.modality is Modality.HYBRID
        assert stored.status is MeetingStatus.INVITATION_RECEIVED
        assert stored.convening_body is not None and stored.convening_body.code == "RCM-WG-PROT"
        assert [forum.code for forum in stored.forums] == ["MIRPS", "RCM"]
        (stored_session,) = stored.sessions
        assert (stored_session.start_time, stored_session.end_time) == (dt.time(9), dt.time(11))
        assert [country.code for country in stored_session.lead_countries] == ["CR", "PA"]
        assert stored_session.agenda_items[0].activity == "Apertura"
        assert [question.text for question in stored.questions] == [
            "¿Cuáles son los retos?",
            "What steps?",
        ]
        assert stored.questions[0].session_id == stored_session.id
        assert stored.questions[0].delegation_position == "Compartir la experiencia."


def _rejected(database: Database, build) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(IntegrityError), database.session() as session:
        session.add(build(session))
        session.flush()


@pytest.mark.parametrize(
    "overrides",
    [
        {"title": "   "},
        {"end_date": dt.date(2026, 3, 1)},
        {"max_participants_per_country": 0},
    ],
    ids=["blank title", "end before start", "zero participants"],
)
def test_database_rejects_bad_meetings(database: Database, overrides: dict[str, object]) -> None:
    _rejected(database, lambda _session: _meeting(**overrides))


def test_database_rejects_session_ending_before_it_starts(database: Database) -> None:
    def build(_session):  # type: ignore[no-untyped-def]
        meeting = _meeting()
        meeting.sessions.append(
            MeetingSession(position=1, title="S", start_time=dt.time(11), end_time=dt.time(9))
        )
        return meeting

    _rejected(database, build)


def test_database_rejects_agenda_item_ending_before_it_starts(database: Database) -> None:
    def build(_session):  # type: ignore[no-untyped-def]
        meeting = _meeting()
        meeting.sessions.append(
            MeetingSession(
                position=1,
                title="S",
                agenda_items=[
                    AgendaItem(
                        position=1, start_time=dt.time(10), end_time=dt.time(10), activity="x"
                    )
                ],
            )
        )
        return meeting

    _rejected(database, build)


def test_database_rejects_two_sessions_at_one_position(database: Database) -> None:
    def build(_session):  # type: ignore[no-untyped-def]
        meeting = _meeting()
        meeting.sessions.extend(
            [MeetingSession(position=1, title="A"), MeetingSession(position=1, title="B")]
        )
        return meeting

    _rejected(database, build)


def test_database_rejects_unknown_country_and_enum_value(database: Database) -> None:
    with pytest.raises(IntegrityError), database.session() as session:
        session.execute(
            text(
                "INSERT INTO forum_members (forum_id, country_code, joined_year) VALUES (1, 'XX', 2000)"
            )
        )
    with pytest.raises(IntegrityError), database.session() as session:
        session.execute(
            text(
                "INSERT INTO meetings (title, kind, modality, start_date, status) "
                "VALUES ('t', 'banquet', 'virtual', '2026-01-01', 'held')"
            )
        )


def test_deleting_a_meeting_deletes_its_sessions_agenda_and_questions(
    demo_database: Database,
) -> None:
    with demo_database.session() as session:
        meeting = session.scalar(select(Meeting).where(Meeting.source_key == "mirps-workshop-2020"))
        session.delete(meeting)
    with demo_database.session() as session:
        counts = [
            session.scalar(text(f"SELECT count(*) FROM {table}"))
            for table in ("meetings", "sessions", "agenda_items", "guiding_questions")
        ]
    assert counts == [2, 7, 4, 23]
