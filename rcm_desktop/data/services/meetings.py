"""Reading meetings: the list and one meeting in full."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from rcm_desktop.data.db import Database
from rcm_desktop.data.models import Meeting, MeetingSession
from rcm_desktop.domain.vocabulary import MeetingKind, MeetingStatus, Modality
from rcm_desktop.i18n import localized


@dataclass(frozen=True)
class MeetingRow:
    """One line of the meetings list."""

    id: int
    title: str
    first_date: dt.date
    forums: tuple[str, ...]
    body: str
    modality: Modality
    status: MeetingStatus


@dataclass(frozen=True)
class AgendaLine:
    start: dt.time | None
    end: dt.time | None
    activity: str
    coordinator: str | None


@dataclass(frozen=True)
class SessionDetail:
    id: int
    position: int
    title: str
    date: dt.date | None
    start: dt.time | None
    end: dt.time | None
    description: str | None
    leads: tuple[str, ...]
    agenda: tuple[AgendaLine, ...]


@dataclass(frozen=True)
class QuestionDetail:
    id: int
    session_position: int | None
    phase: str | None
    context: str | None
    text: str
    delegation_position: str | None


@dataclass(frozen=True)
class MeetingDetail:
    """A meeting with everything its concept note says."""

    id: int
    title: str
    body: str
    body_seat: str | None
    forums: tuple[str, ...]
    forum_names: tuple[str, ...]
    kind: MeetingKind
    modality: Modality
    venue: str | None
    platform: str | None
    time_zone: str | None
    time_zone_label: str | None
    start_date: dt.date
    end_date: dt.date | None
    context: str | None
    objectives: str | None
    methodology: str | None
    interpretation: str | None
    participants: str | None
    max_participants_per_country: int | None
    observers_invited: bool | None
    civil_society_invited: bool | None
    status: MeetingStatus
    notes: str | None
    sessions: tuple[SessionDetail, ...]
    questions: tuple[QuestionDetail, ...]


#: Loader options that bring a meeting with everything the views and the editor show.
WHOLE_MEETING = (
    selectinload(Meeting.forums),
    joinedload(Meeting.convening_body),
    selectinload(Meeting.sessions).selectinload(MeetingSession.agenda_items),
    selectinload(Meeting.sessions).selectinload(MeetingSession.lead_countries),
    selectinload(Meeting.questions),
)


def list_meetings(database: Database) -> list[MeetingRow]:
    """Every meeting, newest first, dated by its first session (or its start date)."""
    from rcm_desktop.data.services.meeting_list import meeting_ids, meeting_rows

    ids = meeting_ids(database)
    rows = meeting_rows(database, ids)
    return [rows[meeting_id] for meeting_id in ids]


def get_meeting(database: Database, meeting_id: int) -> MeetingDetail | None:
    """One meeting in full, or None if it no longer exists."""
    with database.session() as session:
        meeting = session.scalar(
            select(Meeting).where(Meeting.id == meeting_id).options(*WHOLE_MEETING)
        )
        if meeting is None:
            return None
        position_of = {item.id: item.position for item in meeting.sessions}
        return MeetingDetail(
            id=meeting.id,
            title=meeting.title,
            body=localized(meeting.convening_body.names) if meeting.convening_body else "",
            body_seat=meeting.convening_body.seat if meeting.convening_body else None,
            forums=tuple(forum.code for forum in meeting.forums),
            forum_names=tuple(localized(forum.names) for forum in meeting.forums),
            kind=meeting.kind,
            modality=meeting.modality,
            venue=meeting.venue,
            platform=meeting.platform,
            time_zone=meeting.time_zone,
            time_zone_label=meeting.time_zone_label,
            start_date=meeting.start_date,
            end_date=meeting.end_date,
            context=meeting.context,
            objectives=meeting.objectives,
            methodology=meeting.methodology,
            interpretation=meeting.interpretation,
            participants=meeting.participants,
            max_participants_per_country=meeting.max_participants_per_country,
            observers_invited=meeting.observers_invited,
            civil_society_invited=meeting.civil_society_invited,
            status=meeting.status,
            notes=meeting.notes,
            sessions=tuple(
                SessionDetail(
                    id=item.id,
                    position=item.position,
                    title=item.title,
                    date=item.date,
                    start=item.start_time,
                    end=item.end_time,
                    description=item.description,
                    leads=tuple(country.code for country in item.lead_countries),
                    agenda=tuple(
                        AgendaLine(line.start_time, line.end_time, line.activity, line.coordinator)
                        for line in item.agenda_items
                    ),
                )
                for item in meeting.sessions
            ),
            questions=tuple(
                QuestionDetail(
                    id=question.id,
                    session_position=position_of.get(question.session_id)
                    if question.session_id
                    else None,
                    phase=question.phase,
                    context=question.context,
                    text=question.text,
                    delegation_position=question.delegation_position,
                )
                for question in meeting.questions
            ),
        )
