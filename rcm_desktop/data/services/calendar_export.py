"""Meeting sessions and deadlines as an iCalendar file that Outlook and Thunderbird import."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path

from rcm_desktop import __version__
from rcm_desktop.data.db import Database
from rcm_desktop.data.services.deadline_lists import list_deadlines
from rcm_desktop.data.services.meetings import get_meeting, list_meetings
from rcm_desktop.domain.timezones import zone
from rcm_desktop.domain.vocabulary import label
from rcm_desktop.errors import StorageError
from rcm_desktop.i18n import _

UID_DOMAIN = "rcm-desk.local"


def build_calendar(database: Database) -> bytes:
    """Every dated session (in its organiser's zone, or all-day) and every open deadline."""
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", f"-//RCM Desk//{__version__}//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", _("RCM Desk: meetings and deadlines"))
    stamp = dt.datetime.now(dt.UTC)
    for row in list_meetings(database):
        meeting = get_meeting(database, row.id)
        if meeting is None:
            continue
        for session in meeting.sessions:
            if session.date is None:
                continue
            event = Event()
            event.add("uid", f"session-{session.id}@{UID_DOMAIN}")
            event.add("dtstamp", stamp)
            event.add("summary", f"{meeting.title} — {session.title}")
            info = zone(meeting.time_zone) if meeting.time_zone else None
            if info is not None and session.start and session.end:
                event.add("dtstart", dt.datetime.combine(session.date, session.start, tzinfo=info))
                event.add("dtend", dt.datetime.combine(session.date, session.end, tzinfo=info))
            else:
                event.add("dtstart", session.date)
                event.add("dtend", session.date + dt.timedelta(days=1))
            where = ", ".join(value for value in (meeting.venue, meeting.platform) if value)
            if where:
                event.add("location", where)
            event.add(
                "description", ", ".join(filter(None, (meeting.body, " / ".join(meeting.forums))))
            )
            calendar.add_component(event)
    for deadline in list_deadlines(database):
        if deadline.due is None:
            continue
        event = Event()
        event.add("uid", f"deadline-{deadline.id}@{UID_DOMAIN}")
        event.add("dtstamp", stamp)
        event.add("summary", _("Deadline: %(title)s") % {"title": deadline.title})
        event.add("dtstart", deadline.due)
        event.add("dtend", deadline.due + dt.timedelta(days=1))
        event.add("categories", [label(deadline.kind)])
        if deadline.meeting_title:
            event.add("description", deadline.meeting_title)
        calendar.add_component(event)
    if hasattr(calendar, "add_missing_timezones"):  # VTIMEZONE blocks, which Outlook needs
        calendar.add_missing_timezones()
    return calendar.to_ical()


def write_calendar(database: Database, target: Path) -> Path:
    """Write the calendar to *target* atomically (temporary file, then rename)."""
    data = build_calendar(database)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".partial-", suffix=".ics")
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, target)
    except OSError as error:
        raise StorageError(
            _("The calendar could not be written to %(path)s: %(reason)s.")
            % {"path": target, "reason": error.strerror or error}
        ) from error
    return target
