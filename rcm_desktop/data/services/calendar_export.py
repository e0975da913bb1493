"""Meeting sessions and deadlines for the user's calendar program, read in one transaction."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from rcm_desktop import __version__
from rcm_desktop.data.db import Database
from rcm_desktop.data.models import Meeting, MeetingSession
from rcm_desktop.data.services.deadline_lists import list_deadlines
from rcm_desktop.domain.vocabulary import label
from rcm_desktop.exchange.icalendar import (
    DeadlineEvent,
    SessionEvent,
    calendar_bytes,
    write_calendar_file,
)
from rcm_desktop.i18n import _, current_language, format_list, localized


def calendar_events(database: Database) -> tuple[list[SessionEvent], list[DeadlineEvent]]:
    """Every dated session (with its meeting) and every open deadline with a due date."""
    with database.session() as session:
        meetings = session.scalars(
            select(Meeting)
            .join(MeetingSession, MeetingSession.meeting_id == Meeting.id)
            .where(MeetingSession.date.is_not(None))
            .options(
                selectinload(Meeting.sessions),
                selectinload(Meeting.forums),
                selectinload(Meeting.convening_body),
            )
            .distinct()
            .order_by(Meeting.first_date, Meeting.id)
        )
        sessions = [
            SessionEvent(
                session_id=item.id,
                meeting_title=meeting.title,
                session_title=item.title,
                day=item.date,
                start=item.start_time,
                end=item.end_time,
                time_zone=meeting.time_zone,
                location=format_list([meeting.venue or "", meeting.platform or ""]),
                description=_description(meeting),
            )
            for meeting in meetings
            for item in meeting.sessions
            if item.date is not None
        ]
    deadlines = [
        DeadlineEvent(row.id, row.title, row.due, label(row.kind), row.meeting_title)
        for row in list_deadlines(database)
        if row.due is not None
    ]
    return sessions, deadlines


def _description(meeting: Meeting) -> str:
    """Who convenes the meeting and in which forums, in a sentence."""
    forums = format_list([forum.code for forum in meeting.forums])
    if meeting.convening_body is None:
        return forums
    body = localized(meeting.convening_body.names)
    if not forums:
        return _("Convened by %(body)s.") % {"body": body}
    return _("Convened by %(body)s, in %(forums)s.") % {"body": body, "forums": forums}


def build_calendar(database: Database) -> bytes:
    """The iCalendar file's bytes, in the interface's language."""
    sessions, deadlines = calendar_events(database)
    return calendar_bytes(sessions, deadlines, version=__version__, language=current_language())


def write_calendar(database: Database, target: Path) -> Path:
    """Write the calendar to *target* atomically; returns the path."""
    return write_calendar_file(target, build_calendar(database))
